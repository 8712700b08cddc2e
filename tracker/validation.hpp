#pragma once
// The SPEC's field rules on typed values. Every violation is collected with its field path.

#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/model.hpp"
#include "tracker/reference_data.hpp"

namespace soj::tracker {

// Text lengths in Unicode code points (SPEC "Field rules"); the parser and the checks share them.
inline constexpr std::size_t kMaxTitleChars = 300;
inline constexpr std::size_t kMaxDescriptionChars = 20000;
inline constexpr std::size_t kMaxNameChars = 200;  // victim names and outlets
inline constexpr std::size_t kMaxPersonIdChars = 100;
inline constexpr std::size_t kMaxExternalRefChars = 100;
inline constexpr std::size_t kMaxSourceUrlChars = 2000;

// Parsing and checking stop collecting after this many errors: enough to fix a request, and a
// hostile one cannot make the collection itself expensive.
inline constexpr std::size_t kMaxFieldErrors = 100;

struct ValidationContext {
  Date today;
  const PartnerDirectory* partners = nullptr;
};

// Checks every field rule of the SPEC ("Field rules") that parsing cannot: text lengths and
// characters, country scope, dates not after today, detention order and overlap, impunity
// only in the impunity category, registered partners, source URLs, translation languages.
// Errors already recorded for a path are not repeated.
void ValidateContent(const AlertContent& content, const ValidationContext& context,
                     FieldErrors& errors);

// The person links a caller other than an editor may send (SPEC Version 2 "Persons and
// outlets": only editors set or change links). Every victim of `victims` that carries a
// person_id must equal, field for field, a victim of `linked` (the alert before the edit;
// empty on create) that carries one, each matched at most once. So such a caller may keep,
// reorder or drop linked victims, but never create a link, change the victim a link is on, or
// move a link to another person. Errors name "victims[i].person_id".
void CheckPersonLinksKept(const std::vector<Victim>& linked, const std::vector<Victim>& victims,
                          FieldErrors& errors);

// Text rules shared by every free-text field: trims surrounding white space, then checks
// 1..max_chars code points (0 allowed when allow_empty) and no control characters other than
// newline and tab (CRLF is normalised to LF first). Returns the cleaned text.
std::string CleanText(std::string_view text, std::string_view field, std::size_t max_chars,
                      bool allow_empty, FieldErrors& errors);

}  // namespace soj::tracker
