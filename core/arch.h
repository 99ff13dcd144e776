// Network architecture and exact parameter accounting. Counting never allocates
// weights, so it answers for any size (100,000 × 100,000 = 10^10) with 64-bit
// integers, and refuses what would overflow int64 instead of wrapping around.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "activation.h"

namespace nn {

struct LayerSpec {
    int64_t units = 1;
    Activation activation = Activation::tanh;
    bool bias = true;
};

struct Architecture {
    int64_t inputs = 2;
    std::vector<LayerSpec> layers;  // hidden layers then the output layer
};

// Throws nn::Error naming the offending layer if a width is < 1 or > kMaxCountWidth,
// if there are no layers, or if softmax is used anywhere but the last layer.
void validate_architecture(const Architecture& a);
constexpr int64_t kMaxCountWidth = 1000000000000LL;  // 10^12: counting only

// One connection block: layer l-1 (or the input) to layer l.
struct BlockCount {
    int64_t in = 0, out = 0;
    int64_t weights = 0;   // in × out
    int64_t biases = 0;    // out, or 0 without bias
    int64_t params = 0;    // weights + biases
    int64_t macs = 0;      // multiply-adds per sample = in × out
};

struct StorageBytes {
    int64_t fp32 = 0;      // 4 B per parameter
    int64_t fp16 = 0;      // 2 B per parameter
    int64_t int8 = 0;      // 1 B per parameter + one fp32 scale (4 B) per block
    int64_t int4 = 0;      // ceil(params/2) per block + one fp32 scale per block
};

struct ParamReport {
    std::vector<BlockCount> blocks;
    int64_t weights = 0, biases = 0, params = 0, macs = 0;
    int64_t neurons = 0;            // hidden + output units
    StorageBytes storage;
    // Optimiser state in floats (×4 for bytes): SGD 0, momentum 1×params, Adam 2×params.
    int64_t optimizer_sgd = 0, optimizer_momentum = 0, optimizer_adam = 0;
    // Activation memory per sample in floats: inference keeps the two largest adjacent
    // layers alive (ping-pong buffers); training keeps every layer's pre- and post-activation
    // plus the input.
    int64_t activations_inference = 0, activations_training = 0;
};

ParamReport count_parameters(const Architecture& a);

// "32,768"
std::string format_thousands(int64_t v);
// "160.9 KiB" style with explicit unit: B below 1024, then KiB, MiB, GiB.
std::string format_bytes(int64_t bytes);

}  // namespace nn
