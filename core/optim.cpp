// Optimiser updates, elementwise in float. Adam's bias corrections use β^t kept
// as a running product in double (std::pow differs across libms; products don't).
#include "optim.h"

#include <cmath>
#include <cstdio>
#include <string>
#include "error.h"

namespace nn {

OptimizerKind parse_optimizer(std::string_view name) {
    if (name == "sgd") return OptimizerKind::sgd;
    if (name == "momentum") return OptimizerKind::momentum;
    if (name == "adam") return OptimizerKind::adam;
    throw Error("unknown optimizer " + quoted(name) + "; allowed: sgd, momentum, adam");
}

const char* optimizer_name(OptimizerKind k) {
    switch (k) {
        case OptimizerKind::sgd: return "sgd";
        case OptimizerKind::momentum: return "momentum";
        case OptimizerKind::adam: return "adam";
    }
    return "?";
}

namespace {
void check_range(const char* field, double v, double lo, double hi, bool hi_open) {
    bool ok = std::isfinite(v) && v >= lo && (hi_open ? v < hi : v <= hi);
    if (!ok) {
        char buf[160];
        snprintf(buf, sizeof buf, "%s must be a finite number in [%g, %g%s, got %g", field, lo,
                 hi, hi_open ? ")" : "]", v);
        throw Error(buf);
    }
}
}  // namespace

void validate_optimizer(const OptimizerSettings& s) {
    check_range("lr", s.lr, 0.0, 100.0, false);
    check_range("momentum", s.momentum, 0.0, 1.0, true);
    check_range("beta1", s.beta1, 0.0, 1.0, true);
    check_range("beta2", s.beta2, 0.0, 1.0, true);
    check_range("eps", s.eps, 1e-30, 1.0, false);
    check_range("l1", s.l1, 0.0, 100.0, false);
    check_range("l2", s.l2, 0.0, 100.0, false);
}

Optimizer::Optimizer(const OptimizerSettings& s, const std::vector<size_t>& sizes)
    : s_(s), sizes_(sizes) {
    validate_optimizer(s);
    if (s.kind != OptimizerKind::sgd) {
        m_.resize(sizes.size());
        for (size_t i = 0; i < sizes.size(); ++i) m_[i].assign(sizes[i], 0.0f);
    }
    if (s.kind == OptimizerKind::adam) {
        v_.resize(sizes.size());
        for (size_t i = 0; i < sizes.size(); ++i) v_[i].assign(sizes[i], 0.0f);
    }
}

void Optimizer::set_settings(const OptimizerSettings& s) {
    validate_optimizer(s);
    if (s.kind != s_.kind) {
        *this = Optimizer(s, std::vector<size_t>(sizes_));
        return;
    }
    if (s.l1 != s_.l1) dead_.clear();  // frozen weights belong to the L1 rate that froze them
    s_ = s;
}

void Optimizer::step_begin() {
    ++t_;
    b1t_ *= s_.beta1;
    b2t_ *= s_.beta2;
}

void Optimizer::update(size_t idx, float* p, const float* g, size_t n, bool regularize) {
    prepare(idx, n);
    update_range(idx, p, g, 0, n, regularize);
}

void Optimizer::prepare(size_t idx, size_t n) {
    if (s_.kind == OptimizerKind::sgd && s_.l1 != 0.0) {
        if (dead_.size() <= idx) dead_.resize(idx + 1);
        if (dead_[idx].size() != n) dead_[idx].assign(n, 0);
    }
}

void Optimizer::update_range(size_t idx, float* p, const float* g, size_t begin, size_t end,
                             bool regularize) {
    const float lr = float(s_.lr);
    const float l1 = regularize ? float(s_.l1) : 0.0f;
    const float l2 = regularize ? float(s_.l2) : 0.0f;
    auto reg = [&](float pv, float gv) {
        if (l2 != 0.0f) gv += l2 * pv;
        if (l1 != 0.0f) gv += l1 * float((pv > 0.0f) - (pv < 0.0f));
        return gv;
    };
    switch (s_.kind) {
        case OptimizerKind::sgd: {
            // TF Playground's nn.ts updateWeights: the gradient step, then the regulariser's
            // step from the weight before both; a weight that L1 pushes across zero is set to
            // 0 and frozen ("dead"), as TF does. Without regularisation w2 == w1 exactly.
            const float lr_l1 = float(s_.lr * s_.l1), lr_l2 = float(s_.lr * s_.l2);
            // prepare() sized dead_[idx] whenever l1 (of the settings) is not 0.
            uint8_t* dead = l1 != 0.0f ? dead_[idx].data() : nullptr;
            for (size_t i = begin; i < end; ++i) {
                if (dead && dead[i]) continue;
                const float w0 = p[i];
                const float w1 = w0 - lr * g[i];
                float r = 0.0f;
                if (l2 != 0.0f) r += lr_l2 * w0;
                if (l1 != 0.0f) r += lr_l1 * float((w0 > 0.0f) - (w0 < 0.0f));
                const float w2 = w1 - r;
                if (dead && w1 * w2 < 0.0f) {
                    p[i] = 0.0f;
                    dead[i] = 1;
                } else {
                    p[i] = w2;
                }
            }
            break;
        }
        case OptimizerKind::momentum: {
            float* v = m_[idx].data();
            const float mu = float(s_.momentum);
            for (size_t i = begin; i < end; ++i) {
                v[i] = mu * v[i] + reg(p[i], g[i]);
                p[i] -= lr * v[i];
            }
            break;
        }
        case OptimizerKind::adam: {
            float* m = m_[idx].data();
            float* v = v_[idx].data();
            const float b1 = float(s_.beta1), b2 = float(s_.beta2), eps = float(s_.eps);
            // 1 − β in double, then rounded once: 1.0f − float(β) carries float(β)'s rounding
            // (1 − 0.9f = 0.10000002, 1 − 0.999f = 0.00099998713), which made every step
            // 6.7e-6 (relative) longer than the documented rule; torch rounds as here.
            const float a1 = float(1.0 - s_.beta1), a2 = float(1.0 - s_.beta2);
            const float c1 = float(1.0 / (1.0 - b1t_));
            const float c2 = float(1.0 / (1.0 - b2t_));
            for (size_t i = begin; i < end; ++i) {
                float gv = reg(p[i], g[i]);
                m[i] = b1 * m[i] + a1 * gv;
                v[i] = b2 * v[i] + a2 * gv * gv;
                p[i] -= lr * (m[i] * c1) / (std::sqrt(v[i] * c2) + eps);
            }
            break;
        }
    }
}

}  // namespace nn
