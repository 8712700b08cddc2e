// Fuzz target: an NDJSON import file (soj-admin import), validated in full and, when every
// line is good or skip_invalid is set, written to a real store. The first byte picks the
// options so both paths are explored.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "tests/fuzz/fuzz_platform.hpp"
#include "tracker/alert_transfer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  soj::tracker::ImportOptions options;
  options.skip_invalid = (data[0] & 1) != 0;
  options.batch_size = 1 + (data[0] >> 1) % 4;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto report = soj::tracker::ImportAlerts(
      soj::fuzz::FuzzPlatform(), [&] { return std::make_unique<std::istringstream>(text); },
      options);
  if (report && !options.skip_invalid && !report->rejected.empty() && report->imported != 0)
    __builtin_trap();  // all or nothing without skip_invalid
  return 0;
}
