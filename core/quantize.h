// Weight quantisation preview: round a trained network's weights through FP16 or
// symmetric per-block INT8 and back to float, so its loss and boundary can be compared.
#pragma once
#include <cstddef>
#include <string_view>
#include "network.h"

namespace nn {

enum class Precision { fp32, fp16, int8 };
Precision parse_precision(std::string_view name);  // "fp32", "fp16", "int8"
const char* precision_name(Precision p);

float round_to_fp16(float x);  // IEEE binary16, round to nearest even; overflow → ±inf
// Symmetric INT8 with one scale per block: scale = max|w| / 127, q = round(w / scale).
// Writes dequantised values; returns the scale (0 for an all-zero block).
float quantize_int8(const float* w, size_t n, float* out);

// A copy of net with weights and biases rounded through the precision.
Network quantized_copy(const Network& net, Precision p);

}  // namespace nn
