#include "api/router.hpp"

#include <gtest/gtest.h>

namespace soj::api {
namespace {

HttpResponse Named(std::string name) {
  HttpResponse r;
  r.body = std::move(name);
  return r;
}

Router MakeRouter() {
  Router router;
  for (auto [method, pattern, id] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", "/api/v1/alerts", "list"},
           {"POST", "/api/v1/alerts", "create"},
           {"GET", "/api/v1/alerts/{id}", "get"},
           {"PATCH", "/api/v1/alerts/{id}", "patch"},
           {"GET", "/api/v1/alerts/{id}/history", "history"}})
    router.Add({method, pattern, id, [id](RequestContext&) { return Named(id); }});
  return router;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router = MakeRouter();
  auto m = router.Find("GET", "/api/v1/alerts/42/history");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->operation_id, "history");
  EXPECT_EQ(m.params, std::vector<std::string>{"42"});
  EXPECT_EQ(router.Find("GET", "/api/v1/alerts").route->operation_id, "list");
}

TEST(Router, HeadUsesGetRoutes) {
  Router router = MakeRouter();
  auto m = router.Find("HEAD", "/api/v1/alerts/7");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->operation_id, "get");
}

TEST(Router, KnownPathWithOtherMethodListsAllowed) {
  Router router = MakeRouter();
  auto m = router.Find("DELETE", "/api/v1/alerts/7");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "PATCH", "HEAD"}));
}

TEST(Router, UnknownPathsMatchNothing) {
  Router router = MakeRouter();
  for (std::string path : {"/", "/api/v1", "/api/v1/alerts/", "/api/v1/alerts/7/", "/api/v2/alerts",
                           "/api/v1/alerts/7/history/x", "//api/v1/alerts"}) {
    auto m = router.Find("GET", path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_TRUE(m.allowed.empty()) << path;
  }
}

TEST(Router, SplitPath) {
  EXPECT_EQ(SplitPath("/a/b"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(SplitPath("/a/"), (std::vector<std::string_view>{"a", ""}));
  EXPECT_EQ(SplitPath("/"), (std::vector<std::string_view>{""}));
}

}  // namespace
}  // namespace soj::api
