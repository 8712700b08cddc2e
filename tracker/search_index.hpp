#pragma once
// SearchIndex: the full-text index of the alerts (Xapian), kept beside the RocksDB store in
// <data>/search and derived from it. The store stays the source of truth:
//
// - Following every commit: Platform registers OnAlertCommitted and OnEventCommitted as
//   commit observers of the alerts and events families. They only queue what changed
//   (search_queue.hpp); the index's own thread reads it back from the store and applies it in
//   commit order, so the store's writer never waits for Xapian. A search first waits until
//   every change to an alert the index may hold, committed before it began, is applied: what
//   a write hid (a withheld name, an unpublished alert) is never found once it is answered.
//   A new alert is searchable once answered too, except during a burst of submissions: the
//   index then takes an eighth of the cores it may run on (the requests come first; all it
//   can once its queue is half full) and a search waits for the newest alerts no longer
//   than kSearchPatience.
//   Changes reach the disk in Xapian commits at most once a second (and on close); each
//   commit records the last event it covers (sequence and SHA-256 of the event) in the
//   index's metadata.
// - Detectably stale: Open compares that marker with the store's event log. Behind by up to
//   kMaxCatchUpEvents: the alerts named by the newer events are indexed again (catch-up).
//   Further behind (a bulk import, or a crash during a long burst of submissions, leaves it
//   so), missing, unreadable, of another format, ahead of the store or naming an event the
//   store does not hold (another or a restored store): the index is rebuilt from the
//   documents (search_build.hpp), at once or, for a server that should answer everything
//   else meanwhile, in the background into <dir>.new, which then catches up from the event
//   log and takes the index's place.
//
// What is indexed, and how a query is read: search_terms.hpp. Withheld names are not indexed.
// Thread-safe: one mutex guards the writable database (a Xapian database is not), and is held
// only to apply changes and to commit, never while a search ranks: a search reads its own
// Xapian reader (one per search running, kept for the next), reopened at the latest commit.
// What a reader sees is only what is committed, so a search first commits every change
// applied so far: it sees each of them, as it did when it read the writable database.

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

// Up to how many hits a ranked search counts exactly. Counting every match of "journalist"
// at a million alerts took 0.36 s of a core; checking this many and estimating the rest
// takes a few milliseconds.
inline constexpr std::size_t kExactSearchTotal = 1000;

// Which hits Find returns. A search at a million alerts may match most of them: a hit is
// kept as 24 bytes, never as a summary, and a ranked search keeps only the best.
struct SearchOrder {
  // Unset: ranked, the `ranked` most relevant hits, best first (equal relevance: higher id
  // first). Set: every hit, in no order, with its sort value; the caller sorts.
  std::function<int64_t(const AlertSummary&)> sort_value;
  std::size_t ranked = 0;
  // Ranked: up to how many hits the total is exact (tests set fewer).
  std::size_t exact_total = kExactSearchTotal;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  // Every indexed alert matching the text that `keep` accepted: exact for a sorted search
  // (it sees every hit) and for a ranked one with up to SearchOrder::exact_total; beyond
  // that, Xapian's estimate, and total_is_estimate is set.
  uint64_t total = 0;
  bool total_is_estimate = false;
};

// How Open brought the index in step with the store.
struct SearchIndexState {
  enum class How { kUpToDate, kCaughtUp, kRebuilt, kBuilding } how = How::kUpToDate;
  std::string reason;      // why it was rebuilt (or is being built)
  std::size_t alerts = 0;  // alerts indexed again
};

// Whether Open waits for a rebuild or lets it run in the background (searches answer
// kUnavailable until it is done). The store must outlive the index, or its Close.
enum class SearchBuild { kNow, kInBackground };

// How many events behind the store an index may be and still be caught up as it opens (the
// alerts those events name indexed again, one by one, while the caller waits: about 4,000 a
// second). Further behind, as after a bulk import, it is rebuilt from the documents instead,
// which for a server means in the background. Above what a crash leaves uncommitted in
// ordinary times (a second of writes, at most kCommitDocuments documents, each with its
// events); a crash during a burst that put the index further behind leads to a rebuild.
inline constexpr uint64_t kMaxCatchUpEvents = 10000;

// How long a search waits for new alerts the index has not applied yet (see above).
inline constexpr std::chrono::milliseconds kSearchPatience{1000};

// How many times as long as it worked the index rests while writes outrun it, so that it
// takes an eighth of `cores` during a burst: a quarter of one core of two, an eighth of a
// single core, no rest at all from eight cores on.
double SearchRestPerWork(unsigned cores);

class SearchIndex {
 public:
  // Opens (creating, catching up or rebuilding as needed) the index in `dir` for `store`. Call
  // before the store takes writes. kUnavailable when another process holds the index.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& dir,
                                                   const storage::Store& store,
                                                   SearchBuild build = SearchBuild::kNow,
                                                   uint64_t max_catch_up = kMaxCatchUpEvents);
  // Stops a background build (the next Open starts it again), applies every change queued so
  // far (reading it from the store) and commits. Call before the store closes: a change
  // committed after is not applied (the next Open catches up with it). Idempotent.
  void Close();
  ~SearchIndex();
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
  // how many there are (SearchResult). kBadRequest naming "q" for text that is too long or
  // asks for too much (CheckSearchText). Runs for as long as ranking takes (broad sorted
  // searches at a million alerts: a large part of a second) without holding the index back;
  // callers that answer requests run it elsewhere than their network threads.
  Result<SearchResult> Find(std::string_view text,
                            const std::function<bool(const AlertSummary&)>& keep,
                            const SearchOrder& order) const;

  // Alerts in the index (every alert but merged ones), once every change so far is applied.
  Result<uint64_t> Count() const;

  // How long a search waits for new alerts (kSearchPatience unless set; tests set 0).
  void set_patience(std::chrono::milliseconds patience) { patience_ = patience; }
  // How long the index rests during a burst, per unit of work (SearchRestPerWork of the
  // cores the process may run on unless set).
  void set_rest_per_work(double rest_per_work) { rest_per_work_ = rest_per_work; }

  // Committed changes the index has not applied yet (a gauge for /metrics).
  std::size_t pending_changes() const { return queue_.pending(); }

 private:
  SearchIndex(std::string dir, const storage::Store& store);
  Result<void> OpenOrRebuild(const storage::Store& store, SearchBuild build, uint64_t max_catch_up);
  Result<std::size_t> RebuildLocked(const storage::Store& store);
  void StopBuilding();
  void BuildInBackground(const storage::Store& store);
  std::optional<Error> UnavailableLocked() const;
  Result<std::size_t> CatchUpLocked(const storage::Store& store, uint64_t from_seq);
  Result<void> ApplyLocked(uint64_t id, const std::optional<Xapian::Document>& searchable);
  void IndexChanges();
  void ApplyBatch(const SearchQueue::Batch& batch);
  // Whether searches must wait for a change of alert `id` (`deleted`: it is gone).
  bool MustBeApplied(uint64_t id, bool deleted);
  void CommitLocked();
  void Fail(const std::string& what);
  // A reader of the database made by `generation` (an idle one or a new one); Put it back
  // after use. Throws Xapian::Error when the database cannot be opened.
  struct Reader {
    std::unique_ptr<Xapian::Database> db;
    uint64_t generation = 0;
  };
  Reader TakeReader(uint64_t generation) const;
  void PutReader(Reader reader) const;
  Result<SearchResult> FindIn(Xapian::Database& db, std::string_view text,
                              const std::function<bool(const AlertSummary&)>& keep,
                              const SearchOrder& order) const;

  const std::string dir_;
  const storage::Store& store_;  // where queued changes are read back from
  SearchIndexState opened_;
  mutable std::mutex mutex_;
  std::unique_ptr<Xapian::WritableDatabase> db_;
  uint64_t last_event_seq_ = 0;
  std::string last_event_digest_;
  bool dirty_ = false;
  std::size_t documents_since_commit_ = 0;
  std::chrono::steady_clock::time_point last_commit_;
  std::optional<std::string> failure_;
  // Bumped whenever db_ is made anew in dir_ (a rebuild, a background build moved in):
  // readers of an older one are closed instead of reused.
  uint64_t generation_ = 0;
  mutable std::mutex readers_mutex_;
  mutable std::vector<Reader> idle_readers_;  // guarded by readers_mutex_
  bool building_ = false;  // the database is being built by builder_; db_ is null
  std::thread builder_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> indexed_{0};
  // No alert above this id can be in the index yet: a change to one only adds to what
  // searches find (the writer's thread alone reads and raises it).
  uint64_t highest_alert_id_ = 0;
  std::atomic<std::chrono::milliseconds> patience_{kSearchPatience};
  std::atomic<double> rest_per_work_;
  // Changes queued at most (16 bytes each; two per new alert): some 260,000 submissions. The
  // index rests during a burst until half of it is full: over ten seconds of submissions at
  // the fastest a server answers them. A writer further ahead waits.
  mutable SearchQueue queue_{1u << 19};
  std::thread indexer_;  // applies the queued changes (IndexChanges)
};

}  // namespace soj::tracker
