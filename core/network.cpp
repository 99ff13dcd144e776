// Forward and backward passes over a minibatch. All buffers live in a Workspace
// owned by the caller, so a training loop allocates nothing per step.
#include "network.h"

#include <algorithm>
#include <cmath>
#include <string>
#include "dense.h"
#include "dense_parallel.h"
#include "thread_pool.h"
#include "error.h"

namespace nn {
namespace {

void check_budget(const Architecture& arch) {
    // The model reader's limit too (size_limits.h): a network that is built can be saved and loaded.
    if (arch.layers.size() > size_t(kMaxLayers))
        throw Error("network has " + format_thousands(int64_t(arch.layers.size())) +
                    " layers; this build trains at most " + format_thousands(kMaxLayers) +
                    " (hidden and output layers)");
    for (size_t l = 0; l < arch.layers.size(); ++l) {
        if (arch.layers[l].units > kMaxTrainWidth)
            throw Error("layer " + std::to_string(l + 1) + ": " +
                        format_thousands(arch.layers[l].units) +
                        " units is more than this build trains (at most " +
                        format_thousands(kMaxTrainWidth) + " per layer); count it instead");
    }
    if (arch.inputs > kMaxTrainWidth)
        throw Error("inputs: " + format_thousands(arch.inputs) +
                    " is more than this build trains (at most " +
                    format_thousands(kMaxTrainWidth) + ")");
    ParamReport r = count_parameters(arch);
    if (r.params > kMaxTrainParams)
        throw Error("network has " + format_thousands(r.params) + " parameters (" +
                    format_bytes(r.storage.fp32) + " as fp32, about " +
                    format_bytes(r.storage.fp32 * 4) +
                    " to train with Adam); this build trains at most " +
                    format_thousands(kMaxTrainParams) + " parameters");
}

void ensure(std::vector<float>& v, size_t n) {
    if (v.size() < n) v.resize(n);
}

bool threaded(const Workspace& ws) { return kThreadSupport && ws.pool && ws.pool->threads() > 1; }

}  // namespace

Network::Network(const Architecture& arch, Loss loss) : arch_(arch), loss_(loss) {
    validate_architecture(arch_);
    check_budget(arch_);
    check_loss_output(loss_, arch_.layers.back().activation, size_t(arch_.layers.back().units));
    W_.resize(arch_.layers.size());
    b_.resize(arch_.layers.size());
    for (size_t l = 0; l < arch_.layers.size(); ++l) {
        W_[l].assign(layer_in(l) * layer_out(l), 0.0f);
        if (arch_.layers[l].bias) b_[l].assign(layer_out(l), 0.0f);
    }
}

Network::Network(const Architecture& arch, Loss loss, Init init, uint64_t seed)
    : Network(arch, loss) {
    Rng rng(seed);
    for (size_t l = 0; l < W_.size(); ++l)
        init_block(init, layer_in(l), layer_out(l), W_[l].data(),
                   b_[l].empty() ? nullptr : b_[l].data(), rng);
}

size_t Network::layer_in(size_t l) const {
    return l == 0 ? size_t(arch_.inputs) : size_t(arch_.layers[l - 1].units);
}

int64_t Network::num_params() const { return count_parameters(arch_).params; }

const float* Network::forward(const float* x, size_t batch, Workspace& ws) const {
    const size_t L = W_.size();
    ws.z.resize(L);
    ws.a.resize(L);
    ws.batch = batch;
    const float* in = x;
    for (size_t l = 0; l < L; ++l) {
        const size_t ni = layer_in(l), no = layer_out(l);
        ensure(ws.z[l], batch * no);
        ensure(ws.a[l], batch * no);
        const float* b = b_[l].empty() ? nullptr : b_[l].data();
        if (!use_ref_ && threaded(ws)) {
            layer_forward_parallel(ws.pool, arch_.layers[l].activation, in, batch, ni, W_[l].data(),
                                   b, no, ws.z[l].data(), ws.a[l].data());
            in = ws.a[l].data();
            continue;
        }
        if (use_ref_)
            dense_forward_ref(in, batch, ni, W_[l].data(), b, no, ws.z[l].data());
        else
            dense_forward_simd(in, batch, ni, W_[l].data(), b, no, ws.z[l].data());
        activation_forward(arch_.layers[l].activation, ws.z[l].data(), ws.a[l].data(),
                           batch * no, no);
        in = ws.a[l].data();
    }
    return ws.a[L - 1].data();
}

Gradients Network::make_gradients() const {
    Gradients g;
    g.dW.resize(W_.size());
    g.db.resize(W_.size());
    for (size_t l = 0; l < W_.size(); ++l) {
        g.dW[l].assign(W_[l].size(), 0.0f);
        g.db[l].assign(b_[l].size(), 0.0f);
    }
    return g;
}

double Network::backward(const float* x, const float* y, size_t batch, Workspace& ws,
                         Gradients& g) const {
    const size_t L = W_.size();
    forward(x, batch, ws);
    ws.dz.resize(L);
    ws.da.resize(L);
    if (g.dW.size() != L) g = make_gradients();
    const size_t out = outputs();
    ensure(ws.dz[L - 1], batch * out);
    double loss = loss_forward_backward(loss_, arch_.layers[L - 1].activation,
                                        ws.z[L - 1].data(), ws.a[L - 1].data(), y, batch, out,
                                        ws.dz[L - 1].data());
    for (size_t l = L; l-- > 0;) {
        const size_t ni = layer_in(l), no = layer_out(l);
        const float* xin = l == 0 ? x : ws.a[l - 1].data();
        float* dx = nullptr;
        if (l > 0) {
            ensure(ws.da[l - 1], batch * ni);
            dx = ws.da[l - 1].data();
        }
        ensure(ws.wt, ni * no);
        float* db = g.db[l].empty() ? nullptr : g.db[l].data();
        if (!use_ref_ && threaded(ws)) {
            float* dz_prev = nullptr;
            if (l > 0) {
                ensure(ws.dz[l - 1], batch * ni);
                dz_prev = ws.dz[l - 1].data();
            }
            layer_backward_parallel(ws.pool, xin, ws.dz[l].data(), batch, ni, no, W_[l].data(),
                                    g.dW[l].data(), db, dx, ws.wt.data(),
                                    l > 0 ? arch_.layers[l - 1].activation : Activation::linear,
                                    l > 0 ? ws.z[l - 1].data() : nullptr,
                                    l > 0 ? ws.a[l - 1].data() : nullptr, dz_prev);
            continue;
        }
        if (use_ref_)
            dense_backward_ref(xin, ws.dz[l].data(), batch, ni, no, W_[l].data(),
                               g.dW[l].data(), db, dx, ws.wt.data());
        else
            dense_backward_simd(xin, ws.dz[l].data(), batch, ni, no, W_[l].data(),
                                g.dW[l].data(), db, dx, ws.wt.data());
        if (l > 0) {
            ensure(ws.dz[l - 1], batch * ni);
            activation_backward(arch_.layers[l - 1].activation, ws.z[l - 1].data(),
                                ws.a[l - 1].data(), dx, ws.dz[l - 1].data(), batch * ni);
        }
    }
    return loss;
}

void Network::check_batch(size_t batch, bool training) const {
    int64_t units = 0;
    for (const LayerSpec& l : arch_.layers) units += l.units;
    const int64_t per_row = units * (training ? 4 : 2);
    if (batch > size_t(kMaxBatchFloats) || int64_t(batch) * per_row > kMaxBatchFloats)
        throw Error("a batch of " + format_thousands(int64_t(batch)) + " rows needs " +
                    format_bytes(int64_t(batch) * per_row * 4) +
                    " of activations for this network; the limit is " +
                    format_bytes(kMaxBatchFloats * 4) + " (use a smaller batch)");
}

size_t Network::chunk_rows(size_t cap) const {
    int64_t units = 0;
    for (const LayerSpec& l : arch_.layers) units += l.units;
    int64_t rows = kMaxBatchFloats / (2 * units);
    return size_t(std::max<int64_t>(1, std::min<int64_t>(int64_t(cap), rows)));
}

std::vector<float> Network::predict(const float* x, size_t n) const {
    const size_t in = inputs(), out = outputs();
    for (size_t i = 0; i < n * in; ++i)
        if (!std::isfinite(x[i]))
            throw Error("predict: input " + std::to_string(i / in) + ", value " +
                        std::to_string(i % in) + " is not a finite number");
    // Chunks keep the workspace small whatever n is; 256 rows amortise the call overhead.
    const size_t chunk = chunk_rows(256);
    std::vector<float> y(n * out);
    Workspace ws;
    for (size_t r = 0; r < n; r += chunk) {
        size_t m = std::min(chunk, n - r);
        const float* a = forward(x + r * in, m, ws);
        std::copy(a, a + m * out, y.begin() + long(r * out));
    }
    return y;
}

std::vector<std::vector<float>> Network::activations(const float* x) const {
    Workspace ws;
    forward(x, 1, ws);
    std::vector<std::vector<float>> out(W_.size());
    for (size_t l = 0; l < W_.size(); ++l)
        out[l].assign(ws.a[l].begin(), ws.a[l].begin() + long(layer_out(l)));
    return out;
}

}  // namespace nn
