// The shared model rules (see rules.h). Messages name the setting, the value and what
// would work, because they reach the page, the CLI and the API unchanged.
#include "rules.h"

#include <string>
#include "error.h"

namespace nn {

Loss default_loss(int classes) { return classes > 2 ? Loss::softmax_ce : Loss::half_mse; }

LayerSpec output_layer(int classes, Loss loss) {
    if (classes < 0 || classes == 1)
        throw Error("output layer: the data has " + std::to_string(classes) +
                    " classes; allowed: 0 (regression) or 2 and more");
    LayerSpec out;
    out.bias = true;
    const std::string data = classes == 0 ? std::string("regression data")
                                          : std::to_string(classes) + " classes";
    switch (loss) {
        case Loss::half_mse:
            out.units = classes > 2 ? classes : 1;
            out.activation = classes == 2 ? Activation::tanh : Activation::linear;
            return out;
        case Loss::bce:
            if (classes != 2)
                throw Error("loss bce needs 2 classes (1 sigmoid output), but the data is " + data +
                            (classes == 0 ? "; regression uses half_mse" : "; use softmax_ce"));
            out.units = 1;
            out.activation = Activation::sigmoid;
            return out;
        case Loss::softmax_ce:
            if (classes == 0)
                throw Error("loss softmax_ce needs classes, but the data is regression data; "
                            "regression uses half_mse");
            out.units = classes;
            out.activation = Activation::softmax;
            return out;
    }
    throw Error("output layer: unknown loss");
}

uint64_t seed_from_text(std::string_view text) {
    const bool sized = !text.empty() && text.size() <= 32;
    bool digits = sized, allowed = sized;
    for (char c : text) {
        const bool d = c >= '0' && c <= '9';
        const bool a = d || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
                       c == '_' || c == '-';
        digits = digits && d;
        allowed = allowed && a;
    }
    if (!allowed)
        throw Error("seed " + quoted(text) +
                    " is not a seed; allowed: 1 to 32 letters, digits, '.', '_' or '-' (a whole "
                    "number, or a text like TF Playground's 0.83747)");
    if (digits) {
        // Leading zeros make the text long without making the number large.
        uint64_t v = 0;
        bool fits = true;
        for (char c : text) {
            v = v * 10 + uint64_t(c - '0');
            if (v > kMaxNumberSeed) {
                fits = false;
                break;
            }
        }
        if (fits) return v;  // larger numbers are texts like any other
    }
    // FNV-1a, 64-bit: a fixed, portable hash of the bytes.
    uint64_t h = 0xcbf29ce484222325ull;
    for (char c : text) {
        h ^= uint64_t(static_cast<unsigned char>(c));
        h *= 0x100000001b3ull;
    }
    return h | (uint64_t(1) << 63);
}

}  // namespace nn
