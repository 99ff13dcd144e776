// The GEMM kernel for AVX2 (8 float lanes). Built with -mavx2 only (no -mfma) by
// kernels.cmake and called only after a run-time CPU check, so the portable binary
// still runs on SSE2-only machines.
#include "dense_simd_kernel.h"

namespace nn::detail {

namespace {
// 4 rows x 2 vectors = 8 accumulators + 2 loads + 1 broadcast of the 16 ymm registers.
void gemm_avx2(const GemmArgs& g) { gemm_kernel<xsimd::avx2, 4, 2>(g); }
}  // namespace

const SimdImpl& simd_impl_avx2() {
    static const SimdImpl impl{xsimd::avx2::name(), xsimd::batch<float, xsimd::avx2>::size, gemm_avx2};
    return impl;
}

}  // namespace nn::detail
