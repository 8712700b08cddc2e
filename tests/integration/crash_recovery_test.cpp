// Kills a writer with SIGKILL in the middle of a stream of durable writes, repeatedly, and
// checks on reopen that every acknowledged write is there and the indexes match.

#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <random>
#include <sstream>

#include "tests/integration/child_process.hpp"
#include "tests/integration/http_harness.hpp"
#include "tests/test_support.hpp"
#include "tracker/integrity_check.hpp"
#include "tracker/platform.hpp"

namespace soj::tracker {
namespace {

TEST(CrashRecovery, EveryAcknowledgedWriteSurvivesSigkill) {
  testing::TempDir dir;
  std::mt19937 random(20261129);
  std::map<AlertId, uint64_t> acknowledged;  // id -> highest acknowledged version
  // At least 4 rounds, then more while the time budget lasts (bounded in count too).
  const auto start = std::chrono::steady_clock::now();
  const auto budget = std::chrono::seconds(20);
  for (int round = 0;
       round < 4 || (std::chrono::steady_clock::now() - start < budget && round < 40); ++round) {
    testing::ChildProcess writer({SOJ_CRASH_WRITER_PATH, dir.str(), "8", "30"});
    std::vector<std::string> lines;
    // Wait for its first acknowledgement (opening the store may be slow under sanitizers),
    // let it write for a random while more, then cut the power.
    for (int waited = 0; lines.empty() && waited < 30'000; waited += 100)
      writer.ReadLines(&lines, 100);
    writer.ReadLines(&lines, 100 + static_cast<int>(random() % 900));
    writer.Kill(SIGKILL);
    EXPECT_EQ(writer.Wait(), -SIGKILL);
    writer.ReadLines(&lines, 200);
    std::size_t acks = 0;
    for (const std::string& line : lines) {
      std::istringstream in(line);
      std::string word;
      AlertId id = 0;
      uint64_t version = 0;
      if (in >> word >> id >> version && word == "ack") {
        ++acks;
        acknowledged[id] = std::max(acknowledged[id], version);
      }
    }
    ASSERT_GT(acks, 0u) << "the writer acknowledged nothing in round " << round;

    SystemClock clock;
    auto platform = Platform::Open(
        {.data_dir = dir.str(), .create_if_missing = false, .sync = true, .clock = &clock});
    ASSERT_TRUE(platform) << platform.error().message;
    for (const auto& [id, version] : acknowledged) {
      auto alert = (*platform)->alerts().Get(Principal::Editor(), id);
      ASSERT_TRUE(alert) << "acknowledged alert " << id << " is lost: " << alert.error().message;
      EXPECT_GE(alert->version, version) << "alert " << id << " lost an acknowledged change";
    }
    IntegrityReport report = CheckIntegrity((*platform)->store());
    ASSERT_TRUE(report.ok()) << "round " << round << ": " << report.problems.front();
    EXPECT_GE(report.alerts, acknowledged.size());
  }
  // soj-admin verify: indexes, events, statistics (recomputed by brute force) and search.
  testing::CommandResult verify = testing::RunAdmin({"verify", "--data", dir.str()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace soj::tracker
