#pragma once
// Secondary index entries of an alert in the store's index family, and the compact summary
// each entry carries so a list can filter on every dimension without reading documents.
//
// Key layout (all in Family::kIndex):
//   list entries   <dim tag><value> 0x00 <order tag> <sort value i64> <alert id u64> -> summary
//   external refs  'X' <submitter> 0x00 <external_ref>                                -> id
//   alert events   'E' <alert id u64> <event seq u64>                                 -> ""
// where dim tag is one of the Dimension values and order tag 'i' (incident_date) or
// 'u' (updated_at).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tracker/model.hpp"

namespace soj::tracker {

enum class Dimension : char {
  kAll = 'A',
  kCountry = 'C',
  kCategory = 'K',
  kStatus = 'S',
  kPartner = 'P',
  kLevel = 'L',
  kThreatSource = 'T',
};

enum class SortOrder { kIncidentDateDesc, kIncidentDateAsc, kUpdatedAtDesc };

// What a list needs to know about an alert to filter and order it.
struct AlertSummary {
  AlertId id = 0;
  AlertStatus status = AlertStatus::kDraft;
  int level = 2;
  ThreatSource threat_source = ThreatSource::kUnknown;
  uint8_t category_mask = 0;  // bit i set = category i
  bool merged = false;
  std::string country;
  Date incident_date;
  Timestamp updated_at;
  std::vector<std::string> partners;

  static AlertSummary Of(const Alert& alert);
  bool HasCategory(Category c) const { return category_mask & (1u << static_cast<int>(c)); }
  bool HasPartner(std::string_view partner) const;
  bool IsPublic() const;
  bool operator==(const AlertSummary&) const = default;
};

std::string EncodeSummary(const AlertSummary& summary);
std::optional<AlertSummary> DecodeSummary(AlertId id, std::string_view bytes);

// The key prefix of one dimension value and order: every entry of that list starts with it.
std::string ListPrefix(Dimension dim, std::string_view value, char order_tag);
char OrderTag(SortOrder order);

using IndexEntry = std::pair<std::string, std::string>;
// Every list entry the alert must have (none for merged alerts: they are pointers).
std::vector<IndexEntry> ListEntriesOf(const Alert& alert);

std::string ExternalRefKey(std::string_view submitter, std::string_view external_ref);
std::string AlertEventKey(AlertId id, uint64_t seq);
std::string AlertEventPrefix(AlertId id);

// Key of an alert document in Family::kAlerts.
std::string AlertKey(AlertId id);

}  // namespace soj::tracker
