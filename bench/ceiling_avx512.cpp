// AVX-512F multiply-add ceiling (16 lanes, no FMA, like the AVX-512 kernel). Built with -mavx512f.
#include "ceiling.h"

namespace bench {
BENCH_DEFINE_CEILING(ceiling_avx512, xsimd::avx512f)
}
