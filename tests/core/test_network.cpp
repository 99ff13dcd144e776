// The network by hand (2-2-1), determinism, SIMD vs reference kernels, budgets.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include "error.h"
#include "network.h"

using namespace nn;

TEST_CASE("a hand-computed 2-2-1 network: forward, loss and every gradient", "[network]") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{2, Activation::relu, true}, {1, Activation::linear, true}};
    Network net(a, Loss::half_mse);
    net.weights(0) = {0.5f, -1.0f, 0.25f, 0.5f};  // (in, out): x1→u1, x1→u2, x2→u1, x2→u2
    net.biases(0) = {0.5f, -0.5f};
    net.weights(1) = {2.0f, 3.0f};
    net.biases(1) = {0.25f};
    float x[2] = {1.0f, 2.0f}, y[1] = {1.0f};
    Workspace ws;
    Gradients g = net.make_gradients();
    double loss = net.backward(x, y, 1, ws, g);
    // z1 = (0.5 + 1·0.5 + 2·0.25, −0.5 − 1 + 2·0.5) = (1.5, −0.5); a1 = relu = (1.5, 0)
    CHECK(ws.z[0][0] == 1.5f);
    CHECK(ws.z[0][1] == -0.5f);
    CHECK(ws.a[0][1] == 0.0f);
    // z2 = 0.25 + 1.5·2 + 0·3 = 3.25; loss = ½(3.25 − 1)² = 2.53125
    CHECK(ws.a[1][0] == 3.25f);
    CHECK(loss == 2.53125);
    // dz2 = 2.25; dW2 = a1·dz2 = (3.375, 0); db2 = 2.25
    CHECK(g.dW[1] == std::vector<float>{3.375f, 0.0f});
    CHECK(g.db[1] == std::vector<float>{2.25f});
    // da1 = W2·dz2 = (4.5, 6.75); dz1 = da1·relu'(z1) = (4.5, 0); dW1 = x ⊗ dz1
    CHECK(g.dW[0] == std::vector<float>{4.5f, 0.0f, 9.0f, 0.0f});
    CHECK(g.db[0] == std::vector<float>{4.5f, 0.0f});
    auto acts = net.activations(x);
    REQUIRE(acts.size() == 2);
    CHECK(acts[0] == std::vector<float>{1.5f, 0.0f});
    CHECK(acts[1] == std::vector<float>{3.25f});
}

TEST_CASE("the same seed gives the same network; another seed another", "[network]") {
    Architecture a;
    a.inputs = 5;
    a.layers = {{7, Activation::tanh, true}, {3, Activation::softmax, true}};
    Network n1(a, Loss::softmax_ce, Init::he_normal, 42), n2(a, Loss::softmax_ce, Init::he_normal, 42),
        n3(a, Loss::softmax_ce, Init::he_normal, 43);
    CHECK(n1.weights(0) == n2.weights(0));
    CHECK(n1.weights(1) == n2.weights(1));
    CHECK(n1.weights(0) != n3.weights(0));
}

TEST_CASE("SIMD and reference kernels give bit-identical passes through a network", "[network]") {
    Architecture a;
    a.inputs = 33;
    a.layers = {{17, Activation::gelu, true}, {64, Activation::relu, false}, {7, Activation::softmax, true}};
    Network fast(a, Loss::softmax_ce, Init::glorot_uniform, 7);
    Network ref = fast;
    ref.set_use_reference_kernels(true);
    Rng rng(3);
    const size_t batch = 19;
    std::vector<float> x(batch * 33), y(batch * 7, 0.0f);
    for (float& v : x) v = float(rng.uniform(-1, 1));
    for (size_t s = 0; s < batch; ++s) y[s * 7 + rng.below(7)] = 1;
    Workspace w1, w2;
    Gradients g1 = fast.make_gradients(), g2 = ref.make_gradients();
    double l1 = fast.backward(x.data(), y.data(), batch, w1, g1);
    double l2 = ref.backward(x.data(), y.data(), batch, w2, g2);
    CHECK(l1 == l2);
    for (size_t l = 0; l < 3; ++l) {
        CHECK(g1.dW[l] == g2.dW[l]);
        CHECK(g1.db[l] == g2.db[l]);
    }
}

TEST_CASE("networks over the training budget are refused with the size they need", "[network]") {
    Architecture a;
    a.inputs = 10000;
    a.layers = {{10000, Activation::relu, true}, {1, Activation::linear, true}};
    // 10,000·10,000 + 10,000 + 10,000 + 1 = 100,020,001 parameters
    REQUIRE_THROWS_WITH(Network(a, Loss::half_mse),
                        Catch::Contains("network has 100,020,001 parameters (381.5 MiB as fp32") &&
                            Catch::Contains("at most 16,777,216"));
    Architecture w;
    w.inputs = 2;
    w.layers = {{1000000000, Activation::relu, true}, {1, Activation::linear, true}};
    REQUIRE_THROWS_WITH(Network(w, Loss::half_mse), Catch::Contains("1,000,000,000 units is more than this build trains"));
    Architecture bad;
    bad.inputs = 2;
    bad.layers = {{3, Activation::relu, true}, {1, Activation::tanh, true}};
    REQUIRE_THROWS_WITH(Network(bad, Loss::bce), "loss bce needs a sigmoid output layer, got tanh");
}

TEST_CASE("predict refuses non-finite inputs and any row count fits", "[network]") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{3, Activation::tanh, true}, {1, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::glorot_uniform, 1);
    float bad[4] = {0.5f, 1.0f, std::nanf(""), 2.0f};
    REQUIRE_THROWS_WITH(net.predict(bad, 2), "predict: input 1, value 0 is not a finite number");
    std::vector<float> x(1000 * 2, 0.25f);  // 1,000 rows: more than one 256-row chunk
    std::vector<float> y = net.predict(x.data(), 1000);
    REQUIRE(y.size() == 1000);
    Workspace ws;
    CHECK(y[999] == net.forward(x.data(), 1, ws)[0]);
}

TEST_CASE("a batch whose activations cannot fit is refused with the size", "[network]") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{65536, Activation::relu, true}, {1, Activation::linear, true}};
    Network net(a, Loss::half_mse);
    // 1,000,000 rows × 65,537 units × 4 buffers × 4 B ≈ 976.6 GiB
    REQUIRE_THROWS_WITH(net.check_batch(1000000, true),
                        Catch::Contains("a batch of 1,000,000 rows needs 976.6 GiB") &&
                            Catch::Contains("the limit is 256.0 MiB"));
    CHECK_NOTHROW(net.check_batch(64, true));
    CHECK(net.chunk_rows(256) == 256);
}

TEST_CASE("user-supplied names are shown short and safe in messages", "[network]") {
    std::string longname(100000, 'x');
    REQUIRE_THROWS_WITH(parse_activation(longname),
                        Catch::StartsWith("unknown activation 'xxxxxxxx") &&
                            Catch::Contains("(cut, 100000 characters); allowed: linear"));
    REQUIRE_THROWS_WITH(parse_activation(std::string("relu\0x", 6)),
                        "unknown activation 'relu\\x00x'; allowed: linear, relu, leaky_relu, tanh, "
                        "sigmoid, gelu, swish, softmax");
}
