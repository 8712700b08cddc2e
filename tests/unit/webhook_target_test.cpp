// Webhook targets: URL rules and the address ranges refused as SSRF risks.

#include "tracker/webhook_target.hpp"

#include <gtest/gtest.h>

namespace soj::tracker {
namespace {

std::optional<std::string_view> Why(std::string_view literal) {
  auto address = IpAddress::Parse(literal);
  EXPECT_TRUE(address) << literal;
  return address ? ForbiddenRange(*address) : std::optional<std::string_view>("unparsed");
}

TEST(WebhookTarget, PublicAddressesAreAllowed) {
  for (const char* a :
       {"93.184.216.34", "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255",
        "172.32.0.1", "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888",
        "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1"})
    EXPECT_EQ(Why(a), std::nullopt) << a;
}

TEST(WebhookTarget, LoopbackPrivateLinkLocalAndOtherSpecialRangesAreRefused) {
  for (const char* a : {"127.0.0.1",
                        "127.255.255.254",
                        "10.0.0.1",
                        "172.16.0.1",
                        "172.31.255.255",
                        "192.168.1.1",
                        "169.254.169.254",
                        "100.64.0.1",
                        "100.127.255.255",
                        "0.0.0.0",
                        "192.0.2.1",
                        "198.51.100.7",
                        "203.0.113.9",
                        "198.18.0.1",
                        "224.0.0.1",
                        "255.255.255.255",
                        "240.0.0.1",
                        "::",
                        "::1",
                        "fe80::1",
                        "fc00::1",
                        "fd12:3456::1",
                        "ff02::1",
                        "2001:db8::1",
                        "fec0::1",
                        "100::1",
                        "2001::1",
                        "64:ff9b:1::1"})
    EXPECT_NE(Why(a), std::nullopt) << a;
}

TEST(WebhookTarget, Ipv4MappedAndEmbeddingIpv6AddressesAreJudgedByTheirIpv4Address) {
  EXPECT_EQ(Why("::ffff:127.0.0.1"), "loopback");
  EXPECT_EQ(Why("::ffff:7f00:1"), "loopback");
  EXPECT_EQ(Why("::ffff:10.1.2.3"), "private");
  EXPECT_EQ(Why("::ffff:169.254.169.254"), "link-local");
  EXPECT_EQ(Why("64:ff9b::127.0.0.1"), "loopback");  // NAT64
  EXPECT_EQ(Why("64:ff9b::a00:1"), "private");
  EXPECT_EQ(Why("2002:c0a8:0101::1"), "private");  // 6to4 of 192.168.1.1
  EXPECT_NE(Why("::127.0.0.1"), std::nullopt);     // IPv4-compatible
  EXPECT_NE(Why("::8.8.8.8"), std::nullopt);
  EXPECT_EQ(Why("::1"), "loopback");
}

TEST(WebhookTarget, ParsesLiteralsWithAndWithoutBrackets) {
  EXPECT_EQ(IpAddress::Parse("[::1]")->ToString(), "::1");
  EXPECT_FALSE(IpAddress::Parse("::1")->bytes.empty());
  EXPECT_FALSE(IpAddress::Parse("localhost"));
  EXPECT_FALSE(IpAddress::Parse("1.2.3"));
  EXPECT_FALSE(IpAddress::Parse(""));
}

TEST(WebhookTarget, ParsesHttpsUrls) {
  FieldErrors errors;
  auto t = ParseWebhookTarget("https://hooks.example.org:8443/soj/in?k=v", {}, "url", errors);
  ASSERT_TRUE(t) << (errors.empty() ? "" : errors.items()[0].message);
  EXPECT_TRUE(t->https);
  EXPECT_EQ(t->host, "hooks.example.org");
  EXPECT_EQ(t->port, 8443);
  EXPECT_EQ(t->target, "/soj/in?k=v");
  auto v6 = ParseWebhookTarget("https://[2001:4860:4860::8888]", {}, "url", errors);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "2001:4860:4860::8888");
  EXPECT_EQ(v6->port, 443);
  EXPECT_EQ(v6->target, "/");
  EXPECT_TRUE(errors.empty());
}

TEST(WebhookTarget, RefusesHttpUnlessAllowedAndOtherBadUrls) {
  auto error_of = [](std::string_view url, TargetPolicy policy = {}) {
    FieldErrors errors;
    auto t = ParseWebhookTarget(url, policy, "url", errors);
    EXPECT_FALSE(t) << url;
    return errors.empty() ? std::string()
                          : errors.items()[0].field + ": " + errors.items()[0].message;
  };
  EXPECT_EQ(error_of("http://hooks.example.org/"),
            "url: must be an https URL (http is not allowed)");
  EXPECT_NE(error_of("ftp://hooks.example.org/", {.allow_http = true}), "");
  EXPECT_NE(error_of("https://user:pw@hooks.example.org/"), "");
  EXPECT_NE(error_of("https://hooks.example.org/#frag"), "");
  EXPECT_NE(error_of("/relative"), "");
  EXPECT_NE(error_of(""), "");
  EXPECT_NE(error_of("https:///nohost"), "");
  FieldErrors errors;
  EXPECT_TRUE(ParseWebhookTarget("http://127.0.0.1:9/x", {.allow_http = true}, "url", errors));
}

TEST(WebhookTarget, EveryResolvedAddressMustBePublic) {
  const IpAddress public_one = *IpAddress::Parse("93.184.216.34");
  const IpAddress private_one = *IpAddress::Parse("10.0.0.7");
  EXPECT_EQ(CheckTargetAddresses({public_one}, {}), std::nullopt);
  auto refused = CheckTargetAddresses({public_one, private_one}, {});
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("10.0.0.7"), std::string::npos);
  EXPECT_EQ(CheckTargetAddresses({public_one, private_one}, {.allow_private_addresses = true}),
            std::nullopt);
  EXPECT_TRUE(CheckTargetAddresses({}, {.allow_private_addresses = true}));
}

TEST(WebhookTarget, ResolvesLiteralsWithoutDns) {
  auto resolved = ResolveHost("127.0.0.1");
  ASSERT_TRUE(resolved);
  ASSERT_EQ(resolved->size(), 1u);
  EXPECT_EQ((*resolved)[0].ToString(), "127.0.0.1");
}

}  // namespace
}  // namespace soj::tracker
