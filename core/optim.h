// Optimisers and regularisation. Update for parameter p with gradient g (g is the mean over
// the batch of dL/dp); l1 and l2 apply to weights only, never to biases. L2 is the gradient
// of (l2/2)·Σp², L1 of l1·Σ|p|, with sign(0) = 0: TF Playground's regularization and
// regularizationRate (a link's regularization=L1&regularizationRate=r gives l1 = r, l2 = 0).
//   sgd (TF Playground's nn.ts updateWeights, step for step):
//              p1 = p − lr·g                          (the gradient step)
//              p2 = p1 − (lr·l2)·p − (lr·l1)·sign(p)  (the regulariser's step, from p)
//              L1 only: if p1·p2 < 0 (the regulariser carried p across zero) then p = 0 and
//              the weight is frozen ("dead") until l1 changes or the optimiser starts afresh;
//              otherwise p = p2. With l1 = l2 = 0, p2 == p1 exactly.
//   momentum:  g' = g + l2·p + l1·sign(p);  v = μ·v + g';  p −= lr·v   (μ default 0.9)
//   adam:      g' as momentum; m = β1·m + (1−β1)·g';  v = β2·v + (1−β2)·g'²;
//              p −= lr·(m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε)
//   (momentum and Adam couple the regulariser into the gradient, as torch's weight_decay;
//   TF Playground has only SGD.) Arithmetic in float; lr·l1 and lr·l2 are formed in double.
// docs/training.md walks through one update with numbers.
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
    // update() split for threads: prepare(idx, n) once (sizes per-array state; not
    // thread-safe), then update_range over disjoint [begin, end) ranges covering [0, n), from
    // any threads: each element gets exactly update()'s arithmetic (p, g, state at index i).
    void prepare(size_t idx, size_t n);
    void update_range(size_t idx, float* p, const float* g, size_t begin, size_t end,
                      bool regularize);
    const OptimizerSettings& settings() const { return s_; }
    // New rates/regularisation keep the accumulated state; a new kind starts afresh.
    void set_settings(const OptimizerSettings& s);
    int64_t steps() const { return t_; }

private:
    OptimizerSettings s_;
    std::vector<size_t> sizes_;
    std::vector<std::vector<float>> m_, v_;
    std::vector<std::vector<uint8_t>> dead_;  // sgd + L1: weights frozen at 0, per array
    int64_t t_ = 0;
    double b1t_ = 1.0, b2t_ = 1.0;  // β1^t, β2^t
};

}  // namespace nn
