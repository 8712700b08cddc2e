#include "tracker/calendar.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace soj::tracker {
namespace {

Date D(std::string_view text) {
  std::optional<Date> date = Date::Parse(text);
  EXPECT_TRUE(date.has_value()) << text;
  return date.value_or(Date());
}

TEST(CalendarDateTest, ParsesRealDates) {
  std::optional<Date> date = Date::Parse("2023-03-14");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->year(), 2023);
  EXPECT_EQ(static_cast<unsigned>(date->ymd().month()), 3u);
  EXPECT_EQ(static_cast<unsigned>(date->ymd().day()), 14u);
  EXPECT_EQ(date->ToString(), "2023-03-14");
}

TEST(CalendarDateTest, EpochIsDayZero) {
  EXPECT_EQ(D("1970-01-01").days(), 0);
  EXPECT_EQ(D("1970-01-02").days(), 1);
  EXPECT_EQ(Date().ToString(), "1970-01-01");
}

TEST(CalendarDateTest, LeapDays) {
  EXPECT_FALSE(Date::Parse("2023-02-29"));
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_TRUE(Date::Parse("2000-02-29"));   // divisible by 400
  EXPECT_FALSE(Date::Parse("1900-02-29"));  // divisible by 100 only
}

TEST(CalendarDateTest, RejectsDaysAndMonthsThatDoNotExist) {
  EXPECT_FALSE(Date::Parse("2023-04-31"));
  EXPECT_FALSE(Date::Parse("2023-13-01"));
  EXPECT_FALSE(Date::Parse("2023-00-10"));
  EXPECT_FALSE(Date::Parse("2023-01-00"));
  EXPECT_FALSE(Date::Parse("2023-01-32"));
}

TEST(CalendarDateTest, RejectsOtherShapes) {
  for (std::string_view text :
       {"", "2023-1-01", "2023-01-1", "20230101", "2023/01/01", "2023-01-01x", " 2023-01-01",
        "2023-01-01T00:00:00Z", "+023-01-01", "2023-0a-01", "14.03.2023"})
    EXPECT_FALSE(Date::Parse(text)) << text;
}

TEST(CalendarDateTest, YearRange) {
  EXPECT_FALSE(Date::Parse("1899-12-31"));
  EXPECT_TRUE(Date::Parse("1900-01-01"));
  EXPECT_TRUE(Date::Parse("9999-12-31"));
}

TEST(CalendarDateTest, FromYmd) {
  EXPECT_EQ(Date::FromYmd(2024, 2, 29), D("2024-02-29"));
  EXPECT_FALSE(Date::FromYmd(2023, 2, 29));
  EXPECT_FALSE(Date::FromYmd(2023, 13, 1));
}

TEST(CalendarDateTest, FormatsWithLeadingZeros) {
  EXPECT_EQ(Date::FromYmd(1905, 1, 2)->ToString(), "1905-01-02");
  EXPECT_EQ(Date::FromDays(-1).ToString(), "1969-12-31");
}

TEST(CalendarDateTest, EndOfMonth) {
  EXPECT_EQ(D("2024-02-10").EndOfMonth(), D("2024-02-29"));
  EXPECT_EQ(D("2023-02-10").EndOfMonth(), D("2023-02-28"));
  EXPECT_EQ(D("2023-04-01").EndOfMonth(), D("2023-04-30"));
  EXPECT_EQ(D("2023-12-31").EndOfMonth(), D("2023-12-31"));
  EXPECT_EQ(D("2023-01-15").EndOfMonth(), D("2023-01-31"));
}

TEST(CalendarDateTest, EndOfYear) {
  EXPECT_EQ(D("2023-03-14").EndOfYear(), D("2023-12-31"));
  EXPECT_EQ(D("2024-12-31").EndOfYear(), D("2024-12-31"));
}

TEST(CalendarDateTest, AddDaysCrossesMonthsAndYears) {
  EXPECT_EQ(D("2023-02-28").AddDays(1), D("2023-03-01"));
  EXPECT_EQ(D("2024-02-28").AddDays(1), D("2024-02-29"));
  EXPECT_EQ(D("2023-12-31").AddDays(1), D("2024-01-01"));
  EXPECT_EQ(D("2024-01-01").AddDays(-1), D("2023-12-31"));
}

TEST(CalendarDateTest, OrdersChronologically) {
  EXPECT_LT(D("2023-03-14"), D("2023-03-15"));
  EXPECT_LT(D("2022-12-31"), D("2023-01-01"));
  EXPECT_EQ(D("2023-03-14"), D("2023-03-14"));
}

TEST(CalendarTimestampTest, ParsesUtc) {
  std::optional<Timestamp> ts = Timestamp::Parse("2023-03-15T09:12:00Z");
  ASSERT_TRUE(ts);
  EXPECT_EQ(ts->ToString(), "2023-03-15T09:12:00Z");
  EXPECT_EQ(ts->date(), D("2023-03-15"));
  EXPECT_EQ(Timestamp::Parse("1970-01-01T00:00:00Z")->unix_seconds(), 0);
  EXPECT_EQ(Timestamp::Parse("1970-01-02T00:00:01Z")->unix_seconds(), 86401);
}

TEST(CalendarTimestampTest, ConvertsOffsetsToUtc) {
  EXPECT_EQ(Timestamp::Parse("2023-03-15T11:12:00+02:00")->ToString(), "2023-03-15T09:12:00Z");
  EXPECT_EQ(Timestamp::Parse("2023-03-14T23:30:00-01:00")->ToString(), "2023-03-15T00:30:00Z");
  EXPECT_EQ(Timestamp::Parse("2023-03-15T09:12:00+00:00")->ToString(), "2023-03-15T09:12:00Z");
}

TEST(CalendarTimestampTest, DropsFractionsOfSeconds) {
  EXPECT_EQ(Timestamp::Parse("2023-03-15T09:12:00.999Z")->ToString(), "2023-03-15T09:12:00Z");
  EXPECT_FALSE(Timestamp::Parse("2023-03-15T09:12:00.Z"));
}

TEST(CalendarTimestampTest, AcceptsLowerCaseSeparators) {
  EXPECT_EQ(Timestamp::Parse("2023-03-15t09:12:00z")->ToString(), "2023-03-15T09:12:00Z");
}

TEST(CalendarTimestampTest, RejectsMalformedTimes) {
  for (std::string_view text :
       {"", "2023-03-15", "2023-03-15T09:12:00", "2023-03-15 09:12:00Z", "2023-03-15T24:00:00Z",
        "2023-03-15T09:60:00Z", "2023-03-15T09:12Z", "2023-02-29T09:12:00Z",
        "2023-03-15T09:12:00+2:00", "2023-03-15T09:12:00+02:00x", "2023-03-15T09:12:00Zjunk"})
    EXPECT_FALSE(Timestamp::Parse(text)) << text;
}

TEST(CalendarTimestampTest, BeforeTheEpoch) {
  Timestamp ts = Timestamp::FromUnixSeconds(-1);
  EXPECT_EQ(ts.date(), D("1969-12-31"));
  EXPECT_EQ(ts.ToString(), "1969-12-31T23:59:59Z");
}

TEST(CalendarTimestampTest, FormatThenParseIsIdentity) {
  for (int64_t seconds : {int64_t{0}, int64_t{1678871520}, int64_t{1709164799}, int64_t{-86400}})
    EXPECT_EQ(Timestamp::Parse(Timestamp::FromUnixSeconds(seconds).ToString())->unix_seconds(),
              seconds);
}

TEST(CalendarClockTest, FixedClockStandsStillUntilMoved) {
  FixedClock clock(*Timestamp::Parse("2023-12-31T23:59:30Z"));
  EXPECT_EQ(clock.Today(), D("2023-12-31"));
  clock.Advance(30);
  EXPECT_EQ(clock.Today(), D("2024-01-01"));
  clock.Set(*Timestamp::Parse("2023-03-15T09:12:00Z"));
  EXPECT_EQ(clock.Now().ToString(), "2023-03-15T09:12:00Z");
}

}  // namespace
}  // namespace soj::tracker
