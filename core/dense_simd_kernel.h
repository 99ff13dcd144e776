// Internal to the dense_simd*.cpp translation units: the GEMM kernel written once
// over xsimd::batch<float, Arch>, and the table each per-instruction-set TU exports
// for run-time dispatch. Not part of the public API.
#pragma once
#include <cstddef>

#include <xsimd/xsimd.hpp>

#include "dense.h"
#include "pmath.h"
#include "pmath_simd.h"

namespace nn::detail {

struct SimdImpl {
    const char* name;  // xsimd's arch name, e.g. "sse2", "avx2", "avx512f", "sse4.1"
    size_t lanes;
    void (*gemm)(const GemmArgs&);
};

// Defined in dense_simd.cpp (the default arch of the build) and, natively on x86,
// in dense_simd_avx2.cpp / dense_simd_avx512.cpp (compiled with per-file flags).
const SimdImpl& simd_impl_base();
const SimdImpl& simd_impl_avx2();
const SimdImpl& simd_impl_avx512();

// Every C[m,n] is init + A[m,0]*B[0,n] + A[m,1]*B[1,n] + ... in that order, one
// rounded mul then one rounded add per term: exactly gemm_ref's sequence. SIMD only
// spreads independent n across lanes, so the lane count cannot change any bit.
// No fma: a fused multiply-add rounds once and would differ from the reference.

// The epilogue of finished sums (dense.h), applied to a tile just stored (still in L1):
// the same operations per lane as gemm_ref's. Kept out of line so the GEMM's hot loop stays
// small: inlined into every tile shape, the tanh made the WASM kernel function big enough
// that V8's optimised code for the k loop got slower (measured: 2-256-128-64-1 grid 119 →
// 200 ms best of 6 in node).
template <class B>
[[gnu::noinline]] void gemm_epilogue_block(float* c, size_t ldc, size_t rows, size_t vecs, GemmEpilogue e) {
    constexpr size_t L = B::size;
    for (size_t i = 0; i < rows; ++i) {
        float* r = c + i * ldc;
        if (e == GemmEpilogue::tanh) {
            for (size_t j = 0; j < vecs; ++j)
                pmath::detail::tanh_f_batch(B::load_unaligned(r + j * L)).store_unaligned(r + j * L);
        } else if (e == GemmEpilogue::relu) {
            for (size_t j = 0; j < vecs; ++j) {
                const B v = B::load_unaligned(r + j * L);
                xsimd::select(v > B(0.0f), v, B(0.0f)).store_unaligned(r + j * L);
            }
        }
    }
}
inline float gemm_epilogue(float v, GemmEpilogue e) {
    if (e == GemmEpilogue::tanh) return pmath::tanh_f(v);
    if (e == GemmEpilogue::relu) return v > 0.0f ? v : 0.0f;
    return v;
}

// MR rows of C by NR vectors of columns, all held in registers across the k loop.
template <class B, int MR, int NR>
inline void gemm_tile(const GemmArgs& g, size_t m0, size_t n0) {
    constexpr size_t L = B::size;
    B acc[MR][NR];
    float* c = g.C + m0 * g.ldc + n0;
    for (int i = 0; i < MR; ++i)
        for (int j = 0; j < NR; ++j)
            acc[i][j] = g.row_init ? B(g.row_init[m0 + i])
                        : g.accumulate ? B::load_unaligned(c + i * g.ldc + j * L) : B(0.0f);
    const float* a = g.A + m0 * g.a_rs;
    const float* b = g.B + n0;
    for (size_t k = 0; k < g.K; ++k) {
        B bv[NR];
        for (int j = 0; j < NR; ++j) bv[j] = B::load_unaligned(b + j * L);
        for (int i = 0; i < MR; ++i) {
            B av(a[i * g.a_rs]);
            for (int j = 0; j < NR; ++j) acc[i][j] = acc[i][j] + av * bv[j];
        }
        a += g.a_cs;
        b += g.ldb;
    }
    for (int i = 0; i < MR; ++i)
        for (int j = 0; j < NR; ++j) acc[i][j].store_unaligned(c + i * g.ldc + j * L);
}

// All rows for columns [n0, n0 + NR*L): MR-row tiles, then single rows; then the epilogue
// once over the whole panel (M × NR·L floats, still in L1), not one call per tile.
template <class B, int MR, int NR>
inline void gemm_panel(const GemmArgs& g, size_t n0) {
    size_t m = 0;
    for (; m + MR <= g.M; m += MR) gemm_tile<B, MR, NR>(g, m, n0);
    for (; m < g.M; ++m) gemm_tile<B, 1, NR>(g, m, n0);
    if (g.epilogue != GemmEpilogue::none) gemm_epilogue_block<B>(g.C + n0, g.ldc, g.M, NR, g.epilogue);
}

// Columns [n, N) in panels of NR vectors, then single vectors; returns the first
// column left over (fewer than B::size).
template <class Arch, int MR, int NR>
size_t gemm_columns(const GemmArgs& g, size_t n) {
    using B = xsimd::batch<float, Arch>;
    constexpr size_t L = B::size;
    // Column panels outermost: a panel of B (K x NR*L) stays in L1 while every row
    // block of A streams past it.
    for (; n + NR * L <= g.N; n += NR * L) gemm_panel<B, MR, NR>(g, n);
    for (; n + L <= g.N; n += L) gemm_panel<B, MR, 1>(g, n);
    return n;
}

// Scalar tail: the same per-element sequence as the lanes.
inline void gemm_scalar_columns(const GemmArgs& g, size_t n) {
    for (size_t m = 0; m < g.M; ++m) {
        for (size_t j = n; j < g.N; ++j) {
            float* c = g.C + m * g.ldc + j;
            float acc = g.row_init ? g.row_init[m] : g.accumulate ? *c : 0.0f;
            const float* a = g.A + m * g.a_rs;
            const float* b = g.B + j;
            for (size_t k = 0; k < g.K; ++k) acc = acc + a[k * g.a_cs] * b[k * g.ldb];
            *c = gemm_epilogue(acc, g.epilogue);
        }
    }
}

template <class Arch, int MR, int NR>
void gemm_kernel(const GemmArgs& g) {
    gemm_scalar_columns(g, gemm_columns<Arch, MR, NR>(g, 0));
}

}  // namespace nn::detail
