#include "api/list_query.hpp"

#include <gtest/gtest.h>

#include <boost/url/parse.hpp>

namespace soj::api {
namespace {

tracker::Result<tracker::ListRequest> Parse(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  EXPECT_TRUE(url) << target;
  return ParseListQuery(url->params());
}

std::vector<std::string> Fields(const tracker::Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(ListQuery, DefaultsWithoutParameters) {
  auto r = Parse("/api/v1/alerts");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->limit, tracker::kDefaultPageSize);
  EXPECT_EQ(r->sort, tracker::SortOrder::kIncidentDateDesc);
  EXPECT_TRUE(r->filter.countries.empty());
}

TEST(ListQuery, RepeatedAndCommaSeparatedValuesAndPercentDecoding) {
  auto r = Parse(
      "/a?country=BY&country=RU,TR&category=detention%2Cattack&level=1&threat_source=state"
      "&status=published&partner=efj&from=2023-01-01&to=2023-12-31&sort=-updated_at&limit=10"
      "&cursor=abc");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->filter.countries, (std::vector<std::string>{"BY", "RU", "TR"}));
  EXPECT_EQ(r->filter.categories, (std::vector<tracker::Category>{tracker::Category::kDetention,
                                                                  tracker::Category::kAttack}));
  EXPECT_EQ(r->filter.levels, std::vector<int>{1});
  EXPECT_EQ(r->filter.partners, std::vector<std::string>{"efj"});
  EXPECT_EQ(r->filter.from->ToString(), "2023-01-01");
  EXPECT_EQ(r->filter.to->ToString(), "2023-12-31");
  EXPECT_EQ(r->sort, tracker::SortOrder::kUpdatedAtDesc);
  EXPECT_EQ(r->limit, 10u);
  EXPECT_EQ(r->cursor, "abc");
}

TEST(ListQuery, EveryBadParameterIsNamed) {
  auto r = Parse(
      "/a?country=US&category=murder&level=3&threat_source=aliens&status=lost&from=2023-02-30"
      "&to=x&sort=title&limit=0&contry=BY");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, tracker::ErrorKind::kBadRequest);
  auto fields = Fields(r.error());
  for (std::string f : {"country", "category", "level", "threat_source", "status", "from", "to",
                        "sort", "limit", "contry"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
}

TEST(ListQuery, TextRanksByRelevanceUnlessASortIsGiven) {
  auto ranked = Parse("/a?q=journalist%20Minsk&country=BY");
  ASSERT_TRUE(ranked) << ranked.error().message;
  EXPECT_EQ(ranked->text, "journalist Minsk");
  EXPECT_TRUE(ranked->by_relevance);
  auto sorted = Parse("/a?q=journalist&sort=-incident_date");
  ASSERT_TRUE(sorted);
  EXPECT_FALSE(sorted->by_relevance);
  auto blank = Parse("/a?q=%20%20");
  ASSERT_TRUE(blank);
  EXPECT_TRUE(blank->text.empty());
  EXPECT_FALSE(blank->by_relevance);
  auto twice = Parse("/a?q=a&q=b");
  ASSERT_FALSE(twice);
  EXPECT_EQ(Fields(twice.error()), std::vector<std::string>{"q"});
}

TEST(ListQuery, LimitBoundsAndDateOrder) {
  EXPECT_TRUE(Parse("/a?limit=200"));
  EXPECT_FALSE(Parse("/a?limit=201"));
  EXPECT_FALSE(Parse("/a?limit=5x"));
  EXPECT_FALSE(Parse("/a?limit=-1"));
  auto reversed = Parse("/a?from=2024-01-02&to=2024-01-01");
  ASSERT_FALSE(reversed);
  EXPECT_EQ(Fields(reversed.error()), std::vector<std::string>{"to"});
}

}  // namespace
}  // namespace soj::api
