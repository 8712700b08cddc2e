#include "tools/demo/demo_text.hpp"

#include <array>
#include <cstdio>

namespace soj::tools::demo {

void Slots::Set(std::string_view key, std::string value) {
  for (auto& [k, v] : values_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  values_.emplace_back(std::string(key), std::move(value));
}

const std::string* Slots::Find(std::string_view key) const {
  for (const auto& [k, v] : values_)
    if (k == key) return &v;
  return nullptr;
}

std::string Fill(std::string_view text, const Slots& slots) {
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text, pos, open - pos);
    const std::string* value = slots.Find(text.substr(open + 1, close - open - 1));
    if (value != nullptr) {
      out += *value;
    } else {
      out.append(text, open, close - open + 1);
    }
    pos = close + 1;
  }
  out.append(text, pos, std::string_view::npos);
  return out;
}

std::string LongDate(tracker::Date date) {
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  auto ymd = date.ymd();
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string FrenchDate(tracker::Date date) {
  static constexpr std::array<const char*, 12> kMonths = {
      "janvier", "février", "mars",      "avril",   "mai",      "juin",
      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  auto ymd = date.ymd();
  const unsigned day = static_cast<unsigned>(ymd.day());
  return (day == 1 ? std::string("1er") : std::to_string(day)) + " " +
         kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string NumericDate(tracker::Date date) {
  auto ymd = date.ymd();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
  return buf;
}

std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::string JoinWithAnd(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string Slug(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t last_word_end = 0;
  bool dash = false;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      if (dash && !out.empty()) {
        if (out.size() >= max_chars) break;
        last_word_end = out.size();
        out.push_back('-');
      }
      dash = false;
      out.push_back(c);
    } else {
      dash = true;
    }
  }
  // Cut at the end of the last whole word that fits.
  if (out.size() > max_chars) out.resize(last_word_end > 0 ? last_word_end : max_chars);
  return out;
}

}  // namespace soj::tools::demo
