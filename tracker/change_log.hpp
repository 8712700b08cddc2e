#pragma once
// The changes feed: every committed change, in commit order, as the caller may see it, for
// partners and mirrors that keep a copy in sync.
//
// The events family is the change log: each change (create, edit, transition, reply, update,
// merge, import) appends one event keyed by its sequence number, and the store's single
// writer assigns those numbers in commit order and commits each group in one atomic
// WriteBatch after the previous one. A reader's snapshot therefore always holds a prefix of
// the sequence (it never sees N+1 without N), so "every event after the last one read" skips
// nothing and repeats nothing. A cursor is the position after the last event read.
//
// What a caller sees (the same rules as GET /api/v1/alerts and GET /api/v1/alerts/{id}):
//   - an event is delivered when the alert was in the caller's list view just before it or
//     just after it (public: published/resolved, not merged; partners: also their own alerts
//     in any status; editors and admins: every alert not merged away). Changes to drafts the
//     caller cannot see are never delivered, so their existence is not revealed.
//   - each delivered change carries the alert as the caller may see it now (withheld names per
//     ViewFor), read from the same snapshot as the event, or nothing when the alert has left
//     the caller's view (merged, or the partner was taken off it): the caller removes it.
// Replaying all changes from the start (upsert the alert, or remove it) rebuilds exactly the
// alerts the caller's list shows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.hpp"
#include "tracker/error.hpp"
#include "tracker/event.hpp"
#include "tracker/model.hpp"
#include "tracker/principal.hpp"

namespace soj::tracker {

inline constexpr std::size_t kDefaultChangesPage = 50;
inline constexpr std::size_t kMaxChangesPage = 200;

struct Change {
  uint64_t seq = 0;
  AlertId alert_id = 0;
  EventKind kind = EventKind::kCreated;
  Timestamp at;
  // The alert now, when the caller may see it; nullopt when it left the caller's view.
  std::optional<Alert> alert;
};

struct ChangePage {
  std::vector<Change> items;
  // Where the next page starts: after the last event this page looked at (including events
  // the caller may not see), never before `after`.
  uint64_t next_after = 0;
  // True when the page stopped early (limit or scan budget): more may follow at once.
  bool more = false;
};

// Changes with a sequence number greater than `after`, at most `limit` (1..kMaxChangesPage;
// kBadRequest naming "limit" otherwise). Looks at a bounded number of events per call, so a
// page may be empty with `more` set when the caller may see few of them.
Result<ChangePage> ReadChanges(const storage::Store& store, const Principal& who, uint64_t after,
                               std::size_t limit);

// The opaque cursor of a position, and back (kBadRequest naming "since" for one this server
// did not make). An empty cursor is the beginning.
std::string EncodeChangeCursor(uint64_t after);
Result<uint64_t> DecodeChangeCursor(std::string_view cursor);

// The time of the latest change the public may have seen (a change to a published or resolved
// alert, or the merge of one), or nullopt when there is none. Looks back over a bounded number
// of recent events and then answers with the latest event of all, so it never under-reports.
Result<std::optional<Timestamp>> LatestPublicChange(const storage::Store& store);

}  // namespace soj::tracker
