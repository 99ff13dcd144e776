// Hugging Face config.json → TransformerSpec. Field names and defaults follow the
// transformers configuration classes (GPT2Config, LlamaConfig, MistralConfig,
// MixtralConfig, Qwen2Config, BertConfig) and the layers their models build.
#include "hf_config.h"

#include <nlohmann/json.hpp>

#include "arch.h"
#include "error.h"
#include "json_limits.h"

namespace nn {
namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& msg) { throw Error("config.json: " + msg); }

std::string shown(const json& v) {
    std::string t = v.type_name();
    if (v.is_primitive() && !v.is_null()) {
        std::string d = v.dump();
        t += " " + (d.size() > 40 ? d.substr(0, 40) + "…" : d);
    }
    return t;
}

// A config.json object with typed, named access.
struct Fields {
    const json& j;
    bool has(const char* k) const {
        auto it = j.find(k);
        return it != j.end() && !it->is_null();
    }
    int64_t integer(const char* k) const {
        const json& v = j.at(k);
        if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)))
            fail("field '" + std::string(k) + "' must be a whole number, got " + shown(v));
        int64_t x = v.get<int64_t>();
        if (x < 1) fail("field '" + std::string(k) + "' must be ≥ 1, got " + format_thousands(x));
        return x;
    }
    // A size field: required (a missing one would silently be HF's 7B default).
    int64_t required(const char* k, const char* model_type) const {
        if (!has(k))
            fail("missing field '" + std::string(k) + "' (required for model_type '" + model_type + "')");
        return integer(k);
    }
    int64_t optional(const char* k, int64_t def) const { return has(k) ? integer(k) : def; }
    bool flag(const char* k, bool def) const {
        if (!has(k)) return def;
        const json& v = j.at(k);
        if (!v.is_boolean()) fail("field '" + std::string(k) + "' must be true or false, got " + shown(v));
        return v.get<bool>();
    }
    // GPT-2's attribute_map: hidden_size is n_embd, etc. Either may appear; both must agree.
    int64_t aliased(const char* k, const char* alias, const char* model_type) const {
        if (has(k) && has(alias) && integer(k) != integer(alias))
            fail("contradictory fields '" + std::string(k) + "' = " + format_thousands(integer(k)) + " and '" +
                 alias + "' = " + format_thousands(integer(alias)) + " (the same setting for model_type '" +
                 model_type + "')");
        if (!has(k) && has(alias)) return integer(alias);
        return required(k, model_type);
    }
};

void check_heads(int64_t width, const char* width_field, int64_t heads, const char* heads_field,
                 bool head_dim_given) {
    if (!head_dim_given && width % heads != 0)
        fail("field '" + std::string(heads_field) + "' = " + format_thousands(heads) + " does not divide '" +
             width_field + "' = " + format_thousands(width) + "; allowed: a divisor of " + width_field +
             " (or a head_dim field)");
}

void check_kv(int64_t heads, int64_t kv, bool given) {
    if (kv > heads || heads % kv != 0)
        fail("field 'num_key_value_heads' = " + format_thousands(kv) + (given ? "" : " (the default)") +
             " does not divide 'num_attention_heads' = " + format_thousands(heads) +
             "; allowed: a divisor of num_attention_heads");
}

TransformerSpec read_gpt2(const Fields& f) {
    const char* mt = "gpt2";
    TransformerSpec s;
    s.vocab = f.required("vocab_size", mt);
    s.width = f.aliased("n_embd", "hidden_size", mt);
    s.layers = f.aliased("n_layer", "num_hidden_layers", mt);
    s.heads = s.kv_heads = f.aliased("n_head", "num_attention_heads", mt);
    s.context = f.aliased("n_positions", "max_position_embeddings", mt);
    check_heads(s.width, "n_embd", s.heads, "n_head", false);
    s.mlp_width = f.has("n_inner") ? f.integer("n_inner") : 4 * s.width;  // n_inner: null → 4 × n_embd
    if (!f.has("n_inner") && s.width > INT64_MAX / 4) fail("field 'n_embd' is too large (4 × n_embd overflows)");
    s.mlp = MlpKind::gelu;
    s.norm = NormKind::layernorm;
    s.positions = PositionKind::learned;
    s.tied = f.flag("tie_word_embeddings", true);
    s.qkv_bias = s.out_bias = s.mlp_bias = true;  // Conv1D always has a bias
    return s;
}

TransformerSpec read_llama_family(const Fields& f, const std::string& mt) {
    const char* m = mt.c_str();
    TransformerSpec s;
    s.vocab = f.required("vocab_size", m);
    s.width = f.required("hidden_size", m);
    s.layers = f.required("num_hidden_layers", m);
    s.heads = f.required("num_attention_heads", m);
    s.mlp_width = f.required("intermediate_size", m);
    // num_key_value_heads: LlamaConfig None → num_attention_heads; MistralConfig and
    // MixtralConfig default 8; Qwen2Config default 32 (None → num_attention_heads).
    const bool kv_given = f.has("num_key_value_heads");
    const int64_t kv_default = mt == "mistral" || mt == "mixtral" ? 8 : mt == "qwen2" ? 32 : s.heads;
    s.kv_heads = kv_given ? f.integer("num_key_value_heads") : kv_default;
    const bool hd_given = f.has("head_dim");
    if (hd_given) s.head_dim = f.integer("head_dim");
    check_heads(s.width, "hidden_size", s.heads, "num_attention_heads", hd_given);
    if (hd_given && s.head_dim == s.width / s.heads && s.width % s.heads == 0) s.head_dim = 0;
    check_kv(s.heads, s.kv_heads, kv_given);
    const int64_t ctx_default = mt == "llama" ? 2048 : mt == "qwen2" ? 32768 : 4096 * 32;
    s.context = f.optional("max_position_embeddings", ctx_default);
    s.mlp = MlpKind::swiglu;
    s.norm = NormKind::rmsnorm;
    s.positions = PositionKind::rotary;
    s.tied = f.flag("tie_word_embeddings", false);
    if (mt == "llama") {
        s.qkv_bias = s.out_bias = f.flag("attention_bias", false);
        s.mlp_bias = f.flag("mlp_bias", false);
    } else if (mt == "qwen2") {
        s.qkv_bias = true;  // Qwen2Attention: q_proj/k_proj/v_proj bias=True, o_proj bias=False
    }
    if (mt == "mixtral") {
        s.experts = f.optional("num_local_experts", 8);
        s.experts_per_token = f.optional("num_experts_per_tok", 2);
        if (s.experts_per_token > s.experts)
            fail("field 'num_experts_per_tok' = " + format_thousands(s.experts_per_token) +
                 " is more than 'num_local_experts' = " + format_thousands(s.experts));
    }
    return s;
}

TransformerSpec read_bert(const Fields& f) {
    const char* mt = "bert";
    TransformerSpec s;
    s.vocab = f.required("vocab_size", mt);
    s.width = f.required("hidden_size", mt);
    s.layers = f.required("num_hidden_layers", mt);
    s.heads = s.kv_heads = f.required("num_attention_heads", mt);
    s.mlp_width = f.required("intermediate_size", mt);
    check_heads(s.width, "hidden_size", s.heads, "num_attention_heads", false);
    s.context = f.optional("max_position_embeddings", 512);
    if (f.has("type_vocab_size")) {
        const json& v = f.j.at("type_vocab_size");
        if (!v.is_number_integer() || v.get<int64_t>() < 0)
            fail("field 'type_vocab_size' must be a whole number ≥ 0, got " + shown(v));
        s.token_types = v.get<int64_t>();
    } else {
        s.token_types = 2;
    }
    if (f.has("position_embedding_type")) {
        const json& v = f.j.at("position_embedding_type");
        if (!v.is_string() || v.get<std::string>() != "absolute")
            fail("field 'position_embedding_type' must be \"absolute\" (relative position types add "
                 "distance embeddings this count does not model), got " + shown(v));
    }
    s.mlp = MlpKind::gelu;
    s.norm = NormKind::layernorm;
    s.positions = PositionKind::learned;
    s.qkv_bias = s.out_bias = s.mlp_bias = true;
    s.final_norm = false;
    s.embedding_norm = true;
    s.pooler = true;    // BertModel(add_pooling_layer=True)
    s.lm_head = false;  // BertModel: no masked-LM head
    return s;
}

}  // namespace

const std::vector<std::string>& hf_model_types() {
    static const std::vector<std::string> t{"gpt2", "llama", "mistral", "mixtral", "qwen2", "bert"};
    return t;
}

TransformerSpec transformer_from_hf_config(const std::string& text) {
    check_json_text(text, kMaxHfConfigBytes, 32, "config.json");
    json j;
    try {
        j = parse_json_text<json>(text);
    } catch (const json::parse_error& e) {
        fail("not JSON (parse error at byte " + std::to_string(e.byte) + ")");
    } catch (const json::exception&) {
        // nlohmann throws out_of_range (not parse_error) for a number like 1e444
        fail("a number does not fit in a double or a 64-bit integer");
    }
    if (!j.is_object()) fail("must be a JSON object, got " + std::string(j.type_name()));
    Fields f{j};
    std::string allowed;
    for (const std::string& t : hf_model_types()) allowed += (allowed.empty() ? "" : ", ") + t;
    if (!f.has("model_type")) fail("missing field 'model_type'; allowed: " + allowed);
    const json& mtv = j.at("model_type");
    if (!mtv.is_string()) fail("field 'model_type' must be text, got " + shown(mtv));
    const std::string mt = mtv.get<std::string>();
    TransformerSpec s;
    if (mt == "gpt2") s = read_gpt2(f);
    else if (mt == "llama" || mt == "mistral" || mt == "mixtral" || mt == "qwen2") s = read_llama_family(f, mt);
    else if (mt == "bert") s = read_bert(f);
    else fail("model_type " + nn::quoted(mt) + " is not read; allowed: " + allowed);
    s.name = mt;
    if (f.has("_name_or_path") && j.at("_name_or_path").is_string())
        s.name = j.at("_name_or_path").get<std::string>().substr(0, 200);
    try {
        validate_transformer(s);
    } catch (const Error& e) {
        fail(e.what());
    }
    return s;
}

}  // namespace nn
