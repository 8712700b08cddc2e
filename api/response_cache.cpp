#include "api/response_cache.hpp"

namespace soj::api {

std::optional<HttpResponse> ResponseCache::Find(const std::string& key, uint64_t sequence) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.sequence != sequence) return std::nullopt;
  return it->second.response;
}

void ResponseCache::Put(const std::string& key, uint64_t sequence, HttpResponse& response) {
  if (response.body.size() > max_bytes_) return;
  response.body.Share();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    // A slower builder must not replace a newer answer with an older one.
    if (it->second.sequence >= sequence) return;
    bytes_ -= it->second.response.body.size();
    entries_.erase(it);
  }
  if (entries_.size() >= capacity_ || bytes_ + response.body.size() > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  entries_.try_emplace(key, Entry{sequence, response});
  bytes_ += response.body.size();
}

}  // namespace soj::api
