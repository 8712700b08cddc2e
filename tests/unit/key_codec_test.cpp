#include "storage/key_codec.hpp"

#include <gtest/gtest.h>

namespace soj::storage {
namespace {

TEST(KeyCodec, Uint64RoundTripsAndSortsNumerically) {
  std::string small = EncodeUint64(255), large = EncodeUint64(256);
  EXPECT_LT(small, large);
  std::string_view in = large;
  EXPECT_EQ(ConsumeUint64(&in), 256u);
  EXPECT_TRUE(in.empty());
}

TEST(KeyCodec, SignedValuesSortNegativeFirst) {
  std::string neg, zero, pos;
  AppendInt64(&neg, -5);
  AppendInt64(&zero, 0);
  AppendInt64(&pos, 7);
  EXPECT_LT(neg, zero);
  EXPECT_LT(zero, pos);
  std::string_view in = neg;
  EXPECT_EQ(ConsumeInt64(&in), -5);
  std::string n32;
  AppendInt32(&n32, -3);
  std::string_view in32 = n32;
  EXPECT_EQ(ConsumeInt32(&in32), -3);
  std::string u32;
  AppendUint32(&u32, 70000);
  std::string_view inu = u32;
  EXPECT_EQ(ConsumeUint32(&inu), 70000u);
}

TEST(KeyCodec, ShortInputIsRejected) {
  std::string_view in = "abc";
  EXPECT_FALSE(ConsumeUint64(&in));
  EXPECT_FALSE(ConsumeUint32(&in));
  EXPECT_FALSE(ConsumeInt64(&in));
  EXPECT_FALSE(ConsumeInt32(&in));
}

TEST(KeyCodec, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff", 2)), "");
}

}  // namespace
}  // namespace soj::storage
