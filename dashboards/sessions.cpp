#include "dashboards/sessions.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace soj::dashboards {

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
    throw std::runtime_error("the random number generator failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Session SessionStore::Create(const tracker::Principal& principal) {
  Session session{RandomHex(32), RandomHex(32), principal,
                  std::chrono::steady_clock::now() + kSessionLifetime};
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  // Expired sessions that nobody asked for again drift to the least recent end: drop those
  // there, which costs one step per session ever created, never a walk of the table.
  while (const Session* oldest = table_.LeastRecent()) {
    if (oldest->expires > now) break;
    table_.EraseLeastRecent();
  }
  table_.Add(session.id, session);
  return session;
}

std::optional<Session> SessionStore::Find(std::string_view id) {
  if (id.size() != 64) return std::nullopt;
  std::lock_guard lock(mutex_);
  const Session* found = table_.Find(id);  // now the most recently used
  if (found == nullptr) return std::nullopt;
  if (found->expires <= std::chrono::steady_clock::now()) {
    table_.Erase(id);
    return std::nullopt;
  }
  return *found;
}

void SessionStore::Remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  table_.Erase(id);
}

std::size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return table_.size();
}

std::string_view CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    std::string_view item = header.substr(0, semi);
    header.remove_prefix(semi == std::string_view::npos ? header.size() : semi + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const std::size_t eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) return item.substr(eq + 1);
  }
  return {};
}

std::string SetCookieValue(std::string_view name, std::string_view value, bool tls,
                           std::chrono::seconds max_age) {
  std::string out =
      std::string(name) + "=" + std::string(value) +
      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
  if (tls) out += "; Secure";
  return out;
}

}  // namespace soj::dashboards
