// Dataset generators against TF Playground's formulas, features, split and target
// encoding. Points are compared with the formulas recomputed here, not with goldens,
// so a change of RNG stream does not break them but a change of formula does.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "dataset.h"
#include "error.h"
#include "pmath.h"

using namespace nn;

static Points gen(const char* name, int64_t n, double noise, uint64_t seed, int classes = 3) {
    GenerateOptions o;
    o.name = name;
    o.samples = n;
    o.noise = noise;
    o.seed = seed;
    o.classes = classes;
    return generate_points(o);
}

TEST_CASE("generators: same seed gives the same points, another seed different ones") {
    for (const char* name : {"circle", "xor", "gauss", "spiral", "blobs", "plane", "multigauss"}) {
        INFO(name);
        Points a = gen(name, 200, 0.2, 7), b = gen(name, 200, 0.2, 7), c = gen(name, 200, 0.2, 8);
        REQUIRE(a.x1 == b.x1);
        REQUIRE(a.x2 == b.x2);
        REQUIRE(a.label == b.label);
        REQUIRE(a.x1 != c.x1);
    }
}

TEST_CASE("generators: counts, defaults, label ranges and class balance") {
    for (const char* name : {"circle", "xor", "gauss", "spiral", "blobs"}) {
        INFO(name);
        Points p = gen(name, 0, 0.0, 1);
        REQUIRE(p.x1.size() == 500);  // TF Playground's default for classification
        REQUIRE(p.x2.size() == 500);
        REQUIRE(p.label.size() == 500);
        REQUIRE(p.classes == (std::string(name) == "blobs" ? 3 : 2));
        for (double l : p.label) REQUIRE((l >= 0 && l < p.classes && l == std::floor(l)));
    }
    for (const char* name : {"plane", "multigauss"}) {
        INFO(name);
        Points p = gen(name, 0, 0.0, 1);
        REQUIRE(p.label.size() == 1200);  // TF's default for regression
        REQUIRE(p.classes == 0);
        for (double l : p.label) REQUIRE(std::fabs(l) <= 1.2);  // |x+y|/10 ≤ 12/10
    }
    // Odd counts keep exactly n points.
    REQUIRE(gen("spiral", 7, 0, 1).x1.size() == 7);
    REQUIRE(gen("circle", 7, 0, 1).x1.size() == 7);
    // Gauss and spiral are balanced by construction: 250 + 250. Blobs: 101 = 34 + 34 + 33.
    for (const char* name : {"gauss", "spiral"}) {
        Points p = gen(name, 500, 0.3, 3);
        int pos = 0;
        for (double l : p.label) pos += l == 1;
        REQUIRE(pos == 250);
    }
    Points b = gen("blobs", 101, 0.1, 3, 3);
    int cnt[3] = {0, 0, 0};
    for (double l : b.label) cnt[int(l)]++;
    REQUIRE(cnt[0] == 34);
    REQUIRE(cnt[1] == 34);
    REQUIRE(cnt[2] == 33);
}

TEST_CASE("circle: positives inside r 2.5, negatives in the ring 3.5..5 (noise 0)") {
    Points p = gen("circle", 400, 0.0, 11);
    for (size_t i = 0; i < 400; ++i) {
        double r = std::sqrt(p.x1[i] * p.x1[i] + p.x2[i] * p.x2[i]);
        if (i < 200) {
            REQUIRE(r < 2.5 + 1e-12);
            REQUIRE(p.label[i] == 1);
        } else {
            REQUIRE(r >= 3.5 - 1e-12);
            REQUIRE(r <= 5 + 1e-12);
            REQUIRE(p.label[i] == 0);
        }
    }
    // With noise the stored point stays clean but some labels flip.
    Points q = gen("circle", 400, 0.5, 11);
    int flipped = 0;
    for (size_t i = 0; i < 400; ++i) flipped += (i < 200) != (q.label[i] == 1);
    REQUIRE(flipped > 0);
}

TEST_CASE("xor: padded away from the axes, label is the sign of x·y (noise 0)") {
    Points p = gen("xor", 500, 0.0, 5);
    for (size_t i = 0; i < 500; ++i) {
        REQUIRE(std::fabs(p.x1[i]) >= 0.3);
        REQUIRE(std::fabs(p.x2[i]) >= 0.3);
        REQUIRE(std::fabs(p.x1[i]) <= 5.3);
        REQUIRE(p.label[i] == (p.x1[i] * p.x2[i] >= 0 ? 1 : 0));
    }
}

TEST_CASE("gauss: centres (2,2) label 1 and (-2,-2) label 0; sd = sqrt(variance)") {
    // noise 0 → variance 0.5 → sd 0.7071; noise 0.5 → variance 4 → sd 2.
    for (double noise : {0.0, 0.5}) {
        Points p = gen("gauss", 20000, noise, 9);
        double sd_expected = noise == 0 ? std::sqrt(0.5) : 2.0;
        double mx = 0, sx = 0;
        for (size_t i = 0; i < 10000; ++i) {
            REQUIRE(p.label[i] == 1);
            mx += p.x1[i];
        }
        mx /= 10000;
        for (size_t i = 0; i < 10000; ++i) sx += (p.x1[i] - mx) * (p.x1[i] - mx);
        sx = std::sqrt(sx / 9999);
        CHECK(mx == Approx(2).margin(0.05));
        CHECK(sx == Approx(sd_expected).epsilon(0.03));
        double my = 0;
        for (size_t i = 10000; i < 20000; ++i) {
            REQUIRE(p.label[i] == 0);
            my += p.x2[i];
        }
        CHECK(my / 10000 == Approx(-2).margin(0.05));
    }
}

TEST_CASE("spiral: TF's formula point by point at noise 0") {
    Points p = gen("spiral", 500, 0.0, 1);
    const double pi = 3.14159265358979323846;
    // Point 0 of each arm is the origin: r = 0/250·5 = 0.
    REQUIRE(p.x1[0] == 0.0);
    REQUIRE(p.x2[0] == 0.0);
    REQUIRE(p.label[0] == 1);
    for (size_t i : {1u, 17u, 100u, 249u}) {
        double r = double(i) / 250 * 5;
        double t = 1.75 * double(i) / 250 * 2 * pi;
        CHECK(p.x1[i] == Approx(r * std::sin(t)).margin(1e-12));
        CHECK(p.x2[i] == Approx(r * std::cos(t)).margin(1e-12));
        // second arm: δ = π, label 0
        CHECK(p.x1[250 + i] == Approx(r * std::sin(t + pi)).margin(1e-12));
        CHECK(p.x2[250 + i] == Approx(r * std::cos(t + pi)).margin(1e-12));
        CHECK(p.label[250 + i] == 0);
    }
    // Noise only moves each coordinate by at most U(-1,1)·noise.
    Points q = gen("spiral", 500, 0.5, 1);
    for (size_t i = 0; i < 500; ++i) {
        REQUIRE(std::fabs(q.x1[i] - p.x1[i]) <= 0.5);
        REQUIRE(std::fabs(q.x2[i] - p.x2[i]) <= 0.5);
    }
}

TEST_CASE("plane and multigauss: TF's labelScale formulas at noise 0") {
    Points p = gen("plane", 300, 0.0, 2);
    for (size_t i = 0; i < 300; ++i) {
        REQUIRE(std::fabs(p.x1[i]) <= 6);
        REQUIRE(p.label[i] == Approx((p.x1[i] + p.x2[i]) / 10).margin(1e-15));
    }
    Points g = gen("multigauss", 300, 0.0, 2);
    const double c[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                            {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    for (size_t i = 0; i < 300; ++i) {
        double best = 0;
        for (auto& k : c) {
            double d = std::hypot(g.x1[i] - k[0], g.x2[i] - k[1]);
            double v = k[2] * std::min(1.0, std::max(0.0, 1 - d / 2));
            if (std::fabs(v) > std::fabs(best)) best = v;
        }
        REQUIRE(g.label[i] == Approx(best).margin(1e-12));
        REQUIRE(std::fabs(g.label[i]) <= 1);
    }
}

TEST_CASE("blobs: k clusters on a circle of radius 3.5") {
    Points p = gen("blobs", 4000, 0.0, 4, 4);  // sd 0.5
    REQUIRE(p.classes == 4);
    double cx[4] = {0, 0, 0, 0}, cy[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < 4000; ++i) {
        cx[int(p.label[i])] += p.x1[i] / 1000;
        cy[int(p.label[i])] += p.x2[i] / 1000;
    }
    // angles 0, π/2, π, 3π/2
    CHECK(cx[0] == Approx(3.5).margin(0.06));
    CHECK(cy[0] == Approx(0).margin(0.06));
    CHECK(cy[1] == Approx(3.5).margin(0.06));
    CHECK(cx[2] == Approx(-3.5).margin(0.06));
    CHECK(cy[3] == Approx(-3.5).margin(0.06));
}

TEST_CASE("generators: bad options are refused with what is allowed") {
    GenerateOptions o;
    o.name = "moons";
    REQUIRE_THROWS_WITH(generate_points(o),
                        Catch::Contains("unknown dataset 'moons'") &&
                            Catch::Contains("circle, xor, gauss, spiral, blobs, plane, multigauss"));
    o.name = "circle";
    o.noise = 0.6;
    REQUIRE_THROWS_WITH(generate_points(o), Catch::Contains("noise must be between 0 and 0.5"));
    o.noise = std::nan("");
    REQUIRE_THROWS_AS(generate_points(o), Error);
    o.noise = -0.1;
    REQUIRE_THROWS_AS(generate_points(o), Error);
    o.noise = 0;
    o.samples = 1000001;
    REQUIRE_THROWS_WITH(generate_points(o), Catch::Contains("between 1 and 1,000,000"));
    o.samples = -1;
    REQUIRE_THROWS_AS(generate_points(o), Error);
    o.samples = 10;
    o.name = "blobs";
    o.classes = 11;
    REQUIRE_THROWS_WITH(generate_points(o), Catch::Contains("classes must be between 2 and 10"));
    o.classes = 1;
    REQUIRE_THROWS_AS(generate_points(o), Error);
    o.classes = 2;
    o.samples = 1;
    REQUIRE_THROWS_WITH(generate_points(o), Catch::Contains("at least 2 samples"));
}

TEST_CASE("features: names, parsing and values") {
    REQUIRE(parse_features("x1,x2, sinx1 ,sinx2") ==
            std::vector<Feature>{Feature::x1, Feature::x2, Feature::sinx1, Feature::sinx2});
    REQUIRE(std::string(feature_name(Feature::x1x2)) == "x1x2");
    REQUIRE_THROWS_WITH(parse_features("x1,cosx1"),
                        Catch::Contains("unknown feature 'cosx1'") && Catch::Contains("sinx2"));
    REQUIRE_THROWS_WITH(parse_features("x1,,x2"), Catch::Contains("empty feature name"));
    REQUIRE_THROWS_WITH(parse_features("x1,x1"), Catch::Contains("listed twice"));
    REQUIRE_THROWS_AS(parse_features(""), Error);

    Points p;
    p.x1 = {1.5, -2};
    p.x2 = {-0.5, 3};
    p.label = {1, 0};
    auto all = parse_features("x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2");
    Dataset d = make_dataset(p, all, 1.0, 3);
    REQUIRE(d.n == 2);
    REQUIRE(d.inputs == 7);
    REQUIRE(d.input_names ==
            std::vector<std::string>{"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"});
    for (size_t r = 0; r < 2; ++r) {
        const float* x = &d.x[r * 7];
        size_t src = x[0] == 1.5f ? 0 : 1;  // the rows were shuffled
        double a = p.x1[src], b = p.x2[src];
        REQUIRE(x[1] == float(b));
        REQUIRE(x[2] == float(a * a));
        REQUIRE(x[3] == float(b * b));
        REQUIRE(x[4] == float(a * b));
        CHECK(x[5] == Approx(std::sin(a)).margin(1e-6));
        CHECK(x[6] == Approx(std::sin(b)).margin(1e-6));
        REQUIRE(d.label[r] == p.label[src]);
    }
}

TEST_CASE("make_dataset: shuffled with the seed, split round(n·ratio)") {
    Points p = gen("xor", 101, 0.0, 1);
    auto f = parse_features("x1,x2");
    Dataset a = make_dataset(p, f, 0.5, 42), b = make_dataset(p, f, 0.5, 42),
            c = make_dataset(p, f, 0.5, 43);
    REQUIRE(a.n_train == 51);  // round(101 · 0.5) = round(50.5) = 51
    REQUIRE(a.x == b.x);
    REQUIRE(a.x != c.x);
    // A permutation: every point is present once.
    std::multiset<std::pair<float, float>> orig, got;
    for (size_t i = 0; i < 101; ++i) {
        orig.insert({float(p.x1[i]), float(p.x2[i])});
        got.insert({a.x[2 * i], a.x[2 * i + 1]});
    }
    REQUIRE(orig == got);
    REQUIRE(make_dataset(p, f, 1.0, 1).n_train == 101);
    REQUIRE(make_dataset(p, f, 0.001, 1).n_train == 1);  // at least one training row
    REQUIRE_THROWS_WITH(make_dataset(p, f, 0.0, 1), Catch::Contains("train ratio must be in (0, 1]"));
    REQUIRE_THROWS_AS(make_dataset(p, f, 1.5, 1), Error);
    REQUIRE_THROWS_AS(make_dataset(p, {}, 0.5, 1), Error);
}

TEST_CASE("make_dataset_raw: checks shapes and class labels") {
    Dataset d = make_dataset_raw({1, 2, 3, 4, 5, 6}, {0, 1, 2}, 2, 3, 1.0, 1);
    REQUIRE(d.n == 3);
    REQUIRE(d.inputs == 2);
    REQUIRE(d.input_names == std::vector<std::string>{"x1", "x2"});
    REQUIRE_THROWS_WITH(make_dataset_raw({1, 2, 3}, {0, 1}, 2, 2, 1.0, 1),
                        Catch::Contains("expected 2 rows × 2 = 4 values, got 3"));
    REQUIRE_THROWS_WITH(make_dataset_raw({1, 2}, {0, 2}, 1, 2, 1.0, 1),
                        Catch::Contains("class labels must be integers 0..1"));
    REQUIRE_THROWS_WITH(make_dataset_raw({1, 2}, {0, 0.5}, 1, 2, 1.0, 1),
                        Catch::Contains("row 1"));
    REQUIRE_NOTHROW(make_dataset_raw({1, 2}, {0, 0.5}, 1, 0, 1.0, 1));
}

TEST_CASE("encode_targets: per loss, with clear refusals") {
    Dataset two = make_dataset_raw({1, 2, 3, 4}, {1, 0, 1, 0}, 1, 2, 1.0, 1);
    auto y = encode_targets(two, Loss::half_mse, 1);
    for (size_t i = 0; i < 4; ++i) REQUIRE(y[i] == (two.label[i] == 1 ? 1.0f : -1.0f));
    y = encode_targets(two, Loss::bce, 1);
    for (size_t i = 0; i < 4; ++i) REQUIRE(y[i] == float(two.label[i]));
    y = encode_targets(two, Loss::softmax_ce, 2);
    REQUIRE(y.size() == 8);
    for (size_t i = 0; i < 4; ++i) {
        REQUIRE(y[2 * i + size_t(two.label[i])] == 1.0f);
        REQUIRE(y[2 * i + 1 - size_t(two.label[i])] == 0.0f);
    }

    Dataset three = make_dataset_raw({1, 2, 3}, {0, 1, 2}, 1, 3, 1.0, 1);
    REQUIRE_THROWS_WITH(encode_targets(three, Loss::bce, 1),
                        Catch::Contains("bce needs a 2-class dataset with 1 output, got 3 classes"));
    REQUIRE_THROWS_WITH(encode_targets(two, Loss::bce, 2), Catch::Contains("got 2 outputs"));
    REQUIRE_THROWS_WITH(encode_targets(three, Loss::softmax_ce, 2),
                        Catch::Contains("the dataset has 3 classes, the network 2 outputs"));
    REQUIRE_THROWS_WITH(encode_targets(three, Loss::half_mse, 1), Catch::Contains("half_mse"));
    REQUIRE(encode_targets(three, Loss::half_mse, 3).size() == 9);

    Dataset reg = make_dataset_raw({1, 2}, {0.25, -3}, 1, 0, 1.0, 1);
    y = encode_targets(reg, Loss::half_mse, 1);
    REQUIRE((y[0] == 0.25f || y[0] == -3.0f));
    REQUIRE_THROWS_WITH(encode_targets(reg, Loss::softmax_ce, 2),
                        Catch::Contains("needs a classification dataset"));
    REQUIRE_THROWS_WITH(encode_targets(reg, Loss::half_mse, 2), Catch::Contains("1 output"));
}

TEST_CASE("each row keeps its 2-D point, in row order, for drawing", "[dataset]") {
    GenerateOptions g;
    g.name = "spiral";
    g.noise = 0.2;
    g.seed = 5;
    std::vector<Feature> f = parse_features("sinx1,x1x2,x2");
    Dataset d = make_dataset(generate_points(g), f, 0.5, 5);
    REQUIRE(d.px1.size() == d.n);
    for (size_t i = 0; i < d.n; ++i) {
        float row[3];
        compute_features(f, d.px1[i], d.px2[i], row);
        REQUIRE(row[0] == d.x[i * 3 + 0]);
        REQUIRE(row[1] == d.x[i * 3 + 1]);
        REQUIRE(row[2] == d.x[i * 3 + 2]);
    }
    Dataset raw = make_dataset_raw({1, 2, 3, 4}, {0, 1}, 2, 2, 1.0, 1);
    CHECK(raw.px1.empty());
}
