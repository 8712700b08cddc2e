#pragma once
// SearchIndex: the full-text index of the alerts (Xapian), kept beside the RocksDB store in
// <data>/search and derived from it. The store stays the source of truth:
//
// - In step with every commit: Platform registers OnAlertCommitted and OnEventCommitted as
//   commit observers of the alerts and events families. They only queue the change
//   (search_queue.hpp); the index's own thread applies the changes in commit order, so the
//   store's writer never waits for Xapian. A search first waits until every change committed
//   before it began is applied: a write is searchable once its caller has been answered.
//   Changes reach the disk in Xapian commits at most once a second (and on close); each
//   commit records the last event it covers (sequence and SHA-256 of the event) in the
//   index's metadata.
// - Detectably stale: Open compares that marker with the store's event log. Behind by up to
//   kMaxCatchUpEvents: the alerts named by the newer events are indexed again (catch-up).
//   Further behind (a bulk import leaves it so), missing, unreadable, of another format,
//   ahead of the store or naming an event the store does not hold (another or a restored
//   store): the index is rebuilt from the documents (search_build.hpp), at once or, for a
//   server that should answer everything else meanwhile, in the background into <dir>.new,
//   which then catches up from the event log and takes the index's place.
//
// What is indexed, and how a query is read: search_terms.hpp. Withheld names are not indexed.
// Thread-safe: one mutex guards the database (a Xapian database is not); searches see every
// committed write, including those not yet in a Xapian commit.

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/store.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/error.hpp"
#include "tracker/search_queue.hpp"

namespace soj::tracker {

struct SearchHit {
  AlertId id = 0;
  int64_t sort_value = 0;  // SearchOrder::sort_value of the alert's summary, when sorted
  double weight = 0;       // relevance (BM25), higher is better, when ranked
};

// Which hits Find returns. A search at a million alerts may match most of them: a hit is
// kept as 24 bytes, never as a summary, and a ranked search keeps only the best.
struct SearchOrder {
  // Unset: ranked, the `ranked` most relevant hits, best first (equal relevance: higher id
  // first). Set: every hit, in no order, with its sort value; the caller sorts.
  std::function<int64_t(const AlertSummary&)> sort_value;
  std::size_t ranked = 0;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  uint64_t total = 0;  // every indexed alert matching the text that `keep` accepted
};

// How Open brought the index in step with the store.
struct SearchIndexState {
  enum class How { kUpToDate, kCaughtUp, kRebuilt, kBuilding } how = How::kUpToDate;
  std::string reason;      // why it was rebuilt (or is being built)
  std::size_t alerts = 0;  // alerts indexed again
};

// Whether Open waits for a rebuild or lets it run in the background (searches answer
// kUnavailable until it is done; the store must outlive the index or StopBuilding).
enum class SearchBuild { kNow, kInBackground };

// How many events behind the store an index may be and still be caught up as it opens (the
// alerts those events name indexed again, one by one, while the caller waits: about 4,000 a
// second). Further behind, as after a bulk import, it is rebuilt from the documents instead,
// which for a server means in the background. Above what a crash can leave uncommitted (a
// second of writes, at most kCommitDocuments documents, each with its events).
inline constexpr uint64_t kMaxCatchUpEvents = 10000;

class SearchIndex {
 public:
  // Opens (creating, catching up or rebuilding as needed) the index in `dir` for `store`. Call
  // before the store takes writes. kUnavailable when another process holds the index.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& dir,
                                                   const storage::Store& store,
                                                   SearchBuild build = SearchBuild::kNow,
                                                   uint64_t max_catch_up = kMaxCatchUpEvents);
  // Stops a background build (the next Open starts it again), applies every queued change
  // and writes what is pending.
  ~SearchIndex();
  // Stops a background build and waits for it; call before the store closes.
  void StopBuilding();
  // Whether a background build is running.
  bool building() const;
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  const SearchIndexState& opened() const { return opened_; }

  // Commit observers (storage::CommitObserver) of Family::kAlerts and Family::kEvents: they
  // queue the change for the index's thread. A failure applying it disables searching
  // (kUnavailable) until the next start, which repairs it.
  void OnAlertCommitted(std::string_view key, std::optional<std::string_view> value);
  void OnEventCommitted(std::string_view key, std::optional<std::string_view> value);

  // Rebuilds the index from every document in the store; returns the alerts indexed.
  // Writes committed meanwhile wait for it and are indexed after.
  Result<std::size_t> Rebuild(const storage::Store& store);

  // The indexed alerts matching `text` whose summary `keep` accepts, as `order` asks, and
  // how many there are. kBadRequest for text that is too long.
  Result<SearchResult> Find(std::string_view text,
                            const std::function<bool(const AlertSummary&)>& keep,
                            const SearchOrder& order) const;

  // Alerts in the index (every alert but merged ones).
  Result<uint64_t> Count() const;

 private:
  explicit SearchIndex(std::string dir) : dir_(std::move(dir)) {}
  Result<void> OpenOrRebuild(const storage::Store& store, SearchBuild build, uint64_t max_catch_up);
  Result<std::size_t> RebuildLocked(const storage::Store& store);
  void BuildInBackground(const storage::Store& store);
  std::optional<Error> UnavailableLocked() const;
  Result<std::size_t> CatchUpLocked(const storage::Store& store, uint64_t from_seq);
  Result<void> ApplyLocked(uint64_t id, const std::optional<Xapian::Document>& searchable);
  void IndexChanges();
  void ApplyBatch(const SearchQueue::Batch& batch);
  void CommitLocked();
  void Fail(const std::string& what);

  const std::string dir_;
  SearchIndexState opened_;
  mutable std::mutex mutex_;
  std::unique_ptr<Xapian::WritableDatabase> db_;
  uint64_t last_event_seq_ = 0;
  std::string last_event_digest_;
  bool dirty_ = false;
  std::size_t documents_since_commit_ = 0;
  std::chrono::steady_clock::time_point last_commit_;
  std::optional<std::string> failure_;
  bool building_ = false;  // the database is being built by builder_; db_ is null
  std::thread builder_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> indexed_{0};
  // Changes queued at most (documents of a few KB): a writer far ahead waits for room.
  mutable SearchQueue queue_{8192};
  std::thread indexer_;  // applies the queued changes (IndexChanges)
};

}  // namespace soj::tracker
