#pragma once
// Small text tools of the demo generator: {placeholder} templates, dates as prose, URL slugs.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tracker/calendar.hpp"

namespace soj::tools::demo {

// Values for {placeholders}; a later Set of the same key replaces the earlier value.
class Slots {
 public:
  void Set(std::string_view key, std::string value);
  const std::string* Find(std::string_view key) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// `text` with every {key} replaced by its value; unknown keys stay as they are, so a test can
// find them.
std::string Fill(std::string_view text, const Slots& slots);

// "14 March 2023".
std::string LongDate(tracker::Date date);
// "14 mars 2023", "1er mai 2023".
std::string FrenchDate(tracker::Date date);
// "14.03.2023", as Russian and Belarusian texts write dates.
std::string NumericDate(tracker::Date date);

// Upper-cases the first letter when it is ASCII.
std::string Capitalised(std::string text);

// "a", "a and b", "a, b and c".
std::string JoinWithAnd(const std::vector<std::string>& items);

// Lower-case ASCII words of `text` joined by '-', at most `max_chars` long.
std::string Slug(std::string_view text, std::size_t max_chars);

}  // namespace soj::tools::demo
