// xoshiro128** (Blackman & Vigna) with splitmix64 seeding, plus the few
// distributions the project needs, all built from integer ops and pmath so a seed
// gives the same stream in every build.
#include "rng.h"

#include <cmath>
#include <utility>

#include "error.h"
#include "pmath.h"

namespace nn {
namespace {

uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

constexpr double kTwoPi = 6.28318530717958647692;

}  // namespace

Rng::Rng(uint64_t seed) {
    uint64_t sm = seed;
    uint64_t a = splitmix64(sm);
    uint64_t b = splitmix64(sm);
    s_[0] = static_cast<uint32_t>(a);
    s_[1] = static_cast<uint32_t>(a >> 32);
    s_[2] = static_cast<uint32_t>(b);
    s_[3] = static_cast<uint32_t>(b >> 32);
    // The all-zero state is a fixed point; splitmix64 practically never yields it.
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
}

uint32_t Rng::next_u32() {
    uint32_t result = rotl(s_[1] * 5u, 7) * 9u;
    uint32_t t = s_[1] << 9;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 11);
    return result;
}

double Rng::uniform() {
    // 27 + 26 = 53 bits: every double in [0, 1) on the 2^-53 grid, equally likely.
    uint32_t a = next_u32() >> 5;
    uint32_t b = next_u32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);  // 2^26, 2^-53
}

double Rng::uniform(double lo, double hi) {
    double r = lo + (hi - lo) * uniform();
    // Rounding can land exactly on hi; keep the promise of a half-open range.
    if (r >= hi && hi > lo) r = std::nextafter(hi, lo);
    return r;
}

double Rng::normal(double mean, double stddev) {
    if (has_spare_) {
        has_spare_ = false;
        return mean + stddev * spare_;
    }
    double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
    double u2 = uniform();
    double r = std::sqrt(-2.0 * pmath::log(u1));
    double th = kTwoPi * u2;
    spare_ = r * pmath::sin(th);
    has_spare_ = true;
    return mean + stddev * (r * pmath::cos(th));
}

uint32_t Rng::below(uint32_t n) {
    if (n == 0) throw Error("Rng::below: n must be > 0");
    // Lemire, "Fast random integer generation in an interval" (2019): reject the
    // low products that would make some results more likely than others.
    uint64_t m = static_cast<uint64_t>(next_u32()) * n;
    uint32_t l = static_cast<uint32_t>(m);
    if (l < n) {
        uint32_t t = (0u - n) % n;
        while (l < t) {
            m = static_cast<uint64_t>(next_u32()) * n;
            l = static_cast<uint32_t>(m);
        }
    }
    return static_cast<uint32_t>(m >> 32);
}

void Rng::shuffle(std::vector<uint32_t>& v) {
    for (size_t i = v.size(); i > 1; --i) {
        size_t j = below(static_cast<uint32_t>(i));
        std::swap(v[i - 1], v[j]);
    }
}

}  // namespace nn
