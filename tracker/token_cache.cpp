#include "tracker/token_cache.hpp"

#include <mutex>

namespace soj::tracker {

std::optional<Principal> TokenCache::Find(const std::string& secret_hash,
                                          uint64_t& generation) const {
  std::shared_lock lock(mutex_);
  generation = generation_;
  auto it = principals_.find(secret_hash);
  if (it == principals_.end()) return std::nullopt;
  return it->second;
}

void TokenCache::Remember(const std::string& secret_hash, const Principal& principal,
                          uint64_t generation) {
  std::unique_lock lock(mutex_);
  if (generation != generation_) return;  // read before a change to the tokens: maybe stale
  if (principals_.size() >= kMaxEntries) principals_.clear();
  principals_.insert_or_assign(secret_hash, principal);
}

void TokenCache::Forget() {
  std::unique_lock lock(mutex_);
  ++generation_;
  principals_.clear();
}

}  // namespace soj::tracker
