#pragma once
// GzipCache: the gzip form of bodies shared with a response cache (ResponseBody::shared), made
// once per body instead of once per request: the day a feed is polled by every newsroom, each
// of them asks for gzip. Keyed by the shared text itself (held, so its address cannot be
// reused), so a body that changes is a new key. Bounded in entries and bytes: when full, it
// is emptied and refills with what is asked now. Thread-safe.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "api/http_message.hpp"

namespace soj::api {

class GzipCache {
 public:
  explicit GzipCache(std::size_t capacity = 256, std::size_t max_bytes = 16 << 20)
      : capacity_(capacity), max_bytes_(max_bytes) {}

  // `body` compressed: from the cache when it is shared text, else compressed now.
  ResponseBody Compress(const ResponseBody& body);

 private:
  struct Entry {
    std::shared_ptr<const std::string> plain;  // keeps the key's address ours
    std::shared_ptr<const std::string> gzip;
  };
  const std::size_t capacity_;
  const std::size_t max_bytes_;
  std::mutex mutex_;
  std::size_t bytes_ = 0;  // plain and compressed bytes held
  std::unordered_map<const std::string*, Entry> entries_;
};

}  // namespace soj::api
