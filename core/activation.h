// Activation functions and their derivatives, elementwise over float arrays.
// Softmax is an output-only activation (used with softmax cross-entropy) and is
// handled by the loss, not here.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace nn {

enum class Activation { linear, relu, leaky_relu, tanh, sigmoid, gelu, swish, softmax };

// Names as used in C++, JS, URL and docs: "linear", "relu", "leaky_relu", "tanh",
// "sigmoid", "gelu", "swish", "softmax". parse throws nn::Error listing the allowed names.
Activation parse_activation(std::string_view name);
const char* activation_name(Activation a);
const char* activation_names_list();  // "linear, relu, leaky_relu, tanh, sigmoid, gelu, swish, softmax"

constexpr float kLeakySlope = 0.01f;

// a = f(z). softmax: rows of `width` each (n must be a multiple of width).
void activation_forward(Activation act, const float* z, float* a, size_t n, size_t width);
// dz = da * f'(z), using z and a = f(z). Not valid for softmax (the loss fuses it).
void activation_backward(Activation act, const float* z, const float* a, const float* da,
                         float* dz, size_t n);
// Scalar versions used by tests and the reference paths.
float activation_value(Activation act, float z);
float activation_derivative(Activation act, float z);

}  // namespace nn
