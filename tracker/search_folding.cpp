#include "tracker/search_folding.hpp"

#include <cstdint>

namespace soj::tracker {
namespace {

// Base letters of U+00C0..U+00FF and U+0100..U+017F, one per code point; '\0' keeps the code
// point, '*' marks the ones that fold to two letters (see Expand).
constexpr char kLatin1Chars[] =
    "AAAAAA*CEEEEIIIIDNOOOOO\0OUUUUY*"
    "*aaaaaa*ceeeeiiiidnooooo\0ouuuuy*y";
constexpr char kLatinExtendedAChars[] =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo**RrRrRr"
    "SsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
// Sized explicitly: the tables hold '\0'.
constexpr std::string_view kLatin1(kLatin1Chars, sizeof(kLatin1Chars) - 1);
constexpr std::string_view kLatinExtendedA(kLatinExtendedAChars, sizeof(kLatinExtendedAChars) - 1);

std::string_view Expand(char32_t c) {
  switch (c) {
    case 0xC6:
      return "AE";
    case 0xDE:
      return "TH";
    case 0xDF:
      return "ss";
    case 0xE6:
      return "ae";
    case 0xFE:
      return "th";
    case 0x132:
      return "IJ";
    case 0x133:
      return "ij";
    case 0x152:
      return "OE";
    case 0x153:
      return "oe";
    default:
      return {};
  }
}

void AppendUtf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Decodes one code point at text[*i] into *out and advances *i; false (nothing advanced) when
// the bytes there are not valid UTF-8.
bool Decode(std::string_view text, std::size_t* i, char32_t* out) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(*i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || *i + length > text.size()) return false;
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(*i + k) & 0xC0) != 0x80) return false;
    c = (c << 6) | (byte(*i + k) & 0x3F);
  }
  *i += length;
  *out = c;
  return true;
}

// The folded form of `c`: a base letter, an expansion, nothing (combining marks) or itself.
void AppendFolded(std::string* out, char32_t c) {
  if (c >= 0x300 && c <= 0x36F) return;  // combining diacritical marks
  if (std::string_view two = Expand(c); !two.empty()) {
    *out += two;
    return;
  }
  char base = '\0';
  if (c >= 0xC0 && c <= 0xFF) base = kLatin1[c - 0xC0];
  if (c >= 0x100 && c <= 0x17F) base = kLatinExtendedA[c - 0x100];
  if (c == 0x218) base = 'S';
  if (c == 0x219) base = 's';
  if (c == 0x21A) base = 'T';
  if (c == 0x21B) base = 't';
  if (c == 0x18F) base = 'A';  // Azerbaijani schwa, romanised "a" (Əliyev, Aliyev)
  if (c == 0x259) base = 'a';
  if (base != '\0' && base != '*') {
    out->push_back(base);
    return;
  }
  if (c == 0x401) c = 0x415;  // Ё -> Е
  if (c == 0x451) c = 0x435;  // ё -> е
  AppendUtf8(out, c);
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  static_assert(kLatin1.size() == 64 && kLatinExtendedA.size() == 128);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t c = 0;
    if (!Decode(text, &i, &c)) {
      out.push_back(text[i++]);
      continue;
    }
    if (c < 0x80)
      out.push_back(static_cast<char>(c));
    else
      AppendFolded(&out, c);
  }
  return out;
}

}  // namespace soj::tracker
