#pragma once
// Sessions of the signed-in desks (/submit, /review, /reply). A token is exchanged once for a
// session kept here, in memory: the cookie carries only a random session id (never the token),
// and each session has its own CSRF token that every form posts back. Sessions end on sign-out,
// after kSessionLifetime, when the server restarts, or when kMaxSessions newer or more recently
// used sessions push them out (the table is bounded: a flood of sign-ins cannot grow memory).

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/lru_table.hpp"
#include "tracker/principal.hpp"

namespace soj::dashboards {

// The desk cookie. Over https (TLS here, X-Forwarded-Proto: https from a trusted proxy, or an
// https --public-url) it is `__Host-soj_session` (SPEC v2), sent with Secure: browsers take a
// __Host- cookie only from a secure origin, with Path=/ and no Domain, so neither a plain-HTTP
// page nor a sibling subdomain can set or shadow it. Browsers refuse a __Host- cookie without
// Secure, so plain-HTTP development (http://127.0.0.1:8080) uses `soj_session`, without
// Secure. Each side reads only its own name: a cookie planted over plain HTTP is never taken
// as an https session.
inline constexpr std::string_view kSecureSessionCookie = "__Host-soj_session";
inline constexpr std::string_view kPlainSessionCookie = "soj_session";
inline constexpr std::string_view SessionCookieName(bool https) {
  return https ? kSecureSessionCookie : kPlainSessionCookie;
}
inline constexpr std::chrono::seconds kSessionLifetime{8 * 3600};
// Live sessions kept at most. The desks have a few hundred people; this is room for each to
// sign in from several browsers many times over, and about 4 MB.
inline constexpr std::size_t kMaxSessions = 10'000;

struct Session {
  std::string id;    // 256 random bits, hex; the cookie value
  std::string csrf;  // 256 random bits, hex; posted back by every form
  tracker::Principal principal;
  std::chrono::steady_clock::time_point expires;
};

// Thread-safe. Every call costs O(1) (amortised), whatever the number of sessions: sessions are
// indexed by id and kept in least-recently-used order, so neither a sign-in nor a lookup walks
// the table.
class SessionStore {
 public:
  explicit SessionStore(std::size_t capacity = kMaxSessions) : table_(capacity) {}

  // Starts a session for `principal`. When `capacity` sessions are live, the least recently
  // used one ends (its holder signs in again).
  Session Create(const tracker::Principal& principal);
  // The live session with this id, or nullopt (unknown, expired, ended or pushed out). A found
  // session becomes the most recently used.
  std::optional<Session> Find(std::string_view id);
  void Remove(std::string_view id);
  // Sessions held (expired ones may be counted until they are next looked at).
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  api::LruTable<Session> table_;  // by id
};

// 2*`bytes` hex characters from OpenSSL's CSPRNG.
std::string RandomHex(std::size_t bytes);
// Compares without leaking where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The value of cookie `name` in a Cookie header, or "".
std::string_view CookieValue(std::string_view cookie_header, std::string_view name);
// A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/, Secure when `tls`; max_age 0 deletes.
std::string SetCookieValue(std::string_view name, std::string_view value, bool tls,
                           std::chrono::seconds max_age);

}  // namespace soj::dashboards
