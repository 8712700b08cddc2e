// The HTML writer escapes every text node and attribute value, and refuses unsafe names and
// URLs, so no alert text can become markup.

#include <gtest/gtest.h>

#include "dashboards/html.hpp"

namespace soj::dashboards {
namespace {

TEST(Html, EscapesTextNodes) {
  Html h;
  h.Element("p", "<script>alert('x')</script> & \"quotes\"");
  EXPECT_EQ(h.str(),
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</p>");
}

TEST(Html, EscapesAttributeValues) {
  Html h;
  h.Void("input", {{"value", "\" onfocus=\"alert(1)"}, {"title", "<b>'x'</b>"}});
  EXPECT_EQ(
      h.str(),
      "<input value=\"&quot; onfocus=&quot;alert(1)\" title=\"&lt;b&gt;&#39;x&#39;&lt;/b&gt;\">");
}

TEST(Html, DropsUnsafeAttributeAndTagNames) {
  Html h;
  h.Element("p", {{"onclick x", "1"}, {"class", "ok"}, {"data-id", "7"}}, "t");
  h.Element("script src=x", "t");
  EXPECT_EQ(h.str(), "<p class=\"ok\" data-id=\"7\">t</p><span>t</span>");
}

TEST(Html, RefusesScriptUrls) {
  EXPECT_EQ(SafeUrl("javascript:alert(1)"), "#");
  EXPECT_EQ(SafeUrl("JaVaScRiPt:alert(1)"), "#");
  EXPECT_EQ(SafeUrl("java\nscript:alert(1)"), "#");
  EXPECT_EQ(SafeUrl("data:text/html,<b>"), "#");
  EXPECT_EQ(SafeUrl("//evil.example/x"), "#");
  EXPECT_EQ(SafeUrl("/alerts?country=BY"), "/alerts?country=BY");
  EXPECT_EQ(SafeUrl("https://example.org/a"), "https://example.org/a");
  Html h;
  h.Element("a", {{"href", "javascript:alert(1)"}}, "x");
  EXPECT_EQ(h.str(), "<a href=\"#\">x</a>");
}

TEST(Html, ScopesCloseInOrderAndFlagsAreOptional) {
  Html h;
  {
    auto ul = h.Open("ul");
    auto li = h.Open("li", {Flag("hidden", false), Flag("open")});
    h.Text("a<b");
  }
  EXPECT_EQ(h.str(), "<ul><li open>a&lt;b</li></ul>");
}

TEST(Html, ParagraphsKeepLineBreaksEscaped) {
  Html h;
  h.Paragraphs("one <i>\nline two\n\nsecond");
  EXPECT_EQ(h.str(), "<p>one &lt;i&gt;<br>line two</p><p>second</p>");
}

}  // namespace
}  // namespace soj::dashboards
