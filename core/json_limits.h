// Cheap checks on JSON text before nlohmann::json sees it (size and nesting), shared by
// the transformer spec and the Hugging Face config readers. Messages name `what`.
#pragma once
#include <string>
#include <string_view>

#include "arch.h"
#include "error.h"

namespace nn {

inline void check_json_text(std::string_view t, size_t max_bytes, int max_depth, const std::string& what) {
    if (t.size() > max_bytes)
        throw Error(what + " is " + format_thousands(int64_t(t.size())) + " bytes; the limit is " +
                    format_thousands(int64_t(max_bytes)) + " bytes (" + format_bytes(int64_t(max_bytes)) + ")");
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (in_str) {
            if (c == '\\') ++i;
            else if (c == '"') in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                throw Error(what + ": JSON nests deeper than " + std::to_string(max_depth) +
                            " levels (at byte " + std::to_string(i) + ")");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

// Parses with the same input adapter as model_io (a string_view's const char* range), so the
// wasm module carries one nlohmann lexer/parser, not one per call style.
template <class Json>
Json parse_json_text(std::string_view t) {
    return Json::parse(t.begin(), t.end());
}

}  // namespace nn
