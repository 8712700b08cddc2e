// A damaged table file is found soon after start, with a message naming it and saying what
// to do: the server stops (non-zero exit) instead of serving from it, and soj-admin verify
// fails.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace fs = std::filesystem;

// Flips bytes in the middle of the largest table file (inside a data block, past the header
// RocksDB would check anyway).
void DamageLargestTable(const fs::path& dir) {
  fs::path largest;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".sst" &&
        (largest.empty() || entry.file_size() > fs::file_size(largest)))
      largest = entry.path();
  ASSERT_FALSE(largest.empty()) << "no table file in " << dir;
  std::fstream file(largest, std::ios::in | std::ios::out | std::ios::binary);
  const auto middle = static_cast<std::streamoff>(fs::file_size(largest) / 3);
  file.seekg(middle);
  char bytes[16];
  file.read(bytes, sizeof bytes);
  for (char& b : bytes) b = static_cast<char>(~b);
  file.seekp(middle);
  file.write(bytes, sizeof bytes);
}

TEST(CorruptStore, ADamagedTableFileIsRefusedAtStartWithAClearMessage) {
  TempDir data;
  CommandResult demo = RunAdmin({"demo", "--data", data.str(), "--alerts", "300"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  CommandResult clean = RunAdmin({"verify", "--data", data.str()});
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;

  DamageLargestTable(data.path());

  CommandResult verify = RunAdmin({"verify", "--data", data.str()});
  EXPECT_NE(verify.exit_code, 0);
  EXPECT_NE(verify.err.find("is damaged"), std::string::npos) << verify.err;
  EXPECT_NE(verify.err.find("Corruption"), std::string::npos) << verify.err;
  EXPECT_NE(verify.err.find(".sst"), std::string::npos) << "the file is not named: " << verify.err;
  EXPECT_NE(verify.err.find("soj-admin restore"), std::string::npos) << verify.err;

  // Bounded: a server that keeps serving is stopped after a minute by timeout (exit 124).
  CommandResult serve = RunCommand({"/usr/bin/timeout", "60", SOJ_TRACKER_PATH, "serve", "--data",
                                    data.str(), "--listen", "127.0.0.1:0", "--no-demo"});
  EXPECT_EQ(serve.exit_code, 1) << "a damaged store was served: " << serve.err;
  EXPECT_NE(serve.err.find("store damaged, stopping"), std::string::npos) << serve.err;
  EXPECT_NE(serve.err.find(".sst"), std::string::npos) << "the file is not named: " << serve.err;
  EXPECT_NE(serve.err.find("soj-admin restore"), std::string::npos) << serve.err;
}

}  // namespace
}  // namespace soj::testing
