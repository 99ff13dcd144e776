// Dense-layer kernels. Every product is a GEMM C (M×N) = C0 + Σ_k A[m,k]·B[k,n] with
// B row-major and contiguous along n, so SIMD runs across independent outputs and
// each output is summed over k in the same sequential order as the scalar
// reference. With -ffp-contract=off the _simd kernels therefore equal the _ref
// kernels bit for bit, at any lane width (4 in wasm, 4/8/16 natively), which is
// what makes a seeded run identical in native and WASM builds.
//
// Shapes: x is (batch, in), W is (in, out) (Keras layout: weight from input i to
// unit o is W[i*out + o]), b is (out), y is (batch, out).
#pragma once
#include <cstddef>

namespace nn {

// What is done to each finished sum before it is stored (the grid's fused layers):
// tanh is pmath::tanh_f, relu is (z > 0 ? z : 0), both exactly as activation_forward does.
enum class GemmEpilogue { none, tanh, relu };

// A is addressed A[m*a_rs + k*a_cs] so the same kernel serves A and Aᵀ.
// If accumulate is false, C starts from zero; otherwise C's contents are added to.
// If row_init is set, row m of C starts from row_init[m] instead (accumulate is then
// ignored), so a layer's bias needs no pass of its own; the epilogue is applied last.
struct GemmArgs {
    size_t M, N, K;
    const float* A; size_t a_rs, a_cs;
    const float* B; size_t ldb;
    float* C; size_t ldc;
    bool accumulate;
    const float* row_init = nullptr;
    GemmEpilogue epilogue = GemmEpilogue::none;
};
void gemm_ref(const GemmArgs& g);
void gemm_simd(const GemmArgs& g);

// y = x·W + b (b may be null).
void dense_forward_ref(const float* x, size_t batch, size_t in, const float* W,
                       const float* b, size_t out, float* y);
void dense_forward_simd(const float* x, size_t batch, size_t in, const float* W,
                        const float* b, size_t out, float* y);

// Given dy (batch, out): dW = xᵀ·dy (in, out), db = Σ_batch dy (out), dx = dy·Wᵀ (batch, in).
// dx and db may be null (first layer needs no dx; layers without bias no db).
// WT is scratch of in*out floats (Wᵀ, so dx's product is contiguous too).
void dense_backward_ref(const float* x, const float* dy, size_t batch, size_t in, size_t out,
                        const float* W, float* dW, float* db, float* dx, float* WT);
void dense_backward_simd(const float* x, const float* dy, size_t batch, size_t in, size_t out,
                         const float* W, float* dW, float* db, float* dx, float* WT);

// Name of the instruction set the simd kernels use at run time ("avx512bw", "sse4.1", ...).
const char* simd_arch_name();
size_t simd_lanes();

}  // namespace nn
