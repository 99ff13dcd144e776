// Optimiser updates against the rule written in core/optim.h, with the arithmetic beside
// each expected value. (The same rules are checked against PyTorch on random networks in
// tests/js/torch_optim.test.mjs.)
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "optim.h"

using namespace nn;

TEST_CASE("Adam's first step is lr·g/(|g| + ε): m̂ = g and v̂ = g² as the rule says", "[optim]") {
    // After one step m = (1−β1)·g, v = (1−β2)·g², m̂ = m/(1−β1) = g, v̂ = v/(1−β2) = g², so
    // p moves by lr·g/(|g|+ε): 0.01·1/(1+1e-8) = 0.01 for g = 1, and −0.01 for g = −3.
    // Computing 1 − β as 1.0f − float(β) instead gave 0.01·(1.0000002/0.99999356) = 0.0100000667.
    OptimizerSettings s;
    s.kind = OptimizerKind::adam;
    s.lr = 0.01;
    Optimizer opt(s, {2});
    std::vector<float> p = {0.0f, 0.0f};  // from 0, p is the step itself, to float precision
    const std::vector<float> g = {1.0f, -3.0f};
    opt.step_begin();
    opt.update(0, p.data(), g.data(), 2, true);
    INFO("steps " << p[0] << " " << p[1]);
    // within 2 float32 roundings (2·6e-8 relative) of ∓0.01; the old arithmetic was 6.7e-6 off
    CHECK(std::fabs(p[0] + 0.01) < 1.2e-7 * 0.01);
    CHECK(std::fabs(p[1] - 0.01) < 1.2e-7 * 0.01);
}

TEST_CASE("momentum: v = μ·v + g, p −= lr·v; sgd: p −= lr·(g + l2·p + l1·sign(p))", "[optim]") {
    OptimizerSettings s;
    s.kind = OptimizerKind::momentum;
    s.lr = 0.5;
    s.momentum = 0.5;
    Optimizer m(s, {1});
    float p = 1.0f;
    const float g = 1.0f;
    m.step_begin();
    m.update(0, &p, &g, 1, true);
    CHECK(p == 0.5f);   // v = 1, p = 1 − 0.5·1
    m.step_begin();
    m.update(0, &p, &g, 1, true);
    CHECK(p == -0.25f);  // v = 0.5·1 + 1 = 1.5, p = 0.5 − 0.5·1.5

    OptimizerSettings r;
    r.lr = 0.5;
    r.l1 = 0.25;
    r.l2 = 0.5;
    Optimizer sgd(r, {1});
    float w = 2.0f, b = 2.0f;
    sgd.step_begin();
    sgd.update(0, &w, &g, 1, true);
    sgd.update(0, &b, &g, 1, false);
    CHECK(w == 0.875f);  // 2 − 0.5·(1 + 0.5·2 + 0.25·1) = 2 − 1.125
    CHECK(b == 1.5f);    // biases are not regularised: 2 − 0.5·1
}
