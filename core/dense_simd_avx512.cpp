// The GEMM kernel for AVX-512F (16 float lanes). Built with -mavx512f by
// kernels.cmake; only the F subset is needed for float mul/add/load/store, so any
// AVX-512 CPU qualifies. Called only after a run-time CPU check.
#include "dense_simd_kernel.h"

namespace nn::detail {

namespace {
// 32 zmm registers: 4 rows x 4 vectors = 16 accumulators + 4 loads + 1 broadcast.
// Columns narrower than 16 lanes (e.g. N = 8 outputs) go through AVX2 (8) and SSE
// (4) vectors before the scalar tail; -mavx512f implies both, and each lane does the
// same sequence, so the bits are the same whichever width takes a column.
void gemm_avx512(const GemmArgs& g) {
    size_t n = gemm_columns<xsimd::avx512f, 4, 4>(g, 0);
    n = gemm_columns<xsimd::avx2, 4, 2>(g, n);
    n = gemm_columns<xsimd::sse2, 4, 1>(g, n);
    gemm_scalar_columns(g, n);
}
}  // namespace

const SimdImpl& simd_impl_avx512() {
    static const SimdImpl impl{xsimd::avx512f::name(), xsimd::batch<float, xsimd::avx512f>::size,
                               gemm_avx512};
    return impl;
}

}  // namespace nn::detail
