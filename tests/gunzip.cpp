#include "tests/gunzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace soj::testing {

std::string Gunzip(const std::string& data, bool* complete) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int result = Z_OK;
  while (result == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    result = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (result == Z_BUF_ERROR && z.avail_in == 0) break;  // all input used, member not ended
  }
  if (complete != nullptr)
    *complete = result == Z_STREAM_END;
  else
    EXPECT_EQ(result, Z_STREAM_END);
  inflateEnd(&z);
  return out;
}

}  // namespace soj::testing
