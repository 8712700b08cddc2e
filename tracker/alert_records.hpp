#pragma once
// Reading and writing alert records: the document, its index entries and its events always
// change together inside one storage transaction, so they cannot drift apart.

#include <optional>

#include "storage/store.hpp"
#include "storage/transaction.hpp"
#include "tracker/error.hpp"
#include "tracker/event.hpp"
#include "tracker/model.hpp"

namespace soj::tracker {

// The alert with `id`, or nullopt. Errors only for I/O or a damaged document.
Result<std::optional<Alert>> LoadAlert(storage::Transaction& txn, AlertId id);
Result<std::optional<Alert>> LoadAlert(const storage::Store& store, AlertId id,
                                       const storage::ReadView* view = nullptr);

// Writes `after` and moves its index entries from those of `before` (null for a new alert).
void SaveAlert(storage::Transaction& txn, const Alert* before, const Alert& after);

// Assigns the next sequence number to `event` and appends it to the log and to its alert's
// event index.
void AppendEvent(storage::Transaction& txn, Event& event);

// The events of one alert, oldest first.
Result<std::vector<Event>> LoadAlertEvents(const storage::Store& store, AlertId id);

// Maps a storage failure to the domain error reported to callers.
Error FromStorage(const storage::Status& status);

}  // namespace soj::tracker
