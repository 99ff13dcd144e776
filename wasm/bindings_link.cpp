// Embind bindings for the core's shared rules and the page's link settings (core/rules.h,
// core/link_settings.h): convert, call, translate errors. The JS wrapper is the "link"
// section of web/lib/nnplay.mjs.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "error.h"
#include "grid.h"
#include "guard.h"
#include "link_convert.h"
#include "link_settings.h"
#include "rules.h"

using emscripten::val;

namespace nnwasm {

nn::PageSettings settings_of(const val& obj) {
    nn::PageSettings s;
    if (obj.isUndefined() || obj.isNull()) return s;
    const val text = val::global("String");
    for (const auto& spec : nn::link_settings_table())
        if (obj.hasOwnProperty(spec.key.c_str())) s.set(spec.key, text(obj[spec.key]).as<std::string>());
    return s;
}

val settings_val(const nn::PageSettings& s) {
    using T = nn::SettingType;
    val o = val::object();
    for (const auto& spec : nn::link_settings_table()) {
        const char* k = spec.key.c_str();
        switch (spec.type) {
            case T::flag: o.set(k, s.flag(k)); break;
            case T::integer:
            case T::number: o.set(k, s.number(k)); break;
            case T::widths: {
                val a = val::array();
                for (int64_t w : s.widths(k)) a.call<void>("push", double(w));
                o.set(k, a);
                break;
            }
            case T::activations:
            case T::hide: {
                val a = val::array();
                for (const auto& x : s.list(k)) a.call<void>("push", x);
                o.set(k, a);
                break;
            }
            default: o.set(k, s.text(k));
        }
    }
    return o;
}

}  // namespace nnwasm

namespace {

using nnwasm::guard;
using nnwasm::settings_of;
using nnwasm::settings_val;

val strings(const std::vector<std::string>& v) {
    val a = val::array();
    for (const auto& s : v) a.call<void>("push", s);
    return a;
}

// The table for building controls: [{key, type, group, default, min, max, exclusiveMin,
// values, aliases}], defaults typed as settings are.
val link_table() {
    return guard([] {
        static const char* types[] = {"enum", "bool", "int", "num", "seed", "widths", "acts", "hide"};
        const val defaults = settings_val(nn::PageSettings());
        val out = val::array();
        for (const auto& s : nn::link_settings_table()) {
            val o = val::object();
            o.set("key", s.key);
            o.set("type", std::string(types[int(s.type)]));
            o.set("group", std::string(nn::setting_group_name(s.group)));
            o.set("default", defaults[s.key]);
            // type names as the page's controls have always used them
            if (s.type == nn::SettingType::integer || s.type == nn::SettingType::number ||
                s.type == nn::SettingType::widths) {
                o.set("min", s.min);
                o.set("max", s.max);
                o.set("exclusiveMin", s.exclusive_min);
            }
            if (!s.values.empty()) o.set("values", strings(s.values));
            if (s.max_items) o.set("maxItems", s.max_items);
            if (!s.feature.empty()) o.set("feature", s.feature);
            if (!s.aliases.empty()) {
                val a = val::object();
                for (const auto& p : s.aliases) a.set(p.first, p.second);
                o.set("aliases", a);
            }
            out.call<void>("push", o);
        }
        return out;
    });
}

// {settings, errors}; base: a settings object or undefined (the defaults).
val link_parse(std::string hash, val base) {
    return guard([&] {
        nn::LinkParse p = nn::parse_link(hash, settings_of(base));
        val o = val::object();
        o.set("settings", settings_val(p.settings));
        o.set("errors", strings(p.errors));
        return o;
    });
}

std::string link_of(val settings) {
    return guard([&] { return nn::link_of(settings_of(settings)); });
}

// A control's change: {settings} or {error} (the settings that were current stay so).
val link_update(val settings, val patch) {
    return guard([&] {
        val o = val::object();
        const nn::PageSettings s = settings_of(settings);
        std::vector<std::pair<std::string, std::string>> kv;
        const val text = val::global("String");
        const val keys = val::global("Object").call<val>("keys", patch);
        const auto n = keys["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) {
            const std::string k = keys[i].as<std::string>();
            kv.emplace_back(k, text(patch[k]).as<std::string>());
        }
        try {
            o.set("settings", settings_val(nn::apply_patch(s, kv)));
        } catch (const nn::Error& e) {
            o.set("error", std::string(e.what()));
        }
        return o;
    });
}

val link_change_level(val a, val b) {
    return guard([&] {
        const char* l = nn::change_level(settings_of(a), settings_of(b));
        return l ? val(std::string(l)) : val::null();
    });
}

// What the settings train, for data with `classes` classes and `inputs` inputs (negative:
// the generated data's): {dataset: makeDataset's name and options, network: a NetworkSpec,
// train: trainEpochs' options}. Seeds stay texts; every binding maps them with
// seed_from_text, so the values here are the core's, passed through unchanged.
val link_run(val settings, double classes_d, double inputs_d) {
    return guard([&] {
        const nn::PageSettings s = settings_of(settings);
        const int classes = classes_d < 0 ? nn::page_classes(s) : int(classes_d);
        const auto features = nn::page_features(s);
        const size_t inputs = inputs_d < 0 ? features.size() : size_t(inputs_d);
        const bool regression = s.text("problem") == "regression";
        val d = val::object();
        d.set("name", regression ? s.text("regDataset") : s.text("dataset"));
        d.set("noise", s.number("noise") / 100);
        d.set("classes", s.text("dataset") == "blobs" && !regression ? s.number("classes") : 3.0);
        d.set("samples", 0);
        d.set("seed", s.text("seed"));
        d.set("trainRatio", s.number("percTrainData") / 100);
        val f = val::array();
        for (auto x : features) f.call<void>("push", std::string(nn::feature_name(x)));
        d.set("features", f);
        d.set("dataClasses", nn::page_classes(s));  // of the generated data; 0 = regression
        d.set("images", nn::page_images(s));
        // tfMode: TF Playground's data from the seed text (makeDataset's tfSeed)
        d.set("tfSeed", s.flag("tfMode") ? s.text("seed") : std::string());
        d.set("tfData", nn::page_tf_data(s));  // TF Playground has this data set (tfMode can apply)

        const nn::PageNetwork pn = nn::page_network(s, classes, inputs);
        val net = val::object();
        net.set("inputs", double(pn.arch.inputs));
        val layers = val::array();
        for (const auto& l : pn.arch.layers) {
            val o = val::object();
            o.set("units", double(l.units));
            o.set("activation", std::string(nn::activation_name(l.activation)));
            o.set("bias", l.bias);
            layers.call<void>("push", o);
        }
        net.set("layers", layers);
        net.set("loss", std::string(nn::loss_name(pn.loss)));
        net.set("init", std::string(nn::init_name(pn.init)));
        net.set("seed", s.text("seed"));
        if (!pn.tf_seed.empty()) {  // TF's weights, after the draws its data took
            net.set("tfSeed", pn.tf_seed);
            net.set("tfSkip", double(pn.tf_skip));
        }

        const nn::TrainOptions t = nn::page_train_options(s);
        val tr = val::object();
        tr.set("optimizer", std::string(nn::optimizer_name(t.optimizer.kind)));
        tr.set("lr", t.optimizer.lr);
        tr.set("batchSize", double(t.batch_size));
        tr.set("l1", t.optimizer.l1);
        tr.set("l2", t.optimizer.l2);
        tr.set("momentum", t.optimizer.momentum);
        tr.set("seed", s.text("seed"));
        tr.set("order", std::string(nn::row_order_name(t.order)));

        val o = val::object();
        o.set("dataset", d);
        o.set("network", net);
        o.set("train", tr);
        return o;
    });
}

// Feature maps without a network (the page's unused-input pictures): (features, res²).
val feature_grid(val features, double resolution) {
    return guard([&] {
        nn::GridSpec s;
        s.resolution = int(resolution);
        const auto n = features["length"].as<unsigned>();
        std::string joined;
        for (unsigned i = 0; i < n; ++i) joined += (i ? "," : "") + features[i].as<std::string>();
        if (n) s.features = nn::parse_features(joined);
        const std::vector<float> v = nn::feature_grid(s);
        return val::global("Float32Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
    });
}

val output_layer(double classes, std::string loss) {
    return guard([&] {
        const nn::LayerSpec l = nn::output_layer(int(classes), nn::parse_loss(loss));
        val o = val::object();
        o.set("units", double(l.units));
        o.set("activation", std::string(nn::activation_name(l.activation)));
        return o;
    });
}
std::string default_loss(double classes) { return nn::loss_name(nn::default_loss(int(classes))); }
// Decimal text: a hashed seed needs all 64 bits (the wrapper makes it a BigInt).
std::string seed_from_text(std::string text) {
    return guard([&] { return std::to_string(nn::seed_from_text(text)); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay_link) {
    using namespace emscripten;
    function("linkTable", &link_table);
    function("linkParse", &link_parse);
    function("linkOf", &link_of);
    function("linkUpdate", &link_update);
    function("linkChangeLevel", &link_change_level);
    function("linkRun", &link_run);
    function("outputLayer", &output_layer);
    function("featureGrid", &feature_grid);
    function("defaultLoss", &default_loss);
    function("seedFromText", &seed_from_text);
}
