// The GEMM kernel for AVX2 (8 float lanes). Built with -mavx2 only (no -mfma) by
// kernels.cmake and called only after a run-time CPU check, so the portable binary
// still runs on SSE2-only machines.
#include "dense_simd_kernel.h"

namespace nn::detail {

namespace {
// 4 rows x 2 vectors = 8 accumulators + 2 loads + 1 broadcast of the 16 ymm registers.
// Columns left over (fewer than 8) go through SSE vectors (4) before the scalar tail.
void gemm_avx2(const GemmArgs& g) {
    gemm_scalar_columns(g, gemm_columns<xsimd::sse2, 4, 1>(g, gemm_columns<xsimd::avx2, 4, 2>(g, 0)));
}
}  // namespace

const SimdImpl& simd_impl_avx2() {
    static const SimdImpl impl{xsimd::avx2::name(), xsimd::batch<float, xsimd::avx2>::size, gemm_avx2};
    return impl;
}

}  // namespace nn::detail
