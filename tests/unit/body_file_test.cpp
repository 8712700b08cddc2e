// BodyFile: a kept body copied into a sealed in-memory file, and which bodies get one.

#include "api/body_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "api/http_message.hpp"

namespace soj::api {
namespace {

std::string ReadAll(const BodyFile& file) {
  std::string text(file.size(), '\0');
  EXPECT_EQ(::pread(file.fd(), text.data(), text.size(), 0), static_cast<ssize_t>(text.size()));
  return text;
}

TEST(BodyFileTest, HoldsTheTextAndCannotBeChanged) {
  std::string text(100000, 'x');
  text[500] = 'y';
  auto file = BodyFile::Create(text);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->size(), text.size());
  EXPECT_EQ(ReadAll(*file), text);
  EXPECT_EQ(::pwrite(file->fd(), "z", 1, 0), -1) << "sealed against writes";
  EXPECT_EQ(::ftruncate(file->fd(), 10), -1) << "sealed against shrinking";
  EXPECT_EQ(::fcntl(file->fd(), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC) << "not inherited";
}

TEST(BodyFileTest, ClosesItsDescriptorWithTheLastHolder) {
  int fd = -1;
  {
    auto file = BodyFile::Create(std::string(40000, 'a'));
    ASSERT_TRUE(file);
    fd = file->fd();
    EXPECT_NE(::fcntl(fd, F_GETFD), -1);
  }
  EXPECT_EQ(::fcntl(fd, F_GETFD), -1) << "the descriptor is closed";
}

TEST(BodyFileTest, OnlyLargeSharedBodiesGetAFile) {
  ResponseBody small(std::string(kBodyFileMinimumBytes - 1, 's'));
  small.Share();
  EXPECT_FALSE(small.file());
  ResponseBody large(std::string(kBodyFileMinimumBytes, 'l'));
  EXPECT_FALSE(large.file()) << "not before it is shared";
  large.Share();
  ASSERT_TRUE(large.file());
  EXPECT_EQ(ReadAll(*large.file()), large.view());
  ResponseBody copy = large;
  EXPECT_EQ(copy.file(), large.file()) << "copies send from the same file";
  copy.clear();
  EXPECT_FALSE(copy.file()) << "a 304 sends nothing";
  copy = std::string("own text");
  EXPECT_FALSE(copy.file());
  EXPECT_TRUE(large.file());
}

}  // namespace
}  // namespace soj::api
