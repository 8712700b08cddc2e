// The retry schedule of failed webhook deliveries.

#include "tracker/webhook_backoff.hpp"

#include <gtest/gtest.h>

namespace soj::tracker {
namespace {

TEST(WebhookBackoff, DoublesFromTheBaseUpToTheCap) {
  const RetryPolicy policy{
      .base_ms = 10'000, .max_delay_ms = 3'600'000, .give_up_after_ms = 86'400'000};
  // unit_random just below 1: the full delay.
  const double full = 0.999999999;
  EXPECT_NEAR(RetryDelayMs(policy, 1, full), 10'000, 1);
  EXPECT_NEAR(RetryDelayMs(policy, 2, full), 20'000, 1);
  EXPECT_NEAR(RetryDelayMs(policy, 3, full), 40'000, 1);
  EXPECT_NEAR(RetryDelayMs(policy, 9, full), 2'560'000, 3);
  EXPECT_NEAR(RetryDelayMs(policy, 10, full), 3'600'000, 4);
  EXPECT_NEAR(RetryDelayMs(policy, 1000, full), 3'600'000, 4);
}

TEST(WebhookBackoff, JitterKeepsEachDelayBetweenHalfAndAll) {
  const RetryPolicy policy{.base_ms = 1000, .max_delay_ms = 60'000, .give_up_after_ms = 1};
  for (uint32_t failures = 1; failures < 12; ++failures) {
    const int64_t low = RetryDelayMs(policy, failures, 0.0);
    const int64_t high = RetryDelayMs(policy, failures, 0.999999);
    EXPECT_EQ(low * 2, std::min<int64_t>(60'000, int64_t{1000} << (failures - 1)));
    EXPECT_GE(high, low);
    EXPECT_LE(high, low * 2);
  }
  EXPECT_EQ(RetryDelayMs(policy, 1, -5.0), 500);  // out-of-range randomness is clamped
}

TEST(WebhookBackoff, GivesUpOncePastTheWindow) {
  const RetryPolicy policy{};  // 24 h
  EXPECT_FALSE(PastRetryWindow(policy, 0, 86'400'000));
  EXPECT_TRUE(PastRetryWindow(policy, 0, 86'400'001));
  EXPECT_FALSE(PastRetryWindow(policy, 5'000, 86'405'000));
}

TEST(WebhookBackoff, ASmallBaseMakesTestsFast) {
  const RetryPolicy policy{.base_ms = 20, .max_delay_ms = 200, .give_up_after_ms = 60'000};
  int64_t total = 0;
  for (uint32_t failures = 1; failures <= 5; ++failures) total += RetryDelayMs(policy, failures, 1);
  EXPECT_LE(total, 20 + 40 + 80 + 160 + 200);
}

}  // namespace
}  // namespace soj::tracker
