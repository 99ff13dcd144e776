// The GEMM kernel for AVX-512F (16 float lanes). Built with -mavx512f by
// kernels.cmake; only the F subset is needed for float mul/add/load/store, so any
// AVX-512 CPU qualifies. Called only after a run-time CPU check.
#include "dense_simd_kernel.h"

namespace nn::detail {

namespace {
// 32 zmm registers: 4 rows x 4 vectors = 16 accumulators + 4 loads + 1 broadcast.
void gemm_avx512(const GemmArgs& g) { gemm_kernel<xsimd::avx512f, 4, 4>(g); }
}  // namespace

const SimdImpl& simd_impl_avx512() {
    static const SimdImpl impl{xsimd::avx512f::name(), xsimd::batch<float, xsimd::avx512f>::size,
                               gemm_avx512};
    return impl;
}

}  // namespace nn::detail
