// The server starts, answers health checks, and speaks problem+json for unknown paths.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

TEST(HttpSmoke, ServesHealthReferenceDataAndProblems) {
  ServerProcess server;
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
  auto ready = Get(server.port(), "/readyz");
  EXPECT_EQ(ready.status, 200);
  // The table files' check runs after start and passes on a sound store.
  for (int i = 0; i < 100 && ready.Json().at("store") == "checking"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ready = Get(server.port(), "/readyz");
  }
  EXPECT_EQ(ready.Json().at("store"), "ok") << ready.body;
  auto countries = Get(server.port(), "/api/v1/countries");
  ASSERT_EQ(countries.status, 200);
  EXPECT_EQ(countries.Json().at("items").as_array().size(), 48u);
  auto missing = Get(server.port(), "/nowhere");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("content-type"), "application/problem+json");
  auto wrong_method = Send(server.port(), {"DELETE", "/api/v1/alerts", "", {}, ""});
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Header("allow"), "POST, GET, HEAD");
}

}  // namespace
}  // namespace soj::testing
