#include "tracker/search_index.hpp"

#include <pthread.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "storage/key_codec.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/digest.hpp"
#include "tracker/event.hpp"
#include "tracker/search_build.hpp"
#include "tracker/search_terms.hpp"
#include "tracker/usable_cores.hpp"

namespace soj::tracker {
namespace {

using storage::Family;

// Bump when SearchDocumentOf or the folding changes: older indexes are then rebuilt at start.
constexpr std::string_view kFormat = "3";
// Where a background build writes, to be renamed to the index directory when done.
constexpr std::string_view kBuildSuffix = ".new";
constexpr const char* kFormatKey = "soj.format";
// The last event whose changes the committed index holds: seq (u64 BE) + SHA-256 of it.
constexpr const char* kMarkerKey = "soj.last_event";
constexpr auto kCommitInterval = std::chrono::seconds(1);
// Or sooner, after this many documents: Xapian adds to its uncommitted postings more slowly
// the more they hold (search_build.cpp measured it).
constexpr std::size_t kCommitDocuments = 2000;
constexpr std::size_t kMaxQueryBytes = 1000;
// Searches commit what is applied before they read (Find), at most this often.
constexpr std::chrono::milliseconds kSearchCommitGap{50};
// Changes applied under one hold of the lock (a few milliseconds of work): searches wait
// for no longer, and the index's rests (IndexChanges) come that often.
constexpr std::size_t kBatchChanges = 256;

std::optional<Xapian::docid> DocIdOf(uint64_t alert_id) {
  if (alert_id == 0 || alert_id > std::numeric_limits<Xapian::docid>::max()) return std::nullopt;
  return static_cast<Xapian::docid>(alert_id);
}

// Lets through the documents whose summary `keep` accepts and, for a sorted search, notes
// each one's id and sort value (Xapian asks once per matching document).
class KeepDecider : public Xapian::MatchDecider {
 public:
  KeepDecider(const std::function<bool(const AlertSummary&)>& keep, const SearchOrder& order,
              std::vector<SearchHit>& sorted_hits)
      : keep_(keep), order_(order), sorted_hits_(sorted_hits) {}
  bool operator()(const Xapian::Document& doc) const override {
    auto summary = DecodeSummary(doc.get_docid(), doc.get_value(kSummarySlot));
    if (!summary || !keep_(*summary)) return false;
    if (order_.sort_value) sorted_hits_.push_back({summary->id, order_.sort_value(*summary), 0});
    return true;
  }

 private:
  const std::function<bool(const AlertSummary&)>& keep_;
  const SearchOrder& order_;
  std::vector<SearchHit>& sorted_hits_;
};

// A fresh index in `dir` (whatever was there removed) holding every alert of one snapshot of
// `store`, committed with its format and the mark of that snapshot. Throws Xapian::Error.
Result<EventMark> BuildFresh(const std::string& dir, const storage::Store& store,
                             const std::atomic<bool>& stop, std::atomic<uint64_t>& indexed,
                             std::unique_ptr<Xapian::WritableDatabase>& db) {
  db.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (ec) return Error::Internal("cannot remove the old search index " + dir + ": " + ec.message());
  db = std::make_unique<Xapian::WritableDatabase>(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  auto mark = FillSearchIndex(*db, store, stop, indexed);
  if (!mark) return mark.error();
  db->set_metadata(kFormatKey, std::string(kFormat));
  db->set_metadata(kMarkerKey, EncodeMark(*mark));
  db->commit();
  return mark;
}

// What a queued change of an alert asks of the index, read back from the store: its search
// document, or nothing (deleted, merged).
Result<std::optional<Xapian::Document>> SearchDocumentNow(const storage::Store& store,
                                                          uint64_t id) {
  auto stored = store.Get(Family::kAlerts, AlertKey(id));
  if (!stored) return FromStorage(stored.error());
  if (!*stored) return std::optional<Xapian::Document>();
  try {
    return SearchDocumentOfStored(**stored);
  } catch (const Xapian::Error& e) {
    return Error::Internal("indexing failed (" + std::string(e.get_type()) + ")");
  }
}

}  // namespace

double SearchRestPerWork(unsigned cores) {
  constexpr double kShareOfTheMachine = 1.0 / 8;
  return std::max(0.0, 1.0 / (kShareOfTheMachine * std::max(1u, cores)) - 1.0);
}

SearchIndex::SearchIndex(std::string dir, const storage::Store& store)
    : dir_(std::move(dir)), store_(store), rest_per_work_(SearchRestPerWork(UsableCores())) {}

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& dir,
                                                       const storage::Store& store,
                                                       SearchBuild build, uint64_t max_catch_up) {
  std::unique_ptr<SearchIndex> index(new SearchIndex(dir, store));
  auto highest = LastAlertIdOf(store);
  if (!highest) return highest.error();
  index->highest_alert_id_ = *highest;
  {
    std::lock_guard lock(index->mutex_);
    auto opened = index->OpenOrRebuild(store, build, max_catch_up);
    if (!opened) return opened.error();
  }
  index->indexer_ = std::thread([raw = index.get()] {
    pthread_setname_np(pthread_self(), "soj-search");
    raw->IndexChanges();
  });
  return index;
}

SearchIndex::~SearchIndex() { Close(); }

void SearchIndex::Close() {
  StopBuilding();
  queue_.Close();
  if (indexer_.joinable()) indexer_.join();  // it applies what is queued first
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();
  }
  std::lock_guard lock(mutex_);
  if (db_ && dirty_ && !failure_) CommitLocked();
}

void SearchIndex::StopBuilding() {
  stop_ = true;
  if (builder_.joinable()) builder_.join();
}

Result<void> SearchIndex::OpenOrRebuild(const storage::Store& store, SearchBuild build,
                                        uint64_t max_catch_up) {
  std::string reason;
  std::optional<EventMark> mark;
  try {
    std::error_code ec;
    if (!std::filesystem::exists(dir_, ec)) {
      reason = "there was no search index";
    } else {
      db_ = std::make_unique<Xapian::WritableDatabase>(dir_, Xapian::DB_OPEN);
      mark = DecodeMark(db_->get_metadata(kMarkerKey));
      if (db_->get_metadata(kFormatKey) != kFormat)
        reason = "the search index was built by another version";
      else if (!mark)
        reason = "the search index does not say what it holds (an interrupted build?)";
    }
  } catch (const Xapian::DatabaseLockError&) {
    return Error::Unavailable("the search index in " + dir_ + " is in use by another process");
  } catch (const Xapian::Error& e) {
    reason = "the search index could not be opened (" + std::string(e.get_type()) + ")";
  }

  auto last = LastEventOf(store, nullptr);
  if (!last) return last.error();
  if (reason.empty() && mark->seq > last->seq)
    reason = "the search index is ahead of the store (was the store restored?)";
  if (reason.empty() && mark->seq > 0) {
    auto raw = store.Get(Family::kEvents, storage::EncodeUint64(mark->seq));
    if (!raw) return FromStorage(raw.error());
    if (!*raw || Sha256(**raw) != mark->digest)
      reason = "the search index was built from another store";
  }
  if (reason.empty() && last->seq - mark->seq > max_catch_up)
    reason = "the search index is " + std::to_string(last->seq - mark->seq) +
             " changes behind the store (a bulk load?)";

  if (!reason.empty() && build == SearchBuild::kInBackground) {
    db_.reset();
    building_ = true;
    opened_ = {SearchIndexState::How::kBuilding, reason, 0};
    builder_ = std::thread([this, &store] { BuildInBackground(store); });
  } else if (!reason.empty()) {
    auto rebuilt = RebuildLocked(store);
    if (!rebuilt) return rebuilt.error();
    opened_ = {SearchIndexState::How::kRebuilt, reason, *rebuilt};
  } else if (mark->seq < last->seq) {
    last_event_seq_ = mark->seq;
    last_event_digest_ = mark->digest;
    auto caught_up = CatchUpLocked(store, mark->seq);
    if (!caught_up) return caught_up.error();
    opened_ = {SearchIndexState::How::kCaughtUp, "", *caught_up};
  } else {
    last_event_seq_ = mark->seq;
    last_event_digest_ = mark->digest;
  }
  last_commit_ = std::chrono::steady_clock::now();
  return {};
}

Result<std::size_t> SearchIndex::Rebuild(const storage::Store& store) {
  StopBuilding();
  std::lock_guard lock(mutex_);
  building_ = false;
  // What is queued is older than the snapshot the rebuild reads; writes wait until it is done.
  auto hold_writes = queue_.Discard();
  return RebuildLocked(store);
}

Result<std::size_t> SearchIndex::RebuildLocked(const storage::Store& store) {
  std::atomic<uint64_t> indexed{0};
  try {
    failure_.reset();
    const std::atomic<bool> never{false};
    auto mark = BuildFresh(dir_, store, never, indexed, db_);
    if (!mark) {
      // What is left of the database (if anything) is not the store's: never search it.
      Fail("rebuilding failed: " + mark.error().message);
      return mark.error();
    }
    last_event_seq_ = mark->seq;
    last_event_digest_ = mark->digest;
    ++generation_;
    dirty_ = false;
    documents_since_commit_ = 0;
    last_commit_ = std::chrono::steady_clock::now();
  } catch (const Xapian::Error& e) {
    Fail("rebuilding failed (" + std::string(e.get_type()) + ": " + e.get_msg() + ")");
  }
  if (failure_) return Error::Internal("the search index in " + dir_ + ": " + *failure_);
  return indexed.load();
}

void SearchIndex::BuildInBackground(const storage::Store& store) {
  const std::string fresh_dir = dir_ + std::string(kBuildSuffix);
  std::optional<std::string> problem;
  try {
    std::unique_ptr<Xapian::WritableDatabase> fresh;
    auto mark = BuildFresh(fresh_dir, store, stop_, indexed_, fresh);
    if (!mark) {
      if (stop_) return;  // shutting down: the next start builds it again
      problem = mark.error().message;
    } else {
      // Writes committed since the snapshot found the index building and were not applied:
      // the event log names their alerts. The changes queued so far are all in the store
      // read here, so they are dropped, and new ones wait until the catch-up is done.
      std::lock_guard lock(mutex_);
      auto hold_writes = queue_.Discard();
      db_ = std::move(fresh);
      last_event_seq_ = mark->seq;
      last_event_digest_ = mark->digest;
      auto caught_up = CatchUpLocked(store, mark->seq);
      if (!caught_up) {
        Fail(caught_up.error().message);
      } else {
        db_.reset();  // closed while its directory moves
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
        if (!ec) std::filesystem::rename(fresh_dir, dir_, ec);
        if (ec) {
          Fail("cannot move the new search index into " + dir_ + ": " + ec.message());
        } else {
          db_ = std::make_unique<Xapian::WritableDatabase>(dir_, Xapian::DB_OPEN);
        }
      }
      ++generation_;
      building_ = false;
      return;
    }
  } catch (const Xapian::Error& e) {
    problem = "building failed (" + std::string(e.get_type()) + ": " + e.get_msg() + ")";
  }
  std::lock_guard lock(mutex_);
  Fail(*problem);
  building_ = false;
}

Result<std::size_t> SearchIndex::CatchUpLocked(const storage::Store& store, uint64_t from_seq) {
  auto view = store.Snapshot();
  auto last = LastEventOf(store, view.get());
  if (!last) return last.error();
  std::set<AlertId> touched;
  std::optional<Error> error;
  storage::Status s = store.Scan(
      Family::kEvents, storage::EncodeUint64(from_seq + 1), "", storage::Direction::kForward,
      [&](std::string_view, std::string_view value) {
        auto event = DecodeEvent(value);
        if (!event)
          error = event.error();
        else
          touched.insert(event->alert_id);
        return !error;
      },
      view.get());
  if (!s.ok()) return FromStorage(s);
  if (error) return *error;
  try {
    for (AlertId id : touched) {
      auto raw = store.Get(Family::kAlerts, AlertKey(id), view.get());
      if (!raw) return FromStorage(raw.error());
      std::optional<Xapian::Document> searchable;
      if (*raw) {
        auto built = SearchDocumentOfStored(**raw);
        if (!built) return built.error();
        searchable = std::move(*built);
      }
      auto applied = ApplyLocked(id, searchable);
      if (!applied) return applied.error();
    }
    last_event_seq_ = last->seq;
    last_event_digest_ = last->digest;
    CommitLocked();
  } catch (const Xapian::Error& e) {
    Fail("catching up failed (" + std::string(e.get_type()) + ": " + e.get_msg() + ")");
  }
  if (failure_) return Error::Internal("the search index in " + dir_ + ": " + *failure_);
  return touched.size();
}

Result<void> SearchIndex::ApplyLocked(uint64_t id,
                                      const std::optional<Xapian::Document>& searchable) {
  const auto docid = DocIdOf(id);
  if (!docid) return Error::Internal("alert id " + std::to_string(id) + " cannot be indexed");
  dirty_ = true;
  ++documents_since_commit_;
  if (searchable) {
    db_->replace_document(*docid, *searchable);
    return {};
  }
  try {
    db_->delete_document(*docid);
  } catch (const Xapian::DocNotFoundError&) {
  }
  return {};
}

bool SearchIndex::MustBeApplied(uint64_t id, bool deleted) {
  // An alert above every id the index has been told of is new: it cannot be in the index,
  // so applying it late hides nothing. Every later change to it must be applied first.
  if (deleted || id <= highest_alert_id_) return true;
  highest_alert_id_ = id;
  return false;
}

void SearchIndex::OnAlertCommitted(std::string_view key, std::optional<std::string_view> value) {
  auto id = storage::ConsumeUint64(&key);
  if (!id) {
    std::lock_guard lock(mutex_);
    return Fail("an alert key could not be read");
  }
  queue_.Push({SearchChange::Kind::kAlert, *id}, MustBeApplied(*id, !value));
}

void SearchIndex::OnEventCommitted(std::string_view key, std::optional<std::string_view> value) {
  auto seq = storage::ConsumeUint64(&key);
  if (!seq || !value) return;  // events are only ever appended
  queue_.Push({SearchChange::Kind::kEvent, *seq}, /*prompt=*/false);
}

void SearchIndex::IndexChanges() {
  const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(kCommitInterval);
  for (;;) {
    SearchQueue::Batch batch = queue_.Take(kBatchChanges, wait);
    if (batch.changes.empty() && !batch.last) {
      std::lock_guard lock(mutex_);  // a quiet moment: write what is pending
      if (db_ && dirty_ && !failure_ && !building_) CommitLocked();
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    if (!batch.changes.empty()) ApplyBatch(batch);
    queue_.Done(batch.changes.size());
    if (batch.last) return;
    // Writes are coming faster than the index applies them (a burst of submissions): they are
    // answered first, and the index catches up once they slow down, or at once for a search.
    const double rest_per_work = rest_per_work_.load();
    if (batch.busy && rest_per_work > 0)
      queue_.Rest(std::chrono::duration_cast<std::chrono::nanoseconds>(
          rest_per_work * (std::chrono::steady_clock::now() - start)));
  }
}

void SearchIndex::ApplyBatch(const SearchQueue::Batch& batch) {
  // Read and made before taking the lock: searches wait only for Xapian itself. A document
  // read now may be newer than the change queued: the change after it applies the same.
  std::vector<Result<std::optional<Xapian::Document>>> documents;
  documents.reserve(batch.changes.size());
  std::optional<uint64_t> last_event;
  for (const SearchChange& change : batch.changes) {
    if (change.kind == SearchChange::Kind::kEvent) {
      last_event = change.key;
      documents.push_back(std::optional<Xapian::Document>());
    } else {
      documents.push_back(SearchDocumentNow(store_, change.key));
    }
  }
  // The mark names the batch's last event by its digest (events never change).
  std::optional<std::string> last_event_digest;
  if (last_event) {
    auto event = store_.Get(Family::kEvents, storage::EncodeUint64(*last_event));
    if (event && *event) last_event_digest = Sha256(**event);
  }
  std::lock_guard lock(mutex_);
  // Building, or rebuilt since these were taken: the store they came from is already read.
  if (failure_ || building_ || batch.epoch != queue_.epoch()) return;
  if (last_event && !last_event_digest)
    return Fail("event " + std::to_string(*last_event) + " could not be read back");
  try {
    for (std::size_t i = 0; i < batch.changes.size() && !failure_; ++i) {
      const SearchChange& change = batch.changes[i];
      if (change.kind == SearchChange::Kind::kEvent) {
        // Every operation writes its documents before its events, so every document change
        // up to this event has been applied: committing here never records a mark ahead of
        // the index.
        if (change.key == *last_event) {
          last_event_seq_ = change.key;
          last_event_digest_ = *last_event_digest;
          dirty_ = true;
        }
        continue;
      }
      const std::string alert = "alert " + std::to_string(change.key) + ": ";
      if (!documents[i]) {
        Fail(alert + documents[i].error().message);
        break;
      }
      auto applied = ApplyLocked(change.key, *documents[i]);
      if (!applied) Fail(alert + applied.error().message);
    }
  } catch (const Xapian::Error& e) {
    Fail("indexing failed (" + std::string(e.get_type()) + ": " + e.get_msg() + ")");
  }
  if (!failure_ && (documents_since_commit_ >= kCommitDocuments ||
                    std::chrono::steady_clock::now() - last_commit_ >= kCommitInterval))
    CommitLocked();
}

void SearchIndex::CommitLocked() {
  try {
    db_->set_metadata(kMarkerKey, EncodeMark({last_event_seq_, last_event_digest_}));
    db_->commit();
    dirty_ = false;
    documents_since_commit_ = 0;
    last_commit_ = std::chrono::steady_clock::now();
  } catch (const Xapian::Error& e) {
    Fail("committing failed (" + std::string(e.get_type()) + ": " + e.get_msg() + ")");
  }
}

void SearchIndex::Fail(const std::string& what) {
  if (!failure_) failure_ = what;
}

std::optional<Error> SearchIndex::UnavailableLocked() const {
  if (failure_)
    return Error::Unavailable(
        "full-text search is unavailable until the server restarts: the search index " + *failure_);
  if (building_)
    return Error::Unavailable(
        "full-text search is not ready yet: the search index is being built (" +
        std::to_string(indexed_.load()) + " alerts so far)");
  return std::nullopt;
}

bool SearchIndex::building() const {
  std::lock_guard lock(mutex_);
  return building_;
}

Result<SearchResult> SearchIndex::Find(std::string_view text,
                                       const std::function<bool(const AlertSummary&)>& keep,
                                       const SearchOrder& order) const {
  if (text.size() > kMaxQueryBytes) {
    std::string message = "must be at most " + std::to_string(kMaxQueryBytes) + " bytes";
    return Error{ErrorKind::kBadRequest, "q " + message, {{"q", message}}, {}};
  }
  if (auto checked = CheckSearchText(text); !checked) return checked.error();
  queue_.WaitForSearch(patience_.load());  // the writes answered before this search began
  uint64_t generation = 0;
  {
    std::unique_lock lock(mutex_);
    if (auto unavailable = UnavailableLocked()) return *unavailable;
    // A reader sees commits only: what was applied (a name withheld, an alert unpublished)
    // is committed before this search reads, so that it is never found once answered.
    // (Find is const to its callers: a commit changes nothing a search can see.) During a
    // burst of writes every search would find something applied and commit: they commit
    // kSearchCommitGap apart at most, so that the index spends its time applying, and a
    // reader's revision lasts (Xapian reuses its blocks two commits later).
    for (int waits = 0; dirty_ && waits < 2; ++waits) {
      const auto due = last_commit_ + kSearchCommitGap;
      const auto now = std::chrono::steady_clock::now();
      if (now >= due) break;
      lock.unlock();
      std::this_thread::sleep_for(due - now);
      lock.lock();
    }
    if (dirty_) const_cast<SearchIndex*>(this)->CommitLocked();
    if (auto unavailable = UnavailableLocked()) return *unavailable;
    generation = generation_;
  }
  // Readers keep blocks of the revision they opened; a writer two commits further may reuse
  // them, and Xapian then says so (DatabaseModifiedError): the search starts again at the
  // latest revision, which is at least as new as the one committed above.
  constexpr int kAttempts = 3;
  try {
    Reader reader = TakeReader(generation);
    for (int attempt = 1;; ++attempt) {
      try {
        reader.db->reopen();
        auto found = FindIn(*reader.db, text, keep, order);
        PutReader(std::move(reader));
        return found;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kAttempts)
          return Error::Unavailable("the search index changed while searching; try again");
      }
    }
  } catch (const Xapian::Error& e) {
    // Never the query text in the message: it may hold a name someone is looking for.
    return Error::Internal("searching failed (" + std::string(e.get_type()) + ")");
  }
}

Result<SearchResult> SearchIndex::FindIn(Xapian::Database& db, std::string_view text,
                                         const std::function<bool(const AlertSummary&)>& keep,
                                         const SearchOrder& order) const {
  SearchResult result;
  Xapian::Enquire enquire(db);
  enquire.set_query(ParseSearchText(text, db));
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  // Sorted: no weights to compute, and the decider collects every hit itself.
  if (order.sort_value) enquire.set_weighting_scheme(Xapian::BoolWeight());
  KeepDecider decider(keep, order, result.hits);
  const Xapian::doccount all = db.get_doccount();
  if (order.sort_value) {
    // Every match is checked (the caller sorts them all), so the count is exact.
    enquire.get_mset(0, 0, all, nullptr, &decider);
    result.total = result.hits.size();
    return result;
  }
  // Ranked: the best `ranked`, and an exact count only up to `exact_total` matches.
  const auto wanted = static_cast<Xapian::doccount>(std::min<std::size_t>(order.ranked, all));
  const auto check = static_cast<Xapian::doccount>(
      std::min<std::size_t>(std::max<std::size_t>(wanted, order.exact_total), all));
  Xapian::MSet matches = enquire.get_mset(0, wanted, check, nullptr, &decider);
  result.total = matches.get_matches_estimated();
  result.total_is_estimate = matches.get_matches_lower_bound() != matches.get_matches_upper_bound();
  result.hits.reserve(matches.size());
  for (auto it = matches.begin(); it != matches.end(); ++it)
    result.hits.push_back({*it, 0, it.get_weight()});
  return result;
}

SearchIndex::Reader SearchIndex::TakeReader(uint64_t generation) const {
  {
    std::lock_guard lock(readers_mutex_);
    while (!idle_readers_.empty()) {
      Reader reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      if (reader.generation == generation) return reader;
    }
  }
  return Reader{std::make_unique<Xapian::Database>(dir_), generation};
}

void SearchIndex::PutReader(Reader reader) const {
  // As many as searches ran at once, at most: each holds open files and cached blocks.
  constexpr std::size_t kMaxIdleReaders = 16;
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(reader));
}

Result<uint64_t> SearchIndex::Count() const {
  queue_.WaitForPushed();
  std::lock_guard lock(mutex_);
  if (auto unavailable = UnavailableLocked()) return *unavailable;
  try {
    return uint64_t{db_->get_doccount()};
  } catch (const Xapian::Error& e) {
    return Error::Internal("counting the search index failed (" + std::string(e.get_type()) + ")");
  }
}

}  // namespace soj::tracker
