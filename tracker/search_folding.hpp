#pragma once
// Folding text for full-text search, applied alike to what is indexed and to what is asked,
// so that a name written with or without diacritics finds the same alerts: Latin letters
// with diacritics become their base letters ("Tsikhanoŭskaja" -> "Tsikhanouskaja",
// "Łukasz" -> "Lukasz", "ß" -> "ss"), combining marks are dropped and Cyrillic "ё" becomes
// "е". Other Cyrillic letters ("ў", "і", "й") are distinct letters and stay as they are.

#include <string>
#include <string_view>

namespace soj::tracker {

// `text` (UTF-8) folded as described above; case is kept (the term generator lower-cases).
// Bytes that are not valid UTF-8 are copied unchanged.
std::string FoldForSearch(std::string_view text);

}  // namespace soj::tracker
