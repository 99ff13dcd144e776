// Exact parameter, memory and compute accounting for transformer stacks (issue 13).
// Owns every number the CLI, the JS API, the Scale view and the widget show about a
// transformer; never allocates a weight, so a 70B model counts in microseconds. All
// arithmetic is checked int64: a product that would overflow is refused with nn::Error
// naming the component, never wrapped.
//
// What is counted, as Hugging Face's `sum(p.numel() for p in model.parameters())`:
// parameters only, never buffers (rotary inv_freq, GPT-2's causal-mask `bias`). The
// stack is pre-norm or post-norm alike (two norms per block either way); BERT is
// BertModel (embeddings + encoder + pooler, no masked-LM head).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace nn {

enum class MlpKind { gelu, swiglu };       // up+down (2 matrices) | gate+up+down (3)
enum class NormKind { layernorm, rmsnorm };  // weight+bias (2 × width) | weight (width)
enum class PositionKind { learned, rotary }; // context × width table | no parameters

// One transformer description. Field names are the same in the spec JSON, the JS API,
// the page's URL and the CLI (--kv-heads for kv_heads).
struct TransformerSpec {
    std::string name;              // free text, shown only (e.g. "Llama-2-7B")
    int64_t vocab = 32000;
    int64_t width = 4096;          // d_model
    int64_t layers = 32;
    int64_t heads = 32;            // query heads
    int64_t kv_heads = 32;         // = heads: multi-head; 1: multi-query; between: grouped-query
    int64_t head_dim = 0;          // 0: width / heads (which must then divide exactly)
    int64_t mlp_width = 11008;     // d_ff (per expert with MoE)
    MlpKind mlp = MlpKind::swiglu;
    NormKind norm = NormKind::rmsnorm;
    PositionKind positions = PositionKind::rotary;
    int64_t context = 4096;        // learned position table rows; default KV-cache length
    bool tied = false;             // output head shares the token embedding matrix
    bool qkv_bias = false;         // biases on q, k, v projections
    bool out_bias = false;         // bias on the attention output projection
    bool mlp_bias = false;         // biases on the MLP matrices
    bool final_norm = true;        // a norm after the last block (GPT-2 ln_f, Llama norm)
    bool embedding_norm = false;   // a norm after the embeddings (BERT)
    int64_t token_types = 0;       // token-type (segment) embedding rows; 0 = none (BERT: 2)
    bool pooler = false;           // BERT pooler: width × width + width
    bool lm_head = true;           // an output head onto the vocabulary (BERT's BertModel: no)
    int64_t experts = 1;           // MoE experts per MLP; 1 = dense
    int64_t experts_per_token = 1; // experts used per token (≤ experts)
};

// What to assume for memory and compute figures.
struct TransformerQuery {
    int64_t group_size = 128;      // INT8/INT4: one FP16 scale per this many weights of a row
    int64_t kv_context = 0;        // KV-cache tokens per sequence; 0 = spec.context
    int64_t batch = 1;             // sequences in the KV cache
};

// Throws nn::Error naming the field: sizes < 1, heads not dividing width (when head_dim
// is 0), kv_heads not dividing heads, experts_per_token outside 1..experts, …
void validate_transformer(const TransformerSpec& s);
void validate_query(const TransformerQuery& q);

// One kind of tensor, e.g. "q" in every block: shape of one copy and how many copies.
struct TensorCount {
    std::string name;        // "token embedding", "q", "MLP up", "final norm", …
    std::string part;        // embeddings | attention | mlp | norms | head
    bool matrix = true;      // a 2-D weight (in × out) or a 1-D vector (norm scale/bias)
    int64_t in = 0, out = 0; // matrix: in × out (embedding: rows = out = width, in = rows)
    int64_t weights = 0;     // per copy: in × out, or the vector's length
    int64_t biases = 0;      // per copy
    int64_t copies = 1;      // layers, or layers × experts
    int64_t active_copies = 1;  // used per token (MoE: layers × experts_per_token)
    int64_t params = 0;      // (weights + biases) × copies; 0 for a tied head
    int64_t active_params = 0;
    int64_t macs_per_token = 0;  // weights × active_copies for matmuls (not lookups)
    bool tied = false;       // the output head that reuses the token embedding
    bool in_block = false;   // part of every transformer block (copies = layers [× experts])
    std::string note;        // "tied to the token embedding", "RMSNorm: weight only", …
};

struct PartTotals {
    int64_t embeddings = 0, attention = 0, mlp = 0, norms = 0, head = 0;
};

struct PrecisionBytes {
    std::string name;        // fp32 | bf16 | int8 | int4
    int64_t bytes = 0;
    std::string rule;        // how the bytes were counted
};

struct KvPoint {
    int64_t context = 0;
    int64_t bytes = 0;       // at 2 B per element (FP16/BF16), for query.batch sequences
};

struct TransformerReport {
    TransformerSpec spec;
    TransformerQuery query;
    int64_t head_dim = 0;                 // resolved
    std::vector<TensorCount> tensors;
    PartTotals parts;                     // total parameters per part
    int64_t params = 0;                   // total
    int64_t active_params = 0;            // per token (= params without MoE)
    int64_t block_params = 0;             // one block (all experts)
    int64_t stack_params = 0;             // block_params × layers
    int64_t weights = 0, biases = 0;      // matrices + norm vectors count as weights
    std::vector<PrecisionBytes> storage;  // fp32, bf16, int8, int4
    // KV cache: 2 (K, V) × layers × kv_heads × head_dim elements per token.
    int64_t kv_elements_per_token = 0;
    int64_t kv_context = 0;
    int64_t kv_bytes_fp16 = 0;            // × kv_context × batch × 2 B
    int64_t kv_bytes_int8 = 0;            // × 1 B
    std::vector<KvPoint> kv_curve;        // contexts 512, 1024, … up to max(2^17, kv_context)
    // Training with Adam in FP32: weights, gradients, first and second moments, 4 B each.
    int64_t train_weights = 0, train_grads = 0, train_adam_m = 0, train_adam_v = 0, train_total = 0;
    // Forward FLOPs per token = 2 × multiply-adds. matmul: every weight matrix a token
    // goes through (active experts, output head; not the embedding lookups). attention:
    // QKᵀ and A·V for a token that attends to kv_context positions,
    // 2 × layers × heads × head_dim × kv_context multiply-adds.
    int64_t macs_matmul = 0, macs_attention = 0;
    int64_t flops_matmul = 0, flops_attention = 0, flops_total = 0;
};

TransformerReport count_transformer(const TransformerSpec& s, const TransformerQuery& q = {});

// The spec and query as JSON (the format of the JS API, the page's link and --json),
// and back: unknown keys and wrong types are refused naming the key.
std::string transformer_spec_to_json(const TransformerSpec& s);
// Keys absent from the JSON keep TransformerSpec's defaults (Llama-2-7B's shape), or the
// values of "preset": "<id>" when given; apply_json starts from `base` instead.
TransformerSpec transformer_spec_from_json(const std::string& text);
TransformerSpec transformer_spec_apply_json(const TransformerSpec& base, const std::string& text);
TransformerQuery transformer_query_from_json(const std::string& text);
std::string transformer_report_to_json(const TransformerReport& r);

// Presets from published config.json values (see core/transformer_presets.cpp).
struct TransformerPreset {
    std::string id;          // "llama-2-7b"
    std::string source;      // "meta-llama/Llama-2-7b-hf config.json"
    TransformerSpec spec;
};
const std::vector<TransformerPreset>& transformer_presets();
// Throws nn::Error listing the allowed ids.
const TransformerPreset& transformer_preset(const std::string& id);

// "13.48 GB" (10^9 B) and "12.55 GiB" (2^30 B), two decimals; below 10^6 B / 1 MiB the
// unit steps down (kB/KiB, MB/MiB). Exact bytes are always shown beside them.
std::string format_gb(int64_t bytes);
std::string format_gib(int64_t bytes);

const char* mlp_kind_name(MlpKind k);
const char* norm_kind_name(NormKind k);
const char* position_kind_name(PositionKind k);

}  // namespace nn
