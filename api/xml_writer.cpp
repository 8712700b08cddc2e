#include "api/xml_writer.hpp"

namespace soj::api {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at `s[i]` and its code point, or 0 when invalid.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  std::size_t n = 0;
  char32_t value = 0;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2;
    value = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    value = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    value = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (b(k) & 0x3F);
  }
  // Overlong forms, surrogates and values beyond Unicode are invalid.
  if ((n == 2 && value < 0x80) || (n == 3 && value < 0x800) || (n == 4 && value < 0x10000) ||
      (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
    return 0;
  *cp = value;
  return n;
}

// XML 1.0 Char production.
bool XmlChar(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// The escape of `cp` in text (or attribute values), or "" when it stands for itself.
std::string_view EscapeOf(char32_t cp, bool attribute) {
  switch (cp) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";  // so "]]>" never appears
    case '"':
      return attribute ? "&quot;" : "";
    case '\'':
      return attribute ? "&apos;" : "";
    // Attribute values normalise whitespace; character references keep it.
    case '\t':
      return attribute ? "&#9;" : "";
    case '\n':
      return attribute ? "&#10;" : "";
    case '\r':
      return "&#13;";
    default:
      return "";
  }
}

// Appends `text` to `out`, escaping markup and replacing what XML cannot carry.
void AppendEscaped(std::string& out, std::string_view text, bool attribute, bool markup) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0 || !XmlChar(cp)) {
      out += kReplacement;
      i += n == 0 ? 1 : n;
      continue;
    }
    const std::string_view escape = markup ? EscapeOf(cp, attribute) : std::string_view();
    if (!escape.empty()) {
      out += escape;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
}

}  // namespace

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(out, text, false, false);
  return out;
}

XmlWriter::XmlWriter() { out_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"; }

void XmlWriter::Open(std::string_view name, const Attributes& attributes) {
  out_ += '<';
  out_ += name;
  for (const auto& [key, value] : attributes) {
    out_ += ' ';
    out_ += key;
    out_ += "=\"";
    Escape(value, true);
    out_ += '"';
  }
  out_ += '>';
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  if (open_.empty()) return;
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
}

void XmlWriter::Element(std::string_view name, std::string_view text,
                        const Attributes& attributes) {
  Open(name, attributes);
  if (text.empty()) {
    // <name .../> instead of <name ...></name>
    out_.pop_back();
    out_ += "/>";
    open_.pop_back();
    return;
  }
  Text(text);
  Close();
}

void XmlWriter::Text(std::string_view text) { Escape(text, false); }

void XmlWriter::Escape(std::string_view text, bool attribute) {
  AppendEscaped(out_, text, attribute, true);
}

std::string XmlWriter::Finish() {
  while (!open_.empty()) Close();
  out_ += '\n';
  return std::move(out_);
}

}  // namespace soj::api
