// Portable elementary functions built from IEEE +,-,*,/ and exact scaling only, so the
// native and WASM builds return the same bits. The algorithms and coefficients are
// fdlibm's (Sun, freely distributable; the same ones musl uses), reduced to straight
// double arithmetic without bit tricks beyond frexp/ldexp.
#include "pmath.h"

#include <cmath>

#include <xsimd/xsimd.hpp>

#include "pmath_simd.h"

namespace nn::pmath {
namespace {

// 1.5 * 2^52: adding and subtracting it rounds a |v| < 2^51 to the nearest integer
// in round-to-nearest mode, without calling rint (whose speed varies by platform).
constexpr double kRoundMagic = 6755399441055744.0;

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // top 32 bits of ln 2, so k*hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
constexpr double kInvLn2 = 1.44269504088896338700e+00;

// Remez coefficients for exp on [-ln2/2, ln2/2] (fdlibm e_exp.c).
constexpr double P1 = 1.66666666666666019037e-01;
constexpr double P2 = -2.77777777770155933842e-03;
constexpr double P3 = 6.61375632143793436117e-05;
constexpr double P4 = -1.65339022054652515390e-06;
constexpr double P5 = 4.13813679705723846039e-08;

// exp(r) - 1 for |r| <= ln2/2 with a relative error near 1 ulp: fdlibm's
// exp(r) = 1 + r + r*c/(2-c) without the leading 1, so small results keep their bits.
inline double expm1_reduced(double r) {
    double t = r * r;
    double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    return r - (r * c) / (c - 2.0);
}

inline double round_to_int(double v) { return (v + kRoundMagic) - kRoundMagic; }

// expm1 with the same reduction as exp; tanh needs it to stay accurate near 0.
double expm1_impl(double x) {
    if (x != x) return x + x;
    if (x > 709.0) return exp(x);
    if (x < -40.0) return -1.0;  // e^-40 = 4e-18 < ulp(1)/2
    double k = round_to_int(x * kInvLn2);
    if (k == 0.0) return expm1_reduced(x);
    double hi = x - k * kLn2Hi;
    double lo = k * kLn2Lo;
    double r = hi - lo;
    int ki = static_cast<int>(k);
    double e = expm1_reduced(r);
    // 2^k*(1+e) - 1 = 2^k*e + (2^k - 1); both parts are exact, so one rounding.
    if (ki > 56) return std::ldexp(e + 1.0, ki) - 1.0;
    return std::ldexp(e, ki) + (std::ldexp(1.0, ki) - 1.0);
}

// Polynomials for sin/cos on [-pi/4, pi/4] (fdlibm k_sin.c / k_cos.c, musl's layout).
constexpr double S1 = -1.66666666666666324348e-01;
constexpr double S2 = 8.33333333332248946124e-03;
constexpr double S3 = -1.98412698298579493134e-04;
constexpr double S4 = 2.75573137070700676789e-06;
constexpr double S5 = -2.50507602534068634195e-08;
constexpr double S6 = 1.58969099521155010221e-10;

constexpr double C1 = 4.16666666666666019037e-02;
constexpr double C2 = -1.38888888888741095749e-03;
constexpr double C3 = 2.48015872894767294178e-05;
constexpr double C4 = -2.75573143513906633035e-07;
constexpr double C5 = 2.08757232129817482790e-09;
constexpr double C6 = -1.13596475577881948265e-11;

// sin(x + y) where y is the tail of the reduced argument.
inline double kernel_sin(double x, double y) {
    double z = x * x;
    double w = z * z;
    double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    double v = z * x;
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

inline double kernel_cos(double x, double y) {
    double z = x * x;
    double w = z * z;
    double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    double hz = 0.5 * z;
    w = 1.0 - hz;
    return w + (((1.0 - w) - hz) + (z * r - x * y));
}

// pi/2 in three 33-bit pieces plus tails (fdlibm e_rem_pio2.c): n*pio2_k is exact
// for |n| < 2^20, which covers |x| < 1e5 with room to spare.
constexpr double kInvPio2 = 6.36619772367581382433e-01;
constexpr double kPio2_1 = 1.57079632673412561417e+00;
constexpr double kPio2_1t = 6.07710050650619224932e-11;
constexpr double kPio2_2 = 6.07710050630396597660e-11;
constexpr double kPio2_2t = 2.02226624879595063154e-21;
constexpr double kPio2_3 = 2.02226624871116645580e-21;
constexpr double kPio2_3t = 8.47842766036889956997e-32;

// x = n*pi/2 + (y0 + y1) with |y0| <= ~pi/4, fdlibm's medium-size reduction: the
// second and third steps run only when the exponent drop shows cancellation, since
// the third step is valid only if the second one subtracted exactly.
inline int reduce_pio2(double x, double& y0, double& y1) {
    double fn = round_to_int(x * kInvPio2);
    double r = x - fn * kPio2_1;  // exact for |fn| < 2^20
    double w = fn * kPio2_1t;
    y0 = r - w;
    int ex = 0, ey = 0;
    std::frexp(x, &ex);
    std::frexp(y0, &ey);
    if (ex - ey > 16) {
        double t = r;
        w = fn * kPio2_2;
        r = t - w;
        w = fn * kPio2_2t - ((t - r) - w);
        y0 = r - w;
        std::frexp(y0, &ey);
        if (ex - ey > 49) {
            t = r;
            w = fn * kPio2_3;
            r = t - w;
            w = fn * kPio2_3t - ((t - r) - w);
            y0 = r - w;
        }
    }
    y1 = (r - y0) - w;
    return static_cast<int>(static_cast<long long>(fn) & 3);
}

// Beyond this |x| the reduction above loses exactness; fmod by the double nearest
// 2*pi is exact (so still deterministic) though no longer accurate.
constexpr double kReduceLimit = 1e9;
constexpr double kTwoPi = 6.28318530717958647692;

}  // namespace

double exp(double x) {
    if (x != x) return x + x;
    if (x > 709.782712893383973096) return HUGE_VAL;
    if (x < -745.13321910194110842) return 0.0;
    double k = round_to_int(x * kInvLn2);
    double hi = x - k * kLn2Hi;
    double lo = k * kLn2Lo;
    double r = hi - lo;
    double t = r * r;
    double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    // ldexp is exact, or one correct rounding when the result is subnormal.
    return std::ldexp(y, static_cast<int>(k));
}

// Coefficients of log((1+s)/(1-s)) = 2s + Lg1 s^3 + ... (fdlibm e_log.c).
namespace {
constexpr double Lg1 = 6.666666666666735130e-01;
constexpr double Lg2 = 3.999999999940941908e-01;
constexpr double Lg3 = 2.857142874366239149e-01;
constexpr double Lg4 = 2.222219843214978396e-01;
constexpr double Lg5 = 1.818357216161805012e-01;
constexpr double Lg6 = 1.531383769920937332e-01;
constexpr double Lg7 = 1.479819860511658591e-01;
constexpr double kSqrtHalf = 7.07106781186547524401e-01;
}  // namespace

double log(double x) {
    if (x != x) return x + x;
    if (x < 0.0) return (x - x) / 0.0;  // NaN
    if (x == 0.0) return -HUGE_VAL;
    if (x == HUGE_VAL) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
    if (m < kSqrtHalf) {
        m *= 2.0;
        e -= 1;
    }
    // Now m in [sqrt(1/2), sqrt(2)): f = m - 1 is exact (Sterbenz).
    double f = m - 1.0;
    double dk = e;
    double hfsq = 0.5 * f * f;
    double s = f / (2.0 + f);
    double z = s * s;
    double w = z * z;
    double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    double R = t2 + t1;
    return dk * kLn2Hi - ((hfsq - (s * (hfsq + R) + dk * kLn2Lo)) - f);
}

double sin(double x) {
    if (x != x || x - x != 0.0) return x - x;  // NaN or inf
    if (x < 0 ? x > -7.450580596923828125e-9 : x < 7.450580596923828125e-9) return x;  // 2^-27
    if (x > kReduceLimit || x < -kReduceLimit) x = std::fmod(x, kTwoPi);
    double y0, y1;
    int n = reduce_pio2(x, y0, y1);
    switch (n) {
        case 0: return kernel_sin(y0, y1);
        case 1: return kernel_cos(y0, y1);
        case 2: return -kernel_sin(y0, y1);
        default: return -kernel_cos(y0, y1);
    }
}

double cos(double x) {
    if (x != x || x - x != 0.0) return x - x;
    if (x < 0 ? x > -7.450580596923828125e-9 : x < 7.450580596923828125e-9) return 1.0;
    if (x > kReduceLimit || x < -kReduceLimit) x = std::fmod(x, kTwoPi);
    double y0, y1;
    int n = reduce_pio2(x, y0, y1);
    switch (n) {
        case 0: return kernel_cos(y0, y1);
        case 1: return -kernel_sin(y0, y1);
        case 2: return -kernel_cos(y0, y1);
        default: return kernel_sin(y0, y1);
    }
}

// Taylor coefficients of tanh(x)/x - 1 in powers of x^2 (2^2n (2^2n-1) B_2n / (2n)!,
// computed exactly and rounded): on |x| < 0.55 the 19 terms leave < 2^-56 relative.
constexpr double kTanhTaylor[] = {
    -0.3333333333333333,
    0.13333333333333333,
    -0.05396825396825397,
    0.021869488536155203,
    -0.008863235529902197,
    0.003592128036572481,
    -0.0014558343870513183,
    0.000590027440945586,
    -0.00023912911424355248,
    9.691537956929451e-05,
    -3.927832388331683e-05,
    1.5918905069328964e-05,
    -6.451689215655431e-06,
    2.6147711512907546e-06,
    -1.0597268320104654e-06,
    4.294911078273806e-07,
    -1.7406618963571648e-07,
    7.054636946400968e-08,
    -2.859136662305254e-08};

double tanh(double x) {
    if (x != x) return x + x;
    double ax = x < 0 ? -x : x;
    double t;
    if (ax > 22.0) {
        t = 1.0;  // 1 - tanh(22) = 1.6e-19 < ulp(1)/2
    } else if (ax < 3.7252902984e-09) {  // 2^-28: x - x^3/3 rounds to x (and -0 stays -0)
        return x;
    } else if (ax < 0.5493061443340549) {  // log(3)/2, as in musl
        // x + x*(x^2 P(x^2)): the correction is < 10% of x, so its rounding barely shows.
        double z = x * x;
        double p = kTanhTaylor[sizeof kTanhTaylor / sizeof *kTanhTaylor - 1];
        for (int i = static_cast<int>(sizeof kTanhTaylor / sizeof *kTanhTaylor) - 2; i >= 0; --i)
            p = p * z + kTanhTaylor[i];
        return x + x * (z * p);
    } else {
        // tanh = 1 - 2/(e+2) with e = expm1(2|x|) >= 2: the subtraction cannot cancel.
        double e = expm1_impl(2.0 * ax);
        t = 1.0 - 2.0 / (e + 2.0);
    }
    return x < 0 ? -t : t;
}

double log1p_exp(double x) {
    if (x > 36.0) return x + exp(-x);  // log(1+e^x) = x + log1p(e^-x), e^-x < 2.4e-16
    if (x < -37.0) return exp(x);      // log1p(u) = u - u^2/2 rounds to u for u < 8.6e-17
    double u = exp(x);
    double w = 1.0 + u;
    if (w == 1.0) return u;
    // Kahan's log1p: the rounding error of 1+u cancels in u/(w-1).
    return log(w) * (u / (w - 1.0));
}

float tanh_f(float x) {
    // Eigen's rational minimax approximation (generic_fast_tanh_float, non-FMA
    // clamp), evaluated in float: p(x^2)*x / q(x^2) on [-c, c].
    constexpr float c = 7.90531110763549805f;
    float xc = x > c ? c : (x < -c ? -c : x);  // NaN falls through and propagates
    if ((x < 0 ? -x : x) < 0.0004f) return x;
    float x2 = xc * xc;
    float p = -2.76076847742355e-16f;
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 + -8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * xc;
    float q = 1.19825839466702e-06f;
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return p / q;
}

using detail::tanh_f_batch;  // pmath_simd.h: shared with the GEMM epilogue (dense_simd_kernel.h)

void tanh_f_array(const float* x, float* y, size_t n) {
    using B = xsimd::batch<float>;
    constexpr size_t L = B::size;
    size_t i = 0;
    for (; i + L <= n; i += L) tanh_f_batch(B::load_unaligned(x + i)).store_unaligned(y + i);
    if (i < n) {
        // The tail through the same lanes (padded), so it is the same code path.
        alignas(64) float buf[L] = {};
        for (size_t j = 0; i + j < n; ++j) buf[j] = x[i + j];
        tanh_f_batch(B::load_unaligned(buf)).store_unaligned(buf);
        for (size_t j = 0; i + j < n; ++j) y[i + j] = buf[j];
    }
}

float sigmoid_f(float x) {
    // Double exp then one rounding to float: exact to float rounding but for the
    // rare double-rounding tie, and the same bits everywhere.
    return static_cast<float>(1.0 / (1.0 + exp(-static_cast<double>(x))));
}

}  // namespace nn::pmath
