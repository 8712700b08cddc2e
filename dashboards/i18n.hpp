#pragma once
// Interface languages: the translation catalog (dashboards/i18n/<lang>.json, embedded at build
// time), language negotiation, and dates and numbers formatted for a language.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tracker/calendar.hpp"

namespace soj::dashboards {

enum class Lang { kEn, kFr, kRu, kBe };
inline constexpr std::array<Lang, 4> kAllLangs = {Lang::kEn, Lang::kFr, Lang::kRu, Lang::kBe};

// "en", "fr", "ru", "be".
std::string_view LangCode(Lang lang);
std::optional<Lang> LangFromCode(std::string_view code);

// The page language: a supported `?lang=` wins, then the language cookie, then the best
// supported language of Accept-Language (q-values honoured, "fr-CH" counts as "fr"), then
// English.
Lang NegotiateLanguage(std::string_view query_lang, std::string_view cookie_lang,
                       std::string_view accept_language);

// Every interface string in every language, as flat key -> text maps.
class Catalog {
 public:
  // The catalog built into the binary (parsed once; a malformed file aborts at start-up,
  // which the unit tests catch first).
  static const Catalog& Builtin();
  // Reads one language's JSON object of strings; false with `error` set when it is not that.
  bool Load(Lang lang, std::string_view json_text, std::string* error);

  // The text of `key` in `lang`; English when the language lacks it; the key itself when
  // English lacks it too (visible in tests and pages, never a crash).
  std::string_view Get(Lang lang, std::string_view key) const;
  bool Has(Lang lang, std::string_view key) const;
  // Keys of `reference` (English) missing from `lang`, and keys of `lang` English lacks.
  std::vector<std::string> MissingKeys(Lang lang) const;
  std::vector<std::string> ExtraKeys(Lang lang) const;
  const std::map<std::string, std::string, std::less<>>& Strings(Lang lang) const;

 private:
  std::array<std::map<std::string, std::string, std::less<>>, 4> strings_;
};

// Replaces each "{name}" in `pattern` by its value (values are plain text, escaped later by
// the HTML writer). Unknown placeholders are left as they are.
std::string FormatText(std::string_view pattern,
                       std::initializer_list<std::pair<std::string_view, std::string>> args);
// The placeholder names of a pattern, sorted ("{count} of {total}" -> count, total).
std::vector<std::string> Placeholders(std::string_view pattern);

// "2 May 2024", "2 mai 2024", "2 мая 2024 г.", "2 мая 2024 г." (month names from the catalog).
std::string FormatDate(const Catalog& catalog, Lang lang, tracker::Date date);
// "12,345" (en), "12 345" (fr, narrow no-break space), "12 345" (ru, be: no-break space).
std::string FormatNumber(Lang lang, uint64_t value);
// A share 0..1 as a percentage with one decimal: "45.2%" / "45,2 %".
std::string FormatPercent(Lang lang, double share);
// A number of days with one decimal: "3.5" / "3,5".
std::string FormatDecimal(Lang lang, double value);

}  // namespace soj::dashboards
