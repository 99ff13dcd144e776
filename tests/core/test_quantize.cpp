// Quantisation round trips: FP16 rounding against known half values, INT8 scale.
#include <catch2/catch.hpp>

#include <cmath>
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
    REQUIRE_THROWS_WITH(parse_precision("int3"), Catch::Contains("allowed: fp32, fp16, int8"));
}
