// The shared model rules (core/rules.h): the output layer for a problem and loss, the
// default loss, and how a seed text becomes the RNG's seed. The page, the widgets, the CLI
// and the JS API all call these; the JS/CLI tests check that they do (parity, link replay).
#include <catch2/catch.hpp>

#include "error.h"
#include "rules.h"

using namespace nn;

TEST_CASE("output layer for every problem and loss", "[rules]") {
    auto check = [](int classes, Loss loss, int64_t units, Activation act) {
        LayerSpec l = output_layer(classes, loss);
        INFO("classes " << classes << " loss " << loss_name(loss));
        CHECK(l.units == units);
        CHECK(l.activation == act);
        CHECK(l.bias);
    };
    check(0, Loss::half_mse, 1, Activation::linear);   // regression: TF Playground's linear output
    check(2, Loss::half_mse, 1, Activation::tanh);     // 2 classes: TF's one tanh unit, labels ±1
    check(3, Loss::half_mse, 3, Activation::linear);   // k classes: k linear units, one-hot targets
    check(2, Loss::bce, 1, Activation::sigmoid);
    check(2, Loss::softmax_ce, 2, Activation::softmax);
    check(5, Loss::softmax_ce, 5, Activation::softmax);
    CHECK_THROWS_WITH(output_layer(3, Loss::bce),
                      "loss bce needs 2 classes (1 sigmoid output), but the data is 3 classes; use softmax_ce");
    CHECK_THROWS_WITH(output_layer(0, Loss::bce), Catch::Contains("regression uses half_mse"));
    CHECK_THROWS_WITH(output_layer(0, Loss::softmax_ce), Catch::Contains("regression uses half_mse"));
    CHECK_THROWS_WITH(output_layer(1, Loss::half_mse), Catch::Contains("allowed: 0 (regression) or 2 and more"));
}

TEST_CASE("default loss: softmax cross-entropy above 2 classes, else half MSE", "[rules]") {
    CHECK(default_loss(0) == Loss::half_mse);
    CHECK(default_loss(2) == Loss::half_mse);
    CHECK(default_loss(3) == Loss::softmax_ce);
    CHECK(default_loss(10) == Loss::softmax_ce);
}

TEST_CASE("seed texts: numbers are themselves, other texts hash", "[rules]") {
    CHECK(seed_from_text("7") == 7);  // the page's seed=7 is `nnplay train --seed 7`
    CHECK(seed_from_text("007") == 7);
    CHECK(seed_from_text("0") == 0);
    CHECK(seed_from_text("9007199254740991") == 9007199254740991ull);  // 2^53 − 1
    // FNV-1a 64 of "0.83747" with bit 63 set; the value is fixed forever (links depend on it)
    const uint64_t tf = seed_from_text("0.83747");
    CHECK(tf == 17218521540457917638ull);
    CHECK((tf >> 63) == 1);
    CHECK(seed_from_text("9007199254740992") >> 63 == 1);  // 2^53: a text, hashed
    CHECK(seed_from_text("a") != seed_from_text("b"));
    for (const char* bad : {"", " 1", "1 ", "x\x01", "<img>", "123456789012345678901234567890123"})
        CHECK_THROWS_WITH(seed_from_text(bad), Catch::Contains("is not a seed; allowed: 1 to 32 letters"));
    CHECK(seed_from_text("-") == seed_from_text("-"));
}
