#pragma once
// IntegrityCheck: proves the store agrees with itself. Every index entry must point to a
// document that produces it, every document must have all its index entries, every event
// must be indexed under its alert. Run by `soj-admin verify`.

#include <cstdint>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace soj::tracker {

struct IntegrityReport {
  uint64_t alerts = 0;
  uint64_t index_entries = 0;
  uint64_t events = 0;
  std::vector<std::string> problems;  // empty when the store is consistent
  bool truncated = false;             // more problems than listed

  bool ok() const { return problems.empty(); }
};

// Reads the whole store (from one snapshot) and lists every inconsistency found, at most
// `max_problems` of them.
IntegrityReport CheckIntegrity(const storage::Store& store, std::size_t max_problems = 1000);

}  // namespace soj::tracker
