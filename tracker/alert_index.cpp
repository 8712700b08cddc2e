#include "tracker/alert_index.hpp"

#include <algorithm>

#include "storage/key_codec.hpp"

namespace soj::tracker {
namespace {

using storage::AppendInt64;
using storage::AppendUint64;

constexpr char kIncidentTag = 'i';
constexpr char kUpdatedTag = 'u';
constexpr std::size_t kSummaryFixedSize = 1 + 1 + 1 + 1 + 1 + 2 + 8 + 8;

void AppendListEntries(std::vector<IndexEntry>* out, Dimension dim, std::string_view value,
                       const Alert& alert, const std::string& summary) {
  for (char tag : {kIncidentTag, kUpdatedTag}) {
    std::string key = ListPrefix(dim, value, tag);
    AppendInt64(&key, tag == kIncidentTag ? alert.content.incident_date.days()
                                          : alert.updated_at.unix_seconds());
    AppendUint64(&key, alert.id);
    out->emplace_back(std::move(key), summary);
  }
}

}  // namespace

AlertSummary AlertSummary::Of(const Alert& alert) {
  AlertSummary s;
  s.id = alert.id;
  s.status = alert.status;
  s.level = alert.content.level;
  s.threat_source = alert.content.threat_source;
  for (Category c : alert.content.categories)
    s.category_mask |= static_cast<uint8_t>(1u << static_cast<int>(c));
  s.merged = alert.merged_into.has_value();
  s.country = alert.content.country;
  s.incident_date = alert.content.incident_date;
  s.updated_at = alert.updated_at;
  s.partners = alert.content.partners;
  return s;
}

bool AlertSummary::HasPartner(std::string_view partner) const {
  return std::find(partners.begin(), partners.end(), partner) != partners.end();
}

bool AlertSummary::IsPublic() const {
  return !merged && (status == AlertStatus::kPublished || status == AlertStatus::kResolved);
}

std::string EncodeSummary(const AlertSummary& s) {
  std::string out;
  out.reserve(kSummaryFixedSize + 16);
  out.push_back(static_cast<char>(s.status));
  out.push_back(static_cast<char>(s.level));
  out.push_back(static_cast<char>(s.threat_source));
  out.push_back(static_cast<char>(s.category_mask));
  out.push_back(static_cast<char>(s.merged ? 1 : 0));
  std::string country = s.country;
  country.resize(2, ' ');
  out += country;
  AppendInt64(&out, s.incident_date.days());
  AppendInt64(&out, s.updated_at.unix_seconds());
  for (std::size_t i = 0; i < s.partners.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += s.partners[i];
  }
  return out;
}

std::optional<AlertSummary> DecodeSummary(AlertId id, std::string_view bytes) {
  if (bytes.size() < kSummaryFixedSize) return std::nullopt;
  AlertSummary s;
  s.id = id;
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (byte(0) >= kStatusNames.size() || byte(2) >= kThreatSourceNames.size() || byte(4) > 1)
    return std::nullopt;
  s.status = static_cast<AlertStatus>(byte(0));
  s.level = byte(1);
  s.threat_source = static_cast<ThreatSource>(byte(2));
  s.category_mask = byte(3);
  s.merged = byte(4) == 1;
  s.country = std::string(bytes.substr(5, 2));
  std::string_view rest = bytes.substr(7);
  auto incident = storage::ConsumeInt64(&rest);
  auto updated = storage::ConsumeInt64(&rest);
  s.incident_date = Date::FromDays(static_cast<int32_t>(*incident));
  s.updated_at = Timestamp::FromUnixSeconds(*updated);
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    s.partners.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return s;
}

std::string ListPrefix(Dimension dim, std::string_view value, char order_tag) {
  std::string prefix;
  prefix.push_back(static_cast<char>(dim));
  prefix += value;
  prefix.push_back('\0');
  prefix.push_back(order_tag);
  return prefix;
}

char OrderTag(SortOrder order) {
  return order == SortOrder::kUpdatedAtDesc ? kUpdatedTag : kIncidentTag;
}

std::vector<IndexEntry> ListEntriesOf(const Alert& alert) {
  std::vector<IndexEntry> out;
  if (alert.merged_into) return out;
  const std::string summary = EncodeSummary(AlertSummary::Of(alert));
  const AlertContent& c = alert.content;
  AppendListEntries(&out, Dimension::kAll, "", alert, summary);
  AppendListEntries(&out, Dimension::kCountry, c.country, alert, summary);
  for (Category cat : c.categories)
    AppendListEntries(&out, Dimension::kCategory, ToString(cat), alert, summary);
  AppendListEntries(&out, Dimension::kStatus, ToString(alert.status), alert, summary);
  for (const std::string& partner : c.partners)
    AppendListEntries(&out, Dimension::kPartner, partner, alert, summary);
  AppendListEntries(&out, Dimension::kLevel, std::to_string(c.level), alert, summary);
  AppendListEntries(&out, Dimension::kThreatSource, ToString(c.threat_source), alert, summary);
  return out;
}

std::string ExternalRefKey(std::string_view submitter, std::string_view external_ref) {
  std::string key = "X";
  key += submitter;
  key.push_back('\0');
  key += external_ref;
  return key;
}

std::string AlertEventPrefix(AlertId id) {
  std::string key = "E";
  AppendUint64(&key, id);
  return key;
}

std::string AlertEventKey(AlertId id, uint64_t seq) {
  std::string key = AlertEventPrefix(id);
  AppendUint64(&key, seq);
  return key;
}

std::string AlertKey(AlertId id) { return storage::EncodeUint64(id); }

}  // namespace soj::tracker
