#pragma once
// Filling a full-text index from the store: the documents of one snapshot, and the mark of
// the last event that snapshot holds. Two threads: one reads and decodes the documents and
// turns them into Xapian documents, the other writes them (a Xapian database takes one
// writer), so a rebuild runs at the speed of the slower of the two, not of their sum.

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/store.hpp"
#include "tracker/error.hpp"

namespace soj::tracker {

// The newest event of a store: its sequence number and the SHA-256 of its bytes, which tell
// this store's event from another store's (seq 0, empty digest: no event yet).
struct EventMark {
  uint64_t seq = 0;
  std::string digest;
};
std::string EncodeMark(const EventMark& mark);
std::optional<EventMark> DecodeMark(std::string_view bytes);
Result<EventMark> LastEventOf(const storage::Store& store, const storage::ReadView* view);
// The highest alert id in the store (0: none).
Result<uint64_t> LastAlertIdOf(const storage::Store& store);

// The search document of a stored alert document, or nothing when it is not to be found
// (merged into another alert).
Result<std::optional<Xapian::Document>> SearchDocumentOfStored(std::string_view document);

// Adds every alert of one snapshot of `store` to `db` (which should be empty) and returns the
// mark of that snapshot; does not commit. `indexed` counts the alerts written so far. Gives
// up with kUnavailable when `stop` turns true.
Result<EventMark> FillSearchIndex(Xapian::WritableDatabase& db, const storage::Store& store,
                                  const std::atomic<bool>& stop, std::atomic<uint64_t>& indexed);

}  // namespace soj::tracker
