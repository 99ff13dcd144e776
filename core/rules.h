// The model rules that the page, the widgets, the CLI and the JS API share: which output
// layer a problem gets, the default loss, and how a seed text becomes the RNG's seed.
// One owner for each (a JS or CLI copy of these is a bug waiting to disagree). No I/O.
#pragma once
#include <cstdint>
#include <string_view>
#include "arch.h"
#include "loss.h"

namespace nn {

// The loss used when none is given: softmax cross-entropy for more than 2 classes,
// ½ squared error otherwise (TF Playground's only loss). classes 0 = regression.
Loss default_loss(int classes);

// The output layer for data with `classes` classes (0 = regression) under `loss`:
//   half_mse   regression: 1 linear unit; 2 classes: 1 tanh unit (labels ±1, TF Playground);
//              k > 2 classes: k linear units (one-hot targets)
//   bce        2 classes only: 1 sigmoid unit
//   softmax_ce k ≥ 2 classes: k softmax units
// Throws nn::Error naming the loss, the data and what would work.
LayerSpec output_layer(int classes, Loss loss);

// A seed as written in a link, on the command line or in the API, to the RNG's seed:
//   a decimal integer 0..2^53−1 ("7", "007") → that number, so the page's seed=7 and
//                                              `nnplay train --seed 7` are one seed;
//   any other text of 1..32 letters, digits, '.', '_' or '-' (TF Playground writes
//   seeds like "0.83747"; longer numbers too) → its 64-bit FNV-1a hash, with 2^63 set so
//                                              it never equals a number seed.
// Throws nn::Error for anything else. 2^53−1 (JS's largest safe integer) keeps every
// number seed exact in JS too.
uint64_t seed_from_text(std::string_view text);
constexpr uint64_t kMaxNumberSeed = (uint64_t(1) << 53) - 1;

}  // namespace nn
