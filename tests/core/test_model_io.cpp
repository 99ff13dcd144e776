// Model files: bit-exact round trips (awkward floats included) and a table of
// malformed files, each expecting the field it must name.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "error.h"
#include "model_io.h"

using namespace nn;

static bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// 2-3-1: 2×3 = 6 weights + 3 biases, then 3×1 = 3 weights + 1 bias.
static ModelFile small_model() {
    ModelFile m;
    m.arch.inputs = 2;
    m.arch.layers = {{3, Activation::tanh, true}, {1, Activation::tanh, true}};
    m.loss = Loss::half_mse;
    m.weights = {{0.1f, -0.25f, 3.0f, -0.0f, 1e-3f, 7.5f}, {0.5f, -0.5f, 2.0f}};
    m.biases = {{0.1f, 0.0f, -1.0f}, {0.25f}};
    m.features = {"x1", "x2"};
    m.init = "playground";
    m.optimizer.kind = OptimizerKind::adam;
    m.optimizer.lr = 0.01;
    m.optimizer.l2 = 1e-4;
    m.batch_size = 10;
    m.epochs = 300;
    m.seed = 7;
    m.dataset = "spiral";
    return m;
}

TEST_CASE("model: round trip is bit-exact, awkward floats included") {
    ModelFile m = small_model();
    const float awkward[] = {0.1f,
                             -0.0f,
                             0.0f,
                             std::numeric_limits<float>::denorm_min(),   // 1.4e-45
                             -std::numeric_limits<float>::denorm_min(),
                             1.17549421e-38f,                            // largest denormal
                             std::numeric_limits<float>::min(),
                             std::numeric_limits<float>::max(),
                             -std::numeric_limits<float>::max(),
                             std::numeric_limits<float>::epsilon(),
                             16777217.0f,                                // rounds to 2^24
                             1.0f / 3.0f,
                             123456792.0f,
                             3.4028233e38f};
    std::vector<float> w(std::begin(awkward), std::end(awkward));
    // plus a sweep of pseudo-random bit patterns (finite ones only)
    uint32_t s = 12345;
    while (w.size() < 2 * 500) {
        s = s * 1664525u + 1013904223u;
        float f;
        std::memcpy(&f, &s, 4);
        if (std::isfinite(f)) w.push_back(f);
    }
    m.arch.layers = {{500, Activation::relu, true}, {1, Activation::linear, false}};
    m.weights = {w, std::vector<float>(500, -0.0f)};
    m.biases = {std::vector<float>(w.begin(), w.begin() + 500), {}};

    std::string text = model_to_json(m);
    ModelFile r = model_from_json(text);
    REQUIRE(r.arch.inputs == 2);
    REQUIRE(r.arch.layers.size() == 2);
    REQUIRE(r.arch.layers[0].units == 500);
    REQUIRE(r.arch.layers[0].activation == Activation::relu);
    REQUIRE(r.arch.layers[1].bias == false);
    REQUIRE(r.loss == Loss::half_mse);
    REQUIRE(same_bits(r.weights[0], m.weights[0]));
    REQUIRE(same_bits(r.weights[1], m.weights[1]));  // negative zeros keep their sign
    REQUIRE(same_bits(r.biases[0], m.biases[0]));
    REQUIRE(r.biases[1].empty());
    REQUIRE(r.features == m.features);
    REQUIRE(r.init == "playground");
    REQUIRE(r.optimizer.kind == OptimizerKind::adam);
    REQUIRE(r.optimizer.lr == 0.01);
    REQUIRE(r.optimizer.l2 == 1e-4);
    REQUIRE(r.optimizer.beta2 == 0.999);
    REQUIRE(r.epochs == 300);
    REQUIRE(r.seed == 7);
    REQUIRE(r.dataset == "spiral");
    // Writing again gives the same text: the format is stable.
    REQUIRE(model_to_json(r) == text);
    // Shortest form: 0.1f is written as 0.1, not 0.100000001490116.
    REQUIRE(model_to_json(small_model()).find("[0.1,-0.25,3.0,-0.0,0.001,7.5]") != std::string::npos);
}

// The reference the writer replaced: the fewest "%.*g" digits that read back as the same float.
static std::string shortest_ref(float v) {
    char buf[40];
    for (int p = 1; p <= 9; ++p) {
        std::snprintf(buf, sizeof buf, "%.*g", p, double(v));
        float back = std::strtof(buf, nullptr);
        if (std::memcmp(&back, &v, sizeof v) == 0) break;
    }
    return buf;
}

TEST_CASE("model: numbers are written as short as the digit-by-digit reference") {
    // weights as training leaves them (small, of both signs) and every power of two
    std::vector<float> w;
    uint32_t s = 99;
    for (int i = 0; i < 100000; ++i) {
        s = s * 1664525u + 1013904223u;
        w.push_back((float(s >> 8) / float(1u << 24) - 0.5f) * (i % 3 == 0 ? 0.01f : 2.0f));
    }
    for (int e = -149; e <= 127; ++e) w.push_back(std::ldexp(1.0f, e));
    ModelFile m = small_model();
    m.arch.layers = {{int(w.size()) / 2, Activation::relu, true}, {1, Activation::linear, false}};
    m.weights = {std::vector<float>(w.begin(), w.begin() + 2 * (w.size() / 2)), std::vector<float>(w.size() / 2, 1.0f)};
    m.biases = {std::vector<float>(w.size() / 2, 0.5f), {}};
    std::string text = model_to_json(m);
    REQUIRE(same_bits(model_from_json(text).weights[0], m.weights[0]));
    // each number's text against the reference's: never more than 2 characters longer (".0"
    // after a whole number) below a million (from 1e6 the writer uses an exponent, as in
    // 1.048576e+06), and of the same length for nearly all
    size_t at = text.find("\"weights\": [") + 12, longer = 0;
    for (float v : m.weights[0]) {
        size_t end = text.find_first_of(",]", at);
        std::string got = text.substr(at, end - at), ref = shortest_ref(v);
        INFO(got << " against " << ref);
        REQUIRE(got.size() <= ref.size() + (std::fabs(v) < 1e6f ? 2 : 6));
        if (got.size() > ref.size()) ++longer;
        at = end + 1;
    }
    REQUIRE(longer < m.weights[0].size() / 1000);
}

TEST_CASE("model: a NaN or infinite weight is refused by name, not written") {
    ModelFile m = small_model();
    m.weights[1][2] = std::numeric_limits<float>::quiet_NaN();
    REQUIRE_THROWS_WITH(model_to_json(m), Catch::Contains("layers[1].weights[2] is NaN"));
    m = small_model();
    m.biases[0][1] = -std::numeric_limits<float>::infinity();
    REQUIRE_THROWS_WITH(model_to_json(m), Catch::Contains("layers[0].biases[1] is infinite"));
}

TEST_CASE("model: network round trip") {
    Architecture a;
    a.inputs = 4;
    a.layers = {{8, Activation::tanh, true}, {3, Activation::softmax, true}};
    Network net(a, Loss::softmax_ce, Init::glorot_uniform, 3);
    ModelFile m = model_from_network(net);
    Network back = network_from_model(model_from_json(model_to_json(m)));
    REQUIRE(back.loss() == Loss::softmax_ce);
    for (size_t l = 0; l < 2; ++l) {
        REQUIRE(same_bits(back.weights(l), net.weights(l)));
        REQUIRE(same_bits(back.biases(l), net.biases(l)));
    }
    m.weights[1].pop_back();
    REQUIRE_THROWS_WITH(network_from_model(m), Catch::Contains("layers[1].weights"));
}

static std::string replace(std::string s, const std::string& from, const std::string& to) {
    size_t p = s.find(from);
    REQUIRE(p != std::string::npos);
    return s.replace(p, from.size(), to);
}

TEST_CASE("model: malformed files name the offending field") {
    const std::string good = model_to_json(small_model());
    REQUIRE_NOTHROW(model_from_json(good));
    struct Case {
        std::string text, message;
    };
    const Case cases[] = {
        {replace(good, "[0.5,-0.5,2.0]", "[0.5,-0.5]"),
         "model: field 'layers[1].weights' must have 3 numbers (3 × 1), got 2"},
        {replace(good, "[0.5,-0.5,2.0]", "[0.5,\"x\",2.0]"),
         "field 'layers[1].weights[1]' must be a number, got string"},
        {replace(good, "[0.5,-0.5,2.0]", "[0.5,1e39,2.0]"),
         "field 'layers[1].weights[1]' is 1e+39, outside the float32 range"},
        {replace(good, "[0.1,0.0,-1.0]", "[0.1,0.0]"), "field 'layers[0].biases' must have 3 numbers"},
        {replace(good, "\"version\": 1", "\"version\": 2"),
         "model: unsupported version 2; this build reads version 1"},
        {replace(good, "\"version\": 1", "\"version\": \"1\""), "field 'version' must be an integer"},
        {replace(good, "\"version\": 1,", ""), "missing field 'version'"},
        {replace(good, "nnplay-model", "keras"), "field 'format' must be \"nnplay-model\", got \"keras\""},
        {replace(good, "\"inputs\": 2", "\"inputs\": 0"), "field 'inputs' must be between 1 and 65536, got 0"},
        {replace(good, "\"inputs\": 2", "\"inputs\": 2.5"), "field 'inputs' must be an integer"},
        {replace(good, "\"loss\": \"half_mse\"", "\"loss\": \"hinge\""), "field 'loss'"},
        {replace(good, "\"units\": 3", "\"units\": -3"), "field 'layers[0].units' must be between 1"},
        {replace(good, "\"units\": 3", "\"units\": \"3\""), "field 'layers[0].units' must be an integer, got string"},
        {replace(good, "\"units\": 3, ", ""), "missing field 'layers[0].units'"},
        {replace(good, "\"activation\": \"tanh\", \"bias\": true,\n     \"weights\": [0.5",
                 "\"activation\": \"tanhh\", \"bias\": true,\n     \"weights\": [0.5"),
         "field 'layers[1].activation'"},
        {replace(good, "\"bias\": true", "\"bias\": 1"), "field 'layers[0].bias' must be true or false"},
        {replace(good, "\"features\": [\"x1\", \"x2\"]", "\"features\": [\"x1\"]"),
         "field 'features' must name all 2 inputs"},
        {replace(good, "\"features\": [\"x1\", \"x2\"]", "\"features\": [\"x1\", 2]"),
         "field 'features[1]' must be a string"},
        {replace(good, "\"lr\": 0.01", "\"lr\": \"fast\""), "field 'training.lr' must be a number"},
        {replace(good, "\"batch_size\": 10", "\"batch_size\": 0"), "field 'training.batch_size' must be between 1"},
        {replace(good, "\"seed\": 7", "\"seed\": -7"), "field 'training.seed' must be a non-negative integer"},
        {replace(good, "\"optimizer\": \"adam\"", "\"optimizer\": \"rmsprop\""), "field 'training.optimizer'"},
        {replace(good, "\"init\": \"playground\"", "\"init\": \"ones\""), "field 'training.init'"},
        {replace(good, "\"layers\": [", "\"layers\": {\"a\":[1]}, \"x\": ["), "field 'layers' must be an array, got object"},
        {good.substr(0, good.size() / 2), "model: invalid JSON at byte"},
        {"", "model: invalid JSON at byte"},
        {"[1,2]", "the top level must be a JSON object, got array"},
        {"{\"format\": \"nnplay-model\"} trailing", "invalid JSON at byte"},
        {std::string(100, '[') + std::string(100, ']'), "JSON nests deeper than 64 levels"},
        {"{\"format\":\"nnplay-model\",\"version\":1,\"inputs\":2,\"loss\":\"half_mse\",\"layers\":[]}",
         "field 'layers' must hold at least one layer"},
        {"{\"format\":\"nnplay-model\",\"version\":1,\"inputs\":60000,\"loss\":\"half_mse\",\"layers\":"
         "[{\"units\":60000,\"activation\":\"tanh\",\"bias\":true,\"weights\":[],\"biases\":[]}]}",
         "the network has 3,600,060,000 parameters; the limit is 16,777,216"},
        {"{\"format\":\"nnplay-model\",\"version\":1,\"inputs\":2,\"loss\":\"bce\",\"layers\":"
         "[{\"units\":1,\"activation\":\"tanh\",\"bias\":false,\"weights\":[1,2]}]}",
         "model: "},
    };
    for (const Case& c : cases) {
        INFO("input: " << c.text.substr(0, 300));
        REQUIRE_THROWS_WITH(model_from_json(c.text), Catch::Contains(c.message));
        REQUIRE_THROWS_AS(model_from_json(c.text), Error);
    }
}

TEST_CASE("model: unknown extra fields are ignored (forward compatible)") {
    std::string good = model_to_json(small_model());
    std::string extra = replace(good, "\"version\": 1,", "\"version\": 1, \"notes\": {\"by\": [1,2]},");
    extra = replace(extra, "\"units\": 3,", "\"units\": 3, \"dropout\": 0.5,");
    ModelFile m = model_from_json(extra);
    REQUIRE(m.arch.layers[0].units == 3);
    // features and training are informational and may be left out.
    std::string minimal =
        "{\"format\":\"nnplay-model\",\"version\":1,\"inputs\":1,\"loss\":\"half_mse\",\"layers\":"
        "[{\"units\":1,\"activation\":\"linear\",\"bias\":false,\"weights\":[2.5]}]}";
    ModelFile n = model_from_json(minimal);
    REQUIRE(n.weights[0] == std::vector<float>{2.5f});
    REQUIRE(n.biases[0].empty());
    REQUIRE(n.features.empty());
}

TEST_CASE("model: size limit is checked before parsing") {
    std::string big(kMaxModelBytes + 1, ' ');
    REQUIRE_THROWS_WITH(model_from_json(big), Catch::Contains("the limit is 327,417,856 bytes (312.2 MiB)"));  // size_limits.h: 16,777,216 × 16 + 65,536 × 772 + 8 MiB
}

TEST_CASE("model: from a network with another file's training settings") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{3, Activation::relu, true}, {1, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::he_uniform, 5);
    ModelFile settings;
    settings.features = {"x1", "sinx2"};
    settings.epochs = 42;
    settings.dataset = "spiral";
    settings.weights = {{1.0f}};  // stale weights in the settings are not kept
    ModelFile m = model_from_network(net, settings);
    CHECK(m.features == settings.features);
    CHECK(m.epochs == 42);
    CHECK(m.dataset == "spiral");
    REQUIRE(m.weights.size() == 2);
    CHECK(same_bits(m.weights[0], net.weights(0)));
}
