// A layer's forward and backward products split across a ThreadPool, bit-identical to one
// thread. Every output element (of z, a, dW, db, dx, dz) is computed by exactly one thread
// with the same kernel call sequence it has in the one-thread path: the split only decides
// WHICH thread computes it, never the order of its sum (dense.h: each C[m,n] adds its k terms
// in order, and the SIMD body and the scalar tail do the same operations). So 1, 2 or N
// threads give the same bits, and the one-thread golden trajectories stay as they were.
//
// Size rule (speed only, never bits): a product of fewer than kMinParallelMacs
// multiply-adds, or with fewer than two whole panels/row tiles to hand out, runs on the
// calling thread: below that, waking a helper costs more than it saves.
//
// Shapes as dense.h: x is (batch, in), W is (in, out), b is (out), z/a/dy are (batch, out).
#pragma once
#include <cstddef>
#include "activation.h"
#include "dense.h"

namespace nn {

class ThreadPool;

constexpr double kMinParallelMacs = 32768;
// The size rule: is `work` (multiply-adds, or elements of an optimiser update) worth
// splitting? work ≥ kMinParallelMacs (tests lower the bar to run every cut on tiny shapes).
bool parallel_worth(double work);

// C = gemm_simd(g), its elements split over the pool in whole SIMD panels of columns or
// whole row tiles. pool may be null (one thread).
void gemm_parallel(ThreadPool* pool, const GemmArgs& g);

// z = x·W + b, then a = act(z) (softmax by rows): dense_forward_simd + activation_forward.
void layer_forward_parallel(ThreadPool* pool, Activation act, const float* x, size_t batch,
                            size_t in, const float* W, const float* b, size_t out, float* z,
                            float* a);

// dense_backward_simd (dW, db, dx; WT scratch), then, if dz_prev is not null,
// dz_prev = activation_backward(prev_act, z_prev, a_prev, dx): the previous layer's delta.
void layer_backward_parallel(ThreadPool* pool, const float* x, const float* dy, size_t batch,
                             size_t in, size_t out, const float* W, float* dW, float* db,
                             float* dx, float* WT, Activation prev_act, const float* z_prev,
                             const float* a_prev, float* dz_prev);

}  // namespace nn
