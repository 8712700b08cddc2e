#pragma once
// Sessions of the signed-in desks (/submit, /review, /reply). A token is exchanged once for a
// session kept here, in memory: the cookie carries only a random session id (never the token),
// and each session has its own CSRF token that every form posts back. Sessions end on sign-out,
// after kSessionLifetime, or when the server restarts.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "tracker/principal.hpp"

namespace soj::dashboards {

inline constexpr std::string_view kSessionCookie = "soj_session";
inline constexpr std::chrono::seconds kSessionLifetime{8 * 3600};

struct Session {
  std::string id;    // 256 random bits, hex; the cookie value
  std::string csrf;  // 256 random bits, hex; posted back by every form
  tracker::Principal principal;
  std::chrono::steady_clock::time_point expires;
};

class SessionStore {
 public:
  // Starts a session for `principal`.
  Session Create(const tracker::Principal& principal);
  // The live session with this id, or nullopt (unknown, expired or ended).
  std::optional<Session> Find(std::string_view id);
  void Remove(std::string_view id);

 private:
  std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
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
