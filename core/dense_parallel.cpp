// How a layer's products are cut into blocks for the pool. A block is a rectangle of an
// output matrix; blocks are whole SIMD panels of columns (so each thread's columns stay in
// the vector body, for speed) or whole 4-row tiles, and every element is computed by one
// gemm_simd call over its own row and column, so its bits do not depend on the cut.
#include "dense_parallel.h"

#include <algorithm>
#include <cstring>
#include "thread_pool.h"

namespace nn {
namespace {

constexpr size_t kRowTile = 4;  // gemm_kernel's MR

double g_min_work = kMinParallelMacs;

// The widest column panel of the running kernel (2 vectors); blocks of whole panels.
size_t panel_width() { return 2 * simd_lanes(); }

struct Rect {
    size_t m0, m1, n0, n1;
};

// How an M×N output (K terms per element) is cut into `parts` rectangles.
struct Cut {
    size_t parts = 1;
    bool by_cols = true;
    size_t units = 1, unit = 1;  // units of `unit` columns (or rows), the last one ragged
    size_t M = 0, N = 0;

    Rect rect(size_t t) const {
        const size_t u0 = units * t / parts, u1 = units * (t + 1) / parts;
        if (by_cols) return {0, M, u0 * unit, std::min(N, u1 * unit)};
        return {u0 * unit, std::min(M, u1 * unit), 0, N};
    }
};

Cut cut_for(const ThreadPool* pool, size_t M, size_t N, size_t K) {
    Cut c;  // uncut: one part, all of C
    c.M = M;
    c.N = N;
    c.unit = std::max<size_t>(N, 1);
    const size_t T = pool ? size_t(pool->threads()) : 1;
    if (T < 2 || !parallel_worth(double(M) * double(N) * double(std::max<size_t>(K, 1)))) return c;
    const size_t P = panel_width();
    if (N / P >= 2) {
        c.units = (N + P - 1) / P;
        c.unit = P;
    } else if (M / kRowTile >= 2) {
        c.by_cols = false;
        c.units = (M + kRowTile - 1) / kRowTile;
        c.unit = kRowTile;
    } else {
        return c;
    }
    c.parts = std::min(T, c.units);
    return c;
}

// g restricted to rectangle r of C.
GemmArgs sub(const GemmArgs& g, const Rect& r) {
    GemmArgs s = g;
    s.M = r.m1 - r.m0;
    s.N = r.n1 - r.n0;
    s.A = g.A + r.m0 * g.a_rs;
    s.B = g.B + r.n0;
    s.C = g.C + r.m0 * g.ldc + r.n0;
    if (g.row_init) s.row_init = g.row_init + r.m0;
    return s;
}

template <class F>
void run_parts(ThreadPool* pool, size_t parts, F&& f) {
    if (parts <= 1 || !pool) {
        for (size_t t = 0; t < parts; ++t) f(t);
        return;
    }
    pool->for_each(parts, f);
}

}  // namespace

namespace detail {
// Test hook (declared where used): the size rule's bar; returns the old one.
double set_parallel_min_work(double work) {
    const double old = g_min_work;
    g_min_work = work;
    return old;
}
}  // namespace detail

bool parallel_worth(double work) { return work >= g_min_work; }

void gemm_parallel(ThreadPool* pool, const GemmArgs& g) {
    const Cut c = cut_for(pool, g.M, g.N, g.K);
    if (c.parts <= 1) return gemm_simd(g);
    run_parts(pool, c.parts, [&](size_t t) {
        const Rect r = c.rect(t);
        if (r.m1 > r.m0 && r.n1 > r.n0) gemm_simd(sub(g, r));
    });
}

void layer_forward_parallel(ThreadPool* pool, Activation act, const float* x, size_t batch,
                            size_t in, const float* W, const float* b, size_t out, float* z,
                            float* a) {
    const Cut c = cut_for(pool, batch, out, in);
    // Softmax normalises whole rows: a column cut would split them, so it runs after.
    const bool rows_whole = act != Activation::softmax || !c.by_cols;
    const GemmArgs g{batch, out, in, x, in, 1, W, out, z, out, b != nullptr};
    auto block = [&](size_t t) {
        const Rect r = c.rect(t);
        if (r.m1 <= r.m0 || r.n1 <= r.n0) return;
        const size_t w = r.n1 - r.n0;
        if (b)  // each sum starts at its bias: dense_forward_simd's order
            for (size_t m = r.m0; m < r.m1; ++m) std::memcpy(z + m * out + r.n0, b + r.n0, w * sizeof(float));
        gemm_simd(sub(g, r));
        if (!rows_whole) return;
        if (w == out)  // whole rows: one call, as the one-thread path makes
            activation_forward(act, z + r.m0 * out, a + r.m0 * out, (r.m1 - r.m0) * out, out);
        else
            for (size_t m = r.m0; m < r.m1; ++m)
                activation_forward(act, z + m * out + r.n0, a + m * out + r.n0, w, w);
    };
    run_parts(pool, c.parts, block);
    if (!rows_whole) activation_forward(act, z, a, batch * out, out);
}

void layer_backward_parallel(ThreadPool* pool, const float* x, const float* dy, size_t batch,
                             size_t in, size_t out, const float* W, float* dW, float* db,
                             float* dx, float* WT, Activation prev_act, const float* z_prev,
                             const float* a_prev, float* dz_prev) {
    // Job 1: dW = xᵀ·dy, db = Σ dy, and Wᵀ for job 2, each cut its own way into the same
    // number of tasks.
    const GemmArgs gw{in, out, batch, x, 1, in, dy, out, dW, out, false};
    static const float one = 1.0f;
    const GemmArgs gb{1, out, batch, &one, 0, 0, dy, out, db, out, false};
    const Cut cw = cut_for(pool, in, out, batch);
    const Cut cb = cut_for(pool, 1, out, batch);
    const size_t T = pool ? size_t(pool->threads()) : 1;
    const bool transpose_parallel = dx && T > 1 && parallel_worth(double(in) * double(out));
    const size_t parts1 = std::max({cw.parts, db ? cb.parts : size_t(1),
                                    transpose_parallel ? T : size_t(1)});
    auto job1 = [&](size_t t) {
        if (t < cw.parts) {
            const Rect r = cw.rect(t);
            if (r.m1 > r.m0 && r.n1 > r.n0) gemm_simd(sub(gw, r));
        }
        if (db && t < cb.parts) {
            const Rect r = cb.rect(t);
            if (r.n1 > r.n0) gemm_simd(sub(gb, r));
        }
        if (dx) {
            const size_t parts = transpose_parallel ? T : 1;
            if (t < parts)
                for (size_t o = out * t / parts, o1 = out * (t + 1) / parts; o < o1; ++o)
                    for (size_t i = 0; i < in; ++i) WT[o * in + i] = W[i * out + o];
        }
    };
    run_parts(pool, parts1, job1);
    if (!dx) return;
    // Job 2: dx = dy·Wᵀ, then the previous layer's delta on the same block (still in cache).
    const GemmArgs gx{batch, in, out, dy, out, 1, WT, in, dx, in, false};
    const Cut cx = cut_for(pool, batch, in, out);
    auto job2 = [&](size_t t) {
        const Rect r = cx.rect(t);
        if (r.m1 <= r.m0 || r.n1 <= r.n0) return;
        gemm_simd(sub(gx, r));
        if (!dz_prev) return;
        const size_t w = r.n1 - r.n0;
        if (w == in) {
            const size_t o = r.m0 * in, n = (r.m1 - r.m0) * in;
            activation_backward(prev_act, z_prev + o, a_prev + o, dx + o, dz_prev + o, n);
        } else {
            for (size_t m = r.m0; m < r.m1; ++m) {
                const size_t o = m * in + r.n0;
                activation_backward(prev_act, z_prev + o, a_prev + o, dx + o, dz_prev + o, w);
            }
        }
    };
    run_parts(pool, cx.parts, job2);
}

}  // namespace nn
