#pragma once
// TokenCache: the principals of secrets recently authenticated, by the secret's SHA-256, so
// that an authenticated request need not read and decode two token records. Every commit to
// the tokens family empties it before the committing request is answered (a revocation holds
// from then on), and a lookup that began before such a commit never fills it.

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "tracker/principal.hpp"

namespace soj::tracker {

class TokenCache {
 public:
  // The principal of a secret seen before, or none; either way `generation` is set to what a
  // lookup in the store begun now hands back to Remember.
  std::optional<Principal> Find(const std::string& secret_hash, uint64_t& generation) const;
  // Keeps what the store said at `generation`, unless the tokens changed since.
  void Remember(const std::string& secret_hash, const Principal& principal, uint64_t generation);
  // The tokens changed: forget everything.
  void Forget();

 private:
  // Beyond this many secrets it starts again empty (a handful of tokens is the usual case).
  static constexpr std::size_t kMaxEntries = 4096;
  mutable std::shared_mutex mutex_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, Principal> principals_;
};

}  // namespace soj::tracker
