#pragma once
// Signing webhook requests. Each request carries
//   X-Soj-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
// keyed with the subscription's secret, so a receiver can check that the body came from this
// server, unchanged, and recently (it rejects old `t` values to stop replays).

#include <cstdint>
#include <string>
#include <string_view>

namespace soj::tracker {

// HMAC-SHA256 of `data` keyed with `key`, as 64 lower-case hex digits (OpenSSL).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// The X-Soj-Signature header value for `body` sent at `unix_seconds`.
std::string WebhookSignature(std::string_view secret, int64_t unix_seconds, std::string_view body);

}  // namespace soj::tracker
