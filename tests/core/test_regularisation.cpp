// Regularisation in the SGD update (core/optim.h): TF Playground's order of steps and its
// rule for L1 weights that cross zero, with hand-computed values. The one-epoch comparison
// with TF Playground's engine itself is tests/js/regularisation.test.mjs.
#include <catch2/catch.hpp>

#include "optim.h"

using namespace nn;

namespace {
Optimizer sgd(double lr, double l1, double l2) {
    OptimizerSettings s;
    s.lr = lr;
    s.l1 = l1;
    s.l2 = l2;
    return Optimizer(s, {2, 2});
}
}  // namespace

TEST_CASE("SGD with L2: gradient step, then lr·l2·w from the old weight", "[regularisation]") {
    Optimizer o = sgd(0.1, 0, 0.3);
    float w[2] = {0.5f, -0.25f}, g[2] = {0.2f, 0.0f};
    o.step_begin();
    o.update(0, w, g, 2, true);
    // 0.5 − 0.1·0.2 = 0.48, then − (0.1·0.3)·0.5 = 0.015 → 0.465
    CHECK(w[0] == Approx(0.465f).epsilon(1e-6));
    // −0.25 − 0 = −0.25, then − 0.03·(−0.25) = +0.0075 → −0.2425
    CHECK(w[1] == Approx(-0.2425f).epsilon(1e-6));
    float b[2] = {0.5f, 0.5f};
    o.update(1, b, g, 2, false);  // biases are not regularised: 0.5 − 0.02 = 0.48
    CHECK(b[0] == Approx(0.48f).epsilon(1e-6));
    CHECK(b[1] == 0.5f);
}

TEST_CASE("SGD with L1: a weight the regulariser carries across zero is set to 0 and frozen", "[regularisation]") {
    Optimizer o = sgd(1.0, 0.1, 0);
    float w[2] = {0.01f, 0.5f}, g[2] = {0.0f, 0.0f};
    o.step_begin();
    o.update(0, w, g, 2, true);
    // w0 = 0.01: gradient step 0.01, L1 step −1·0.1·sign(0.01) → −0.09: crossed zero → 0
    CHECK(w[0] == 0.0f);
    // w1 = 0.5 − 0.1 = 0.4: no crossing
    CHECK(w[1] == Approx(0.4f).epsilon(1e-6));
    // frozen: a gradient that would move it does not (TF's link.isDead)
    float g2[2] = {-1.0f, 0.0f};
    o.step_begin();
    o.update(0, w, g2, 2, true);
    CHECK(w[0] == 0.0f);
    CHECK(w[1] == Approx(0.3f).epsilon(1e-6));
    // the gradient alone crossing zero is not the regulariser's doing: no freeze
    Optimizer p = sgd(1.0, 0.01, 0);
    float v[2] = {0.05f, 0.0f}, gv[2] = {0.1f, 0.0f};
    p.step_begin();
    p.update(0, v, gv, 2, true);  // 0.05 − 0.1 = −0.05, then − 0.01·sign(0.05) = −0.06
    CHECK(v[0] == Approx(-0.06f).epsilon(1e-6));
    CHECK(v[1] == 0.0f);  // sign(0) = 0: a zero weight stays (TF's L1 der at 0)
    // a new L1 rate unfreezes (the frozen set belongs to the rate that froze it)
    OptimizerSettings s = o.settings();
    s.l1 = 0.2;
    o.set_settings(s);
    o.step_begin();
    o.update(0, w, g2, 2, true);  // 0 + 1 = 1, then − 0.2·sign(0) = 1
    CHECK(w[0] == 1.0f);
}

TEST_CASE("SGD without regularisation is p − lr·g exactly", "[regularisation]") {
    Optimizer o = sgd(0.03, 0, 0);
    float w[2] = {0.3f, -0.7f}, g[2] = {0.11f, -2.5f};
    const float e0 = w[0] - 0.03f * g[0], e1 = w[1] - 0.03f * g[1];
    o.step_begin();
    o.update(0, w, g, 2, true);
    CHECK(w[0] == e0);
    CHECK(w[1] == e1);
}
