// Model files (docs/model-format.md). Writing is done by hand so that every float is
// the shortest decimal that reads back to the same bits; reading goes through
// nlohmann::json after a cheap size and nesting check, and validates every field.
#include "model_io.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "error.h"

namespace nn {
namespace {

using json = nlohmann::json;

constexpr int kMaxDepth = 64;
constexpr const char* kFormat = "nnplay-model";
constexpr int kVersion = 1;

// Shortest "%.*g" that the reader turns back into the same float. The reader parses
// into a double (nlohmann uses strtod) then narrows to float, so the check follows
// that exact path; 9 significant digits always succeed for float32.
void append_float(std::string& out, float v) {
    char buf[40];
    if (v == 0 && std::signbit(v)) {  // "-0" would be read as the integer 0
        out += "-0.0";
        return;
    }
    for (int p = 1; p <= 9; ++p) {
        std::snprintf(buf, sizeof buf, "%.*g", p, double(v));
        float back = float(std::strtod(buf, nullptr));
        if (std::memcmp(&back, &v, sizeof v) == 0) break;
    }
    out += buf;
}

void append_double(std::string& out, double v) {
    char buf[40];
    if (v == 0 && std::signbit(v)) {
        out += "-0.0";
        return;
    }
    for (int p = 1; p <= 17; ++p) {
        std::snprintf(buf, sizeof buf, "%.*g", p, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    out += buf;
}

std::string str(const std::string& s) { return json(s).dump(); }

[[noreturn]] void fail(const std::string& msg) { throw Error("model: " + msg); }

// Refuse input nesting deeper than kMaxDepth before nlohmann's recursive parser sees it.
void check_depth(std::string_view t) {
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (in_str) {
            if (c == '\\') ++i;
            else if (c == '"') in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth)
                fail("JSON nests deeper than " + std::to_string(kMaxDepth) + " levels (at byte " +
                     std::to_string(i) + ")");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

// Typed access to fields with the path in every message.
const json& field(const json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) fail("missing field '" + path + "'");
    return *it;
}

void expect(const json& v, bool ok, const std::string& path, const char* what) {
    if (!ok)
        fail("field '" + path + "' must be " + what + ", got " + std::string(v.type_name()) +
             (v.is_primitive() && !v.is_null() ? " " + v.dump() : ""));
}

std::string get_string(const json& v, const std::string& path) {
    expect(v, v.is_string(), path, "a string");
    return v.get<std::string>();
}

int64_t get_int(const json& v, const std::string& path, int64_t lo, int64_t hi) {
    expect(v, v.is_number_integer(), path, "an integer");
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))
        fail("field '" + path + "' must be between " + std::to_string(lo) + " and " +
             std::to_string(hi) + ", got " + v.dump());
    int64_t x = v.get<int64_t>();
    if (x < lo || x > hi)
        fail("field '" + path + "' must be between " + std::to_string(lo) + " and " +
             std::to_string(hi) + ", got " + std::to_string(x));
    return x;
}

double get_double(const json& v, const std::string& path) {
    expect(v, v.is_number(), path, "a number");
    double x = v.get<double>();
    if (!std::isfinite(x)) fail("field '" + path + "' must be a finite number");
    return x;
}

bool get_bool(const json& v, const std::string& path) {
    expect(v, v.is_boolean(), path, "true or false");
    return v.get<bool>();
}

std::vector<float> get_floats(const json& v, const std::string& path, size_t n,
                              const std::string& arith) {
    expect(v, v.is_array(), path, "an array of numbers");
    if (v.size() != n)
        fail("field '" + path + "' must have " + std::to_string(n) + " numbers" +
             (arith.empty() ? "" : " (" + arith + ")") + ", got " + std::to_string(v.size()));
    std::vector<float> out(n);
    for (size_t i = 0; i < n; ++i) {
        const json& e = v[i];
        if (!e.is_number())
            fail("field '" + path + "[" + std::to_string(i) + "]' must be a number, got " +
                 e.type_name());
        double d = e.get<double>();
        float f = float(d);
        if (!std::isfinite(f))
            fail("field '" + path + "[" + std::to_string(i) + "]' is " + e.dump() +
                 ", outside the float32 range");
        out[i] = f;
    }
    return out;
}

// Wrap an nn::Error from a parse_* helper with the field path.
template <class F>
auto with_path(const std::string& path, F f) -> decltype(f()) {
    try {
        return f();
    } catch (const Error& e) {
        fail("field '" + path + "': " + e.what());
    }
}

}  // namespace

std::string model_to_json(const ModelFile& m) {
    std::string o;
    o += "{\n  \"format\": \"nnplay-model\",\n  \"version\": 1,\n";
    o += "  \"inputs\": " + std::to_string(m.arch.inputs) + ",\n";
    o += "  \"loss\": " + str(loss_name(m.loss)) + ",\n";
    o += "  \"features\": [";
    for (size_t i = 0; i < m.features.size(); ++i) o += (i ? ", " : "") + str(m.features[i]);
    o += "],\n  \"layers\": [\n";
    for (size_t l = 0; l < m.arch.layers.size(); ++l) {
        const LayerSpec& s = m.arch.layers[l];
        o += "    {\"units\": " + std::to_string(s.units) +
             ", \"activation\": " + str(activation_name(s.activation)) +
             ", \"bias\": " + (s.bias ? "true" : "false") + ",\n     \"weights\": [";
        if (l < m.weights.size())
            for (size_t i = 0; i < m.weights[l].size(); ++i) {
                if (i) o += ',';
                append_float(o, m.weights[l][i]);
            }
        o += "],\n     \"biases\": [";
        if (l < m.biases.size())
            for (size_t i = 0; i < m.biases[l].size(); ++i) {
                if (i) o += ',';
                append_float(o, m.biases[l][i]);
            }
        o += "]}";
        o += l + 1 < m.arch.layers.size() ? ",\n" : "\n";
    }
    const OptimizerSettings& s = m.optimizer;
    o += "  ],\n  \"training\": {\"init\": " + str(m.init) +
         ", \"optimizer\": " + str(optimizer_name(s.kind));
    auto num = [&](const char* k, double v) {
        o += ", \"";
        o += k;
        o += "\": ";
        append_double(o, v);
    };
    num("lr", s.lr);
    num("momentum", s.momentum);
    num("beta1", s.beta1);
    num("beta2", s.beta2);
    num("eps", s.eps);
    num("l1", s.l1);
    num("l2", s.l2);
    o += ", \"batch_size\": " + std::to_string(m.batch_size) +
         ", \"epochs\": " + std::to_string(m.epochs) + ", \"seed\": " + std::to_string(m.seed) +
         ", \"dataset\": " + str(m.dataset) + "}\n}\n";
    return o;
}

ModelFile model_from_json(std::string_view text) {
    if (text.size() > kMaxModelBytes)
        fail("file is " + format_thousands(int64_t(text.size())) + " bytes; the limit is " +
             format_thousands(int64_t(kMaxModelBytes)) + " bytes (" +
             format_bytes(int64_t(kMaxModelBytes)) + ")");
    check_depth(text);
    json j;
    try {
        j = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        std::string w = e.what();
        size_t p = w.find("] ");
        if (p != std::string::npos) w = w.substr(p + 2);
        fail("invalid JSON at byte " + std::to_string(e.byte) + ": " + w);
    } catch (const json::exception& e) {
        fail(std::string("invalid JSON: ") + e.what());
    }
    if (!j.is_object())
        fail(std::string("the top level must be a JSON object, got ") + j.type_name());

    ModelFile m;
    std::string format = get_string(field(j, "format", "format"), "format");
    if (format != kFormat)
        fail("field 'format' must be \"nnplay-model\", got " + str(format) +
             " (is this an nnplay model file?)");
    const json& ver = field(j, "version", "version");
    expect(ver, ver.is_number_integer(), "version", "an integer");
    if (ver.is_number_unsigned() ? ver.get<uint64_t>() != uint64_t(kVersion)
                                 : ver.get<int64_t>() != kVersion)
        fail("unsupported version " + ver.dump() + "; this build reads version " +
             std::to_string(kVersion));

    m.arch.inputs = get_int(field(j, "inputs", "inputs"), "inputs", 1, kMaxTrainWidth);
    std::string loss = get_string(field(j, "loss", "loss"), "loss");
    m.loss = with_path("loss", [&] { return parse_loss(loss); });

    if (auto it = j.find("features"); it != j.end()) {
        expect(*it, it->is_array(), "features", "an array of strings");
        for (size_t i = 0; i < it->size(); ++i)
            m.features.push_back(get_string((*it)[i], "features[" + std::to_string(i) + "]"));
        if (!m.features.empty() && int64_t(m.features.size()) != m.arch.inputs)
            fail("field 'features' must name all " + std::to_string(m.arch.inputs) +
                 " inputs (or be empty), got " + std::to_string(m.features.size()));
    }

    const json& layers = field(j, "layers", "layers");
    expect(layers, layers.is_array(), "layers", "an array");
    if (layers.empty()) fail("field 'layers' must hold at least one layer (the output layer)");
    if (layers.size() > 1000) fail("field 'layers' has " + std::to_string(layers.size()) +
                                   " layers; the limit is 1000");
    // Architecture first, so the parameter budget is checked before any weight is read.
    int64_t in = m.arch.inputs, params = 0;
    for (size_t l = 0; l < layers.size(); ++l) {
        std::string p = "layers[" + std::to_string(l) + "]";
        const json& L = layers[l];
        expect(L, L.is_object(), p, "an object");
        LayerSpec s;
        s.units = get_int(field(L, "units", p + ".units"), p + ".units", 1, kMaxTrainWidth);
        std::string act = get_string(field(L, "activation", p + ".activation"), p + ".activation");
        s.activation = with_path(p + ".activation", [&] { return parse_activation(act); });
        s.bias = get_bool(field(L, "bias", p + ".bias"), p + ".bias");
        params += in * s.units + (s.bias ? s.units : 0);
        in = s.units;
        m.arch.layers.push_back(s);
    }
    if (params > kMaxTrainParams)
        fail("the network has " + format_thousands(params) + " parameters; the limit is " +
             format_thousands(kMaxTrainParams));
    try {
        validate_architecture(m.arch);
        check_loss_output(m.loss, m.arch.layers.back().activation,
                          size_t(m.arch.layers.back().units));
    } catch (const Error& e) {
        fail(e.what());
    }
    in = m.arch.inputs;
    for (size_t l = 0; l < layers.size(); ++l) {
        std::string p = "layers[" + std::to_string(l) + "]";
        const json& L = layers[l];
        const LayerSpec& s = m.arch.layers[l];
        size_t n = size_t(in * s.units);
        m.weights.push_back(get_floats(field(L, "weights", p + ".weights"), p + ".weights", n,
                                       std::to_string(in) + " × " + std::to_string(s.units)));
        auto b = L.find("biases");
        if (s.bias)
            m.biases.push_back(get_floats(field(L, "biases", p + ".biases"), p + ".biases",
                                          size_t(s.units), ""));
        else if (b != L.end())
            m.biases.push_back(get_floats(*b, p + ".biases", 0, "the layer has no bias"));
        else
            m.biases.emplace_back();
        in = s.units;
    }

    if (auto it = j.find("training"); it != j.end()) {
        const json& t = *it;
        expect(t, t.is_object(), "training", "an object");
        auto opt = [&](const char* k) -> const json* {
            auto f = t.find(k);
            return f == t.end() ? nullptr : &*f;
        };
        auto path = [](const char* k) { return std::string("training.") + k; };
        if (auto v = opt("init")) {
            m.init = get_string(*v, path("init"));
            with_path(path("init"), [&] { return parse_init(m.init); });
        }
        OptimizerSettings& s = m.optimizer;
        if (auto v = opt("optimizer")) {
            std::string k = get_string(*v, path("optimizer"));
            s.kind = with_path(path("optimizer"), [&] { return parse_optimizer(k); });
        }
        if (auto v = opt("lr")) s.lr = get_double(*v, path("lr"));
        if (auto v = opt("momentum")) s.momentum = get_double(*v, path("momentum"));
        if (auto v = opt("beta1")) s.beta1 = get_double(*v, path("beta1"));
        if (auto v = opt("beta2")) s.beta2 = get_double(*v, path("beta2"));
        if (auto v = opt("eps")) s.eps = get_double(*v, path("eps"));
        if (auto v = opt("l1")) s.l1 = get_double(*v, path("l1"));
        if (auto v = opt("l2")) s.l2 = get_double(*v, path("l2"));
        with_path("training", [&] { validate_optimizer(s); return 0; });
        if (auto v = opt("batch_size"))
            m.batch_size = get_int(*v, path("batch_size"), 1, 1000000);
        if (auto v = opt("epochs")) m.epochs = get_int(*v, path("epochs"), 0, INT64_MAX);
        if (auto v = opt("seed")) {
            expect(*v, v->is_number_unsigned() || (v->is_number_integer() && v->get<int64_t>() >= 0),
                   path("seed"), "a non-negative integer");
            m.seed = v->get<uint64_t>();
        }
        if (auto v = opt("dataset")) m.dataset = get_string(*v, path("dataset"));
    }
    return m;
}

ModelFile model_from_network(const Network& net, const ModelFile& settings) {
    ModelFile m = settings;
    m.arch = net.arch();
    m.loss = net.loss();
    m.weights.clear();
    m.biases.clear();
    for (size_t l = 0; l < net.num_layers(); ++l) {
        m.weights.push_back(net.weights(l));
        m.biases.push_back(net.biases(l));
    }
    return m;
}

Network network_from_model(const ModelFile& m) {
    Network net(m.arch, m.loss);  // validates architecture, loss pairing and budget
    if (m.weights.size() != net.num_layers() || m.biases.size() != net.num_layers())
        fail("expected weights and biases for " + std::to_string(net.num_layers()) +
             " layers, got " + std::to_string(m.weights.size()) + " and " +
             std::to_string(m.biases.size()));
    for (size_t l = 0; l < net.num_layers(); ++l) {
        std::string p = "layers[" + std::to_string(l) + "]";
        if (m.weights[l].size() != net.weights(l).size())
            fail("field '" + p + ".weights' must have " + std::to_string(net.weights(l).size()) +
                 " numbers, got " + std::to_string(m.weights[l].size()));
        if (m.biases[l].size() != net.biases(l).size())
            fail("field '" + p + ".biases' must have " + std::to_string(net.biases(l).size()) +
                 " numbers, got " + std::to_string(m.biases[l].size()));
        net.weights(l) = m.weights[l];
        net.biases(l) = m.biases[l];
    }
    return net;
}

}  // namespace nn
