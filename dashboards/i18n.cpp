#include "dashboards/i18n.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "dashboards/embedded_files.hpp"

namespace soj::dashboards {
namespace {

constexpr std::array<std::string_view, 4> kCodes = {"en", "fr", "ru", "be"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Groups the digits of `value` in threes with `separator`.
std::string Grouped(uint64_t value, std::string_view separator) {
  std::string digits = std::to_string(value);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string_view LangCode(Lang lang) { return kCodes[static_cast<std::size_t>(lang)]; }

std::optional<Lang> LangFromCode(std::string_view code) {
  const std::string lower = Lower(code);
  for (std::size_t i = 0; i < kCodes.size(); ++i)
    if (kCodes[i] == lower) return static_cast<Lang>(i);
  return std::nullopt;
}

Lang NegotiateLanguage(std::string_view query_lang, std::string_view cookie_lang,
                       std::string_view accept_language) {
  if (auto lang = LangFromCode(query_lang)) return *lang;
  if (auto lang = LangFromCode(cookie_lang)) return *lang;
  std::optional<Lang> best;
  double best_q = 0;
  while (!accept_language.empty()) {
    const std::size_t comma = accept_language.find(',');
    std::string_view item = Trim(accept_language.substr(0, comma));
    accept_language.remove_prefix(comma == std::string_view::npos ? accept_language.size()
                                                                  : comma + 1);
    double q = 1.0;
    const std::size_t semi = item.find(';');
    if (semi != std::string_view::npos) {
      std::string_view params = Trim(item.substr(semi + 1));
      item = Trim(item.substr(0, semi));
      if (params.starts_with("q=") || params.starts_with("Q=")) {
        const std::string number(params.substr(2));
        char* end = nullptr;
        q = std::strtod(number.c_str(), &end);
        if (end == number.c_str() || q < 0 || q > 1) q = 0;
      }
    }
    const std::size_t dash = item.find('-');
    auto lang = LangFromCode(item.substr(0, dash));
    if (lang && q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best.value_or(Lang::kEn);
}

const Catalog& Catalog::Builtin() {
  static const Catalog catalog = [] {
    Catalog c;
    for (Lang lang : kAllLangs) {
      const std::string name = "i18n/" + std::string(LangCode(lang)) + ".json";
      const EmbeddedFile* file = FindEmbeddedFile(name);
      std::string error = "missing";
      if (file == nullptr || !c.Load(lang, file->Text(), &error)) {
        std::fprintf(stderr, "soj-tracker: translation file %s: %s\n", name.c_str(), error.c_str());
        std::abort();
      }
    }
    return c;
  }();
  return catalog;
}

bool Catalog::Load(Lang lang, std::string_view json_text, std::string* error) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(json_text, ec);
  if (ec || !value.is_object()) {
    *error = "not a JSON object";
    return false;
  }
  auto& map = strings_[static_cast<std::size_t>(lang)];
  map.clear();
  for (const auto& [key, text] : value.as_object()) {
    if (!text.is_string()) {
      *error = "the value of " + std::string(key) + " is not a string";
      return false;
    }
    map.emplace(std::string(key), std::string(text.as_string()));
  }
  return true;
}

std::string_view Catalog::Get(Lang lang, std::string_view key) const {
  const auto& map = strings_[static_cast<std::size_t>(lang)];
  if (auto it = map.find(key); it != map.end()) return it->second;
  const auto& english = strings_[0];
  if (auto it = english.find(key); it != english.end()) return it->second;
  return key;
}

bool Catalog::Has(Lang lang, std::string_view key) const {
  return strings_[static_cast<std::size_t>(lang)].contains(key);
}

std::vector<std::string> Catalog::MissingKeys(Lang lang) const {
  std::vector<std::string> missing;
  for (const auto& [key, text] : strings_[0])
    if (!Has(lang, key)) missing.push_back(key);
  return missing;
}

std::vector<std::string> Catalog::ExtraKeys(Lang lang) const {
  std::vector<std::string> extra;
  for (const auto& [key, text] : strings_[static_cast<std::size_t>(lang)])
    if (!Has(Lang::kEn, key)) extra.push_back(key);
  return extra;
}

const std::map<std::string, std::string, std::less<>>& Catalog::Strings(Lang lang) const {
  return strings_[static_cast<std::size_t>(lang)];
}

std::string FormatText(std::string_view pattern,
                       std::initializer_list<std::pair<std::string_view, std::string>> args) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [key, value] : args) {
          if (key == name) {
            out += value;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

std::vector<std::string> Placeholders(std::string_view pattern) {
  std::set<std::string> names;
  std::size_t i = 0;
  while ((i = pattern.find('{', i)) != std::string_view::npos) {
    const std::size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) break;
    names.emplace(pattern.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  return {names.begin(), names.end()};
}

std::string FormatDate(const Catalog& catalog, Lang lang, tracker::Date date) {
  const auto ymd = date.ymd();
  const std::string month_key = "month." + std::to_string(static_cast<unsigned>(ymd.month()));
  return FormatText(catalog.Get(lang, "format.date"),
                    {{"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                     {"month", std::string(catalog.Get(lang, month_key))},
                     {"year", std::to_string(static_cast<int>(ymd.year()))}});
}

std::string FormatNumber(Lang lang, uint64_t value) {
  switch (lang) {
    case Lang::kEn:
      return Grouped(value, ",");
    case Lang::kFr:
      return Grouped(value, "\u202f");
    default:
      return Grouped(value, "\u00a0");
  }
}

std::string FormatDecimal(Lang lang, double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string text = buffer;
  if (lang != Lang::kEn)
    for (char& c : text)
      if (c == '.') c = ',';
  return text;
}

std::string FormatPercent(Lang lang, double share) {
  const std::string number = FormatDecimal(lang, share * 100.0);
  return lang == Lang::kEn ? number + "%" : number + "\u00a0%";
}

}  // namespace soj::dashboards
