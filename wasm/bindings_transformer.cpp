// Embind bindings for transformer accounting (issue 13): JSON text in, plain JS objects out.
// Every count leaves as a BigInt (int64 exactly); the echoed spec and options are plain
// numbers (sizes a person typed). Errors: each entry point catches and returns
// {error: message}, which web/lib/nnplay.mjs throws as a JS Error; nothing escapes as a
// C++ exception (see bindings.cpp for why).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>
#include <string>

#include "hf_config.h"
#include "json_limits.h"
#include "transformer.h"

using emscripten::val;

namespace {

// nlohmann::json, not ordered_json: model_io already instantiates it, and a second basic_json
// type added ~40% to the wasm module (pkg measured 122.8 → 177.7 KB gzip). Keys come out sorted.
using ojson = nlohmann::json;

val to_val(const ojson& j, bool big) {
    switch (j.type()) {
        case ojson::value_t::object: {
            val o = val::object();
            for (auto it = j.begin(); it != j.end(); ++it) {
                const bool sizes = it.key() == "spec" || it.key() == "options";
                o.set(it.key(), to_val(it.value(), big && !sizes));
            }
            return o;
        }
        case ojson::value_t::array: {
            val a = val::array();
            for (const auto& e : j) a.call<void>("push", to_val(e, big));
            return a;
        }
        case ojson::value_t::string: return val(j.get<std::string>());
        case ojson::value_t::boolean: return val(j.get<bool>());
        case ojson::value_t::number_integer:
        case ojson::value_t::number_unsigned: {
            const int64_t v = j.get<int64_t>();
            // A size above 2^53 would be rounded as a number: it stays a BigInt.
            if (!big && v <= (int64_t(1) << 53) && v >= -(int64_t(1) << 53)) return val(double(v));
            return val::global("BigInt")(std::to_string(v));
        }
        case ojson::value_t::number_float: return val(j.get<double>());
        default: return val::null();
    }
}

template <class F>
val answer(F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        val o = val::object();
        o.set("error", std::string(e.what()));
        return o;
    }
}

val count_transformer(std::string spec_json, std::string options_json) {
    return answer([&] {
        const nn::TransformerSpec s = nn::transformer_spec_from_json(spec_json);
        const nn::TransformerQuery q = nn::transformer_query_from_json(options_json);
        val o = val::object();
        o.set("report", to_val(nn::parse_json_text<ojson>(nn::transformer_report_to_json(nn::count_transformer(s, q))), true));
        return o;
    });
}

val transformer_from_hf_config(std::string text) {
    return answer([&] {
        val o = val::object();
        o.set("spec", to_val(nn::parse_json_text<ojson>(nn::transformer_spec_to_json(nn::transformer_from_hf_config(text))), false));
        return o;
    });
}

val transformer_presets() {
    return answer([&] {
        val a = val::array();
        for (const nn::TransformerPreset& p : nn::transformer_presets()) {
            val o = val::object();
            o.set("id", p.id);
            o.set("source", p.source);
            o.set("spec", to_val(nn::parse_json_text<ojson>(nn::transformer_spec_to_json(p.spec)), false));
            a.call<void>("push", o);
        }
        val o = val::object();
        o.set("presets", a);
        return o;
    });
}

// The largest config.json the core reads, so a page can refuse a bigger file before reading it.
double transformer_config_limit() { return double(nn::kMaxHfConfigBytes); }

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay_transformer) {
    emscripten::function("transformerConfigLimit", &transformer_config_limit);
    emscripten::function("countTransformer", &count_transformer);
    emscripten::function("transformerFromHFConfig", &transformer_from_hf_config);
    emscripten::function("transformerPresets", &transformer_presets);
}
