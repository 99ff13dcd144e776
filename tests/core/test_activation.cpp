// Activations: names round-trip and bad names are rejected with the allowed list;
// derivatives match central finite differences of activation_value (in double);
// array versions equal the scalar functions bit for bit; softmax rows sum to 1.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include "activation.h"
#include "error.h"

using nn::Activation;

namespace {
const Activation kElementwise[] = {Activation::linear, Activation::relu,    Activation::leaky_relu,
                                   Activation::tanh,   Activation::sigmoid, Activation::gelu,
                                   Activation::swish};
}

TEST_CASE("activation names round-trip and unknown names list the allowed ones", "[activation]") {
    for (Activation a : kElementwise) CHECK(nn::parse_activation(nn::activation_name(a)) == a);
    CHECK(nn::parse_activation("softmax") == Activation::softmax);
    CHECK(std::string(nn::activation_names_list()) ==
          "linear, relu, leaky_relu, tanh, sigmoid, gelu, swish, softmax");
    CHECK_THROWS_AS(nn::parse_activation("Tanh"), nn::Error);
    CHECK_THROWS_WITH(nn::parse_activation("foo"),
                      "unknown activation 'foo'; allowed: linear, relu, leaky_relu, tanh, sigmoid, gelu, "
                      "swish, softmax");
    CHECK_THROWS_AS(nn::parse_activation(""), nn::Error);
}

TEST_CASE("activation values at known points", "[activation]") {
    CHECK(nn::activation_value(Activation::linear, -2.5f) == -2.5f);
    CHECK(nn::activation_value(Activation::relu, -2.5f) == 0.0f);
    CHECK(nn::activation_value(Activation::relu, 2.5f) == 2.5f);
    CHECK(nn::activation_value(Activation::leaky_relu, -2.0f) == Approx(-0.02));  // 0.01 * -2
    CHECK(nn::activation_value(Activation::tanh, 0.5f) == Approx(0.46211715726).epsilon(1e-6));
    CHECK(nn::activation_value(Activation::sigmoid, 0.0f) == 0.5f);
    CHECK(nn::activation_value(Activation::sigmoid, 2.0f) == Approx(0.88079707798).epsilon(1e-7));
    // gelu(1) = 0.5 * (1 + tanh(0.79788456 * 1.044715)) = 0.5 * (1 + 0.6824) = 0.8412
    CHECK(nn::activation_value(Activation::gelu, 1.0f) == Approx(0.841191990).epsilon(1e-6));
    CHECK(nn::activation_value(Activation::gelu, 0.0f) == 0.0f);
    // swish(1) = 1 * sigmoid(1) = 0.7310585786
    CHECK(nn::activation_value(Activation::swish, 1.0f) == Approx(0.7310585786).epsilon(1e-7));
    CHECK_THROWS_AS(nn::activation_value(Activation::softmax, 1.0f), nn::Error);
}

TEST_CASE("activation derivatives match central finite differences", "[activation]") {
    // h = 2^-8: truncation ~h^2 f'''/6 ~ 1e-5 and float rounding ~6e-8/h ~ 2e-5.
    const double h = 1.0 / 256.0;
    for (Activation a : kElementwise) {
        double worst = 0.0, wz = 0.0;
        for (int i = -400; i <= 400; ++i) {
            float z = static_cast<float>(i) * 0.02f + 0.0037f;  // [-8, 8], never exactly on the kink at 0
            if ((a == Activation::relu || a == Activation::leaky_relu) && std::fabs(z) < 2 * h) continue;
            double fp = nn::activation_value(a, static_cast<float>(z + h));
            double fm = nn::activation_value(a, static_cast<float>(z - h));
            double fd = (fp - fm) / (2 * h);
            double d = std::fabs(fd - nn::activation_derivative(a, z));
            if (d > worst) worst = d, wz = z;
        }
        INFO(nn::activation_name(a) << ": max |f'(z) - finite difference| = " << worst << " at z=" << wz);
        CHECK(worst < 2e-4);
    }
    CHECK(nn::activation_derivative(Activation::relu, -1.0f) == 0.0f);
    CHECK(nn::activation_derivative(Activation::leaky_relu, -1.0f) == nn::kLeakySlope);
    CHECK(nn::activation_derivative(Activation::tanh, 0.0f) == 1.0f);
    CHECK(nn::activation_derivative(Activation::sigmoid, 0.0f) == 0.25f);
    CHECK(nn::activation_derivative(Activation::gelu, 0.0f) == 0.5f);
    CHECK(nn::activation_derivative(Activation::swish, 0.0f) == 0.5f);
    CHECK_THROWS_AS(nn::activation_derivative(Activation::softmax, 0.0f), nn::Error);
}

TEST_CASE("array forward/backward equal the scalar functions bit for bit", "[activation]") {
    const size_t n = 1037;  // odd, so any vectorised loop has a tail
    std::vector<float> z(n), a(n), da(n), dz(n);
    for (size_t i = 0; i < n; ++i) {
        z[i] = (static_cast<float>(i) - 518.0f) * 0.0173f;
        da[i] = 1.0f - 0.001f * static_cast<float>(i);
    }
    for (Activation act : kElementwise) {
        nn::activation_forward(act, z.data(), a.data(), n, n);
        nn::activation_backward(act, z.data(), a.data(), da.data(), dz.data(), n);
        size_t bad_f = 0, bad_b = 0;
        for (size_t i = 0; i < n; ++i) {
            float f = nn::activation_value(act, z[i]);
            float b = da[i] * nn::activation_derivative(act, z[i]);
            bad_f += std::memcmp(&f, &a[i], 4) != 0;
            bad_b += std::memcmp(&b, &dz[i], 4) != 0;
        }
        INFO(nn::activation_name(act) << ": " << bad_f << " forward and " << bad_b << " backward mismatches");
        CHECK(bad_f == 0);
        CHECK(bad_b == 0);
    }
    CHECK_THROWS_AS(nn::activation_backward(Activation::softmax, z.data(), a.data(), da.data(), dz.data(), n),
                    nn::Error);
}

TEST_CASE("softmax rows are max-subtracted distributions", "[activation]") {
    const float z[6] = {1.0f, 2.0f, 3.0f, 1000.0f, 1000.0f, -1000.0f};
    float a[6];
    nn::activation_forward(Activation::softmax, z, a, 6, 3);
    // e^-2, e^-1, 1 over their sum 1.5032147: 0.09003057, 0.24472847, 0.66524096
    CHECK(a[0] == Approx(0.09003057).epsilon(1e-6));
    CHECK(a[1] == Approx(0.24472847).epsilon(1e-6));
    CHECK(a[2] == Approx(0.66524096).epsilon(1e-6));
    CHECK(a[3] == 0.5f);  // huge logits do not overflow
    CHECK(a[4] == 0.5f);
    CHECK(a[5] == 0.0f);
    CHECK_THROWS_AS(nn::activation_forward(Activation::softmax, z, a, 6, 4), nn::Error);
    CHECK_THROWS_AS(nn::activation_forward(Activation::softmax, z, a, 6, 0), nn::Error);
    float nan_row[2] = {std::nanf(""), 1.0f}, out[2];
    nn::activation_forward(Activation::softmax, nan_row, out, 2, 2);
    CHECK(std::isnan(out[0]));
}

TEST_CASE("activations propagate NaN and saturate at infinities", "[activation]") {
    const float inf = INFINITY;
    CHECK(std::isnan(nn::activation_value(Activation::tanh, NAN)));
    CHECK(std::isnan(nn::activation_value(Activation::sigmoid, NAN)));
    CHECK(std::isnan(nn::activation_value(Activation::gelu, NAN)));
    CHECK(nn::activation_value(Activation::sigmoid, -inf) == 0.0f);
    CHECK(nn::activation_value(Activation::tanh, inf) == Approx(1.0f).margin(1e-6));
    CHECK(nn::activation_value(Activation::relu, -inf) == 0.0f);
    CHECK(nn::activation_value(Activation::gelu, 50.0f) == 50.0f);
}

TEST_CASE("tanh and gelu arrays (SIMD tanh) equal the scalar functions on edge values", "[activation]") {
    const float inf = INFINITY;
    std::vector<float> z = {0.0f, -0.0f, inf, -inf, NAN, -NAN, 7.90531110763549805f, -7.90531110763549805f,
                            0.0004f, -0.0004f, 0.00039999998f, 1e-30f, -1e-30f, 1e-40f, 3.4e38f, -3.4e38f,
                            50.0f, -50.0f, 9.9f, -9.9f};
    for (int i = -30000; i <= 30000; ++i) z.push_back(float(i) * 7.3e-4f);
    for (int i = 0; i < 300; ++i) z.push_back(std::ldexp(1.0f + float(i) / 300.0f, i % 80 - 40) * (i % 2 ? -1.0f : 1.0f));
    const size_t n = z.size();
    std::vector<float> a(n), da(n), dz(n);
    for (size_t i = 0; i < n; ++i) da[i] = 1.0f - 0.00001f * float(i % 1000);
    auto same = [](float p, float q) {
        if (std::isnan(p) || std::isnan(q)) return std::isnan(p) && std::isnan(q);
        return std::memcmp(&p, &q, 4) == 0;
    };
    for (Activation act : {Activation::tanh, Activation::gelu}) {
        nn::activation_forward(act, z.data(), a.data(), n, n);
        nn::activation_backward(act, z.data(), a.data(), da.data(), dz.data(), n);
        // In place as well: dz over da (the network may pass the same buffer).
        std::vector<float> inplace = da;
        nn::activation_backward(act, z.data(), a.data(), inplace.data(), inplace.data(), n);
        size_t bad_f = 0, bad_b = 0, bad_i = 0;
        for (size_t i = 0; i < n; ++i) {
            const float f = nn::activation_value(act, z[i]);
            const float b = da[i] * nn::activation_derivative(act, z[i]);
            bad_f += !same(f, a[i]);
            bad_b += !same(b, dz[i]);
            bad_i += !same(b, inplace[i]);
        }
        INFO(nn::activation_name(act) << ": " << bad_f << " forward, " << bad_b << " backward, " << bad_i
                                       << " in-place mismatches of " << n);
        CHECK(bad_f == 0);
        CHECK(bad_b == 0);
        CHECK(bad_i == 0);
    }
}
