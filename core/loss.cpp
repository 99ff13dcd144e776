// Losses in the forms that stay finite for any finite logit: BCE from the logit
// (never log(sigmoid)), softmax cross-entropy through log-sum-exp. Sums run in
// double in sample order so the result is the same on every platform.
#include "loss.h"

#include <algorithm>
#include <cmath>
#include <string>
#include "error.h"
#include "pmath.h"

namespace nn {

Loss parse_loss(std::string_view name) {
    if (name == "half_mse" || name == "mse") return Loss::half_mse;
    if (name == "bce") return Loss::bce;
    if (name == "softmax_ce") return Loss::softmax_ce;
    throw Error("unknown loss " + quoted(name) + "; allowed: half_mse, bce, softmax_ce");
}

const char* loss_name(Loss l) {
    switch (l) {
        case Loss::half_mse: return "half_mse";
        case Loss::bce: return "bce";
        case Loss::softmax_ce: return "softmax_ce";
    }
    return "?";
}

void check_loss_output(Loss loss, Activation out_act, size_t outputs) {
    std::string act = activation_name(out_act);
    switch (loss) {
        case Loss::half_mse:
            if (out_act == Activation::softmax)
                throw Error("loss half_mse: the output layer cannot be softmax; use softmax_ce");
            break;
        case Loss::bce:
            if (out_act != Activation::sigmoid)
                throw Error("loss bce needs a sigmoid output layer, got " + act);
            break;
        case Loss::softmax_ce:
            if (out_act != Activation::softmax)
                throw Error("loss softmax_ce needs a softmax output layer, got " + act);
            if (outputs < 2)
                throw Error("loss softmax_ce needs at least 2 output units, got " +
                            std::to_string(outputs));
            break;
    }
}

double loss_forward_backward(Loss loss, Activation out_act, const float* z, const float* a,
                             const float* y, size_t batch, size_t outputs, float* dz) {
    double total = 0.0;
    const float inv = 1.0f / float(batch);
    for (size_t s = 0; s < batch; ++s) {
        const float* zs = z + s * outputs;
        const float* as = a + s * outputs;
        const float* ys = y + s * outputs;
        float* ds = dz ? dz + s * outputs : nullptr;
        double ls = 0.0;
        switch (loss) {
            case Loss::half_mse:
                for (size_t o = 0; o < outputs; ++o) {
                    float d = as[o] - ys[o];
                    ls += 0.5 * double(d) * double(d);
                    if (ds) ds[o] = d * inv * activation_derivative(out_act, zs[o]);
                }
                break;
            case Loss::bce:
                for (size_t o = 0; o < outputs; ++o) {
                    double zz = zs[o], yy = ys[o];
                    ls += std::max(zz, 0.0) - zz * yy + pmath::log1p_exp(-std::fabs(zz));
                    if (ds) ds[o] = (as[o] - ys[o]) * inv;
                }
                break;
            case Loss::softmax_ce: {
                double mx = zs[0];
                for (size_t o = 1; o < outputs; ++o) mx = std::max(mx, double(zs[o]));
                double sum = 0.0;
                for (size_t o = 0; o < outputs; ++o) sum += pmath::exp(double(zs[o]) - mx);
                double lse = mx + pmath::log(sum);
                for (size_t o = 0; o < outputs; ++o) {
                    if (ys[o] != 0.0f) ls += double(ys[o]) * (lse - double(zs[o]));
                    if (ds) ds[o] = (as[o] - ys[o]) * inv;
                }
                break;
            }
        }
        total += ls;
    }
    return total / double(batch);
}

bool sample_correct(Loss loss, Activation out_act, const float* a, const float* y,
                    size_t outputs) {
    if (outputs == 1) {
        float t = (loss == Loss::bce || out_act == Activation::sigmoid) ? 0.5f : 0.0f;
        return (a[0] >= t) == (y[0] >= t);
    }
    size_t pa = 0, py = 0;
    for (size_t o = 1; o < outputs; ++o) {
        if (a[o] > a[pa]) pa = o;
        if (y[o] > y[py]) py = o;
    }
    return pa == py;
}

}  // namespace nn
