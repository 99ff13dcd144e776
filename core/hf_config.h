// Reads a Hugging Face config.json into a TransformerSpec (issue 13). Owns the mapping
// from each model_type's documented fields to the spec; never guesses a size: the fields
// that set a size (vocab_size, hidden_size, …) are required, because transformers would
// silently fill a missing one with its default 7B-model value. Switches (tie_word_embeddings,
// attention_bias, num_key_value_heads, n_inner, …) take the defaults the transformers
// configuration classes document. Every error names the config.json field.
#pragma once
#include <string>
#include <vector>

#include "transformer.h"

namespace nn {

// model_type values read: gpt2, llama, mistral, mixtral, qwen2, bert.
const std::vector<std::string>& hf_model_types();

// config.json text (at most kMaxHfConfigBytes) → spec. Throws nn::Error starting with
// "config.json: " naming the field for unknown model types, missing, mistyped or
// contradictory fields.
constexpr size_t kMaxHfConfigBytes = 1 << 20;  // 1 MiB; real files are a few kB
TransformerSpec transformer_from_hf_config(const std::string& text);

}  // namespace nn
