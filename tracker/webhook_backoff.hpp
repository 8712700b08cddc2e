#pragma once
// When a failed webhook delivery is tried again: exponential backoff with jitter, for a
// bounded time, after which the delivery is marked failed (and shown to admins).

#include <cstdint>

namespace soj::tracker {

struct RetryPolicy {
  int64_t base_ms = 10'000;               // delay after the first failure (--webhook-retry-base-ms)
  int64_t max_delay_ms = 3'600'000;       // no wait between attempts is longer than this
  int64_t give_up_after_ms = 86'400'000;  // from when the delivery was queued: 24 h
};

// The wait after the `failures`-th failed attempt (1 for the first): base * 2^(failures-1),
// capped at max_delay, then scaled by a jitter factor in [0.5, 1.0] taken from `unit_random`
// (a number in [0, 1)), so receivers coming back from an outage are not hit in lockstep.
int64_t RetryDelayMs(const RetryPolicy& policy, uint32_t failures, double unit_random);

// Whether an attempt at `next_attempt_ms` is past the delivery's window, which opened at
// `queued_ms`: then the delivery is failed instead of retried.
bool PastRetryWindow(const RetryPolicy& policy, int64_t queued_ms, int64_t next_attempt_ms);

}  // namespace soj::tracker
