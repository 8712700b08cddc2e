#pragma once

namespace soj::tracker {

// The number of cores this process may run on: its CPU affinity (taskset, a container's
// cpuset), not every core of the machine. At least 1.
unsigned UsableCores();

// How many times as long as it worked the search index rests while writes outrun it, so
// that it takes an eighth of the `cores` during a burst: a quarter of one core of two, an
// eighth of a single core, no rest at all from eight cores on.
double SearchRestPerWork(unsigned cores);

}  // namespace soj::tracker
