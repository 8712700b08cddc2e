// Believing a reverse proxy about the client (api/forwarded.hpp): a table of peers and headers.

#include "api/forwarded.hpp"

#include <gtest/gtest.h>

namespace soj::api {
namespace {

TEST(Forwarded, OnlyATrustedProxyIsBelievedAboutTheClientsAddressAndScheme) {
  auto proxies = TrustedProxies::Parse({"10.0.0.0/8, 127.0.0.1", "fd00::/8"});
  ASSERT_TRUE(proxies) << proxies.error().message;
  struct Case {
    const char* peer;
    bool tls;
    const char* forwarded_for;
    const char* forwarded_proto;
    const char* address;
    bool https;
  };
  const Case cases[] = {
      // Not a proxy: its headers are the client's own words.
      {"198.51.100.4", false, "203.0.113.1", "https", "198.51.100.4", false},
      {"198.51.100.4", true, "", "http", "198.51.100.4", true},
      {"::ffff:198.51.100.4", false, "203.0.113.1", "https", "::ffff:198.51.100.4", false},
      // A trusted proxy: the right-most address it did not add itself.
      {"127.0.0.1", false, "203.0.113.1", "https", "203.0.113.1", true},
      {"127.0.0.1", false, "6.6.6.6, 203.0.113.1", "https", "203.0.113.1", true},
      {"127.0.0.1", false, "6.6.6.6, 203.0.113.1, 10.1.2.3", "http", "203.0.113.1", false},
      {"::ffff:127.0.0.1", false, "2001:db8::7", "", "2001:db8::7", false},
      {"fd00::1", true, "[2001:db8::7]", "", "2001:db8::7", true},
      // Every hop trusted: the left-most is the best there is.
      {"127.0.0.1", false, "10.0.0.5, 10.0.0.6", "", "10.0.0.5", false},
      // A malformed entry ends the walk at the hop that vouched last.
      {"127.0.0.1", false, "203.0.113.1, not-an-address", "", "127.0.0.1", false},
      {"127.0.0.1", false, "203.0.113.1, 1.2.3.4:80, 10.0.0.9", "", "10.0.0.9", false},
      {"127.0.0.1", false, "", "HTTPS", "127.0.0.1", true},
      {"127.0.0.1", true, "", "gopher", "127.0.0.1", true},
  };
  for (const Case& c : cases) {
    const ClientOrigin origin =
        ResolveClient(*proxies, c.peer, c.tls, c.forwarded_for, c.forwarded_proto);
    EXPECT_EQ(origin.address, c.address) << c.peer << " / " << c.forwarded_for;
    EXPECT_EQ(origin.https, c.https) << c.peer << " / " << c.forwarded_proto;
  }
  EXPECT_FALSE(ResolveClient(TrustedProxies(), "127.0.0.1", false, "203.0.113.1", "https").https);
}

TEST(Forwarded, TrustedProxiesAreAddressesOrCidrBlocks) {
  for (const char* good : {"127.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "::1", "fd00::/8", "::/0"})
    EXPECT_TRUE(TrustedProxies::Parse({good})) << good;
  for (const char* bad :
       {"10.0.0.0/33", "::1/129", "localhost", "10.0.0.0/", "10.0.0.0/x", "1.2.3"})
    EXPECT_FALSE(TrustedProxies::Parse({bad})) << bad;
  auto block = TrustedProxies::Parse({"192.168.4.0/22"});
  ASSERT_TRUE(block);
  EXPECT_TRUE(block->Contains("192.168.7.255"));
  EXPECT_FALSE(block->Contains("192.168.8.0"));
  EXPECT_TRUE(block->Contains("::ffff:192.168.5.1"));
  EXPECT_FALSE(block->Contains("garbage"));
  EXPECT_TRUE(TrustedProxies::Parse({}) && TrustedProxies::Parse({})->empty());
}

}  // namespace
}  // namespace soj::api
