// The default-arch multiply-add ceiling: 4 lanes, f32x4 (SSE2 natively, WASM SIMD128
// under emscripten): the native twin of the WASM ceiling.
#include "ceiling.h"

namespace bench {
BENCH_DEFINE_CEILING(ceiling_base, xsimd::default_arch)
}
