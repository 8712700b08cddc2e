#pragma once
// RateLimiter: token buckets per key (a client address, a token id). Each key may spend
// `burst` requests at once and regains `per_second` of them every second. The table of keys is
// bounded (LruTable): when it is full, the key used longest ago is forgotten, in O(1), so a
// flood of new addresses cannot grow memory, and an attacker who keeps sending keeps its
// drained bucket however many keys the flood brings. Thread-safe.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "api/lru_table.hpp"

namespace soj::api {

struct RateLimit {
  double per_second = 0;  // 0: unlimited
  double burst = 0;       // bucket size; at least 1 when limited
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimit limit, std::size_t max_keys = 100'000);

  // Takes `cost` from `key`'s bucket. Returns 0 when allowed, otherwise the whole seconds to
  // wait before the bucket holds enough again (for Retry-After; at least 1).
  int Take(std::string_view key, double cost = 1, Clock::time_point now = Clock::now());

  bool enabled() const { return limit_.per_second > 0; }
  // Keys remembered now (never more than max_keys).
  std::size_t keys() {
    std::lock_guard lock(mutex_);
    return buckets_.size();
  }

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void Refill(Bucket& bucket, Clock::time_point now) const;

  RateLimit limit_;
  std::mutex mutex_;
  LruTable<Bucket> buckets_;
};

// Failed credentials per client address (bad bearer tokens, failed desk sign-ins): each
// failure after the third makes that failing answer slower, doubling from 250 ms up to 8 s; a
// quiet minute forgives. Thread-safe, bounded like RateLimiter (the address failing longest
// ago is forgotten first, never the one guessing now).
class FailedSignIns {
 public:
  using Clock = std::chrono::steady_clock;
  explicit FailedSignIns(std::size_t max_keys = 100'000) : entries_(max_keys) {}

  // Records a failure; returns how long its answer should be held back.
  std::chrono::milliseconds Fail(std::string_view address, Clock::time_point now = Clock::now());

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last;
  };
  std::mutex mutex_;
  LruTable<Entry> entries_;
};

}  // namespace soj::api
