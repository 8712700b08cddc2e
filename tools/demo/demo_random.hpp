#pragma once
// The demo's random numbers: one generator per alert, seeded from (dataset seed, alert index),
// so an alert's content does not depend on which thread made it or in which order. Only raw
// 64-bit draws are used (no std:: distributions, whose results differ between libraries).

#include <cstdint>
#include <random>
#include <span>

namespace soj::tools::demo {

// SplitMix64: turns nearby inputs (seed 1, 2, 3; index 0, 1, 2) into unrelated seeds.
inline uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// The seed of alert `index` of the dataset with seed `seed`; `stream` separates independent
// decisions about the same alert (0 for its content).
inline uint64_t AlertSeed(uint64_t seed, uint64_t index, uint64_t stream = 0) {
  return SplitMix64(SplitMix64(SplitMix64(seed) + index) ^ stream);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  // Uniform in [0, 1).
  double Real() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Real() < p; }
  // Uniform in [lo, hi], both included; lo when hi < lo.
  int64_t Uniform(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  template <class T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(Next() % items.size())];
  }
  // An index drawn with probability proportional to its weight (weights >= 0, sum > 0).
  std::size_t Weighted(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = Real() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace soj::tools::demo
