// ResponseCache: an answer is reused only for the store as it was built from.

#include "api/response_cache.hpp"

#include <gtest/gtest.h>

namespace soj::api {
namespace {

HttpResponse Body(std::string text) {
  HttpResponse response;
  response.status = 200;
  response.body = std::move(text);
  return response;
}

TEST(ResponseCacheTest, AnswersOnlyForTheSequenceItWasBuiltAt) {
  ResponseCache cache;
  EXPECT_FALSE(cache.Find("feed", 7));
  cache.Put("feed", 7, Body("seven"));
  ASSERT_TRUE(cache.Find("feed", 7));
  EXPECT_EQ(cache.Find("feed", 7)->body, "seven");
  EXPECT_FALSE(cache.Find("feed", 8)) << "a commit since makes it stale";
  EXPECT_FALSE(cache.Find("other", 7));
  cache.Put("feed", 9, Body("nine"));
  cache.Put("feed", 8, Body("eight"));  // a slower, older build does not win
  EXPECT_EQ(cache.Find("feed", 9)->body, "nine");
  EXPECT_FALSE(cache.Find("feed", 8));
}

TEST(ResponseCacheTest, StaysWithinItsCapacity) {
  ResponseCache cache(3);
  for (int i = 0; i < 3; ++i) cache.Put("k" + std::to_string(i), 1, Body("x"));
  EXPECT_TRUE(cache.Find("k0", 1));
  cache.Put("k3", 1, Body("y"));  // full: starts again with what is asked now
  EXPECT_TRUE(cache.Find("k3", 1));
  EXPECT_FALSE(cache.Find("k0", 1));
}

TEST(ResponseCacheTest, StaysWithinItsBytes) {
  ResponseCache cache(100, 10);
  cache.Put("a", 1, Body("12345"));
  cache.Put("b", 1, Body("12345"));
  EXPECT_TRUE(cache.Find("a", 1));
  cache.Put("c", 1, Body("1"));  // 11 bytes would be too many: starts again
  EXPECT_FALSE(cache.Find("a", 1));
  EXPECT_TRUE(cache.Find("c", 1));
  cache.Put("big", 1, Body(std::string(11, 'x')));  // never fits: not kept, nothing dropped
  EXPECT_FALSE(cache.Find("big", 1));
  EXPECT_TRUE(cache.Find("c", 1));
  cache.Put("c", 2, Body("123456789"));  // replacing counts the new size only
  cache.Put("d", 2, Body("1"));
  EXPECT_TRUE(cache.Find("c", 2));
  EXPECT_TRUE(cache.Find("d", 2));
}

}  // namespace
}  // namespace soj::api
