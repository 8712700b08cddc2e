#include "tracker/follower.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include "storage/key_codec.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/event.hpp"
#include "tracker/search_build.hpp"

namespace soj::tracker {
using storage::Family;

Result<std::unique_ptr<Follower>> Follower::Create(storage::Store& store, FollowerOptions options) {
  if (!store.read_only())
    return Error::Internal("a follower needs a store opened as a secondary instance");
  std::unique_ptr<Follower> follower(new Follower(store, std::move(options)));
  // What the derived state was loaded from: the store as opened, which no catch-up has moved.
  auto mark = LastEventOf(store, nullptr);
  if (!mark) return mark.error();
  follower->last_event_seq_ = mark->seq;
  follower->applied_ = follower->latest_ = store.LastCommitSequence();
  follower->primary_running_ = follower->options_.primary_alive();
  follower->in_step_at_ = std::chrono::steady_clock::now();
  return follower;
}

Follower::Follower(storage::Store& store, FollowerOptions options)
    : store_(store), options_(std::move(options)) {
  if (!options_.primary_alive) {
    options_.primary_alive = [path = store_.path()] {
      return storage::StoreLockHeld(path).value_or(false);
    };
  }
}

Follower::~Follower() { Stop(); }

void Follower::Start() {
  if (options_.interval.count() <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto caught_up = CatchUpOnce();
      if (!caught_up)
        std::fprintf(
            stderr, "{\"level\":\"warn\",\"msg\":\"catch-up failed\",\"error\":%s}\n",
            boost::json::serialize(boost::json::string(caught_up.error().message)).c_str());
      lock.lock();
      wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
    }
  });
}

void Follower::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<void> Follower::CatchUpOnce() {
  // Asked before catching up: a primary seen running then had written all this catch-up reads.
  const bool running = options_.primary_alive();
  auto latest = store_.CatchUp();
  if (!latest) {
    std::lock_guard lock(mutex_);
    last_error_ = latest.error().message();
    primary_running_ = running;
    return FromStorage(latest.error());
  }
  uint64_t applied;
  {
    std::lock_guard lock(mutex_);
    latest_ = std::max(latest_, *latest);
    applied = applied_;
  }
  if (*latest != applied) {
    auto replayed = ApplyEventsAfter(last_event_seq_);
    if (!replayed) {
      std::lock_guard lock(mutex_);
      last_error_ = replayed.error().message;
      primary_running_ = running;
      return replayed.error();
    }
    store_.PublishSequence(*latest);
  }
  std::lock_guard lock(mutex_);
  applied_ = *latest;
  last_error_.clear();
  primary_running_ = running;
  if (running) in_step_at_ = std::chrono::steady_clock::now();
  return {};
}

Result<void> Follower::ApplyEventsAfter(uint64_t seq) {
  std::vector<std::pair<std::string, std::string>> events;
  std::vector<AlertId> touched;
  std::set<AlertId> seen;
  std::optional<Error> error;
  storage::Status s =
      store_.Scan(Family::kEvents, storage::EncodeUint64(seq + 1), "", storage::Direction::kForward,
                  [&](std::string_view key, std::string_view value) {
                    auto event = DecodeEvent(value);
                    if (!event) {
                      error = event.error();
                      return false;
                    }
                    if (seen.insert(event->alert_id).second) touched.push_back(event->alert_id);
                    events.emplace_back(key, value);
                    return true;
                  });
  if (!s.ok()) return FromStorage(s);
  if (error) return *error;
  storage::WriteQueue& observers = store_.writes();
  // Documents before events, as every operation writes them: the search index never marks an
  // event whose document it has not indexed.
  for (AlertId id : touched) {
    const std::string key = AlertKey(id);
    auto record = store_.Get(Family::kStats, key);
    if (!record) return FromStorage(record.error());
    observers.ReplayCommitted(Family::kStats, key, *record);
    auto document = store_.Get(Family::kAlerts, key);
    if (!document) return FromStorage(document.error());
    observers.ReplayCommitted(Family::kAlerts, key, *document);
  }
  for (const auto& [key, value] : events) observers.ReplayCommitted(Family::kEvents, key, value);
  if (!events.empty()) {
    std::string_view last = events.back().first;
    if (auto last_seq = storage::ConsumeUint64(&last)) last_event_seq_ = *last_seq;
  }
  return {};
}

FollowerLag Follower::Lag() const {
  std::lock_guard lock(mutex_);
  FollowerLag lag;
  lag.applied = applied_;
  lag.sequence = latest_ > applied_ ? latest_ - applied_ : 0;
  lag.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 in_step_at_)
               .count();
  lag.primary_running = primary_running_;
  lag.in_step = lag.ms <= options_.max_lag.count() && last_error_.empty();
  lag.last_error = last_error_;
  return lag;
}

}  // namespace soj::tracker
