#include "api/body_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

namespace soj::api {

std::shared_ptr<const BodyFile> BodyFile::Create(std::string_view text) {
  const int fd = ::memfd_create("soj-body", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) return nullptr;
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return nullptr;
    }
    written += static_cast<std::size_t>(n);
  }
  // Sealed: nothing can change what answers are sent from.
  ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  return std::shared_ptr<const BodyFile>(new BodyFile(fd, text.size()));
}

BodyFile::~BodyFile() { ::close(fd_); }

}  // namespace soj::api
