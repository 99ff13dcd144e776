// The stall rule (core/stall.h): classification whose loss is flat at chance is reported once,
// with the saturated hidden units counted; learning runs and regression never are.
#include <catch2/catch.hpp>

#include <string>
#include "stall.h"
#include "trainer.h"

using namespace nn;

namespace {
Architecture mlp(size_t inputs, std::vector<int64_t> hidden, Activation act, int64_t outputs) {
    Architecture a;
    a.inputs = int64_t(inputs);
    for (int64_t h : hidden) a.layers.push_back({h, act, true});
    a.layers.push_back({outputs, Activation::tanh, true});
    return a;
}
Dataset circle() {
    GenerateOptions g;
    g.name = "circle";
    g.seed = 3;
    return make_dataset(generate_points(g), parse_features("x1,x2"), 0.5, 3);
}
}  // namespace

TEST_CASE("all-zero weights on the circle stall at chance and say so once", "[trainer][stall]") {
    Dataset d = circle();
    Network net(mlp(2, {4, 2}, Activation::tanh, 1), Loss::half_mse, Init::zeros, 1);
    TrainOptions opt;
    opt.optimizer.lr = 0.03;
    Trainer t(net, d, opt);
    int said = 0;
    int64_t at = 0;
    std::string message;
    for (int e = 0; e < 400; ++e) {
        EpochReport r = t.train_epoch();
        REQUIRE_FALSE(r.diverged);
        if (r.stalled) { ++said; at = r.epoch; message = r.message; }
    }
    INFO(message);
    CHECK(said == 1);               // once per Trainer
    CHECK(at >= 50);                // not before a full window of 50 epochs
    CHECK_THAT(message, Catch::Contains("stalled at epoch " + std::to_string(at)));
    CHECK_THAT(message, Catch::Contains("no better than always answering the most common class"));
    CHECK_THAT(message, Catch::Contains("all-zero weights"));
}

TEST_CASE("a network that learns (XOR) and regression never stall", "[trainer][stall]") {
    Dataset x = make_dataset_raw({0, 0, 0, 1, 1, 0, 1, 1}, {0, 1, 1, 0}, 2, 2, 1.0, 1);
    Network net(mlp(2, {4}, Activation::tanh, 1), Loss::half_mse, Init::glorot_uniform, 1);
    TrainOptions opt;
    opt.optimizer.kind = OptimizerKind::adam;
    opt.optimizer.lr = 0.05;
    opt.batch_size = 4;
    Trainer t(net, x, opt);
    for (int e = 0; e < 300; ++e) REQUIRE_FALSE(t.train_epoch().stalled);

    // regression: a flat loss is not "chance"
    Dataset r = make_dataset_raw({0, 1, 2, 3}, {0.5, 0.5, 0.5, 0.5}, 1, 0, 1.0, 1);
    Network rn(mlp(1, {2}, Activation::tanh, 1), Loss::half_mse, Init::zeros, 1);
    Trainer rt(rn, r, TrainOptions{});
    for (int e = 0; e < 120; ++e) REQUIRE_FALSE(rt.train_epoch().stalled);
}

TEST_CASE("saturated units are counted and named in the message", "[stall]") {
    Dataset d = circle();
    Network net(mlp(2, {3}, Activation::tanh, 1), Loss::half_mse, Init::glorot_uniform, 2);
    // inputs reach ±6: weights of ±100 put every hidden tanh at ±1 except within 0.03 of a line
    for (float& w : net.weights(0)) w = w > 0 ? 100.0f : -100.0f;
    const auto [sat, can] = saturated_units(net, d);
    CHECK(can == 3);
    CHECK(sat == 3);
    const std::vector<double> flat(50, 0.5);
    const StallCheck c = check_stall(net, d, flat, majority_share(d), 70);
    INFO(c.message);
    CHECK(c.stalled);
    CHECK_THAT(c.message, Catch::Contains("3 of 3 hidden units are saturated"));
    CHECK_THAT(c.message, Catch::Contains("lower learning rate"));
    // the same losses but accuracy 10 points above chance: learning, not stalled
    CHECK_FALSE(check_stall(net, d, flat, majority_share(d) + 0.1, 70).stalled);
    // a loss that still moves: (0.5 - 0.49) / 0.5 = 2% > 0.1%
    std::vector<double> moving(50, 0.5);
    moving.back() = 0.49;
    CHECK_FALSE(check_stall(net, d, moving, majority_share(d), 70).stalled);
    // fewer than 50 epochs seen: too early to say
    CHECK_FALSE(check_stall(net, d, std::vector<double>(49, 0.5), majority_share(d), 49).stalled);
}
