// Parameter accounting with checked 64-bit arithmetic: every product and sum goes
// through mul/add helpers that throw instead of wrapping.
#include "arch.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include "error.h"

namespace nn {
namespace {

int64_t mul(int64_t a, int64_t b, const char* what) {
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r))
        throw Error(std::string("count: ") + what + " overflows a 64-bit integer (" +
                    std::to_string(a) + " × " + std::to_string(b) + ")");
    return r;
}

int64_t add(int64_t a, int64_t b, const char* what) {
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        throw Error(std::string("count: ") + what + " overflows a 64-bit integer");
    return r;
}

std::string width_error(const std::string& where, int64_t v) {
    return where + ": units must be between 1 and " + format_thousands(kMaxCountWidth) +
           ", got " + std::to_string(v);
}

}  // namespace

void validate_architecture(const Architecture& a) {
    if (a.inputs < 1 || a.inputs > kMaxCountWidth) throw Error(width_error("inputs", a.inputs));
    if (a.layers.empty()) throw Error("network: needs at least one layer (the output layer)");
    for (size_t l = 0; l < a.layers.size(); ++l) {
        const LayerSpec& s = a.layers[l];
        if (s.units < 1 || s.units > kMaxCountWidth)
            throw Error(width_error("layer " + std::to_string(l + 1), s.units));
        if (s.activation == Activation::softmax && l + 1 != a.layers.size())
            throw Error("layer " + std::to_string(l + 1) +
                        ": softmax is only allowed on the output layer");
    }
}

ParamReport count_parameters(const Architecture& a) {
    validate_architecture(a);
    ParamReport r;
    int64_t prev = a.inputs;
    int64_t inference = 0;
    int64_t training = a.inputs;
    for (const LayerSpec& s : a.layers) {
        BlockCount b;
        b.in = prev;
        b.out = s.units;
        b.weights = mul(prev, s.units, "weights");
        b.biases = s.bias ? s.units : 0;
        b.params = add(b.weights, b.biases, "parameters");
        b.macs = b.weights;
        r.weights = add(r.weights, b.weights, "total weights");
        r.biases = add(r.biases, b.biases, "total biases");
        r.params = add(r.params, b.params, "total parameters");
        r.macs = add(r.macs, b.macs, "total multiply-adds");
        r.neurons = add(r.neurons, s.units, "neurons");
        // Inference ping-pongs between two buffers: the input and output of one block.
        inference = std::max(inference, add(prev, s.units, "activation memory"));
        // Training keeps z and a for every layer (2 × units) besides the input.
        training = add(training, mul(2, s.units, "activation memory"), "activation memory");
        int64_t int4_block = add(add(b.params, 1, "int4 storage") / 2, 4, "int4 storage");
        r.storage.int4 = add(r.storage.int4, int4_block, "int4 storage");
        r.storage.int8 = add(r.storage.int8, add(b.params, 4, "int8 storage"), "int8 storage");
        r.blocks.push_back(b);
        prev = s.units;
    }
    r.storage.fp32 = mul(r.params, 4, "fp32 storage");
    r.storage.fp16 = mul(r.params, 2, "fp16 storage");
    r.optimizer_sgd = 0;
    r.optimizer_momentum = r.params;
    r.optimizer_adam = mul(r.params, 2, "Adam state");
    r.activations_inference = inference;
    r.activations_training = training;
    return r;
}

std::string format_thousands(int64_t v) {
    // Work on the unsigned magnitude so INT64_MIN formats too.
    bool neg = v < 0;
    uint64_t m = neg ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    std::string digits = std::to_string(m);
    std::string out;
    int n = int(digits.size());
    for (int i = 0; i < n; ++i) {
        out += digits[size_t(i)];
        int left = n - 1 - i;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    return neg ? "-" + out : out;
}

std::string format_bytes(int64_t bytes) {
    static const char* units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) return std::to_string(bytes) + " B";
    double v = double(bytes);
    int u = -1;
    while (v >= 1024.0 && u < 5) {
        v /= 1024.0;
        ++u;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

}  // namespace nn
