// libFuzzer target: the model file reader. Any input must either give a model or throw
// nn::Error; anything else (a crash, a sanitizer report, another exception type) is a bug.
// A model that reads must also load into a Network, and writing that network back out
// must read again to the same bits (the writer and reader agree on every accepted file).
#include <cstdint>
#include <cstring>
#include <string_view>

#include "error.h"
#include "model_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    nn::ModelFile m;
    try {
        m = nn::model_from_json(text);
    } catch (const nn::Error&) {
        return 0;  // rejected with a message: fine
    }
    // The reader checked every shape, so loading must not throw.
    nn::Network net = nn::network_from_model(m);
    nn::ModelFile back = nn::model_from_network(net, m);
    nn::ModelFile again = nn::model_from_json(nn::model_to_json(back));
    if (again.weights.size() != m.weights.size()) __builtin_trap();
    for (size_t l = 0; l < m.weights.size(); ++l) {
        if (again.weights[l].size() != m.weights[l].size() ||
            again.biases[l].size() != m.biases[l].size())
            __builtin_trap();
        // bit-exact, so -0.0 and 0.0 are told apart
        if (!m.weights[l].empty() &&
            std::memcmp(again.weights[l].data(), m.weights[l].data(), m.weights[l].size() * 4) != 0)
            __builtin_trap();
        if (!m.biases[l].empty() &&
            std::memcmp(again.biases[l].data(), m.biases[l].data(), m.biases[l].size() * 4) != 0)
            __builtin_trap();
    }
    if (again.features != m.features || again.dataset != m.dataset || again.seed != m.seed ||
        again.epochs != m.epochs || again.init != m.init)
        __builtin_trap();
    // One forward pass: the loaded network must run on any input.
    std::vector<float> x(net.inputs(), 0.5f);
    nn::Workspace ws;
    net.forward(x.data(), 1, ws);
    return 0;
}
