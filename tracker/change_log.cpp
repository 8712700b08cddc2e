#include "tracker/change_log.hpp"

#include <map>

#include "storage/key_codec.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_query.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/digest.hpp"

namespace soj::tracker {
namespace {

using storage::Family;

constexpr std::string_view kCursorMagic = "k1";
// Events looked at per page at most, so a caller who may see few of them still gets an
// answer (and a cursor further on) quickly.
constexpr std::size_t kScanBudget = 5000;
// How far back LatestPublicChange looks for a public event before settling for the latest.
constexpr std::size_t kPublicLookBack = 5000;

Error BadCursor(std::string message) {
  return Error{ErrorKind::kBadRequest, "since " + message, {{"since", message}}, {}};
}

// The alert's list summary with the status, merge state and partners it had at one moment.
AlertSummary SummaryAt(const Alert& now, AlertStatus status, bool merged,
                       const std::vector<std::string>* partners) {
  AlertSummary s = AlertSummary::Of(now);
  s.status = status;
  s.merged = merged;
  if (partners != nullptr) s.partners = *partners;
  return s;
}

// The partners an edit replaced, when it changed them (its "before" values).
std::optional<std::vector<std::string>> PartnersBefore(const Event& event) {
  if (event.kind != EventKind::kEdited) return std::nullopt;
  const auto* before = event.detail.if_contains("before");
  const auto* partners =
      before && before->is_object() ? before->as_object().if_contains("partners") : nullptr;
  if (partners == nullptr || !partners->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& p : partners->as_array())
    if (p.is_string()) out.emplace_back(p.as_string());
  return out;
}

// Whether the alert was in `who`'s list view just before or just after `event`. The event
// records the status after it (and a transition the status before); partners change only by
// edits, which record the partners they replaced; the current document gives the rest.
bool Concerns(const Principal& who, const Event& event, const Alert& now) {
  // Only a merge makes an alert a pointer, and a pointer takes no further events.
  const bool merged_after = event.kind == EventKind::kMergedInto;
  if (VisibleInLists(who, SummaryAt(now, event.status, merged_after, nullptr))) return true;
  if (event.kind == EventKind::kCreated || event.kind == EventKind::kImported) return false;
  AlertStatus before = event.status;
  if (event.kind == EventKind::kTransitioned) {
    const auto* from = event.detail.if_contains("from");
    if (from && from->is_string())
      if (auto s = EnumFromName<AlertStatus>(from->as_string(), kStatusNames)) before = *s;
  }
  auto partners = PartnersBefore(event);
  return VisibleInLists(who, SummaryAt(now, before, false, partners ? &*partners : nullptr));
}

}  // namespace

std::string EncodeChangeCursor(uint64_t after) {
  std::string raw(kCursorMagic);
  storage::AppendUint64(&raw, after);
  return Base64UrlEncode(raw);
}

Result<uint64_t> DecodeChangeCursor(std::string_view cursor) {
  if (cursor.empty()) return uint64_t{0};
  std::string raw;
  if (!Base64UrlDecode(cursor, &raw) || raw.size() != kCursorMagic.size() + 8 ||
      !raw.starts_with(kCursorMagic))
    return BadCursor("is not a cursor returned by this server");
  std::string_view rest = std::string_view(raw).substr(kCursorMagic.size());
  return *storage::ConsumeUint64(&rest);
}

Result<ChangePage> ReadChanges(const storage::Store& store, const Principal& who, uint64_t after,
                               std::size_t limit) {
  if (limit < 1 || limit > kMaxChangesPage) {
    std::string message = "must be between 1 and " + std::to_string(kMaxChangesPage);
    return Error{ErrorKind::kBadRequest, "limit " + message, {{"limit", message}}, {}};
  }
  // Events and documents from one snapshot: an alert shown as it is "now" is the alert as of
  // the last event of the page, so any later change to it comes with a later event.
  auto view = store.Snapshot();
  ChangePage page;
  page.next_after = after;
  std::map<AlertId, std::optional<Alert>> alerts;  // documents read for this page
  std::optional<Error> failure;
  std::size_t scanned = 0;
  if (after == UINT64_MAX) return page;
  storage::Status s = store.Scan(
      Family::kEvents, storage::EncodeUint64(after + 1), "", storage::Direction::kForward,
      [&](std::string_view, std::string_view value) {
        if (page.items.size() >= limit || scanned >= kScanBudget) {
          page.more = true;
          return false;
        }
        auto event = DecodeEvent(value);
        if (!event) {
          failure = event.error();
          return false;
        }
        ++scanned;
        page.next_after = event->seq;
        auto cached = alerts.find(event->alert_id);
        if (cached == alerts.end()) {
          auto loaded = LoadAlert(store, event->alert_id, view.get());
          if (!loaded) {
            failure = loaded.error();
            return false;
          }
          cached = alerts.emplace(event->alert_id, std::move(*loaded)).first;
        }
        if (!cached->second) {
          failure =
              Error::Internal("event " + std::to_string(event->seq) + " names a missing alert");
          return false;
        }
        const Alert& now = *cached->second;
        if (!Concerns(who, *event, now)) return true;
        Change change{event->seq, event->alert_id, event->kind, event->at, std::nullopt};
        if (VisibleInLists(who, AlertSummary::Of(now))) change.alert = now;
        page.items.push_back(std::move(change));
        return true;
      },
      view.get());
  if (failure) return *failure;
  if (!s.ok()) return FromStorage(s);
  return page;
}

Result<std::optional<Timestamp>> LatestPublicChange(const storage::Store& store) {
  std::optional<Timestamp> latest;
  std::optional<Timestamp> found;
  std::size_t looked = 0;
  std::optional<Error> failure;
  storage::Status s = store.Scan(Family::kEvents, "", "", storage::Direction::kBackward,
                                 [&](std::string_view, std::string_view value) {
                                   auto event = DecodeEvent(value);
                                   if (!event) {
                                     failure = event.error();
                                     return false;
                                   }
                                   if (!latest) latest = event->at;
                                   if (PublicEventJson(*event)) {
                                     found = event->at;
                                     return false;
                                   }
                                   return ++looked < kPublicLookBack;
                                 });
  if (failure) return *failure;
  if (!s.ok()) return FromStorage(s);
  if (found) return found;
  // Nothing public among the recent events: the latest event is a safe upper bound, unless
  // there are no more events at all (then nothing was ever public).
  if (looked >= kPublicLookBack) return latest;
  return std::optional<Timestamp>();
}

}  // namespace soj::tracker
