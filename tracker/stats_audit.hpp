#pragma once
// StatsAudit: recomputes the statistics by brute force from the alert documents, with plain
// loops written apart from the engine, and compares them with the engine's answers. Run by
// `soj-admin verify`; a difference means the engine or its records drifted from the documents.

#include <string>
#include <vector>

#include "storage/store.hpp"
#include "tracker/calendar.hpp"
#include "tracker/stats_engine.hpp"

namespace soj::tracker {

struct StatsAuditReport {
  uint64_t checks = 0;                // statistics compared
  std::vector<std::string> problems;  // each difference, in words
};

// Compares, as of `today` and the last day of every year since the first incident: the
// detention count (total and per country), the impunity cases (total and per country); and
// the alert counts by year, country and category, and the reply totals.
StatsAuditReport AuditStatistics(const storage::Store& store, const StatsEngine& engine,
                                 Date today);

}  // namespace soj::tracker
