#pragma once
// Follower: keeps a read-only replica (a RocksDB secondary instance of the primary's store, see
// storage/store_secondary.cpp) and everything derived from it in step with the primary.
//
// Every `interval` it catches the store up (TryCatchUpWithPrimary), reads the events committed
// since the last one it applied (the event log records every change), and replays to the
// store's commit observers, exactly as the primary's writer told its own: first the stats
// record and the document of every alert those events name (as they are now), then the events
// in order. So the statistics engine, the search index and the change signal (long polls, the
// response cache) are fed by the same code on both sides; replaying a record twice changes
// nothing (StatsEngine::ApplyRecord, SearchIndex::OnAlertCommitted replace what an alert
// contributes). Only then does it publish the new sequence, which the validators (ETags) are
// built from: a follower never pairs a new ETag with an answer built from older statistics.
//
// Lag: a follower knows the primary's commits only by reading its files, and reading them is
// all a catch-up does; what it cannot see is a primary that has stopped. So the lag in
// milliseconds is the time since the follower last finished a catch-up while the primary was
// running (holding its store's lock); it grows without bound once the primary is gone, and
// /readyz turns unready past `max_lag`.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "storage/store.hpp"
#include "tracker/error.hpp"

namespace soj::tracker {

struct FollowerOptions {
  // How often the store is caught up with the primary; 0: never by itself (Start does not
  // start a thread; the owner calls CatchUpOnce).
  std::chrono::milliseconds interval{200};
  // Past this lag the follower says it is not in step (readiness).
  std::chrono::milliseconds max_lag{2000};
  // Whether the primary is running; by default whether a process holds the lock of the store
  // followed (storage::StoreLockHeld). Tests with both sides in one process replace it.
  std::function<bool()> primary_alive{};
};

struct FollowerLag {
  uint64_t applied = 0;   // the sequence answers are built from (LastCommitSequence)
  uint64_t sequence = 0;  // commits read from the primary's files but not applied yet
  int64_t ms = 0;         // since the last catch-up finished with the primary running
  bool primary_running = false;
  bool in_step = false;    // ms <= max_lag
  std::string last_error;  // of the last catch-up; empty when it succeeded
};

class Follower {
 public:
  // Follows the secondary `store` (read_only()); its commit observers must be registered and
  // its derived state loaded from the store as it is now. Starts no thread; see Start.
  static Result<std::unique_ptr<Follower>> Create(storage::Store& store, FollowerOptions options);
  // Stops the thread.
  ~Follower();
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;

  // Catches up every options.interval on a thread of its own until Stop.
  void Start();
  // Waits for the thread to end. Idempotent.
  void Stop();

  // One catch-up: what the thread does each interval (tests call it directly). On error the
  // published state stays as it was and the error is kept for Lag().
  Result<void> CatchUpOnce();

  FollowerLag Lag() const;
  const FollowerOptions& options() const { return options_; }

 private:
  Follower(storage::Store& store, FollowerOptions options);
  Result<void> ApplyEventsAfter(uint64_t seq);

  storage::Store& store_;
  FollowerOptions options_;
  uint64_t last_event_seq_ = 0;  // only the catch-up thread touches it

  mutable std::mutex mutex_;  // guards what Lag reads, and stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  uint64_t applied_ = 0;
  uint64_t latest_ = 0;
  bool primary_running_ = false;
  std::chrono::steady_clock::time_point in_step_at_;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace soj::tracker
