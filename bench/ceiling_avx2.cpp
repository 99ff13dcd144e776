// AVX2 multiply-add ceiling (8 lanes, no FMA, like the AVX2 kernel). Built with -mavx2.
#include "ceiling.h"

namespace bench {
BENCH_DEFINE_CEILING(ceiling_avx2, xsimd::avx2)
}
