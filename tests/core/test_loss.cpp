// Losses: hand-computed values, stability at extreme logits, pairing rules.
#include <catch2/catch.hpp>

#include <cmath>
#include "error.h"
#include "loss.h"

using namespace nn;

TEST_CASE("half MSE is ½·Σ(a−y)² averaged over the batch", "[loss]") {
    float z[2] = {0.5f, -1.0f}, y[2] = {1.0f, 1.0f}, dz[2];
    // sample 0: ½·0.25 = 0.125; sample 1: ½·4 = 2; mean 1.0625
    double l = loss_forward_backward(Loss::half_mse, Activation::linear, z, z, y, 2, 1, dz);
    CHECK(l == Approx(1.0625));
    CHECK(dz[0] == Approx(-0.25f));  // (0.5−1)/2
    CHECK(dz[1] == Approx(-1.0f));   // (−1−1)/2
}

TEST_CASE("BCE from logits stays finite for huge logits", "[loss]") {
    float z[3] = {0.0f, 100.0f, -100.0f}, a[3], y[3] = {1.0f, 0.0f, 0.0f}, dz[3];
    activation_forward(Activation::sigmoid, z, a, 3, 1);
    double l = loss_forward_backward(Loss::bce, Activation::sigmoid, z, a, y, 3, 1, dz);
    // log 2 + 100 + ~0 over 3 samples
    CHECK(std::isfinite(l));
    CHECK(l == Approx((std::log(2.0) + 100.0 + std::log1p(std::exp(-100.0))) / 3));
    CHECK(dz[1] == Approx(1.0f / 3));
}

TEST_CASE("softmax cross-entropy uses log-sum-exp", "[loss]") {
    float z[3] = {1000.0f, 0.0f, -1000.0f}, a[3], y[3] = {0.0f, 1.0f, 0.0f}, dz[3];
    activation_forward(Activation::softmax, z, a, 3, 3);
    double l = loss_forward_backward(Loss::softmax_ce, Activation::softmax, z, a, y, 1, 3, dz);
    CHECK(l == Approx(1000.0));  // lse ≈ 1000, minus z_1 = 0
    CHECK(dz[0] == Approx(1.0f));
    CHECK(dz[1] == Approx(-1.0f));
    float z2[2] = {std::log(3.0f), 0.0f}, a2[2], y2[2] = {1.0f, 0.0f};
    activation_forward(Activation::softmax, z2, a2, 2, 2);
    CHECK(loss_forward_backward(Loss::softmax_ce, Activation::softmax, z2, a2, y2, 1, 2, nullptr) ==
          Approx(std::log(4.0 / 3.0)));  // −log(3/4)
}

TEST_CASE("losses refuse output activations that do not suit them", "[loss]") {
    REQUIRE_THROWS_WITH(check_loss_output(Loss::bce, Activation::tanh, 1),
                        "loss bce needs a sigmoid output layer, got tanh");
    REQUIRE_THROWS_WITH(check_loss_output(Loss::softmax_ce, Activation::softmax, 1),
                        Catch::Contains("at least 2 output units"));
    REQUIRE_THROWS_WITH(check_loss_output(Loss::half_mse, Activation::softmax, 3),
                        Catch::Contains("use softmax_ce"));
    REQUIRE_THROWS_WITH(parse_loss("hinge"), "unknown loss 'hinge'; allowed: half_mse, bce, softmax_ce");
}

TEST_CASE("accuracy: sign for tanh outputs, 0.5 for sigmoid, argmax for several", "[loss]") {
    float a1 = 0.2f, y1 = 1.0f, y0 = -1.0f;
    CHECK(sample_correct(Loss::half_mse, Activation::tanh, &a1, &y1, 1));
    CHECK_FALSE(sample_correct(Loss::half_mse, Activation::tanh, &a1, &y0, 1));
    float s = 0.4f, t1 = 1.0f, t0 = 0.0f;
    CHECK_FALSE(sample_correct(Loss::bce, Activation::sigmoid, &s, &t1, 1));
    CHECK(sample_correct(Loss::bce, Activation::sigmoid, &s, &t0, 1));
    float a3[3] = {0.1f, 0.7f, 0.2f}, y3[3] = {0, 1, 0}, w3[3] = {1, 0, 0};
    CHECK(sample_correct(Loss::softmax_ce, Activation::softmax, a3, y3, 3));
    CHECK_FALSE(sample_correct(Loss::softmax_ce, Activation::softmax, a3, w3, 3));
}
