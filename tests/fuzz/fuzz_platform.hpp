#pragma once
// One Platform per fuzzing process, over a RocksDB store in a fresh temp dir that is removed
// when the process exits. Writes are not synced: a fuzzer does not need durability.

#include "tracker/platform.hpp"

namespace soj::fuzz {

// The process's platform, opened on first use; aborts when the store cannot be opened.
tracker::Platform& FuzzPlatform();

}  // namespace soj::fuzz
