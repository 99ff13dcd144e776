// Portable elementary functions. glibc (native) and musl (emscripten) disagree in
// the last bit of exp/log/sin/cos/tanh, which would break the guarantee that a
// seeded run is bit-identical in the native build and in WASM. These use only
// IEEE +,-,*,/ and exact scaling, so every platform computes the same bits.
// Builds must use -ffp-contract=off (set in CMakeLists.txt) so no FMA sneaks in.
#pragma once
#include <cstddef>

namespace nn::pmath {

double exp(double x);   // relative error < 2e-16 on [-700, 700]; saturates outside
double log(double x);   // x > 0; log(0) = -inf, log(<0) = NaN
double sin(double x);   // accurate for |x| < 1e5 (Cody-Waite reduction)
double cos(double x);
double tanh(double x);
double log1p_exp(double x);  // log(1 + e^x), stable for any x (softplus)

// Float tanh with a rational approximation (|err| < 2 ulp-ish); elementwise and
// branch-light so the SIMD activation kernels can use the same formula per lane.
float tanh_f(float x);
float sigmoid_f(float x);  // 1 / (1 + e^-x) via exp in double, exact to float rounding

// y[i] = tanh_f(x[i]) for i < n, bit for bit (NaN and ±inf included): each SIMD lane
// performs tanh_f's float operations with the same constants in the same order, the
// clamp and the small-|x| shortcut as compare + select. x and y may be the same array.
void tanh_f_array(const float* x, float* y, size_t n);

}  // namespace nn::pmath
