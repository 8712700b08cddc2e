// Token buckets and the failed-credentials back-off, on a clock the test moves; and the Api's
// use of them (429 with Retry-After, held-back 401s) through Api::Handle.

#include "api/rate_limiter.hpp"

#include <gtest/gtest.h>

#include "api/api.hpp"
#include "dashboards/page_routes.hpp"
#include "tests/tracker_fixture.hpp"

namespace soj::api {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

TEST(RateLimiter, SpendsTheBurstThenRefillsAtTheRate) {
  RateLimiter limiter({.per_second = 2, .burst = 3});
  const auto t0 = Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a", 1, t0), 0) << i;
  EXPECT_EQ(limiter.Take("a", 1, t0), 1);  // empty: half a second to the next token
  EXPECT_EQ(limiter.Take("b", 1, t0), 0) << "keys have their own buckets";
  EXPECT_EQ(limiter.Take("a", 1, t0 + milliseconds(499)), 1);
  EXPECT_EQ(limiter.Take("a", 1, t0 + milliseconds(501)), 0);
  // Never more than the burst, however long the key was quiet.
  const auto later = t0 + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a", 1, later), 0);
  EXPECT_GT(limiter.Take("a", 1, later), 0);
  EXPECT_EQ(RateLimiter({.per_second = 1, .burst = 1}).Take("a", 10, t0), 9);
}

TEST(RateLimiter, OffWhenTheRateIsZero) {
  RateLimiter limiter({.per_second = 0, .burst = 0});
  EXPECT_FALSE(limiter.enabled());
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.Take("a"), 0);
}

TEST(RateLimiter, AFloodOfKeysDoesNotGrowTheTableOrFreeTheBusyKey) {
  RateLimiter limiter({.per_second = 1, .burst = 2}, /*max_keys=*/100);
  const auto t0 = Clock::now();
  EXPECT_EQ(limiter.Take("busy", 2, t0), 0);
  EXPECT_GT(limiter.Take("busy", 1, t0), 0);
  // Idle keys come and go; the busy key's empty bucket is remembered while there is room.
  for (int i = 0; i < 50; ++i) limiter.Take("k" + std::to_string(i), 0, t0);
  EXPECT_GT(limiter.Take("busy", 1, t0), 0);
  EXPECT_EQ(limiter.keys(), 51u);
  for (int i = 0; i < 100'000; ++i) {
    limiter.Take("flood" + std::to_string(i), 1, t0);
    ASSERT_LE(limiter.keys(), 100u);
  }
}

// A flood of fresh keys (spoofed or rotated addresses) fills the table; an attacker who keeps
// sending while it floods must find its drained bucket still drained, not a fresh one.
TEST(RateLimiter, AFullRateLimiterEvictsTheLeastRecentlyUsedKeyNotTheAttacker) {
  constexpr std::size_t kMaxKeys = 1000;
  RateLimiter limiter({.per_second = 1, .burst = 5}, kMaxKeys);
  const auto t0 = Clock::now();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(limiter.Take("attacker", 1, t0), 0);
  ASSERT_GT(limiter.Take("attacker", 1, t0), 0);
  // Ten tables' worth of new keys, the attacker trying again every 100 of them; the clock does
  // not move, so no bucket refills and every answer is decided by what is remembered.
  for (std::size_t i = 0; i < 10 * kMaxKeys; ++i) {
    limiter.Take("flood" + std::to_string(i), 1, t0);
    ASSERT_LE(limiter.keys(), kMaxKeys);
    if (i % 100 == 99) {
      ASSERT_GT(limiter.Take("attacker", 1, t0), 0) << "after " << i + 1;
    }
  }
  // The key forgotten is the one used longest ago: the flood's first keys come back full.
  EXPECT_EQ(limiter.Take("flood0", 1, t0), 0);
  // The most recent flood key is still remembered: it spent 1 of 5, so 4 are left, then none.
  const std::string recent = "flood" + std::to_string(10 * kMaxKeys - 1);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(limiter.Take(recent, 1, t0), 0) << i;
  EXPECT_GT(limiter.Take(recent, 1, t0), 0);
}

TEST(FailedSignIns, AFullTableForgetsTheLeastRecentFailureNotTheGuesser) {
  FailedSignIns failures(/*max_keys=*/100);
  const auto t0 = Clock::now();
  for (int i = 0; i < 10; ++i) failures.Fail("guesser", t0);
  for (int i = 0; i < 1000; ++i) {
    failures.Fail("other" + std::to_string(i), t0);
    if (i % 10 == 9) {
      ASSERT_GT(failures.Fail("guesser", t0).count(), 0) << "after " << i + 1;
    }
  }
  EXPECT_EQ(failures.Fail("other0", t0), milliseconds(0)) << "forgotten, starts again";
}

TEST(FailedSignIns, ThreeFreeThenDoublingUpToEightSecondsAndForgivenAfterAMinute) {
  FailedSignIns failures;
  const auto t0 = Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(failures.Fail("1.2.3.4", t0), milliseconds(0));
  EXPECT_EQ(failures.Fail("1.2.3.4", t0), milliseconds(250));
  EXPECT_EQ(failures.Fail("1.2.3.4", t0), milliseconds(500));
  for (int i = 0; i < 10; ++i) failures.Fail("1.2.3.4", t0);
  EXPECT_EQ(failures.Fail("1.2.3.4", t0), milliseconds(8000));
  EXPECT_EQ(failures.Fail("5.6.7.8", t0), milliseconds(0)) << "per address";
  EXPECT_EQ(failures.Fail("1.2.3.4", t0 + std::chrono::minutes(2)), milliseconds(0));
}

class ApiLimitsTest : public testing::PlatformTest {
 protected:
  void Open(RateLimit address, RateLimit token) {
    api_ = std::make_unique<Api>(
        *platform_, ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    api_->SetRateLimits(address, token);
  }
  HttpResponse Call(std::string target, std::string address, std::string token = "") {
    HttpRequest request;
    request.method = "GET";
    request.target = std::move(target);
    request.remote_address = std::move(address);
    if (!token.empty()) request.headers = {{"Authorization", "Bearer " + token}};
    return api_->Handle(request);
  }
  std::unique_ptr<Api> api_;
};

TEST_F(ApiLimitsTest, AnAddressOverItsRateGets429WithRetryAfterAndOthersAreServed) {
  Open({.per_second = 1, .burst = 5}, {});
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Call("/api/v1/countries", "10.0.0.1").status, 200);
  HttpResponse limited = Call("/api/v1/countries", "10.0.0.1");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Header("Retry-After"), "1");
  EXPECT_EQ(limited.Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(Call("/api/v1/countries", "10.0.0.2").status, 200);
  EXPECT_EQ(Call("/healthz", "10.0.0.1").status, 200) << "probes are not limited";
  EXPECT_EQ(Call("/api/v1/countries", "").status, 200) << "in-process callers are not limited";
}

TEST_F(ApiLimitsTest, ATokenOverItsRateGets429WhateverItsAddress) {
  Open({}, {.per_second = 1, .burst = 3});
  auto issued = platform_->tokens().Create(tracker::Principal::Admin(), tracker::Role::kAnalyst, "",
                                           "", "busy");
  ASSERT_TRUE(issued);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(Call("/api/v1/countries", "10.0.0." + std::to_string(i), issued->secret).status, 200);
  HttpResponse limited = Call("/api/v1/countries", "10.0.0.9", issued->secret);
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.Header("Retry-After").empty());
  EXPECT_EQ(Call("/api/v1/countries", "10.0.0.9").status, 200) << "the public is not that token";
}

TEST_F(ApiLimitsTest, RepeatedBadTokensAreAnsweredLaterWithoutHoldingAThread) {
  Open({}, {});
  for (int i = 0; i < 3; ++i) {
    HttpResponse quick = Call("/api/v1/alerts", "10.0.0.1", "soj_wrong");
    EXPECT_EQ(quick.status, 401);
    EXPECT_FALSE(quick.wait_until) << i;
  }
  const auto before = Clock::now();
  HttpResponse slow = Call("/api/v1/alerts", "10.0.0.1", "soj_wrong");
  EXPECT_LT(Clock::now() - before, milliseconds(200)) << "Handle itself must not sleep";
  ASSERT_TRUE(slow.wait_until);
  EXPECT_GE(*slow.wait_until - before, milliseconds(240));
  // Woken early (a commit), it waits again; at its deadline it is the 401.
  HttpResponse early = slow.resume(false);
  EXPECT_TRUE(early.wait_until);
  HttpResponse answer = early.resume(true);
  EXPECT_FALSE(answer.wait_until);
  EXPECT_EQ(answer.status, 401);
  EXPECT_EQ(answer.Header("WWW-Authenticate"), "Bearer realm=\"soj-tracker\"");
  EXPECT_FALSE(Call("/api/v1/alerts", "10.0.0.2", "soj_wrong").wait_until) << "per address";
  EXPECT_FALSE(Call("/api/v1/alerts", "10.0.0.1").wait_until) << "no token is no failure";
}

// The credential that admits a connection to the server's reserved slots (the server's side is
// tested in tests/integration/http_abuse_test.cpp): a valid bearer token, or a live desk session.
TEST_F(ApiLimitsTest, AValidTokenOrALiveDeskSessionAdmitsToTheReservedConnections) {
  Open({}, {});
  api_->AddRoutes(dashboards::AddPageRoutes);  // as tools/server/main.cpp does
  auto issued = platform_->tokens().Create(tracker::Principal::Admin(), tracker::Role::kEditor, "",
                                           "", "desk");
  ASSERT_TRUE(issued);
  auto with = [](std::string name, std::string value) {
    HttpRequest request;
    request.method = "GET";
    request.target = "/";
    request.headers = {{std::move(name), std::move(value)}};
    return request;
  };
  EXPECT_FALSE(api_->PresentsValidCredentials(HttpRequest{}));
  EXPECT_TRUE(api_->PresentsValidCredentials(with("Authorization", "Bearer " + issued->secret)));
  EXPECT_FALSE(api_->PresentsValidCredentials(with("Authorization", "Bearer soj_guess")));
  EXPECT_FALSE(api_->PresentsValidCredentials(with("Authorization", issued->secret)));

  HttpRequest sign_in;
  sign_in.method = "POST";
  sign_in.target = "/signin";
  sign_in.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  sign_in.body = "token=" + issued->secret;
  HttpResponse signed_in = api_->Handle(sign_in);
  ASSERT_EQ(signed_in.status, 303);
  std::string cookie(signed_in.Header("Set-Cookie"));
  cookie = cookie.substr(0, cookie.find(';'));
  ASSERT_FALSE(cookie.empty());
  EXPECT_TRUE(api_->PresentsValidCredentials(with("Cookie", cookie)));
  EXPECT_FALSE(api_->PresentsValidCredentials(
      with("Cookie", cookie.substr(0, cookie.find('=') + 1) + std::string(64, '0'))));
  ASSERT_TRUE(platform_->tokens().Revoke(tracker::Principal::Admin(), issued->record.id));
  EXPECT_FALSE(api_->PresentsValidCredentials(with("Authorization", "Bearer " + issued->secret)));
}

}  // namespace
}  // namespace soj::api
