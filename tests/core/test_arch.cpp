// Parameter accounting: the README's worked example, huge layers, overflow, storage.
#include <catch2/catch.hpp>

#include <cstdint>
#include "arch.h"
#include "error.h"

using namespace nn;

static Architecture widths(std::vector<int64_t> w, bool bias = true) {
    Architecture a;
    a.inputs = w[0];
    for (size_t i = 1; i < w.size(); ++i) a.layers.push_back({w[i], Activation::relu, bias});
    return a;
}

TEST_CASE("256-128-64: 40,960 weights + 192 biases = 41,152 parameters", "[arch]") {
    ParamReport r = count_parameters(widths({256, 128, 64}));
    REQUIRE(r.blocks.size() == 2);
    CHECK(r.blocks[0].weights == 32768);  // 256*128
    CHECK(r.blocks[0].biases == 128);
    CHECK(r.blocks[1].weights == 8192);   // 128*64
    CHECK(r.blocks[1].biases == 64);
    CHECK(r.weights == 40960);
    CHECK(r.biases == 192);
    CHECK(r.params == 41152);
    CHECK(r.macs == 40960);
    CHECK(r.neurons == 192);
    CHECK(r.storage.fp32 == 164608);             // 41,152*4
    CHECK(r.storage.fp16 == 82304);              // 41,152*2
    CHECK(r.storage.int8 == 41152 + 2 * 4);      // one fp32 scale per block
    CHECK(r.storage.int4 == (32896 / 2 + 4) + (8256 / 2 + 4));
    CHECK(r.optimizer_momentum == 41152);
    CHECK(r.optimizer_adam == 82304);
    CHECK(r.activations_inference == 256 + 128); // largest adjacent pair
    CHECK(r.activations_training == 256 + 2 * (128 + 64));
}

TEST_CASE("without biases only weights count", "[arch]") {
    ParamReport r = count_parameters(widths({256, 128, 64}, false));
    CHECK(r.biases == 0);
    CHECK(r.params == 40960);
}

TEST_CASE("odd parameter counts round INT4 storage up per block", "[arch]") {
    ParamReport r = count_parameters(widths({3, 1}, false));  // 3 params -> 2 bytes + scale
    CHECK(r.storage.int4 == 2 + 4);
}

TEST_CASE("huge layers stay exact: 100,000 x 100,000 = 10^10", "[arch]") {
    ParamReport r = count_parameters(widths({100000, 100000}, false));
    CHECK(r.weights == 10000000000LL);
    CHECK(r.storage.fp32 == 40000000000LL);
    ParamReport r2 = count_parameters(widths({1000000, 1000000, 1000000}));
    CHECK(r2.weights == 2000000000000LL);           // 2 × 10^12
    CHECK(r2.params == 2000000000000LL + 2000000);
}

TEST_CASE("counts that overflow int64 are refused, not wrapped", "[arch]") {
    // 10^12 × 10^12 = 10^24 > 2^63 ≈ 9.2 × 10^18
    REQUIRE_THROWS_AS(count_parameters(widths({1000000000000LL, 1000000000000LL})), Error);
    REQUIRE_THROWS_WITH(count_parameters(widths({1000000000000LL, 1000000000000LL})),
                        Catch::Contains("overflows a 64-bit integer"));
}

TEST_CASE("bad architectures name the problem", "[arch]") {
    REQUIRE_THROWS_WITH(count_parameters(widths({0, 4})), Catch::Contains("inputs: units must be between 1"));
    REQUIRE_THROWS_WITH(count_parameters(widths({2, 4, -3})), Catch::Contains("layer 2: units must be between 1"));
    REQUIRE_THROWS_WITH(count_parameters(widths({2})), Catch::Contains("at least one layer"));
    Architecture a = widths({2, 4, 3});
    a.layers[0].activation = Activation::softmax;
    REQUIRE_THROWS_WITH(count_parameters(a), Catch::Contains("softmax is only allowed on the output layer"));
}

TEST_CASE("formatting with thousands separators and byte units", "[arch]") {
    CHECK(format_thousands(0) == "0");
    CHECK(format_thousands(999) == "999");
    CHECK(format_thousands(32768) == "32,768");
    CHECK(format_thousands(10000000000LL) == "10,000,000,000");
    CHECK(format_thousands(-1234567) == "-1,234,567");
    CHECK(format_thousands(INT64_MIN) == "-9,223,372,036,854,775,808");
    CHECK(format_bytes(1023) == "1023 B");
    CHECK(format_bytes(164608) == "160.8 KiB");  // 164,608 / 1024 = 160.75
    CHECK(format_bytes(40000000000LL) == "37.3 GiB");
}
