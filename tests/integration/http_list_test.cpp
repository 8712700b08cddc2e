// Lists over HTTP: filters, sort order, paging with cursors and what each caller may see.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/integration/http_story_fixture.hpp"

namespace soj::testing {
namespace {

// Walks every page of `target` (which has no cursor yet); the items in order.
std::vector<json::value> WalkPages(uint16_t port, const std::string& target,
                                   const std::string& token, uint64_t* total, int* pages) {
  std::vector<json::value> items;
  std::string cursor;
  *pages = 0;
  for (int guard = 0; guard < 1000; ++guard) {
    std::string url = target + (cursor.empty() ? "" : "&cursor=" + cursor);
    HttpResult page = Call(port, "GET", url, token);
    EXPECT_EQ(page.status, 200) << url << ": " << page.body;
    if (page.status != 200) break;
    ++*pages;
    json::value body = page.Json();
    if (*pages == 1) *total = body.at("total").to_number<uint64_t>();
    EXPECT_EQ(body.at("total").to_number<uint64_t>(), *total) << "total changed while paging";
    for (const auto& item : body.at("items").as_array()) items.push_back(item);
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
    EXPECT_FALSE(cursor.empty());
  }
  return items;
}

std::vector<uint64_t> Ids(const std::vector<json::value>& items) {
  std::vector<uint64_t> ids;
  for (const auto& item : items) ids.push_back(item.at("id").to_number<uint64_t>());
  return ids;
}

TEST_F(HttpStoryTest, ListsFilterSortAndPage) {
  // Alerts of one partner no other test uses, so counts are exact.
  struct Spec {
    const char* country;
    const char* date;
    const char* category;
    bool publish;
  };
  const std::vector<Spec> specs = {
      {"UA", "2022-03-01", "attack", true},    {"UA", "2022-05-10", "detention", true},
      {"UA", "2022-05-10", "attack", false},   {"PL", "2021-12-24", "harassment", true},
      {"PL", "2023-01-15", "chilling", true},  {"BY", "2020-08-09", "detention", false},
      {"BY", "2020-08-09", "detention", true}, {"RU", "2019-11-30", "attack", true}};
  std::vector<uint64_t> all, published, drafts;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    json::object body =
        AlertBody("rsf list alert " + std::to_string(i), specs[i].country, specs[i].date);
    body["categories"] = json::array{specs[i].category};
    uint64_t id = specs[i].publish ? SubmitPublished(rsf_, body) : Submit(rsf_, body);
    ASSERT_GT(id, 0u);
    all.push_back(id);
    (specs[i].publish ? published : drafts).push_back(id);
  }
  auto sorted = [](std::vector<uint64_t> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto count_where = [&](auto predicate) {
    std::vector<uint64_t> ids;
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (predicate(specs[i])) ids.push_back(all[i]);
    return sorted(ids);
  };

  // Who sees what.
  HttpResult public_list = Read("/api/v1/alerts?partner=rsf");
  ASSERT_EQ(public_list.status, 200) << public_list.body;
  EXPECT_EQ(public_list.Json().at("total").to_number<uint64_t>(), published.size());
  EXPECT_EQ(sorted(ListIds(public_list)), sorted(published));
  EXPECT_TRUE(public_list.Json().at("next_cursor").is_null());
  EXPECT_TRUE(public_list.Header("cache-control").starts_with("public"));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf", editor_.secret))), sorted(all));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf", rsf_.secret))), sorted(all));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf", ifj_.secret))), sorted(published));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&status=draft", editor_.secret))),
            sorted(drafts));
  HttpResult public_drafts = Read("/api/v1/alerts?partner=rsf&status=draft");
  ASSERT_EQ(public_drafts.status, 200) << public_drafts.body;
  EXPECT_EQ(public_drafts.Json().at("total").to_number<int>(), 0);
  EXPECT_TRUE(ListIds(public_drafts).empty());

  // Filters, alone and together.
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&country=UA"))),
            count_where([](const Spec& s) { return s.publish && std::string(s.country) == "UA"; }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&country=UA,PL"))),
            count_where([](const Spec& s) {
              return s.publish &&
                     (std::string(s.country) == "UA" || std::string(s.country) == "PL");
            }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&category=attack", editor_.secret))),
            count_where([](const Spec& s) { return std::string(s.category) == "attack"; }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&country=UA&category=attack"))),
            count_where([](const Spec& s) {
              return s.publish && std::string(s.country) == "UA" &&
                     std::string(s.category) == "attack";
            }));
  EXPECT_EQ(sorted(ListIds(Read("/api/v1/alerts?partner=rsf&from=2021-01-01&to=2022-05-10"))),
            count_where([](const Spec& s) {
              return s.publish && std::string(s.date) >= "2021-01-01" &&
                     std::string(s.date) <= "2022-05-10";
            }));
  HttpResult by_country = Read("/api/v1/alerts?country=RU&partner=rsf");
  const json::value by_country_body = by_country.Json();
  ASSERT_EQ(by_country.status, 200) << by_country.body;
  EXPECT_FALSE(by_country_body.at("items").as_array().empty());
  for (const auto& item : by_country_body.at("items").as_array())
    EXPECT_EQ(item.at("country"), "RU");

  // Paging: small pages walk every alert once, in order, with a stable total.
  for (const char* sort_param :
       {"", "&sort=-incident_date", "&sort=incident_date", "&sort=-updated_at"}) {
    const std::string sort = sort_param;
    SCOPED_TRACE("sort" + sort);
    uint64_t total = 0;
    int pages = 0;
    std::vector<json::value> items = WalkPages(port(), "/api/v1/alerts?partner=rsf&limit=3" + sort,
                                               editor_.secret, &total, &pages);
    EXPECT_EQ(total, all.size());
    EXPECT_EQ(pages, 3);
    std::vector<uint64_t> ids = Ids(items);
    EXPECT_EQ(std::set<uint64_t>(ids.begin(), ids.end()).size(), ids.size()) << "repeated items";
    EXPECT_EQ(sorted(ids), sorted(all));
    const std::string key = sort == "&sort=-updated_at" ? "updated_at" : "incident_date";
    const bool ascending = sort == "&sort=incident_date";
    for (std::size_t i = 1; i < items.size(); ++i) {
      std::string prev(items[i - 1].at(key).as_string()), next(items[i].at(key).as_string());
      if (ascending)
        EXPECT_LE(prev, next) << "item " << i;
      else
        EXPECT_GE(prev, next) << "item " << i;
    }
  }
  // The default sort is -incident_date.
  std::vector<uint64_t> default_order = ListIds(Read("/api/v1/alerts?partner=rsf", editor_.secret));
  std::vector<uint64_t> explicit_order =
      ListIds(Read("/api/v1/alerts?partner=rsf&sort=-incident_date", editor_.secret));
  EXPECT_EQ(default_order, explicit_order);
  ASSERT_FALSE(default_order.empty());
  EXPECT_EQ(default_order.front(), all[4]);  // PL 2023-01-15, the latest incident

  // The whole public list pages the same way: every published alert once, no drafts.
  uint64_t total = 0;
  int pages = 0;
  std::vector<json::value> everything =
      WalkPages(port(), "/api/v1/alerts?limit=2", "", &total, &pages);
  EXPECT_EQ(everything.size(), total);
  std::vector<uint64_t> ids = Ids(everything);
  EXPECT_EQ(std::set<uint64_t>(ids.begin(), ids.end()).size(), ids.size());
  for (const auto& item : everything) {
    const std::string status(item.at("status").as_string());
    EXPECT_TRUE(status == "published" || status == "resolved") << status;
  }
  for (uint64_t id : published) EXPECT_TRUE(Contains(ids, id)) << id;
  for (uint64_t id : drafts) EXPECT_FALSE(Contains(ids, id)) << id;
}

}  // namespace
}  // namespace soj::testing
