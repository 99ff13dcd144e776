// TF Playground's generators, shuffle, split and weight order (see tf_playground.h). The
// formulas are those of TF's dataset.ts; what differs from core/dataset.cpp's versions of the
// same sets, and why it matters for bits:
// - every draw is Math.random() (TfRandom) in TF's order; labels are decided as TF does;
// - d3's linear scales are evaluated as d3 v3 does: t = (v − d0) / (d1 − d0), then
//   r0·(1 − t) + r1·t (clamped t for the regression gaussians);
// - TF's normalRandom is the Marsaglia polar method, mean + sqrt(variance)·z;
// - the split is floor(n · perc / 100), TF's, not nnplay's rounding.
#include "tf_playground.h"

#include <cmath>
#include <utility>

#include "error.h"
#include "pmath.h"
#include "tf_random.h"

namespace nn {
namespace {

constexpr double kPi = 3.14159265358979323846;  // Math.PI

struct Pt {
    double x, y, label;  // label ±1 (classification) or the value (regression)
};

double uniform(TfRandom& r, double a, double b) { return r.next() * (b - a) + a; }

double normal(TfRandom& r, double mean, double variance) {
    double v1, v2, s;
    do {
        v1 = 2 * r.next() - 1;
        v2 = 2 * r.next() - 1;
        s = v1 * v1 + v2 * v2;
    } while (s > 1);
    const double z = std::sqrt(-2 * pmath::log(s) / s) * v1;
    return mean + std::sqrt(variance) * z;
}

double dist(double x, double y, double cx, double cy) {
    const double dx = x - cx, dy = y - cy;
    return std::sqrt(dx * dx + dy * dy);
}

// d3.scale.linear().domain([d0, d1]).range([r0, r1]) (d3 v3).
double linear(double v, double d0, double d1, double r0, double r1, bool clamp = false) {
    double t = (v - d0) / (d1 - d0);
    if (clamp) t = t < 0 ? 0 : (t > 1 ? 1 : t);
    return r0 * (1 - t) + r1 * t;
}

void circle(std::vector<Pt>& p, int n, double noise, TfRandom& r) {
    const double radius = 5;
    auto one = [&](double lo, double hi) {
        const double rr = uniform(r, lo, hi);
        const double angle = uniform(r, 0, 2 * kPi);
        const double x = rr * pmath::sin(angle);
        const double y = rr * pmath::cos(angle);
        const double nx = uniform(r, -radius, radius) * noise;
        const double ny = uniform(r, -radius, radius) * noise;
        p.push_back({x, y, dist(x + nx, y + ny, 0, 0) < radius * 0.5 ? 1.0 : -1.0});
    };
    for (int i = 0; i < n / 2.0; ++i) one(0, radius * 0.5);
    for (int i = 0; i < n / 2.0; ++i) one(radius * 0.7, radius);
}

void xor_(std::vector<Pt>& p, int n, double noise, TfRandom& r) {
    const double padding = 0.3;
    for (int i = 0; i < n; ++i) {
        double x = uniform(r, -5, 5);
        x += x > 0 ? padding : -padding;
        double y = uniform(r, -5, 5);
        y += y > 0 ? padding : -padding;
        const double nx = uniform(r, -5, 5) * noise;
        const double ny = uniform(r, -5, 5) * noise;
        p.push_back({x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : -1.0});
    }
}

void gauss(std::vector<Pt>& p, int n, double noise, TfRandom& r) {
    const double variance = linear(noise, 0, 0.5, 0.5, 4);
    auto blob = [&](double c, double label) {
        for (int i = 0; i < n / 2.0; ++i) {
            const double x = normal(r, c, variance);
            const double y = normal(r, c, variance);
            p.push_back({x, y, label});
        }
    };
    blob(2, 1);
    blob(-2, -1);
}

void spiral(std::vector<Pt>& p, int n, double noise, TfRandom& r) {
    const double m = n / 2.0;
    auto arm = [&](double delta, double label) {
        for (int i = 0; i < m; ++i) {
            const double rad = i / m * 5;
            const double t = 1.75 * i / m * 2 * kPi + delta;
            const double x = rad * pmath::sin(t) + uniform(r, -1, 1) * noise;
            const double y = rad * pmath::cos(t) + uniform(r, -1, 1) * noise;
            p.push_back({x, y, label});
        }
    };
    arm(0, 1);
    arm(kPi, -1);
}

void regression(std::vector<Pt>& p, int n, double noise, TfRandom& r, bool plane) {
    static const double g[6][3] = {{-4, 2.5, 1},  {0, 2.5, -1},  {4, 2.5, 1},
                                   {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    const double radius = 6;
    for (int i = 0; i < n; ++i) {
        const double x = uniform(r, -radius, radius);
        const double y = uniform(r, -radius, radius);
        const double nx = uniform(r, -radius, radius) * noise;
        const double ny = uniform(r, -radius, radius) * noise;
        const double lx = x + nx, ly = y + ny;
        double label = 0;
        if (plane) {
            label = linear(lx + ly, -10, 10, -1, 1);
        } else {
            for (const auto& c : g) {
                const double v = c[2] * linear(dist(lx, ly, c[0], c[1]), 0, 2, 1, 0, true);
                if (std::fabs(v) > std::fabs(label)) label = v;
            }
        }
        p.push_back({x, y, label});
    }
}

std::vector<Pt> generate(const TfDataOptions& o, TfRandom& r) {
    if (!is_tf_dataset(o.name))
        throw Error("TF Playground has no dataset " + quoted(o.name) + "; allowed: " +
                    tf_dataset_names_list());
    if (!(o.noise >= 0 && o.noise <= 0.5))
        throw Error("noise must be between 0 and 0.5 (TF Playground's 0-50%)");
    if (o.perc_train < 1 || o.perc_train > 100)
        throw Error("percTrainData must be a whole percent from 1 to 100, got " +
                    std::to_string(o.perc_train));
    std::vector<Pt> p;
    const bool reg = o.name == "plane" || o.name == "multigauss";
    const int n = reg ? 1200 : 500;  // NUM_SAMPLES_REGRESS, NUM_SAMPLES_CLASSIFY
    p.reserve(size_t(n));
    if (o.name == "circle") circle(p, n, o.noise, r);
    else if (o.name == "xor") xor_(p, n, o.noise, r);
    else if (o.name == "gauss") gauss(p, n, o.noise, r);
    else if (o.name == "spiral") spiral(p, n, o.noise, r);
    else regression(p, n, o.noise, r, o.name == "plane");
    // dataset.ts shuffle(): from the end, swap with a random earlier-or-same index
    for (size_t counter = p.size(); counter > 0;) {
        const size_t index = size_t(std::floor(r.next() * double(counter)));
        --counter;
        std::swap(p[counter], p[index]);
    }
    return p;
}

}  // namespace

const char* tf_dataset_names_list() { return "circle, xor, gauss, spiral, plane, multigauss"; }

bool is_tf_dataset(const std::string& n) {
    return n == "circle" || n == "xor" || n == "gauss" || n == "spiral" || n == "plane" ||
           n == "multigauss";
}

Dataset tf_playground_dataset(const TfDataOptions& o, const std::vector<Feature>& features,
                              uint64_t* draws) {
    if (features.empty()) throw Error("at least one input feature is needed");
    TfRandom r(o.seed);
    const std::vector<Pt> p = generate(o, r);
    if (draws) *draws = r.calls();
    const bool reg = o.name == "plane" || o.name == "multigauss";
    const size_t n = p.size(), k = features.size();
    Dataset d;
    d.n = n;
    d.inputs = k;
    d.classes = reg ? 0 : 2;
    d.n_train = size_t(std::floor(double(n) * o.perc_train / 100));  // TF's splitIndex
    d.x.resize(n * k);
    d.label.resize(n);
    d.px1.resize(n);
    d.px2.resize(n);
    for (size_t i = 0; i < n; ++i) {
        compute_features(features, p[i].x, p[i].y, d.x.data() + i * k);
        d.label[i] = reg ? p[i].label : (p[i].label > 0 ? 1 : 0);  // ±1 → nnplay's classes 1 / 0
        d.px1[i] = p[i].x;
        d.px2[i] = p[i].y;
    }
    for (Feature f : features) d.input_names.push_back(feature_name(f));
    if (d.n_train < 1) throw Error("percTrainData leaves no training rows");
    return d;
}

uint64_t tf_playground_draws(const TfDataOptions& o) {
    TfRandom r(o.seed);
    generate(o, r);
    return r.calls();
}

void tf_playground_init(Network& net, const std::string& seed, uint64_t skip) {
    TfRandom r(seed);
    r.skip(skip);
    for (size_t l = 0; l < net.num_layers(); ++l) {
        const size_t in = net.layer_in(l), out = net.layer_out(l);
        std::vector<float>& W = net.weights(l);  // (in, out)
        for (size_t o = 0; o < out; ++o)
            for (size_t i = 0; i < in; ++i) W[i * out + o] = float(r.next() - 0.5);
        for (float& b : net.biases(l)) b = 0.1f;
    }
}

}  // namespace nn
