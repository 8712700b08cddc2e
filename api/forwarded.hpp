#pragma once
// Who the client is when a reverse proxy stands in front (docs/deploy.md). The proxy connects
// to us, so the connection's peer is the proxy; it says who the client is in X-Forwarded-For
// and how the client reached it in X-Forwarded-Proto. Anyone can write those headers, so they
// are believed only when the connection comes from an address given to --trusted-proxy:
// otherwise a client could pick the address its rate limit is counted under, or pose as https.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/error.hpp"

namespace soj::api {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Parses CIDR blocks ("10.0.0.0/8", "fd00::/8") and single addresses ("127.0.0.1", "::1");
  // an item may itself be a comma-separated list. An error names the first item that is none
  // of these, or a prefix longer than the address.
  static tracker::Result<TrustedProxies> Parse(const std::vector<std::string>& items);

  // Whether `address` (IPv4, IPv6, or IPv4-mapped IPv6) lies in one of the blocks; false for
  // anything that is not an address.
  bool Contains(std::string_view address) const;
  bool empty() const { return blocks_.empty(); }

 private:
  struct Block {
    std::array<uint8_t, 16> bytes;  // IPv4 as IPv4-mapped IPv6, so one comparison covers both
    unsigned prefix;                // in bits of `bytes`
  };
  std::vector<Block> blocks_;
};

// What the server believes about a request's client.
struct ClientOrigin {
  std::string address;  // the client's IP address, as rate limits count it
  bool https = false;   // the client reached the service over https
};

// The client of a request that arrived from `peer` (over TLS when `tls`), carrying the
// X-Forwarded-For values `forwarded_for` (every such header, in order, joined by commas) and
// the X-Forwarded-Proto value `forwarded_proto` ("" when absent). From an untrusted peer: the
// peer, and `tls`. From a trusted proxy: the right-most address of X-Forwarded-For that is not
// a trusted proxy (proxies append the address they saw, so everything left of it was written
// by the client and proves nothing; a malformed entry stops the walk at the hop before it),
// and https when X-Forwarded-Proto says so (`tls` when it says nothing).
ClientOrigin ResolveClient(const TrustedProxies& proxies, std::string_view peer, bool tls,
                           std::string_view forwarded_for, std::string_view forwarded_proto);

}  // namespace soj::api
