#include "stall.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nn {

double majority_share(const Dataset& d) {
    if (d.classes < 2 || d.n_train == 0) return 0;
    std::vector<size_t> count(size_t(d.classes), 0);
    for (size_t i = 0; i < d.n_train; ++i) {
        const double l = d.label[i];
        if (l >= 0 && l < d.classes) ++count[size_t(l)];
    }
    return double(*std::max_element(count.begin(), count.end())) / double(d.n_train);
}

std::pair<size_t, size_t> saturated_units(const Network& net, const Dataset& d,
                                          const StallRule& rule) {
    const size_t rows = std::min(rule.rows, d.n_train);
    if (rows == 0 || net.num_layers() < 2) return {0, 0};
    Workspace ws;
    net.forward(d.x.data(), rows, ws);
    size_t sat = 0, can = 0;
    for (size_t l = 0; l + 1 < net.num_layers(); ++l) {
        const Activation act = net.arch().layers[l].activation;
        if (act != Activation::tanh && act != Activation::sigmoid && act != Activation::relu)
            continue;
        const size_t units = net.layer_out(l);
        const std::vector<float>& a = ws.a[l];  // (rows, units)
        for (size_t u = 0; u < units; ++u) {
            size_t flat = 0;
            for (size_t r = 0; r < rows; ++r) {
                const float v = a[r * units + u];
                const bool dead = act == Activation::tanh      ? std::fabs(v) > 0.99f
                                  : act == Activation::sigmoid ? (v < 0.01f || v > 0.99f)
                                                               : v <= 0.0f;
                flat += dead ? 1 : 0;
            }
            ++can;
            if (double(flat) >= rule.saturated * double(rows)) ++sat;
        }
    }
    return {sat, can};
}

StallCheck check_stall(const Network& net, const Dataset& d, const std::vector<double>& recent,
                       double accuracy, int64_t epoch, const StallRule& rule) {
    StallCheck c;
    if (d.classes < 2 || recent.size() < rule.window || !std::isfinite(accuracy)) return c;
    const auto [lo, hi] = std::minmax_element(recent.end() - long(rule.window), recent.end());
    if (!(std::isfinite(*lo) && std::isfinite(*hi))) return c;
    if (*hi - *lo > rule.flat * std::max(*hi, 1e-12)) return c;  // still moving
    c.chance = majority_share(d);
    if (accuracy > c.chance + rule.chance_margin) return c;      // learning something
    const auto [sat, can] = saturated_units(net, d, rule);
    c.saturated = sat;
    c.hidden = can;
    c.stalled = true;
    char head[200];
    std::snprintf(head, sizeof head,
                  "stalled at epoch %lld: the training loss has stayed at %.4f for %zu epochs and "
                  "the accuracy (%.1f%%) is no better than always answering the most common class "
                  "(%.1f%%)",
                  static_cast<long long>(epoch), recent.back(), rule.window, 100 * accuracy,
                  100 * c.chance);
    c.message = head;
    if (sat > 0) {
        c.message += "; " + std::to_string(sat) + " of " + std::to_string(can) +
                     " hidden units are saturated (tanh/sigmoid stuck near their limits, or ReLU "
                     "units that output 0 for every point), so almost no gradient flows";
        c.message += "; try a lower learning rate and reset the network";
    } else {
        c.message += "; try resetting with a random initialiser (all-zero weights stay "
                     "symmetric and never learn), more neurons or more features";
    }
    return c;
}

}  // namespace nn
