// Losses, in numerically stable forms, fused with the output activation where
// that is what makes them stable.
//   half_mse:    L = ½·mean over samples of Σ_o (a_o − y_o)²  (TF Playground's convention)
//   bce:         output layer must be sigmoid; L from the logit z: max(z,0) − z·y + log(1+e^−|z|)
//   softmax_ce:  output layer must be softmax; L = −Σ y_o·log softmax(z)_o via log-sum-exp
// Each reports the mean loss over the batch and writes dL/dz for the output
// pre-activation (already divided by the batch size).
#pragma once
#include <cstddef>
#include <string_view>
#include "activation.h"

namespace nn {

enum class Loss { half_mse, bce, softmax_ce };

Loss parse_loss(std::string_view name);  // "half_mse" (alias "mse"), "bce", "softmax_ce"
const char* loss_name(Loss l);

// Throws nn::Error if the output activation does not suit the loss
// (bce needs sigmoid, softmax_ce needs softmax and ≥ 2 outputs, half_mse forbids softmax).
void check_loss_output(Loss loss, Activation out_act, size_t outputs);

// z, a: (batch, outputs) pre-/post-activation of the output layer; y targets.
// Returns the mean loss (double accumulation). dz may be null (evaluation only).
double loss_forward_backward(Loss loss, Activation out_act, const float* z, const float* a,
                             const float* y, size_t batch, size_t outputs, float* dz);

// Per-sample "correct?" for accuracy: half_mse/bce with 1 output: sign/threshold agreement
// (tanh/linear: a ≥ 0 vs y ≥ 0; sigmoid: a ≥ 0.5 vs y ≥ 0.5); multi-output: argmax match.
bool sample_correct(Loss loss, Activation out_act, const float* a, const float* y, size_t outputs);

}  // namespace nn
