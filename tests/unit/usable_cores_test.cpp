// UsableCores reads the CPU affinity: the cores taskset or a cpuset leave this process.

#include "tracker/usable_cores.hpp"

#include <gtest/gtest.h>
#include <sched.h>

#include <thread>

namespace soj::tracker {
namespace {

TEST(UsableCoresTest, CountsTheCoresThisProcessMayRunOnNotEveryCore) {
  cpu_set_t all;
  ASSERT_EQ(sched_getaffinity(0, sizeof all, &all), 0);
  EXPECT_EQ(UsableCores(), static_cast<unsigned>(CPU_COUNT(&all)));

  // Confined to one core (as `taskset -c N` would), a thread counts one.
  int first = 0;
  while (!CPU_ISSET(first, &all)) ++first;
  int pinned = -1;
  unsigned confined = 0;
  std::thread([&] {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    pinned = sched_setaffinity(0, sizeof one, &one);
    confined = UsableCores();
  }).join();
  ASSERT_EQ(pinned, 0);
  EXPECT_EQ(confined, 1u);
}

}  // namespace
}  // namespace soj::tracker
