// Weight quantisation preview: round a trained network's weights through FP16 or
// symmetric per-block INT8 or INT4 and back to float, so its loss and boundary can be compared.
#pragma once
#include <cstddef>
#include <string_view>
#include "network.h"

namespace nn {

enum class Precision { fp32, fp16, int8, int4 };
Precision parse_precision(std::string_view name);  // "fp32", "fp16", "int8", "int4"
const char* precision_name(Precision p);

float round_to_fp16(float x);  // IEEE binary16, round to nearest even; overflow → ±inf
// Symmetric INT8 with one scale per block: scale = max|w| / 127, q = round(w / scale).
// Writes dequantised values; returns the scale (0 for an all-zero block).
float quantize_int8(const float* w, size_t n, float* out);
// Symmetric INT4, one scale per block: scale = max|w| / 7, q = round(w / scale) in -7..7
// (15 levels; -8 is left unused so the grid is symmetric, as INT8 leaves -128). Same contract.
float quantize_int4(const float* w, size_t n, float* out);

// A copy of net with weights and biases rounded through the precision.
Network quantized_copy(const Network& net, Precision p);

}  // namespace nn
