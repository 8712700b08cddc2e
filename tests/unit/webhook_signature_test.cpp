// Webhook signatures against known vectors (RFC 4231 and the openssl command line).

#include "tracker/webhook_signature.hpp"

#include <gtest/gtest.h>

namespace soj::tracker {
namespace {

TEST(WebhookSignature, HmacSha256MatchesRfc4231TestCase2) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignature, SignsTimestampDotBody) {
  // printf '%s' '1700000000.{"event":"alert.published"}' | openssl dgst -sha256 -hmac whsec_test
  EXPECT_EQ(WebhookSignature("whsec_test", 1700000000, R"({"event":"alert.published"})"),
            "t=1700000000,v1=3dfc1105480ac82a0a8e9b7850018063b9417c27eaecae50b8a9593dd3d032e7");
}

TEST(WebhookSignature, ChangesWithTheSecretTheTimeAndTheBody) {
  const std::string base = WebhookSignature("whsec_a", 1, "{}");
  EXPECT_NE(base, WebhookSignature("whsec_b", 1, "{}"));
  EXPECT_NE(base, WebhookSignature("whsec_a", 2, "{}"));
  EXPECT_NE(base, WebhookSignature("whsec_a", 1, "{ }"));
}

}  // namespace
}  // namespace soj::tracker
