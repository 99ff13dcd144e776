// Grid evaluation: layout (row 0 at the top), agreement with predict, neuron maps.
#include <catch2/catch.hpp>

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
    Workspace ws;
    GridResult r = evaluate_grid(net, s, ws);
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
    Workspace ws;
    GridResult r = evaluate_grid(net, s, ws);
    const size_t cell = 7 * 2 + 5;  // row 2, column 5
    float in[3];
    compute_features(s.features, -6 + 5.5 * 12 / 7.0, 6 - 2.5 * 12 / 7.0, in);
    auto acts = net.activations(in);
    for (size_t u = 0; u < 5; ++u) CHECK(r.neurons[0][u * 49 + cell] == Approx(acts[0][u]).margin(1e-6));
    CHECK(r.output[cell] == Approx(acts[1][0]).margin(1e-6));
}

TEST_CASE("grid refuses bad specs", "[grid]") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{1, Activation::tanh, true}};
    Network net(a, Loss::half_mse);
    Workspace ws;
    GridSpec s;
    s.features = {Feature::x1};
    REQUIRE_THROWS_WITH(evaluate_grid(net, s, ws), "grid: 1 features for a network with 2 inputs");
    s.features = {Feature::x1, Feature::x2};
    s.resolution = 1;
    REQUIRE_THROWS_WITH(evaluate_grid(net, s, ws), Catch::Contains("between 2 and 1000, got 1"));
    s.resolution = 10;
    s.x_min = 3;
    s.x_max = -3;
    REQUIRE_THROWS_WITH(evaluate_grid(net, s, ws), Catch::Contains("xMin < xMax"));
}
