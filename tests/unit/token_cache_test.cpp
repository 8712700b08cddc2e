#include "tracker/token_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace soj::tracker {
namespace {

TEST(TokenCacheTest, FindsWhatWasRememberedAndNothingElse) {
  TokenCache cache;
  EXPECT_FALSE(cache.Find("hash-a"));
  cache.Remember("hash-a", Principal::Partner("efj"), cache.Generation());
  auto found = cache.Find("hash-a");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, Role::kPartner);
  EXPECT_EQ(found->partner, "efj");
  EXPECT_FALSE(cache.Find("hash-b"));
}

TEST(TokenCacheTest, ForgetEmptiesIt) {
  TokenCache cache;
  cache.Remember("hash-a", Principal::Editor(), cache.Generation());
  cache.Forget();
  EXPECT_FALSE(cache.Find("hash-a"));
}

TEST(TokenCacheTest, ALookupThatBeganBeforeAChangeIsNotRemembered) {
  TokenCache cache;
  const uint64_t before = cache.Generation();
  cache.Forget();  // a revocation committed while the store was being read
  cache.Remember("hash-a", Principal::Admin(), before);
  EXPECT_FALSE(cache.Find("hash-a"));
  cache.Remember("hash-a", Principal::Admin(), cache.Generation());
  EXPECT_TRUE(cache.Find("hash-a"));
}

TEST(TokenCacheTest, StaysBoundedWhenManySecretsAreSeen) {
  TokenCache cache;
  for (int i = 0; i < 5000; ++i)
    cache.Remember("hash-" + std::to_string(i), Principal::Analyst(), cache.Generation());
  // Full at 4,096: it started again empty and holds the latest ones.
  EXPECT_TRUE(cache.Find("hash-4999"));
  EXPECT_FALSE(cache.Find("hash-0"));
}

}  // namespace
}  // namespace soj::tracker
