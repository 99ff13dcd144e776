// Scalar reference (oracle) for the dense kernels: the plainest loops that define
// each output's summation order, which the _simd kernels reproduce bit for bit.
// x is (batch, in), W is (in, out), b is (out), y is (batch, out).
#include "dense.h"
#include "pmath.h"

namespace nn {

void gemm_ref(const GemmArgs& g) {
    for (size_t m = 0; m < g.M; ++m) {
        for (size_t n = 0; n < g.N; ++n) {
            float acc = g.row_init ? g.row_init[m] : g.accumulate ? g.C[m * g.ldc + n] : 0.0f;
            for (size_t k = 0; k < g.K; ++k)
                acc = acc + g.A[m * g.a_rs + k * g.a_cs] * g.B[k * g.ldb + n];
            if (g.epilogue == GemmEpilogue::tanh) acc = pmath::tanh_f(acc);
            else if (g.epilogue == GemmEpilogue::relu) acc = acc > 0.0f ? acc : 0.0f;
            g.C[m * g.ldc + n] = acc;
        }
    }
}

// y[r,o] starts at b[o] (or 0) and adds x[r,i]*W[i,o] for i = 0..in-1 in order.
void dense_forward_ref(const float* x, size_t batch, size_t in, const float* W,
                       const float* b, size_t out, float* y) {
    for (size_t r = 0; r < batch; ++r) {
        for (size_t o = 0; o < out; ++o) {
            float acc = b ? b[o] : 0.0f;
            for (size_t i = 0; i < in; ++i) acc = acc + x[r * in + i] * W[i * out + o];
            y[r * out + o] = acc;
        }
    }
}

// Each sum starts at 0 and runs over its index in increasing order. WT is unused
// here (the reference reads W directly); the product dy*W equals W*dy in IEEE.
void dense_backward_ref(const float* x, const float* dy, size_t batch, size_t in, size_t out,
                        const float* W, float* dW, float* db, float* dx, float* /*WT*/) {
    for (size_t i = 0; i < in; ++i) {
        for (size_t o = 0; o < out; ++o) {
            float acc = 0.0f;
            for (size_t r = 0; r < batch; ++r) acc = acc + x[r * in + i] * dy[r * out + o];
            dW[i * out + o] = acc;
        }
    }
    if (db) {
        for (size_t o = 0; o < out; ++o) {
            float acc = 0.0f;
            for (size_t r = 0; r < batch; ++r) acc = acc + dy[r * out + o];
            db[o] = acc;
        }
    }
    if (dx) {
        for (size_t r = 0; r < batch; ++r) {
            for (size_t i = 0; i < in; ++i) {
                float acc = 0.0f;
                for (size_t o = 0; o < out; ++o) acc = acc + dy[r * out + o] * W[i * out + o];
                dx[r * in + i] = acc;
            }
        }
    }
}

}  // namespace nn
