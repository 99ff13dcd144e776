// Presets: the published config.json values of each model, written as a TransformerSpec.
// The published parameter totals are checked in tests/core/test_transformer.cpp (and by
// tests/transformer/torch_meta_count.py, which builds the layers with torch.nn), not here.
#include <string>

#include "error.h"
#include "transformer.h"

namespace nn {
namespace {

TransformerSpec gpt2(const char* name, int64_t width, int64_t layers, int64_t heads) {
    // openai-community/gpt2*: vocab_size 50257, n_positions 1024, n_inner null (4 × n_embd),
    // Conv1D layers with biases everywhere, LayerNorm, learned positions, tied head.
    TransformerSpec s;
    s.name = name;
    s.vocab = 50257;
    s.width = width;
    s.layers = layers;
    s.heads = s.kv_heads = heads;
    s.mlp_width = 4 * width;
    s.mlp = MlpKind::gelu;
    s.norm = NormKind::layernorm;
    s.positions = PositionKind::learned;
    s.context = 1024;
    s.tied = true;
    s.qkv_bias = s.out_bias = s.mlp_bias = true;
    return s;
}

TransformerSpec llama(const char* name, int64_t vocab, int64_t width, int64_t layers, int64_t heads,
                      int64_t kv_heads, int64_t mlp_width, int64_t context, bool tied = false) {
    // Llama/Mistral/Qwen2 family: RMSNorm, SwiGLU without biases, rotary positions.
    TransformerSpec s;
    s.name = name;
    s.vocab = vocab;
    s.width = width;
    s.layers = layers;
    s.heads = heads;
    s.kv_heads = kv_heads;
    s.mlp_width = mlp_width;
    s.context = context;
    s.tied = tied;
    return s;
}

std::vector<TransformerPreset> make_presets() {
    std::vector<TransformerPreset> p;
    p.push_back({"gpt2", "openai-community/gpt2", gpt2("GPT-2 small", 768, 12, 12)});
    p.push_back({"gpt2-medium", "openai-community/gpt2-medium", gpt2("GPT-2 medium", 1024, 24, 16)});
    p.push_back({"gpt2-large", "openai-community/gpt2-large", gpt2("GPT-2 large", 1280, 36, 20)});
    p.push_back({"gpt2-xl", "openai-community/gpt2-xl", gpt2("GPT-2 XL", 1600, 48, 25)});

    TransformerSpec bert;  // google-bert/bert-base-uncased as BertModel (with the pooler)
    bert.name = "BERT-base";
    bert.vocab = 30522;
    bert.width = 768;
    bert.layers = 12;
    bert.heads = bert.kv_heads = 12;
    bert.mlp_width = 3072;
    bert.mlp = MlpKind::gelu;
    bert.norm = NormKind::layernorm;
    bert.positions = PositionKind::learned;
    bert.context = 512;
    bert.qkv_bias = bert.out_bias = bert.mlp_bias = true;
    bert.final_norm = false;  // post-norm: the norms sit after attention and MLP
    bert.embedding_norm = true;
    bert.token_types = 2;
    bert.pooler = true;
    bert.lm_head = false;
    p.push_back({"bert-base", "google-bert/bert-base-uncased (BertModel)", bert});

    p.push_back({"llama-2-7b", "meta-llama/Llama-2-7b-hf",
                 llama("Llama-2-7B", 32000, 4096, 32, 32, 32, 11008, 4096)});
    p.push_back({"llama-2-13b", "meta-llama/Llama-2-13b-hf",
                 llama("Llama-2-13B", 32000, 5120, 40, 40, 40, 13824, 4096)});
    p.push_back({"llama-2-70b", "meta-llama/Llama-2-70b-hf",
                 llama("Llama-2-70B", 32000, 8192, 80, 64, 8, 28672, 4096)});
    p.push_back({"llama-3-8b", "meta-llama/Meta-Llama-3-8B",
                 llama("Llama-3-8B", 128256, 4096, 32, 32, 8, 14336, 8192)});
    p.push_back({"mistral-7b", "mistralai/Mistral-7B-v0.1",
                 llama("Mistral-7B-v0.1", 32000, 4096, 32, 32, 8, 14336, 32768)});

    TransformerSpec qwen7 = llama("Qwen2-7B", 152064, 3584, 28, 28, 4, 18944, 131072);
    qwen7.qkv_bias = true;  // Qwen2Attention: q/k/v with bias, o_proj without
    p.push_back({"qwen2-7b", "Qwen/Qwen2-7B", qwen7});
    TransformerSpec qwen05 = llama("Qwen2-0.5B", 151936, 896, 24, 14, 2, 4864, 131072, true);
    qwen05.qkv_bias = true;
    p.push_back({"qwen2-0.5b", "Qwen/Qwen2-0.5B", qwen05});

    TransformerSpec mixtral = llama("Mixtral-8x7B", 32000, 4096, 32, 32, 8, 14336, 32768);
    mixtral.experts = 8;
    mixtral.experts_per_token = 2;
    p.push_back({"mixtral-8x7b", "mistralai/Mixtral-8x7B-v0.1", mixtral});
    return p;
}

}  // namespace

const std::vector<TransformerPreset>& transformer_presets() {
    static const std::vector<TransformerPreset> presets = make_presets();
    return presets;
}

const TransformerPreset& transformer_preset(const std::string& id) {
    for (const TransformerPreset& p : transformer_presets())
        if (p.id == id) return p;
    std::string list;
    for (const TransformerPreset& p : transformer_presets()) list += (list.empty() ? "" : ", ") + p.id;
    throw Error("preset: unknown preset " + nn::quoted(id) + "; allowed: " + list);
}

}  // namespace nn
