// Training end to end: XOR, spiral with sin features, divergence, determinism and
// a golden loss trajectory (the same numbers must come out of the WASM build).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include "error.h"
#include "trainer.h"

using namespace nn;

namespace {
Architecture mlp(size_t inputs, std::vector<int64_t> hidden, Activation act, int64_t outputs,
                 Activation out_act) {
    Architecture a;
    a.inputs = int64_t(inputs);
    for (int64_t h : hidden) a.layers.push_back({h, act, true});
    a.layers.push_back({outputs, out_act, true});
    return a;
}
// The README's CLI example: spiral with x1,x2,sinx1,sinx2 into 8-8 tanh, Adam at lr 0.01,
// seed 7 for data, split, weights and shuffles.
struct SpiralRun {
    static Dataset data(double noise) {
        GenerateOptions g;
        g.name = "spiral";
        g.noise = noise;
        g.seed = 7;
        return make_dataset(generate_points(g), parse_features("x1,x2,sinx1,sinx2"), 0.5, 7);
    }
    static TrainOptions options() {
        TrainOptions opt;
        opt.optimizer.kind = OptimizerKind::adam;
        opt.optimizer.lr = 0.01;
        opt.seed = 7;
        return opt;
    }
    Dataset d;
    Network net{mlp(4, {8, 8}, Activation::tanh, 1, Activation::tanh), Loss::half_mse,
                Init::glorot_uniform, 7};
    Trainer t{net, d, options()};
    explicit SpiralRun(double noise) : d(data(noise)) {}
};
}  // namespace

TEST_CASE("XOR: a 2-4-1 tanh network reaches 100% accuracy", "[trainer]") {
    Dataset d = make_dataset_raw({0, 0, 0, 1, 1, 0, 1, 1}, {0, 1, 1, 0}, 2, 2, 1.0, 1);
    Network net(mlp(2, {4}, Activation::tanh, 1, Activation::tanh), Loss::half_mse,
                Init::glorot_uniform, 1);
    TrainOptions opt;
    opt.optimizer.kind = OptimizerKind::adam;
    opt.optimizer.lr = 0.05;
    opt.batch_size = 4;
    Trainer t(net, d, opt);
    EpochReport r;
    for (int e = 0; e < 500; ++e) r = t.train_epoch();
    INFO("loss " << r.train.loss);
    CHECK(r.train.accuracy == 1.0);
    CHECK(r.train.loss < 0.01);
    CHECK(r.test.samples == 0);
}

TEST_CASE("spiral with sin features reaches >= 95% test accuracy", "[trainer]") {
    SpiralRun run(0.0);
    EpochReport r;
    for (int e = 0; e < 300; ++e) r = run.t.train_epoch();
    INFO("train " << r.train.accuracy << " test " << r.test.accuracy);
    CHECK(r.test.accuracy >= 0.95);
    CHECK(r.epoch == 300);
}

TEST_CASE("softmax on k-class blobs and BCE on circle learn", "[trainer]") {
    GenerateOptions g;
    g.name = "blobs";
    g.classes = 4;
    g.noise = 0.1;
    Dataset d = make_dataset(generate_points(g), {Feature::x1, Feature::x2}, 0.5, 2);
    Network net(mlp(2, {8}, Activation::relu, 4, Activation::softmax), Loss::softmax_ce,
                Init::he_uniform, 2);
    TrainOptions opt;
    opt.optimizer.kind = OptimizerKind::momentum;
    opt.optimizer.lr = 0.05;
    Trainer t(net, d, opt);
    EpochReport r;
    for (int e = 0; e < 40; ++e) r = t.train_epoch();
    CHECK(r.test.accuracy > 0.9);

    g.name = "circle";
    g.noise = 0;
    Dataset c = make_dataset(generate_points(g), parse_features("x1sq,x2sq"), 0.5, 2);
    Network b(mlp(2, {4}, Activation::tanh, 1, Activation::sigmoid), Loss::bce, Init::glorot_uniform, 2);
    TrainOptions ob;
    ob.optimizer.kind = OptimizerKind::adam;
    ob.optimizer.lr = 0.03;
    Trainer tb(b, c, ob);
    for (int e = 0; e < 60; ++e) r = tb.train_epoch();
    CHECK(r.test.accuracy > 0.97);
}

TEST_CASE("divergence is reported, never shown as numbers, and the weights are restored", "[trainer]") {
    GenerateOptions g;
    g.name = "plane";
    Dataset d = make_dataset(generate_points(g), {Feature::x1, Feature::x2}, 0.5, 1);
    Network net(mlp(2, {8}, Activation::relu, 1, Activation::linear), Loss::half_mse,
                Init::he_uniform, 1);
    std::vector<float> W0 = net.weights(0);
    TrainOptions opt;
    opt.optimizer.lr = 90;
    Trainer t(net, d, opt);
    EpochReport r = t.train_epoch();
    REQUIRE(r.diverged);
    CHECK(r.message == "diverged at epoch 1; lower the learning rate (now 90)");
    CHECK(net.weights(0) == W0);
    CHECK(std::isfinite(r.train.loss));
}

TEST_CASE("bad training settings are refused with what is allowed", "[trainer]") {
    Dataset d = make_dataset_raw({0, 0, 1, 1}, {0, 1}, 2, 2, 1.0, 1);
    Network net(mlp(2, {2}, Activation::tanh, 1, Activation::tanh), Loss::half_mse);
    TrainOptions opt;
    opt.batch_size = 0;
    REQUIRE_THROWS_WITH(Trainer(net, d, opt), "batch size must be between 1 and 1,000,000, got 0");
    opt.batch_size = 2;
    opt.optimizer.lr = std::nan("");
    REQUIRE_THROWS_WITH(Trainer(net, d, opt), Catch::Contains("lr must be a finite number in [0, 100]"));
    opt.optimizer.lr = 0.1;
    opt.optimizer.l2 = -1;
    REQUIRE_THROWS_WITH(Trainer(net, d, opt), Catch::Contains("l2 must be a finite number"));
    Network three(mlp(3, {2}, Activation::tanh, 1, Activation::tanh), Loss::half_mse);
    opt.optimizer.l2 = 0;
    REQUIRE_THROWS_WITH(Trainer(three, d, opt), "dataset has 2 inputs but the network expects 3");
    REQUIRE_THROWS_WITH(parse_optimizer("rmsprop"), "unknown optimizer 'rmsprop'; allowed: sgd, momentum, adam");
}

TEST_CASE("a seeded run is reproducible and identical with reference kernels", "[trainer]") {
    GenerateOptions g;
    g.name = "spiral";
    g.noise = 0.1;
    g.seed = 3;
    Dataset d = make_dataset(generate_points(g), parse_features("x1,x2,x1x2,sinx1,sinx2"), 0.5, 3);
    Architecture a = mlp(5, {16, 8}, Activation::tanh, 1, Activation::tanh);
    auto run = [&](bool ref) {
        Network net(a, Loss::half_mse, Init::glorot_uniform, 3);
        net.set_use_reference_kernels(ref);
        TrainOptions opt;
        opt.optimizer.kind = OptimizerKind::adam;
        opt.optimizer.lr = 0.01;
        opt.optimizer.l2 = 0.001;
        opt.seed = 3;
        Trainer t(net, d, opt);
        std::vector<double> losses;
        for (int e = 0; e < 5; ++e) losses.push_back(t.train_epoch().train.loss);
        return losses;
    };
    std::vector<double> a1 = run(false), a2 = run(false), r1 = run(true);
    CHECK(a1 == a2);
    CHECK(a1 == r1);
}

TEST_CASE("golden: a seeded spiral run gives these exact losses, natively and in WASM", "[trainer]") {
    // Recorded once natively (x86-64). The same test runs in the WASM build; any change in
    // RNG, pmath, kernel summation order or optimiser arithmetic changes these bits.
    // Re-recorded when Adam's 1 − β became float(1 − β) (core/optim.cpp, checked against torch).
    const double golden[5][2] = {
        {0.44233704573043869, 0.50906906371972716},
        {0.41958234528617783, 0.45195395199772681},
        {0.38392934675326135, 0.4284593964752284},
        {0.34981657946164224, 0.3867347813916957},
        {0.31747594519627592, 0.34213720721168361},
    };
    SpiralRun run(0.1);
    for (int e = 0; e < 5; ++e) {
        EpochReport r = run.t.train_epoch();
        INFO("epoch " << e + 1);
        CHECK(r.train.loss == golden[e][0]);
        CHECK(r.test.loss == golden[e][1]);
    }
}

TEST_CASE("a trainer without a dataset runs train_batch and refuses train_epoch", "[trainer]") {
    Network net(mlp(2, {3}, Activation::tanh, 1, Activation::tanh), Loss::half_mse,
                Init::glorot_uniform, 4);
    Network twin = net;
    TrainOptions opt;
    opt.optimizer.kind = OptimizerKind::adam;
    Trainer alone(net, opt);
    // The same step through a trainer over a dataset gives the same weights.
    Dataset d = make_dataset_raw({0, 0, 1, 1}, {0, 1}, 2, 2, 1.0, 1);
    Trainer with_data(twin, d, opt);
    float x[4] = {0.5f, -1.0f, 2.0f, 0.25f}, y[2] = {1.0f, -1.0f};
    CHECK(alone.train_batch(x, y, 2) == with_data.train_batch(x, y, 2));
    CHECK(net.weights(0) == twin.weights(0));
    REQUIRE_THROWS_WITH(alone.train_epoch(), Catch::Contains("has no dataset"));
}

TEST_CASE("train_batches: an epoch in pieces equals train_epoch bit for bit", "[trainer]") {
    // 120 rows, ratio 0.5: 60 train rows, batch 7 → 9 batches per epoch (8 × 7 + 4)
    GenerateOptions g;
    g.name = "spiral";
    g.samples = 120;
    g.seed = 4;
    Dataset d = make_dataset(generate_points(g), {Feature::x1, Feature::x2}, 0.5, 4);
    Architecture a;
    a.inputs = 2;
    a.layers = {{6, Activation::tanh, true}, {1, Activation::tanh, true}};
    TrainOptions o;
    o.batch_size = 7;
    o.optimizer.kind = OptimizerKind::adam;
    o.optimizer.lr = 0.01;
    Network whole(a, Loss::half_mse, Init::glorot_uniform, 9), parts = whole;
    Trainer tw(whole, d, o), tp(parts, d, o);
    for (int e = 0; e < 3; ++e) {
        EpochReport rw = tw.train_epoch();
        EpochReport rp;
        rp.epoch = -1;
        size_t total = 0;
        for (int piece = 0; rp.epoch < 0; ++piece) {
            REQUIRE(piece < 20);
            total += tp.train_batches(2, &rp);  // 2 batches at a time
            if (rp.epoch < 0) CHECK(tp.epoch_position() == total * 7);
        }
        CHECK(total == 9);
        CHECK(tp.epoch_position() == 0);
        CHECK(rp.epoch == rw.epoch);
        CHECK(rp.train.loss == rw.train.loss);
        CHECK(rp.test.accuracy == rw.test.accuracy);
    }
    for (size_t l = 0; l < whole.num_layers(); ++l) CHECK(whole.weights(l) == parts.weights(l));
}

TEST_CASE("training metrics: every row up to 2,000 training rows, else 2,000 spread evenly", "[trainer]") {
    CHECK(train_metric_rows(0).empty());
    CHECK(train_metric_rows(kTrainMetricRows).empty());      // 2,000 rows: all of them
    const std::vector<uint32_t> r1 = train_metric_rows(kTrainMetricRows + 1);
    REQUIRE(r1.size() == kTrainMetricRows);
    CHECK(r1.front() == 0);
    CHECK(r1.back() == 1999);                                // floor(1999 · 2001 / 2000) = 1999
    const std::vector<uint32_t> r8 = train_metric_rows(8000);  // the page's digits: 8,000 training rows
    REQUIRE(r8.size() == 2000);
    for (size_t i = 0; i < r8.size(); ++i) REQUIRE(r8[i] == 4 * i);  // i · 8000 / 2000 = 4i
    const std::vector<uint32_t> r56 = train_metric_rows(56000);     // Fashion-MNIST's 70,000 at 80%
    for (size_t i = 1; i < r56.size(); ++i) REQUIRE(r56[i] == r56[i - 1] + 28);
    CHECK(r56.back() == 55972);
}

TEST_CASE("training metrics of a big split: the report's are those of the listed rows, and evaluate_split agrees", "[trainer]") {
    // 3,001 rows of 3 inputs, 4 classes, 90% train → 2,701 training rows (> 2,000), 300 test
    const size_t n = 3001, in = 3;
    std::vector<float> x(n * in);
    std::vector<double> label(n);
    Rng rng(11);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < in; ++j) x[i * in + j] = float(rng.uniform(-1, 1));
        label[i] = double((x[i * in] > 0) * 2 + (x[i * in + 1] > 0));
    }
    Dataset d = make_dataset_raw(x, label, in, 4, 0.9, 5);
    REQUIRE(d.n_train == 2701);
    Network net(mlp(in, {8}, Activation::relu, 4, Activation::softmax), Loss::softmax_ce,
                Init::he_uniform, 3);
    TrainOptions o;
    o.batch_size = 32;
    o.optimizer.kind = OptimizerKind::adam;
    o.optimizer.lr = 0.01;
    Trainer t(net, d, o);
    const EpochReport r = t.train_epoch();
    CHECK(r.train.samples == 2000);
    CHECK(r.test.samples == 300);
    // The same rows copied into a dataset of their own, evaluated whole: the same bits.
    const std::vector<uint32_t> rows = train_metric_rows(d.n_train);
    std::vector<float> sx;
    std::vector<double> sl;
    for (uint32_t row : rows) {
        sx.insert(sx.end(), d.x.begin() + row * in, d.x.begin() + (row + 1) * in);
        sl.push_back(d.label[row]);
    }
    Dataset sub = make_dataset_raw(sx, sl, in, 4, 1.0, 1);  // shuffled by its own seed: the sums' order differs
    const Metrics all = evaluate(net, sub, 0, sub.n);
    CHECK(all.samples == 2000);
    CHECK(std::abs(all.loss - r.train.loss) < 1e-12);
    CHECK(all.accuracy == r.train.accuracy);  // a count of correct rows over 2,000
    // evaluate_split (the JS evaluate, the page's numbers before training) follows the same rule.
    const SplitMetrics s = evaluate_split(net, d);
    CHECK(s.train.loss == r.train.loss);
    CHECK(s.train.accuracy == r.train.accuracy);
    CHECK(s.train.samples == 2000);
    CHECK(s.test.loss == r.test.loss);
    CHECK(s.test.samples == 300);
}

TEST_CASE("training metrics of a small split use every training row, as before", "[trainer]") {
    Dataset d = SpiralRun::data(0);
    REQUIRE(d.n_train <= kTrainMetricRows);
    Network net(mlp(4, {8}, Activation::tanh, 1, Activation::tanh), Loss::half_mse, Init::glorot_uniform, 2);
    TrainOptions o;
    Trainer t(net, d, o);
    const EpochReport r = t.train_epoch();
    const Metrics all = evaluate(net, d, 0, d.n_train);
    CHECK(r.train.samples == int64_t(d.n_train));
    CHECK(r.train.loss == all.loss);
    CHECK(evaluate_split(net, d).train.loss == all.loss);
}
