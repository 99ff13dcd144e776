// Backprop against central finite differences of a double-precision reference
// MLP written here independently (micrograd's habit: check against a trusted engine).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>
#include "network.h"

using namespace nn;

namespace {

double act_d(Activation a, double z) {
    switch (a) {
        case Activation::linear: return z;
        case Activation::relu: return z > 0 ? z : 0;
        case Activation::leaky_relu: return z > 0 ? z : double(kLeakySlope) * z;
        case Activation::tanh: return std::tanh(z);
        case Activation::sigmoid: return 1 / (1 + std::exp(-z));
        case Activation::gelu:
            return 0.5 * z * (1 + std::tanh(std::sqrt(2 / M_PI) * (z + 0.044715 * z * z * z)));
        case Activation::swish: return z / (1 + std::exp(-z));
        case Activation::softmax: return z;  // handled per row below
    }
    return z;
}

// Loss of the network with parameters in double; params[l] = {W..., b...}.
double ref_loss(const Architecture& arch, Loss loss, const std::vector<std::vector<double>>& W,
                const std::vector<std::vector<double>>& B, const std::vector<double>& x,
                const std::vector<double>& y, size_t batch) {
    double total = 0;
    for (size_t s = 0; s < batch; ++s) {
        std::vector<double> a(x.begin() + long(s * size_t(arch.inputs)),
                              x.begin() + long((s + 1) * size_t(arch.inputs)));
        std::vector<double> z;
        for (size_t l = 0; l < arch.layers.size(); ++l) {
            size_t in = a.size(), out = size_t(arch.layers[l].units);
            z.assign(out, 0);
            for (size_t o = 0; o < out; ++o) {
                z[o] = B[l].empty() ? 0 : B[l][o];
                for (size_t i = 0; i < in; ++i) z[o] += a[i] * W[l][i * out + o];
            }
            a.resize(out);
            Activation act = arch.layers[l].activation;
            if (act == Activation::softmax) {
                double mx = *std::max_element(z.begin(), z.end()), sum = 0;
                for (size_t o = 0; o < out; ++o) sum += std::exp(z[o] - mx);
                for (size_t o = 0; o < out; ++o) a[o] = std::exp(z[o] - mx) / sum;
            } else {
                for (size_t o = 0; o < out; ++o) a[o] = act_d(act, z[o]);
            }
        }
        const double* ys = y.data() + s * a.size();
        for (size_t o = 0; o < a.size(); ++o) {
            if (loss == Loss::half_mse) total += 0.5 * (a[o] - ys[o]) * (a[o] - ys[o]);
            else if (loss == Loss::bce) total += -(ys[o] * std::log(a[o]) + (1 - ys[o]) * std::log(1 - a[o]));
            else total += -ys[o] * std::log(a[o]);
        }
    }
    return total / double(batch);
}

void check_gradients(Architecture arch, Loss loss, uint64_t seed) {
    Network net(arch, loss, Init::glorot_uniform, seed);
    const size_t batch = 5, in = net.inputs(), out = net.outputs();
    Rng rng(seed + 100);
    std::vector<float> x(batch * in), y(batch * out);
    for (float& v : x) v = float(rng.uniform(-2, 2));
    for (size_t s = 0; s < batch; ++s) {
        if (loss == Loss::softmax_ce) y[s * out + rng.below(uint32_t(out))] = 1;
        else if (loss == Loss::bce) y[s * out] = float(rng.below(2));
        else for (size_t o = 0; o < out; ++o) y[s * out + o] = float(rng.uniform(-1, 1));
    }
    // Nudge biases off zero so every path is exercised.
    for (size_t l = 0; l < net.num_layers(); ++l)
        for (float& b : net.biases(l)) b = float(rng.uniform(-0.3, 0.3));

    Workspace ws;
    Gradients g = net.make_gradients();
    double lf = net.backward(x.data(), y.data(), batch, ws, g);

    std::vector<std::vector<double>> W, B;
    for (size_t l = 0; l < net.num_layers(); ++l) {
        W.emplace_back(net.weights(l).begin(), net.weights(l).end());
        B.emplace_back(net.biases(l).begin(), net.biases(l).end());
    }
    std::vector<double> xd(x.begin(), x.end()), yd(y.begin(), y.end());
    CHECK(lf == Approx(ref_loss(arch, loss, W, B, xd, yd, batch)).epsilon(1e-5));

    const double h = 1e-6;
    double worst = 0;
    auto probe = [&](std::vector<double>& p, size_t i, float analytic) {
        double keep = p[i];
        p[i] = keep + h;
        double up = ref_loss(arch, loss, W, B, xd, yd, batch);
        p[i] = keep - h;
        double dn = ref_loss(arch, loss, W, B, xd, yd, batch);
        p[i] = keep;
        double fd = (up - dn) / (2 * h);
        double err = std::fabs(fd - double(analytic)) / std::max(1e-2, std::fabs(fd));
        worst = std::max(worst, err);
    };
    for (size_t l = 0; l < net.num_layers(); ++l) {
        for (size_t i = 0; i < W[l].size(); ++i) probe(W[l], i, g.dW[l][i]);
        for (size_t i = 0; i < B[l].size(); ++i) probe(B[l], i, g.db[l][i]);
    }
    INFO("worst relative gradient error " << worst);
    CHECK(worst < 2e-3);
}

}  // namespace

TEST_CASE("gradients match central finite differences for every activation", "[gradients]") {
    for (Activation act : {Activation::linear, Activation::relu, Activation::leaky_relu,
                           Activation::tanh, Activation::sigmoid, Activation::gelu,
                           Activation::swish}) {
        INFO("activation " << activation_name(act));
        Architecture a;
        a.inputs = 3;
        a.layers = {{4, act, true}, {3, act, false}, {2, Activation::linear, true}};
        check_gradients(a, Loss::half_mse, 11);
    }
}

TEST_CASE("gradients match finite differences for BCE and softmax cross-entropy", "[gradients]") {
    Architecture bce;
    bce.inputs = 2;
    bce.layers = {{5, Activation::tanh, true}, {1, Activation::sigmoid, true}};
    check_gradients(bce, Loss::bce, 5);
    Architecture ce;
    ce.inputs = 4;
    ce.layers = {{6, Activation::relu, true}, {3, Activation::softmax, true}};
    check_gradients(ce, Loss::softmax_ce, 9);
}
