#include "api/xml_writer.hpp"

#include <gtest/gtest.h>

namespace soj::api {
namespace {

TEST(XmlWriterTest, EscapesTextAndAttributes) {
  XmlWriter xml;
  xml.Open("feed", {{"xmlns", "http://www.w3.org/2005/Atom"}});
  xml.Element("title", "<script>alert('x')</script> & ]]> \"q\"");
  xml.Element("link", "", {{"href", "https://e.org/?a=1&b=\"2\"<'>"}});
  const std::string doc = xml.Finish();
  EXPECT_EQ(doc,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
            "<title>&lt;script&gt;alert('x')&lt;/script&gt; &amp; ]]&gt; \"q\"</title>"
            "<link href=\"https://e.org/?a=1&amp;b=&quot;2&quot;&lt;&apos;&gt;\"/>"
            "</feed>\n");
}

TEST(XmlWriterTest, ReplacesWhatXmlCannotCarry) {
  // NUL, ESC, a lone continuation byte, a surrogate encoded in UTF-8, U+FFFF; tabs, newlines
  // and other scripts pass.
  const std::string in = std::string("a\0b", 3) + "\x1b" + "\x80" + "\xED\xA0\x80" +
                         "\xEF\xBF\xBF" + "\t\n" + "Беларусь";
  std::string replaced;
  for (int i = 0; i < 6; ++i) replaced += "\xEF\xBF\xBD";  // the surrogate's 3 bytes: 3
  EXPECT_EQ(XmlSafe(in),
            "a\xEF\xBF\xBD"
            "b" +
                replaced + "\t\nБеларусь");
  XmlWriter xml;
  xml.Element("t", "x\ry", {{"a", "1\t2\n3"}});
  EXPECT_NE(xml.Finish().find("<t a=\"1&#9;2&#10;3\">x&#13;y</t>"), std::string::npos);
}

TEST(XmlWriterTest, FinishClosesWhatIsOpen) {
  XmlWriter xml;
  xml.Open("a");
  xml.Open("b");
  xml.Text("t");
  EXPECT_EQ(xml.Finish(), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a><b>t</b></a>\n");
}

}  // namespace
}  // namespace soj::api
