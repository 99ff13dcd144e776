// Grid evaluation: layout (row 0 at the top), agreement with predict, neuron maps.
#include <catch2/catch.hpp>

#include <cstring>

#include "error.h"
#include "grid.h"

using namespace nn;

TEST_CASE("grid cells are sampled at their centres, top row first", "[grid]") {
    // Output = x1 exactly: linear 1-unit network with weight 1 on x1, 0 on x2.
    Architecture a;
    a.inputs = 2;
    a.layers = {{1, Activation::linear, true}};
    Network net(a, Loss::half_mse);
    net.weights(0) = {1.0f, 10.0f};
    net.biases(0) = {0.0f};
    GridSpec s;
    s.resolution = 4;
    s.features = {Feature::x1, Feature::x2};
    GridResult r = evaluate_grid(net, s);
    REQUIRE(r.output.size() == 16);
    // cell width 3: centres x1 = −4.5, −1.5, 1.5, 4.5; x2 = 4.5 (top) … −4.5 (bottom)
    CHECK(r.output[0] == Approx(-4.5 + 45));
    CHECK(r.output[3] == Approx(4.5 + 45));
    CHECK(r.output[12] == Approx(-4.5 - 45));
    REQUIRE(r.neurons.size() == 1);
    CHECK(r.neurons[0] == r.output);
}

TEST_CASE("grid neuron maps equal single-point activations", "[grid]") {
    Architecture a;
    a.inputs = 3;
    a.layers = {{5, Activation::tanh, true}, {2, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::glorot_uniform, 4);
    GridSpec s;
    s.resolution = 7;
    s.features = {Feature::x1, Feature::sinx2, Feature::x1x2};
    GridResult r = evaluate_grid(net, s);
    const size_t cell = 7 * 2 + 5;  // row 2, column 5
    float in[3];
    compute_features(s.features, -6 + 5.5 * 12 / 7.0, 6 - 2.5 * 12 / 7.0, in);
    auto acts = net.activations(in);
    // The grid runs transposed (cells as the vector dimension) but sums in the same order,
    // so its maps equal the network's own forward pass bit for bit.
    for (size_t u = 0; u < 5; ++u) CHECK(r.neurons[0][u * 49 + cell] == acts[0][u]);
    CHECK(r.output[cell] == acts[1][0]);
}

TEST_CASE("grid refuses bad specs", "[grid]") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{1, Activation::tanh, true}};
    Network net(a, Loss::half_mse);
    GridSpec s;
    s.features = {Feature::x1};
    REQUIRE_THROWS_WITH(evaluate_grid(net, s), "grid: 1 features for a network with 2 inputs");
    s.features = {Feature::x1, Feature::x2};
    s.resolution = 1;
    REQUIRE_THROWS_WITH(evaluate_grid(net, s), Catch::Contains("between 2 and 1000, got 1"));
    s.resolution = 10;
    s.x_min = 3;
    s.x_max = -3;
    REQUIRE_THROWS_WITH(evaluate_grid(net, s), Catch::Contains("xMin < xMax"));
}

TEST_CASE("grid maps equal a batched forward pass exactly, softmax and chunks included", "[grid]") {
    Architecture a;
    a.inputs = 4;
    a.layers = {{17, Activation::gelu, true}, {9, Activation::relu, false}, {3, Activation::softmax, true}};
    Network net(a, Loss::softmax_ce, Init::he_normal, 8);
    GridSpec s;
    s.resolution = 37;  // 1,369 cells: more than one 1,024-cell chunk
    s.features = {Feature::x1, Feature::x2, Feature::x1sq, Feature::sinx2};
    GridResult r = evaluate_grid(net, s);
    const size_t cells = 37 * 37;
    std::vector<float> x(cells * 4);
    for (size_t c = 0; c < cells; ++c)
        compute_features(s.features, -6 + (double(c % 37) + 0.5) * 12 / 37.0,
                         6 - (double(c / 37) + 0.5) * 12 / 37.0, x.data() + c * 4);
    Workspace ws;
    net.forward(x.data(), cells, ws);
    size_t mismatches = 0;
    for (size_t l = 0; l < 3; ++l) {
        const size_t u = net.layer_out(l);
        for (size_t c = 0; c < cells; ++c)
            for (size_t j = 0; j < u; ++j) mismatches += r.neurons[l][j * cells + c] != ws.a[l][c * u + j];
    }
    CHECK(mismatches == 0);
    for (size_t c = 0; c < cells; ++c) REQUIRE(r.output[c] == ws.a[2][c * 3]);
    s.neurons = false;
    GridResult o = evaluate_grid(net, s);
    CHECK(o.neurons.empty());
    CHECK(o.output == r.output);
}

namespace nn::detail {
bool select_simd_arch(const char* name);  // test hook in dense_simd.cpp
}

TEST_CASE("grid layers fused with their bias and activation equal Network::forward bit for bit", "[grid][simd]") {
    // The grid starts each sum at its bias and applies tanh/relu in the GEMM's epilogue
    // (one pass per layer); the training path adds bias, product and activation in three.
    // Every activation, a layer without bias, wide and narrow layers, on every kernel.
    Architecture a;
    a.inputs = 3;
    a.layers = {{33, Activation::tanh, true}, {8, Activation::relu, false}, {17, Activation::leaky_relu, true},
                {5, Activation::linear, true}, {9, Activation::sigmoid, true}, {3, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::glorot_normal, 21);
    for (float& w : net.weights(0)) w *= 3.0f;  // push tanh past its clamp on part of the grid
    GridSpec s;
    s.resolution = 41;  // 1,681 cells: a 1,024-cell chunk and a 657-cell one (not a lane multiple)
    s.features = {Feature::x1, Feature::x2, Feature::sinx1};
    const size_t cells = 41 * 41;
    std::vector<float> x(cells * 3);
    for (size_t c = 0; c < cells; ++c)
        compute_features(s.features, -6 + (double(c % 41) + 0.5) * 12 / 41.0,
                         6 - (double(c / 41) + 0.5) * 12 / 41.0, x.data() + c * 3);
    Workspace ws;
    net.forward(x.data(), cells, ws);
    for (const char* arch : {"sse2", "avx2", "avx512"}) {
        if (!detail::select_simd_arch(arch)) continue;
        GridResult r = evaluate_grid(net, s);
        size_t mismatches = 0;
        for (size_t l = 0; l < net.num_layers(); ++l) {
            const size_t u = net.layer_out(l);
            for (size_t c = 0; c < cells; ++c)
                for (size_t j = 0; j < u; ++j)
                    mismatches += std::memcmp(&r.neurons[l][j * cells + c], &ws.a[l][c * u + j], sizeof(float)) != 0;
        }
        INFO(arch << ": " << mismatches << " of the maps' values differ from forward()");
        CHECK(mismatches == 0);
    }
    detail::select_simd_arch(nullptr);
}

TEST_CASE("feature_grid equals evaluate_grid's input maps bit for bit", "[grid]") {
    Architecture a;
    a.inputs = 4;
    a.layers.push_back({3, Activation::tanh, true});
    a.layers.push_back({1, Activation::tanh, true});
    Network net(a, Loss::half_mse, Init::glorot_uniform, 5);
    GridSpec s;
    s.resolution = 17;
    s.features = parse_features("x1,x2sq,x1x2,sinx1");
    GridResult r = evaluate_grid(net, s);
    std::vector<float> f = feature_grid(s);
    REQUIRE(f.size() == r.inputs.size());
    CHECK(f == r.inputs);
    // cell (row 0, col 0) is (−6 + 6/17, 6 − 6/17); sin x1 is pmath's
    CHECK(f[0] == float(-6.0 + 12.0 / 17 * 0.5));
}

TEST_CASE("feature_grid equals compute_features at every cell, every feature", "[grid]") {
    // The grid computes features of x1 alone once per column and of x2 alone once per row;
    // each value must still be compute_features' at that cell centre, bit for bit. An
    // off-centre range and an odd resolution so no cell centre is a round number.
    GridSpec s;
    s.resolution = 37;
    s.x_min = -2.3;
    s.x_max = 5.9;
    s.y_min = -6.1;
    s.y_max = 1.7;
    s.features = parse_features("x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2");
    const size_t k = s.features.size(), cells = 37 * 37;
    const std::vector<float> f = feature_grid(s);
    REQUIRE(f.size() == k * cells);
    const double dx = (5.9 - -2.3) / 37, dy = (1.7 - -6.1) / 37;
    size_t mismatches = 0;
    std::vector<float> v(k);
    for (size_t c = 0; c < cells; ++c) {
        compute_features(s.features, -2.3 + (double(c % 37) + 0.5) * dx, 1.7 - (double(c / 37) + 0.5) * dy, v.data());
        for (size_t j = 0; j < k; ++j) mismatches += std::memcmp(&f[j * cells + c], &v[j], sizeof(float)) != 0;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("evaluate_grid into a used result equals a fresh one and reuses its memory", "[grid]") {
    Architecture a;
    a.inputs = 3;
    a.layers = {{6, Activation::tanh, true}, {4, Activation::relu, true}, {2, Activation::sigmoid, true}};
    Network net(a, Loss::bce, Init::glorot_uniform, 9);
    Architecture wide = a;
    wide.layers[0].units = 40;
    Network other(wide, Loss::bce, Init::glorot_uniform, 3);
    GridSpec s;
    s.resolution = 33;  // 1,089 cells: two chunks
    s.features = parse_features("x1,x2,sinx1");
    const GridResult fresh = evaluate_grid(net, s);
    GridSpec small = s;
    small.resolution = 5;
    GridResult r;
    evaluate_grid(other, s, r);      // a wider network first: arrays to shrink
    evaluate_grid(net, small, r);    // then a smaller grid
    s.neurons = false;
    evaluate_grid(net, s, r);        // then no neuron maps
    s.neurons = true;
    evaluate_grid(net, s, r);
    CHECK(r.resolution == 33);
    CHECK(r.output == fresh.output);
    CHECK(r.outputs == fresh.outputs);
    CHECK(r.inputs == fresh.inputs);
    CHECK(r.neurons == fresh.neurons);
    // Again with the same spec: every array keeps its memory (nothing allocated or filled first).
    const float* out = r.output.data();
    const float* in = r.inputs.data();
    const float* l0 = r.neurons[0].data();
    evaluate_grid(net, s, r);
    CHECK(r.output.data() == out);
    CHECK(r.inputs.data() == in);
    CHECK(r.neurons[0].data() == l0);
    CHECK(r.neurons == fresh.neurons);
    // A refused spec leaves the result as it was.
    GridSpec bad = s;
    bad.features = parse_features("x1,x2");
    REQUIRE_THROWS_WITH(evaluate_grid(net, bad, r), "grid: 2 features for a network with 3 inputs");
    CHECK(r.output == fresh.output);
}
