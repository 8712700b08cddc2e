#include "dashboards/html.hpp"

#include <algorithm>

namespace soj::dashboards {
namespace {

bool IsUrlAttribute(std::string_view name) {
  return name == "href" || name == "src" || name == "action" || name == "formaction";
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string SafeUrl(std::string_view url) {
  // Browsers ignore tabs and newlines inside URLs ("java\nscript:"): refuse them outright.
  if (std::any_of(url.begin(), url.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return "#";
  if (url.empty()) return "#";
  if (url.starts_with("//")) return "#";  // scheme-relative: another origin
  if (url.front() == '/' || url.front() == '?' || url.front() == '#') return std::string(url);
  if (StartsWithIgnoreCase(url, "https://") || StartsWithIgnoreCase(url, "http://"))
    return std::string(url);
  return "#";
}

bool IsSafeName(std::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  if (name.front() == '-' || (name.front() >= '0' && name.front() <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

void Html::Doctype() { out_ += "<!DOCTYPE html>\n"; }

void Html::StartTag(std::string_view tag, const Attrs& attrs) {
  out_ += '<';
  out_ += tag;
  for (const Attr& attr : attrs) {
    if (!attr.present || !IsSafeName(attr.name)) continue;
    out_ += ' ';
    out_ += attr.name;
    if (attr.value.empty() && !IsUrlAttribute(attr.name) && attr.name != "value" &&
        attr.name != "alt")
      continue;  // a boolean attribute
    out_ += "=\"";
    out_ += EscapeHtml(IsUrlAttribute(attr.name) ? SafeUrl(attr.value) : attr.value);
    out_ += '"';
  }
  out_ += '>';
}

Html::Scope Html::Open(std::string_view tag, const Attrs& attrs) {
  if (!IsSafeName(tag)) tag = "span";
  StartTag(tag, attrs);
  return Scope(*this, tag);
}

void Html::Close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
}

void Html::Element(std::string_view tag, const Attrs& attrs, std::string_view text) {
  if (!IsSafeName(tag)) tag = "span";
  StartTag(tag, attrs);
  Text(text);
  Close(tag);
}

void Html::Void(std::string_view tag, const Attrs& attrs) {
  if (!IsSafeName(tag)) return;
  StartTag(tag, attrs);
}

void Html::Text(std::string_view text) { out_ += EscapeHtml(text); }

void Html::Paragraphs(std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    std::string_view para = text.substr(start, end == std::string_view::npos ? end : end - start);
    while (!para.empty() && (para.front() == '\n' || para.front() == '\r')) para.remove_prefix(1);
    if (!para.empty()) {
      auto p = Open("p");
      std::size_t line_start = 0;
      while (true) {
        std::size_t nl = para.find('\n', line_start);
        Text(para.substr(line_start, nl == std::string_view::npos ? nl : nl - line_start));
        if (nl == std::string_view::npos) break;
        Void("br");
        line_start = nl + 1;
      }
    }
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
}

}  // namespace soj::dashboards
