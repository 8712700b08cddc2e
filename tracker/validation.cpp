#include "tracker/validation.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "tracker/alert_json.hpp"

namespace soj::tracker {
namespace {

// Decodes the UTF-8 sequence at `pos`; returns its length, or 0 when the bytes are not valid
// UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
std::size_t DecodeUtf8(std::string_view s, std::size_t pos, char32_t* out) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    *out = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *out = cp;
  return len;
}

// Unicode White_Space: what a user perceives as blank around a title, pasted from anywhere.
bool IsWhiteSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// C0 and C1 controls and DEL, except the two that plain text legitimately carries.
bool IsForbiddenControl(char32_t c) {
  if (c == '\n' || c == '\t') return false;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

std::string CodePointName(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// True when an error was already recorded for `path`, a parent of it, or anything inside it:
// the parser then had trouble there and the typed value is a placeholder not worth checking.
bool Reported(const FieldErrors& errors, std::string_view path) {
  if (errors.Has(path)) return true;
  for (const FieldError& e : errors.items()) {
    std::string_view f = e.field;
    if (f.size() > path.size() && f.substr(0, path.size()) == path &&
        (f[path.size()] == '.' || f[path.size()] == '['))
      return true;
  }
  return false;
}

bool TooMany(const FieldErrors& errors) { return errors.items().size() >= kMaxFieldErrors; }

std::string Index(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

// Applies the text rules to a value that is already typed (built by code, or parsed and
// cleaned). Text that cleaning would still change did not come through CleanText: reject it,
// since the stored form would otherwise not read back identical.
void CheckText(std::string_view text, const std::string& field, std::size_t max_chars,
               bool allow_empty, FieldErrors& errors) {
  if (Reported(errors, field)) return;
  std::string cleaned = CleanText(text, field, max_chars, allow_empty, errors);
  if (!errors.Has(field) && cleaned != text)
    errors.Add(field, "must not begin or end with white space and must use LF line breaks");
}

void CheckNotAfterToday(Date date, const std::string& field, const ValidationContext& context,
                        FieldErrors& errors) {
  if (date > context.today)
    errors.Add(field, "must not be after today (" + context.today.ToString() + ")");
}

bool IsHttpUrl(std::string_view text) {
  // parse_uri rather than parse_absolute_uri: both demand a scheme, but the latter's grammar
  // (RFC 3986 absolute-URI) refuses fragments, and links to a #section of a report are common.
  auto url = boost::urls::parse_uri(text);
  if (!url) return false;
  if (url->scheme_id() != boost::urls::scheme::http &&
      url->scheme_id() != boost::urls::scheme::https)
    return false;
  return url->has_authority() && !url->encoded_host().empty();
}

void ValidateCategories(const AlertContent& content, FieldErrors& errors) {
  // Parse errors inside the list shift the indices of what was kept; do not guess.
  if (Reported(errors, "categories")) return;
  if (content.categories.empty()) {
    errors.Add("categories", "must hold at least one category");
    return;
  }
  for (std::size_t i = 0; i < content.categories.size(); ++i) {
    auto first =
        std::find(content.categories.begin(), content.categories.end(), content.categories[i]);
    if (static_cast<std::size_t>(first - content.categories.begin()) < i)
      errors.Add(Index("categories", i), "repeats " + std::string(ToString(content.categories[i])));
  }
}

void ValidatePartners(const AlertContent& content, const ValidationContext& context,
                      FieldErrors& errors) {
  if (Reported(errors, "partners")) return;
  if (content.partners.size() > kMaxPartnersPerAlert) {
    errors.Add("partners",
               "must hold at most " + std::to_string(kMaxPartnersPerAlert) + " partners");
    return;
  }
  for (std::size_t i = 0; i < content.partners.size(); ++i) {
    const std::string& id = content.partners[i];
    std::string path = Index("partners", i);
    if (context.partners != nullptr && !context.partners->Contains(id)) {
      errors.Add(path, "is not a registered partner (see /api/v1/partners)");
      continue;
    }
    auto first = std::find(content.partners.begin(), content.partners.end(), id);
    if (static_cast<std::size_t>(first - content.partners.begin()) < i)
      errors.Add(path, "repeats " + id);
  }
}

// A period covers the days from `from` up to, not including, `until` (the day of release), so
// a new period may start on the day the previous one ended. Open periods run forever.
bool Overlap(const DetentionPeriod& a, const DetentionPeriod& b) {
  bool a_before_b_ends = !b.until || a.from < *b.until;
  bool b_before_a_ends = !a.until || b.from < *a.until;
  return a_before_b_ends && b_before_a_ends;
}

void ValidateDetentions(const Victim& victim, const std::string& path,
                        const ValidationContext& context, FieldErrors& errors) {
  std::string list = path + ".detentions";
  if (victim.detentions.size() > kMaxDetentionsPerVictim) {
    errors.Add(list, "must hold at most " + std::to_string(kMaxDetentionsPerVictim) + " periods");
    return;
  }
  // Periods the parser could not read are placeholders; leave them out of every comparison.
  std::vector<bool> usable(victim.detentions.size());
  for (std::size_t j = 0; j < victim.detentions.size() && !TooMany(errors); ++j) {
    const DetentionPeriod& period = victim.detentions[j];
    std::string item = Index(list, j);
    usable[j] = !Reported(errors, item);
    if (!usable[j]) continue;
    CheckNotAfterToday(period.from, item + ".from", context, errors);
    if (period.until && *period.until < period.from) errors.Add(item + ".until", "is before from");
    usable[j] = !Reported(errors, item);
  }
  for (std::size_t j = 0; j < victim.detentions.size() && !TooMany(errors); ++j) {
    if (!usable[j]) continue;
    for (std::size_t k = 0; k < j; ++k) {
      if (usable[k] && Overlap(victim.detentions[k], victim.detentions[j])) {
        errors.Add(Index(list, j), "overlaps detentions[" + std::to_string(k) + "]");
        break;
      }
    }
  }
}

void ValidateVictims(const AlertContent& content, const ValidationContext& context,
                     FieldErrors& errors) {
  if (errors.Has("victims")) return;
  if (content.victims.size() > kMaxVictims) {
    errors.Add("victims", "must hold at most " + std::to_string(kMaxVictims) + " victims");
    return;
  }
  for (std::size_t i = 0; i < content.victims.size() && !TooMany(errors); ++i) {
    const Victim& victim = content.victims[i];
    std::string path = Index("victims", i);
    if (errors.Has(path)) continue;  // not even an object
    if (!victim.withheld && victim.name.empty() && !Reported(errors, path + ".name"))
      errors.Add(path + ".name", "is required unless withheld is true");
    CheckText(victim.name, path + ".name", kMaxNameChars, victim.withheld, errors);
    if (victim.outlet) CheckText(*victim.outlet, path + ".outlet", kMaxNameChars, false, errors);
    if (victim.person_id)
      CheckText(*victim.person_id, path + ".person_id", kMaxPersonIdChars, false, errors);
    if (!errors.Has(path + ".detentions")) ValidateDetentions(victim, path, context, errors);
    if (victim.killed_on && !Reported(errors, path + ".killed_on"))
      CheckNotAfterToday(*victim.killed_on, path + ".killed_on", context, errors);
  }
}

void ValidateImpunity(const AlertContent& content, const ValidationContext& context,
                      FieldErrors& errors) {
  if (!content.impunity || Reported(errors, "impunity")) return;
  if (!content.HasCategory(Category::kImpunity)) {
    errors.Add("impunity", "is only for alerts in category impunity; add it to categories");
    return;
  }
  CheckNotAfterToday(content.impunity->since, "impunity.since", context, errors);
}

void ValidateSources(const AlertContent& content, FieldErrors& errors) {
  if (errors.Has("sources")) return;
  if (content.sources.size() > kMaxSources) {
    errors.Add("sources", "must hold at most " + std::to_string(kMaxSources) + " URLs");
    return;
  }
  for (std::size_t i = 0; i < content.sources.size(); ++i) {
    std::string path = Index("sources", i);
    if (Reported(errors, path)) continue;
    CheckText(content.sources[i], path, kMaxSourceUrlChars, false, errors);
    if (!errors.Has(path) && !IsHttpUrl(content.sources[i]))
      errors.Add(path, "must be an absolute http or https URL with a host");
  }
}

void ValidateTranslations(const AlertContent& content, FieldErrors& errors) {
  if (errors.Has("translations")) return;
  for (const auto& [language, translation] : content.translations) {
    std::string path = "translations." + language;
    if (Reported(errors, path)) continue;
    if (std::find(kLanguages.begin(), kLanguages.end(), language) == kLanguages.end()) {
      errors.Add(path, "unknown language; use en, fr, ru or be");
      continue;
    }
    if (translation.title)
      CheckText(*translation.title, path + ".title", kMaxTitleChars, true, errors);
    if (translation.description)
      CheckText(*translation.description, path + ".description", kMaxDescriptionChars, true,
                errors);
  }
}

}  // namespace

void CheckPersonLinksKept(const std::vector<Victim>& linked, const std::vector<Victim>& victims,
                          FieldErrors& errors) {
  // Matched by content, not by index: the index is exactly what a partner can change to put
  // another person under an existing link.
  std::vector<bool> used(linked.size(), false);
  for (std::size_t i = 0; i < victims.size(); ++i) {
    if (!victims[i].person_id) continue;
    bool kept = false;
    for (std::size_t j = 0; j < linked.size() && !kept; ++j) {
      if (used[j] || !linked[j].person_id || !(linked[j] == victims[i])) continue;
      used[j] = true;
      kept = true;
    }
    if (!kept)
      errors.Add("victims[" + std::to_string(i) + "].person_id",
                 "is set by editors; a partner may keep a linked victim exactly as it is, "
                 "not link, change or move it");
  }
}

std::string CleanText(std::string_view text, std::string_view field, std::size_t max_chars,
                      bool allow_empty, FieldErrors& errors) {
  // One pass over the code points (every title and description goes through here twice per
  // write): CRLF becomes LF, and it notes where the non-blank part begins and ends, how many
  // code points that part has, and the first forbidden control character in it.
  constexpr std::size_t kNone = std::string::npos;
  std::string out;
  out.reserve(text.size());
  std::size_t begin = kNone, end = 0;       // the non-blank part of `out`, in bytes
  std::size_t count = 0, count_at_end = 0;  // code points from `begin`; up to `end`
  std::optional<char32_t> control;
  std::size_t control_at = 0;
  const auto cr_of_crlf = [&](std::size_t i) {
    return text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
  };
  for (std::size_t pos = 0; pos < text.size();) {
    // A run of printable ASCII, most of any text: no blank, no control, one byte each.
    std::size_t run = pos;
    while (run < text.size() && static_cast<unsigned char>(text[run]) - 0x21u < 0x5Eu) ++run;
    if (run > pos) {
      if (begin == kNone) begin = out.size();
      count += run - pos;
      out.append(text.substr(pos, run - pos));
      pos = run;
      end = out.size(), count_at_end = count;
      continue;
    }
    if (cr_of_crlf(pos)) {
      ++pos;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = DecodeUtf8(text, pos, &cp);
    if (len == 0) {
      errors.Add(std::string(field), "must be valid UTF-8");
      for (; pos < text.size(); ++pos)  // the rest, line breaks normalised all the same
        if (!cr_of_crlf(pos)) out.push_back(text[pos]);
      return out;
    }
    const bool blank = IsWhiteSpace(cp);
    if (!blank && begin == kNone) begin = out.size();
    if (begin != kNone) {
      ++count;
      if (!control && IsForbiddenControl(cp)) control = cp, control_at = out.size();
    }
    out.append(text.substr(pos, len));
    pos += len;
    if (!blank) end = out.size(), count_at_end = count;
  }
  if (control && control_at >= end) control.reset();  // among the trailing blanks, cut below
  if (begin == kNone) {
    out.clear();
  } else {
    out.erase(end);
    out.erase(0, begin);
  }

  if (control) {
    errors.Add(std::string(field),
               "contains a control character (" + CodePointName(*control) + ")");
  } else if (count_at_end == 0 && !allow_empty) {
    errors.Add(std::string(field), "must not be empty");
  } else if (count_at_end > max_chars) {
    errors.Add(std::string(field), "must be at most " + std::to_string(max_chars) + " characters");
  }
  return out;
}

void ValidateContent(const AlertContent& content, const ValidationContext& context,
                     FieldErrors& errors) {
  CheckText(content.title, "title", kMaxTitleChars, false, errors);
  CheckText(content.description, "description", kMaxDescriptionChars, false, errors);
  if (!Reported(errors, "country") && FindCountry(content.country) == nullptr)
    errors.Add("country",
               "is not in the platform's scope; use an upper-case ISO 3166-1 alpha-2 code from "
               "/api/v1/countries");
  if (!Reported(errors, "incident_date"))
    CheckNotAfterToday(content.incident_date, "incident_date", context, errors);
  ValidateCategories(content, errors);
  if (!Reported(errors, "level") && content.level != 1 && content.level != 2)
    errors.Add("level", "must be 1 or 2");
  ValidatePartners(content, context, errors);
  ValidateVictims(content, context, errors);
  ValidateImpunity(content, context, errors);
  ValidateSources(content, errors);
  ValidateTranslations(content, errors);
  if (content.external_ref)
    CheckText(*content.external_ref, "external_ref", kMaxExternalRefChars, false, errors);
}

}  // namespace soj::tracker
