// A multilayer perceptron: weights, biases, forward and backward passes over a
// minibatch. Knows nothing of datasets, files or the DOM.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>
#include "arch.h"
#include "init.h"
#include "size_limits.h"
#include "loss.h"

namespace nn {

class ThreadPool;

// The budget (kMaxTrainParams, kMaxTrainWidth, kMaxLayers, kMaxBatchFloats) is in size_limits.h.

// Reusable buffers for one batch size; grows on demand, never shrinks mid-training.
struct Workspace {
    size_t batch = 0;
    std::vector<std::vector<float>> z, a;  // per layer: (batch, units)
    std::vector<std::vector<float>> dz, da;
    std::vector<float> wt;                 // Wᵀ scratch for the largest block
    // Threads for forward/backward (dense_parallel.h; same bits as one thread), or null.
    // Not owned: the Trainer keeps its pool here.
    ThreadPool* pool = nullptr;
};

struct Gradients {
    std::vector<std::vector<float>> dW, db;
};

class Network {
public:
    // Validates the architecture, the loss/output pairing and the budget; throws nn::Error.
    Network(const Architecture& arch, Loss loss, Init init, uint64_t seed);
    Network(const Architecture& arch, Loss loss);  // all-zero weights, for loading

    const Architecture& arch() const { return arch_; }
    Loss loss() const { return loss_; }
    size_t inputs() const { return size_t(arch_.inputs); }
    size_t outputs() const { return size_t(arch_.layers.back().units); }
    size_t num_layers() const { return arch_.layers.size(); }
    size_t layer_in(size_t l) const;
    size_t layer_out(size_t l) const { return size_t(arch_.layers[l].units); }
    int64_t num_params() const;

    std::vector<float>& weights(size_t l) { return W_[l]; }  // (in, out)
    const std::vector<float>& weights(size_t l) const { return W_[l]; }
    std::vector<float>& biases(size_t l) { return b_[l]; }    // (out) or empty without bias
    const std::vector<float>& biases(size_t l) const { return b_[l]; }

    // Forward a batch; results stay in ws.z / ws.a. Returns pointer to the output (batch, outputs).
    const float* forward(const float* x, size_t batch, Workspace& ws) const;
    // Forward + loss + backward. Gradients are means over the batch. Returns the mean loss.
    double backward(const float* x, const float* y, size_t batch, Workspace& ws,
                    Gradients& g) const;
    Gradients make_gradients() const;

    // Outputs for n rows of x, forwarded in chunks so any n fits in memory. Throws
    // nn::Error if an input is NaN or infinite.
    std::vector<float> predict(const float* x, size_t n) const;

    // Throws nn::Error (with the size it would need) if a batch of this many rows would
    // need more than kMaxBatchFloats of activation buffers.
    void check_batch(size_t batch, bool training) const;
    // The most rows (≤ cap, ≥ 1) one forward pass should take to stay within that budget.
    size_t chunk_rows(size_t cap) const;

    // One sample: every layer's post-activation outputs (layer 0 = first hidden layer).
    std::vector<std::vector<float>> activations(const float* x) const;

    // Use the reference (scalar) kernels instead of SIMD: for tests and benchmarks.
    void set_use_reference_kernels(bool ref) { use_ref_ = ref; }

private:
    Architecture arch_;
    Loss loss_;
    std::vector<std::vector<float>> W_, b_;
    bool use_ref_ = false;
};

}  // namespace nn
