#pragma once
// AccessLog: the one-line-per-request log, buffered. A write per request to stderr cost a
// fifth of the server's throughput on small answers (docs/performance.md); lines are kept in
// memory and written together, by a background thread every `interval`, at once when the
// buffer passes 64 KiB, and on Flush() and destruction. A process killed without warning
// loses at most the last interval's lines: the log is for operating the service, not a record.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace soj::api {

class AccessLog {
 public:
  explicit AccessLog(std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // What one line says. Never the token, the query, the body or the client address: a route
  // name is enough to operate the service, and journalists' addresses are nobody's business.
  struct Entry {
    std::string_view method;
    std::string_view route;  // the operation id, "unmatched" or "rateLimited"
    int status = 0;
    double seconds = 0;
    std::size_t bytes = 0;
    bool streamed = false;
  };
  // Appends one JSON line for `entry`, stamped with the current time. Thread-safe.
  void Record(const Entry& entry);
  // Writes every buffered line to stderr now.
  void Flush();

 private:
  void FlushEvery(std::chrono::milliseconds interval);

  std::mutex mutex_;  // guards buffer_ and stopping_
  std::condition_variable wake_;
  std::string buffer_;
  int64_t stamped_second_ = -1;  // the second `stamp_` names
  std::string stamp_;            // "2026-11-29T20:52:27Z", JSON-quoted
  bool stopping_ = false;
  std::mutex output_mutex_;  // keeps flushes in order
  std::thread flusher_;
};

}  // namespace soj::api
