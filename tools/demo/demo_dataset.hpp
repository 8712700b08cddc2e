#pragma once
// The demo dataset: a realistic, deterministic set of alerts loaded through AlertService, so
// every field rule, workflow rule and index applies exactly as for real submissions. Used by
// `soj-admin demo --alerts N [--seed S]`, by `serve` on first start and by the benchmarks.
//
// Alert i is made from its own random generator seeded from (seed, i), so for the same
// (alerts, seed, today) the content is identical whatever the number of threads; only the ids,
// given by the store in commit order, may interleave differently between runs.

#include <cstddef>
#include <cstdint>
#include <functional>

#include "storage/store.hpp"
#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/reference_data.hpp"

namespace soj::tools {

struct DemoOptions {
  std::size_t alerts = 2000;
  uint64_t seed = 1;
  // Generators working in parallel, each with its own AlertService and clock. The store has a
  // single writer, so more threads help only while generation, not writing, is the bottleneck.
  std::size_t threads = 4;
  // The last possible incident day; no action of the dataset is dated after its end.
  tracker::Date today;
  // Called as alerts are generated with a count of alerts done, rounded down to whole
  // thousands (1000, 2000, ...), and once at the end with options.alerts; calls are
  // serialised and the numbers increase.
  std::function<void(std::size_t done)> progress;
};

struct DemoReport {
  std::size_t alerts = 0;  // created by this run: the sum of the six statuses below
  std::size_t published = 0;
  std::size_t resolved = 0;
  std::size_t rejected = 0;
  std::size_t withdrawn = 0;
  std::size_t drafts = 0;
  std::size_t merged = 0;           // duplicate reports merged into another alert
  std::size_t already_present = 0;  // submissions the store already held (a repeated run)
  std::size_t replies = 0;          // state replies posted
  std::size_t updates = 0;          // follow-ups posted
  std::size_t withheld_victims = 0;
  std::size_t ongoing_detentions = 0;  // people on published or resolved alerts still detained
  std::size_t killings = 0;            // victims with killed_on
};

// Loads options.alerts alerts into `store` as partners, editors and state correspondents
// would have created them between the platform's launch (2015-04-02) and options.today.
// Submissions the store already holds (same seed, size and today) are skipped and counted in
// already_present. Meant for an empty store opened with sync = false; the caller flushes.
// Returns the first error an AlertService call reports, with the alert and action it concerns
// in the message (a defect of the generator, never skipped); kBadRequest when today is before
// the launch or no partner is registered.
tracker::Result<DemoReport> LoadDemoDataset(storage::Store& store,
                                            const tracker::PartnerDirectory& partners,
                                            const DemoOptions& options);

}  // namespace soj::tools
