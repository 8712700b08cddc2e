#include "tests/fuzz/fuzz_platform.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace soj::fuzz {
namespace {

// A fixed "today", so that what is valid does not change with the date of the run.
const tracker::FixedClock kClock(*tracker::Timestamp::Parse("2026-11-29T12:00:00Z"));

// The platform is never closed: at exit RocksDB's own statics may already be gone (closing
// then crashes inside librocksdb). Still reachable, so LeakSanitizer does not count it; the
// directory is removed at exit.
struct Holder {
  std::filesystem::path dir;
  tracker::Platform* platform = nullptr;
};
Holder holder;  // libFuzzer runs inputs on one thread

void RemoveDir() {
  std::error_code ignored;
  std::filesystem::remove_all(holder.dir, ignored);
}

}  // namespace

tracker::Platform& FuzzPlatform() {
  if (holder.platform == nullptr) {
    Holder& h = holder;
    std::string pattern = (std::filesystem::temp_directory_path() / "soj-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    h.dir = pattern;
    auto opened = tracker::Platform::Open({.data_dir = h.dir.string(),
                                           .create_if_missing = true,
                                           .sync = false,
                                           .clock = &kClock,
                                           .search = tracker::PlatformOptions::Search::kNow});
    if (!opened) {
      std::fprintf(stderr, "cannot open the fuzz store: %s\n", opened.error().message.c_str());
      std::abort();
    }
    h.platform = opened->release();
    std::atexit(RemoveDir);
  }
  return *holder.platform;
}

}  // namespace soj::fuzz
