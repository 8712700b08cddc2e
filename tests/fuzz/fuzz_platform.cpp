#include "tests/fuzz/fuzz_platform.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace soj::fuzz {
namespace {

// A fixed "today", so that what is valid does not change with the date of the run.
const tracker::FixedClock kClock(*tracker::Timestamp::Parse("2026-11-29T12:00:00Z"));

struct Holder {
  std::filesystem::path dir;
  std::unique_ptr<tracker::Platform> platform;
  ~Holder() {
    platform.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

tracker::Platform& FuzzPlatform() {
  static Holder holder;  // libFuzzer runs inputs on one thread
  if (!holder.platform) {
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
    h.platform = std::move(*opened);
  }
  return *holder.platform;
}

}  // namespace soj::fuzz
