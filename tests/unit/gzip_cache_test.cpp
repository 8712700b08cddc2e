// GzipCache: a shared body is compressed once; its own text, every time.

#include "api/gzip_cache.hpp"

#include <gtest/gtest.h>

#include "tests/gunzip.hpp"

namespace soj::api {
namespace {

std::string Gunzip(const ResponseBody& body) { return soj::testing::Gunzip(body.str()); }

ResponseBody SharedText(std::string text) {
  ResponseBody body(std::move(text));
  body.Share();
  return body;
}

TEST(GzipCacheTest, CompressesASharedBodyOnce) {
  GzipCache cache;
  const ResponseBody feed = SharedText(std::string(20000, 'f'));
  const ResponseBody first = cache.Compress(feed);
  const ResponseBody second = cache.Compress(feed);
  EXPECT_EQ(Gunzip(first), feed.view());
  ASSERT_TRUE(first.shared());
  EXPECT_EQ(first.shared(), second.shared()) << "the second answer reuses the first's bytes";
}

TEST(GzipCacheTest, ADifferentBodyWithTheSameTextIsItsOwnEntry) {
  GzipCache cache;
  const ResponseBody old_feed = SharedText("old feed " + std::string(2000, 'o'));
  const ResponseBody new_feed = SharedText("new feed " + std::string(2000, 'n'));
  EXPECT_EQ(Gunzip(cache.Compress(old_feed)), old_feed.view());
  EXPECT_EQ(Gunzip(cache.Compress(new_feed)), new_feed.view());
  EXPECT_EQ(Gunzip(cache.Compress(old_feed)), old_feed.view());
}

TEST(GzipCacheTest, OwnTextIsCompressedEachTime) {
  GzipCache cache;
  const ResponseBody page(std::string(5000, 'p'));
  const ResponseBody compressed = cache.Compress(page);
  EXPECT_EQ(Gunzip(compressed), page.view());
  EXPECT_FALSE(compressed.shared()) << "nothing to key it by: not kept";
}

TEST(GzipCacheTest, StaysWithinItsBytes) {
  GzipCache cache(100, 2000);
  const ResponseBody a = SharedText(std::string(1200, 'a'));
  const ResponseBody b = SharedText(std::string(1200, 'b'));
  const auto a_first = cache.Compress(a).shared();
  EXPECT_EQ(cache.Compress(a).shared(), a_first);
  cache.Compress(b);  // with a, about 2,460 bytes: over 2,000, so it starts again
  EXPECT_NE(cache.Compress(a).shared(), a_first) << "a was dropped and compressed again";
  const ResponseBody huge = SharedText(std::string(3000, 'h'));
  EXPECT_EQ(Gunzip(cache.Compress(huge)), huge.view()) << "too big to keep, still answered";
}

}  // namespace
}  // namespace soj::api
