#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace soj::api {

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_keys)
    : limit_(limit), buckets_(max_keys) {
  if (limit_.per_second > 0) limit_.burst = std::max(1.0, limit_.burst);
}

void RateLimiter::Refill(Bucket& bucket, Clock::time_point now) const {
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  if (elapsed > 0) {
    bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.per_second);
    bucket.updated = now;
  }
}

int RateLimiter::Take(std::string_view key, double cost, Clock::time_point now) {
  if (!enabled()) return 0;
  std::lock_guard lock(mutex_);
  // A new key starts full; the one forgotten to make room is the key used longest ago.
  Bucket& bucket = buckets_.FindOrAdd(key, Bucket{limit_.burst, now});
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
  Entry& entry = entries_.FindOrAdd(address, Entry{});
  if (now - entry.last > std::chrono::minutes(1)) entry.failures = 0;
  entry.last = now;
  ++entry.failures;
  if (entry.failures <= 3) return std::chrono::milliseconds(0);
  const int doublings = std::min(entry.failures - 4, 5);
  return std::chrono::milliseconds(250 << doublings);
}

}  // namespace soj::api
