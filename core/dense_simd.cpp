// SIMD dense kernels and run-time instruction-set dispatch. This TU holds the
// kernel for the build's default arch (sse2 natively, sse4.1 over WASM SIMD128);
// natively on x86 the AVX2/AVX-512 kernels live in their own TUs with per-file
// flags, and the best one the CPU supports is picked at the first call.
// x is (batch, in), W is (in, out), b is (out), y is (batch, out).
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "dense.h"
#include "dense_simd_kernel.h"

namespace nn {
namespace detail {

namespace {
using Base = xsimd::default_arch;
void gemm_base(const GemmArgs& g) { gemm_kernel<Base, 4, 2>(g); }
}  // namespace

const SimdImpl& simd_impl_base() {
    static const SimdImpl impl{Base::name(), xsimd::batch<float, Base>::size, gemm_base};
    return impl;
}

namespace {

std::atomic<const SimdImpl*> g_impl{nullptr};

#if defined(NNPLAY_X86_DISPATCH)
bool cpu_has(const char* what) {
    __builtin_cpu_init();
    // libgcc/compiler-rt also check that the OS saves the wide registers (XGETBV).
    if (std::strcmp(what, "avx512") == 0) return __builtin_cpu_supports("avx512f");
    if (std::strcmp(what, "avx2") == 0) return __builtin_cpu_supports("avx2");
    return false;
}
#endif

// nullptr if `name` is unknown or this CPU/build lacks it.
const SimdImpl* find_impl(const char* name) {
    const SimdImpl& base = simd_impl_base();
    if (std::strcmp(name, "sse2") == 0 || std::strcmp(name, "base") == 0 ||
        std::strcmp(name, base.name) == 0)
        return &base;
#if defined(NNPLAY_X86_DISPATCH)
    if (std::strcmp(name, "avx2") == 0 && cpu_has("avx2")) return &simd_impl_avx2();
    if ((std::strcmp(name, "avx512") == 0 || std::strcmp(name, "avx512f") == 0) && cpu_has("avx512"))
        return &simd_impl_avx512();
#endif
    return nullptr;
}

const SimdImpl* best_impl() {
#if defined(NNPLAY_X86_DISPATCH)
    // NNPLAY_SIMD=sse2|avx2|avx512 forces a narrower (or the same) kernel, e.g. to
    // test each one; an unknown or unsupported value is ignored (simd_arch_name tells).
    if (const char* env = std::getenv("NNPLAY_SIMD"))
        if (const SimdImpl* forced = find_impl(env)) return forced;
    if (const SimdImpl* p = find_impl("avx512")) return p;
    if (const SimdImpl* p = find_impl("avx2")) return p;
#endif
    return &simd_impl_base();
}

const SimdImpl& impl() {
    const SimdImpl* p = g_impl.load(std::memory_order_acquire);
    if (!p) {
        p = best_impl();
        g_impl.store(p, std::memory_order_release);
    }
    return *p;
}

}  // namespace

// Test/benchmark hook (declared where used, not in dense.h): force a kernel by name
// ("sse2", "avx2", "avx512"), or pass nullptr to return to the automatic choice.
// Returns false and changes nothing if the name is unknown or unsupported here.
bool select_simd_arch(const char* name) {
    const SimdImpl* p = name ? find_impl(name) : best_impl();
    if (!p) return false;
    g_impl.store(p, std::memory_order_release);
    return true;
}

}  // namespace detail

void gemm_simd(const GemmArgs& g) { detail::impl().gemm(g); }

void dense_forward_simd(const float* x, size_t batch, size_t in, const float* W,
                        const float* b, size_t out, float* y) {
    // Start each output at its bias, then add the k terms: dense_forward_ref's order.
    if (b)
        for (size_t r = 0; r < batch; ++r) std::memcpy(y + r * out, b, out * sizeof(float));
    gemm_simd(GemmArgs{batch, out, in, x, in, 1, W, out, y, out, b != nullptr});
}

void dense_backward_simd(const float* x, const float* dy, size_t batch, size_t in, size_t out,
                         const float* W, float* dW, float* db, float* dx, float* WT) {
    // dW (in, out) = xᵀ·dy: A = xᵀ read with strides (1, in), so no transpose copy.
    gemm_simd(GemmArgs{in, out, batch, x, 1, in, dy, out, dW, out, false});
    if (db) {
        // A 1×batch row of ones with stride 0: 0 + 1*dy[0,o] + 1*dy[1,o] + ... is
        // exactly the reference's plain sum, since 1*v == v.
        static const float one = 1.0f;
        gemm_simd(GemmArgs{1, out, batch, &one, 0, 0, dy, out, db, out, false});
    }
    if (dx) {
        for (size_t i = 0; i < in; ++i)
            for (size_t o = 0; o < out; ++o) WT[o * in + i] = W[i * out + o];
        // dx (batch, in) = dy·Wᵀ with Wᵀ contiguous along in.
        gemm_simd(GemmArgs{batch, in, out, dy, out, 1, WT, in, dx, in, false});
    }
}

const char* simd_arch_name() { return detail::impl().name; }
size_t simd_lanes() { return detail::impl().lanes; }

}  // namespace nn
