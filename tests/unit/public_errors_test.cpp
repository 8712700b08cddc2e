// The rule: text made inside the server (storage and RocksDB statuses, Xapian exceptions, a
// follower's catch-up failure, backup errors, file paths) never reaches a response body or a
// header; the body carries a fixed text and the detail goes to the log. Provoked here on a
// follower of a primary in a temp directory, both in this process, through Api::Handle.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/api.hpp"
#include "api/responses.hpp"
#include "tests/tracker_fixture.hpp"

namespace soj::testing {
namespace {

using api::HttpRequest;
using api::HttpResponse;

class PublicErrorsTest : public PlatformTest {
 protected:
  void SetUp() override {
    PlatformTest::SetUp();
    auto issued = platform_->tokens().Create(tracker::Principal::Admin(), tracker::Role::kAdmin, "",
                                             "", "operator");
    ASSERT_TRUE(issued) << issued.error().message;
    admin_secret_ = issued->secret;
    auto opened =
        tracker::Platform::Open({.data_dir = follower_dir_.str(),
                                 .create_if_missing = false,
                                 .sync = true,
                                 .clock = &clock_,
                                 .search = tracker::PlatformOptions::Search::kNow,
                                 .follow = dir_.str(),
                                 .follower = {.interval = std::chrono::milliseconds(0),
                                              .max_lag = std::chrono::milliseconds(60'000),
                                              .primary_alive = [] { return true; }}});
    ASSERT_TRUE(opened) << opened.error().message;
    follower_ = std::move(*opened);
    ASSERT_TRUE(follower_->follower()->CatchUpOnce());
    // No primary URL: writes reach the follower's read-only store instead of a redirect.
    api_ = std::make_unique<api::Api>(
        *follower_, api::ApiOptions{.public_url = "", .public_metrics = true, .access_log = false});
    api_->SetReady(true);
  }

  HttpResponse Call(std::string method, std::string target, std::string body = "") {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.headers = {{"Authorization", "Bearer " + admin_secret_},
                       {"Content-Type", "application/json"}};
    request.body = std::move(body);
    return api_->Handle(request);
  }

  // Nothing of the server's inside in the answer: no path of either store, no RocksDB or
  // storage words, no Xapian words.
  void ExpectNoInternals(const HttpResponse& response) {
    std::string everything = std::to_string(response.status) + "\n" + response.body.str();
    for (const auto& [name, value] : response.headers) everything += name + ": " + value + "\n";
    for (const std::string& inside :
         {dir_.str(), follower_dir_.str(), std::string("/tmp"), std::string("RocksDB"),
          std::string("rocksdb"), std::string("IO error"), std::string("Xapian"),
          std::string("read-only"), std::string("follows the store")})
      EXPECT_EQ(everything.find(inside), std::string::npos) << inside << " in\n" << everything;
  }

  TempDir follower_dir_;
  std::string admin_secret_;
  std::unique_ptr<tracker::Platform> follower_;
  std::unique_ptr<api::Api> api_;
};

TEST_F(PublicErrorsTest, AStorageFailureAnswersAFixedTextAndLogsTheDetail) {
  ::testing::internal::CaptureStderr();
  HttpResponse refused =
      Call("POST", "/api/v1/tokens", R"({"role":"analyst","name":"from a follower"})");
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.Header("Retry-After"), "5");
  ExpectNoInternals(refused);
  EXPECT_NE(refused.body.view().find(api::PublicDetail(tracker::Error::Unavailable("x"))),
            std::string::npos)
      << refused.body.view();
  // The operator still learns what happened, from the log.
  EXPECT_NE(log.find(dir_.str()), std::string::npos) << log;
}

TEST_F(PublicErrorsTest, ReadinessOfAFollowerWhosePrimaryIsGoneNamesNoPathOrReason) {
  // The primary is gone, and what is left in its place names a manifest that is not there.
  platform_.reset();
  std::filesystem::remove_all(dir_.str());
  std::filesystem::create_directories(dir_.str());
  std::ofstream(dir_.str() + "/CURRENT") << "MANIFEST-999999\n";
  auto failed = follower_->follower()->CatchUpOnce();
  ASSERT_FALSE(failed) << "catching up with a deleted primary must fail";
  ASSERT_FALSE(follower_->follower()->Lag().last_error.empty());
  HttpResponse ready = Call("GET", "/readyz");
  EXPECT_EQ(ready.status, 503);
  ExpectNoInternals(ready);
  EXPECT_EQ(ready.body.view().find(follower_->follower()->Lag().last_error), std::string::npos);
  EXPECT_NE(ready.body.view().find("\"error\""), std::string::npos)
      << "still says a catch-up failed";
}

TEST(PublicDetail, InternalAndUnavailableErrorsNeverShowTheirOwnWords) {
  const std::string secret_words = "/var/lib/soj/data/000123.sst: Corruption: bad block";
  for (const tracker::Error& error :
       {tracker::Error::Internal(secret_words), tracker::Error::Unavailable(secret_words)}) {
    EXPECT_EQ(api::PublicDetail(error).find("/var"), std::string::npos);
    ::testing::internal::CaptureStderr();
    const HttpResponse response = api::ErrorResponse(error);
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(response.body.view().find("/var"), std::string::npos) << response.body.view();
    EXPECT_NE(log.find("000123.sst"), std::string::npos) << log;
  }
  // Errors of the caller's own making keep their words: they say what to fix.
  EXPECT_EQ(api::PublicDetail(tracker::Error::Conflict("it is published already")),
            "it is published already");
}

}  // namespace
}  // namespace soj::testing
