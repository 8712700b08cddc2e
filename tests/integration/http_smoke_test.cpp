// The server starts, answers health checks, and speaks problem+json for unknown paths.

#include <gtest/gtest.h>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

TEST(HttpSmoke, ServesHealthReferenceDataAndProblems) {
  ServerProcess server;
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
  EXPECT_EQ(Get(server.port(), "/readyz").status, 200);
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
