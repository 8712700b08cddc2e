#pragma once
// Html: an HTML writer that escapes by construction. Text nodes and attribute values are
// always escaped; tag and attribute names must be lower-case identifiers (anything else is
// dropped, so user text can never become markup); URL attributes (href, src, action) accept
// only relative URLs and http(s) URLs, anything else becomes "#". There is no way to insert
// raw markup, apart from the doctype the document starts with.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace soj::dashboards {

struct Attr {
  std::string_view name;
  std::string value;
  // false: the attribute is left out (for optional flags such as "selected").
  bool present = true;
};
using Attrs = std::vector<Attr>;

// A boolean attribute ("checked", "required") present only when `on`.
inline Attr Flag(std::string_view name, bool on = true) { return Attr{name, "", on}; }

// Escapes &, <, >, " and ' for use in text and double-quoted attribute values.
std::string EscapeHtml(std::string_view text);

// `url` when it is safe to put in href/src/action (relative, or http/https), else "#".
std::string SafeUrl(std::string_view url);

class Html {
 public:
  // Closes its element when it goes out of scope.
  class Scope {
   public:
    Scope(Html& html, std::string_view tag) : html_(&html), tag_(tag) {}
    Scope(Scope&& other) noexcept : html_(other.html_), tag_(other.tag_) { other.html_ = nullptr; }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    Scope& operator=(Scope&&) = delete;
    ~Scope() {
      if (html_ != nullptr) html_->Close(tag_);
    }

   private:
    Html* html_;
    std::string_view tag_;
  };

  // Starts a document: "<!DOCTYPE html>".
  void Doctype();
  // Opens <tag attrs...>; the element closes when the returned Scope ends.
  [[nodiscard]] Scope Open(std::string_view tag, const Attrs& attrs = {});
  // <tag attrs...>text</tag>
  void Element(std::string_view tag, const Attrs& attrs, std::string_view text);
  void Element(std::string_view tag, std::string_view text) { Element(tag, {}, text); }
  // A void element: <input ...>, <meta ...>, <link ...>, <br>.
  void Void(std::string_view tag, const Attrs& attrs = {});
  // An escaped text node.
  void Text(std::string_view text);
  // Text with line breaks kept: paragraphs (blank lines) become <p>, single newlines <br>.
  void Paragraphs(std::string_view text);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void StartTag(std::string_view tag, const Attrs& attrs);
  void Close(std::string_view tag);
  std::string out_;
};

// True for names made of a-z, 0-9 and '-' (data-*, aria-*), not starting with a digit or '-'.
bool IsSafeName(std::string_view name);

}  // namespace soj::dashboards
