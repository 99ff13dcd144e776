// Threads give the same bits as one thread (issue 14). The pool runs every task once; every
// parallel product equals gemm_simd / the one-thread layer bit for bit on every kernel this
// CPU runs, on shapes with ragged panels and single rows; and whole training runs (random
// architectures, activations, losses, optimisers, batch sizes incl. 1) give identical
// per-epoch losses and weights with 1, 2 and 3 threads. Each case runs twice: with the size
// rule as shipped, and with the bar at 0 so that even 1×1 products are cut.
// To add a training case: add a row to kRuns.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "dense.h"
#include "dense_parallel.h"
#include "error.h"
#include "rng.h"
#include "thread_pool.h"
#include "trainer.h"

namespace nn::detail {
bool select_simd_arch(const char* name);         // test hook in dense_simd.cpp
double set_parallel_min_work(double work);       // test hook in dense_parallel.cpp
}

using namespace nn;

namespace {

std::vector<float> random_floats(size_t n, uint64_t seed) {
    Rng r(seed);
    std::vector<float> v(n);
    for (float& f : v) f = float(r.uniform(-1.0, 1.0));
    return v;
}

size_t mismatches(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return std::max(a.size(), b.size());
    size_t n = 0;
    for (size_t i = 0; i < a.size(); ++i) n += std::memcmp(&a[i], &b[i], sizeof(float)) != 0;
    return n;
}

std::vector<std::string> available_archs() {
    std::vector<std::string> out;
    for (const char* name : {"sse2", "avx2", "avx512"})
        if (detail::select_simd_arch(name)) out.push_back(simd_arch_name());
    detail::select_simd_arch(nullptr);
    return out;
}

struct MinWork {  // lowers the size rule's bar for one scope
    double old;
    explicit MinWork(double w) : old(detail::set_parallel_min_work(w)) {}
    ~MinWork() { detail::set_parallel_min_work(old); }
};

int expected_threads(int asked) { return thread_support() ? asked : 1; }

}  // namespace

TEST_CASE("ThreadPool runs every task exactly once and rethrows a task's error", "[threads]") {
    for (int threads : {1, 2, 3, 4}) {
        ThreadPool pool(threads);
        CHECK(pool.threads() == expected_threads(threads));
        for (size_t tasks : {size_t(0), size_t(1), size_t(2), size_t(3), size_t(7), size_t(100)}) {
            for (int round = 0; round < 20; ++round) {
                std::vector<std::atomic<int>> hits(tasks);
                pool.for_each(tasks, [&](size_t t) { hits[t].fetch_add(1); });
                int wrong = 0;
                for (auto& h : hits) wrong += h.load() != 1;
                INFO(threads << " threads, " << tasks << " tasks, round " << round);
                REQUIRE(wrong == 0);
            }
        }
        std::atomic<int> ran{0};
        CHECK_THROWS_WITH(pool.for_each(9, [&](size_t t) {
                              ran.fetch_add(1);
                              if (t == 4) throw std::runtime_error("task 4 failed");
                          }),
                          "task 4 failed");
        CHECK(ran.load() == 9);  // the others still ran; the pool is usable afterwards
        pool.for_each(3, [&](size_t) { ran.fetch_add(1); });
        CHECK(ran.load() == 12);
    }
}

TEST_CASE("gemm_parallel and the parallel layers equal one thread bit for bit", "[threads][dense]") {
    struct Shape {
        size_t M, N, K;
    };
    // Ragged panels (N not a multiple of 8/16/32), single rows and columns, K = 0 and 1.
    const Shape shapes[] = {{1, 1, 1},   {1, 33, 7},    {3, 1, 17},    {17, 17, 17}, {1, 256, 128},
                            {256, 1, 64}, {9, 129, 31}, {13, 100, 257}, {64, 10, 128}, {5, 33, 0},
                            {2, 300, 2}, {300, 2, 300}, {37, 65, 1},   {128, 256, 784}};
    std::vector<std::string> archs = available_archs();
    REQUIRE(!archs.empty());
    ThreadPool pool2(2), pool3(3);
    for (double bar : {kMinParallelMacs, 0.0}) {
        MinWork w(bar);
        for (const std::string& arch : archs) {
            REQUIRE(detail::select_simd_arch(arch.c_str()));
            for (const Shape& s : shapes) {
                for (int variant = 0; variant < 4; ++variant) {
                    const bool transposed = variant & 1, accumulate = variant & 2;
                    std::vector<float> A = random_floats(s.M * s.K + 1, 1 + s.M);
                    std::vector<float> B = random_floats(s.K * s.N + 1, 2 + s.N);
                    std::vector<float> C0 = random_floats(s.M * s.N, 3 + s.K);
                    std::vector<float> rinit = random_floats(s.M, 4);
                    GemmArgs g{s.M, s.N, s.K, A.data(), transposed ? 1 : s.K, transposed ? s.M : 1,
                               B.data(), s.N, nullptr, s.N, accumulate};
                    if (variant == 3) {
                        g.row_init = rinit.data();
                        g.epilogue = GemmEpilogue::tanh;
                    }
                    std::vector<float> one = C0, two = C0, three = C0;
                    g.C = one.data();
                    gemm_simd(g);
                    g.C = two.data();
                    gemm_parallel(&pool2, g);
                    g.C = three.data();
                    gemm_parallel(&pool3, g);
                    INFO(arch << " bar " << bar << " M=" << s.M << " N=" << s.N << " K=" << s.K
                              << " variant " << variant);
                    CHECK(mismatches(one, two) == 0);
                    CHECK(mismatches(one, three) == 0);
                }
                // A layer: batch M, in K, out N, forward then backward with the previous
                // layer's delta, against the one-thread kernels (dense_forward_simd etc.).
                const size_t batch = s.M, in = s.K, out = s.N;
                if (in == 0) continue;
                for (Activation act : {Activation::tanh, Activation::relu, Activation::softmax}) {
                    if (act == Activation::softmax && out < 2) continue;
                    std::vector<float> x = random_floats(batch * in, 5), W = random_floats(in * out, 6),
                                       b = random_floats(out, 7), dy = random_floats(batch * out, 8),
                                       zp = random_floats(batch * in, 9);
                    std::vector<float> ap(batch * in);
                    activation_forward(Activation::tanh, zp.data(), ap.data(), batch * in, in);
                    struct Out {
                        std::vector<float> z, a, dW, db, dx, dz, WT;
                    };
                    auto make = [&] {
                        return Out{std::vector<float>(batch * out), std::vector<float>(batch * out),
                                   std::vector<float>(in * out), std::vector<float>(out),
                                   std::vector<float>(batch * in), std::vector<float>(batch * in),
                                   std::vector<float>(in * out)};
                    };
                    Out ref = make();
                    dense_forward_simd(x.data(), batch, in, W.data(), b.data(), out, ref.z.data());
                    activation_forward(act, ref.z.data(), ref.a.data(), batch * out, out);
                    dense_backward_simd(x.data(), dy.data(), batch, in, out, W.data(), ref.dW.data(),
                                        ref.db.data(), ref.dx.data(), ref.WT.data());
                    activation_backward(Activation::tanh, zp.data(), ap.data(), ref.dx.data(),
                                        ref.dz.data(), batch * in);
                    for (ThreadPool* pool : {&pool2, &pool3}) {
                        Out o = make();
                        layer_forward_parallel(pool, act, x.data(), batch, in, W.data(), b.data(), out,
                                               o.z.data(), o.a.data());
                        layer_backward_parallel(pool, x.data(), dy.data(), batch, in, out, W.data(),
                                                o.dW.data(), o.db.data(), o.dx.data(), o.WT.data(),
                                                Activation::tanh, zp.data(), ap.data(), o.dz.data());
                        INFO(arch << " bar " << bar << " layer batch " << batch << ", " << in << " -> "
                                  << out << ", " << activation_name(act) << ", " << pool->threads()
                                  << " threads");
                        CHECK(mismatches(ref.z, o.z) == 0);
                        CHECK(mismatches(ref.a, o.a) == 0);
                        CHECK(mismatches(ref.dW, o.dW) == 0);
                        CHECK(mismatches(ref.db, o.db) == 0);
                        CHECK(mismatches(ref.dx, o.dx) == 0);
                        CHECK(mismatches(ref.dz, o.dz) == 0);
                    }
                }
            }
        }
        detail::select_simd_arch(nullptr);
    }
}

namespace {

struct Run {
    int64_t inputs;
    std::vector<int64_t> hidden;
    Activation act;
    int64_t outputs;
    Loss loss;
    OptimizerKind opt;
    double l1, l2;
    int64_t batch;
    size_t rows;
};

Activation output_of(Loss loss) {
    return loss == Loss::softmax_ce ? Activation::softmax
           : loss == Loss::bce      ? Activation::sigmoid
                                    : Activation::tanh;
}

struct Trajectory {
    std::vector<double> train_loss, test_loss;
    std::vector<std::vector<float>> params;
    int threads = 0;
};

Trajectory train_run(const Run& r, int threads, int epochs) {
    Rng rng(uint64_t(r.inputs * 131 + r.batch));
    std::vector<float> x(r.rows * size_t(r.inputs));
    for (float& v : x) v = float(rng.uniform(-2.0, 2.0));
    std::vector<double> label(r.rows);
    const int classes = r.loss == Loss::bce ? 2 : r.outputs > 1 ? int(r.outputs) : 0;
    for (size_t i = 0; i < r.rows; ++i)
        label[i] = classes ? double(rng.below(uint32_t(classes))) : rng.uniform(-1.0, 1.0);
    Dataset d = make_dataset_raw(x, label, size_t(r.inputs), classes, 0.8, 3);
    Architecture a;
    a.inputs = r.inputs;
    for (int64_t h : r.hidden) a.layers.push_back({h, r.act, true});
    a.layers.push_back({r.outputs, output_of(r.loss), true});
    Network net(a, r.loss, Init::glorot_uniform, 5);
    TrainOptions o;
    o.optimizer.kind = r.opt;
    o.optimizer.lr = r.opt == OptimizerKind::adam ? 0.005 : 0.05;
    o.optimizer.l1 = r.l1;
    o.optimizer.l2 = r.l2;
    o.batch_size = r.batch;
    o.seed = 9;
    o.threads = threads;
    Trainer t(net, d, o);
    Trajectory tr;
    tr.threads = t.threads();
    for (int e = 0; e < epochs; ++e) {
        EpochReport rep = t.train_epoch();
        tr.train_loss.push_back(rep.train.loss);
        tr.test_loss.push_back(rep.test.loss);
    }
    for (size_t l = 0; l < net.num_layers(); ++l) {
        tr.params.push_back(net.weights(l));
        tr.params.push_back(net.biases(l));
    }
    return tr;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("training with 1, 2 and 3 threads gives the same losses and weights bit for bit",
          "[threads][trainer]") {
    using A = Activation;
    using O = OptimizerKind;
    const Run kRuns[] = {
        // 784-256-128-64-10 shape class (small rows so it stays fast), Adam, batch 128 > rows/epoch.
        {40, {256, 128, 64}, A::relu, 10, Loss::softmax_ce, O::adam, 0, 0, 64, 150},
        // 2-256-128-64-1 (the page's widest 2-D net), SGD, batch 10 and batch 1.
        {2, {256, 128, 64}, A::tanh, 1, Loss::half_mse, O::sgd, 0, 0, 10, 120},
        {2, {256, 128, 64}, A::tanh, 1, Loss::half_mse, O::sgd, 0.001, 0, 1, 40},
        // Ragged widths (not multiples of 4/8/16/32 lanes), other activations and losses.
        {5, {33, 129, 7}, A::leaky_relu, 1, Loss::bce, O::momentum, 0, 0.01, 17, 90},
        {3, {100, 65}, A::gelu, 3, Loss::softmax_ce, O::adam, 0.001, 0.001, 3, 60},
        {7, {300}, A::sigmoid, 2, Loss::half_mse, O::momentum, 0, 0, 33, 100},
        {1, {1, 250, 1}, A::swish, 1, Loss::half_mse, O::sgd, 0, 0.003, 7, 60},
    };
    for (double bar : {kMinParallelMacs, 0.0}) {
        MinWork w(bar);
        for (size_t i = 0; i < std::size(kRuns); ++i) {
            const Run& r = kRuns[i];
            const Trajectory one = train_run(r, 1, 3);
            for (int threads : {2, 3}) {
                const Trajectory many = train_run(r, threads, 3);
                INFO("run " << i << " (batch " << r.batch << "), " << threads << " threads, bar " << bar);
                CHECK(many.threads == expected_threads(threads));
                REQUIRE(many.train_loss.size() == one.train_loss.size());
                for (size_t e = 0; e < one.train_loss.size(); ++e) {
                    INFO("epoch " << e + 1 << ": " << one.train_loss[e] << " vs " << many.train_loss[e]);
                    CHECK(same_bits(one.train_loss[e], many.train_loss[e]));
                    CHECK(same_bits(one.test_loss[e], many.test_loss[e]));
                }
                for (size_t p = 0; p < one.params.size(); ++p) {
                    INFO("parameter array " << p);
                    CHECK(mismatches(one.params[p], many.params[p]) == 0);
                }
            }
        }
    }
}

TEST_CASE("threads: bad counts are refused; changing them keeps the run on its bits", "[threads][trainer]") {
    Dataset d = make_dataset_raw({0, 0, 0, 1, 1, 0, 1, 1}, {0, 1, 1, 0}, 2, 2, 1.0, 1);
    Architecture a;
    a.inputs = 2;
    a.layers.push_back({64, Activation::tanh, true});
    a.layers.push_back({1, Activation::tanh, true});
    Network net(a, Loss::half_mse, Init::glorot_uniform, 1);
    TrainOptions o;
    for (int bad : {0, -1, kMaxThreads + 1}) {
        o.threads = bad;
        CHECK_THROWS_WITH(Trainer(net, d, o), "threads must be between 1 and 64, got " + std::to_string(bad));
    }
    o.threads = 1;
    Trainer t(net, d, o);
    o.threads = 0;
    CHECK_THROWS_WITH(t.set_options(o), "threads must be between 1 and 64, got 0");
    CHECK(t.threads() == 1);  // refused: unchanged

    // Switching 1 → 3 → 2 threads between epochs continues exactly as one thread would.
    MinWork w(0.0);
    Network n1(a, Loss::half_mse, Init::glorot_uniform, 1), n2 = n1;
    TrainOptions one;
    one.batch_size = 2;
    Trainer t1(n1, d, one), t2(n2, d, one);
    for (int e = 0; e < 6; ++e) {
        TrainOptions o2 = one;
        o2.threads = 1 + e % 3;
        t2.set_options(o2);
        CHECK(t2.threads() == expected_threads(o2.threads));
        CHECK(same_bits(t1.train_epoch().train.loss, t2.train_epoch().train.loss));
    }
    CHECK(mismatches(n1.weights(0), n2.weights(0)) == 0);
}

TEST_CASE("pools are lent and reused, not started per trainer", "[threads]") {
    ThreadPool* first = nullptr;
    {
        PoolLease a = lease_pool(2);
        REQUIRE(a.get());
        first = a.get();
        CHECK(a.get()->threads() == expected_threads(2));
        PoolLease b = lease_pool(2);  // a is still lent: another pool
        CHECK(b.get() != first);
    }
    PoolLease c = lease_pool(2);  // both came back; one of them is lent again
    CHECK(c.get() != nullptr);
    PoolLease d = lease_pool(2);
    CHECK((c.get() == first || d.get() == first));
}
