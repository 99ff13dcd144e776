// nnbench: the C++ side of issue 6's benchmarks, built natively and to WASM (node)
// from this one file. It times the dense kernels (_ref and _simd, per instruction
// set natively; OpenBLAS sgemm natively when built with it), the multiply-add
// ceiling, and end-to-end training steps and grid evaluations through the core
// API (Trainer::train_batch, evaluate_grid). Prints one JSON object on stdout;
// bench/run.mjs runs it several times and writes the tables. Never used by tests.
//
//   nnbench [--quick] [--only=kernels|ceiling|e2e|threads[,...]] [--task=<substring of an e2e id>]
//           [--shape=<substring of a kernel shape, e.g. 64x256>]
//
// x is (batch, in), W is (in, out), b is (out), y and dy are (batch, out).
// To add a kernel shape: append to kShapes. To add a workload: append to kTasks,
// and to bench/tasks.mjs so the JS engines do the same.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ceiling.h"
#include "dense.h"
#include "grid.h"
#include "network.h"
#include "thread_pool.h"
#include "trainer.h"

#if defined(NNPLAY_BENCH_OPENBLAS)
#include <cblas.h>
#endif

namespace nn::detail {
// Defined in core/dense_simd.cpp: forces one SIMD kernel ("sse2", "avx2", "avx512"),
// nullptr returns to the automatic choice; false if unsupported here.
bool select_simd_arch(const char* name);
}  // namespace nn::detail

namespace {

using Clock = std::chrono::steady_clock;
double now_ms() {
    return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

struct Opts {
    double warm_ms = 40, sample_ms = 25;
    int samples = 5;
};
Opts g_opts;

struct Stat {
    double med = 0, min = 0, max = 0;
    double ms_per_call = 0;
};

// Calls f() repeatedly (never one long loop in a function entered once: V8 tiers a
// wasm function up between calls). `units` per call; returns units per second.
Stat measure(const std::function<void()>& f, double units) {
    const double t0 = now_ms();
    int calls = 0;
    while (calls < 3 || now_ms() - t0 < g_opts.warm_ms) {
        f();
        ++calls;
    }
    const double per_call = (now_ms() - t0) / calls;
    const long reps = std::max(1L, long(g_opts.sample_ms / std::max(per_call, 1e-6)));
    std::vector<double> rates;
    for (int s = 0; s < g_opts.samples; ++s) {
        const double a = now_ms();
        for (long i = 0; i < reps; ++i) f();
        const double dt = (now_ms() - a) / 1000.0;
        rates.push_back(units * double(reps) / dt);
    }
    std::sort(rates.begin(), rates.end());
    Stat st;
    const size_t n = rates.size();
    st.med = n % 2 ? rates[n / 2] : 0.5 * (rates[n / 2 - 1] + rates[n / 2]);
    st.min = rates.front();
    st.max = rates.back();
    st.ms_per_call = 1000.0 * units / st.med;
    return st;
}

// Two functions timed in alternating samples after one shared warm-up, so that a change of
// load during the measurement hits both alike and their ratio stays meaningful.
std::pair<Stat, Stat> measure_pair(const std::function<void()>& f, const std::function<void()>& g,
                                   double units) {
    const double t0 = now_ms();
    int calls = 0;
    double tf = 0, tg = 0;
    while (calls < 3 || now_ms() - t0 < g_opts.warm_ms) {
        const double a = now_ms();
        f();
        const double b = now_ms();
        g();
        tf += b - a;
        tg += now_ms() - b;
        ++calls;
    }
    const long rf = std::max(1L, long(g_opts.sample_ms * calls / std::max(tf, 1e-6)));
    const long rg = std::max(1L, long(g_opts.sample_ms * calls / std::max(tg, 1e-6)));
    std::vector<double> rates[2];
    for (int s = 0; s < g_opts.samples; ++s) {
        for (int which = 0; which < 2; ++which) {
            const auto& fn = which ? g : f;
            const long reps = which ? rg : rf;
            const double a = now_ms();
            for (long i = 0; i < reps; ++i) fn();
            rates[which].push_back(units * double(reps) / ((now_ms() - a) / 1000.0));
        }
    }
    Stat st[2];
    for (int which = 0; which < 2; ++which) {
        auto& r = rates[which];
        std::sort(r.begin(), r.end());
        const size_t n = r.size();
        st[which].med = n % 2 ? r[n / 2] : 0.5 * (r[n / 2 - 1] + r[n / 2]);
        st[which].min = r.front();
        st[which].max = r.back();
        st[which].ms_per_call = 1000.0 * units / st[which].med;
    }
    return {st[0], st[1]};
}

void fill(std::vector<float>& v, uint32_t seed, float scale = 1.0f) {
    uint32_t s = seed ? seed : 1;
    for (float& f : v) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        f = (float(s) / 4294967296.0f * 2.0f - 1.0f) * scale;
    }
}

// ---- JSON output (just what this file needs) -----------------------------------
std::string out;
bool first_item = true;
void item(const std::string& json) {
    out += first_item ? "\n  " : ",\n  ";
    out += json;
    first_item = false;
}
std::string num(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.6g", v);
    return b;
}
std::string stat_json(const Stat& s) {
    return "\"rate\":" + num(s.med) + ",\"min\":" + num(s.min) + ",\"max\":" + num(s.max) +
           ",\"msPerCall\":" + num(s.ms_per_call);
}
// op: "forward", "dx", "dW", "backward" for kernels, "" otherwise.
void record(const std::string& kind, const std::string& name, const std::string& impl,
            const Stat& s, const char* unit, const std::string& op = "", const std::string& extra = "") {
    item("{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\",\"impl\":\"" + impl +
         "\",\"op\":\"" + op + "\"," + stat_json(s) + ",\"unit\":\"" + unit + "\"" + extra + "}");
    const bool gf = std::strcmp(unit, "GFLOP/s") == 0;
    std::fprintf(stderr, "nnbench: %-8s %-44s %-9s %-9s %12.3f %s\n", kind.c_str(), name.c_str(),
                 impl.c_str(), op.c_str(), gf ? s.med / 1e9 : s.med, unit);
}

// ---- kernels -----------------------------------------------------------------------
struct Shape {
    size_t batch, in, out;
};
const Shape kShapes[] = {{64, 256, 128}, {256, 256, 256}, {32, 2, 8}, {10000, 2, 8}};

std::string shape_name(const Shape& s) {
    return std::to_string(s.batch) + "x" + std::to_string(s.in) + "->" + std::to_string(s.out);
}

// The simd kernels this binary can run: natively every instruction set the CPU has
// (forced one at a time), in WASM the one SIMD128 kernel.
std::vector<std::string> simd_arches() {
    std::vector<std::string> v;
#if defined(__EMSCRIPTEN__)
    v.push_back(nn::simd_arch_name());
#else
    for (const char* a : {"sse2", "avx2", "avx512"})
        if (nn::detail::select_simd_arch(a)) v.push_back(nn::simd_arch_name());
    nn::detail::select_simd_arch(nullptr);
#endif
    return v;
}

void select(const std::string& arch) {
#if !defined(__EMSCRIPTEN__)
    const char* name = arch == "avx512f" ? "avx512" : arch.c_str();
    if (!nn::detail::select_simd_arch(name)) {
        std::fprintf(stderr, "nnbench: cannot select %s\n", arch.c_str());
        std::exit(1);
    }
#else
    (void)arch;
#endif
}

std::string g_shape_filter;  // --shape: only kernel shapes whose name contains it

// V8 compiles wasm functions with its baseline tier first and swaps in the optimised
// code later, in the background; measured within 40 ms of their first call, the
// first kernels of a run were partly timed in the baseline tier (3-5x slower). So all
// SIMD GEMM paths run for a while before the first figure (natively this is cheap).
void warm_kernels() {
    std::vector<float> x(64 * 256, 0.5f), W(256 * 128, 0.25f), y(64 * 128), WT(256 * 128);
    const double t0 = now_ms();
    while (now_ms() - t0 < (g_opts.samples > 2 ? 600.0 : 100.0)) {
        nn::dense_forward_simd(x.data(), 64, 256, W.data(), nullptr, 128, y.data());
        nn::gemm_simd(nn::GemmArgs{256, 128, 64, x.data(), 1, 256, y.data(), 128, W.data(), 128, false});
        nn::gemm_simd(nn::GemmArgs{64, 256, 128, y.data(), 128, 1, WT.data(), 256, x.data(), 256, false});
        nn::dense_forward_simd(x.data(), 32, 2, W.data(), nullptr, 8, y.data());
    }
}

void bench_kernels() {
    warm_kernels();
    const auto arches = simd_arches();
    for (const Shape& sh : kShapes) {
        if (shape_name(sh).find(g_shape_filter) == std::string::npos) continue;
        const size_t B = sh.batch, I = sh.in, O = sh.out;
        std::vector<float> x(B * I), W(I * O), b(O), y(B * O), dy(B * O), dW(I * O), db(O),
            dx(B * I), WT(I * O);
        fill(x, 1);
        fill(W, 2, 0.1f);
        fill(b, 3);
        fill(dy, 4);
        for (size_t i = 0; i < I; ++i)
            for (size_t o = 0; o < O; ++o) WT[o * I + i] = W[i * O + o];
        const double flops = 2.0 * double(B) * double(I) * double(O);
        const std::string name = shape_name(sh);
        // The two backward products as dense_backward_simd issues them (dense.h's GEMM):
        //   dW (in, out) = xᵀ·dy     dx (batch, in) = dy·Wᵀ, Wᵀ precomputed here.
        const nn::GemmArgs gdW{I, O, B, x.data(), 1, I, dy.data(), O, dW.data(), O, false};
        const nn::GemmArgs gdx{B, I, O, dy.data(), O, 1, WT.data(), I, dx.data(), I, false};

        auto run_impl = [&](const std::string& impl, bool ref) {
            record("kernel", name, impl, measure([&] {
                (ref ? nn::dense_forward_ref : nn::dense_forward_simd)(x.data(), B, I, W.data(), b.data(), O, y.data());
            }, flops), "GFLOP/s", "forward");
            record("kernel", name, impl, measure([&] { (ref ? nn::gemm_ref : nn::gemm_simd)(gdx); }, flops),
                   "GFLOP/s", "dx");
            record("kernel", name, impl, measure([&] { (ref ? nn::gemm_ref : nn::gemm_simd)(gdW); }, flops),
                   "GFLOP/s", "dW");
            // The whole backward call: dW + db + dx, including its Wᵀ copy.
            record("kernel", name, impl, measure([&] {
                (ref ? nn::dense_backward_ref : nn::dense_backward_simd)(
                    x.data(), dy.data(), B, I, O, W.data(), dW.data(), db.data(), dx.data(), WT.data());
            }, 2 * flops + double(B * O)), "GFLOP/s", "backward");
        };
        run_impl("ref", true);
        for (const auto& a : arches) {
            select(a);
            run_impl(a, false);
        }
#if !defined(__EMSCRIPTEN__)
        nn::detail::select_simd_arch(nullptr);
#endif
#if defined(NNPLAY_BENCH_OPENBLAS)
        // Same products, same layouts, through cblas_sgemm (row-major). Forward adds
        // the bias as nnplay does (copy, then beta = 1).
        record("kernel", name, "openblas", measure([&] {
            for (size_t r = 0; r < B; ++r) std::memcpy(y.data() + r * O, b.data(), O * sizeof(float));
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(B), int(O), int(I), 1.0f,
                        x.data(), int(I), W.data(), int(O), 1.0f, y.data(), int(O));
        }, flops), "GFLOP/s", "forward");
        record("kernel", name, "openblas", measure([&] {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(B), int(I), int(O), 1.0f,
                        dy.data(), int(O), W.data(), int(O), 0.0f, dx.data(), int(I));
        }, flops), "GFLOP/s", "dx");
        record("kernel", name, "openblas", measure([&] {
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(I), int(O), int(B), 1.0f,
                        x.data(), int(I), dy.data(), int(O), 0.0f, dW.data(), int(O));
        }, flops), "GFLOP/s", "dW");
#endif
    }
}

// ---- ceiling -------------------------------------------------------------------------
volatile float g_m = 0.999f, g_c = 0.001f;  // volatile: no constant folding of the chains
volatile float g_sink;

void bench_ceiling() {
    std::vector<const bench::Ceiling*> cs{&bench::ceiling_base()};
#if defined(NNPLAY_BENCH_X86)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) cs.push_back(&bench::ceiling_avx2());
    if (__builtin_cpu_supports("avx512f")) cs.push_back(&bench::ceiling_avx512());
#endif
    const size_t iters = 20000;
    for (const auto* c : cs) {
        // Best of 8 and 12 chains: enough to hide latency on any current core, few
        // enough to stay in 16 registers.
        Stat best;
        int best_na = 0;
        for (int na : {8, 12}) {
            auto fn = na == 8 ? c->chains8 : c->chains12;
            Stat s = measure([&] { g_sink = fn(iters, g_m, g_c); },
                             double(iters) * na * double(c->lanes) * 2.0);
            if (s.med > best.med) best = s, best_na = na;
        }
        record("ceiling", "mul+add", c->arch, best, "GFLOP/s", "",
               ",\"lanes\":" + std::to_string(c->lanes) + ",\"chains\":" + std::to_string(best_na));
    }
}

// ---- end to end -------------------------------------------------------------------------
struct Task {
    const char* id;  // the same ids as bench/tasks.mjs
    bool grid;
    int64_t inputs;
    std::vector<int64_t> hidden;
    nn::Activation act;
    int64_t outputs;
    nn::Activation out_act;
    nn::Loss loss;
    size_t batch;
};

const std::vector<Task>& tasks() {
    using A = nn::Activation;
    using L = nn::Loss;
    static const std::vector<Task> t{
        {"train 2-8-8-1 tanh ½MSE b10", false, 2, {8, 8}, A::tanh, 1, A::tanh, L::half_mse, 10},
        {"train 2-256-128-64-1 ReLU BCE b32", false, 2, {256, 128, 64}, A::relu, 1, A::sigmoid, L::bce, 32},
        {"train 784-256-128-64-10 ReLU softmax-CE b64", false, 784, {256, 128, 64}, A::relu, 10,
         A::softmax, L::softmax_ce, 64},
        {"grid 100×100 2-8-8-1", true, 2, {8, 8}, A::tanh, 1, A::tanh, L::half_mse, 0},
        {"grid 100×100 2-256-128-64-1", true, 2, {256, 128, 64}, A::relu, 1, A::sigmoid, L::bce, 0},
    };
    return t;
}

// In WASM this is the core without the JS API around it: the difference to
// e2e.mjs's nnplay figure is the cost of the bindings.
#if defined(__EMSCRIPTEN__)
const char* const kE2eImpl = "nnplay-wasm-core";
#else
const char* const kE2eImpl = "nnplay-native";
#endif

std::string g_task_filter;  // --task: run only e2e tasks whose id contains it (for profiling)

void bench_e2e() {
    constexpr size_t kPool = 16;
    for (const Task& t : tasks()) {
        if (std::string(t.id).find(g_task_filter) == std::string::npos) continue;
        nn::Architecture arch;
        arch.inputs = t.inputs;
        for (int64_t u : t.hidden) arch.layers.push_back({u, t.act, true});
        arch.layers.push_back({t.outputs, t.out_act, true});
        nn::Network net(arch, t.loss, nn::Init::glorot_uniform, 1);
        if (t.grid) {
            nn::GridSpec spec;
            spec.resolution = 100;
            spec.features = {nn::Feature::x1, nn::Feature::x2};
            spec.neurons = true;
            // The reference of issue 14's "within 1.5× of the GEMM's measured time": the
            // products this grid runs, with the same kernel in the same layout (Z (units ×
            // cells) = Wᵀ·X, cells contiguous, all 10,000 at once), every buffer made once,
            // and nothing else: no features, bias, activation, allocation or copy. The
            // grid's time over this one is what the grid adds around its GEMMs.
            const size_t cells = 100 * 100;
            std::vector<std::vector<float>> z(arch.layers.size() + 1);
            z[0].resize(size_t(t.inputs) * cells);
            fill(z[0], 5, 6.0f);
            for (size_t l = 0; l < arch.layers.size(); ++l) z[l + 1].resize(net.layer_out(l) * cells);
            auto gemms = [&] {
                for (size_t l = 0; l < arch.layers.size(); ++l) {
                    const size_t ni = net.layer_in(l), no = net.layer_out(l);
                    nn::gemm_simd({no, cells, ni, net.weights(l).data(), 1, no, z[l].data(), cells,
                                   z[l + 1].data(), cells, false});
                }
                g_sink = z.back()[0];
            };
            auto [grid, gemm] = measure_pair(
                [&] { nn::GridResult r = nn::evaluate_grid(net, spec); g_sink = r.output[0]; }, gemms,
                double(cells));
            record("e2e", t.id, kE2eImpl, grid, "points/s");
            record("e2e", t.id, "gemm-only", gemm, "points/s");
            continue;
        }
        const size_t n = t.batch, in = size_t(t.inputs), no = size_t(t.outputs);
        const int classes = t.loss == nn::Loss::half_mse ? 2 : t.loss == nn::Loss::bce ? 2 : int(no);
        // The trainer wants a dataset to check shapes against; its rows are never used.
        nn::Dataset d = nn::make_dataset_raw(std::vector<float>(in, 0.0f), {0.0}, in, classes, 1.0, 1);
        nn::TrainOptions o;
        o.optimizer.lr = 0.03;
        o.batch_size = int64_t(n);
        nn::Trainer trainer(net, d, o);
        std::vector<std::vector<float>> xs(kPool, std::vector<float>(n * in)), ys(kPool, std::vector<float>(n * no, 0.0f));
        for (size_t p = 0; p < kPool; ++p) {
            fill(xs[p], uint32_t(100 + p), in == 2 ? 6.0f : 1.0f);
            for (size_t r = 0; r < n; ++r) {
                const size_t c = in == 2 ? (xs[p][r * 2] * xs[p][r * 2 + 1] >= 0) : (r * 7 + p) % no;
                if (t.loss == nn::Loss::softmax_ce) ys[p][r * no + c] = 1;
                else ys[p][r] = t.loss == nn::Loss::half_mse ? (c ? 1.0f : -1.0f) : float(c);
            }
        }
        size_t i = 0;
        Stat s = measure([&] {
            const size_t p = i++ % kPool;
            g_sink = float(trainer.train_batch(xs[p].data(), ys[p].data(), n));
        }, double(n));
        record("e2e", t.id, kE2eImpl, s, "samples/s");
    }
}

// ---- threads (issue 14) ---------------------------------------------------------------
// Training steps with 1 and 2 threads (TrainOptions::threads; the same bits either way),
// alternating 1, 2, 2, 1, ... in one process so both see the same machine load; each
// figure is the median over the rounds, and the load average is printed beside it
// (a 2-thread speed-up means nothing while other processes hold the cores).
double load_average() {
#if defined(__EMSCRIPTEN__)
    return -1;
#else
    double l = -1;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &l) != 1) l = -1;
        std::fclose(f);
    }
    return l;
#endif
}

void bench_threads() {
    if (!nn::kThreadSupport) {  // the single-thread WASM build: bench/threads.mjs measures the threaded one
        std::fprintf(stderr, "nnbench: threads  skipped: this build has no threads\n");
        return;
    }
    struct Case {
        const char* id;
        int64_t inputs;
        nn::Activation act;
        int64_t outputs;
        nn::Activation out_act;
        nn::Loss loss;
        nn::OptimizerKind opt;
        size_t batch;
    };
    using A = nn::Activation;
    using O = nn::OptimizerKind;
    // The page's defaults for these shapes (digits: relu, Adam, batch 128; 2-D: tanh, SGD,
    // batch 10), and the e2e tasks' batches.
    const Case cases[] = {
        {"784-256-128-64-10 relu adam b128", 784, A::relu, 10, A::softmax, nn::Loss::softmax_ce, O::adam, 128},
        {"784-256-128-64-10 relu sgd b64", 784, A::relu, 10, A::softmax, nn::Loss::softmax_ce, O::sgd, 64},
        {"2-256-128-64-1 tanh sgd b10", 2, A::tanh, 1, A::tanh, nn::Loss::half_mse, O::sgd, 10},
        {"2-256-128-64-1 relu sgd b32", 2, A::relu, 1, A::sigmoid, nn::Loss::bce, O::sgd, 32},
    };
    const int rounds = g_opts.samples;  // 5, or 2 with --quick
    for (const Case& c : cases) {
        if (std::string(c.id).find(g_task_filter) == std::string::npos) continue;
        nn::Architecture arch;
        arch.inputs = c.inputs;
        for (int64_t u : {256, 128, 64}) arch.layers.push_back({u, c.act, true});
        arch.layers.push_back({c.outputs, c.out_act, true});
        const size_t n = c.batch, in = size_t(c.inputs), no = size_t(c.outputs);
        const int classes = c.loss == nn::Loss::softmax_ce ? int(no) : 2;
        nn::Dataset d = nn::make_dataset_raw(std::vector<float>(in, 0.0f), {0.0}, in, classes, 1.0, 1);
        std::vector<float> x(n * in), y(n * no, 0.0f);
        fill(x, 7, in == 2 ? 6.0f : 1.0f);
        for (size_t r = 0; r < n; ++r) {
            if (c.loss == nn::Loss::softmax_ce) y[r * no + r % no] = 1;
            else y[r] = c.loss == nn::Loss::half_mse ? (x[r * 2] * x[r * 2 + 1] >= 0 ? 1.0f : -1.0f)
                                                       : float(x[r * 2] * x[r * 2 + 1] >= 0);
        }
        std::vector<double> rate[2];
        int used[2] = {1, 1};
        double load0 = load_average();
        for (int round = 0; round < rounds; ++round) {
            for (int k = 0; k < 2; ++k) {
                const int which = (round + k) % 2;  // 1T,2T then 2T,1T: neither always goes first
                nn::Network net(arch, c.loss, nn::Init::glorot_uniform, 1);
                nn::TrainOptions o;
                o.optimizer.kind = c.opt;
                o.optimizer.lr = c.opt == O::adam ? 0.002 : 0.03;
                o.batch_size = int64_t(n);
                o.threads = which + 1;
                nn::Trainer trainer(net, d, o);
                used[which] = trainer.threads();
                Stat s = measure([&] { g_sink = float(trainer.train_batch(x.data(), y.data(), n)); }, double(n));
                rate[which].push_back(s.med);
            }
        }
        const double load1 = load_average();
        for (int which = 0; which < 2; ++which) {
            std::vector<double>& r = rate[which];
            std::sort(r.begin(), r.end());
            Stat s;
            s.med = r.size() % 2 ? r[r.size() / 2] : 0.5 * (r[r.size() / 2 - 1] + r[r.size() / 2]);
            s.min = r.front();
            s.max = r.back();
            s.ms_per_call = 1000.0 * double(n) / s.med;
            record("threads", c.id, std::to_string(used[which]) + (used[which] == 1 ? " thread" : " threads"), s,
                   "samples/s", "", ",\"threads\":" + std::to_string(used[which]) + ",\"loadavg\":[" +
                   num(load0) + "," + num(load1) + "],\"rounds\":" + std::to_string(rounds));
        }
        std::fprintf(stderr, "nnbench: threads  %-44s 2 vs 1 thread: %.2fx (load average %.2f -> %.2f)\n", c.id,
                     rate[1][rate[1].size() / 2] / rate[0][rate[0].size() / 2], load0, load1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) g_opts = Opts{10, 5, 2};
        else if (std::strncmp(argv[i], "--only=", 7) == 0) only = argv[i] + 7;
        else if (std::strncmp(argv[i], "--task=", 7) == 0) g_task_filter = argv[i] + 7;
        else if (std::strncmp(argv[i], "--shape=", 8) == 0) g_shape_filter = argv[i] + 8;
        else {
            std::fprintf(stderr, "usage: nnbench [--quick] [--only=kernels|ceiling|e2e|threads[,...]] [--task=substring] [--shape=substring]\n");
            return 2;
        }
    }
#if defined(NNPLAY_BENCH_OPENBLAS)
    openblas_set_num_threads(1);  // single thread, as nnplay
#endif
    out = "{\"meta\":{";
#if defined(__EMSCRIPTEN__)
    out += "\"target\":\"wasm\",";
#else
    out += "\"target\":\"native\",";
#endif
    out += "\"simd\":\"" + std::string(nn::simd_arch_name()) + "\",\"lanes\":" +
           std::to_string(nn::simd_lanes()) + ",\"compiler\":\"" + __VERSION__ + "\"";
#if defined(NNPLAY_BENCH_OPENBLAS)
    out += ",\"openblas\":\"" + std::string(openblas_get_config()) + "\",\"openblasThreads\":" +
           std::to_string(openblas_get_num_threads());
#endif
    out += "},\"results\":[";
    auto wanted = [&](const char* part) { return only.empty() || only.find(part) != std::string::npos; };
    if (wanted("ceiling")) bench_ceiling();
    if (wanted("kernels")) bench_kernels();
    if (wanted("e2e")) bench_e2e();
    if (wanted("threads")) bench_threads();
    out += "\n]}\n";
    std::fputs(out.c_str(), stdout);
    return 0;
}
