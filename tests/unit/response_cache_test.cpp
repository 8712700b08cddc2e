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

void Put(ResponseCache& cache, const std::string& key, uint64_t sequence, std::string text) {
  HttpResponse response = Body(std::move(text));
  cache.Put(key, sequence, response);
}

TEST(ResponseCacheTest, AnswersOnlyForTheSequenceItWasBuiltAt) {
  ResponseCache cache;
  EXPECT_FALSE(cache.Find("feed", 7));
  Put(cache, "feed", 7, "seven");
  ASSERT_TRUE(cache.Find("feed", 7));
  EXPECT_EQ(cache.Find("feed", 7)->body, "seven");
  EXPECT_FALSE(cache.Find("feed", 8)) << "a commit since makes it stale";
  EXPECT_FALSE(cache.Find("other", 7));
  Put(cache, "feed", 9, "nine");
  Put(cache, "feed", 8, "eight");  // a slower, older build does not win
  EXPECT_EQ(cache.Find("feed", 9)->body, "nine");
  EXPECT_FALSE(cache.Find("feed", 8));
}

TEST(ResponseCacheTest, StaysWithinItsCapacity) {
  ResponseCache cache(3);
  for (int i = 0; i < 3; ++i) Put(cache, "k" + std::to_string(i), 1, "x");
  EXPECT_TRUE(cache.Find("k0", 1));
  Put(cache, "k3", 1, "y");  // full: starts again with what is asked now
  EXPECT_TRUE(cache.Find("k3", 1));
  EXPECT_FALSE(cache.Find("k0", 1));
}

TEST(ResponseCacheTest, StaysWithinItsBytes) {
  ResponseCache cache(100, 10);
  Put(cache, "a", 1, "12345");
  Put(cache, "b", 1, "12345");
  EXPECT_TRUE(cache.Find("a", 1));
  Put(cache, "c", 1, "1");  // 11 bytes would be too many: starts again
  EXPECT_FALSE(cache.Find("a", 1));
  EXPECT_TRUE(cache.Find("c", 1));
  Put(cache, "big", 1, std::string(11, 'x'));  // never fits: not kept, nothing dropped
  EXPECT_FALSE(cache.Find("big", 1));
  EXPECT_TRUE(cache.Find("c", 1));
  Put(cache, "c", 2, "123456789");  // replacing counts the new size only
  Put(cache, "d", 2, "1");
  EXPECT_TRUE(cache.Find("c", 2));
  EXPECT_TRUE(cache.Find("d", 2));
}

TEST(ResponseCacheTest, KeptAnswersShareTheirBodyInsteadOfCopyingIt) {
  ResponseCache cache;
  HttpResponse built = Body(std::string(5000, 'a'));
  cache.Put("page", 3, built);
  ASSERT_TRUE(built.body.shared()) << "the builder's answer holds the shared text too";
  auto first = cache.Find("page", 3);
  auto second = cache.Find("page", 3);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body.shared(), built.body.shared());
  EXPECT_EQ(second->body.data(), built.body.data()) << "the same bytes, not a copy";
  first->body.clear();  // what a 304 does to its copy
  EXPECT_EQ(cache.Find("page", 3)->body.size(), 5000u);
  first->body = std::string("own");  // assigning text gives the copy its own body
  EXPECT_EQ(first->body, "own");
  EXPECT_FALSE(first->body.shared());
  EXPECT_EQ(second->body.size(), 5000u);
}

}  // namespace
}  // namespace soj::api
