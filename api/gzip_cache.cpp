#include "api/gzip_cache.hpp"

#include "api/gzip.hpp"

namespace soj::api {

ResponseBody GzipCache::Compress(const ResponseBody& body) {
  const std::shared_ptr<const std::string>& plain = body.shared();
  if (!plain) return ResponseBody(GzipCompress(body));
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(plain.get()); it != entries_.end())
      return ResponseBody::Shared(it->second.gzip);
  }
  auto gzip = std::make_shared<const std::string>(GzipCompress(*plain));
  const std::size_t bytes = plain->size() + gzip->size();
  if (bytes > max_bytes_) return ResponseBody::Shared(std::move(gzip));
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ || bytes_ + bytes > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (entries_.try_emplace(plain.get(), Entry{plain, gzip}).second) bytes_ += bytes;
  return ResponseBody::Shared(std::move(gzip));
}

}  // namespace soj::api
