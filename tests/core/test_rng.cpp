// Rng: golden streams (computed independently with a few lines of Python big-int
// arithmetic, see each comment), ranges, unbiasedness and shuffle. A golden value
// that changes means every seeded run in the project changed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "error.h"
#include "rng.h"

TEST_CASE("Rng seed 1 reproduces the reference xoshiro128** stream", "[rng]") {
    // splitmix64(1) = 0x910a2dec89025cc1, 0xbeeb8da1658eec67 -> state words
    // {0x89025cc1, 0x910a2dec, 0x658eec67, 0xbeeb8da1}; then rotl(s1*5,7)*9 per step.
    nn::Rng r(1);
    const uint32_t expected[6] = {0x650941ba, 0x54d30301, 0x25d2f321, 0x3fabdca9, 0x2ab8e0a6, 0xf9890067};
    for (uint32_t e : expected) CHECK(r.next_u32() == e);

    nn::Rng r42(42);
    CHECK(r42.next_u32() == 0x69e85a2au);
    CHECK(r42.next_u32() == 0xf843fad0u);
    CHECK(r42.next_u32() == 0x0105185fu);
}

TEST_CASE("Rng::uniform takes 53 bits from two draws", "[rng]") {
    nn::Rng r(1);
    // (0x650941ba>>5) * 2^26 + (0x54d30301>>6), times 2^-53.
    CHECK(r.uniform() == 0x1.942506aa69818p-2);
    CHECK(r.uniform() == 0x1.2e97993fabdc8p-3);
    CHECK(r.uniform() == 0x1.55c705f989004p-3);

    nn::Rng q(7);
    double lo = 1.0, hi = 0.0, sum = 0.0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        double u = q.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        lo = std::min(lo, u), hi = std::max(hi, u), sum += u;
    }
    CHECK(lo < 1e-4);
    CHECK(hi > 1 - 1e-4);
    CHECK(sum / n == Approx(0.5).margin(0.005));  // sd of the mean: sqrt(1/12/2e5) = 6.5e-4

    for (int i = 0; i < 10000; ++i) {
        double u = q.uniform(-3.0, 5.0);
        REQUIRE(u >= -3.0);
        REQUIRE(u < 5.0);
    }
}

TEST_CASE("Rng::below is in range and unbiased (chi-square, fixed seed)", "[rng]") {
    nn::Rng r(1);
    // Lemire: (0x650941ba * 10) >> 32 = 3, ...
    const uint32_t expected[10] = {3, 3, 1, 2, 1, 9, 8, 6, 6, 6};
    for (uint32_t e : expected) CHECK(r.below(10) == e);

    nn::Rng q(12345);
    const uint32_t k = 37;
    const int n = 370000;  // 10,000 expected per bucket
    std::vector<int> counts(k, 0);
    for (int i = 0; i < n; ++i) {
        uint32_t v = q.below(k);
        REQUIRE(v < k);
        ++counts[v];
    }
    double chi2 = 0.0;
    for (int c : counts) chi2 += (c - 10000.0) * (c - 10000.0) / 10000.0;
    INFO("chi-square " << chi2 << " with 36 degrees of freedom");
    CHECK(chi2 < 67.0);  // the 99.9th percentile of chi-square(36) is 67.98

    CHECK(q.below(1) == 0u);
    uint32_t big = q.below(0xFFFFFFFFu);
    CHECK(big < 0xFFFFFFFFu);
    CHECK_THROWS_AS(q.below(0), nn::Error);
}

TEST_CASE("Rng::normal has mean 0, variance 1 and a stable first pair", "[rng]") {
    nn::Rng r(1);
    // u1 = 1 - 0x1.942506aa69818p-2, u2 = 0x1.2e97993fabdc8p-3, r = sqrt(-2 log u1),
    // z = (r cos 2pi u2, r sin 2pi u2) = (0.6003514352215559, 0.802215321289342) in Python.
    CHECK(r.normal() == Approx(0.6003514352215559).epsilon(1e-14));
    CHECK(r.normal() == Approx(0.802215321289342).epsilon(1e-14));
    CHECK(r.normal(10.0, 0.0) == 10.0);

    nn::Rng q(99);
    const int n = 200000;
    double s = 0.0, s2 = 0.0;
    int beyond3 = 0;
    for (int i = 0; i < n; ++i) {
        double z = q.normal();
        REQUIRE(std::isfinite(z));
        s += z, s2 += z * z;
        if (std::fabs(z) > 3.0) ++beyond3;
    }
    double mean = s / n, var = s2 / n - mean * mean;
    CHECK(mean == Approx(0.0).margin(0.01));  // sd of the mean 1/sqrt(2e5) = 0.0022
    CHECK(var == Approx(1.0).margin(0.02));
    CHECK(beyond3 == Approx(0.0027 * n).margin(150));  // P(|z|>3) = 0.27%: 540 expected
}

TEST_CASE("Rng::shuffle is a seeded permutation", "[rng]") {
    std::vector<uint32_t> v(1000);
    for (uint32_t i = 0; i < v.size(); ++i) v[i] = i;
    std::vector<uint32_t> a = v, b = v;
    nn::Rng r1(5), r2(5), r3(6);
    r1.shuffle(a);
    r2.shuffle(b);
    CHECK(a == b);
    CHECK(a != v);
    std::vector<uint32_t> c = v;
    r3.shuffle(c);
    CHECK(c != a);
    std::sort(a.begin(), a.end());
    CHECK(a == v);

    // Every position is equally likely for element 0 of a 4-element vector.
    nn::Rng q(3);
    int where[4] = {0, 0, 0, 0};
    for (int t = 0; t < 40000; ++t) {
        std::vector<uint32_t> w = {0, 1, 2, 3};
        q.shuffle(w);
        ++where[std::find(w.begin(), w.end(), 0u) - w.begin()];
    }
    for (int p = 0; p < 4; ++p) CHECK(where[p] == Approx(10000).margin(400));  // sd 87

    std::vector<uint32_t> empty, one = {7};
    q.shuffle(empty);
    q.shuffle(one);
    CHECK(one == std::vector<uint32_t>{7});
}
