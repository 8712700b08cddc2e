#pragma once
// XmlWriter: builds an XML 1.0 document with every text and attribute value escaped, so text
// from alerts can never close an element, open a CDATA section or inject markup. Characters
// XML 1.0 cannot carry (most C0 controls, U+FFFE/U+FFFF, invalid UTF-8) become U+FFFD.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soj::api {

class XmlWriter {
 public:
  using Attributes = std::vector<std::pair<std::string_view, std::string_view>>;

  // Starts the document with the XML declaration (UTF-8).
  XmlWriter();

  // <name attrs...>; names are the caller's constants, never user text.
  void Open(std::string_view name, const Attributes& attributes = {});
  // Closes the innermost open element.
  void Close();
  // <name attrs...>text</name>, or <name attrs.../> when `text` is empty.
  void Element(std::string_view name, std::string_view text, const Attributes& attributes = {});
  void Text(std::string_view text);

  // Closes what is open and returns the document.
  std::string Finish();

 private:
  void Escape(std::string_view text, bool attribute);
  std::string out_;
  std::vector<std::string> open_;
};

// `text` with what XML 1.0 cannot carry replaced by U+FFFD (valid UTF-8 out).
std::string XmlSafe(std::string_view text);

}  // namespace soj::api
