#include "tracker/stats_audit.hpp"

#include <gtest/gtest.h>

#include "tests/tracker_fixture.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/integrity_check.hpp"
#include "tracker/stats_record.hpp"

namespace soj::tracker {
namespace {

using testing::D;

class StatsAuditTest : public testing::PlatformTest {};

TEST_F(StatsAuditTest, CleanWhenTheEngineFollowsTheDocuments) {
  SubmitPublished("efj");
  SubmitPublished("ifj", [](AlertContent& c) {
    c.country = "RU";
    c.categories = {Category::kAttack, Category::kImpunity};
    c.victims[0].detentions.clear();
    c.victims[0].killed_on = D("2023-03-14");
    c.impunity = ImpunityRecord{true, Justice::kNone, D("2023-04-01")};
  });
  Submit("efj");  // a draft: counted nowhere
  StatsAuditReport report =
      AuditStatistics(platform_->store(), platform_->stats(), D("2026-11-29"));
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  EXPECT_GT(report.checks, 10u);
  // The same after a restart, from the rebuilt engine.
  Reopen();
  report = AuditStatistics(platform_->store(), platform_->stats(), D("2026-11-29"));
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
}

TEST_F(StatsAuditTest, FindsAStatisticsRecordThatDriftedFromItsDocument) {
  Alert a = SubmitPublished("efj");
  Alert tampered = a;
  tampered.content.victims[0].detentions[0].from = D("2024-01-01");  // a later arrest
  ASSERT_TRUE(platform_->store()
                  .Write([&](storage::Transaction& txn) {
                    txn.Put(storage::Family::kStats, AlertKey(a.id), EncodeStatsRecord(tampered));
                    return storage::Status::Ok();
                  })
                  .ok());
  StatsAuditReport report =
      AuditStatistics(platform_->store(), platform_->stats(), D("2026-11-29"));
  ASSERT_FALSE(report.problems.empty());
  EXPECT_NE(report.problems.front().find("2023-12-31"), std::string::npos)
      << report.problems.front();
  IntegrityReport integrity = CheckIntegrity(platform_->store());
  ASSERT_FALSE(integrity.ok());
  EXPECT_NE(integrity.problems.front().find("statistics record"), std::string::npos);
}

}  // namespace
}  // namespace soj::tracker
