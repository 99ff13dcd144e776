// Transformer accounting: every preset against its published total (Hugging Face
// `model.num_parameters()`, as printed on the model cards and in the papers' tables), the
// config.json reader against the presets, memory/FLOP figures with their arithmetic, and
// bad input. Random stacks against an independent BigInt formula live in
// tests/js/transformer.test.mjs; torch.nn layer shapes in tests/transformer/torch_meta_count.py.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "error.h"
#include "hf_config.h"
#include "transformer.h"

using namespace nn;

static int64_t total(const char* id) { return count_transformer(transformer_preset(id).spec).params; }

static std::string read_sample(const std::string& name) {
    std::ifstream in(std::string(NNPLAY_SOURCE_DIR) + "/tests/transformer/hf/" + name, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST_CASE("GPT-2 small = 124,439,808 parameters (HF GPT2LMHeadModel, tied head)", "[transformer]") {
    TransformerReport r = count_transformer(transformer_preset("gpt2").spec);
    CHECK(r.params == 124439808);
    // 50,257 × 768 = 38,597,376 token + 1,024 × 768 = 786,432 position
    CHECK(r.parts.embeddings == 38597376 + 786432);
    // per block 12 × 768² + 13 × 768 = 7,087,872; × 12 layers
    CHECK(r.block_params == 7087872);
    CHECK(r.parts.head == 0);  // tied
    CHECK(r.tensors.back().tied);
}

TEST_CASE("the other GPT-2 sizes", "[transformer]") {
    CHECK(total("gpt2-medium") == 354823168);
    CHECK(total("gpt2-large") == 774030080);
    CHECK(total("gpt2-xl") == 1557611200);
}

TEST_CASE("Llama-2-7B = 6,738,415,616", "[transformer]") {
    TransformerReport r = count_transformer(transformer_preset("llama-2-7b").spec);
    CHECK(r.params == 6738415616LL);
    // block: 4 × 4,096² + 3 × 4,096 × 11,008 + 2 × 4,096 = 202,383,360
    CHECK(r.block_params == 202383360);
    CHECK(r.parts.embeddings == 131072000);  // 32,000 × 4,096
    CHECK(r.parts.head == 131072000);        // untied
    CHECK(r.parts.norms == 65 * 4096);       // 2 per block + final
}

TEST_CASE("Llama 2 13B/70B, Llama 3 8B, Mistral 7B, Qwen2, BERT, Mixtral", "[transformer]") {
    CHECK(total("llama-2-13b") == 13015864320LL);
    CHECK(total("llama-2-70b") == 68976648192LL);
    CHECK(total("llama-3-8b") == 8030261248LL);
    CHECK(total("mistral-7b") == 7241732096LL);
    CHECK(total("qwen2-7b") == 7615616512LL);
    CHECK(total("qwen2-0.5b") == 494032768LL);
    CHECK(total("bert-base") == 109482240LL);
    TransformerReport m = count_transformer(transformer_preset("mixtral-8x7b").spec);
    CHECK(m.params == 46702792704LL);
    // active: total − 6 unused experts × 3 × 4,096 × 14,336 × 32 layers
    CHECK(m.active_params == 46702792704LL - 6LL * 3 * 4096 * 14336 * 32);
    CHECK(m.active_params == 12879925248LL);
}

TEST_CASE("config.json samples read into the presets' specs", "[transformer][hf]") {
    const std::pair<const char*, const char*> pairs[] = {
        {"gpt2.json", "gpt2"},           {"gpt2-xl.json", "gpt2-xl"},
        {"llama-2-7b.json", "llama-2-7b"}, {"llama-2-70b.json", "llama-2-70b"},
        {"llama-3-8b.json", "llama-3-8b"}, {"mistral-7b.json", "mistral-7b"},
        {"mixtral-8x7b.json", "mixtral-8x7b"}, {"qwen2-7b.json", "qwen2-7b"},
        {"qwen2-0.5b.json", "qwen2-0.5b"}, {"bert-base-uncased.json", "bert-base"},
    };
    for (auto [file, id] : pairs) {
        INFO(file);
        TransformerSpec s = transformer_from_hf_config(read_sample(file));
        TransformerSpec p = transformer_preset(id).spec;
        s.name = p.name;
        CHECK(transformer_spec_to_json(s) == transformer_spec_to_json(p));
        CHECK(count_transformer(s).params == count_transformer(p).params);
    }
}

TEST_CASE("storage: FP32/BF16 per parameter, INT8/INT4 with one FP16 scale per group", "[transformer]") {
    TransformerReport r = count_transformer(transformer_preset("llama-2-7b").spec);
    REQUIRE(r.storage.size() == 4);
    CHECK(r.storage[0].bytes == 6738415616LL * 4);
    CHECK(r.storage[1].bytes == 6738415616LL * 2);  // 13.48 GB, the "7B ≈ 14 GB in FP16"
    CHECK(format_gb(r.storage[1].bytes) == "13.48 GB");
    CHECK(format_gib(r.storage[1].bytes) == "12.55 GiB");
    // A hand-counted stack: vocab 10, width 4, 1 layer, 1 head, MLP 6 (GELU, no biases),
    // RMSNorm, rotary, untied. Matrices: embed 10×4, q/k/v/o 4×4, up 4×6, down 6×4, head 4×10;
    // norms 3 × 4.
    TransformerSpec s;
    s.vocab = 10;
    s.width = 4;
    s.layers = 1;
    s.heads = s.kv_heads = 1;
    s.mlp_width = 6;
    s.mlp = MlpKind::gelu;
    TransformerQuery q;
    q.group_size = 3;
    TransformerReport t = count_transformer(s, q);
    CHECK(t.params == 40 + 4 * 16 + 24 + 24 + 40 + 12);  // 204
    // scales (rows × ceil(cols / 3)): embed 10 × 2, q/k/v/o 4 × 2 each, up 6 × 2, down 4 × 2,
    // head 10 × 2 → 20 + 32 + 12 + 8 + 20 = 92 scales × 2 B
    const int64_t matrix_weights = 204 - 12;
    CHECK(t.storage[2].bytes == matrix_weights + 92 * 2 + 12 * 2);
    CHECK(t.storage[3].bytes == matrix_weights / 2 + 92 * 2 + 12 * 2);
}

TEST_CASE("KV cache, Adam training memory and FLOPs per token", "[transformer]") {
    TransformerQuery q;
    q.kv_context = 4096;
    q.batch = 2;
    TransformerReport r = count_transformer(transformer_preset("llama-2-7b").spec, q);
    CHECK(r.kv_elements_per_token == 2 * 32 * 32 * 128);         // 262,144
    CHECK(r.kv_bytes_fp16 == 262144LL * 4096 * 2 * 2);           // 4 GiB
    CHECK(r.train_total == 6738415616LL * 16);                   // 4 × 4 B per parameter
    // matmuls: every weight but the token embedding (a lookup); ×2 FLOPs
    CHECK(r.macs_matmul == 6738415616LL - 131072000 - 65 * 4096);
    CHECK(r.flops_matmul == 2 * r.macs_matmul);
    CHECK(r.flops_attention == 2LL * 2 * 32 * 32 * 128 * 4096);
    // GQA: Llama-2-70B keeps 8 kv heads: 2 × 80 × 8 × 128 = 163,840 values per token
    CHECK(count_transformer(transformer_preset("llama-2-70b").spec).kv_elements_per_token == 163840);
}

TEST_CASE("bad stacks are refused naming the field", "[transformer][errors]") {
    TransformerSpec s;
    s.heads = 30;  // 4096 / 30
    REQUIRE_THROWS_WITH(count_transformer(s), Catch::Contains("heads: 30 does not divide width 4,096"));
    s = TransformerSpec{};
    s.kv_heads = 5;
    REQUIRE_THROWS_WITH(count_transformer(s), Catch::Contains("kv_heads: 5 does not divide heads 32"));
    s = TransformerSpec{};
    s.layers = 0;
    REQUIRE_THROWS_WITH(count_transformer(s), Catch::Contains("layers: must be a whole number ≥ 1"));
    s = TransformerSpec{};
    s.vocab = -3;
    REQUIRE_THROWS_WITH(count_transformer(s), Catch::Contains("vocab: must be a whole number ≥ 1"));
    s = TransformerSpec{};
    s.experts_per_token = 2;
    REQUIRE_THROWS_WITH(count_transformer(s), Catch::Contains("experts_per_token: must be between 1 and experts (1)"));
    s = TransformerSpec{};
    s.width = 4096LL << 32;  // 2^44: vocab × width fits, but width² in q overflows
    s.heads = s.kv_heads = 1;
    REQUIRE_THROWS_WITH(count_transformer(s), Catch::Contains("overflows a 64-bit integer"));
    s = TransformerSpec{};
    s.vocab = INT64_MAX;
    REQUIRE_THROWS_WITH(count_transformer(s), Catch::Contains("token embedding weights overflows"));
}

TEST_CASE("spec JSON: presets, overrides and refusals", "[transformer][errors]") {
    TransformerSpec s = transformer_spec_from_json(R"({"preset":"llama-2-7b","kv_heads":"8","layers":2})");
    CHECK(s.kv_heads == 8);
    CHECK(s.layers == 2);
    CHECK(s.width == 4096);
    REQUIRE_THROWS_WITH(transformer_spec_from_json(R"({"preset":"gpt5"})"), Catch::Contains("unknown preset 'gpt5'; allowed: gpt2"));
    REQUIRE_THROWS_WITH(transformer_spec_from_json(R"({"widht":4})"), Catch::Contains("unknown key 'widht'"));
    REQUIRE_THROWS_WITH(transformer_spec_from_json(R"({"width":4.5})"), Catch::Contains("width: must be a whole number"));
    REQUIRE_THROWS_WITH(transformer_spec_from_json(R"({"mlp":"relu"})"), Catch::Contains("mlp: 'relu' is not allowed; allowed: gelu, swiglu"));
    REQUIRE_THROWS_WITH(transformer_spec_from_json("[1]"), Catch::Contains("must be a JSON object"));
    REQUIRE_THROWS_WITH(transformer_query_from_json(R"({"group_size":0})"), Catch::Contains("group_size: must be a whole number ≥ 1"));
    // The spec round-trips through its JSON.
    for (const TransformerPreset& p : transformer_presets())
        CHECK(transformer_spec_to_json(transformer_spec_from_json(transformer_spec_to_json(p.spec))) ==
              transformer_spec_to_json(p.spec));
}

TEST_CASE("config.json: bad files get an error naming the field", "[transformer][hf][errors]") {
    auto err = [](const std::string& text) {
        try {
            transformer_from_hf_config(text);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    CHECK(err("{not json") == "config.json: not JSON (parse error at byte 3)");
    CHECK(err(std::string(kMaxHfConfigBytes + 1, ' ')).find("config.json is 1,048,577 bytes; the limit is 1,048,576") !=
          std::string::npos);
    CHECK(err(std::string(100, '[')).find("nests deeper than 32 levels") != std::string::npos);
    CHECK(err(R"({"vocab_size":1})") == "config.json: missing field 'model_type'; allowed: gpt2, llama, mistral, mixtral, qwen2, bert");
    CHECK(err(R"({"model_type":"t5"})") == "config.json: model_type 't5' is not read; allowed: gpt2, llama, mistral, mixtral, qwen2, bert");
    CHECK(err(R"({"model_type":"llama","vocab_size":32000,"hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32})") ==
          "config.json: missing field 'intermediate_size' (required for model_type 'llama')");
    CHECK(err(R"({"model_type":"llama","vocab_size":32000,"hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":6})") ==
          "config.json: field 'num_key_value_heads' = 6 does not divide 'num_attention_heads' = 32; allowed: a divisor of num_attention_heads");
    CHECK(err(R"({"model_type":"llama","vocab_size":32000,"hidden_size":4000,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":48})")
              .find("field 'num_attention_heads' = 48 does not divide 'hidden_size' = 4,000") != std::string::npos);
    CHECK(err(R"({"model_type":"gpt2","vocab_size":50257,"n_embd":768,"hidden_size":1024,"n_layer":12,"n_head":12,"n_positions":1024})") ==
          "config.json: contradictory fields 'n_embd' = 768 and 'hidden_size' = 1,024 (the same setting for model_type 'gpt2')");
    CHECK(err(R"({"model_type":"llama","vocab_size":"32000","hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32})") ==
          "config.json: field 'vocab_size' must be a whole number, got string \"32000\"");
    CHECK(err(R"({"model_type":"llama","vocab_size":32000,"hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":0,"num_attention_heads":32})") ==
          "config.json: field 'num_hidden_layers' must be ≥ 1, got 0");
    CHECK(err(R"({"model_type":"mistral","vocab_size":32000,"hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"tie_word_embeddings":"no"})") ==
          "config.json: field 'tie_word_embeddings' must be true or false, got string \"no\"");
    // Sizes that overflow int64 together: each fits, the embedding does not.
    CHECK(err(R"({"model_type":"llama","vocab_size":9000000000000000000,"hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32})") ==
          "(no error)");  // reading only checks fields; counting refuses:
    TransformerSpec big = transformer_from_hf_config(
        R"({"model_type":"llama","vocab_size":9000000000000000000,"hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32})");
    REQUIRE_THROWS_WITH(count_transformer(big), Catch::Contains("token embedding weights overflows a 64-bit integer"));
}

TEST_CASE("documented defaults: n_inner, num_key_value_heads, tie_word_embeddings", "[transformer][hf]") {
    TransformerSpec g = transformer_from_hf_config(
        R"({"model_type":"gpt2","vocab_size":50257,"n_embd":768,"n_layer":12,"n_head":12,"n_positions":1024,"n_inner":null})");
    CHECK(g.mlp_width == 3072);  // 4 × n_embd
    CHECK(g.tied);
    TransformerSpec l = transformer_from_hf_config(
        R"({"model_type":"llama","vocab_size":32000,"hidden_size":4096,"intermediate_size":11008,"num_hidden_layers":32,"num_attention_heads":32})");
    CHECK(l.kv_heads == 32);  // LlamaConfig: None → num_attention_heads
    CHECK(!l.tied);
    CHECK(l.context == 2048);
    TransformerSpec m = transformer_from_hf_config(
        R"({"model_type":"mistral","vocab_size":32000,"hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32})");
    CHECK(m.kv_heads == 8);  // MistralConfig default
}

TEST_CASE("GB and GiB text", "[transformer]") {
    CHECK(format_gb(999) == "999 B");
    CHECK(format_gb(1234567) == "1.23 MB");
    CHECK(format_gb(1995000000) == "2.00 GB");  // half up
    CHECK(format_gib(int64_t(1) << 30) == "1.00 GiB");
    CHECK(format_gib(1536) == "1.50 KiB");
    CHECK(format_gb(INT64_MAX) == "9223372.04 TB");
}

TEST_CASE("mutated config.json files: a spec or an nn::Error, nothing else", "[transformer][hf][errors]") {
    // 3,000 seeded mutations (byte flips, cuts, inserted digits/quotes/brackets) of the samples.
    // Every outcome must be a counted spec or an nn::Error with a message; no other exception.
    const char* files[] = {"gpt2.json", "llama-2-70b.json", "mixtral-8x7b.json", "qwen2-0.5b.json", "bert-base-uncased.json"};
    std::vector<std::string> texts;
    for (const char* f : files) texts.push_back(read_sample(f));
    uint64_t state = 13;
    auto next = [&] { state = state * 6364136223846793005ULL + 1442695040888963407ULL; return uint32_t(state >> 33); };
    const char inserts[] = "0123456789\"{}[],:-e. tf9";
    int counted = 0, refused = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string t = texts[next() % texts.size()];
        for (int k = 0, n = 1 + int(next() % 4); k < n && !t.empty(); ++k) {
            size_t at = next() % t.size();
            switch (next() % 3) {
                case 0: t[at] = inserts[next() % (sizeof inserts - 1)]; break;
                case 1: t.erase(at, 1 + next() % 8); break;
                default: t.insert(at, 1 + next() % 12, inserts[next() % (sizeof inserts - 1)]); break;
            }
        }
        try {
            TransformerReport r = count_transformer(transformer_from_hf_config(t));
            CHECK(r.params > 0);
            ++counted;
        } catch (const Error& e) {
            CHECK(std::string(e.what()).size() > 10);
            ++refused;
        }
    }
    CHECK(counted > 100);
    CHECK(refused > 100);
}

TEST_CASE("a JSON number too large for a double is an nn::Error (nlohmann says out_of_range)", "[transformer][hf][errors]") {
    // Found by the mutation test above: '1e444' made nlohmann throw out_of_range.406, which the
    // CLI did not catch.
    REQUIRE_THROWS_WITH(transformer_from_hf_config(R"({"model_type":"gpt2","x":1e444})"),
                        "config.json: a number does not fit in a double or a 64-bit integer");
    REQUIRE_THROWS_WITH(transformer_spec_from_json(R"({"width":1e444})"),
                        "the transformer spec: a number does not fit in a double or a 64-bit integer");
}
