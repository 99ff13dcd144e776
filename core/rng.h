// Portable seeded random numbers: the same seed yields the same bits on every
// platform (native x86-64, wasm32). We never use <random> distributions because
// their algorithms differ between standard libraries (libstdc++ vs libc++).
#pragma once
#include <cstdint>
#include <vector>

namespace nn {

// xoshiro128** seeded through splitmix64; 32-bit state words keep wasm32 fast.
class Rng {
public:
    explicit Rng(uint64_t seed = 0);
    uint32_t next_u32();
    double uniform();                        // [0, 1), 53 random bits
    double uniform(double lo, double hi);    // [lo, hi)
    double normal(double mean = 0.0, double stddev = 1.0);  // Box-Muller via pmath
    uint32_t below(uint32_t n);              // unbiased in [0, n), n > 0 (Lemire)
    void shuffle(std::vector<uint32_t>& v);  // Fisher-Yates with below()

private:
    uint32_t s_[4];
    bool has_spare_ = false;
    double spare_ = 0.0;
};

}  // namespace nn
