// The multiply-add ceiling: the fastest this machine runs the kernels' inner
// operation (a vector multiply then a separate add; contraction is off project-wide,
// and WASM SIMD has no fused op). Independent accumulators, no memory traffic, so it
// is an upper bound no GEMM can beat at that vector width. Written once over
// xsimd::batch<float, Arch>; each instruction set's copy lives in its own TU
// (ceiling*.cpp) compiled with that set's flags, like core/kernels.cmake does.
#pragma once
#include <cstddef>

#include <xsimd/xsimd.hpp>

namespace bench {

// acc = acc*m + c on NA independent vector chains, `iters` times. Both ops sit on
// each chain, so the compiler can neither hoist nor reassociate anything; NA chains
// of (mul latency + add latency) cover the pipes' throughput. Returns a sum so the
// work is live. FLOPs = iters * NA * lanes * 2.
template <class Arch, int NA>
float madd_chains(size_t iters, float m, float c) {
    using B = xsimd::batch<float, Arch>;
    B acc[NA];
    for (int i = 0; i < NA; ++i) acc[i] = B(0.001f * float(i + 1));
    const B vm(m), vc(c);
    for (size_t k = 0; k < iters; ++k)
        for (int i = 0; i < NA; ++i) acc[i] = acc[i] * vm + vc;
    B s = acc[0];
    for (int i = 1; i < NA; ++i) s = s + acc[i];
    // Not xsimd::hadd: in xsimd 8.1 its avx512f version needs AVX-512DQ intrinsics.
    alignas(64) float lanes[B::size];
    s.store_aligned(lanes);
    float sum = 0.0f;
    for (float v : lanes) sum += v;
    return sum;
}

struct Ceiling {
    const char* arch;
    size_t lanes;
    float (*chains8)(size_t, float, float);
    float (*chains12)(size_t, float, float);
};

#define BENCH_DEFINE_CEILING(fn, ArchT)                                                        \
    const Ceiling& fn() {                                                                      \
        static const Ceiling c{ArchT::name(), xsimd::batch<float, ArchT>::size,                \
                               &madd_chains<ArchT, 8>, &madd_chains<ArchT, 12>};               \
        return c;                                                                              \
    }

const Ceiling& ceiling_base();    // the build's default arch: sse2 natively, sse4.1 (SIMD128) in wasm
const Ceiling& ceiling_avx2();    // x86 natively only
const Ceiling& ceiling_avx512();

}  // namespace bench
