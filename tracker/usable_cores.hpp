#pragma once

namespace soj::tracker {

// The number of cores the calling thread may run on (the process's, unless the thread was
// pinned apart): its CPU affinity, as taskset or a container's cpuset set it, not every core
// of the machine. At least 1.
unsigned UsableCores();

}  // namespace soj::tracker
