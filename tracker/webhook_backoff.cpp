#include "tracker/webhook_backoff.hpp"

#include <algorithm>

namespace soj::tracker {

int64_t RetryDelayMs(const RetryPolicy& policy, uint32_t failures, double unit_random) {
  const int64_t base = std::max<int64_t>(policy.base_ms, 1);
  const int64_t cap = std::max(policy.max_delay_ms, base);
  int64_t delay = base;
  for (uint32_t i = 1; i < failures && delay < cap; ++i) delay = std::min(cap, delay * 2);
  const double jitter = 0.5 + 0.5 * std::clamp(unit_random, 0.0, 1.0);
  return std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(delay) * jitter));
}

bool PastRetryWindow(const RetryPolicy& policy, int64_t queued_ms, int64_t next_attempt_ms) {
  return next_attempt_ms - queued_ms > policy.give_up_after_ms;
}

}  // namespace soj::tracker
