#include "tracker/webhook_target.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <boost/url/parse.hpp>
#include <cstring>
#include <memory>

namespace soj::tracker {
namespace {

struct Range {
  std::array<uint8_t, 16> prefix;
  unsigned bits;
  std::string_view name;
};

bool InRange(const std::array<uint8_t, 16>& bytes, const Range& range) {
  for (unsigned bit = 0; bit < range.bits; ++bit) {
    const unsigned mask = 0x80u >> (bit % 8);
    if ((bytes[bit / 8] & mask) != (range.prefix[bit / 8] & mask)) return false;
  }
  return true;
}

// IANA special-purpose registries (RFC 6890 and successors), reduced to what no webhook
// receiver on the public Internet uses.
const Range kV4Ranges[] = {
    {{0}, 8, "unspecified (\"this network\")"},
    {{10}, 8, "private"},
    {{100, 64}, 10, "carrier-grade NAT (shared)"},
    {{127}, 8, "loopback"},
    {{169, 254}, 16, "link-local"},
    {{172, 16}, 12, "private"},
    {{192, 0, 0}, 24, "IETF protocol assignments"},
    {{192, 0, 2}, 24, "documentation"},
    {{192, 88, 99}, 24, "6to4 relay anycast"},
    {{192, 168}, 16, "private"},
    {{198, 18}, 15, "benchmarking"},
    {{198, 51, 100}, 24, "documentation"},
    {{203, 0, 113}, 24, "documentation"},
    {{224}, 4, "multicast"},
    {{240}, 4, "reserved"},  // 255.255.255.255 (broadcast) included
};

const Range kV6Ranges[] = {
    {{0}, 128, "unspecified"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback"},
    {{0x01, 0x00}, 64, "discard-only"},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "documentation"},
    {{0x20, 0x01, 0x00, 0x00}, 23, "IETF protocol assignments (Teredo, ORCHID)"},
    {{0xfc}, 7, "unique-local"},
    {{0xfe, 0x80}, 10, "link-local"},
    {{0xfe, 0xc0}, 10, "site-local"},
    {{0xff}, 8, "multicast"},
};

std::optional<std::string_view> ForbiddenV4(const std::array<uint8_t, 16>& bytes) {
  for (const Range& range : kV4Ranges)
    if (InRange(bytes, range)) return range.name;
  return std::nullopt;
}

IpAddress Embedded(const IpAddress& address, std::size_t offset) {
  return IpAddress::V4({address.bytes[offset], address.bytes[offset + 1], address.bytes[offset + 2],
                        address.bytes[offset + 3]});
}

}  // namespace

IpAddress IpAddress::V4(std::array<uint8_t, 4> b) {
  IpAddress a;
  std::copy(b.begin(), b.end(), a.bytes.begin());
  return a;
}

IpAddress IpAddress::V6(const std::array<uint8_t, 16>& b) {
  IpAddress a;
  a.v6 = true;
  a.bytes = b;
  return a;
}

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  std::array<uint8_t, 16> buffer{};
  if (inet_pton(AF_INET, s.c_str(), buffer.data()) == 1)
    return V4({buffer[0], buffer[1], buffer[2], buffer[3]});
  if (inet_pton(AF_INET6, s.c_str(), buffer.data()) == 1) return V6(buffer);
  return std::nullopt;
}

std::string IpAddress::ToString() const {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), text, sizeof text);
  return text;
}

std::optional<std::string_view> ForbiddenRange(const IpAddress& address) {
  if (!address.v6) return ForbiddenV4(address.bytes);
  const auto& b = address.bytes;
  if (InRange(b, kV6Ranges[0]) || InRange(b, kV6Ranges[1]))
    return InRange(b, kV6Ranges[0]) ? kV6Ranges[0].name : kV6Ranges[1].name;
  const bool first80_zero =
      std::all_of(b.begin(), b.begin() + 10, [](uint8_t x) { return x == 0; });
  // ::ffff:a.b.c.d (IPv4-mapped): the socket would talk IPv4 to a.b.c.d.
  if (first80_zero && b[10] == 0xff && b[11] == 0xff)
    return ForbiddenV4(Embedded(address, 12).bytes);
  // ::a.b.c.d (IPv4-compatible, deprecated) and ::/96 as a whole.
  if (first80_zero && b[10] == 0 && b[11] == 0) {
    return "IPv4-compatible (deprecated)";
  }
  // 64:ff9b::/96 (NAT64) carries an IPv4 address in its last 32 bits.
  static const Range kNat64{{0x00, 0x64, 0xff, 0x9b}, 96, "NAT64"};
  if (InRange(b, kNat64)) return ForbiddenV4(Embedded(address, 12).bytes);
  // 64:ff9b:1::/48 (local-use NAT64) is the operator's own translator.
  static const Range kLocalNat64{{0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48, "local NAT64"};
  if (InRange(b, kLocalNat64)) return kLocalNat64.name;
  // 2002::/16 (6to4) carries an IPv4 address in bits 16..47.
  static const Range k6to4{{0x20, 0x02}, 16, "6to4"};
  if (InRange(b, k6to4)) return ForbiddenV4(Embedded(address, 2).bytes);
  for (const Range& range : kV6Ranges)
    if (InRange(b, range)) return range.name;
  return std::nullopt;
}

Result<std::vector<IpAddress>> ResolveHost(const std::string& host) {
  if (auto literal = IpAddress::Parse(host)) return std::vector<IpAddress>{*literal};
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr)
    return Error::InvalidField("url", "the host " + host + " does not resolve");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owner(found, &freeaddrinfo);
  std::vector<IpAddress> out;
  for (const addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(ai->ai_addr);
      std::array<uint8_t, 4> b{};
      std::memcpy(b.data(), &in->sin_addr, 4);
      out.push_back(IpAddress::V4(b));
    } else if (ai->ai_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(ai->ai_addr);
      std::array<uint8_t, 16> b{};
      std::memcpy(b.data(), &in6->sin6_addr, 16);
      out.push_back(IpAddress::V6(b));
    }
  }
  if (out.empty()) return Error::InvalidField("url", "the host " + host + " has no address");
  return out;
}

std::optional<WebhookTarget> ParseWebhookTarget(std::string_view url, const TargetPolicy& policy,
                                                std::string_view field, FieldErrors& errors) {
  const std::string name(field);
  if (url.empty() || url.size() > kMaxTargetUrlChars) {
    errors.Add(name, "must be an absolute URL of 1 to " + std::to_string(kMaxTargetUrlChars) +
                         " characters");
    return std::nullopt;
  }
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) {
    errors.Add(name, "must be an absolute https URL");
    return std::nullopt;
  }
  WebhookTarget target;
  const std::string scheme = parsed->scheme();
  if (scheme == "https") {
    target.https = true;
  } else if (scheme == "http" && policy.allow_http) {
    target.https = false;
  } else {
    errors.Add(name, policy.allow_http ? "must be an http or https URL"
                                       : "must be an https URL (http is not allowed)");
    return std::nullopt;
  }
  if (!parsed->has_authority() || parsed->encoded_host().empty()) {
    errors.Add(name, "must name a host");
    return std::nullopt;
  }
  if (parsed->has_userinfo()) {
    errors.Add(name, "must not carry a user name or password");
    return std::nullopt;
  }
  if (parsed->has_fragment()) {
    errors.Add(name, "must not have a fragment");
    return std::nullopt;
  }
  target.host = parsed->host_address();  // IP literals without their brackets
  if (parsed->has_port()) {
    if (parsed->port_number() == 0) {
      errors.Add(name, "has an invalid port");
      return std::nullopt;
    }
    target.port = parsed->port_number();
  } else {
    target.port = target.https ? 443 : 80;
  }
  const std::string_view path = parsed->encoded_path();
  target.target.assign(path.empty() ? std::string_view("/") : path);
  if (parsed->has_query()) target.target.append("?").append(parsed->encoded_query());
  return target;
}

std::optional<std::string> CheckTargetAddresses(const std::vector<IpAddress>& addresses,
                                                const TargetPolicy& policy) {
  if (addresses.empty()) return "the host has no address";
  if (policy.allow_private_addresses) return std::nullopt;
  for (const IpAddress& address : addresses)
    if (auto why = ForbiddenRange(address))
      return "the host resolves to " + address.ToString() + ", a " + std::string(*why) +
             " address; only public addresses are allowed";
  return std::nullopt;
}

}  // namespace soj::tracker
