// Model files: versioned JSON (format "nnplay-model", version 1). Weights are
// written with enough digits that float32 values round-trip exactly. Reading
// validates every field and names the offending one in the error.
// The format is documented in docs/model-format.md.
#pragma once
#include <string>
#include <string_view>
#include "network.h"
#include "dataset.h"
#include "size_limits.h"
#include "optim.h"

namespace nn {

struct ModelFile {
    Architecture arch;
    Loss loss = Loss::half_mse;
    std::vector<std::vector<float>> weights, biases;
    // Informational training settings (not needed to run the model).
    std::vector<std::string> features;  // input names, e.g. x1, x2, sinx1
    std::string init = "glorot_uniform";
    OptimizerSettings optimizer;
    int64_t batch_size = 10;
    int64_t epochs = 0;
    uint64_t seed = 1;
    std::string dataset;
};

// kMaxModelBytes (and why it is what it is) is in size_limits.h.

std::string model_to_json(const ModelFile& m);
ModelFile model_from_json(std::string_view text);  // throws nn::Error("model: field 'layers[1].units': ...")

// The network's architecture, loss, weights and biases; the informational training
// settings (features, init, optimizer, batch size, epochs, seed, dataset) come from
// `settings`, or keep their defaults.
ModelFile model_from_network(const Network& net, const ModelFile& settings = ModelFile());
Network network_from_model(const ModelFile& m);

}  // namespace nn
