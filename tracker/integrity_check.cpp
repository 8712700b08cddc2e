#include "tracker/integrity_check.hpp"

#include <optional>
#include <unordered_map>

#include "storage/key_codec.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/digest.hpp"
#include "tracker/event.hpp"
#include "tracker/stats_record.hpp"

namespace soj::tracker {
namespace {

using storage::Family;

class Checker {
 public:
  Checker(const storage::Store& store, std::size_t max_problems)
      : store_(store), view_(store.Snapshot()), max_problems_(max_problems) {}

  IntegrityReport Run() {
    CheckDocuments();
    CheckEvents();
    CheckIndexFamily();
    return std::move(report_);
  }

 private:
  void Problem(std::string text) {
    if (report_.problems.size() < max_problems_)
      report_.problems.push_back(std::move(text));
    else
      report_.truncated = true;
  }

  // The index entries a document must have, with the values they must hold.
  static std::vector<IndexEntry> ExpectedEntries(const Alert& alert) {
    std::vector<IndexEntry> entries = ListEntriesOf(alert);
    if (alert.content.external_ref)
      entries.emplace_back(ExternalRefKey(alert.submitted_by, *alert.content.external_ref),
                           storage::EncodeUint64(alert.id));
    return entries;
  }

  void CheckDocuments() {
    Check(store_.Scan(
        Family::kAlerts, "", "", storage::Direction::kForward,
        [&](std::string_view key, std::string_view value) {
          ++report_.alerts;
          std::string_view rest = key;
          auto id = storage::ConsumeUint64(&rest);
          if (!id || !rest.empty()) {
            Problem("a document has a malformed key " + HexEncode(key));
            return true;
          }
          auto alert = DecodeAlertDocument(value);
          if (!alert) {
            Problem("alert " + std::to_string(*id) +
                    ": document unreadable: " + alert.error().message);
            return true;
          }
          if (alert->id != *id)
            Problem("alert " + std::to_string(*id) + ": document says id " +
                    std::to_string(alert->id));
          auto stats = store_.Get(Family::kStats, AlertKey(*id), view_.get());
          if (!stats || !*stats || **stats != EncodeStatsRecord(*alert))
            Problem("alert " + std::to_string(*id) +
                    ": its statistics record is missing or does not match the document");
          for (const auto& [index_key, expected] : ExpectedEntries(*alert)) {
            auto found = store_.Get(Family::kIndex, index_key, view_.get());
            if (!found) {
              Problem("alert " + std::to_string(*id) + ": " + found.error().ToString());
            } else if (!*found) {
              Problem("alert " + std::to_string(*id) + ": missing index entry " +
                      Describe(index_key));
            } else {
              ++found_entries_;
              if (**found != expected)
                Problem("alert " + std::to_string(*id) + ": index entry " + Describe(index_key) +
                        " holds stale data");
            }
          }
          return true;
        },
        view_.get()));
  }

  void CheckEvents() {
    Check(store_.Scan(
        Family::kEvents, "", "", storage::Direction::kForward,
        [&](std::string_view key, std::string_view value) {
          ++report_.events;
          std::string_view rest = key;
          auto seq = storage::ConsumeUint64(&rest);
          auto event = DecodeEvent(value);
          if (!seq || !event || event->seq != *seq) {
            Problem("event " + HexEncode(key) + " is unreadable or misnumbered");
            return true;
          }
          auto found =
              store_.Get(Family::kIndex, AlertEventKey(event->alert_id, *seq), view_.get());
          if (found && *found)
            ++found_entries_;
          else
            Problem("event " + std::to_string(*seq) + " is not indexed under alert " +
                    std::to_string(event->alert_id));
          auto alert = store_.Get(Family::kAlerts, AlertKey(event->alert_id), view_.get());
          if (!alert || !*alert)
            Problem("event " + std::to_string(*seq) + " belongs to missing alert " +
                    std::to_string(event->alert_id));
          return true;
        },
        view_.get()));
  }

  // The entries found above are the ones documents and events account for; any surplus is
  // stray, and only then is each entry traced back to its owner.
  void CheckIndexFamily() {
    Check(store_.Scan(
        Family::kIndex, "", "", storage::Direction::kForward,
        [&](std::string_view, std::string_view) {
          ++report_.index_entries;
          return true;
        },
        view_.get()));
    if (report_.index_entries > found_entries_) FindStrayEntries();
  }

  void FindStrayEntries() {
    Check(store_.Scan(
        Family::kIndex, "", "", storage::Direction::kForward,
        [&](std::string_view key, std::string_view value) {
          if (auto owner = UnaccountedOwner(key, value))
            Problem("stray index entry " + Describe(key) + ": " + *owner);
          return true;
        },
        view_.get()));
  }

  // Why no document or event accounts for this entry, or nullopt when one does.
  std::optional<std::string> UnaccountedOwner(std::string_view key, std::string_view value) {
    if (key.empty()) return "empty key";
    if (key[0] == 'E') {
      std::string_view rest = key.substr(1);
      auto id = storage::ConsumeUint64(&rest);
      auto seq = storage::ConsumeUint64(&rest);
      if (!id || !seq || !rest.empty()) return "malformed event entry";
      auto raw = store_.Get(Family::kEvents, storage::EncodeUint64(*seq), view_.get());
      auto event = raw && *raw ? DecodeEvent(**raw) : Result<Event>(Error::NotFound(""));
      if (event && event->alert_id == *id) return std::nullopt;
      return "no event " + std::to_string(*seq) + " of alert " + std::to_string(*id);
    }
    std::optional<AlertId> owner;
    if (key[0] == 'X') {
      std::string_view rest = value;
      owner = storage::ConsumeUint64(&rest);
    } else if (key.size() >= 8) {
      std::string_view tail = key.substr(key.size() - 8);
      owner = storage::ConsumeUint64(&tail);
    }
    if (!owner) return "names no alert";
    const Alert* alert = Lookup(*owner);
    if (alert == nullptr) return "alert " + std::to_string(*owner) + " does not exist";
    for (const auto& [k, v] : ExpectedEntries(*alert))
      if (k == key) return std::nullopt;  // a stale value is reported with its document
    return "alert " + std::to_string(*owner) + " does not have this entry";
  }

  const Alert* Lookup(AlertId id) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second ? &*it->second : nullptr;
    if (cache_.size() > 100000) cache_.clear();
    auto loaded = LoadAlert(store_, id, view_.get());
    auto& slot = cache_[id];
    if (loaded && *loaded) slot = std::move(**loaded);
    return slot ? &*slot : nullptr;
  }

  static std::string Describe(std::string_view key) {
    std::string printable;
    for (char c : key) printable.push_back(c >= 0x20 && c < 0x7f ? c : '.');
    return "'" + printable + "' (" + HexEncode(key) + ")";
  }

  void Check(const storage::Status& s) {
    if (!s.ok()) Problem("reading the store failed: " + s.ToString());
  }

  const storage::Store& store_;
  std::unique_ptr<storage::ReadView> view_;
  std::size_t max_problems_;
  uint64_t found_entries_ = 0;  // expected entries that exist (values checked apart)
  std::unordered_map<AlertId, std::optional<Alert>> cache_;
  IntegrityReport report_;
};

}  // namespace

IntegrityReport CheckIntegrity(const storage::Store& store, std::size_t max_problems) {
  return Checker(store, max_problems).Run();
}

}  // namespace soj::tracker
