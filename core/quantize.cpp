// Quantisation by round trip: values are rounded to what the format can hold and
// kept as float, so the same kernels run the quantised network.
#include "quantize.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include "error.h"

namespace nn {

Precision parse_precision(std::string_view name) {
    if (name == "fp32") return Precision::fp32;
    if (name == "fp16") return Precision::fp16;
    if (name == "int8") return Precision::int8;
    if (name == "int4") return Precision::int4;
    throw Error("unknown precision " + quoted(name) + "; allowed: fp32, fp16, int8, int4");
}

const char* precision_name(Precision p) {
    switch (p) {
        case Precision::fp32: return "fp32";
        case Precision::fp16: return "fp16";
        case Precision::int8: return "int8";
        case Precision::int4: return "int4";
    }
    return "?";
}

float round_to_fp16(float x) {
    uint32_t f;
    std::memcpy(&f, &x, 4);
    const uint32_t sign = f & 0x80000000u;
    uint32_t mag = f ^ sign;
    if (mag >= 0x7f800000u) return x;  // inf, NaN
    if (mag < 0x38800000u) {
        // Below 2^-14 half is subnormal with a fixed quantum of 2^-24; scaling by a
        // power of two is exact and nearbyint rounds to nearest even.
        float q = std::nearbyint(std::fabs(x) * 16777216.0f) / 16777216.0f;
        std::memcpy(&mag, &q, 4);
    } else {
        // Keep 10 of float's 23 mantissa bits, round to nearest even.
        mag += 0x0fffu + ((mag >> 13) & 1u);
        mag &= ~0x1fffu;
        if (mag > 0x477fe000u) mag = 0x7f800000u;  // beyond 65504: inf
    }
    uint32_t r = mag | sign;
    float out;
    std::memcpy(&out, &r, 4);
    return out;
}

namespace {
// Symmetric integer grid with `levels` steps each side of zero (127 for INT8, 7 for INT4).
float quantize_symmetric(const float* w, size_t n, float* out, float levels) {
    float mx = 0.0f;
    for (size_t i = 0; i < n; ++i) mx = std::fmax(mx, std::fabs(w[i]));
    if (mx == 0.0f || !std::isfinite(mx)) {
        for (size_t i = 0; i < n; ++i) out[i] = std::isfinite(mx) ? 0.0f : w[i];
        return 0.0f;
    }
    const float scale = mx / levels;
    for (size_t i = 0; i < n; ++i) {
        float q = std::nearbyint(w[i] / scale);
        q = std::fmin(levels, std::fmax(-levels, q));
        out[i] = q * scale;
    }
    return scale;
}
}  // namespace

float quantize_int8(const float* w, size_t n, float* out) { return quantize_symmetric(w, n, out, 127.0f); }
float quantize_int4(const float* w, size_t n, float* out) { return quantize_symmetric(w, n, out, 7.0f); }

Network quantized_copy(const Network& net, Precision p) {
    Network q = net;
    if (p == Precision::fp32) return q;
    for (size_t l = 0; l < q.num_layers(); ++l) {
        auto& W = q.weights(l);
        auto& b = q.biases(l);
        if (p == Precision::fp16) {
            for (float& v : W) v = round_to_fp16(v);
            for (float& v : b) v = round_to_fp16(v);
        } else {
            // INT8/INT4 inference keeps biases at higher precision (int32 accumulators), as
            // TFLite and PyTorch do; only weights are quantised.
            if (p == Precision::int8) quantize_int8(W.data(), W.size(), W.data());
            else quantize_int4(W.data(), W.size(), W.data());
        }
    }
    return q;
}

}  // namespace nn
