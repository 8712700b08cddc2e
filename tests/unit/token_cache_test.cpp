#include "tracker/token_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace soj::tracker {
namespace {

TEST(TokenCacheTest, FindsWhatWasRememberedAndNothingElse) {
  TokenCache cache;
  uint64_t generation = 0;
  EXPECT_FALSE(cache.Find("hash-a", generation));
  cache.Remember("hash-a", Principal::Partner("efj"), generation);
  auto found = cache.Find("hash-a", generation);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, Role::kPartner);
  EXPECT_EQ(found->partner, "efj");
  EXPECT_FALSE(cache.Find("hash-b", generation));
}

TEST(TokenCacheTest, ForgetEmptiesIt) {
  TokenCache cache;
  uint64_t generation = 0;
  cache.Find("hash-a", generation);
  cache.Remember("hash-a", Principal::Editor(), generation);
  cache.Forget();
  EXPECT_FALSE(cache.Find("hash-a", generation));
}

TEST(TokenCacheTest, ALookupThatBeganBeforeAChangeIsNotRemembered) {
  TokenCache cache;
  uint64_t before = 0;
  cache.Find("hash-a", before);
  cache.Forget();  // a revocation committed while the store was being read
  cache.Remember("hash-a", Principal::Admin(), before);
  uint64_t now = 0;
  EXPECT_FALSE(cache.Find("hash-a", now));
  cache.Remember("hash-a", Principal::Admin(), now);
  EXPECT_TRUE(cache.Find("hash-a", now));
}

TEST(TokenCacheTest, StaysBoundedWhenManySecretsAreSeen) {
  TokenCache cache;
  uint64_t generation = 0;
  cache.Find("hash-0", generation);
  for (int i = 0; i < 5000; ++i)
    cache.Remember("hash-" + std::to_string(i), Principal::Analyst(), generation);
  // Full at 4,096: it started again empty and holds the latest ones.
  EXPECT_TRUE(cache.Find("hash-4999", generation));
  EXPECT_FALSE(cache.Find("hash-0", generation));
}

}  // namespace
}  // namespace soj::tracker
