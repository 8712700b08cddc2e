// JSON -> alert: ParseAlertContent and ParseAlertDocument. Every reader reports into
// FieldErrors and carries on, so one request tells the user everything that is wrong with it.
// Messages never quote the offending value: it may be a withheld name.

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/alert_json.hpp"
#include "tracker/validation.hpp"

namespace soj::tracker {
namespace {

namespace json = boost::json;

// Notes and resolution reasons are not editable content, so the SPEC gives them no limit of
// their own; the description's keeps them within what pages and exports already handle.
constexpr std::size_t kMaxNoteChars = kMaxDescriptionChars;

// Fields only the server sets: a client sending them probably expects them to take effect.
constexpr std::array<std::string_view, 12> kServerSetFields = {
    "id",           "status",     "resolution", "state_replies", "updates",      "submitted_at",
    "published_at", "updated_at", "version",    "merged_into",   "submitted_by", "merged_partners"};

bool TooMany(const FieldErrors& errors) { return errors.items().size() >= kMaxFieldErrors; }

std::string_view View(const json::string& s) { return {s.data(), s.size()}; }

std::string Member(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out(path);
  out += '.';
  out += key;
  return out;
}

std::string Index(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

template <std::size_t N>
std::string OneOf(const std::array<std::string_view, N>& names) {
  std::string out = "must be one of ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  return out;
}

// Hands out the members of one JSON object by name and remembers which were asked for, so
// whatever is left at the end is an unknown field.
class ObjectReader {
 public:
  ObjectReader(const json::object& object, std::string path, FieldErrors& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {}

  std::string PathOf(std::string_view key) const { return Member(path_, key); }

  bool Present(std::string_view key) {
    seen_.push_back(key);
    return object_.contains(key);
  }

  // The member, or null when it is absent or JSON null: null means "not given" for every
  // optional field, which is also what a merge patch's null leaves behind.
  const json::value* Optional(std::string_view key) {
    seen_.push_back(key);
    const json::value* v = object_.if_contains(key);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  const json::value* Required(std::string_view key) {
    const json::value* v = Optional(key);
    if (v == nullptr) errors_.Add(PathOf(key), "is required");
    return v;
  }

  void RejectUnknown() {
    for (const auto& member : object_) {
      std::string_view key(member.key().data(), member.key().size());
      if (TooMany(errors_)) return;
      if (std::find(seen_.begin(), seen_.end(), key) == seen_.end())
        errors_.Add(PathOf(key), "unknown field");
    }
  }

 private:
  const json::object& object_;
  std::string path_;
  FieldErrors& errors_;
  std::vector<std::string_view> seen_;
};

const json::object* AsObject(const json::value& v, const std::string& path, FieldErrors& errors) {
  if (v.is_object()) return &v.get_object();
  errors.Add(path, "must be a JSON object");
  return nullptr;
}

const json::array* AsArray(const json::value& v, const std::string& path, std::size_t max,
                           std::string_view noun, FieldErrors& errors) {
  if (!v.is_array()) {
    errors.Add(path, "must be an array");
    return nullptr;
  }
  if (v.get_array().size() > max) {
    errors.Add(path, "must hold at most " + std::to_string(max) + " " + std::string(noun));
    return nullptr;
  }
  return &v.get_array();
}

std::optional<std::string> ReadString(const json::value& v, const std::string& path,
                                      FieldErrors& errors) {
  if (v.is_string()) return std::string(View(v.get_string()));
  errors.Add(path, "must be a string");
  return std::nullopt;
}

std::optional<std::string> ReadText(const json::value& v, const std::string& path,
                                    std::size_t max_chars, bool allow_empty, FieldErrors& errors) {
  if (!v.is_string()) {
    errors.Add(path, "must be a string");
    return std::nullopt;
  }
  return CleanText(View(v.get_string()), path, max_chars, allow_empty, errors);
}

std::optional<Date> ReadDate(const json::value& v, const std::string& path, FieldErrors& errors) {
  std::optional<Date> date;
  if (v.is_string()) date = Date::Parse(View(v.get_string()));
  if (!date) errors.Add(path, "must be a date YYYY-MM-DD");
  return date;
}

std::optional<Timestamp> ReadTimestamp(const json::value& v, const std::string& path,
                                       FieldErrors& errors) {
  std::optional<Timestamp> ts;
  if (v.is_string()) ts = Timestamp::Parse(View(v.get_string()));
  if (!ts) errors.Add(path, "must be an RFC 3339 time such as 2023-03-15T09:12:00Z");
  return ts;
}

std::optional<bool> ReadBool(const json::value& v, const std::string& path, FieldErrors& errors) {
  if (v.is_bool()) return v.get_bool();
  errors.Add(path, "must be true or false");
  return std::nullopt;
}

std::optional<uint64_t> ReadPositive(const json::value& v, const std::string& path, uint64_t max,
                                     FieldErrors& errors) {
  std::optional<uint64_t> n;
  if (v.is_int64() && v.get_int64() > 0) n = static_cast<uint64_t>(v.get_int64());
  if (v.is_uint64() && v.get_uint64() > 0) n = v.get_uint64();
  if (!n || *n > max) {
    errors.Add(path, "must be a positive integer");
    return std::nullopt;
  }
  return n;
}

template <class Enum, std::size_t N>
std::optional<Enum> ReadEnum(const json::value& v, const std::array<std::string_view, N>& names,
                             const std::string& path, FieldErrors& errors) {
  std::optional<Enum> value;
  if (v.is_string()) value = EnumFromName<Enum>(View(v.get_string()), names);
  if (!value) errors.Add(path, OneOf(names));
  return value;
}

DetentionPeriod ReadDetention(const json::value& v, const std::string& path, FieldErrors& errors) {
  DetentionPeriod period;
  const json::object* object = AsObject(v, path, errors);
  if (object == nullptr) return period;
  ObjectReader r(*object, path, errors);
  if (const json::value* from = r.Required("from"))
    period.from = ReadDate(*from, r.PathOf("from"), errors).value_or(Date());
  if (const json::value* until = r.Optional("until"))
    period.until = ReadDate(*until, r.PathOf("until"), errors);
  r.RejectUnknown();
  return period;
}

Victim ReadVictim(const json::value& v, const std::string& path, FieldErrors& errors) {
  Victim victim;
  const json::object* object = AsObject(v, path, errors);
  if (object == nullptr) return victim;
  ObjectReader r(*object, path, errors);
  // Read first: whether a name is required depends on it.
  if (const json::value* withheld = r.Optional("withheld"))
    victim.withheld = ReadBool(*withheld, r.PathOf("withheld"), errors).value_or(false);
  if (const json::value* name = r.Optional("name")) {
    victim.name =
        ReadText(*name, r.PathOf("name"), kMaxNameChars, victim.withheld, errors).value_or("");
  } else if (!victim.withheld) {
    errors.Add(r.PathOf("name"), "is required unless withheld is true");
  }
  if (const json::value* kind = r.Required("kind"))
    victim.kind = ReadEnum<VictimKind>(*kind, kVictimKindNames, r.PathOf("kind"), errors)
                      .value_or(VictimKind::kJournalist);
  if (const json::value* gender = r.Optional("gender"))
    victim.gender = ReadEnum<Gender>(*gender, kGenderNames, r.PathOf("gender"), errors)
                        .value_or(Gender::kUnknown);
  if (const json::value* outlet = r.Optional("outlet"))
    victim.outlet = ReadText(*outlet, r.PathOf("outlet"), kMaxNameChars, false, errors);
  if (const json::value* list = r.Optional("detentions")) {
    std::string list_path = r.PathOf("detentions");
    if (const json::array* items =
            AsArray(*list, list_path, kMaxDetentionsPerVictim, "periods", errors)) {
      // Unreadable periods stay as placeholders so later indices still match the input.
      for (std::size_t i = 0; i < items->size() && !TooMany(errors); ++i)
        victim.detentions.push_back(ReadDetention((*items)[i], Index(list_path, i), errors));
    }
  }
  if (const json::value* killed_on = r.Optional("killed_on"))
    victim.killed_on = ReadDate(*killed_on, r.PathOf("killed_on"), errors);
  if (const json::value* person_id = r.Optional("person_id"))
    victim.person_id =
        ReadText(*person_id, r.PathOf("person_id"), kMaxPersonIdChars, false, errors);
  r.RejectUnknown();
  return victim;
}

std::optional<ImpunityRecord> ReadImpunity(const json::value& v, FieldErrors& errors) {
  if (!v.is_object()) {
    errors.Add("impunity", "must be an object {murder, justice, since} or null");
    return std::nullopt;
  }
  ImpunityRecord record;
  ObjectReader r(v.get_object(), "impunity", errors);
  if (const json::value* murder = r.Required("murder"))
    record.murder = ReadBool(*murder, r.PathOf("murder"), errors).value_or(false);
  if (const json::value* justice = r.Required("justice"))
    record.justice = ReadEnum<Justice>(*justice, kJusticeNames, r.PathOf("justice"), errors)
                         .value_or(Justice::kNone);
  if (const json::value* since = r.Required("since"))
    record.since = ReadDate(*since, r.PathOf("since"), errors).value_or(Date());
  r.RejectUnknown();
  return record;
}

void ReadTranslations(const json::value& v, Translations& out, FieldErrors& errors) {
  if (!v.is_object()) {
    errors.Add("translations", "must be an object keyed by language (en, fr, ru, be)");
    return;
  }
  for (const auto& member : v.get_object()) {
    std::string language(member.key().data(), member.key().size());
    std::string path = "translations." + language;
    if (member.value().is_null()) continue;  // a merge patch removing the language
    const json::object* object = AsObject(member.value(), path, errors);
    if (object == nullptr) continue;
    Translation translation;
    ObjectReader r(*object, path, errors);
    if (const json::value* title = r.Optional("title"))
      translation.title = ReadText(*title, r.PathOf("title"), kMaxTitleChars, true, errors);
    if (const json::value* description = r.Optional("description"))
      translation.description =
          ReadText(*description, r.PathOf("description"), kMaxDescriptionChars, true, errors);
    r.RejectUnknown();
    out[language] = std::move(translation);
  }
}

// The fields a submitter provides, from an object already known to be one.
void ReadContent(ObjectReader& r, AlertContent& c, FieldErrors& errors) {
  if (const json::value* v = r.Required("title"))
    c.title = ReadText(*v, "title", kMaxTitleChars, false, errors).value_or("");
  if (const json::value* v = r.Required("description"))
    c.description = ReadText(*v, "description", kMaxDescriptionChars, false, errors).value_or("");
  if (const json::value* v = r.Required("country"))
    c.country = ReadString(*v, "country", errors).value_or("");
  if (const json::value* v = r.Required("incident_date"))
    c.incident_date = ReadDate(*v, "incident_date", errors).value_or(Date());
  if (const json::value* v = r.Required("categories")) {
    // A longer list is bound to repeat one; the cap bounds the work of saying so.
    if (const json::array* items =
            AsArray(*v, "categories", kCategoryNames.size(), "categories", errors)) {
      for (std::size_t i = 0; i < items->size(); ++i) {
        auto category =
            ReadEnum<Category>((*items)[i], kCategoryNames, Index("categories", i), errors);
        if (category) c.categories.push_back(*category);
      }
    }
  }
  if (const json::value* v = r.Required("threat_source"))
    c.threat_source = ReadEnum<ThreatSource>(*v, kThreatSourceNames, "threat_source", errors)
                          .value_or(ThreatSource::kUnknown);
  if (const json::value* v = r.Required("level")) {
    if (v->is_int64() && (v->get_int64() == 1 || v->get_int64() == 2))
      c.level = static_cast<int>(v->get_int64());
    else
      errors.Add("level", "must be 1 or 2");
  }
  if (const json::value* v = r.Optional("partners")) {
    if (const json::array* items =
            AsArray(*v, "partners", kMaxPartnersPerAlert, "partners", errors)) {
      for (std::size_t i = 0; i < items->size(); ++i)
        c.partners.push_back(ReadString((*items)[i], Index("partners", i), errors).value_or(""));
    }
  }
  if (const json::value* v = r.Optional("victims")) {
    if (const json::array* items = AsArray(*v, "victims", kMaxVictims, "victims", errors)) {
      for (std::size_t i = 0; i < items->size() && !TooMany(errors); ++i)
        c.victims.push_back(ReadVictim((*items)[i], Index("victims", i), errors));
    }
  }
  if (const json::value* v = r.Optional("impunity")) c.impunity = ReadImpunity(*v, errors);
  if (const json::value* v = r.Optional("sources")) {
    if (const json::array* items = AsArray(*v, "sources", kMaxSources, "URLs", errors)) {
      for (std::size_t i = 0; i < items->size(); ++i)
        c.sources.push_back(
            ReadText((*items)[i], Index("sources", i), kMaxSourceUrlChars, false, errors)
                .value_or(""));
    }
  }
  if (const json::value* v = r.Optional("translations"))
    ReadTranslations(*v, c.translations, errors);
  if (const json::value* v = r.Optional("external_ref"))
    c.external_ref = ReadText(*v, "external_ref", kMaxExternalRefChars, false, errors);
}

std::vector<Note> ReadNotes(const json::value& v, const std::string& path, FieldErrors& errors) {
  std::vector<Note> notes;
  const json::array* items = AsArray(v, path, kMaxNotes, "entries", errors);
  if (items == nullptr) return notes;
  for (std::size_t i = 0; i < items->size() && !TooMany(errors); ++i) {
    std::string item = Index(path, i);
    Note& note = notes.emplace_back();
    const json::object* object = AsObject((*items)[i], item, errors);
    if (object == nullptr) continue;
    ObjectReader r(*object, item, errors);
    if (const json::value* id = r.Required("id"))
      note.id = static_cast<uint32_t>(
          ReadPositive(*id, r.PathOf("id"), std::numeric_limits<uint32_t>::max(), errors)
              .value_or(0));
    if (const json::value* date = r.Required("date"))
      note.date = ReadDate(*date, r.PathOf("date"), errors).value_or(Date());
    if (const json::value* text = r.Required("text"))
      note.text = ReadText(*text, r.PathOf("text"), kMaxNoteChars, false, errors).value_or("");
    if (const json::value* posted_by = r.Required("posted_by"))
      note.posted_by = ReadString(*posted_by, r.PathOf("posted_by"), errors).value_or("");
    r.RejectUnknown();
  }
  return notes;
}

std::optional<Resolution> ReadResolution(const json::value& v, FieldErrors& errors) {
  const json::object* object = AsObject(v, "resolution", errors);
  if (object == nullptr) return std::nullopt;
  Resolution resolution;
  ObjectReader r(*object, "resolution", errors);
  if (const json::value* date = r.Required("date"))
    resolution.date = ReadDate(*date, "resolution.date", errors).value_or(Date());
  // An editor may resolve without giving a reason; the stored form then holds "".
  if (const json::value* reason = r.Optional("reason"))
    resolution.reason =
        ReadText(*reason, "resolution.reason", kMaxNoteChars, true, errors).value_or("");
  r.RejectUnknown();
  return resolution;
}

}  // namespace

AlertContent ParseAlertContent(const json::value& input, FieldErrors& errors) {
  AlertContent content;
  const json::object* object = AsObject(input, "", errors);
  if (object == nullptr) return content;
  ObjectReader r(*object, "", errors);
  ReadContent(r, content, errors);
  for (std::string_view key : kServerSetFields)
    if (r.Present(key)) errors.Add(std::string(key), "is set by the server and cannot be given");
  r.RejectUnknown();
  return content;
}

Alert ParseAlertDocument(const json::value& input, FieldErrors& errors) {
  Alert alert;
  const json::object* object = AsObject(input, "", errors);
  if (object == nullptr) return alert;
  ObjectReader r(*object, "", errors);
  if (const json::value* v = r.Required("id"))
    alert.id = ReadPositive(*v, "id", std::numeric_limits<uint64_t>::max(), errors).value_or(0);
  ReadContent(r, alert.content, errors);
  if (const json::value* v = r.Required("status"))
    alert.status =
        ReadEnum<AlertStatus>(*v, kStatusNames, "status", errors).value_or(AlertStatus::kDraft);
  if (const json::value* v = r.Optional("resolution"))
    alert.resolution = ReadResolution(*v, errors);
  if (const json::value* v = r.Optional("state_replies"))
    alert.state_replies = ReadNotes(*v, "state_replies", errors);
  if (const json::value* v = r.Optional("updates"))
    alert.updates = ReadNotes(*v, "updates", errors);
  if (const json::value* v = r.Required("submitted_at"))
    alert.submitted_at = ReadTimestamp(*v, "submitted_at", errors).value_or(Timestamp());
  if (const json::value* v = r.Optional("published_at"))
    alert.published_at = ReadTimestamp(*v, "published_at", errors);
  if (const json::value* v = r.Required("updated_at"))
    alert.updated_at = ReadTimestamp(*v, "updated_at", errors).value_or(Timestamp());
  if (const json::value* v = r.Required("version"))
    alert.version =
        ReadPositive(*v, "version", std::numeric_limits<uint64_t>::max(), errors).value_or(1);
  if (const json::value* v = r.Optional("merged_into"))
    alert.merged_into =
        ReadPositive(*v, "merged_into", std::numeric_limits<AlertId>::max(), errors);
  if (const json::value* v = r.Optional("submitted_by"))
    alert.submitted_by = ReadString(*v, "submitted_by", errors).value_or("");
  if (const json::value* v = r.Optional("merged_partners")) {
    if (const json::array* items =
            AsArray(*v, "merged_partners", kMaxPartnersPerAlert, "partners", errors)) {
      for (std::size_t i = 0; i < items->size(); ++i)
        alert.merged_partners.push_back(
            ReadString((*items)[i], Index("merged_partners", i), errors).value_or(""));
    }
  }
  r.RejectUnknown();
  return alert;
}

}  // namespace soj::tracker
