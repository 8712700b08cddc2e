#include "api/forwarded.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <optional>

#include "api/http_message.hpp"

namespace soj::api {
namespace {

// `text` as 16 bytes (IPv4 mapped into IPv6) and whether it was IPv4; nullopt when it is not
// an address. Brackets ("[::1]") are accepted, as some proxies write them.
std::optional<std::pair<std::array<uint8_t, 16>, bool>> ParseAddress(std::string_view text) {
  text = TrimWhitespace(text);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string copy(text);
  std::array<uint8_t, 16> bytes{};
  if (inet_pton(AF_INET, copy.c_str(), bytes.data() + 12) == 1) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    return std::pair{bytes, true};
  }
  if (inet_pton(AF_INET6, copy.c_str(), bytes.data()) == 1) return std::pair{bytes, false};
  return std::nullopt;
}

bool InBlock(const std::array<uint8_t, 16>& address, const std::array<uint8_t, 16>& block,
             unsigned prefix) {
  for (unsigned bit = 0; bit < prefix; bit += 8) {
    const unsigned bits = prefix - bit >= 8 ? 8 : prefix - bit;
    const uint8_t mask = static_cast<uint8_t>(0xff << (8 - bits));
    if ((address[bit / 8] & mask) != (block[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace

tracker::Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& items) {
  TrustedProxies proxies;
  for (const std::string& item : items) {
    std::string_view rest = item;
    while (true) {
      const std::size_t comma = rest.find(',');
      const std::string_view spec = TrimWhitespace(rest.substr(0, comma));
      if (!spec.empty()) {
        const std::size_t slash = spec.find('/');
        auto address = ParseAddress(spec.substr(0, slash));
        if (!address)
          return tracker::Error::BadRequest("--trusted-proxy " + std::string(spec) +
                                            " is not an IP address or CIDR block");
        const unsigned width = address->second ? 32 : 128;
        unsigned prefix = width;
        if (slash != std::string_view::npos) {
          const std::string_view digits = spec.substr(slash + 1);
          auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
          if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
              prefix > width)
            return tracker::Error::BadRequest("--trusted-proxy " + std::string(spec) +
                                              ": the prefix must be 0 to " + std::to_string(width));
        }
        proxies.blocks_.push_back({address->first, address->second ? prefix + 96 : prefix});
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view text) const {
  if (blocks_.empty()) return false;
  auto address = ParseAddress(text);
  if (!address) return false;
  for (const Block& block : blocks_)
    if (InBlock(address->first, block.bytes, block.prefix)) return true;
  return false;
}

ClientOrigin ResolveClient(const TrustedProxies& proxies, std::string_view peer, bool tls,
                           std::string_view forwarded_for, std::string_view forwarded_proto) {
  ClientOrigin origin{std::string(peer), tls};
  if (!proxies.Contains(peer)) return origin;
  // Right to left: each trusted hop vouches for the address it appended.
  std::string_view rest = forwarded_for;
  while (proxies.Contains(origin.address) && !TrimWhitespace(rest).empty()) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view entry =
        TrimWhitespace(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (!ParseAddress(entry)) break;
    std::string_view address = entry;
    if (address.size() > 2 && address.front() == '[' && address.back() == ']')
      address = address.substr(1, address.size() - 2);
    origin.address = std::string(address);
  }
  const std::string_view proto = TrimWhitespace(forwarded_proto);
  if (EqualsIgnoreCase(proto, "https"))
    origin.https = true;
  else if (EqualsIgnoreCase(proto, "http"))
    origin.https = false;
  return origin;
}

}  // namespace soj::api
