#include "tracker/alert_records.hpp"

#include <set>

#include "storage/key_codec.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/stats_record.hpp"

namespace soj::tracker {

using storage::Family;

Error FromStorage(const storage::Status& status) {
  if (status.code() == storage::Status::Code::kUnavailable)
    return Error::Unavailable(status.message());
  return Error::Internal(status.ToString());
}

namespace {

Result<std::optional<Alert>> DecodeIfPresent(
    const storage::StatusOr<std::optional<std::string>>& raw) {
  if (!raw) return FromStorage(raw.error());
  if (!*raw) return std::optional<Alert>();
  auto alert = DecodeAlertDocument(**raw);
  if (!alert) return alert.error();
  return std::optional<Alert>(std::move(*alert));
}

}  // namespace

Result<std::optional<Alert>> LoadAlert(storage::Transaction& txn, AlertId id) {
  return DecodeIfPresent(txn.Get(Family::kAlerts, AlertKey(id)));
}

Result<std::optional<Alert>> LoadAlert(const storage::Store& store, AlertId id,
                                       const storage::ReadView* view) {
  return DecodeIfPresent(store.Get(Family::kAlerts, AlertKey(id), view));
}

void SaveAlert(storage::Transaction& txn, const Alert* before, const Alert& after) {
  std::vector<IndexEntry> entries = ListEntriesOf(after);
  if (before != nullptr) {
    std::set<std::string> keep;
    for (const auto& [key, value] : entries) keep.insert(key);
    for (const auto& [key, value] : ListEntriesOf(*before))
      if (!keep.contains(key)) txn.Delete(Family::kIndex, key);
    const auto& old_ref = before->content.external_ref;
    if (old_ref &&
        (old_ref != after.content.external_ref || before->submitted_by != after.submitted_by))
      txn.Delete(Family::kIndex, ExternalRefKey(before->submitted_by, *old_ref));
  }
  for (const auto& [key, value] : entries) txn.Put(Family::kIndex, key, value);
  if (after.content.external_ref)
    txn.Put(Family::kIndex, ExternalRefKey(after.submitted_by, *after.content.external_ref),
            storage::EncodeUint64(after.id));
  txn.Put(Family::kAlerts, AlertKey(after.id), EncodeAlertDocument(after));
  txn.Put(Family::kStats, AlertKey(after.id), EncodeStatsRecord(after));
}

void AppendEvent(storage::Transaction& txn, Event& event) {
  event.seq = txn.NextEventSeq();
  txn.Put(Family::kEvents, storage::EncodeUint64(event.seq), EncodeEvent(event));
  txn.Put(Family::kIndex, AlertEventKey(event.alert_id, event.seq), "");
}

Result<std::vector<Event>> LoadAlertEvents(const storage::Store& store, AlertId id) {
  std::vector<uint64_t> seqs;
  const std::string prefix = AlertEventPrefix(id);
  storage::Status s = store.ScanPrefix(Family::kIndex, prefix, storage::Direction::kForward,
                                       [&](std::string_view key, std::string_view) {
                                         key.remove_prefix(prefix.size());
                                         if (auto seq = storage::ConsumeUint64(&key))
                                           seqs.push_back(*seq);
                                         return true;
                                       });
  if (!s.ok()) return FromStorage(s);
  std::vector<Event> events;
  for (uint64_t seq : seqs) {
    auto raw = store.Get(Family::kEvents, storage::EncodeUint64(seq));
    if (!raw) return FromStorage(raw.error());
    if (!*raw) return Error::Internal("event " + std::to_string(seq) + " is missing");
    auto event = DecodeEvent(**raw);
    if (!event) return event.error();
    events.push_back(std::move(*event));
  }
  return events;
}

}  // namespace soj::tracker
