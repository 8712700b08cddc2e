#pragma once
// The compact per-alert statistics record, kept in Family::kStats under the alert's key and
// written in the same WriteBatch as the document (SaveAlert). The statistics engine is
// rebuilt from these records at start instead of re-parsing every JSON document.
//
// Binary layout, version 1 (varint = LEB128, svarint = zigzag LEB128, str = varint length +
// bytes):
//   u8 version (1)
//   varint id
//   u8 status (bits 0-2) | merged (bit 3) | has published_on (4) | has first_reply_on (5)
//      | has resolved_on (6) | has impunity (7)
//   u8 category mask, u8 level, u8 threat source, str country, svarint incident_date
//   [svarint published_on] [svarint first_reply_on] [svarint resolved_on]
//   [u8 murder (bit 0) | justice (bits 1-2), svarint since]
//   varint partner count, str partner...
//   varint victim count, then per victim: u8 kind (bits 0-3) | has person_id (bit 4),
//     [str person_id], varint period count, then per period: svarint from,
//     varint until (0 = still detained, else zigzag(until - from) + 1)
// Dates are days since 1970-01-01. A new layout takes a new version byte; decoders refuse
// versions they do not know rather than guess.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/error.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

inline constexpr uint8_t kStatsRecordVersion = 1;

// A victim as the statistics see it: no name, no outlet.
struct StatsVictim {
  VictimKind kind = VictimKind::kJournalist;
  std::optional<std::string> person_id;
  std::vector<DetentionPeriod> detentions;
  bool operator==(const StatsVictim&) const = default;
};

// Everything the statistics need of an alert.
struct StatsRecord {
  AlertId id = 0;
  AlertStatus status = AlertStatus::kDraft;
  bool merged = false;  // a pointer to another alert since a merge
  std::string country;
  Date incident_date;
  uint8_t category_mask = 0;  // bit i set = Category i
  int level = 2;
  ThreatSource threat_source = ThreatSource::kUnknown;
  std::vector<std::string> partners;
  std::optional<Date> published_on;    // date of published_at
  std::optional<Date> first_reply_on;  // earliest state reply date
  std::optional<Date> resolved_on;     // resolution date while resolved
  std::optional<ImpunityRecord> impunity;
  std::vector<StatsVictim> victims;
  bool operator==(const StatsRecord&) const = default;

  static StatsRecord Of(const Alert& alert);
  // Published or resolved, and not merged away: what the statistics count.
  bool IsPublic() const;
  bool HasCategory(Category c) const { return category_mask & (1u << static_cast<int>(c)); }
};

std::string EncodeStatsRecord(const StatsRecord& record);
// Everything the statistics need of an alert, binary-encoded: EncodeStatsRecord(Of(alert)).
std::string EncodeStatsRecord(const Alert& alert);

// Decodes a record written by EncodeStatsRecord. A truncated or malformed record, an enum out
// of range or an unknown version is a kInternal error saying what is wrong.
Result<StatsRecord> DecodeStatsRecord(std::string_view bytes);

}  // namespace soj::tracker
