#pragma once
// BodyFile: a kept response body (ResponseBody::Share) copied once into an anonymous in-memory
// file (memfd_create), so the server sends it with sendfile(2): the kernel hands the file's
// pages to the socket instead of copying the bytes out of our memory for every answer, as
// nginx does for static files. A 100 KB list page polled by every newsroom is then copied
// once, not once per request. Linux only; plain TCP only (TLS encrypts in user space).

#include <cstddef>
#include <memory>
#include <string_view>

namespace soj::api {

// Bodies smaller than this are sent from memory: one write is cheaper than two system calls.
inline constexpr std::size_t kBodyFileMinimumBytes = 32 << 10;

class BodyFile {
 public:
  // A file holding `text`, or null when one cannot be made (no memfd, no descriptors left):
  // the body is then sent from memory as usual.
  static std::shared_ptr<const BodyFile> Create(std::string_view text);
  ~BodyFile();
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;

  int fd() const { return fd_; }
  std::size_t size() const { return size_; }

 private:
  BodyFile(int fd, std::size_t size) : fd_(fd), size_(size) {}
  const int fd_;
  const std::size_t size_;
};

}  // namespace soj::api
