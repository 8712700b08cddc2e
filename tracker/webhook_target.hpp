#pragma once
// Webhook targets: which URLs soj-tracker may send notifications to. A target is an absolute
// https URL (http only when the operator allows it, for tests) whose host resolves only to
// public addresses: loopback, private, link-local, unique-local, CGNAT, documentation,
// multicast and reserved ranges are refused unless the operator allows them, so a subscriber
// cannot make the server call into the operator's own network (SSRF). The delivery worker
// checks the addresses again at every attempt, so a name that later resolves elsewhere (DNS
// rebinding) is refused too.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracker/error.hpp"

namespace soj::tracker {

// What the operator allows beyond public https targets.
struct TargetPolicy {
  bool allow_http = false;               // --allow-http-webhooks
  bool allow_private_addresses = false;  // --allow-private-webhook-targets
};

// An IPv4 or IPv6 address as its bytes (network order); IPv4 uses the first 4 bytes.
struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};

  static IpAddress V4(std::array<uint8_t, 4> b);
  static IpAddress V6(const std::array<uint8_t, 16>& b);
  // Parses a literal ("192.0.2.1", "::1", "[::1]"); nullopt when it is not one.
  static std::optional<IpAddress> Parse(std::string_view text);
  std::string ToString() const;
};

// Why `address` may not be a webhook target ("loopback", "private", ...), or nullopt when it
// is a public unicast address. IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 addresses are
// judged by the IPv4 address they carry.
std::optional<std::string_view> ForbiddenRange(const IpAddress& address);

// A parsed target URL.
struct WebhookTarget {
  bool https = true;
  std::string host;    // a name or an address literal, without brackets
  uint16_t port = 0;   // 443 or 80 when the URL names none
  std::string target;  // path and query, "/" at least
};

// The addresses a host name stands for; kInvalid (field "url") when it does not resolve.
using HostResolver = std::function<Result<std::vector<IpAddress>>(const std::string& host)>;
// The system resolver (getaddrinfo).
Result<std::vector<IpAddress>> ResolveHost(const std::string& host);

inline constexpr std::size_t kMaxTargetUrlChars = 2000;

// Parses `url` as a webhook target, adding errors under `field`: absolute http(s) URL, no
// user info, no fragment, a host, https unless the policy allows http.
std::optional<WebhookTarget> ParseWebhookTarget(std::string_view url, const TargetPolicy& policy,
                                                std::string_view field, FieldErrors& errors);

// Checks every address of the target (resolving names with `resolve`) against the policy.
// Returns the error message, or nullopt when the target may be called.
std::optional<std::string> CheckTargetAddresses(const std::vector<IpAddress>& addresses,
                                                const TargetPolicy& policy);

}  // namespace soj::tracker
