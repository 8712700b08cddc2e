#pragma once
// The alert and everything it holds, as typed values (SPEC "The alert").

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/calendar.hpp"

namespace soj::tracker {

using AlertId = uint64_t;

enum class Category { kAttack, kDetention, kHarassment, kImpunity, kChilling };
enum class ThreatSource { kState, kNonState, kUnknown };
enum class AlertStatus { kDraft, kPublished, kRejected, kWithdrawn, kResolved };
enum class VictimKind { kJournalist, kMediaWorker, kMediaOutlet, kBlogger, kPhotographer, kOther };
enum class Gender { kFemale, kMale, kOther, kUnknown, kNotApplicable };
enum class Justice { kNone, kPartial, kFull };

// Wire names, in the order of the enums above.
inline constexpr std::array<std::string_view, 5> kCategoryNames = {
    "attack", "detention", "harassment", "impunity", "chilling"};
inline constexpr std::array<std::string_view, 3> kThreatSourceNames = {"state", "non_state",
                                                                       "unknown"};
inline constexpr std::array<std::string_view, 5> kStatusNames = {"draft", "published", "rejected",
                                                                 "withdrawn", "resolved"};
inline constexpr std::array<std::string_view, 6> kVictimKindNames = {
    "journalist", "media_worker", "media_outlet", "blogger", "photographer", "other"};
inline constexpr std::array<std::string_view, 5> kGenderNames = {"female", "male", "other",
                                                                 "unknown", "n/a"};
inline constexpr std::array<std::string_view, 3> kJusticeNames = {"none", "partial", "full"};
// Languages an alert may carry translations in.
inline constexpr std::array<std::string_view, 4> kLanguages = {"en", "fr", "ru", "be"};

template <class Enum, std::size_t N>
std::string_view NameOf(Enum value, const std::array<std::string_view, N>& names) {
  return names[static_cast<std::size_t>(value)];
}
template <class Enum, std::size_t N>
std::optional<Enum> EnumFromName(std::string_view name,
                                 const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

inline std::string_view ToString(Category v) { return NameOf(v, kCategoryNames); }
inline std::string_view ToString(ThreatSource v) { return NameOf(v, kThreatSourceNames); }
inline std::string_view ToString(AlertStatus v) { return NameOf(v, kStatusNames); }
inline std::string_view ToString(VictimKind v) { return NameOf(v, kVictimKindNames); }
inline std::string_view ToString(Gender v) { return NameOf(v, kGenderNames); }
inline std::string_view ToString(Justice v) { return NameOf(v, kJusticeNames); }

// A period of detention; `until` empty while the person is still detained.
struct DetentionPeriod {
  Date from;
  std::optional<Date> until;
  bool operator==(const DetentionPeriod&) const = default;
};

struct Victim {
  std::string name;  // empty only when withheld and not given
  bool withheld = false;
  VictimKind kind = VictimKind::kJournalist;
  Gender gender = Gender::kUnknown;
  std::optional<std::string> outlet;
  std::vector<DetentionPeriod> detentions;
  std::optional<Date> killed_on;
  // Identifies the same person across alerts; assigned by editors.
  std::optional<std::string> person_id;
  bool operator==(const Victim&) const = default;
};

struct ImpunityRecord {
  bool murder = false;
  Justice justice = Justice::kNone;
  Date since;
  bool operator==(const ImpunityRecord&) const = default;
};

struct Translation {
  std::optional<std::string> title;
  std::optional<std::string> description;
  bool operator==(const Translation&) const = default;
};

// Language code ("fr") -> translated text; ordered so encoding is deterministic.
using Translations = std::map<std::string, Translation>;

struct Resolution {
  Date date;
  std::string reason;
  bool operator==(const Resolution&) const = default;
};

// A state reply or a follow-up: dated text posted by someone ("state:BY", "partner:efj").
struct Note {
  uint32_t id = 0;
  Date date;
  std::string text;
  std::string posted_by;
  bool operator==(const Note&) const = default;
};

// The fields a submitter provides and editors may change.
struct AlertContent {
  std::string title;
  std::string description;
  std::string country;  // ISO 3166-1 alpha-2
  Date incident_date;
  std::vector<Category> categories;
  ThreatSource threat_source = ThreatSource::kUnknown;
  int level = 2;
  std::vector<std::string> partners;
  std::vector<Victim> victims;
  std::optional<ImpunityRecord> impunity;
  std::vector<std::string> sources;
  Translations translations;
  std::optional<std::string> external_ref;
  bool operator==(const AlertContent&) const = default;

  bool HasCategory(Category c) const;
  bool HasPartner(std::string_view partner) const;
};

struct Alert {
  AlertId id = 0;
  AlertContent content;
  AlertStatus status = AlertStatus::kDraft;
  std::optional<Resolution> resolution;
  std::vector<Note> state_replies;
  std::vector<Note> updates;
  Timestamp submitted_at;
  std::optional<Timestamp> published_at;
  Timestamp updated_at;
  uint64_t version = 1;
  // Who created it ("partner:efj", "editor:<token id>"); external_ref is unique per submitter.
  std::string submitted_by;
  // Set when an editor merged this alert into another: it is then only a pointer.
  std::optional<AlertId> merged_into;
  // Partners (of `content.partners`) that joined this alert only because an editor merged
  // another alert into it. They are credited and keep a partner's other rights, but they did
  // not report this alert's victims, so they are not shown its withheld ones (see
  // Principal::CanSeeWithheld). A partner an edit takes off the alert leaves this list too.
  std::vector<std::string> merged_partners;
  bool operator==(const Alert&) const = default;

  // Published or resolved, and not merged away: what the public and statistics see.
  bool IsPublic() const;
};

}  // namespace soj::tracker
