// `nnplay count --preset ID | --hf-config FILE | --layers N …`: prints the core's
// TransformerReport as a table per component with its arithmetic, or as JSON. Every figure
// comes from count_transformer (core/transformer.cpp); this file only reads flags and files
// and lays out text.
#include "count_transformer.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch.h"
#include "cli_io.h"
#include "error.h"
#include "hf_config.h"
#include "transformer.h"

namespace nn::cli {

const char* const kCountTransformerHelp =
    "nnplay count (transformer): exact parameters, memory and FLOPs of a transformer stack\n"
    "  --preset ID          gpt2, gpt2-medium, gpt2-large, gpt2-xl, bert-base, llama-2-7b,\n"
    "                       llama-2-13b, llama-2-70b, llama-3-8b, mistral-7b, qwen2-7b,\n"
    "                       qwen2-0.5b, mixtral-8x7b\n"
    "  --hf-config FILE     a Hugging Face config.json (model_type gpt2, llama, mistral,\n"
    "                       mixtral, qwen2, bert)\n"
    "  stack flags (override the preset or config; alone they start from Llama-2-7B's shape):\n"
    "    --vocab N --width N --layers N --heads N --kv-heads N --head-dim N (0: width/heads)\n"
    "    --mlp-width N --mlp gelu|swiglu --norm layernorm|rmsnorm --positions learned|rotary\n"
    "    --context N --token-types N --experts N --experts-per-token N\n"
    "    --tied --qkv-bias --out-bias --mlp-bias --final-norm --embedding-norm --pooler\n"
    "    --lm-head          (switches; --tied=false etc. turns one off)\n"
    "  --group-size N       weights per FP16 scale for INT8/INT4 (default 128)\n"
    "  --kv-context N       KV-cache tokens per sequence (default: the context)\n"
    "  --batch N            sequences in the KV cache (default 1)\n"
    "  --json               the same figures as JSON (exact integers)\n";

namespace {

struct Usage {
    std::string msg;
};
struct Failed {
    std::string msg;
};

// flag → spec key, and whether it is a switch (true/false).
const std::map<std::string, std::pair<const char*, bool>>& spec_flags() {
    static const std::map<std::string, std::pair<const char*, bool>> m{
        {"--vocab", {"vocab", false}},       {"--width", {"width", false}},
        {"--layers", {"layers", false}},     {"--heads", {"heads", false}},
        {"--kv-heads", {"kv_heads", false}}, {"--head-dim", {"head_dim", false}},
        {"--mlp-width", {"mlp_width", false}}, {"--mlp", {"mlp", false}},
        {"--norm", {"norm", false}},         {"--positions", {"positions", false}},
        {"--context", {"context", false}},   {"--token-types", {"token_types", false}},
        {"--experts", {"experts", false}},   {"--experts-per-token", {"experts_per_token", false}},
        {"--tied", {"tied", true}},          {"--qkv-bias", {"qkv_bias", true}},
        {"--out-bias", {"out_bias", true}},  {"--mlp-bias", {"mlp_bias", true}},
        {"--final-norm", {"final_norm", true}}, {"--embedding-norm", {"embedding_norm", true}},
        {"--pooler", {"pooler", true}},      {"--lm-head", {"lm_head", true}},
    };
    return m;
}
const std::map<std::string, const char*>& query_flags() {
    static const std::map<std::string, const char*> m{
        {"--group-size", "group_size"}, {"--kv-context", "kv_context"}, {"--batch", "batch"}};
    return m;
}

std::string flag_name(const std::string& arg) { return arg.substr(0, arg.find('=')); }

bool whole(const std::string& s) {
    size_t i = !s.empty() && s[0] == '-';
    if (s.size() <= i || s.size() - i > 19) return false;
    for (size_t j = i; j < s.size(); ++j)
        if (s[j] < '0' || s[j] > '9') return false;
    return true;
}

// Through cli::read_file (cli_io.h), like every file the CLI reads: a directory is "is a
// directory", a pipe is bounded, and the size is refused before reading.
std::string read_config(const std::string& path) {
    try {
        return read_file(path, kMaxHfConfigBytes, "--hf-config: file");
    } catch (const Error& e) {
        throw Failed{std::string(e.what()) + (std::string(e.what()).find("the limit") != std::string::npos
                                                  ? "; a config.json is a few kB" : "")};
    }
}

// Display width of UTF-8 text (× and → are one column, three bytes).
size_t cols(const std::string& s) {
    size_t w = 0;
    for (unsigned char c : s) w += (c & 0xC0) != 0x80;
    return w;
}
std::string pad(const std::string& s, size_t w, bool left) {
    size_t n = cols(s);
    if (n >= w) return s;
    return left ? s + std::string(w - n, ' ') : std::string(w - n, ' ') + s;
}

// left: which columns are text (left-aligned); numbers are right-aligned.
void print_table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& left,
                 const std::vector<size_t>& rules_before) {
    std::vector<size_t> cw(rows[0].size(), 0);
    for (auto& r : rows)
        for (size_t c = 0; c < r.size(); ++c) cw[c] = std::max(cw[c], cols(r[c]));
    size_t total = 0;
    for (size_t w : cw) total += w + 2;
    std::string rule;
    for (size_t i = 0; i + 2 < total; ++i) rule += "─";
    for (size_t k = 0; k < rows.size(); ++k) {
        if (std::find(rules_before.begin(), rules_before.end(), k) != rules_before.end())
            std::printf("%s\n", rule.c_str());
        std::string line;
        for (size_t c = 0; c < rows[k].size(); ++c) line += pad(rows[k][c], cw[c], left[c]) + "  ";
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::printf("%s\n", line.c_str());
    }
}

std::string th(int64_t v) { return format_thousands(v); }
std::string both(int64_t b) { return format_gb(b) + " = " + format_gib(b); }

void print_report(const TransformerReport& r, const std::string& source) {
    const TransformerSpec& s = r.spec;
    std::string attn = s.kv_heads == s.heads ? "multi-head" : s.kv_heads == 1 ? "multi-query" : "grouped-query";
    std::printf("%s (%s): %s layers, width %s, %s heads × %s, %s kv heads (%s), MLP %s %s,\n"
                "%s, %s positions, context %s, %s head%s\n\n",
                s.name.c_str(), source.c_str(), th(s.layers).c_str(), th(s.width).c_str(), th(s.heads).c_str(),
                th(r.head_dim).c_str(), th(s.kv_heads).c_str(), attn.c_str(), mlp_kind_name(s.mlp),
                th(s.mlp_width).c_str(), s.norm == NormKind::layernorm ? "LayerNorm" : "RMSNorm",
                position_kind_name(s.positions), th(s.context).c_str(),
                !s.lm_head ? "no output" : s.tied ? "tied output" : "separate output",
                s.experts > 1 ? (", MoE " + th(s.experts) + " experts, " + th(s.experts_per_token) + " per token").c_str() : "");

    std::vector<std::vector<std::string>> rows;
    rows.push_back({"component", "part", "one copy", "copies", "parameters"});
    size_t first_block = 0, after_block = 0;
    for (const TensorCount& t : r.tensors) {
        if (t.in_block && !first_block) first_block = rows.size();
        if (!t.in_block && first_block && !after_block) after_block = rows.size();
        std::string one = t.matrix ? th(t.in) + " × " + th(t.out) + " = " + th(t.weights) + " weights"
                                   : th(t.weights) + " weights";
        if (t.biases) one += " + " + th(t.biases) + " biases";
        std::string name = t.name + (t.note.empty() ? "" : " (" + t.note + ")");
        std::string copies = t.in_block ? "× " + th(t.copies) : th(t.copies);
        rows.push_back({name, t.part, one, copies, t.tied ? "0 (tied)" : th(t.params)});
    }
    rows.push_back({"total", "", "", "", th(r.params)});
    std::vector<size_t> rules{1, rows.size() - 1};
    if (first_block) rules.push_back(first_block);
    if (after_block) rules.push_back(after_block);
    print_table(rows, {true, true, false, false, false}, rules);

    std::printf("\none block: %s parameters × %s layers = %s\n", th(r.block_params).c_str(), th(s.layers).c_str(),
                th(r.stack_params).c_str());
    std::printf("by part: embeddings %s, attention %s, MLP %s, norms %s, output head/pooler %s\n",
                th(r.parts.embeddings).c_str(), th(r.parts.attention).c_str(), th(r.parts.mlp).c_str(),
                th(r.parts.norms).c_str(), th(r.parts.head).c_str());
    std::printf("total: %s parameters", th(r.params).c_str());
    if (r.active_params != r.params) std::printf(", %s active per token", th(r.active_params).c_str());
    std::printf("\n\nstorage of the parameters (GB = 10^9 B, GiB = 2^30 B)\n");
    std::vector<std::vector<std::string>> st{{"precision", "bytes", "GB", "GiB", "rule"}};
    for (const PrecisionBytes& p : r.storage)
        st.push_back({p.name == "bf16" ? "BF16/FP16" : p.name == "fp32" ? "FP32" : p.name == "int8" ? "INT8" : "INT4",
                      th(p.bytes), format_gb(p.bytes), format_gib(p.bytes), p.rule});
    print_table(st, {true, false, false, false, true}, {1});

    std::printf("\nKV cache: 2 (K, V) × %s layers × %s kv heads × %s head_dim = %s values per token\n",
                th(s.layers).c_str(), th(s.kv_heads).c_str(), th(r.head_dim).c_str(),
                th(r.kv_elements_per_token).c_str());
    std::printf("  × %s tokens × %s sequence%s: FP16 %s B (%s), INT8 %s B (%s)\n", th(r.kv_context).c_str(),
                th(r.query.batch).c_str(), r.query.batch == 1 ? "" : "s", th(r.kv_bytes_fp16).c_str(),
                both(r.kv_bytes_fp16).c_str(), th(r.kv_bytes_int8).c_str(), both(r.kv_bytes_int8).c_str());
    std::printf("\ntraining with Adam, FP32 (activations not included)\n");
    std::printf("  weights %s B + gradients %s B + Adam m %s B + Adam v %s B = %s B (%s)\n",
                th(r.train_weights).c_str(), th(r.train_grads).c_str(), th(r.train_adam_m).c_str(),
                th(r.train_adam_v).c_str(), th(r.train_total).c_str(), both(r.train_total).c_str());
    std::printf("\nforward FLOPs per token (2 × multiply-adds; norms, softmax and activations not counted)\n");
    std::printf("  weight matrices: 2 × %s = %s\n", th(r.macs_matmul).c_str(), th(r.flops_matmul).c_str());
    std::printf("  attention at context %s: 2 × 2 × %s layers × %s heads × %s head_dim × %s = %s\n",
                th(r.kv_context).c_str(), th(s.layers).c_str(), th(s.heads).c_str(), th(r.head_dim).c_str(),
                th(r.kv_context).c_str(), th(r.flops_attention).c_str());
    std::printf("  total: %s\n", th(r.flops_total).c_str());
}

int run(int argc, char** argv) {
    std::string preset, hf_path;
    bool json_out = false;
    nlohmann::ordered_json spec = nlohmann::ordered_json::object();
    nlohmann::ordered_json query = nlohmann::ordered_json::object();
    std::map<std::string, int> seen;
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        const std::string name = flag_name(arg);
        const bool inline_value = arg.find('=') != std::string::npos;
        const std::string inline_text = inline_value ? arg.substr(arg.find('=') + 1) : "";
        if (name.size() < 3 || name.compare(0, 2, "--") != 0)
            throw Usage{"unexpected argument " + nn::quoted(arg) + " (a transformer is given by flags; see "
                        "'nnplay help count')"};
        if (seen[name]++) throw Usage{"flag " + name + " is given twice"};
        auto value = [&]() -> std::string {
            if (inline_value) return inline_text;
            if (i + 1 >= argc) throw Usage{"flag " + name + " needs a value"};
            return argv[++i];
        };
        if (name == "--json") {
            if (inline_value) throw Usage{"flag --json takes no value"};
            json_out = true;
        } else if (name == "--preset") {
            preset = value();
        } else if (name == "--hf-config") {
            hf_path = value();
        } else if (auto q = query_flags().find(name); q != query_flags().end()) {
            std::string v = value();
            if (!whole(v)) throw Usage{name + ": " + nn::quoted(v) + " is not a whole number"};
            query[q->second] = v;
        } else if (auto f = spec_flags().find(name); f != spec_flags().end()) {
            if (f->second.second) {  // a switch: --tied, --tied=true, --tied=false
                if (!inline_value || inline_text == "true") spec[f->second.first] = true;
                else if (inline_text == "false") spec[f->second.first] = false;
                else throw Usage{name + ": " + nn::quoted(inline_text) + " is not allowed; allowed: " + name +
                                 ", " + name + "=true, " + name + "=false"};
            } else {
                std::string v = value();
                if (name == "--mlp" || name == "--norm" || name == "--positions") spec[f->second.first] = v;
                else if (!whole(v)) throw Usage{name + ": " + nn::quoted(v) + " is not a whole number"};
                else spec[f->second.first] = v;  // the core reads decimal text as int64
            }
        } else {
            std::string list = "--preset, --hf-config, --json, --group-size, --kv-context, --batch";
            for (auto& [k, _] : spec_flags()) list += ", " + k;
            throw Usage{"unknown flag " + nn::quoted(name) + "; allowed: " + list};
        }
    }
    if (!preset.empty() && !hf_path.empty())
        throw Usage{"give --preset or --hf-config, not both"};

    TransformerSpec base;
    std::string source = "flags";
    if (!hf_path.empty()) {
        const std::string text = read_config(hf_path);
        try {
            base = transformer_from_hf_config(text);
        } catch (const Error& e) {
            throw Failed{hf_path + ": " + e.what()};
        }
        source = hf_path;
    } else if (!preset.empty()) {
        try {
            base = transformer_preset(preset).spec;
            source = transformer_preset(preset).source;
        } catch (const Error& e) {
            throw Usage{std::string("--") + e.what()};
        }
    }
    TransformerSpec s;
    TransformerQuery q;
    TransformerReport r;
    try {
        s = transformer_spec_apply_json(base, spec.dump());
        q = transformer_query_from_json(query.dump());
        r = count_transformer(s, q);
    } catch (const Error& e) {
        throw Usage{e.what()};
    }
    if (json_out) {
        nlohmann::ordered_json j = nlohmann::ordered_json::parse(transformer_report_to_json(r));
        j["source"] = source;
        std::printf("%s\n", j.dump(2).c_str());
    } else {
        print_report(r, source);
    }
    return 0;
}

}  // namespace

bool count_is_transformer(int argc, char** argv) {
    for (int i = 0; i < argc; ++i) {
        const std::string n = flag_name(argv[i]);
        if (n == "--preset" || n == "--hf-config" || spec_flags().count(n) || query_flags().count(n)) return true;
    }
    return false;
}

int count_transformer(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const Usage& e) {
        std::fprintf(stderr, "nnplay count: %s\n(see 'nnplay help count')\n", e.msg.c_str());
        return 2;
    } catch (const Failed& e) {
        std::fprintf(stderr, "nnplay count: %s\n", e.msg.c_str());
        return 1;
    }
}

}  // namespace nn::cli
