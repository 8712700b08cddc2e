#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace soj::api {

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_keys)
    : limit_(limit), max_keys_(std::max<std::size_t>(1, max_keys)) {
  if (limit_.per_second > 0) limit_.burst = std::max(1.0, limit_.burst);
}

void RateLimiter::Refill(Bucket& bucket, Clock::time_point now) const {
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  if (elapsed > 0) {
    bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.per_second);
    bucket.updated = now;
  }
}

void RateLimiter::Evict(Clock::time_point now) {
  // Full buckets carry no information: forgetting them changes no answer.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Refill(it->second, now);
    it = it->second.tokens >= limit_.burst ? buckets_.erase(it) : std::next(it);
  }
  // Still full (a flood of busy keys): start over rather than grow.
  if (buckets_.size() >= max_keys_) buckets_.clear();
}

int RateLimiter::Take(std::string_view key, double cost, Clock::time_point now) {
  if (!enabled()) return 0;
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) Evict(now);
    it = buckets_.emplace(std::string(key), Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  Refill(bucket, now);
  if (bucket.tokens >= cost) {
    bucket.tokens -= cost;
    return 0;
  }
  const double missing = cost - bucket.tokens;
  return std::max(1, static_cast<int>(std::ceil(missing / limit_.per_second)));
}

std::chrono::milliseconds FailedSignIns::Fail(std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_keys_ && !entries_.contains(std::string(address))) {
    std::erase_if(entries_,
                  [&](const auto& e) { return now - e.second.last > std::chrono::minutes(1); });
    if (entries_.size() >= max_keys_) entries_.clear();
  }
  Entry& entry = entries_[std::string(address)];
  if (now - entry.last > std::chrono::minutes(1)) entry.failures = 0;
  entry.last = now;
  ++entry.failures;
  if (entry.failures <= 3) return std::chrono::milliseconds(0);
  const int doublings = std::min(entry.failures - 4, 5);
  return std::chrono::milliseconds(250 << doublings);
}

}  // namespace soj::api
