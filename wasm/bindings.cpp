// Embind bindings for the nnplay core: convert arguments, call core/, translate
// errors. Nothing here decides anything the core should own; web/lib/nnplay.mjs
// wraps these raw classes into the documented API (web/lib/nnplay.d.ts).
//
// Errors: every entry point runs inside guard(), which catches any C++ exception,
// stores its message and raises a flag in linear memory, then returns a neutral
// value. The JS wrapper reads the flag after each call and throws a JS Error with
// the message. Why not throw from here: with emscripten 3.1.6's JS-based exceptions
// an escaped C++ exception reaches JS as a bare pointer, and throwing a JS value
// from C++ (val::throw_) skips the destructors of Embind's argument temporaries,
// leaking their memory on every error. Returning keeps the heap exact.
//
// Integers that may exceed 2^53 (parameter counts) cross as decimal strings; the
// wrapper turns them into BigInt. Arrays leave as owned Float32Array/Float64Array
// copies, never views into wasm memory, so they survive memory growth.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "arch.h"
#include "dataset.h"
#include "dense.h"
#include "error.h"
#include "grid.h"
#include "images.h"
#include "model_io.h"
#include "network.h"
#include "quantize.h"
#include "guard.h"
#include "rules.h"
#include "tf_playground.h"
#include "trainer.h"

using emscripten::val;

namespace {

// ---- error channel (wasm/guard.h) --------------------------------------------------
using nnwasm::g_error_flag;
using nnwasm::g_error_message;
using nnwasm::guard;
using nnwasm::seed_of;

std::string take_error() {
    std::string m;
    m.swap(g_error_message);
    g_error_flag = 0;
    return m;
}
uintptr_t error_flag_address() { return reinterpret_cast<uintptr_t>(&g_error_flag); }

// ---- conversions -------------------------------------------------------------------
template <class T>
val typed_copy(const char* ctor, const T* p, size_t n) {
    return val::global(ctor).new_(emscripten::typed_memory_view(n, p));
}
val f32_copy(const std::vector<float>& v) { return typed_copy("Float32Array", v.data(), v.size()); }
val f64_copy(const std::vector<double>& v) { return typed_copy("Float64Array", v.data(), v.size()); }

std::vector<float> to_f32(const val& a) { return emscripten::convertJSArrayToNumberVector<float>(a); }
std::vector<double> to_f64(const val& a) { return emscripten::convertJSArrayToNumberVector<double>(a); }

std::string str(int64_t v) { return std::to_string(v); }

// {key: "decimal"} objects for exact counts. One out-of-line loop instead of a set()
// per field: with -fexceptions each inlined set() carries its own cleanup code.
struct IntField {
    const char* key;
    int64_t value;
};
[[gnu::noinline]] val int_object(std::initializer_list<IntField> fields) {
    val o = val::object();
    for (const auto& f : fields) o.set(f.key, str(f.value));
    return o;
}

// Integers arrive as doubles (the wrapper has checked they are safe integers, exact
// up to 2^53) and are narrowed here: a value the core's type cannot hold is refused
// with the value as given, instead of wrapping (2^32 would become block 0). Values
// the type can hold go on to the core, whose range checks own the message.
template <class T>
T narrow(double v, const char* what) {
    if (!(v >= double(std::numeric_limits<T>::min()) && v <= double(std::numeric_limits<T>::max()))) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        throw nn::Error(std::string(what) + " is out of range, got " + buf);
    }
    return T(v);
}
float finite_f32(double v, const char* what) {
    const float f = float(v);
    if (!std::isfinite(f)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.9g", v);
        throw nn::Error(std::string(what) + " must be a finite float32, got " + buf);
    }
    return f;
}
void check_finite(const std::vector<float>& v, const char* what) {
    for (size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]))
            throw nn::Error(std::string(what) + "[" + std::to_string(i) + "] must be a finite float32");
}
// The wrapper has already checked that numbers are integers in range; seeds and
// counts arrive as doubles (exact up to 2^53).
uint64_t to_u64(const val& v) { return uint64_t(v.as<double>()); }
}  // namespace
uint64_t nnwasm::seed_of(const val& v) {
    if (v.isString()) return nn::seed_from_text(v.as<std::string>());
    return uint64_t(v.as<double>());
}
namespace {
int64_t to_i64(const val& v) { return int64_t(v.as<double>()); }

// Field readers, out of line for size (see int_object).
[[gnu::noinline]] double get_f64(const val& o, const char* k) { return o[k].as<double>(); }
[[gnu::noinline]] bool get_bool(const val& o, const char* k) { return o[k].as<bool>(); }
[[gnu::noinline]] std::string get_str(const val& o, const char* k) { return o[k].as<std::string>(); }
[[gnu::noinline]] val get_val(const val& o, const char* k) { return o[k]; }

// Through the core's list parser, so its checks (duplicates) apply. A name holding a
// comma is parsed alone, so the core names it whole as unknown instead of splitting it.
std::vector<nn::Feature> features_of(const val& list) {
    const auto n = list["length"].as<unsigned>();
    std::string joined;
    for (unsigned i = 0; i < n; ++i) {
        const std::string name = list[i].as<std::string>();
        if (name.find(',') != std::string::npos) nn::parse_feature(name);
        joined += (i ? "," : "") + name;
    }
    if (n == 0) return {};
    return nn::parse_features(joined);
}
val string_array(const std::vector<std::string>& v) {
    val a = val::array();
    for (const auto& s : v) a.call<void>("push", s);
    return a;
}

nn::OptimizerSettings optimizer_of(const val& o) {
    nn::OptimizerSettings s;
    s.kind = nn::parse_optimizer(get_str(o, "optimizer"));
    s.lr = get_f64(o, "lr");
    s.momentum = get_f64(o, "momentum");
    s.l1 = get_f64(o, "l1");
    s.l2 = get_f64(o, "l2");
    nn::validate_optimizer(s);
    return s;
}
nn::TrainOptions train_options_of(const val& o) {
    nn::TrainOptions t;
    t.optimizer = optimizer_of(o);
    t.batch_size = to_i64(get_val(o, "batchSize"));
    t.seed = seed_of(get_val(o, "seed"));
    t.order = nn::parse_row_order(get_str(o, "order"));
    // Optional (older callers send none); the core checks 1..64 and runs with what it starts.
    if (o.hasOwnProperty("threads"))
        t.threads = int(std::clamp<int64_t>(to_i64(get_val(o, "threads")), -1, 1 << 20));
    return t;
}

val metrics_val(const nn::Metrics& m) {
    val o = val::object();
    o.set("loss", m.loss);
    if (std::isnan(m.accuracy)) o.set("accuracy", val::null());
    else o.set("accuracy", m.accuracy);
    o.set("samples", double(m.samples));
    return o;
}

// ---- datasets -----------------------------------------------------------------------
struct DatasetHandle {
    std::shared_ptr<nn::Dataset> data;  // shared with any Trainer that uses it
    std::string name;                   // generator name, recorded in saved models

    size_t size() const { return data->n; }
    size_t train_size() const { return data->n_train; }
    size_t test_size() const { return data->n - data->n_train; }
    size_t inputs() const { return data->inputs; }
    int classes() const { return data->classes; }
    std::string name_() const { return name; }
    val input_names() const { return string_array(data->input_names); }
    double image_width() const { return double(data->image_width); }
    double image_height() const { return double(data->image_height); }
    val class_names() const { return string_array(data->class_names); }
    val x() const { return f32_copy(data->x); }
    val labels() const { return f64_copy(data->label); }
    val points_() const {
        return guard([&]() -> val {
            if (data->px1.empty())
                throw nn::Error("points: this dataset was not made from 2-D points");
            val o = val::object();  // row order: train rows first, like x() and labels()
            o.set("x1", f64_copy(data->px1));
            o.set("x2", f64_copy(data->px2));
            o.set("labels", f64_copy(data->label));
            return o;
        });
    }
};

// opts: {samples, noise, classes, seed, features, trainRatio}, defaults filled by JS.
std::unique_ptr<DatasetHandle> make_dataset(std::string name, val opts) {
    return guard([&] {
        nn::GenerateOptions g;
        g.name = name;
        g.samples = to_i64(get_val(opts, "samples"));
        g.noise = get_f64(opts, "noise");
        g.classes = narrow<int>(get_f64(opts, "classes"), "classes");
        g.seed = seed_of(get_val(opts, "seed"));
        auto h = std::make_unique<DatasetHandle>();
        h->name = name;
        const std::string tf_seed = get_str(opts, "tfSeed");
        if (!tf_seed.empty()) {  // TF Playground's own data (core/tf_playground.h)
            nn::TfDataOptions t;
            t.name = name;
            t.noise = g.noise;
            t.perc_train = int(std::lround(get_f64(opts, "trainRatio") * 100));
            t.seed = tf_seed;
            h->data = std::make_shared<nn::Dataset>(
                nn::tf_playground_dataset(t, features_of(get_val(opts, "features"))));
            return h;
        }
        h->data = std::make_shared<nn::Dataset>(nn::make_dataset(
            nn::generate_points(g), features_of(get_val(opts, "features")),
            get_f64(opts, "trainRatio"), g.seed));
        return h;
    });
}

// p: {x1, x2, labels, classes, features, trainRatio, seed}
std::unique_ptr<DatasetHandle> dataset_from_points(val p) {
    return guard([&] {
        auto h = std::make_unique<DatasetHandle>();
        nn::Points pts;
        pts.x1 = to_f64(get_val(p, "x1"));
        pts.x2 = to_f64(get_val(p, "x2"));
        pts.label = to_f64(get_val(p, "labels"));
        pts.classes = narrow<int>(get_f64(p, "classes"), "classes");
        h->name = "points";
        h->data = std::make_shared<nn::Dataset>(nn::make_dataset(
            pts, features_of(get_val(p, "features")), get_f64(p, "trainRatio"),
            seed_of(get_val(p, "seed"))));
        return h;
    });
}

// opts: {labelColumn, regression, trainRatio, seed}
std::unique_ptr<DatasetHandle> dataset_from_csv(std::string text, val opts) {
    return guard([&] {
        nn::CsvOptions c;
        c.label_column = get_str(opts, "labelColumn");
        c.regression = get_bool(opts, "regression");
        c.train_ratio = get_f64(opts, "trainRatio");
        c.seed = seed_of(get_val(opts, "seed"));
        auto h = std::make_unique<DatasetHandle>();
        h->data = std::make_shared<nn::Dataset>(nn::parse_csv(text, c));
        h->name = "csv";
        return h;
    });
}

// ---- image datasets (issue 15) -----------------------------------------------------------
// Here rather than in a bindings_images.cpp of its own: DatasetHandle and guard() are
// private to this file. Bytes cross as Uint8Arrays (one copy into wasm memory).
std::vector<uint8_t> to_u8(const val& a) { return emscripten::convertJSArrayToNumberVector<uint8_t>(a); }

std::vector<std::string> strings_of(const val& list) {
    std::vector<std::string> out;
    const auto n = list["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) out.push_back(list[i].as<std::string>());
    return out;
}

// opts: {pixels, labels, width, height, classes, classNames}: an ImageSet, checked by the core.
nn::ImageSet image_set_of(const val& o) {
    nn::ImageSet s;
    s.pixels = to_u8(get_val(o, "pixels"));
    s.labels = to_u8(get_val(o, "labels"));
    s.width = narrow<uint32_t>(get_f64(o, "width"), "width");
    s.height = narrow<uint32_t>(get_f64(o, "height"), "height");
    const size_t px = s.width * s.height;
    s.n = px ? s.pixels.size() / px : 0;
    s.classes = narrow<int>(get_f64(o, "classes"), "classes");
    s.class_names = strings_of(get_val(o, "classNames"));
    return s;
}

// split: {trainRatio, seed, samples}
std::unique_ptr<DatasetHandle> image_handle(const nn::ImageSet& s, const val& split, const std::string& name) {
    auto h = std::make_unique<DatasetHandle>();
    h->name = name;
    h->data = std::make_shared<nn::Dataset>(nn::make_image_dataset(
        s, get_f64(split, "trainRatio"), seed_of(get_val(split, "seed")),
        narrow<uint32_t>(get_f64(split, "samples"), "samples")));
    return h;
}

std::unique_ptr<DatasetHandle> dataset_from_images(val o) {
    return guard([&] {
        nn::ImageSet s = image_set_of(o);
        if (s.width && s.height && s.pixels.size() != s.n * s.width * s.height)
            throw nn::Error("pixels: " + std::to_string(s.pixels.size()) + " values is not a whole number of " +
                            std::to_string(s.width) + " × " + std::to_string(s.height) + " images");
        return image_handle(s, o, get_str(o, "name"));
    });
}
std::unique_ptr<DatasetHandle> dataset_from_nnim(val bytes, val o) {
    return guard([&] {
        const auto b = to_u8(bytes);
        const nn::ImageSet s = nn::read_nnim(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
        return image_handle(s, o, get_str(o, "name"));
    });
}
std::unique_ptr<DatasetHandle> dataset_from_idx(val images, val labels, val o) {
    return guard([&] {
        const auto bi = to_u8(images), bl = to_u8(labels);
        nn::ImageSet s = nn::read_idx(std::string_view(reinterpret_cast<const char*>(bi.data()), bi.size()),
                                      std::string_view(reinterpret_cast<const char*>(bl.data()), bl.size()),
                                      narrow<int>(get_f64(o, "classes"), "classes"));
        s.class_names = strings_of(get_val(o, "classNames"));
        nn::check_image_set(s);
        return image_handle(s, o, get_str(o, "name"));
    });
}
val encode_nnim(val o) {
    return guard([&]() -> val {
        nn::ImageSet s = image_set_of(o);
        const std::string bytes = nn::write_nnim(s);
        return typed_copy("Uint8Array", reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    });
}
std::unique_ptr<DatasetHandle> dataset_from_csv_images(std::string text, val opts, double width, double height) {
    return guard([&] {
        nn::CsvOptions c;
        c.label_column = get_str(opts, "labelColumn");
        c.regression = get_bool(opts, "regression");
        c.train_ratio = get_f64(opts, "trainRatio");
        c.seed = seed_of(get_val(opts, "seed"));
        nn::Dataset d = nn::parse_csv(text, c);
        nn::set_image_shape(d, narrow<uint32_t>(width, "imageWidth"), narrow<uint32_t>(height, "imageHeight"));
        auto h = std::make_unique<DatasetHandle>();
        h->data = std::make_shared<nn::Dataset>(std::move(d));
        h->name = "csv";
        return h;
    });
}

// ---- networks -------------------------------------------------------------------------
struct NetworkHandle {
    nn::Network net;
    nn::Workspace ws;
    // Model-file fields that are not weights (features, init, optimiser, …), kept so
    // fromJSON → toJSON round-trips them and training updates them.
    nn::ModelFile meta;
    // The trainer refers to net and to *trainer_data; the shared_ptr keeps the dataset
    // alive even if JS deletes its Dataset first. Rebuilt when the dataset changes.
    std::shared_ptr<nn::Dataset> trainer_data;
    std::unique_ptr<nn::Trainer> trainer;
    // The fast training path (issue 6): JS writes x and y straight into `io` through a
    // HEAPF32 view and sends options only when they change (setTrainOptions), so a
    // step is a call with three numbers and no emscripten::val work.
    std::vector<float> io;
    nn::TrainOptions cached_opts;
    bool has_opts = false;
    // The last grids by (neuron maps or not, resolution), newest first: evaluate_grid
    // overwrites one in place, so a redrawn map costs no allocation and no zero fill in wasm
    // memory, only its copy out to JS. The page asks for up to three kinds every frame (the
    // map, the thumbnails at 20, a hovered neuron's map at 100): growing one kind's arrays
    // into another's would fill them with zeros first.
    struct KeptGrid {
        bool neurons;
        int resolution;
        nn::GridResult r;
    };
    std::vector<KeptGrid> grids;
    const nn::GridResult& grid(const nn::GridSpec& s) {
        auto it = std::find_if(grids.begin(), grids.end(), [&](const KeptGrid& g) {
            return g.neurons == s.neurons && g.resolution == s.resolution;
        });
        if (it != grids.end()) {
            std::rotate(grids.begin(), it, it + 1);
            nn::evaluate_grid(net, s, grids.front().r);
        } else {
            // Kept only once computed: a refused spec keeps nothing.
            KeptGrid g{s.neurons, s.resolution, nn::evaluate_grid(net, s)};
            if (grids.size() == 3) grids.pop_back();
            grids.insert(grids.begin(), std::move(g));
        }
        return grids.front().r;
    }

    explicit NetworkHandle(nn::Network n) : net(std::move(n)) {}

    size_t inputs() const { return net.inputs(); }
    size_t outputs() const { return net.outputs(); }
    std::string loss() const { return nn::loss_name(net.loss()); }
    val layers() const {
        val a = val::array();
        for (const auto& l : net.arch().layers) {
            val o = val::object();
            o.set("units", double(l.units));
            o.set("activation", std::string(nn::activation_name(l.activation)));
            o.set("bias", l.bias);
            a.call<void>("push", o);
        }
        return a;
    }
    val features() const { return string_array(meta.features); }
    void set_features(val list) {
        guard([&] {
            std::vector<std::string> f;
            for (auto x : features_of(list)) {
                const std::string name = nn::feature_name(x);
                if (std::find(f.begin(), f.end(), name) != f.end())
                    throw nn::Error("features: '" + name + "' is given twice");
                f.push_back(name);
            }
            if (f.size() != net.inputs())
                throw nn::Error("features: the network has " + std::to_string(net.inputs()) +
                                " inputs, got " + std::to_string(f.size()) + " features");
            meta.features = std::move(f);
        });
    }
    std::string param_count() const { return str(net.num_params()); }

    size_t check_block(double block) const {
        const size_t l = narrow<uint32_t>(block, "block");
        if (l >= net.num_layers())
            throw nn::Error("block " + std::to_string(l) + " out of range: the network has " +
                            std::to_string(net.num_layers()) + " blocks (0.." +
                            std::to_string(net.num_layers() - 1) + ")");
        return l;
    }
    val get_weights(double block) const {
        return guard([&] { const size_t l = check_block(block); return f32_copy(net.weights(l)); });
    }
    val get_biases(double block) const {
        return guard([&] { const size_t l = check_block(block); return f32_copy(net.biases(l)); });
    }
    void set_weights(double block, val w) {
        guard([&] {
            const size_t l = check_block(block);
            auto v = to_f32(w);
            check_finite(v, "setWeights: weights");
            auto& dst = net.weights(l);
            if (v.size() != dst.size())
                throw nn::Error("setWeights(" + std::to_string(l) + "): expected " +
                                std::to_string(dst.size()) + " values (" +
                                std::to_string(net.layer_in(l)) + " x " +
                                std::to_string(net.layer_out(l)) + "), got " + std::to_string(v.size()));
            dst = std::move(v);
        });
    }
    void set_biases(double block, val b) {
        guard([&] {
            const size_t l = check_block(block);
            auto v = to_f32(b);
            check_finite(v, "setBiases: biases");
            auto& dst = net.biases(l);
            if (v.size() != dst.size())
                throw nn::Error("setBiases(" + std::to_string(l) + "): expected " +
                                std::to_string(dst.size()) + " values, got " + std::to_string(v.size()));
            dst = std::move(v);
        });
    }

    void set_weight(double block, double from_d, double to_d, double value) {
        guard([&] {
            const size_t l = check_block(block);
            const size_t from = narrow<uint32_t>(from_d, "setWeight: from");
            const size_t to = narrow<uint32_t>(to_d, "setWeight: to");
            const float v = finite_f32(value, "setWeight: value");
            if (from >= net.layer_in(l) || to >= net.layer_out(l))
                throw nn::Error("setWeight(" + std::to_string(l) + ", " + std::to_string(from) + ", " +
                                std::to_string(to) + "): block " + std::to_string(l) + " is " +
                                std::to_string(net.layer_in(l)) + " x " + std::to_string(net.layer_out(l)));
            net.weights(l)[from * net.layer_out(l) + to] = v;
        });
    }
    void set_bias(double block, double unit_d, double value) {
        guard([&] {
            const size_t l = check_block(block);
            const size_t unit = narrow<uint32_t>(unit_d, "setBias: unit");
            const float v = finite_f32(value, "setBias: value");
            if (net.biases(l).empty())
                throw nn::Error("setBias(" + std::to_string(l) + "): layer " + std::to_string(l) + " has no bias");
            if (unit >= net.layer_out(l))
                throw nn::Error("setBias(" + std::to_string(l) + ", " + std::to_string(unit) + "): layer " +
                                std::to_string(l) + " has " + std::to_string(net.layer_out(l)) + " units");
            net.biases(l)[unit] = v;
        });
    }

    // x: n × inputs values.
    val predict(val x, double n_d) {
        return guard([&] {
            const size_t n = narrow<uint32_t>(n_d, "predict: n");
            auto v = to_f32(x);
            if (n == 0 || v.size() != n * net.inputs())
                throw nn::Error("predict: expected n × inputs = " + std::to_string(n) + " × " +
                                std::to_string(net.inputs()) + " values, got " + std::to_string(v.size()));
            return f32_copy(net.predict(v.data(), n));
        });
    }
    val activations(val x) const {
        return guard([&] {
            auto v = to_f32(x);
            if (v.size() != net.inputs())
                throw nn::Error("activations: expected " + std::to_string(net.inputs()) +
                                " inputs, got " + std::to_string(v.size()));
            val out = val::array();
            for (const auto& layer : net.activations(v.data())) out.call<void>("push", f32_copy(layer));
            return out;
        });
    }
    // opts: {xMin, xMax, yMin, yMax, resolution, features, neurons}. Returns
    // {resolution, output, outputs, inputs, neurons: [per layer one (units × res²) view]}.
    val evaluate_grid(val opts) {
        return guard([&] {
            nn::GridSpec s;
            s.x_min = get_f64(opts, "xMin");
            s.x_max = get_f64(opts, "xMax");
            s.y_min = get_f64(opts, "yMin");
            s.y_max = get_f64(opts, "yMax");
            s.resolution = narrow<int>(get_f64(opts, "resolution"), "grid: resolution");
            s.features = features_of(get_val(opts, "features"));
            s.neurons = get_bool(opts, "neurons");
            const nn::GridResult& r = grid(s);
            // Views of the kept grid, not copies: the one JS caller (web/lib/nnplay.mjs
            // evaluateGrid) copies them out at once, into new arrays or into an earlier result's,
            // before anything else runs in wasm (a memory growth would detach them).
            auto view = [](const std::vector<float>& v) { return val(emscripten::typed_memory_view(v.size(), v.data())); };
            val o = val::object();
            o.set("resolution", r.resolution);
            o.set("output", view(r.output));
            o.set("outputs", view(r.outputs));
            o.set("inputs", view(r.inputs));
            val layers = val::array();
            for (const auto& l : r.neurons) layers.call<void>("push", view(l));
            o.set("neurons", layers);
            return o;
        });
    }

    nn::Trainer& trainer_for(const DatasetHandle& d, const nn::TrainOptions& t) {
        if (!trainer || trainer_data != d.data) {
            // Build first: if the dataset does not fit, the old trainer stays.
            auto fresh = std::make_unique<nn::Trainer>(net, *d.data, t);
            trainer = std::move(fresh);
            trainer_data = d.data;
        } else {
            trainer->set_options(t);
        }
        return *trainer;
    }
    void record_training(const nn::TrainOptions& t, const std::string& dataset) {
        meta.optimizer = t.optimizer;
        meta.batch_size = t.batch_size;
        if (!dataset.empty()) meta.dataset = dataset;
    }

    // opts: TrainOptions + epochs. Returns an array of EpochReport objects; stops after
    // a diverged epoch (the core has restored the weights).
    val train_epochs(DatasetHandle& d, val opts) {
        return guard([&] {
            const auto t = train_options_of(opts);
            const int64_t epochs = to_i64(get_val(opts, "epochs"));
            if (epochs < 1) throw nn::Error("epochs must be at least 1, got " + std::to_string(epochs));
            nn::Trainer& tr = trainer_for(d, t);
            if (meta.features.empty()) meta.features = d.data->input_names;
            record_training(t, d.name);
            val out = val::array();
            for (int64_t e = 0; e < epochs; ++e) {
                nn::EpochReport r = tr.train_epoch();
                if (!r.diverged) ++meta.epochs;
                val o = val::object();
                o.set("epoch", double(r.epoch));
                o.set("train", metrics_val(r.train));
                o.set("test", metrics_val(r.test));
                o.set("diverged", r.diverged);
                o.set("stalled", r.stalled);
                o.set("message", r.message);
                out.call<void>("push", o);
                if (r.diverged) break;
            }
            return out;
        });
    }

    // Part of an epoch (issue 15): at most `batches` minibatches of the dataset's current
    // epoch. Returns {batches, position, report}: report is the finished epoch's EpochReport
    // (as trainEpochs gives) or null while the epoch is still running.
    val train_part(DatasetHandle& d, val opts, double batches_d) {
        return guard([&] {
            const auto t = train_options_of(opts);
            const size_t batches = narrow<uint32_t>(batches_d, "batches");
            if (batches < 1) throw nn::Error("batches must be at least 1, got 0");
            nn::Trainer& tr = trainer_for(d, t);
            if (meta.features.empty()) meta.features = d.data->input_names;
            record_training(t, d.name);
            nn::EpochReport r;
            r.epoch = -1;
            const size_t ran = tr.train_batches(batches, &r);
            val o = val::object();
            o.set("batches", double(ran));
            o.set("position", double(tr.epoch_position()));
            if (r.epoch < 0) {
                o.set("report", val::null());
            } else {
                if (!r.diverged) ++meta.epochs;
                val e = val::object();
                e.set("epoch", double(r.epoch));
                e.set("train", metrics_val(r.train));
                e.set("test", metrics_val(r.test));
                e.set("diverged", r.diverged);
                e.set("stalled", r.stalled);
                e.set("message", r.message);
                o.set("report", e);
            }
            return o;
        });
    }

    // One optimiser step on x (n × inputs) and encoded targets y (n × outputs). After a
    // trainEpochs the step shares that trainer's optimiser state; otherwise it runs on a
    // dataset-free Trainer.
    void check_batch_sizes(size_t nx, size_t ny, unsigned n) const {
        if (n == 0 || nx != size_t(n) * net.inputs())
            throw nn::Error("trainBatch: expected x of n × inputs = " + std::to_string(n) + " × " +
                            std::to_string(net.inputs()) + " values, got " + std::to_string(nx));
        if (ny != size_t(n) * net.outputs())
            throw nn::Error("trainBatch: expected y of n × outputs = " + std::to_string(n) + " × " +
                            std::to_string(net.outputs()) + " values, got " + std::to_string(ny));
    }
    nn::Trainer& batch_trainer(const nn::TrainOptions& t) {
        if (!trainer) {
            trainer = std::make_unique<nn::Trainer>(net, t);
            trainer_data = nullptr;
        } else {
            // Cheap (no val): a trainEpochs in between may have set other options.
            trainer->set_options(t);
        }
        record_training(t, "");
        return *trainer;
    }
    double train_batch(val x, val y, unsigned n, val opts) {
        return guard([&] {
            auto xv = to_f32(x);
            auto yv = to_f32(y);
            check_batch_sizes(xv.size(), yv.size(), n);
            const auto t = train_options_of(opts);
            return batch_trainer(t).train_batch(xv.data(), yv.data(), n);
        });
    }
    // Address of `io`, grown to hold x and y (nx + ny values) for `steps` batches of n
    // rows; the sizes are checked first, so a wrong call allocates nothing. JS then
    // re-reads HEAPF32 (the growth may have grown the wasm memory). The address stays
    // valid until a larger request.
    uintptr_t io_buffer(double nx_d, double ny_d, unsigned n, unsigned steps) {
        return guard([&]() -> uintptr_t {
            check_steps(nx_d, ny_d, n, steps);
            const size_t f = size_t(nx_d) + size_t(ny_d);
            if (io.size() < f) io.resize(f);
            return reinterpret_cast<uintptr_t>(io.data());
        });
    }
    void check_steps(double nx_d, double ny_d, unsigned n, unsigned steps) const {
        if (steps == 0) throw nn::Error("trainSteps: steps must be at least 1");
        const size_t nx = narrow<uint32_t>(nx_d, "trainBatch: x length");
        const size_t ny = narrow<uint32_t>(ny_d, "trainBatch: y length");
        if (nx % steps != 0 || ny % steps != 0)
            throw nn::Error("trainSteps: x and y must hold `steps` equal batches");
        check_batch_sizes(nx / steps, ny / steps, n);
    }
    void set_train_options(val opts) {
        guard([&] {
            cached_opts = train_options_of(opts);
            has_opts = true;
        });
    }
    // `steps` optimiser steps on consecutive batches held in io: x is steps × n rows
    // (nx values), then y (ny values). Returns the mean of the per-step losses (the
    // loss of the one step when steps = 1); a non-finite loss stops the run there and
    // is returned. JS reads the per-step losses with trainLosses().
    std::vector<double> losses;
    double train_steps_io(double nx_d, double ny_d, unsigned n, unsigned steps) {
        return guard([&] {
            if (!has_opts) throw nn::Error("trainBatch: no options set");
            check_steps(nx_d, ny_d, n, steps);
            const size_t nx = size_t(nx_d), ny = size_t(ny_d);
            if (nx + ny > io.size()) throw nn::Error("trainBatch: x and y exceed the input buffer");
            nn::Trainer& tr = batch_trainer(cached_opts);
            const float* x = io.data();
            const float* y = io.data() + nx;
            losses.clear();
            double sum = 0.0;
            for (unsigned s = 0; s < steps; ++s) {
                const double l = tr.train_batch(x + size_t(s) * (nx / steps), y + size_t(s) * (ny / steps), n);
                losses.push_back(l);
                if (!std::isfinite(l)) return l;
                sum += l;
            }
            return sum / double(steps);
        });
    }
    val train_losses() const { return f64_copy(losses); }

    val evaluate(const DatasetHandle& d) const {
        return guard([&] {
            const nn::Dataset& ds = *d.data;
            val o = val::object();
            // the epoch reports' rule (core/trainer.h kTrainMetricRows): the same figures
            const nn::SplitMetrics m = nn::evaluate_split(net, ds);
            o.set("train", metrics_val(m.train));
            o.set("test", metrics_val(m.test));
            return o;
        });
    }

    std::unique_ptr<NetworkHandle> copy_with(nn::Network n) const {
        auto h = std::make_unique<NetworkHandle>(std::move(n));
        h->meta = meta;
        return h;
    }
    std::unique_ptr<NetworkHandle> quantized(std::string precision) const {
        return guard([&] { return copy_with(nn::quantized_copy(net, nn::parse_precision(precision))); });
    }
    std::unique_ptr<NetworkHandle> clone() const {
        return guard([&] { return copy_with(net); });
    }

    // extra: optional {features, init, batchSize, epochs, seed, dataset} overriding
    // what the handle recorded.
    std::string to_json(val extra) const {
        return guard([&] {
            nn::ModelFile m = nn::model_from_network(net, meta);
            if (!extra.isUndefined() && !extra.isNull()) {
                if (extra.hasOwnProperty("features")) {
                    m.features.clear();
                    for (auto f : features_of(get_val(extra, "features"))) m.features.push_back(nn::feature_name(f));
                }
                if (extra.hasOwnProperty("init")) m.init = nn::init_name(nn::parse_init(get_str(extra, "init")));
                if (extra.hasOwnProperty("batchSize")) m.batch_size = to_i64(get_val(extra, "batchSize"));
                if (extra.hasOwnProperty("epochs")) m.epochs = to_i64(get_val(extra, "epochs"));
                if (extra.hasOwnProperty("seed")) m.seed = to_u64(get_val(extra, "seed"));
                if (extra.hasOwnProperty("dataset")) m.dataset = get_str(extra, "dataset");
            }
            return nn::model_to_json(m);
        });
    }

    void use_reference_kernels(bool ref) { net.set_use_reference_kernels(ref); }
};

// spec: {inputs, layers: [{units, activation, bias}], loss, init, seed}, defaults filled by JS.
nn::Architecture arch_of(const val& spec) {
    nn::Architecture a;
    a.inputs = to_i64(get_val(spec, "inputs"));
    val layers = spec["layers"];
    const auto n = layers["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
        val l = layers[i];
        nn::LayerSpec s;
        s.units = to_i64(get_val(l, "units"));
        s.activation = nn::parse_activation(get_str(l, "activation"));
        s.bias = get_bool(l, "bias");
        a.layers.push_back(s);
    }
    return a;
}

std::unique_ptr<NetworkHandle> make_network(val spec) {
    return guard([&] {
        const nn::Init init = nn::parse_init(get_str(spec, "init"));
        const uint64_t seed = seed_of(get_val(spec, "seed"));
        auto h = std::make_unique<NetworkHandle>(
            nn::Network(arch_of(spec), nn::parse_loss(get_str(spec, "loss")), init, seed));
        const std::string tf_seed = get_str(spec, "tfSeed");  // TF Playground's weights
        if (!tf_seed.empty()) nn::tf_playground_init(h->net, tf_seed, to_u64(get_val(spec, "tfSkip")));
        h->meta.init = nn::init_name(init);
        h->meta.seed = seed;
        h->meta.epochs = 0;
        h->meta.features.clear();
        return h;
    });
}

std::unique_ptr<NetworkHandle> network_from_json(std::string text) {
    return guard([&] {
        nn::ModelFile m = nn::model_from_json(text);
        auto h = std::make_unique<NetworkHandle>(nn::network_from_model(m));
        m.weights.clear();
        m.biases.clear();
        h->meta = std::move(m);
        return h;
    });
}

// ---- counting --------------------------------------------------------------------------
// widths: decimal strings (the wrapper accepts numbers and BigInts). Every count
// leaves as a decimal string.
val count_parameters(val widths, bool bias) {
    return guard([&] {
        const auto n = widths["length"].as<unsigned>();
        nn::Architecture a;
        for (unsigned i = 0; i < n; ++i) {
            const std::string s = widths[i].as<std::string>();
            long long v = 0;
            try {
                v = std::stoll(s);  // the wrapper sends plain integers
            } catch (const std::out_of_range&) {
                throw nn::Error("widths[" + std::to_string(i) + "] = " + s + " does not fit in 64 bits");
            }
            if (i == 0) a.inputs = v;
            else a.layers.push_back(nn::LayerSpec{v, nn::Activation::tanh, bias});
        }
        if (n == 0) throw nn::Error("count: give at least two widths (inputs and one layer)");
        const nn::ParamReport r = nn::count_parameters(a);
        val blocks = val::array();
        for (const auto& b : r.blocks)
            blocks.call<void>("push", int_object({{"in", b.in}, {"out", b.out}, {"weights", b.weights},
                                                  {"biases", b.biases}, {"params", b.params}, {"macs", b.macs}}));
        val o = int_object({{"weights", r.weights}, {"biases", r.biases}, {"params", r.params},
                            {"macs", r.macs}, {"neurons", r.neurons}});
        o.set("blocks", blocks);
        o.set("storage", int_object({{"fp32", r.storage.fp32}, {"fp16", r.storage.fp16},
                                     {"int8", r.storage.int8}, {"int4", r.storage.int4}}));
        o.set("optimizer", int_object({{"sgd", r.optimizer_sgd}, {"momentum", r.optimizer_momentum},
                                       {"adam", r.optimizer_adam}}));
        o.set("activations", int_object({{"inference", r.activations_inference},
                                         {"training", r.activations_training}}));
        return o;
    });
}

// Bytes handed out by dlmalloc and not yet freed: the leak checks compare this.
double heap_used() { return double(mallinfo().uordblks); }
std::string version() { return NNPLAY_VERSION; }
std::string simd_arch() { return nn::simd_arch_name(); }
double simd_lanes() { return double(nn::simd_lanes()); }

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay) {
    using namespace emscripten;
    function("takeError", &take_error);
    function("errorFlagAddress", &error_flag_address);
    function("heapUsed", &heap_used);
    function("version", &version);
    function("simdArch", &simd_arch);
    function("simdLanes", &simd_lanes);
    function("countParameters", &count_parameters);
    function("makeNetwork", &make_network);
    function("networkFromJSON", &network_from_json);
    function("makeDataset", &make_dataset);
    function("datasetFromPoints", &dataset_from_points);
    function("datasetFromCSV", &dataset_from_csv);
    function("datasetFromImages", &dataset_from_images);
    function("datasetFromNNIM", &dataset_from_nnim);
    function("datasetFromIDX", &dataset_from_idx);
    function("datasetFromCSVImages", &dataset_from_csv_images);
    function("encodeNNIM", &encode_nnim);

    class_<DatasetHandle>("DatasetHandle")
        .function("size", &DatasetHandle::size)
        .function("trainSize", &DatasetHandle::train_size)
        .function("testSize", &DatasetHandle::test_size)
        .function("inputs", &DatasetHandle::inputs)
        .function("classes", &DatasetHandle::classes)
        .function("name", &DatasetHandle::name_)
        .function("inputNames", &DatasetHandle::input_names)
        .function("imageWidth", &DatasetHandle::image_width)
        .function("imageHeight", &DatasetHandle::image_height)
        .function("classNames", &DatasetHandle::class_names)
        .function("x", &DatasetHandle::x)
        .function("labels", &DatasetHandle::labels)
        .function("points", &DatasetHandle::points_);

    class_<NetworkHandle>("NetworkHandle")
        .function("inputs", &NetworkHandle::inputs)
        .function("outputs", &NetworkHandle::outputs)
        .function("loss", &NetworkHandle::loss)
        .function("layers", &NetworkHandle::layers)
        .function("features", &NetworkHandle::features)
        .function("setFeatures", &NetworkHandle::set_features)
        .function("paramCount", &NetworkHandle::param_count)
        .function("getWeights", &NetworkHandle::get_weights)
        .function("setWeights", &NetworkHandle::set_weights)
        .function("getBiases", &NetworkHandle::get_biases)
        .function("setBiases", &NetworkHandle::set_biases)
        .function("setWeight", &NetworkHandle::set_weight)
        .function("setBias", &NetworkHandle::set_bias)
        .function("predict", &NetworkHandle::predict)
        .function("activations", &NetworkHandle::activations)
        .function("evaluateGrid", &NetworkHandle::evaluate_grid)
        .function("trainEpochs", &NetworkHandle::train_epochs)
        .function("trainBatch", &NetworkHandle::train_batch)
        .function("trainPart", &NetworkHandle::train_part)
        .function("ioBuffer", &NetworkHandle::io_buffer)
        .function("setTrainOptions", &NetworkHandle::set_train_options)
        .function("trainStepsIO", &NetworkHandle::train_steps_io)
        .function("trainLosses", &NetworkHandle::train_losses)
        .function("evaluate", &NetworkHandle::evaluate)
        .function("quantized", &NetworkHandle::quantized)
        .function("clone", &NetworkHandle::clone)
        .function("toJSON", &NetworkHandle::to_json)
        .function("useReferenceKernels", &NetworkHandle::use_reference_kernels);
}
