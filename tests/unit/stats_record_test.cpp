#include "tracker/stats_record.hpp"

#include <gtest/gtest.h>

#include "tests/tracker_fixture.hpp"

namespace soj::tracker {
namespace {

using testing::D;

StatsRecord FullRecord() {
  StatsRecord r;
  r.id = 1'234'567'890'123;
  r.status = AlertStatus::kResolved;
  r.merged = true;
  r.country = "BY";
  r.incident_date = D("2023-03-14");
  r.category_mask = 0b10110;
  r.level = 1;
  r.threat_source = ThreatSource::kNonState;
  r.partners = {"efj", "article19", "rsf"};
  r.published_on = D("2023-03-16");
  r.first_reply_on = D("2023-03-10");  // before publication: must survive as is
  r.resolved_on = D("2024-02-29");
  r.impunity = ImpunityRecord{true, Justice::kPartial, D("1999-04-11")};
  r.victims = {
      {VictimKind::kJournalist,
       "person-0001",
       {{D("1900-01-01"), D("1900-01-01")}, {D("2023-03-14"), std::nullopt}}},
      {VictimKind::kMediaOutlet, std::nullopt, {}},
      {VictimKind::kOther, std::string(""), {{D("2020-12-31"), D("2026-11-29")}}},
      {VictimKind::kPhotographer, std::nullopt, {{D("2021-05-01"), D("2021-05-02")}}},
  };
  return r;
}

TEST(StatsRecordTest, RoundTripKeepsEveryField) {
  const StatsRecord r = FullRecord();
  const std::string bytes = EncodeStatsRecord(r);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), kStatsRecordVersion);
  auto back = DecodeStatsRecord(bytes);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, r);
}

TEST(StatsRecordTest, RoundTripOfAnEmptyRecord) {
  StatsRecord r;
  r.country = "RU";
  auto back = DecodeStatsRecord(EncodeStatsRecord(r));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, r);
  EXPECT_FALSE(back->published_on);
  EXPECT_FALSE(back->impunity);
}

TEST(StatsRecordTest, RoundTripOfEveryEnumValue) {
  for (std::size_t s = 0; s < kStatusNames.size(); ++s)
    for (std::size_t t = 0; t < kThreatSourceNames.size(); ++t)
      for (std::size_t k = 0; k < kVictimKindNames.size(); ++k)
        for (std::size_t j = 0; j < kJusticeNames.size(); ++j) {
          StatsRecord r = FullRecord();
          r.status = static_cast<AlertStatus>(s);
          r.threat_source = static_cast<ThreatSource>(t);
          r.victims[0].kind = static_cast<VictimKind>(k);
          r.impunity->justice = static_cast<Justice>(j);
          r.impunity->murder = (s + j) % 2 == 0;
          r.level = 1 + static_cast<int>(k % 2);
          r.category_mask = static_cast<uint8_t>(1 + (s * 7 + k) % 31);
          auto back = DecodeStatsRecord(EncodeStatsRecord(r));
          ASSERT_TRUE(back) << back.error().message;
          EXPECT_EQ(*back, r);
        }
}

TEST(StatsRecordTest, OfTakesWhatTheStatisticsNeedAndNoNames) {
  Alert a;
  a.id = 42;
  a.content = testing::ValidContent();
  a.content.partners = {"efj", "ifj"};
  a.content.categories = {Category::kImpunity, Category::kAttack};
  a.content.impunity = ImpunityRecord{true, Justice::kNone, D("2020-02-02")};
  a.content.victims[0].name = "Secret Name";
  a.content.victims[0].withheld = true;
  a.content.victims[0].person_id = "p-7";
  a.content.victims[0].outlet = "Hidden Outlet";
  a.status = AlertStatus::kResolved;
  a.resolution = Resolution{D("2024-01-05"), "released"};
  a.published_at = *Timestamp::Parse("2023-03-16T23:59:59Z");
  a.state_replies = {{1, D("2023-05-02"), "second", "state:BY"},
                     {2, D("2023-04-02"), "first", "state:BY"},
                     {3, D("2023-06-02"), "third", "editor"}};
  a.merged_into = 7;

  const StatsRecord r = StatsRecord::Of(a);
  EXPECT_EQ(r.id, 42u);
  EXPECT_EQ(r.status, AlertStatus::kResolved);
  EXPECT_TRUE(r.merged);
  EXPECT_FALSE(r.IsPublic());
  EXPECT_EQ(r.country, "BY");
  EXPECT_EQ(r.incident_date, D("2023-03-14"));
  EXPECT_TRUE(r.HasCategory(Category::kImpunity));
  EXPECT_TRUE(r.HasCategory(Category::kAttack));
  EXPECT_FALSE(r.HasCategory(Category::kDetention));
  EXPECT_EQ(r.level, 1);
  EXPECT_EQ(r.threat_source, ThreatSource::kState);
  EXPECT_EQ(r.partners, (std::vector<std::string>{"efj", "ifj"}));
  EXPECT_EQ(r.published_on, D("2023-03-16"));
  EXPECT_EQ(r.first_reply_on, D("2023-04-02"));
  EXPECT_EQ(r.resolved_on, D("2024-01-05"));
  EXPECT_EQ(r.impunity, a.content.impunity);
  ASSERT_EQ(r.victims.size(), 1u);
  EXPECT_EQ(r.victims[0].kind, VictimKind::kJournalist);
  EXPECT_EQ(r.victims[0].person_id, "p-7");
  EXPECT_EQ(r.victims[0].detentions, a.content.victims[0].detentions);

  const std::string bytes = EncodeStatsRecord(a);
  EXPECT_EQ(bytes, EncodeStatsRecord(r));
  EXPECT_EQ(bytes.find("Secret"), std::string::npos);
  EXPECT_EQ(bytes.find("Hidden"), std::string::npos);
  EXPECT_LT(bytes.size(), 64u);  // compact: a JSON document of this alert is ten times that
}

TEST(StatsRecordTest, PublicMeansPublishedOrResolvedAndNotMerged) {
  StatsRecord r;
  for (AlertStatus s : {AlertStatus::kDraft, AlertStatus::kRejected, AlertStatus::kWithdrawn}) {
    r.status = s;
    EXPECT_FALSE(r.IsPublic()) << ToString(s);
  }
  for (AlertStatus s : {AlertStatus::kPublished, AlertStatus::kResolved}) {
    r.status = s;
    r.merged = false;
    EXPECT_TRUE(r.IsPublic()) << ToString(s);
    r.merged = true;
    EXPECT_FALSE(r.IsPublic()) << ToString(s);
  }
}

TEST(StatsRecordTest, UnknownVersionIsRefused) {
  std::string bytes = EncodeStatsRecord(FullRecord());
  bytes[0] = 2;
  auto out = DecodeStatsRecord(bytes);
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().message.find("version 2"), std::string::npos) << out.error().message;
  // The placeholder format of earlier builds (the JSON document) is refused too.
  EXPECT_FALSE(DecodeStatsRecord("{\"id\":1}"));
  EXPECT_FALSE(DecodeStatsRecord(""));
}

TEST(StatsRecordTest, EveryTruncationAndTrailingBytesAreRefused) {
  const std::string bytes = EncodeStatsRecord(FullRecord());
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(DecodeStatsRecord(bytes.substr(0, n))) << "prefix of " << n << " bytes";
  auto out = DecodeStatsRecord(bytes + "x");
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().message.find("trailing"), std::string::npos) << out.error().message;
}

TEST(StatsRecordTest, ValuesOutOfRangeAreRefused) {
  StatsRecord r;
  r.country = "BY";
  const std::string good = EncodeStatsRecord(r);
  // Layout: version, id (1 byte for 0), flags, categories, level, threat source, ...
  auto with = [&](std::size_t at, uint8_t value) {
    std::string bytes = good;
    bytes[at] = static_cast<char>(value);
    return DecodeStatsRecord(bytes);
  };
  ASSERT_TRUE(with(2, 4));    // status resolved
  EXPECT_FALSE(with(2, 5));   // status 5 does not exist
  EXPECT_FALSE(with(3, 32));  // a sixth category
  EXPECT_FALSE(with(4, 3));   // level 3
  EXPECT_FALSE(with(4, 0));
  EXPECT_FALSE(with(5, 3));  // threat source 3

  StatsRecord v = r;
  v.victims = {{VictimKind::kOther, std::nullopt, {}}};
  std::string bytes = EncodeStatsRecord(v);
  bytes[bytes.size() - 2] = 6;  // victim kind 6 does not exist
  EXPECT_FALSE(DecodeStatsRecord(bytes));
}

}  // namespace
}  // namespace soj::tracker
