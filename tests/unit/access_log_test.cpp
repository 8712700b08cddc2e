// AccessLog: one valid JSON line per request, written in batches, all of them by Flush.

#include "api/access_log.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

namespace soj::api {
namespace {

std::vector<boost::json::object> Lines(const std::string& text) {
  std::vector<boost::json::object> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec);
    EXPECT_FALSE(ec) << "not JSON: " << line;
    if (!ec && value.is_object()) lines.push_back(value.as_object());
  }
  return lines;
}

TEST(AccessLogTest, WritesOneJsonLinePerRequestWhenFlushed) {
  ::testing::internal::CaptureStderr();
  {
    AccessLog log(std::chrono::hours(1));  // only Flush writes in this test
    log.Record(
        {.method = "GET", .route = "getAlert", .status = 200, .seconds = 0.0012345, .bytes = 1585});
    log.Record({.method = "GET",
                .route = "exportAlerts",
                .status = 200,
                .seconds = 2,
                .bytes = 0,
                .streamed = true});
    log.Flush();
    const auto lines = Lines(::testing::internal::GetCapturedStderr());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].at("method"), "GET");
    EXPECT_EQ(lines[0].at("route"), "getAlert");
    EXPECT_EQ(lines[0].at("status").to_number<int>(), 200);
    EXPECT_NEAR(lines[0].at("duration_ms").to_number<double>(), 1.234, 0.001);
    EXPECT_EQ(lines[0].at("bytes").to_number<int>(), 1585);
    EXPECT_FALSE(lines[0].contains("streamed"));
    const std::string time(lines[0].at("time").as_string());
    EXPECT_EQ(time.size(), 20u) << time;  // 2026-11-29T20:52:27Z
    EXPECT_EQ(time.back(), 'Z');
    EXPECT_TRUE(lines[1].at("streamed").as_bool());
    ::testing::internal::CaptureStderr();
  }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "") << "nothing was left to write";
}

TEST(AccessLogTest, AMethodWithQuotesOrControlsStaysOneValidLine) {
  ::testing::internal::CaptureStderr();
  AccessLog log(std::chrono::hours(1));
  log.Record({.method = "G\"E\\T\n\x01\xff", .route = "unmatched", .status = 405});
  log.Flush();
  const std::string text = ::testing::internal::GetCapturedStderr();
  const auto lines = Lines(text);
  ASSERT_EQ(lines.size(), 1u) << text;
  EXPECT_EQ(lines[0].at("method"), "G\"E\\T\n\x01\u00ff");
}

TEST(AccessLogTest, WritesOnItsOwnWithinTheInterval) {
  ::testing::internal::CaptureStderr();
  AccessLog log(std::chrono::milliseconds(20));
  log.Record({.method = "GET", .route = "getHealth", .status = 200});
  std::string text;
  for (int i = 0; i < 100 && text.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // GetCapturedStderr ends the capture: look at the file only once the line is there.
    log.Flush();
    text = ::testing::internal::GetCapturedStderr();
    if (text.empty()) ::testing::internal::CaptureStderr();
  }
  EXPECT_NE(text.find("getHealth"), std::string::npos);
}

TEST(AccessLogTest, LinesFromManyThreadsNeverInterleave) {
  ::testing::internal::CaptureStderr();
  {
    AccessLog log(std::chrono::milliseconds(1));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&log] {
        for (int i = 0; i < 5000; ++i)
          log.Record({.method = "GET", .route = "listAlerts", .status = 200, .bytes = 100000});
      });
    for (auto& thread : threads) thread.join();
  }  // the destructor writes what is left
  const auto lines = Lines(::testing::internal::GetCapturedStderr());
  EXPECT_EQ(lines.size(), 20000u);
}

}  // namespace
}  // namespace soj::api
