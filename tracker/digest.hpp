#pragma once
// Hashing and randomness from OpenSSL.

#include <cstddef>
#include <string>
#include <string_view>

namespace soj::tracker {

// SHA-256 of `data` as 32 raw bytes.
std::string Sha256(std::string_view data);
// SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);
std::string HexEncode(std::string_view bytes);
// `n` bytes from OpenSSL's CSPRNG; aborts the process if the RNG fails (never weak tokens).
std::string RandomBytes(std::size_t n);
// URL-safe base64 without padding (RFC 4648 section 5).
std::string Base64UrlEncode(std::string_view bytes);
// Decodes URL-safe base64 without padding; false on any invalid character.
bool Base64UrlDecode(std::string_view text, std::string* out);
// Constant-time comparison of equal-length secrets; false when lengths differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace soj::tracker
