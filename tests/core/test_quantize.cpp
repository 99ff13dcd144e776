// Quantisation round trips: FP16 rounding against known half values, INT8 scale.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <limits>
#include "quantize.h"

using namespace nn;

TEST_CASE("fp16 rounding keeps representable values and rounds to nearest even", "[quantize]") {
    CHECK(round_to_fp16(1.0f) == 1.0f);
    CHECK(round_to_fp16(65504.0f) == 65504.0f);                 // largest half
    CHECK(std::isinf(round_to_fp16(65520.0f)));                 // halfway to 2^16: ties to even -> inf
    CHECK(round_to_fp16(65519.0f) == 65504.0f);
    CHECK(round_to_fp16(1.0f + 1.0f / 2048) == 1.0f);           // halfway 1 and 1+2^-10: even is 1
    CHECK(round_to_fp16(1.0f + 3.0f / 2048) == 1.0f + 2.0f / 1024);  // halfway, even is 1+2^-9
    CHECK(round_to_fp16(0.1f) == 0.0999755859375f);             // half(0.1) = 1638/16384
    CHECK(round_to_fp16(-0.1f) == -0.0999755859375f);
    CHECK(round_to_fp16(5.9604645e-8f) == 5.9604645e-8f);       // smallest subnormal 2^-24
    CHECK(round_to_fp16(2.0e-8f) == 0.0f);                      // below half of 2^-24
    CHECK(std::isnan(round_to_fp16(std::numeric_limits<float>::quiet_NaN())));
}

TEST_CASE("int8 uses one symmetric scale per block", "[quantize]") {
    float w[4] = {-1.27f, 0.5f, 0.0f, 1.0f};
    float q[4];
    float s = quantize_int8(w, 4, q);
    CHECK(s == Approx(0.01f));         // 1.27 / 127
    CHECK(q[0] == Approx(-1.27f));
    CHECK(q[1] == Approx(0.5f));       // 50 steps
    CHECK(q[2] == 0.0f);
    CHECK(q[3] == Approx(1.0f));       // 100 steps
    float z[3] = {0, 0, 0}, zq[3];
    CHECK(quantize_int8(z, 3, zq) == 0.0f);
    float e[2] = {0.3f, 0.7f}, eq[2];
    quantize_int8(e, 2, eq);
    CHECK(std::fabs(eq[0] - 0.3f) <= 0.7f / 127 / 2 + 1e-7f);  // error at most half a step
}

TEST_CASE("a quantised copy leaves the original alone", "[quantize]") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{3, Activation::tanh, true}, {1, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::glorot_uniform, 3);
    Network q = quantized_copy(net, Precision::int8);
    bool changed = false;
    for (size_t i = 0; i < net.weights(0).size(); ++i) changed |= q.weights(0)[i] != net.weights(0)[i];
    CHECK(changed);
    CHECK(q.biases(0) == net.biases(0));  // int8 keeps biases in float
    Network f = quantized_copy(net, Precision::fp32);
    CHECK(f.weights(1) == net.weights(1));
    REQUIRE_THROWS_WITH(parse_precision("int3"), Catch::Contains("allowed: fp32, fp16, int8, int4"));
}

TEST_CASE("int4 uses one symmetric scale per block and 15 levels", "[quantize]") {
    // max|w| = 1.4, scale = 1.4 / 7 = 0.2: every value lands on a multiple of 0.2 in -1.4..1.4
    float w[5] = {-1.4f, 0.45f, 0.0f, 0.29f, 0.31f};
    float q[5];
    float s = quantize_int4(w, 5, q);
    CHECK(s == Approx(0.2f));
    CHECK(q[0] == Approx(-1.4f));   // -7 steps
    CHECK(q[1] == Approx(0.4f));    // 0.45 / 0.2 = 2.25 steps -> 2
    CHECK(q[2] == 0.0f);
    CHECK(q[3] == Approx(0.2f));    // 1.45 steps -> 1
    CHECK(q[4] == Approx(0.4f));    // 1.55 steps -> 2
    for (float v : q) CHECK(std::fabs(v) <= 1.4f + 1e-6f);
    // Error at most half a step, and never more levels than 15.
    float r[64], rq[64];
    for (int i = 0; i < 64; ++i) r[i] = std::sin(float(i)) * 0.9f;
    const float rs = quantize_int4(r, 64, rq);
    int distinct = 0;
    for (int k = -8; k <= 8; ++k)
        for (int i = 0; i < 64; ++i)
            if (rq[i] == float(k) * rs) { ++distinct; break; }
    for (int i = 0; i < 64; ++i) CHECK(std::fabs(rq[i] - r[i]) <= rs / 2 + 1e-6f);
    CHECK(distinct <= 15);
    float z[2] = {0, 0}, zq[2];
    CHECK(quantize_int4(z, 2, zq) == 0.0f);
}

TEST_CASE("an int4 copy is coarser than int8, which is coarser than fp16", "[quantize]") {
    Architecture a;
    a.inputs = 16;
    a.layers = {{32, Activation::relu, true}, {4, Activation::softmax, true}};
    Network net(a, Loss::softmax_ce, Init::he_uniform, 5);
    auto err = [&](Precision p) {
        Network q = quantized_copy(net, p);
        double e = 0;
        for (size_t l = 0; l < net.num_layers(); ++l)
            for (size_t i = 0; i < net.weights(l).size(); ++i)
                e = std::max(e, double(std::fabs(q.weights(l)[i] - net.weights(l)[i])));
        return e;
    };
    const double e16 = err(Precision::fp16), e8 = err(Precision::int8), e4 = err(Precision::int4);
    CHECK(e16 < e8);
    CHECK(e8 < e4);
    CHECK(quantized_copy(net, Precision::int4).biases(0) == net.biases(0));  // biases stay float
    CHECK(std::string(precision_name(parse_precision("int4"))) == "int4");
}
