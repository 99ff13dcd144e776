// Activations and derivatives. The array versions call the same inline scalar
// formulas per element (float ops, pmath for transcendental parts), so they equal
// activation_value/activation_derivative bit for bit and match across builds. tanh
// and gelu take their tanh from pmath::tanh_f_array, whose SIMD lanes repeat
// tanh_f's operations exactly (tests/core/test_activation.cpp checks the bits).
#include "activation.h"

#include <string>

#include "error.h"
#include "pmath.h"

namespace nn {
namespace {

constexpr float kGeluC = 0.7978845608028654f;  // sqrt(2/pi)
constexpr float kGeluA = 0.044715f;

struct Entry {
    Activation act;
    const char* name;
};
constexpr Entry kTable[] = {
    {Activation::linear, "linear"}, {Activation::relu, "relu"},
    {Activation::leaky_relu, "leaky_relu"}, {Activation::tanh, "tanh"},
    {Activation::sigmoid, "sigmoid"}, {Activation::gelu, "gelu"},
    {Activation::swish, "swish"}, {Activation::softmax, "softmax"},
};

[[noreturn]] void softmax_not_elementwise(const char* what) {
    throw Error(std::string(what) + ": softmax is not elementwise (its gradient is fused into the loss)");
}

inline float value(Activation act, float z) {
    switch (act) {
        case Activation::linear: return z;
        case Activation::relu: return z > 0.0f ? z : 0.0f;
        case Activation::leaky_relu: return z > 0.0f ? z : kLeakySlope * z;
        case Activation::tanh: return pmath::tanh_f(z);
        case Activation::sigmoid: return pmath::sigmoid_f(z);
        case Activation::gelu: {
            float u = kGeluC * (z + kGeluA * z * z * z);
            return 0.5f * z * (1.0f + pmath::tanh_f(u));
        }
        case Activation::swish: return z * pmath::sigmoid_f(z);
        case Activation::softmax: break;
    }
    softmax_not_elementwise("activation_value");
}

// f'(z) given z and a = f(z); tanh and sigmoid reuse a instead of recomputing f.
inline float derivative(Activation act, float z, float a) {
    switch (act) {
        case Activation::linear: return 1.0f;
        case Activation::relu: return z > 0.0f ? 1.0f : 0.0f;
        case Activation::leaky_relu: return z > 0.0f ? 1.0f : kLeakySlope;
        case Activation::tanh: return 1.0f - a * a;
        case Activation::sigmoid: return a * (1.0f - a);
        case Activation::gelu: {
            float z2 = z * z;
            float u = kGeluC * (z + kGeluA * z2 * z);
            float t = pmath::tanh_f(u);
            float du = kGeluC * (1.0f + 3.0f * kGeluA * z2);
            return 0.5f * (1.0f + t) + 0.5f * z * ((1.0f - t * t) * du);
        }
        case Activation::swish: {
            float s = pmath::sigmoid_f(z);
            return s + z * (s * (1.0f - s));
        }
        case Activation::softmax: break;
    }
    softmax_not_elementwise("activation_backward");
}

// Softmax over one row: max-subtracted so exp never overflows; double exp and sum
// (in index order) so the row sums to 1 within float rounding on every platform.
void softmax_row(const float* z, float* a, size_t width) {
    float m = z[0];
    for (size_t i = 1; i < width; ++i)
        if (z[i] > m) m = z[i];
    double sum = 0.0;
    for (size_t i = 0; i < width; ++i) sum += pmath::exp(static_cast<double>(z[i]) - m);
    for (size_t i = 0; i < width; ++i)
        a[i] = static_cast<float>(pmath::exp(static_cast<double>(z[i]) - m) / sum);
}

// gelu over an array in chunks: u, then tanh of all u at once (SIMD), then the same
// float expression as value()/derivative() per element. A stack buffer, since dz may
// alias da and a may alias z.
constexpr size_t kChunk = 256;

void gelu_forward_array(const float* z, float* a, size_t n) {
    float t[kChunk];
    for (size_t i0 = 0; i0 < n; i0 += kChunk) {
        const size_t m = n - i0 < kChunk ? n - i0 : kChunk;
        for (size_t i = 0; i < m; ++i) {
            const float zi = z[i0 + i];
            t[i] = kGeluC * (zi + kGeluA * zi * zi * zi);
        }
        pmath::tanh_f_array(t, t, m);
        for (size_t i = 0; i < m; ++i) {
            const float zi = z[i0 + i];
            a[i0 + i] = 0.5f * zi * (1.0f + t[i]);
        }
    }
}

void gelu_backward_array(const float* z, const float* da, float* dz, size_t n) {
    float t[kChunk];
    for (size_t i0 = 0; i0 < n; i0 += kChunk) {
        const size_t m = n - i0 < kChunk ? n - i0 : kChunk;
        for (size_t i = 0; i < m; ++i) {
            const float zi = z[i0 + i];
            const float z2 = zi * zi;
            t[i] = kGeluC * (zi + kGeluA * z2 * zi);
        }
        pmath::tanh_f_array(t, t, m);
        for (size_t i = 0; i < m; ++i) {
            const float zi = z[i0 + i];
            const float z2 = zi * zi;
            const float ti = t[i];
            const float du = kGeluC * (1.0f + 3.0f * kGeluA * z2);
            dz[i0 + i] = da[i0 + i] * (0.5f * (1.0f + ti) + 0.5f * zi * ((1.0f - ti * ti) * du));
        }
    }
}

}  // namespace

Activation parse_activation(std::string_view name) {
    for (const Entry& e : kTable)
        if (name == e.name) return e.act;
    throw Error("unknown activation " + quoted(name) + "; allowed: " + activation_names_list());
}

const char* activation_name(Activation a) {
    for (const Entry& e : kTable)
        if (e.act == a) return e.name;
    return "?";
}

const char* activation_names_list() {
    return "linear, relu, leaky_relu, tanh, sigmoid, gelu, swish, softmax";
}

void activation_forward(Activation act, const float* z, float* a, size_t n, size_t width) {
    if (act == Activation::softmax) {
        if (width == 0 || n % width != 0)
            throw Error("softmax: size " + std::to_string(n) + " is not a multiple of row width " +
                        std::to_string(width));
        for (size_t r = 0; r < n; r += width) softmax_row(z + r, a + r, width);
        return;
    }
    // One switch per call, not per element, so each loop is a plain (vectorisable) map.
    switch (act) {
        case Activation::linear:
            for (size_t i = 0; i < n; ++i) a[i] = value(Activation::linear, z[i]);
            break;
        case Activation::relu:
            for (size_t i = 0; i < n; ++i) a[i] = value(Activation::relu, z[i]);
            break;
        case Activation::leaky_relu:
            for (size_t i = 0; i < n; ++i) a[i] = value(Activation::leaky_relu, z[i]);
            break;
        case Activation::tanh: pmath::tanh_f_array(z, a, n); break;
        case Activation::sigmoid:
            for (size_t i = 0; i < n; ++i) a[i] = value(Activation::sigmoid, z[i]);
            break;
        case Activation::gelu: gelu_forward_array(z, a, n); break;
        case Activation::swish:
            for (size_t i = 0; i < n; ++i) a[i] = value(Activation::swish, z[i]);
            break;
        case Activation::softmax: break;
    }
}

void activation_backward(Activation act, const float* z, const float* a, const float* da,
                         float* dz, size_t n) {
    switch (act) {
        case Activation::linear:
            for (size_t i = 0; i < n; ++i) dz[i] = da[i] * derivative(Activation::linear, z[i], a[i]);
            break;
        case Activation::relu:
            for (size_t i = 0; i < n; ++i) dz[i] = da[i] * derivative(Activation::relu, z[i], a[i]);
            break;
        case Activation::leaky_relu:
            for (size_t i = 0; i < n; ++i) dz[i] = da[i] * derivative(Activation::leaky_relu, z[i], a[i]);
            break;
        case Activation::tanh:
            for (size_t i = 0; i < n; ++i) dz[i] = da[i] * derivative(Activation::tanh, z[i], a[i]);
            break;
        case Activation::sigmoid:
            for (size_t i = 0; i < n; ++i) dz[i] = da[i] * derivative(Activation::sigmoid, z[i], a[i]);
            break;
        case Activation::gelu: gelu_backward_array(z, da, dz, n); break;
        case Activation::swish:
            for (size_t i = 0; i < n; ++i) dz[i] = da[i] * derivative(Activation::swish, z[i], a[i]);
            break;
        case Activation::softmax: softmax_not_elementwise("activation_backward");
    }
}

float activation_value(Activation act, float z) { return value(act, z); }

float activation_derivative(Activation act, float z) {
    if (act == Activation::softmax) softmax_not_elementwise("activation_derivative");
    return derivative(act, z, value(act, z));
}

}  // namespace nn
