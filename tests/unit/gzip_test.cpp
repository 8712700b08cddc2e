#include "api/gzip.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "tests/gunzip.hpp"

namespace soj::api {
namespace {

using testing::Gunzip;

std::string SomeText(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  const std::string words[] = {"journalist", "detained", "Minsk", "protest", "é",
                               "\xd0\x91",   ",",        "\"",    "\n",      "court"};
  std::string text;
  while (text.size() < size) text += words[random() % 10] + ' ';
  return text;
}

TEST(AcceptsGzipTest, NamedCodings) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("identity;q=1, *;q=0.1"));
}

TEST(AcceptsGzipTest, RefusalsAndAbsence) {
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
  // An explicit refusal of gzip wins over a wildcard that accepts everything.
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, *"));
  // A q-value that is not one is treated as a refusal, never as a yes.
  EXPECT_FALSE(AcceptsGzip("gzip;q=abc"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=2"));
}

TEST(GzipCompressTest, RoundTripsAndShrinksText) {
  const std::string text = SomeText(200'000, 1);
  const std::string packed = GzipCompress(text);
  ASSERT_GE(packed.size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_LT(packed.size(), text.size() / 2);
  bool complete = false;
  EXPECT_EQ(Gunzip(packed, &complete), text);
  EXPECT_TRUE(complete);
}

TEST(GzipCompressTest, EmptyInputIsAValidMember) {
  bool complete = false;
  EXPECT_EQ(Gunzip(GzipCompress(""), &complete), "");
  EXPECT_TRUE(complete);
}

TEST(GzipStreamTest, EveryFlushedPrefixDecodesToThePiecesSoFar) {
  GzipStream stream;
  std::string packed;
  std::string plain;
  for (unsigned i = 0; i < 20; ++i) {
    const std::string piece = SomeText(1000 + i * 5000, i);
    stream.Write(piece, packed);
    plain += piece;
    bool complete = true;
    EXPECT_EQ(Gunzip(packed, &complete), plain) << "after piece " << i;
    EXPECT_FALSE(complete);
  }
  stream.Write("", packed);  // an empty piece is harmless
  stream.Finish(packed, "the end");
  plain += "the end";
  bool complete = false;
  EXPECT_EQ(Gunzip(packed, &complete), plain);
  EXPECT_TRUE(complete);
}

}  // namespace
}  // namespace soj::api
