// Initialisers. Draw order is fixed (weights row by row, then biases) so a seed
// gives the same network everywhere.
#include "init.h"

#include <cmath>
#include <string>
#include "error.h"

namespace nn {

Init parse_init(std::string_view name) {
    static const std::pair<const char*, Init> table[] = {
        {"playground", Init::playground_uniform}, {"glorot_uniform", Init::glorot_uniform},
        {"glorot_normal", Init::glorot_normal},   {"he_uniform", Init::he_uniform},
        {"he_normal", Init::he_normal},           {"lecun_uniform", Init::lecun_uniform},
        {"lecun_normal", Init::lecun_normal},     {"zeros", Init::zeros}};
    for (const auto& [n, i] : table)
        if (name == n) return i;
    throw Error("unknown init " + quoted(name) +
                "; allowed: playground, glorot_uniform, glorot_normal, he_uniform, he_normal, "
                "lecun_uniform, lecun_normal, zeros");
}

const char* init_name(Init i) {
    switch (i) {
        case Init::playground_uniform: return "playground";
        case Init::glorot_uniform: return "glorot_uniform";
        case Init::glorot_normal: return "glorot_normal";
        case Init::he_uniform: return "he_uniform";
        case Init::he_normal: return "he_normal";
        case Init::lecun_uniform: return "lecun_uniform";
        case Init::lecun_normal: return "lecun_normal";
        case Init::zeros: return "zeros";
    }
    return "?";
}

void init_block(Init init, size_t in, size_t out, float* W, float* b, Rng& rng) {
    const size_t n = in * out;
    const double fan_in = double(in), fan_avg = (double(in) + double(out)) / 2.0;
    // sqrt is correctly rounded by IEEE 754, so it is portable.
    auto uniform = [&](double limit) {
        for (size_t i = 0; i < n; ++i) W[i] = float(rng.uniform(-limit, limit));
    };
    auto normal = [&](double stddev) {
        for (size_t i = 0; i < n; ++i) W[i] = float(rng.normal(0.0, stddev));
    };
    switch (init) {
        case Init::playground_uniform: uniform(0.5); break;
        case Init::glorot_uniform: uniform(std::sqrt(3.0 / fan_avg)); break;
        case Init::glorot_normal: normal(std::sqrt(1.0 / fan_avg)); break;
        case Init::he_uniform: uniform(std::sqrt(6.0 / fan_in)); break;
        case Init::he_normal: normal(std::sqrt(2.0 / fan_in)); break;
        case Init::lecun_uniform: uniform(std::sqrt(3.0 / fan_in)); break;
        case Init::lecun_normal: normal(std::sqrt(1.0 / fan_in)); break;
        case Init::zeros:
            for (size_t i = 0; i < n; ++i) W[i] = 0.0f;
            break;
    }
    if (b) {
        // TF Playground starts every bias at 0.1; the others start at zero.
        float b0 = init == Init::playground_uniform ? 0.1f : 0.0f;
        for (size_t o = 0; o < out; ++o) b[o] = b0;
    }
}

}  // namespace nn
