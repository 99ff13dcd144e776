// Model files (docs/model-format.md). Writing is done by hand so that every float is
// the shortest decimal that reads back to the same bits. Reading streams the text through
// nlohmann::json's SAX parser (ModelReader below): the layers' weights and biases go
// straight into float vectors and stop at the count the architecture declares (or the
// parameter budget), and everything else becomes a small DOM with a bounded number of
// values and bounded strings. A 48 MB weights array is refused after its first excess
// number, with nothing allocated for it (issue 12: it used to build a 1 GB DOM and abort
// the wasm module). Every limit is from size_limits.h, the same ones the writer and Network use.
#include "model_io.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "error.h"

namespace nn {
namespace {

using json = nlohmann::json;

constexpr int kMaxDepth = 64;
// Values outside the layers' weights and biases: 65,536 feature names, 1,000 layers of a
// few fields each and room for unknown keys.
constexpr size_t kMaxOtherValues = 262144;

// What nnplay can save it can load: the largest file the writer can produce fits.
static_assert(size_t(kMaxTrainParams) * kModelBytesPerParam +
                      size_t(kMaxTrainWidth) * (6 * kMaxNameBytes + 4) + 6 * kMaxModelTextBytes * 3 +
                      16 * size_t(kMaxLayers) * 128 <=
                  kMaxModelBytes,
              "kMaxModelBytes must hold the largest model the writer can produce");
constexpr const char* kFormat = "nnplay-model";
constexpr int kVersion = 1;

// Shortest "%.*g" that the reader turns back into the same float. The reader parses
// into a double (nlohmann uses strtod) then narrows to float, so the check follows
// that exact path; 9 significant digits always succeed for float32.
// The shortest text that reads back as the same float32: nlohmann's Grisu2 for float (the
// JSON library's own number writer). It replaced a loop of snprintf("%.*g") and strtod over
// 1..9 digits that took 6.7 s in WASM (0.64 s natively) for the digits network's 242,762
// numbers; Grisu2 takes 34 ms natively. Its text differs from the loop's for a few values in
// 100,000 (1.0 for 1; a last digit rounded the other way at a power of two), always reading
// back bit for bit (tests/core/test_model_io.cpp).
void append_float(std::string& out, float v) {
    if (v == 0 && std::signbit(v)) {  // "-0" would be read as the integer 0
        out += "-0.0";
        return;
    }
    char buf[64];
    char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
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

// A JSON string. Bytes that are not UTF-8 (a Latin-1 file name) become U+FFFD instead of
// throwing: nlohmann's dump() throws type_error 316 on them, which used to abort the CLI.
std::string str(const std::string& s) {
    return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

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

// Wrap an nn::Error from a parse_* helper with the field path.
template <class F>
auto with_path(const std::string& path, F f) -> decltype(f()) {
    try {
        return f();
    } catch (const Error& e) {
        fail("field '" + path + "': " + e.what());
    }
}

// The SAX handler (nlohmann::json::sax_parse calls it for every token). Builds `root`
// for everything but layers[i].weights / layers[i].biases, which it streams into floats.
class ModelReader {
public:
    json root;
    std::map<size_t, std::vector<float>> weights, biases;  // by layer index

    bool null() { return scalar(json(nullptr), "null"); }
    bool boolean(bool v) { return scalar(json(v), "boolean"); }
    bool number_integer(json::number_integer_t v) {
        return cap_ ? take(float(v), nullptr, 0) : scalar(json(v), "number");
    }
    bool number_unsigned(json::number_unsigned_t v) {
        return cap_ ? take(float(v), nullptr, 0) : scalar(json(v), "number");
    }
    bool number_float(json::number_float_t v, const json::string_t& token) {
        return cap_ ? take(float(v), &token, v) : scalar(json(v), "number");
    }
    bool string(json::string_t& v) {
        if (stack_.empty()) return scalar(json(nullptr), "string");  // the top-level error
        check_text(v);
        return scalar(json(std::move(v)), "string");
    }
    bool binary(json::binary_t&) { fail("invalid JSON: binary values are not JSON"); }
    bool key(json::string_t& k) {
        if (k.size() > kMaxModelTextBytes)
            fail("a key at '" + path() + "' is " + format_thousands(int64_t(k.size())) +
                 " bytes; the limit is " + format_thousands(int64_t(kMaxModelTextBytes)));
        key_ = std::move(k);
        return true;
    }
    bool start_object(std::size_t) {
        if (cap_) not_a_number("object");
        if (stack_.empty() && root_set_) fail("invalid JSON: more than one value");
        push(add(json::object()), "object");
        return true;
    }
    bool end_object() {
        stack_.pop_back();
        return true;
    }
    bool start_array(std::size_t) {
        if (cap_) not_a_number("array");
        if (stack_.empty()) fail("the top level must be a JSON object, got array");
        // layers[i].weights or layers[i].biases: stream it.
        if (stack_.size() == 3 && stack_[0].name.empty() && stack_[1].name == "layers" &&
            stack_[2].node->is_object() && (key_ == "weights" || key_ == "biases")) {
            begin_capture(stack_[1].node->size() - 1, key_ == "weights");
            return true;
        }
        push(add(json::array()), "array");
        return true;
    }
    bool end_array() {
        if (cap_) {
            cap_ = nullptr;
            return true;
        }
        stack_.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const json::exception& e) {
        std::string w = e.what();
        size_t p = w.find("] ");
        if (p != std::string::npos) w = w.substr(p + 2);
        fail("invalid JSON at byte " + std::to_string(position) + ": " + w);
    }

private:
    struct Frame {
        json* node;
        std::string name;  // "layers", "[3]", "weights": this container's place in its parent
    };
    std::vector<Frame> stack_;
    std::string key_;
    bool root_set_ = false;
    size_t values_ = 0;
    // The array being streamed.
    std::vector<float>* cap_ = nullptr;
    std::string cap_path_, cap_arith_;
    size_t cap_limit_ = 0;
    bool cap_known_ = false;
    size_t captured_ = 0;  // numbers in every captured array so far

    std::string path() const {
        std::string p;
        for (size_t i = 1; i < stack_.size(); ++i)
            p += (stack_[i].name[0] == '[' || p.empty() ? "" : ".") + stack_[i].name;
        if (!stack_.empty() && stack_.back().node->is_object())
            p += (p.empty() ? "" : ".") + key_;
        else if (!stack_.empty())
            p += "[" + std::to_string(stack_.back().node->size()) + "]";
        return p;
    }

    json* add(json&& v) {
        if (++values_ > kMaxOtherValues)
            fail("the file holds more than " + format_thousands(int64_t(kMaxOtherValues)) +
                 " values outside the layers' weights and biases (at '" + path() +
                 "'); is this an nnplay model file?");
        if (stack_.empty()) {
            root = std::move(v);
            root_set_ = true;
            return &root;
        }
        json& top = *stack_.back().node;
        if (top.is_object()) {
            json& slot = top[key_];
            slot = std::move(v);
            return &slot;
        }
        top.push_back(std::move(v));
        return &top.back();
    }
    void push(json* node, const char*) {
        std::string name;
        if (!stack_.empty())
            name = stack_.back().node->is_object() ? key_
                                                   : "[" + std::to_string(stack_.back().node->size() - 1) + "]";
        stack_.push_back({node, name});
    }
    bool scalar(json&& v, const char* type) {
        if (cap_) not_a_number(type);
        if (stack_.empty()) {
            if (root_set_) fail("invalid JSON: more than one value");
            fail(std::string("the top level must be a JSON object, got ") + type);
        }
        add(std::move(v));
        return true;
    }
    void check_text(const std::string& v) {
        if (v.size() > kMaxModelTextBytes)
            fail("field '" + path() + "' is a string of " + format_thousands(int64_t(v.size())) +
                 " bytes; the limit is " + format_thousands(int64_t(kMaxModelTextBytes)));
    }

    // An integer field already read (inputs, layers[l].units), if it is a valid width.
    static int64_t width_of(const json& obj, const char* key) {
        if (!obj.is_object()) return 0;
        auto it = obj.find(key);
        if (it == obj.end() || !it->is_number_integer()) return 0;
        if (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t(kMaxTrainWidth)) return 0;
        int64_t v = it->get<int64_t>();
        return v >= 1 && v <= kMaxTrainWidth ? v : 0;
    }

    void begin_capture(size_t layer, bool is_weights) {
        add(json::array());  // the placeholder: the field exists and is an array
        cap_ = &(is_weights ? weights : biases)[layer];
        cap_->clear();
        cap_path_ = "layers[" + std::to_string(layer) + "]." + (is_weights ? "weights" : "biases");
        // The count the architecture declares, when the fields it depends on came first
        // (the writer puts inputs and units before the weights).
        const json& layers = *stack_[1].node;
        int64_t in = layer == 0 ? width_of(root, "inputs") : width_of(layers[layer - 1], "units");
        int64_t units = width_of(layers[layer], "units");
        cap_known_ = units > 0 && (!is_weights || in > 0);
        cap_arith_.clear();
        if (cap_known_) {
            cap_limit_ = size_t(is_weights ? in * units : units);
            if (is_weights) cap_arith_ = " (" + std::to_string(in) + " × " + std::to_string(units) + ")";
        } else {
            cap_limit_ = size_t(kMaxTrainParams);
        }
    }
    bool take(float f, const json::string_t* token, double d) {
        if (!std::isfinite(f))
            fail("field '" + cap_path_ + "[" + std::to_string(cap_->size()) + "]' is " +
                 (std::isfinite(d) ? json(d).dump() : *token) + ", outside the float32 range");
        if (cap_->size() >= cap_limit_) {
            if (cap_known_)
                fail("field '" + cap_path_ + "' must have " + std::to_string(cap_limit_) + " numbers" +
                     cap_arith_ + ", got more (reading stopped at number " +
                     format_thousands(int64_t(cap_limit_) + 1) + ")");
            fail("field '" + cap_path_ + "' has more than " + format_thousands(kMaxTrainParams) +
                 " numbers; the limit is " + format_thousands(kMaxTrainParams) + " parameters");
        }
        if (++captured_ > size_t(kMaxTrainParams))
            fail("the layers' weights and biases hold more than " + format_thousands(kMaxTrainParams) +
                 " numbers; the limit is " + format_thousands(kMaxTrainParams) + " parameters (at '" +
                 cap_path_ + "')");
        cap_->push_back(f);
        return true;
    }
    [[noreturn]] void not_a_number(const char* type) {
        fail("field '" + cap_path_ + "[" + std::to_string(cap_->size()) + "]' must be a number, got " + type);
    }
};

// The streamed numbers of one layer's field, checked against the count the architecture needs.
std::vector<float> take_floats(std::map<size_t, std::vector<float>>& from, size_t layer,
                               const std::string& path, size_t n, const std::string& arith) {
    std::vector<float>& v = from[layer];
    if (v.size() != n)
        fail("field '" + path + "' must have " + std::to_string(n) + " numbers" +
             (arith.empty() ? "" : " (" + arith + ")") + ", got " + std::to_string(v.size()));
    return std::move(v);
}

}  // namespace

std::string model_to_json(const ModelFile& m) {
    // The reader's limits, so that every file written here loads again.
    for (size_t i = 0; i < m.features.size(); ++i)
        if (m.features[i].size() > kMaxNameBytes)
            throw Error("features[" + std::to_string(i) + "] " + nn::quoted(m.features[i]) + " is " +
                        format_thousands(int64_t(m.features[i].size())) + " bytes; the limit is " +
                        format_thousands(int64_t(kMaxNameBytes)));
    for (const auto& [name, text] : {std::pair<const char*, const std::string*>{"dataset", &m.dataset},
                                     {"init", &m.init}})
        if (text->size() > kMaxModelTextBytes)
            throw Error(std::string(name) + " is " + format_thousands(int64_t(text->size())) +
                        " bytes; the limit is " + format_thousands(int64_t(kMaxModelTextBytes)));
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
        // JSON has no NaN or infinity: such a number is refused by name, not written as "nan"
        // (a file that would not load again)
        auto numbers = [&](const std::vector<std::vector<float>>& all, const char* field) {
            if (l >= all.size()) return;
            for (size_t i = 0; i < all[l].size(); ++i) {
                if (!std::isfinite(all[l][i]))
                    throw Error("layers[" + std::to_string(l) + "]." + field + "[" + std::to_string(i) +
                                "] is " + (std::isnan(all[l][i]) ? "NaN" : "infinite") +
                                "; a model file holds finite numbers only");
                if (i) o += ',';
                append_float(o, all[l][i]);
            }
        };
        numbers(m.weights, "weights");
        o += "],\n     \"biases\": [";
        numbers(m.biases, "biases");
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
    check_not_utf16(text, "model");
    check_depth(text);
    ModelReader reader;
    try {
        json::sax_parse(text.begin(), text.end(), &reader);
    } catch (const Error&) {
        throw;
    } catch (const json::exception& e) {
        fail(std::string("invalid JSON: ") + e.what());
    }
    json& j = reader.root;
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
        if (it->size() > size_t(kMaxTrainWidth))
            fail("field 'features' has " + format_thousands(int64_t(it->size())) +
                 " names; a network has at most " + format_thousands(kMaxTrainWidth) + " inputs");
        for (size_t i = 0; i < it->size(); ++i) {
            std::string p = "features[" + std::to_string(i) + "]";
            m.features.push_back(get_string((*it)[i], p));
            if (m.features.back().size() > kMaxNameBytes)
                fail("field '" + p + "' is " + format_thousands(int64_t(m.features.back().size())) +
                     " bytes; a name is at most " + format_thousands(int64_t(kMaxNameBytes)));
        }
        if (!m.features.empty() && int64_t(m.features.size()) != m.arch.inputs)
            fail("field 'features' must name all " + std::to_string(m.arch.inputs) +
                 " inputs (or be empty), got " + std::to_string(m.features.size()));
    }

    const json& layers = field(j, "layers", "layers");
    expect(layers, layers.is_array(), "layers", "an array");
    if (layers.empty()) fail("field 'layers' must hold at least one layer (the output layer)");
    if (layers.size() > size_t(kMaxLayers))
        fail("field 'layers' has " + std::to_string(layers.size()) + " layers; the limit is " +
             std::to_string(kMaxLayers));
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
        const json& w = field(L, "weights", p + ".weights");
        expect(w, w.is_array(), p + ".weights", "an array of numbers");
        m.weights.push_back(take_floats(reader.weights, l, p + ".weights", n,
                                        std::to_string(in) + " × " + std::to_string(s.units)));
        auto b = L.find("biases");
        if (b != L.end()) expect(*b, b->is_array(), p + ".biases", "an array of numbers");
        if (s.bias) {
            field(L, "biases", p + ".biases");
            m.biases.push_back(take_floats(reader.biases, l, p + ".biases", size_t(s.units), ""));
        } else if (b != L.end()) {
            m.biases.push_back(take_floats(reader.biases, l, p + ".biases", 0, "the layer has no bias"));
        } else {
            m.biases.emplace_back();
        }
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
            m.init = get_string(*v, path("init"));  // at most kMaxModelTextBytes (ModelReader)
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
