// Dataset generators (TF Playground's dataset.ts formulas, drawn from our portable
// Rng and pmath so a seed gives the same points natively and in WASM), input
// features, the shuffled train/test split and target encoding. No I/O here.
#include "dataset.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "error.h"
#include "pmath.h"

namespace nn {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int64_t kMaxSamples = 1000000;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Euclidean distance; std::sqrt is correctly rounded by IEEE 754, so it is portable
// (unlike exp/log/sin/cos, which go through pmath).
double dist(double x, double y, double cx, double cy) {
    double dx = x - cx, dy = y - cy;
    return std::sqrt(dx * dx + dy * dy);
}

// Every draw is its own statement: the order of arguments in a call is unspecified
// in C++, and the order of draws is part of the seed → points contract.
void push(Points& p, double x, double y, double label) {
    p.x1.push_back(x);
    p.x2.push_back(y);
    p.label.push_back(label);
}

// TF Playground's classifyCircleData: radius 5, positives r ∈ U(0, 2.5), negatives
// r ∈ U(3.5, 5); the label is decided on the noisy point, the stored point is clean.
void gen_circle(Points& p, int64_t n, double noise, Rng& rng) {
    const double radius = 5;
    auto one = [&](double rlo, double rhi) {
        double r = rng.uniform(rlo, rhi);
        double angle = rng.uniform(0, 2 * kPi);
        double x = r * pmath::sin(angle);
        double y = r * pmath::cos(angle);
        double nx = rng.uniform(-radius, radius) * noise;
        double ny = rng.uniform(-radius, radius) * noise;
        push(p, x, y, dist(x + nx, y + ny, 0, 0) < radius * 0.5 ? 1 : 0);
    };
    int64_t pos = n - n / 2;
    for (int64_t i = 0; i < pos; ++i) one(0, radius * 0.5);
    for (int64_t i = pos; i < n; ++i) one(radius * 0.7, radius);
}

// classifyXORData: coordinates pushed 0.3 away from the axes; label x·y ≥ 0 on the
// noisy point.
void gen_xor(Points& p, int64_t n, double noise, Rng& rng) {
    const double padding = 0.3;
    for (int64_t i = 0; i < n; ++i) {
        double x = rng.uniform(-5, 5);
        x += x > 0 ? padding : -padding;
        double y = rng.uniform(-5, 5);
        y += y > 0 ? padding : -padding;
        double nx = rng.uniform(-5, 5) * noise;
        double ny = rng.uniform(-5, 5) * noise;
        push(p, x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
    }
}

// classifyTwoGaussData: variance = lerp(0.5 → 4) over noise 0 → 0.5, and TF's
// normalRandom(mean, variance) returns mean + sqrt(variance)·N(0,1), so the standard
// deviation is sqrt(variance).
void gen_gauss(Points& p, int64_t n, double noise, Rng& rng) {
    double variance = 0.5 + (4.0 - 0.5) * (noise / 0.5);
    double sd = std::sqrt(variance);
    auto blob = [&](int64_t count, double c, double label) {
        for (int64_t i = 0; i < count; ++i) {
            double x = rng.normal(c, sd);
            double y = rng.normal(c, sd);
            push(p, x, y, label);
        }
    };
    blob(n - n / 2, 2, 1);
    blob(n / 2, -2, 0);
}

// classifySpiralData: arm i of m = n/2 points at r = i/m·5, t = 1.75·i/m·2π + δ.
// For odd n TF's loop yields one point too many; we keep exactly n points, giving
// the first arm the extra one (the formula still uses m = n/2).
void gen_spiral(Points& p, int64_t n, double noise, Rng& rng) {
    double m = double(n) / 2;
    auto arm = [&](int64_t count, double delta, double label) {
        for (int64_t i = 0; i < count; ++i) {
            double r = double(i) / m * 5;
            double t = 1.75 * double(i) / m * 2 * kPi + delta;
            double ux = rng.uniform(-1, 1);
            double x = r * pmath::sin(t) + ux * noise;
            double uy = rng.uniform(-1, 1);
            double y = r * pmath::cos(t) + uy * noise;
            push(p, x, y, label);
        }
    };
    arm(n - n / 2, 0, 1);
    arm(n / 2, kPi, 0);
}

// regressPlane: label = labelScale(x + nx + y + ny) with labelScale [-10,10] → [-1,1]
// (not clamped: at noise 0.5 the labels reach ±1.8).
// TF's regression sets draw a point in [-6, 6]² and then its noise, in this order.
struct NoisyPoint {
    double x, y, nx, ny;
};
NoisyPoint regression_point(double noise, Rng& rng) {
    const double radius = 6;
    NoisyPoint q;
    q.x = rng.uniform(-radius, radius);
    q.y = rng.uniform(-radius, radius);
    q.nx = rng.uniform(-radius, radius) * noise;
    q.ny = rng.uniform(-radius, radius) * noise;
    return q;
}

void gen_plane(Points& p, int64_t n, double noise, Rng& rng) {
    for (int64_t i = 0; i < n; ++i) {
        NoisyPoint q = regression_point(noise, rng);
        push(p, q.x, q.y, ((q.x + q.nx) + (q.y + q.ny)) / 10);
    }
}

// regressGaussian: six signed bumps; labelScale [0,2] → [1,0] clamped; the label is
// the signed value of largest magnitude (first one wins ties, as in TF).
void gen_multigauss(Points& p, int64_t n, double noise, Rng& rng) {
    static const double g[6][3] = {{-4, 2.5, 1},  {0, 2.5, -1},  {4, 2.5, 1},
                                   {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    for (int64_t i = 0; i < n; ++i) {
        const NoisyPoint q = regression_point(noise, rng);
        const double x = q.x, y = q.y, nx = q.nx, ny = q.ny;
        double label = 0;
        for (const auto& c : g) {
            double s = 1 - dist(x + nx, y + ny, c[0], c[1]) / 2;
            s = s < 0 ? 0 : (s > 1 ? 1 : s);
            double v = c[2] * s;
            if (std::fabs(v) > std::fabs(label)) label = v;
        }
        push(p, x, y, label);
    }
}

// Our k-class set for softmax: k gaussian clusters on a circle of radius 3.5.
void gen_blobs(Points& p, int64_t n, double noise, int k, Rng& rng) {
    double sd = 0.5 + 2 * noise;
    for (int j = 0; j < k; ++j) {
        double a = 2 * kPi * j / k;
        double cx = 3.5 * pmath::cos(a), cy = 3.5 * pmath::sin(a);
        int64_t count = n / k + (j < n % k ? 1 : 0);
        for (int64_t i = 0; i < count; ++i) {
            double x = rng.normal(cx, sd);
            double y = rng.normal(cy, sd);
            push(p, x, y, j);
        }
    }
}

}  // namespace

const char* dataset_names_list() { return "circle, xor, gauss, spiral, blobs, plane, multigauss"; }

Points generate_points(const GenerateOptions& opt) {
    const std::string& name = opt.name;
    bool regression = name == "plane" || name == "multigauss";
    bool known = regression || name == "circle" || name == "xor" || name == "gauss" ||
                 name == "spiral" || name == "blobs";
    if (name == "digits" || name == "fashion")
        throw Error("dataset " + quoted(name) + " is a set of images, not generated points: load it "
                    "with the image readers (core/images.h; CLI --dataset " + name +
                    ", JS datasetFromNNIM / datasetFromIDX)");
    if (!known)
        throw Error("unknown dataset " + quoted(name) + "; allowed: " + dataset_names_list() +
                    " (images: digits, fashion)");
    if (!(opt.noise >= 0 && opt.noise <= 0.5))  // also rejects NaN
        throw Error("noise must be between 0 and 0.5 (TF Playground's 0-50%), got " +
                    num(opt.noise));
    if (opt.samples < 0 || opt.samples > kMaxSamples)
        throw Error("samples must be between 1 and 1,000,000 (0 = default: 500 for "
                    "classification, 1,200 for regression), got " + std::to_string(opt.samples));
    if (name == "blobs" && (opt.classes < 2 || opt.classes > 10))
        throw Error("classes must be between 2 and 10 for 'blobs', got " +
                    std::to_string(opt.classes));
    int64_t n = opt.samples ? opt.samples : (regression ? 1200 : 500);
    if (name == "blobs" && n < opt.classes)
        throw Error("blobs with " + std::to_string(opt.classes) + " classes needs at least " +
                    std::to_string(opt.classes) + " samples, got " + std::to_string(n));

    Points p;
    p.x1.reserve(size_t(n));
    p.x2.reserve(size_t(n));
    p.label.reserve(size_t(n));
    Rng rng(opt.seed);
    p.classes = regression ? 0 : 2;
    if (name == "circle") gen_circle(p, n, opt.noise, rng);
    else if (name == "xor") gen_xor(p, n, opt.noise, rng);
    else if (name == "gauss") gen_gauss(p, n, opt.noise, rng);
    else if (name == "spiral") gen_spiral(p, n, opt.noise, rng);
    else if (name == "plane") gen_plane(p, n, opt.noise, rng);
    else if (name == "multigauss") gen_multigauss(p, n, opt.noise, rng);
    else {
        gen_blobs(p, n, opt.noise, opt.classes, rng);
        p.classes = opt.classes;
    }
    return p;
}

static const char* const kFeatureNames[] = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"};

Feature parse_feature(std::string_view name) {
    for (int i = 0; i < 7; ++i)
        if (name == kFeatureNames[i]) return Feature(i);
    throw Error("unknown feature " + quoted(name) +
                "; allowed: x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2");
}

const char* feature_name(Feature f) { return kFeatureNames[int(f)]; }

std::vector<Feature> parse_features(std::string_view list) {
    std::vector<Feature> out;
    size_t start = 0;
    while (true) {
        size_t comma = list.find(',', start);
        std::string_view item = list.substr(start, comma == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : comma - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (item.empty())
            throw Error("empty feature name in " + quoted(list) +
                        "; give a comma-separated list of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2");
        Feature f = parse_feature(item);
        for (Feature g : out)
            if (g == f) throw Error("feature " + quoted(item) + " is listed twice");
        out.push_back(f);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

static double feature_value(Feature f, double x, double y) {
    switch (f) {
        case Feature::x1: return x;
        case Feature::x2: return y;
        case Feature::x1sq: return x * x;
        case Feature::x2sq: return y * y;
        case Feature::x1x2: return x * y;
        case Feature::sinx1: return pmath::sin(x);
        case Feature::sinx2: return pmath::sin(y);
    }
    return 0;
}

static void check_ratio(double r) {
    if (!(r > 0 && r <= 1))
        throw Error("train ratio must be in (0, 1] (the share of rows used for training), got " +
                    num(r));
}

// Shuffle rows with Rng(seed); the first round(n·ratio) rows (at least 1) are train.
static Dataset split_rows(std::vector<float> x, std::vector<double> label, size_t n,
                          size_t inputs, int classes, double ratio, uint64_t seed,
                          std::vector<uint32_t>* order_out = nullptr) {
    std::vector<uint32_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = uint32_t(i);
    Rng rng(seed);
    rng.shuffle(order);
    Dataset d;
    d.n = n;
    d.inputs = inputs;
    d.classes = classes;
    d.x.resize(n * inputs);
    d.label.resize(n);
    for (size_t i = 0; i < n; ++i) {
        size_t src = order[i];
        for (size_t j = 0; j < inputs; ++j) d.x[i * inputs + j] = x[src * inputs + j];
        d.label[i] = label[src];
    }
    double t = std::round(double(n) * ratio);
    d.n_train = t < 1 ? 1 : (t > double(n) ? n : size_t(t));
    if (order_out) *order_out = std::move(order);
    return d;
}

// Shared by both constructors: encode_targets indexes a one-hot row by the label, so a
// label outside 0..classes-1 must never get this far.
static void check_labels(const std::vector<double>& label, int classes) {
    if (classes != 0 && (classes < 2 || classes > 1000))
        throw Error("classes must be 0 (regression) or between 2 and 1000, got " +
                    std::to_string(classes));
    for (size_t i = 0; i < label.size(); ++i) {
        double v = label[i];
        if (!std::isfinite(v))
            throw Error("label of row " + std::to_string(i) + " is not a finite number");
        if (classes && !(v >= 0 && v < classes && v == std::floor(v)))
            throw Error("label of row " + std::to_string(i) + " is " + num(v) +
                        "; class labels must be integers 0.." + std::to_string(classes - 1));
    }
}

static void check_inputs(const std::vector<float>& x) {
    for (float v : x)
        if (!std::isfinite(v)) throw Error("inputs must be finite numbers");
}

void compute_features(const std::vector<Feature>& f, double x1, double x2, float* out) {
    for (size_t i = 0; i < f.size(); ++i) out[i] = float(feature_value(f[i], x1, x2));
}

Dataset make_dataset(const Points& p, const std::vector<Feature>& features, double train_ratio,
                     uint64_t seed) {
    check_ratio(train_ratio);
    if (features.empty()) throw Error("at least one input feature is needed");
    size_t n = p.x1.size();
    if (n == 0) throw Error("the dataset has no points");
    if (p.x2.size() != n || p.label.size() != n)
        throw Error("points: x1, x2 and label must have the same length");
    if (n > 0xffffffffu) throw Error("too many points");
    size_t k = features.size();
    std::vector<float> x(n * k);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < k; ++j)
            x[i * k + j] = float(feature_value(features[j], p.x1[i], p.x2[i]));
    check_labels(p.label, p.classes);
    check_inputs(x);
    std::vector<uint32_t> order;
    Dataset d = split_rows(std::move(x), p.label, n, k, p.classes, train_ratio, seed, &order);
    for (Feature f : features) d.input_names.push_back(feature_name(f));
    d.px1.resize(n);
    d.px2.resize(n);
    for (size_t i = 0; i < n; ++i) {
        d.px1[i] = p.x1[order[i]];
        d.px2[i] = p.x2[order[i]];
    }
    return d;
}

Dataset make_dataset_raw(std::vector<float> x, std::vector<double> label, size_t inputs,
                         int classes, double train_ratio, uint64_t seed) {
    check_ratio(train_ratio);
    if (inputs == 0) throw Error("at least one input column is needed");
    size_t n = label.size();
    if (n == 0) throw Error("the dataset has no rows");
    if (n > 0xffffffffu) throw Error("too many rows");
    if (x.size() != n * inputs)
        throw Error("inputs: expected " + std::to_string(n) + " rows × " + std::to_string(inputs) +
                    " = " + std::to_string(n * inputs) + " values, got " +
                    std::to_string(x.size()));
    check_labels(label, classes);
    check_inputs(x);
    Dataset d = split_rows(std::move(x), std::move(label), n, inputs, classes, train_ratio, seed);
    for (size_t j = 0; j < inputs; ++j) d.input_names.push_back("x" + std::to_string(j + 1));
    return d;
}

std::vector<float> encode_targets(const Dataset& d, Loss loss, size_t outputs) {
    const std::string ln = loss_name(loss);
    std::vector<float> y;
    if (d.classes == 0) {
        if (loss != Loss::half_mse)
            throw Error(ln + " needs a classification dataset; this one is regression "
                        "(use half_mse)");
        if (outputs != 1)
            throw Error("regression needs 1 output, got " + std::to_string(outputs));
        y.resize(d.n);
        for (size_t i = 0; i < d.n; ++i) y[i] = float(d.label[i]);
        return y;
    }
    size_t k = size_t(d.classes);
    auto one_hot = [&]() {
        y.assign(d.n * k, 0.0f);
        for (size_t i = 0; i < d.n; ++i) y[i * k + size_t(d.label[i])] = 1.0f;
    };
    switch (loss) {
        case Loss::half_mse:
            if (outputs == 1 && k == 2) {  // TF Playground: ±1 targets for a tanh output
                y.resize(d.n);
                for (size_t i = 0; i < d.n; ++i) y[i] = d.label[i] >= 1 ? 1.0f : -1.0f;
                return y;
            }
            if (outputs == k) {
                one_hot();
                return y;
            }
            throw Error("half_mse with " + std::to_string(k) +
                        " classes needs 1 output (2 classes only) or " + std::to_string(k) +
                        " outputs (one-hot), got " + std::to_string(outputs));
        case Loss::bce:
            if (k != 2)
                throw Error("bce needs a 2-class dataset with 1 output, got " + std::to_string(k) +
                            " classes (use softmax_ce)");
            if (outputs != 1)
                throw Error("bce needs a 2-class dataset with 1 output, got " +
                            std::to_string(outputs) + " outputs");
            y.resize(d.n);
            for (size_t i = 0; i < d.n; ++i) y[i] = d.label[i] >= 1 ? 1.0f : 0.0f;
            return y;
        case Loss::softmax_ce:
            if (outputs != k)
                throw Error("softmax_ce needs one output per class: the dataset has " +
                            std::to_string(k) + " classes, the network " +
                            std::to_string(outputs) + " output" + (outputs == 1 ? "" : "s"));
            one_hot();
            return y;
    }
    throw Error("unknown loss");
}

}  // namespace nn
