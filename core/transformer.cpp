// Transformer accounting with checked 64-bit arithmetic: every product and sum goes
// through mul/add, which throw nn::Error naming the component instead of wrapping.
#include "transformer.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "arch.h"   // format_thousands
#include "error.h"
#include "json_limits.h"

namespace nn {
namespace {

// nlohmann::json, not ordered_json: model_io already instantiates it, and a second basic_json
// type added ~40% to the wasm module (pkg measured 122.8 → 177.7 KB gzip). Keys come out sorted.
using ojson = nlohmann::json;

int64_t mul(int64_t a, int64_t b, const std::string& what) {
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r))
        throw Error("count: " + what + " overflows a 64-bit integer (" + format_thousands(a) +
                    " × " + format_thousands(b) + ")");
    return r;
}

int64_t add(int64_t a, int64_t b, const std::string& what) {
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        throw Error("count: " + what + " overflows a 64-bit integer (" + format_thousands(a) +
                    " + " + format_thousands(b) + ")");
    return r;
}

int64_t ceil_div(int64_t a, int64_t b) { return a / b + (a % b != 0); }

void positive(const char* field, int64_t v, const char* meaning) {
    if (v < 1)
        throw Error(std::string(field) + ": must be a whole number ≥ 1 (" + meaning + "), got " +
                    format_thousands(v));
}

}  // namespace

const char* mlp_kind_name(MlpKind k) { return k == MlpKind::gelu ? "gelu" : "swiglu"; }
const char* norm_kind_name(NormKind k) { return k == NormKind::layernorm ? "layernorm" : "rmsnorm"; }
const char* position_kind_name(PositionKind k) {
    return k == PositionKind::learned ? "learned" : "rotary";
}

void validate_transformer(const TransformerSpec& s) {
    positive("vocab", s.vocab, "tokens in the vocabulary");
    positive("width", s.width, "the model width d_model");
    positive("layers", s.layers, "transformer blocks");
    positive("heads", s.heads, "query heads");
    positive("kv_heads", s.kv_heads, "key/value heads");
    positive("mlp_width", s.mlp_width, "the MLP's hidden width");
    positive("context", s.context, "tokens of context");
    positive("experts", s.experts, "1 for a dense MLP");
    if (s.head_dim < 0)
        throw Error("head_dim: must be 0 (width / heads) or a whole number ≥ 1, got " +
                    format_thousands(s.head_dim));
    if (s.head_dim == 0 && s.width % s.heads != 0)
        throw Error("heads: " + format_thousands(s.heads) + " does not divide width " +
                    format_thousands(s.width) + "; allowed: a divisor of width, or set head_dim");
    if (s.kv_heads > s.heads || s.heads % s.kv_heads != 0)
        throw Error("kv_heads: " + format_thousands(s.kv_heads) + " does not divide heads " +
                    format_thousands(s.heads) + "; allowed: a divisor of heads (" +
                    format_thousands(s.heads) + " = multi-head, 1 = multi-query)");
    if (s.experts_per_token < 1 || s.experts_per_token > s.experts)
        throw Error("experts_per_token: must be between 1 and experts (" +
                    format_thousands(s.experts) + "), got " + format_thousands(s.experts_per_token));
    if (s.token_types < 0)
        throw Error("token_types: must be 0 (none) or a whole number ≥ 1, got " +
                    format_thousands(s.token_types));
}

void validate_query(const TransformerQuery& q) {
    positive("group_size", q.group_size, "weights per INT8/INT4 scale");
    positive("batch", q.batch, "sequences in the KV cache");
    if (q.kv_context < 0)
        throw Error("kv_context: must be 0 (the model's context) or a whole number ≥ 1, got " +
                    format_thousands(q.kv_context));
}

TransformerReport count_transformer(const TransformerSpec& s, const TransformerQuery& q) {
    validate_transformer(s);
    validate_query(q);
    TransformerReport r;
    r.spec = s;
    r.query = q;
    const int64_t d = s.width, L = s.layers;
    const int64_t hd = s.head_dim ? s.head_dim : d / s.heads;
    r.head_dim = hd;
    const int64_t q_out = mul(s.heads, hd, "heads × head_dim");
    const int64_t kv_out = mul(s.kv_heads, hd, "kv_heads × head_dim");
    const int64_t norm_len = s.norm == NormKind::layernorm ? mul(2, d, "LayerNorm weight + bias") : d;
    const char* norm_note = s.norm == NormKind::layernorm ? "LayerNorm: weight + bias"
                                                          : "RMSNorm: weight only";
    const int64_t E = s.experts, k = s.experts_per_token;
    bool in_block = false;  // tensors added while true are one block's (× layers)

    // matrix(name, part, in, out, bias?, copies, active copies, used as a matmul?)
    auto matrix = [&](const std::string& name, const char* part, int64_t in, int64_t out,
                      bool bias, int64_t copies, int64_t active, bool matmul,
                      const std::string& note = "") {
        TensorCount t;
        t.name = name;
        t.part = part;
        t.in = in;
        t.out = out;
        t.weights = mul(in, out, name + " weights");
        t.biases = bias ? out : 0;
        t.copies = copies;
        t.active_copies = active;
        const int64_t one = add(t.weights, t.biases, name + " parameters");
        t.params = mul(one, copies, name + " parameters × " + format_thousands(copies));
        t.active_params = mul(one, active, name + " active parameters");
        t.macs_per_token = matmul ? mul(t.weights, active, name + " multiply-adds") : 0;
        t.note = note;
        t.in_block = in_block;
        r.tensors.push_back(t);
    };
    auto vector = [&](const std::string& name, int64_t len, int64_t copies, const std::string& note) {
        TensorCount t;
        t.name = name;
        t.part = "norms";
        t.matrix = false;
        t.out = len;
        t.weights = len;
        t.copies = copies;
        t.active_copies = copies;
        t.params = mul(len, copies, name + " parameters");
        t.active_params = t.params;
        t.note = note;
        t.in_block = in_block;
        r.tensors.push_back(t);
    };

    // Embeddings: lookups (in = rows, out = width), no multiply-adds.
    matrix("token embedding", "embeddings", s.vocab, d, false, 1, 1, false);
    if (s.positions == PositionKind::learned)
        matrix("position embedding", "embeddings", s.context, d, false, 1, 1, false);
    if (s.token_types > 0)
        matrix("token-type embedding", "embeddings", s.token_types, d, false, 1, 1, false);
    if (s.embedding_norm) vector("embedding norm", norm_len, 1, norm_note);

    // One block, L copies.
    in_block = true;
    vector("attention norm", norm_len, L, norm_note);
    matrix("q", "attention", d, q_out, s.qkv_bias, L, L, true);
    matrix("k", "attention", d, kv_out, s.qkv_bias, L, L, true,
           s.kv_heads == s.heads ? "" : format_thousands(s.kv_heads) + " kv heads");
    matrix("v", "attention", d, kv_out, s.qkv_bias, L, L, true,
           s.kv_heads == s.heads ? "" : format_thousands(s.kv_heads) + " kv heads");
    matrix("attention output", "attention", q_out, d, s.out_bias, L, L, true);
    vector("MLP norm", norm_len, L, norm_note);
    const int64_t LE = mul(L, E, "layers × experts");
    const int64_t Lk = mul(L, k, "layers × experts_per_token");
    const std::string per_expert = E > 1 ? "per expert, " + format_thousands(E) + " experts" : "";
    if (E > 1) matrix("router", "mlp", d, E, false, L, L, true);
    if (s.mlp == MlpKind::swiglu) matrix("MLP gate", "mlp", d, s.mlp_width, s.mlp_bias, LE, Lk, true, per_expert);
    matrix("MLP up", "mlp", d, s.mlp_width, s.mlp_bias, LE, Lk, true, per_expert);
    matrix("MLP down", "mlp", s.mlp_width, d, s.mlp_bias, LE, Lk, true, per_expert);
    in_block = false;

    if (s.final_norm) vector("final norm", norm_len, 1, norm_note);
    if (s.lm_head) {
        if (s.tied) {
            matrix("output head", "head", d, s.vocab, false, 1, 1, true, "tied to the token embedding");
            TensorCount& t = r.tensors.back();
            t.tied = true;
            t.params = t.active_params = 0;
        } else {
            matrix("output head", "head", d, s.vocab, false, 1, 1, true);
        }
    }
    // BERT's pooler runs once per sequence on the first token: no per-token multiply-adds.
    if (s.pooler) matrix("pooler", "head", d, d, true, 1, 1, false, "once per sequence");

    // Totals.
    int64_t block = 0;
    for (const TensorCount& t : r.tensors) {
        r.params = add(r.params, t.params, "total parameters");
        r.active_params = add(r.active_params, t.active_params, "active parameters");
        r.macs_matmul = add(r.macs_matmul, t.macs_per_token, "multiply-adds per token");
        if (!t.tied) {
            r.weights = add(r.weights, mul(t.weights, t.copies, "weights"), "weights");
            r.biases = add(r.biases, mul(t.biases, t.copies, "biases"), "biases");
        }
        int64_t* part = t.part == "embeddings" ? &r.parts.embeddings
                        : t.part == "attention" ? &r.parts.attention
                        : t.part == "mlp"       ? &r.parts.mlp
                        : t.part == "norms"     ? &r.parts.norms
                                                : &r.parts.head;
        *part = add(*part, t.params, t.part + " parameters");
        if (t.in_block) block = add(block, t.params / L, "block parameters");  // copies is a multiple of L
    }
    r.block_params = block;
    r.stack_params = mul(block, L, "block parameters × layers");

    // Storage. INT8/INT4: every matrix is cut into groups of group_size weights along its
    // input dimension, one FP16 scale (2 B) per group: out × ceil(in / g) scales; vectors
    // (norms, biases) stay at 16 bits. A tied head is stored once.
    int64_t int8 = 0, int4 = 0;
    for (const TensorCount& t : r.tensors) {
        if (t.tied) continue;
        if (t.matrix) {
            // Embedding tables are stored (rows, width): groups run along the width.
            const bool table = t.part == "embeddings";
            const int64_t rows = table ? t.in : t.out, cols = table ? t.out : t.in;
            const int64_t scales = mul(rows, ceil_div(cols, q.group_size), t.name + " scales");
            const int64_t scale_b = mul(scales, 2, t.name + " scale bytes");
            const int64_t bias_b = mul(t.biases, 2, t.name + " bias bytes");
            const int64_t one8 = add(add(t.weights, scale_b, "int8 storage"), bias_b, "int8 storage");
            const int64_t one4 = add(add(ceil_div(t.weights, 2), scale_b, "int4 storage"), bias_b,
                                     "int4 storage");
            int8 = add(int8, mul(one8, t.copies, "int8 storage"), "int8 storage");
            int4 = add(int4, mul(one4, t.copies, "int4 storage"), "int4 storage");
        } else {
            const int64_t b = mul(t.params, 2, "16-bit vector storage");
            int8 = add(int8, b, "int8 storage");
            int4 = add(int4, b, "int4 storage");
        }
    }
    const std::string g = format_thousands(q.group_size);
    r.storage = {
        {"fp32", mul(r.params, 4, "FP32 storage"), "4 B per parameter"},
        {"bf16", mul(r.params, 2, "BF16 storage"), "2 B per parameter (FP16 the same)"},
        {"int8", int8, "1 B per matrix weight + one FP16 scale per " + g +
                           " weights of a row; norms and biases at 2 B"},
        {"int4", int4, "½ B per matrix weight + one FP16 scale per " + g +
                           " weights of a row; norms and biases at 2 B"},
    };

    // KV cache.
    r.kv_elements_per_token =
        mul(mul(2 * L, s.kv_heads, "KV cache per token"), hd, "KV cache per token");
    r.kv_context = q.kv_context ? q.kv_context : s.context;
    const int64_t per_seq = mul(r.kv_elements_per_token, r.kv_context, "KV cache");
    const int64_t elems = mul(per_seq, q.batch, "KV cache × batch");
    r.kv_bytes_int8 = elems;
    r.kv_bytes_fp16 = mul(elems, 2, "KV cache bytes");
    // The curve: powers of two from 512 to 2^17 (or to kv_context), plus kv_context itself.
    std::set<int64_t> contexts{r.kv_context};
    for (int64_t c = 512; c <= std::max<int64_t>(int64_t(1) << 17, r.kv_context) && c > 0; c *= 2) {
        contexts.insert(c);
        if (c > (INT64_MAX >> 1)) break;
    }
    for (int64_t c : contexts)
        r.kv_curve.push_back({c, mul(mul(r.kv_elements_per_token, c, "KV cache at context " + format_thousands(c)),
                                     mul(q.batch, 2, "KV cache"), "KV cache bytes")});

    // Training memory with Adam, all FP32.
    r.train_weights = mul(r.params, 4, "training memory");
    r.train_grads = r.train_weights;
    r.train_adam_m = r.train_weights;
    r.train_adam_v = r.train_weights;
    r.train_total = mul(r.params, 16, "training memory");

    // FLOPs per token.
    r.macs_attention = mul(mul(mul(2 * L, s.heads, "attention multiply-adds"), hd, "attention multiply-adds"),
                           r.kv_context, "attention multiply-adds");
    r.flops_matmul = mul(r.macs_matmul, 2, "FLOPs per token");
    r.flops_attention = mul(r.macs_attention, 2, "attention FLOPs per token");
    r.flops_total = add(r.flops_matmul, r.flops_attention, "FLOPs per token");
    return r;
}

// ---- formatting ----------------------------------------------------------------------

namespace {
std::string two_decimals(int64_t bytes, uint64_t unit, const char* name) {
    // Integer rounding half up: no double, so the same text on every platform.
    uint64_t b = uint64_t(bytes);
    uint64_t hundredths = (b / unit) * 100 + ((b % unit) * 100 + unit / 2) / unit;
    return std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") +
           std::to_string(hundredths % 100) + " " + name;
}
}  // namespace

std::string format_gb(int64_t bytes) {
    if (bytes < 0) return "-";
    if (bytes < 1000) return std::to_string(bytes) + " B";
    if (bytes < 1000000) return two_decimals(bytes, 1000, "kB");
    if (bytes < 1000000000) return two_decimals(bytes, 1000000, "MB");
    if (bytes < 1000000000000LL) return two_decimals(bytes, 1000000000, "GB");
    return two_decimals(bytes, 1000000000000ULL, "TB");
}

std::string format_gib(int64_t bytes) {
    if (bytes < 0) return "-";
    if (bytes < 1024) return std::to_string(bytes) + " B";
    if (bytes < (1 << 20)) return two_decimals(bytes, 1 << 10, "KiB");
    if (bytes < (1 << 30)) return two_decimals(bytes, 1 << 20, "MiB");
    if (bytes < (int64_t(1) << 40)) return two_decimals(bytes, 1 << 30, "GiB");
    return two_decimals(bytes, uint64_t(1) << 40, "TiB");
}

// ---- JSON ----------------------------------------------------------------------------

namespace {

constexpr size_t kMaxSpecBytes = 64 * 1024;

// Messages start with the key (or say which text): the same words in the CLI, API and page.
[[noreturn]] void spec_fail(const std::string& msg) { throw Error(msg); }

int64_t json_int(const ojson& v, const std::string& key) {
    // Integers, or decimal strings (the JS API passes BigInts as strings).
    if (v.is_number_integer()) {
        if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))
            spec_fail(key + ": " + v.dump() + " does not fit in a 64-bit integer");
        return v.get<int64_t>();
    }
    if (v.is_string()) {
        const std::string t = v.get<std::string>();
        size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
        bool ok = t.size() > i && t.size() - i <= 19;
        for (size_t j = i; ok && j < t.size(); ++j) ok = t[j] >= '0' && t[j] <= '9';
        if (ok) {
            errno = 0;
            long long x = std::strtoll(t.c_str(), nullptr, 10);
            if (errno == 0) return x;
        }
        spec_fail(key + ": must be a whole number, got the text " + nn::quoted(t));
    }
    spec_fail(key + ": must be a whole number, got " + std::string(v.type_name()) +
              (v.is_primitive() && !v.is_null() ? " " + v.dump().substr(0, 40) : ""));
}

bool json_bool(const ojson& v, const std::string& key) {
    if (!v.is_boolean()) spec_fail(key + ": must be true or false, got " + std::string(v.type_name()));
    return v.get<bool>();
}

template <class E>
E json_enum(const ojson& v, const std::string& key, std::initializer_list<std::pair<const char*, E>> allowed) {
    std::string list;
    for (auto& a : allowed) list += std::string(list.empty() ? "" : ", ") + a.first;
    if (!v.is_string()) spec_fail(key + ": must be one of " + list + ", got " + std::string(v.type_name()));
    const std::string t = v.get<std::string>();
    for (auto& a : allowed)
        if (t == a.first) return a.second;
    spec_fail(key + ": " + nn::quoted(t) + " is not allowed; allowed: " + list);
}

ojson parse_object(const std::string& text, const char* what) {
    check_json_text(text, kMaxSpecBytes, 16, what);
    ojson j;
    try {
        j = parse_json_text<ojson>(text);
    } catch (const ojson::parse_error& e) {
        spec_fail(std::string(what) + " is not JSON (parse error at byte " + std::to_string(e.byte) + ")");
    } catch (const ojson::exception&) {
        // nlohmann throws out_of_range (not parse_error) for a number like 1e444
        spec_fail(std::string(what) + ": a number does not fit in a double or a 64-bit integer");
    }
    if (!j.is_object()) spec_fail(std::string(what) + " must be a JSON object");
    return j;
}

}  // namespace

std::string transformer_spec_to_json(const TransformerSpec& s) {
    ojson j;
    j["name"] = s.name;
    j["vocab"] = s.vocab;
    j["width"] = s.width;
    j["layers"] = s.layers;
    j["heads"] = s.heads;
    j["kv_heads"] = s.kv_heads;
    j["head_dim"] = s.head_dim;
    j["mlp_width"] = s.mlp_width;
    j["mlp"] = mlp_kind_name(s.mlp);
    j["norm"] = norm_kind_name(s.norm);
    j["positions"] = position_kind_name(s.positions);
    j["context"] = s.context;
    j["tied"] = s.tied;
    j["qkv_bias"] = s.qkv_bias;
    j["out_bias"] = s.out_bias;
    j["mlp_bias"] = s.mlp_bias;
    j["final_norm"] = s.final_norm;
    j["embedding_norm"] = s.embedding_norm;
    j["token_types"] = s.token_types;
    j["pooler"] = s.pooler;
    j["lm_head"] = s.lm_head;
    j["experts"] = s.experts;
    j["experts_per_token"] = s.experts_per_token;
    return j.dump();
}

TransformerSpec transformer_spec_from_json(const std::string& text) {
    return transformer_spec_apply_json(TransformerSpec{}, text);
}

TransformerSpec transformer_spec_apply_json(const TransformerSpec& base, const std::string& text) {
    const ojson j = parse_object(text, "the transformer spec");
    TransformerSpec s = base;
    // "preset": start from a preset, then the other keys override it.
    if (auto it = j.find("preset"); it != j.end()) {
        if (!it->is_string()) spec_fail("preset: must be a preset id (text)");
        s = transformer_preset(it->get<std::string>()).spec;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        const ojson& v = it.value();
        if (k == "preset") continue;
        else if (k == "name") {
            if (!v.is_string()) spec_fail("name: must be text");
            s.name = v.get<std::string>().substr(0, 200);
        }
        else if (k == "vocab") s.vocab = json_int(v, k);
        else if (k == "width") s.width = json_int(v, k);
        else if (k == "layers") s.layers = json_int(v, k);
        else if (k == "heads") s.heads = json_int(v, k);
        else if (k == "kv_heads") s.kv_heads = json_int(v, k);
        else if (k == "head_dim") s.head_dim = json_int(v, k);
        else if (k == "mlp_width") s.mlp_width = json_int(v, k);
        else if (k == "context") s.context = json_int(v, k);
        else if (k == "token_types") s.token_types = json_int(v, k);
        else if (k == "experts") s.experts = json_int(v, k);
        else if (k == "experts_per_token") s.experts_per_token = json_int(v, k);
        else if (k == "mlp") s.mlp = json_enum<MlpKind>(v, k, {{"gelu", MlpKind::gelu}, {"swiglu", MlpKind::swiglu}});
        else if (k == "norm") s.norm = json_enum<NormKind>(v, k, {{"layernorm", NormKind::layernorm}, {"rmsnorm", NormKind::rmsnorm}});
        else if (k == "positions") s.positions = json_enum<PositionKind>(v, k, {{"learned", PositionKind::learned}, {"rotary", PositionKind::rotary}});
        else if (k == "tied") s.tied = json_bool(v, k);
        else if (k == "qkv_bias") s.qkv_bias = json_bool(v, k);
        else if (k == "out_bias") s.out_bias = json_bool(v, k);
        else if (k == "mlp_bias") s.mlp_bias = json_bool(v, k);
        else if (k == "final_norm") s.final_norm = json_bool(v, k);
        else if (k == "embedding_norm") s.embedding_norm = json_bool(v, k);
        else if (k == "pooler") s.pooler = json_bool(v, k);
        else if (k == "lm_head") s.lm_head = json_bool(v, k);
        else
            spec_fail("unknown key " + nn::quoted(k) +
                      "; allowed: preset, name, vocab, width, layers, heads, kv_heads, head_dim, "
                      "mlp_width, mlp, norm, positions, context, tied, qkv_bias, out_bias, mlp_bias, "
                      "final_norm, embedding_norm, token_types, pooler, lm_head, experts, "
                      "experts_per_token");
    }
    validate_transformer(s);
    return s;
}

TransformerQuery transformer_query_from_json(const std::string& text) {
    const ojson j = parse_object(text, "the options");
    TransformerQuery q;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        if (k == "group_size") q.group_size = json_int(it.value(), k);
        else if (k == "kv_context") q.kv_context = json_int(it.value(), k);
        else if (k == "batch") q.batch = json_int(it.value(), k);
        else spec_fail("unknown option " + nn::quoted(k) + "; allowed: group_size, kv_context, batch");
    }
    validate_query(q);
    return q;
}

std::string transformer_report_to_json(const TransformerReport& r) {
    ojson j;
    j["spec"] = parse_json_text<ojson>(transformer_spec_to_json(r.spec));
    j["options"] = {{"group_size", r.query.group_size}, {"kv_context", r.kv_context}, {"batch", r.query.batch}};
    j["head_dim"] = r.head_dim;
    j["params"] = r.params;
    j["active_params"] = r.active_params;
    j["block_params"] = r.block_params;
    j["stack_params"] = r.stack_params;
    j["weights"] = r.weights;
    j["biases"] = r.biases;
    j["parts"] = {{"embeddings", r.parts.embeddings}, {"attention", r.parts.attention},
                  {"mlp", r.parts.mlp}, {"norms", r.parts.norms}, {"head", r.parts.head}};
    ojson tensors = ojson::array();
    for (const TensorCount& t : r.tensors) {
        ojson o;
        o["name"] = t.name;
        o["part"] = t.part;
        o["matrix"] = t.matrix;
        o["in"] = t.in;
        o["out"] = t.out;
        o["weights"] = t.weights;
        o["biases"] = t.biases;
        o["copies"] = t.copies;
        o["active_copies"] = t.active_copies;
        o["params"] = t.params;
        o["active_params"] = t.active_params;
        o["macs_per_token"] = t.macs_per_token;
        o["tied"] = t.tied;
        o["in_block"] = t.in_block;
        o["note"] = t.note;
        // The arithmetic of one copy, e.g. "4,096 × 11,008 = 45,088,768 weights".
        std::string a = t.matrix ? format_thousands(t.in) + " × " + format_thousands(t.out) + " = " +
                                       format_thousands(t.weights) + " weights"
                                 : format_thousands(t.weights) + " weights";
        if (t.biases) a += " + " + format_thousands(t.biases) + " biases";
        o["arithmetic"] = a;
        tensors.push_back(o);
    }
    j["tensors"] = tensors;
    ojson storage = ojson::array();
    for (const PrecisionBytes& p : r.storage)
        storage.push_back({{"name", p.name}, {"bytes", p.bytes}, {"gb", format_gb(p.bytes)},
                           {"gib", format_gib(p.bytes)}, {"rule", p.rule}});
    j["storage"] = storage;
    ojson curve = ojson::array();
    for (const KvPoint& p : r.kv_curve)
        curve.push_back({{"context", p.context}, {"bytes", p.bytes}, {"gb", format_gb(p.bytes)},
                         {"gib", format_gib(p.bytes)}});
    j["kv_cache"] = {{"elements_per_token", r.kv_elements_per_token},
                     {"context", r.kv_context},
                     {"batch", r.query.batch},
                     {"bytes_fp16", r.kv_bytes_fp16},
                     {"gb_fp16", format_gb(r.kv_bytes_fp16)},
                     {"gib_fp16", format_gib(r.kv_bytes_fp16)},
                     {"bytes_int8", r.kv_bytes_int8},
                     {"gb_int8", format_gb(r.kv_bytes_int8)},
                     {"gib_int8", format_gib(r.kv_bytes_int8)},
                     {"curve", curve}};
    j["training_adam_fp32"] = {{"weights", r.train_weights}, {"grads", r.train_grads},
                               {"adam_m", r.train_adam_m}, {"adam_v", r.train_adam_v},
                               {"total", r.train_total}, {"gb", format_gb(r.train_total)},
                               {"gib", format_gib(r.train_total)}};
    j["flops_per_token"] = {{"macs_matmul", r.macs_matmul}, {"macs_attention", r.macs_attention},
                            {"matmul", r.flops_matmul}, {"attention", r.flops_attention},
                            {"total", r.flops_total}};
    return j.dump();
}

}  // namespace nn
