#include "api/response_cache.hpp"

namespace soj::api {

std::optional<HttpResponse> ResponseCache::Find(const std::string& key, uint64_t sequence) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.sequence != sequence) return std::nullopt;
  return it->second.response;
}

void ResponseCache::Put(const std::string& key, uint64_t sequence, const HttpResponse& response) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(key)) entries_.clear();
  auto [it, added] = entries_.try_emplace(key, Entry{sequence, response});
  // A slower builder must not replace a newer answer with an older one.
  if (!added && it->second.sequence < sequence) it->second = Entry{sequence, response};
}

}  // namespace soj::api
