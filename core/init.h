// Weight initialisers. Biases start at zero, except under playground_uniform, where
// they start at 0.1 as in TF Playground.
#pragma once
#include <string_view>
#include "rng.h"

namespace nn {

enum class Init { playground_uniform, glorot_uniform, glorot_normal, he_uniform, he_normal,
                  lecun_uniform, lecun_normal, zeros };

// "playground" (U(−0.5, 0.5), TF Playground's), "glorot_uniform", "glorot_normal",
// "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "zeros".
Init parse_init(std::string_view name);
const char* init_name(Init i);

// Fill W (in*out) and b (out, may be null) from rng, consuming it in a fixed order.
void init_block(Init init, size_t in, size_t out, float* W, float* b, Rng& rng);

}  // namespace nn
