// UsableCores reads this process's CPU affinity; SearchRestPerWork turns it into the search
// index's rests during a burst of writes.

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
  unsigned confined = 0;
  std::thread([&] {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    if (sched_setaffinity(0, sizeof one, &one) == 0) confined = UsableCores();
  }).join();
  EXPECT_EQ(confined, 1u);
}

TEST(UsableCoresTest, TheSearchIndexTakesAnEighthOfTheCoresDuringABurst) {
  // Working w and resting r = k * w, the index takes w / (w + r) of one core.
  const auto share_of_machine = [](unsigned cores) {
    return 1.0 / ((1.0 + SearchRestPerWork(cores)) * cores);
  };
  EXPECT_DOUBLE_EQ(SearchRestPerWork(1), 7.0);
  EXPECT_DOUBLE_EQ(SearchRestPerWork(2), 3.0);
  EXPECT_DOUBLE_EQ(SearchRestPerWork(4), 1.0);
  for (unsigned cores : {1u, 2u, 3u, 4u, 8u}) EXPECT_DOUBLE_EQ(share_of_machine(cores), 0.125);
  // Beyond eight cores a whole core is less than an eighth: the index never rests.
  EXPECT_DOUBLE_EQ(SearchRestPerWork(16), 0.0);
  EXPECT_DOUBLE_EQ(SearchRestPerWork(0), 7.0);  // never a division by zero
}

}  // namespace
}  // namespace soj::tracker
