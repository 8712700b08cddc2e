// A full disk, for real: the server's data directory is a small tmpfs mounted in a private
// mount namespace (unshare -Urm: no root needed where unprivileged user namespaces are
// allowed; the test is skipped where they are not). The test fills the tmpfs through
// /proc/<pid>/root, checks that writes answer 503 and reads keep working, frees the space,
// checks that writes succeed again without a restart, and runs soj-admin verify on the store
// in the same namespace after the server stopped.

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kScript = R"(set -e
mount -t tmpfs -o size=64m tmpfs "$MNT"
"$ADMIN" token create --data "$MNT/data" --role partner --partner efj --name t 2>/dev/null | tail -n 1
"$SERVER" serve --data "$MNT/data" --listen 127.0.0.1:0 --no-demo --rate-limit-ip 0 --rate-limit-token 0 &
pid=$!
trap 'kill -TERM $pid' TERM
set +e
wait $pid
wait $pid
echo "server-exit $?"
"$ADMIN" verify --data "$MNT/data" >/dev/null 2>&1
echo "verify-exit $?"
)";

std::string AlertJson(int i) {
  boost::json::object alert{{"title", "Written on a small disk " + std::to_string(i)},
                            {"description", std::string(2000, 'x')},
                            {"country", "BY"},
                            {"incident_date", "2023-03-14"},
                            {"categories", boost::json::array{"detention"}},
                            {"threat_source", "state"},
                            {"level", 1}};
  return boost::json::serialize(alert);
}

TEST(DiskFull, WritesAnswer503ReadsWorkAndWritesResumeWhenSpaceReturns) {
  if (RunCommand({"/usr/bin/unshare", "-Urm", "/bin/true"}).exit_code != 0)
    GTEST_SKIP() << "unprivileged mount namespaces are not available here";
  TempDir mount_point;
  setenv("MNT", mount_point.str().c_str(), 1);
  setenv("ADMIN", SOJ_ADMIN_PATH, 1);
  setenv("SERVER", SOJ_TRACKER_PATH, 1);
  ChildProcess child({"/usr/bin/unshare", "-Urm", "/bin/sh", "-c", kScript});
  // However the test ends, the shell stops the server (its TERM trap) before it goes.
  struct Stop {
    ChildProcess& child;
    bool done = false;
    ~Stop() {
      if (done) return;
      child.Kill(SIGTERM);
      child.Wait();
    }
  } stop{child};
  std::string token;
  const uint16_t port = WaitForPort(child, [&](const std::string& line) {
    if (line.rfind("soj_", 0) == 0) token = line;
  });
  ASSERT_FALSE(token.empty());
  ASSERT_NE(port, 0);

  std::vector<int64_t> acknowledged;
  for (int i = 0; i < 20; ++i) {
    HttpResult r = PostJson(port, "/api/v1/alerts", AlertJson(i), token);
    ASSERT_EQ(r.status, 201) << r.body;
    acknowledged.push_back(r.Json().at("id").to_number<int64_t>());
  }

  // Fill the tmpfs (seen through the server's root) until the kernel says no more.
  const std::filesystem::path filler = std::filesystem::path("/proc") /
                                       std::to_string(child.pid()) / "root" /
                                       mount_point.path().relative_path() / "filler";
  {
    std::ofstream out(filler, std::ios::binary);
    ASSERT_TRUE(out) << "cannot write " << filler;
    const std::string block(1 << 20, 'f');
    for (int mb = 0; mb < 128 && out.write(block.data(), block.size()); ++mb) {
    }
  }

  // Writes soon fail with 503 (the WAL may have preallocated room for a few), never 500.
  int unavailable = 0;
  const auto fill_deadline = Clock::now() + std::chrono::seconds(60);
  for (int i = 100; unavailable == 0 && Clock::now() < fill_deadline; ++i) {
    HttpResult r = PostJson(port, "/api/v1/alerts", AlertJson(i), token);
    ASSERT_TRUE(r.status == 201 || r.status == 503) << r.status << " " << r.body;
    if (r.status == 201) acknowledged.push_back(r.Json().at("id").to_number<int64_t>());
    if (r.status == 503) {
      ++unavailable;
      EXPECT_FALSE(r.Header("retry-after").empty());
      EXPECT_EQ(r.Header("content-type"), "application/problem+json");
      EXPECT_EQ(r.body.find(mount_point.str()), std::string::npos) << "names a path: " << r.body;
    }
  }
  ASSERT_GT(unavailable, 0) << "the disk never filled up";
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(PostJson(port, "/api/v1/alerts", AlertJson(1000 + i), token).status, 503);
  // Reads keep working.
  EXPECT_EQ(Get(port, "/api/v1/alerts?limit=5").status, 200);
  EXPECT_EQ(Get(port, "/api/v1/alerts/" + std::to_string(acknowledged.front()), token).status, 200);
  EXPECT_EQ(Get(port, "/healthz").status, 200);

  // Space returns: writes succeed again without a restart.
  std::filesystem::remove(filler);
  int resumed = 0;
  std::string last_refusal;
  const auto resume_deadline = Clock::now() + std::chrono::seconds(30);
  while (resumed == 0 && Clock::now() < resume_deadline) {
    HttpResult r = PostJson(port, "/api/v1/alerts", AlertJson(2000), token);
    if (r.status == 201) {
      ++resumed;
      acknowledged.push_back(r.Json().at("id").to_number<int64_t>());
    } else {
      EXPECT_EQ(r.status, 503) << r.body;
      last_refusal = r.body;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  ASSERT_EQ(resumed, 1) << "writes did not resume after space returned: " << last_refusal;
  for (int64_t id : acknowledged)
    EXPECT_EQ(Get(port, "/api/v1/alerts/" + std::to_string(id), token).status, 200)
        << "acknowledged alert " << id << " is missing";

  stop.done = true;
  child.Kill(SIGTERM);
  EXPECT_EQ(child.Wait(), 0);
  std::vector<std::string> lines;
  child.ReadLines(&lines, 1000);
  bool server_clean = false, verified = false;
  for (const std::string& line : lines) {
    server_clean = server_clean || line == "server-exit 0";
    verified = verified || line == "verify-exit 0";
  }
  EXPECT_TRUE(server_clean) << "the server did not stop cleanly";
  EXPECT_TRUE(verified) << "soj-admin verify found problems after the disk was full";
}

}  // namespace
}  // namespace soj::testing
