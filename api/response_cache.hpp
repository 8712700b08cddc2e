#pragma once
// ResponseCache: answers that depend only on the store's contents and on what was asked, kept
// until the store changes. An entry is valid while the store's last commit sequence is the one
// read before it was built, so a hot route (a feed polled by every newsroom the day a
// journalist is arrested) is built once per change, not once per request, and its 304s cost a
// lookup. Bounded in entries and in body bytes: when either is full, the whole cache is dropped
// (cheap, and it refills with what is asked now). Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/http_message.hpp"

namespace soj::api {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t capacity = 256, std::size_t max_bytes = 32 << 20)
      : capacity_(capacity), max_bytes_(max_bytes) {}

  // The answer stored under `key` for the store as of `sequence`, if any.
  std::optional<HttpResponse> Find(const std::string& key, uint64_t sequence) const;
  // Stores `response`, built from the store as of at least `sequence` (read before building).
  // Its body becomes shared (ResponseBody::Share): answers found later send the same bytes
  // without copying them.
  void Put(const std::string& key, uint64_t sequence, HttpResponse& response);

 private:
  struct Entry {
    uint64_t sequence;
    HttpResponse response;
  };
  const std::size_t capacity_;
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::size_t bytes_ = 0;  // of the bodies held
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace soj::api
