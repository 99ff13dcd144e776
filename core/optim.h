// Optimisers and regularisation. Update for parameter p with gradient g
// (g is the mean over the batch of dL/dp):
//   regularised g' = g + l2·p + l1·sign(p)          (weights only; biases are not regularised)
//   sgd:       p −= lr·g'
//   momentum:  v = μ·v + g';  p −= lr·v                  (μ = momentum, default 0.9)
//   adam:      m = β1·m + (1−β1)·g';  v = β2·v + (1−β2)·g'²;
//              p −= lr·(m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε)
// L2 here is the gradient of (l2/2)·Σp², L1 of l1·Σ|p|, matching TF Playground's
// regularization rate semantics.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace nn {

enum class OptimizerKind { sgd, momentum, adam };
OptimizerKind parse_optimizer(std::string_view name);  // "sgd", "momentum", "adam"
const char* optimizer_name(OptimizerKind k);

struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::sgd;
    double lr = 0.03;
    double momentum = 0.9;
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double l1 = 0.0, l2 = 0.0;
};
// Throws nn::Error for NaN/negative/absurd values, naming the field and the allowed range.
void validate_optimizer(const OptimizerSettings& s);

// Holds per-parameter state for a list of parameter arrays.
class Optimizer {
public:
    Optimizer() = default;
    Optimizer(const OptimizerSettings& s, const std::vector<size_t>& sizes);
    // p, g of sizes[idx]; regularize is false for biases.
    void step_begin();  // once per minibatch, advances t
    void update(size_t idx, float* p, const float* g, size_t n, bool regularize);
    const OptimizerSettings& settings() const { return s_; }
    // New rates/regularisation keep the accumulated state; a new kind starts afresh.
    void set_settings(const OptimizerSettings& s);
    int64_t steps() const { return t_; }

private:
    OptimizerSettings s_;
    std::vector<size_t> sizes_;
    std::vector<std::vector<float>> m_, v_;
    int64_t t_ = 0;
    double b1t_ = 1.0, b2t_ = 1.0;  // β1^t, β2^t
};

}  // namespace nn
