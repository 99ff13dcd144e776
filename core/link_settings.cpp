// The page's settings table and its URL round trip (see link_settings.h). Values are held
// as canonical text so that parse → write → parse is the identity and two settings compare
// by text, as the link does.
#include "link_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include "error.h"
#include "rules.h"
#include "tf_playground.h"

namespace nn {
namespace {

using T = SettingType;
using G = SettingGroup;

SettingSpec make(const char* key, T type, G g, const char* def) {
    SettingSpec s;
    s.key = key;
    s.type = type;
    s.group = g;
    s.default_text = def;
    return s;
}
SettingSpec choice(const char* key, G g, std::vector<std::string> values, const char* def,
                   std::vector<std::pair<std::string, std::string>> aliases = {}) {
    SettingSpec s = make(key, T::choice, g, def);
    s.values = std::move(values);
    s.aliases = std::move(aliases);
    return s;
}
SettingSpec integer(const char* key, G g, double lo, double hi, const char* def) {
    SettingSpec s = make(key, T::integer, g, def);
    s.min = lo;
    s.max = hi;
    return s;
}
SettingSpec number(const char* key, G g, double lo, double hi, const char* def, bool excl = false) {
    SettingSpec s = make(key, T::number, g, def);
    s.min = lo;
    s.max = hi;
    s.exclusive_min = excl;
    return s;
}
SettingSpec flag(const char* key, G g, bool def) { return make(key, T::flag, g, def ? "true" : "false"); }

const std::vector<std::pair<const char*, Feature>>& feature_keys() {
    static const std::vector<std::pair<const char*, Feature>> k = {
        {"x", Feature::x1},          {"y", Feature::x2},        {"xSquared", Feature::x1sq},
        {"ySquared", Feature::x2sq}, {"xTimesY", Feature::x1x2}, {"sinX", Feature::sinx1},
        {"sinY", Feature::sinx2}};
    return k;
}

// The table: TF Playground's keys and defaults where it has them (state.ts), then ours.
const std::vector<SettingSpec>& table() {
    static const std::vector<SettingSpec> t = [] {
        const std::vector<std::string> acts = {"tanh",   "relu", "leaky_relu", "sigmoid",
                                               "linear", "gelu", "swish"};
        std::vector<SettingSpec> v;
        v.push_back(choice("problem", G::data, {"classification", "regression"}, "classification"));
        v.push_back(choice("dataset", G::data, {"circle", "xor", "gauss", "spiral", "blobs", "digits", "fashion"}, "circle"));
        v.push_back(choice("regDataset", G::data, {"plane", "multigauss"}, "plane",
                           {{"reg-plane", "plane"}, {"reg-gauss", "multigauss"}}));
        v.push_back(integer("classes", G::data, 2, 8, "3"));  // blobs only
        v.push_back(integer("noise", G::data, 0, 50, "0"));   // percent, TF's slider
        v.push_back(integer("percTrainData", G::data, 10, 90, "50"));
        v.push_back(make("seed", T::seed, G::data, "1"));
        // Train as TF Playground does: its seedrandom data, initial weights and row order
        // (tf_playground.h). A link without the key decides it by its keys (tf_link_signature).
        v.push_back(flag("tfMode", G::data, false));
        // TF Playground's feature keys, in its order (page_features reads them in this order).
        for (const auto& f : feature_keys()) {
            v.push_back(flag(f.first, G::data, f.second == Feature::x1 || f.second == Feature::x2));
            v.back().feature = feature_name(f.second);
        }
        SettingSpec shape = make("networkShape", T::widths, G::net, "4,2");
        shape.min = 1;
        shape.max = kMaxPageWidth;
        shape.max_items = kMaxPageLayers;
        v.push_back(shape);
        v.push_back(choice("activation", G::net, acts, "tanh"));
        SettingSpec per_layer = make("activations", T::activations, G::net, "");  // "" = all `activation`
        per_layer.values = acts;
        per_layer.max_items = kMaxPageLayers;
        v.push_back(per_layer);
        v.push_back(choice("loss", G::net, {"half_mse", "bce", "softmax_ce"}, "half_mse"));
        v.push_back(choice("init", G::net,
                           {"playground", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
                            "lecun_uniform", "lecun_normal", "zeros"},
                           "playground"));
        v.push_back(flag("initZero", G::net, false));
        v.push_back(number("learningRate", G::train, 0, 10, "0.03", true));
        v.push_back(integer("batchSize", G::train, 1, 1000, "10"));
        v.push_back(choice("regularization", G::train, {"none", "L1", "L2"}, "none"));
        v.push_back(number("regularizationRate", G::train, 0, 10, "0"));
        v.push_back(choice("optimizer", G::train, {"sgd", "momentum", "adam"}, "sgd"));
        v.push_back(choice("speed", G::train, {"1", "10", "100", "max"}, "1"));  // epochs per frame
        v.push_back(flag("showTestData", G::view, false));
        v.push_back(flag("discretize", G::view, false));
        v.push_back(choice("precision", G::view, {"fp32", "fp16", "int8", "int4"}, "fp32"));
        v.push_back(flag("hideText", G::view, false));
        v.push_back(make("hide", T::hide, G::view, ""));  // from TF's `<key>_hide=true` flags
        return v;
    }();
    return t;
}

// TF Playground keys that we read but have no use for; they never raise a message.
const std::set<std::string>& ignored() {
    static const std::set<std::string> s = {"collectStats", "tutorial", "stepButton", "cosX", "cosY",
                                            "playButton",   "problem_hide", "numHiddenLayers"};
    return s;
}

// Keys TF Playground's page writes into every link it makes (state.ts serialize(): each
// property with a value; `regularization` is left out when it is none). A link that carries
// all of them and none of nnplay's own keys was copied from TF Playground.
const std::vector<const char*>& tf_signature() {
    static const std::vector<const char*> k = {
        "activation", "batchSize", "dataset", "regDataset", "learningRate", "regularizationRate",
        "noise", "networkShape", "seed", "percTrainData", "x", "y", "problem"};
    return k;
}
// Keys only nnplay writes (TF Playground has no such setting).
const std::vector<const char*>& nnplay_only() {
    static const std::vector<const char*> k = {"classes", "activations", "loss", "init", "optimizer",
                                               "speed", "precision", "tfMode"};
    return k;
}

size_t index_of(std::string_view key) {
    const auto& t = table();
    for (size_t i = 0; i < t.size(); ++i)
        if (t[i].key == key) return i;
    return t.size();
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            out.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

// A plain decimal: [+-] digits [. digits] [e [+-] digits]. "", " 1", "0x10", "NaN" fail.
bool parse_decimal(std::string_view t, double& out) {
    size_t i = 0, n = t.size();
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    size_t int_digits = 0, frac_digits = 0;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++int_digits;
    if (i < n && t[i] == '.') {
        ++i;
        while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++frac_digits;
    }
    if (int_digits + frac_digits == 0) return false;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        size_t exp_digits = 0;
        while (i < n && t[i] >= '0' && t[i] <= '9') ++i, ++exp_digits;
        if (exp_digits == 0) return false;
    }
    if (i != n) return false;
    out = std::strtod(std::string(t).c_str(), nullptr);
    return std::isfinite(out);
}

// The shortest text that reads back as the same double; whole numbers without an exponent
// ("50", not "5e+01"), exponents without padding ("1e-5").
std::string format_number(double v) {
    char buf[48];
    if (v == std::floor(v) && std::fabs(v) < 1e21) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    for (int p = 1; p <= 17; ++p) {
        std::snprintf(buf, sizeof buf, "%.*g", p, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::string t = buf;
    const size_t e = t.find('e');
    if (e != std::string::npos) {
        size_t d = e + 2;  // after the exponent's sign
        while (d + 1 < t.size() && t[d] == '0') t.erase(d, 1);
        if (t[e + 1] == '+') t.erase(e + 1, 1);
    }
    return t;
}

std::string range_text(const SettingSpec& s) {
    return std::string(s.exclusive_min ? "above " : "from ") + format_number(s.min) + " to " +
           format_number(s.max);
}

// Canonical text of `text` for `s`, or throws nn::Error "key: 'text' why".
std::string canonical(const SettingSpec& s, std::string_view text) {
    auto bad = [&](const std::string& why) -> Error {
        return Error(s.key + ": " + quoted(text) + " " + why);
    };
    switch (s.type) {
        case T::choice: {
            std::string v(text);
            for (const auto& a : s.aliases)
                if (a.first == v) v = a.second;
            if (std::find(s.values.begin(), s.values.end(), v) == s.values.end())
                throw bad("is not one of " + join(s.values));
            return v;
        }
        case T::flag:
            if (text == "true" || text == "1") return "true";
            if (text == "false" || text == "0") return "false";
            throw bad("is not true or false");
        case T::integer:
        case T::number: {
            double v;
            if (!parse_decimal(text, v)) throw bad("is not a number");
            if (s.type == T::integer && v != std::floor(v)) throw bad("is not a whole number");
            if (v < s.min || v > s.max || (s.exclusive_min && v == s.min))
                throw bad("is out of range (" + range_text(s) + ")");
            return format_number(v);
        }
        case T::seed:
            seed_from_text(text);  // its message names the seed and what is allowed
            return std::string(text);
        case T::widths: {
            if (trim(text).empty()) return "";  // TF: no hidden layers
            auto parts = split(text, ',');
            if (parts.size() > size_t(kMaxPageLayers))
                throw bad("has " + std::to_string(parts.size()) + " hidden layers; at most " +
                          std::to_string(kMaxPageLayers));
            std::vector<std::string> out;
            for (size_t i = 0; i < parts.size(); ++i) {
                double v;
                const std::string p = trim(parts[i]);
                const std::string layer = "layer " + std::to_string(i + 1) + ": ";
                if (!parse_decimal(p, v) || v != std::floor(v))
                    throw bad(layer + quoted(parts[i]) + " is not a whole number");
                if (v < 1 || v > kMaxPageWidth)
                    throw bad(layer + format_number(v) + " neurons; allowed 1 to " +
                              std::to_string(kMaxPageWidth));
                out.push_back(format_number(v));
            }
            return join(out, ",");
        }
        case T::activations: {
            if (trim(text).empty()) return "";
            auto parts = split(text, ',');
            if (parts.size() > size_t(kMaxPageLayers))
                throw bad("lists " + std::to_string(parts.size()) + " layers; at most " +
                          std::to_string(kMaxPageLayers));
            for (size_t i = 0; i < parts.size(); ++i)
                if (std::find(s.values.begin(), s.values.end(), parts[i]) == s.values.end())
                    throw bad("layer " + std::to_string(i + 1) + ": " + quoted(parts[i]) +
                              " is not one of " + join(s.values));
            return std::string(text);
        }
        case T::hide: {
            // Comma-separated setting keys, sorted and unique.
            std::set<std::string> keys;
            if (!trim(text).empty())
                for (const auto& k : split(text, ',')) {
                    if (index_of(k) == table().size() && !ignored().count(k + "_hide"))
                        throw bad("names " + quoted(k) + ", which is not a setting");
                    keys.insert(k);
                }
            return join(std::vector<std::string>(keys.begin(), keys.end()), ",");
        }
    }
    throw bad("cannot be set");
}

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool valid_utf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
        if (extra == 4 || i + extra >= s.size()) return false;  // not a lead byte, or cut short
        for (size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    return true;
}

// decodeURIComponent (with '+' → ' ' where asked): false for a broken %-escape or bytes that
// are not UTF-8, where the browser throws URIError.
bool decode_component(std::string_view in, bool plus_is_space, std::string& out) {
    out.clear();
    for (size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return false;
            const int h = hex(in[i + 1]), l = hex(in[i + 2]);
            if (h < 0 || l < 0) return false;
            out += char(h * 16 + l);
            i += 2;
        } else {
            out += c == '+' && plus_is_space ? ' ' : c;
        }
    }
    return valid_utf8(out);
}

// encodeURIComponent: everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) is %-escaped.
std::string encode_component(std::string_view in) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (char ch : in) {
        const unsigned char c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           std::string_view("-_.!~*'()").find(char(c)) != std::string_view::npos;
        if (plain) out += char(c);
        else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

// What choosing an image set sets, unless the link or the patch says otherwise: the
// 784-256-128-64-10 network with settings that pass 95% test accuracy within a few epochs
// (the digits helper measured 95.0% after 3 epochs natively; bench/digits.mjs measures the page).
const std::vector<std::pair<const char*, const char*>>& image_defaults() {
    static const std::vector<std::pair<const char*, const char*>> d = {
        {"networkShape", "256,128,64"}, {"activation", "relu"},  {"activations", ""},
        {"loss", "softmax_ce"},         {"init", "he_uniform"},  {"initZero", "false"},
        {"optimizer", "adam"},          {"learningRate", "0.002"}, {"batchSize", "128"},
        {"percTrainData", "80"},        {"regularization", "none"}, {"regularizationRate", "0"}};
    return d;
}

size_t index_checked(std::string_view key) {
    const size_t i = index_of(key);
    if (i == table().size()) throw Error("unknown setting " + quoted(key));
    return i;
}

}  // namespace

const std::vector<SettingSpec>& link_settings_table() { return table(); }

const char* setting_group_name(SettingGroup g) {
    switch (g) {
        case G::data: return "data";
        case G::net: return "net";
        case G::train: return "train";
        case G::view: return "view";
    }
    return "?";
}

PageSettings::PageSettings() {
    for (const auto& s : table()) values_.push_back(s.default_text);
}

const std::string& PageSettings::text(std::string_view key) const { return values_[index_checked(key)]; }

double PageSettings::number(std::string_view key) const {
    const size_t i = index_checked(key);
    const T t = table()[i].type;
    if (t != T::integer && t != T::number) throw Error("setting " + quoted(key) + " is not a number");
    return std::strtod(values_[i].c_str(), nullptr);
}

bool PageSettings::flag(std::string_view key) const {
    const size_t i = index_checked(key);
    if (table()[i].type != T::flag) throw Error("setting " + quoted(key) + " is not true or false");
    return values_[i] == "true";
}

std::vector<int64_t> PageSettings::widths(std::string_view key) const {
    const size_t i = index_checked(key);
    if (table()[i].type != T::widths) throw Error("setting " + quoted(key) + " is not a list of widths");
    std::vector<int64_t> out;
    if (!values_[i].empty())
        for (const auto& p : split(values_[i], ',')) out.push_back(std::strtoll(p.c_str(), nullptr, 10));
    return out;
}

std::vector<std::string> PageSettings::list(std::string_view key) const {
    const std::string& v = values_[index_checked(key)];
    return v.empty() ? std::vector<std::string>() : split(v, ',');
}

void PageSettings::set(std::string_view key, std::string_view text) {
    const size_t i = index_checked(key);
    values_[i] = canonical(table()[i], text);
}

std::vector<std::string> check_settings(const PageSettings& s) {
    std::vector<std::string> errors;
    if (page_features(s).empty() && !page_images(s)) errors.push_back("select at least one input feature");
    try {
        output_layer(page_classes(s), parse_loss(s.text("loss")));
    } catch (const Error& e) {
        errors.push_back(e.what());
    }
    if (s.flag("tfMode") && !page_tf_data(s))
        errors.push_back("tfMode: TF Playground has no dataset " +
                         quoted(s.text("problem") == "regression" ? s.text("regDataset") : s.text("dataset")) +
                         "; with tfMode=true use one of " + tf_dataset_names_list());
    const size_t acts = s.list("activations").size(), layers = s.widths("networkShape").size();
    if (acts > layers)
        errors.push_back("activations lists " + std::to_string(acts) + " layers but networkShape has " +
                         std::to_string(layers));
    return errors;
}

LinkParse parse_link(std::string_view hash, const PageSettings& base) {
    if (!hash.empty() && hash[0] == '#') hash.remove_prefix(1);
    if (hash.size() > kMaxLinkChars)
        return {base, {"the link is too long (over 4,096 characters); settings kept"}};
    LinkParse r;
    std::set<std::string> seen, hide;
    bool has_loss = false;
    for (const std::string& pair : split(hash, '&')) {
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        std::string key, value;
        if (!decode_component(std::string_view(pair).substr(0, eq), false, key) ||
            (eq != std::string::npos && !decode_component(std::string_view(pair).substr(eq + 1), true, value))) {
            r.errors.push_back("malformed text in the link: " + quoted(pair));
            continue;
        }
        if (seen.count(key)) r.errors.push_back(quoted(key) + " appears twice in the link; the last value is used");
        seen.insert(key);
        if (key.size() > 5 && key.compare(key.size() - 5, 5, "_hide") == 0) {
            const std::string target = key.substr(0, key.size() - 5);
            if (index_of(target) == table().size() && !ignored().count(key)) {
                r.errors.push_back("unknown setting " + quoted(key) + " ignored");
                continue;
            }
            if (value == "true") hide.insert(target);
            else hide.erase(target);
            continue;
        }
        if (ignored().count(key)) {
            if ((key == "cosX" || key == "cosY") && value == "true")
                r.errors.push_back(key + ": cosine features are not available; ignored");
            continue;
        }
        const size_t i = index_of(key);
        if (i == table().size() || table()[i].type == T::hide) {
            r.errors.push_back("unknown setting " + quoted(key) + " ignored");
            continue;
        }
        try {
            r.settings.set(key, value);
        } catch (const Error& e) {
            r.errors.push_back(std::string(e.what()) + "; kept " + quoted(base.text(key)));
            r.settings.set(key, base.text(key));
        }
        if (key == "loss") has_loss = true;
    }
    std::vector<std::string> hidden(hide.begin(), hide.end());
    r.settings.set("hide", join(hidden, ","));
    // `#dataset=digits` alone builds the digits network: keys the link leaves out take the
    // image defaults.
    if (page_images(r.settings))
        for (const auto& d : image_defaults())
            if (!seen.count(d.first)) {
                r.settings.set(d.first, d.second);
                if (std::string(d.first) == "loss") has_loss = true;
            }
    if (!has_loss) r.settings.set("loss", loss_name(default_loss(page_classes(r.settings))));
    if (!seen.count("tfMode")) r.settings.set("tfMode", tf_link_signature(seen) ? "true" : "false");
    const auto problems = check_settings(r.settings);
    if (!problems.empty()) {
        for (const auto& p : problems) r.errors.push_back(p + "; the link was not applied");
        r.settings = base;
    }
    return r;
}

std::string link_of(const PageSettings& s) {
    std::string out = "#";
    for (const auto& spec : table()) {
        if (spec.type == T::hide) continue;
        out += (out.size() > 1 ? "&" : "") + spec.key + "=" + encode_component(s.text(spec.key));
    }
    for (const auto& h : s.list("hide")) out += "&" + h + "_hide=true";
    return out;
}

PageSettings apply_patch(const PageSettings& s, const std::vector<std::pair<std::string, std::string>>& patch) {
    PageSettings next = s;
    // Choosing an image set brings its network and training defaults; leaving it brings the
    // playground's back (a 784-input network's settings make no sense for 2-D points).
    PageSettings probe = s;
    bool moves = false;
    for (const auto& kv : patch)
        if (kv.first == "dataset" || kv.first == "problem") {
            probe.set(kv.first, kv.second);
            moves = true;
        }
    if (moves && page_images(probe) != page_images(s)) {
        const PageSettings defaults;
        for (const auto& d : image_defaults())
            next.set(d.first, page_images(probe) ? std::string(d.second) : defaults.text(d.first));
    }
    bool sets_tf = false;
    for (const auto& kv : patch) {
        next.set(kv.first, kv.second);
        sets_tf = sets_tf || kv.first == "tfMode";
    }
    // Choosing data TF Playground does not have leaves its mode (unless the patch asks for both,
    // which check_settings then refuses by name).
    if (moves && !sets_tf && next.flag("tfMode") && !page_tf_data(next)) next.set("tfMode", "false");
    const auto problems = check_settings(next);
    if (!problems.empty()) throw Error(join(problems, "; "));
    return next;
}

const char* change_level(const PageSettings& a, const PageSettings& b) {
    int level = -1;
    const auto& t = table();
    for (size_t i = 0; i < t.size(); ++i)
        if (a.text(t[i].key) != b.text(t[i].key)) level = std::max(level, 3 - int(t[i].group));
    static const char* names[] = {"view", "train", "net", "data"};
    return level < 0 ? nullptr : names[level];
}

// ---- what a page link trains -------------------------------------------------------------

std::vector<Feature> page_features(const PageSettings& s) {
    std::vector<Feature> f;
    for (const auto& k : feature_keys())
        if (s.flag(k.first)) f.push_back(k.second);
    return f;
}

bool page_images(const PageSettings& s) {
    return s.text("problem") == "classification" && (s.text("dataset") == "digits" || s.text("dataset") == "fashion");
}

int page_classes(const PageSettings& s) {
    if (s.text("problem") == "regression") return 0;
    if (page_images(s)) return 10;
    return s.text("dataset") == "blobs" ? int(s.number("classes")) : 2;
}

bool tf_link_signature(const std::set<std::string>& keys) {
    for (const char* k : nnplay_only())
        if (keys.count(k)) return false;
    for (const char* k : tf_signature())
        if (!keys.count(k)) return false;
    return true;
}

bool page_tf_data(const PageSettings& s) {
    return is_tf_dataset(s.text("problem") == "regression" ? s.text("regDataset") : s.text("dataset"));
}

TfDataOptions page_tf_data_options(const PageSettings& s) {
    TfDataOptions o;
    o.name = s.text("problem") == "regression" ? s.text("regDataset") : s.text("dataset");
    o.noise = s.number("noise") / 100;
    o.perc_train = int(s.number("percTrainData"));
    o.seed = s.text("seed");
    return o;
}

Dataset page_dataset(const PageSettings& s) {
    if (page_images(s))
        throw Error("dataset digits: the page's worker loads the image file itself; on the command "
                    "line use 'nnplay train --dataset digits'");
    GenerateOptions g;
    const bool regression = s.text("problem") == "regression";
    g.name = regression ? s.text("regDataset") : s.text("dataset");
    g.noise = s.number("noise") / 100;
    if (g.name == "blobs") g.classes = int(s.number("classes"));
    g.seed = seed_from_text(s.text("seed"));
    if (s.flag("tfMode")) return tf_playground_dataset(page_tf_data_options(s), page_features(s));
    return make_dataset(generate_points(g), page_features(s), s.number("percTrainData") / 100, g.seed);
}

PageNetwork page_network(const PageSettings& s, int classes, size_t inputs) {
    PageNetwork n;
    n.arch.inputs = int64_t(inputs);
    const auto acts = s.list("activations");
    const auto widths = s.widths("networkShape");
    for (size_t i = 0; i < widths.size(); ++i)
        n.arch.layers.push_back(
            {widths[i], parse_activation(i < acts.size() ? acts[i] : s.text("activation")), true});
    n.loss = parse_loss(s.text("loss"));
    n.arch.layers.push_back(output_layer(classes, n.loss));
    n.init = s.flag("initZero") ? Init::zeros : parse_init(s.text("init"));
    n.seed = seed_from_text(s.text("seed"));
    // TF's weights continue its Math.random stream after the data (initZero: all zero, as TF)
    if (s.flag("tfMode") && n.init == Init::playground_uniform) {
        n.tf_seed = s.text("seed");
        n.tf_skip = tf_playground_draws(page_tf_data_options(s));
    }
    return n;
}

TrainOptions page_train_options(const PageSettings& s) {
    TrainOptions t;
    t.optimizer.kind = parse_optimizer(s.text("optimizer"));
    t.optimizer.lr = s.number("learningRate");
    const std::string reg = s.text("regularization");
    const double rate = s.number("regularizationRate");
    t.optimizer.l1 = reg == "L1" ? rate : 0;
    t.optimizer.l2 = reg == "L2" ? rate : 0;
    t.batch_size = int64_t(s.number("batchSize"));
    t.seed = seed_from_text(s.text("seed"));
    if (s.flag("tfMode")) t.order = RowOrder::tf_playground;
    return t;
}

}  // namespace nn
