// Part 1 replays every input in tests/fuzz/regressions/ (inputs that once crashed or nearly
// crashed a parser, plus hand-made hostile ones) through every parser the fuzz targets
// cover: each must succeed or throw nn::Error, never crash or throw anything else. Runs
// natively and in the wasm build (NODERAWFS gives node the same real paths).
// To add a case: drop the file into tests/fuzz/regressions/ (scripts/fuzz.sh keeps a
// crashing input in build/fuzz/artifacts/); the name should say what it is.
// Part 2: hostile values the bad-input matrix found, and the resource limits (each refused
// up front with the size it would need).
#include <catch2/catch.hpp>

#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include "activation.h"
#include "dataset.h"
#include "error.h"
#include "grid.h"
#include "images.h"
#include "init.h"
#include "loss.h"
#include "model_io.h"
#include "optim.h"
#include "quantize.h"
#include "trainer.h"

#ifndef NNPLAY_SOURCE_DIR
#error "tests.cmake passes NNPLAY_SOURCE_DIR (the repository root)"
#endif

using namespace nn;

namespace {

std::string regressions_dir() { return std::string(NNPLAY_SOURCE_DIR) + "/tests/fuzz/regressions"; }

std::vector<std::string> list_files(const std::string& dir) {
    std::vector<std::string> out;
    DIR* d = opendir(dir.c_str());
    if (!d) return out;
    while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n == "." || n == ".." || n == "README.md") continue;
        out.push_back(n);
    }
    closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_all(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// Runs f; passes if it returns or throws nn::Error. Counts the two outcomes.
template <class F>
void accept_or_reject(const char* what, const std::string& name, F f, int& ok, int& rejected) {
    INFO(what << " on " << name);
    try {
        f();
        ++ok;
    } catch (const Error& e) {
        CHECK(std::string(e.what()).size() > 0);
        ++rejected;
    } catch (const std::exception& e) {
        FAIL(what << " threw a " << typeid(e).name() << " that is not nn::Error: " << e.what());
    }
}

}  // namespace

TEST_CASE("fuzz regressions: every saved input is accepted or rejected with nn::Error", "[fuzz]") {
    const std::string dir = regressions_dir();
    const auto files = list_files(dir);
    INFO("directory " << dir);
    // A replay that finds nothing tests nothing.
    REQUIRE(files.size() >= 10);
    int ok = 0, rejected = 0;
    for (const auto& name : files) {
        const std::string text = read_all(dir + "/" + name);
        std::string_view body = text;
        // Model reader, then loading (which must not throw once the reader accepted).
        accept_or_reject("model_from_json", name, [&] {
            ModelFile m = model_from_json(text);
            Network net = network_from_model(m);
            REQUIRE(net.num_layers() == m.arch.layers.size());
        }, ok, rejected);
        // CSV reader: the whole file with default options, then the fuzz target's
        // reading (first byte = options, see tests/fuzz/fuzz_csv.cpp).
        accept_or_reject("parse_csv", name, [&] {
            Dataset d = parse_csv(body, CsvOptions{});
            REQUIRE(d.x.size() == d.n * d.inputs);
        }, ok, rejected);
        if (!text.empty()) {
            static const char* const kLabels[] = {"", "0", "1", "label", "y", "99", "x2", "-1"};
            static const double kRatios[] = {1.0, 0.5, 0.8, 0.0};
            const auto sel = uint8_t(text[0]);
            CsvOptions o;
            o.label_column = kLabels[sel & 7];
            o.regression = (sel >> 3) & 1;
            o.train_ratio = kRatios[(sel >> 4) & 3];
            o.seed = sel >> 6;
            accept_or_reject("parse_csv (fuzz options)", name, [&] {
                Dataset d = parse_csv(body.substr(1), o);
                REQUIRE(d.label.size() == d.n);
            }, ok, rejected);
        }
        // Image readers (issue 15), read the way tests/fuzz/fuzz_images.cpp reads: the first
        // byte picks NNIM (odd) or an IDX pair cut at a point it sets (even).
        accept_or_reject("read_nnim", name, [&] { read_nnim(body); }, ok, rejected);
        if (!text.empty()) {
            const auto sel = uint8_t(text[0]);
            const std::string_view rest = body.substr(1);
            accept_or_reject("images (fuzz reading)", name, [&] {
                if (sel & 1) {
                    const ImageSet s = read_nnim(rest);
                    REQUIRE(write_nnim(s) == rest);
                    REQUIRE(make_image_dataset(s, 0.5, 1).x.size() == s.n * s.width * s.height);
                } else {
                    const size_t cut = rest.size() * (sel >> 1) / 128;
                    const ImageSet s = read_idx(rest.substr(0, cut), rest.substr(cut));
                    REQUIRE(s.labels.size() == s.n);
                }
            }, ok, rejected);
        }
        // Name parsers on the raw text.
        accept_or_reject("parse_features", name, [&] { parse_features(body); }, ok, rejected);
        accept_or_reject("parse_activation", name, [&] { parse_activation(body); }, ok, rejected);
        accept_or_reject("parse_loss", name, [&] { parse_loss(body); }, ok, rejected);
        accept_or_reject("parse_init", name, [&] { parse_init(body); }, ok, rejected);
        accept_or_reject("parse_optimizer", name, [&] { parse_optimizer(body); }, ok, rejected);
        accept_or_reject("parse_precision", name, [&] { parse_precision(body); }, ok, rejected);
    }
    // Both outcomes occur: the set holds valid files as well as hostile ones.
    CHECK(ok > 0);
    CHECK(rejected > 0);
    WARN("replayed " << files.size() << " regression inputs: " << ok << " accepted, " << rejected
                     << " rejected with nn::Error");
}

// ---- hostile values found with the bad-input matrix (docs/bad-inputs.md) ------------------

TEST_CASE("points: labels and coordinates are checked like make_dataset_raw's", "[bad-inputs]") {
    // Before the fix, make_dataset (points) skipped these checks and encode_targets wrote a
    // one-hot 1 at row·k + label: label 5 with 2 classes wrote past the end of the targets.
    Points p;
    p.x1 = {0, 1, 2};
    p.x2 = {0, 1, 2};
    p.label = {0, 5, 1};
    p.classes = 2;
    const std::vector<Feature> f = {Feature::x1, Feature::x2};
    REQUIRE_THROWS_WITH(make_dataset(p, f, 1.0, 1), "label of row 1 is 5; class labels must be integers 0..1");
    p.label = {0, 0.5, 1};
    REQUIRE_THROWS_WITH(make_dataset(p, f, 1.0, 1), Catch::Contains("label of row 1 is 0.5"));
    p.label = {0, std::nan(""), 1};
    REQUIRE_THROWS_WITH(make_dataset(p, f, 1.0, 1), "label of row 1 is not a finite number");
    p.label = {0, 1, 1};
    p.classes = 1;
    REQUIRE_THROWS_WITH(make_dataset(p, f, 1.0, 1), "classes must be 0 (regression) or between 2 and 1000, got 1");
    p.classes = 1001;
    REQUIRE_THROWS_WITH(make_dataset(p, f, 1.0, 1), Catch::Contains("got 1001"));
    p.classes = 2;
    p.x1[2] = std::numeric_limits<double>::infinity();
    REQUIRE_THROWS_WITH(make_dataset(p, f, 1.0, 1), "inputs must be finite numbers");
    p.x1[2] = 1e30;  // finite, but x1² overflows float32
    REQUIRE_THROWS_WITH(make_dataset(p, {Feature::x1sq}, 1.0, 1), "inputs must be finite numbers");
    p.x1[2] = 2;
    Dataset d = make_dataset(p, f, 1.0, 1);
    REQUIRE(encode_targets(d, Loss::softmax_ce, 2).size() == 6);  // 3 rows × 2 classes
}

// ---- resource limits: refused up front, with the size it would need ------------------------

TEST_CASE("limits: a network over the training budget is refused before any allocation", "[limits]") {
    Architecture a;
    a.inputs = 4096;
    a.layers = {{4096, Activation::relu, true}, {1, Activation::linear, true}};
    // 4096·4096 + 4096 (biases) + 4096·1 + 1 = 16,785,409 parameters: 8,193 over kMaxTrainParams
    REQUIRE_THROWS_WITH(Network(a, Loss::half_mse),
                        Catch::Contains("network has 16,785,409 parameters (64.0 MiB as fp32, about 256.1 MiB") &&
                            Catch::Contains("at most 16,777,216"));
    a.inputs = 4000;  // 4000·4096 + 4096 + 4096 + 1 = 16,392,193 fits
    REQUIRE_NOTHROW(Network(a, Loss::half_mse));
    a.inputs = kMaxTrainWidth + 1;
    a.layers = {{1, Activation::linear, true}};
    REQUIRE_THROWS_WITH(Network(a, Loss::half_mse), "inputs: 65,537 is more than this build trains (at most 65,536)");
}

TEST_CASE("limits: the model reader checks the budget before reading a weight", "[limits]") {
    // 65,536 × 256 = 16,777,216 weights + 256 biases: over by 256; the weights arrays are
    // empty, so a reader that looked at them first would complain about their length instead.
    const std::string text =
        R"({"format":"nnplay-model","version":1,"inputs":65536,"loss":"half_mse","layers":[)"
        R"({"units":256,"activation":"relu","bias":true,"weights":[],"biases":[]}]})";
    REQUIRE_THROWS_WITH(model_from_json(text),
                        "model: the network has 16,777,472 parameters; the limit is 16,777,216");
    std::string deep(65, '[');
    REQUIRE_THROWS_WITH(model_from_json(deep), "model: JSON nests deeper than 64 levels (at byte 64)");
}

TEST_CASE("limits: grid resolution and neuron-map memory", "[limits]") {
    Architecture a;
    a.inputs = 2;
    a.layers = {{4096, Activation::relu, true}, {1, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::zeros, 1);
    GridSpec s;
    s.features = {Feature::x1, Feature::x2};
    s.resolution = 1001;
    REQUIRE_THROWS_WITH(evaluate_grid(net, s), "grid: resolution must be between 2 and 1000, got 1001");
    s.resolution = 200;
    // 200² cells × 4,097 neurons × 4 B = 655,520,000 B (625.2 MiB) > 256 MiB
    REQUIRE_THROWS_WITH(evaluate_grid(net, s),
                        "grid: 200×200 maps for 4,097 neurons need 625.2 MiB; the limit is 256.0 MiB "
                        "(lower the resolution or skip neuron maps)");
    s.neurons = false;  // the output map alone is 200² floats and is computed in chunks
    REQUIRE(evaluate_grid(net, s).output.size() == 40000);
}

TEST_CASE("limits: CSV size and rows, dataset samples, batch size", "[limits]") {
    CsvOptions o;
    REQUIRE_THROWS_WITH(parse_csv(std::string(kMaxCsvBytes + 1, ' '), o),
                        "CSV is 67,108,865 bytes; the limit is 67,108,864 bytes (64.0 MiB)");
    GenerateOptions g;
    g.samples = 1000001;
    REQUIRE_THROWS_WITH(generate_points(g), Catch::Contains("samples must be between 1 and 1,000,000"));
    Architecture a;
    a.inputs = 2;
    a.layers = {{1, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::zeros, 1);
    g.samples = 10;
    Dataset d = make_dataset(generate_points(g), {Feature::x1, Feature::x2}, 1.0, 1);
    TrainOptions t;
    t.batch_size = 1000001;
    REQUIRE_THROWS_WITH(Trainer(net, d, t), "batch size must be between 1 and 1,000,000, got 1000001");
}
