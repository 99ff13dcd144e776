// TF Playground's own data and initial weights, for links that train "as there" (the
// `tfMode` link setting, docs/training.md). On load the page seeds Math.random with the
// link's seed text (TfRandom), generates its 500 (classification) or 1,200 (regression)
// points with dataset.ts's formulas, shuffles them in place, splits them at
// floor(n · percTrainData / 100), and only then builds the network, drawing every weight
// as Math.random() − 0.5 in layer → node → incoming-link order (biases 0.1). Generation
// and shuffle consume a number of Math.random() calls that the weights continue after.
// Elementary functions come from pmath, so WASM and native agree bit for bit. No I/O.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "dataset.h"
#include "network.h"

namespace nn {

struct TfDataOptions {
    std::string name = "circle";  // circle, xor, gauss, spiral, plane, multigauss
    double noise = 0;             // 0..0.5 (the slider's percent / 100)
    int perc_train = 50;          // percTrainData, 1..100 (a whole percent, as TF holds it)
    std::string seed = "1";       // the link's seed text, as Math.seedrandom gets it
};
const char* tf_dataset_names_list();  // "circle, xor, gauss, spiral, plane, multigauss"
bool is_tf_dataset(const std::string& name);

// TF's data in TF's row order (train rows first), features computed as make_dataset does.
// *draws (if given) = the Math.random() calls generation and shuffle took.
Dataset tf_playground_dataset(const TfDataOptions& o, const std::vector<Feature>& features,
                              uint64_t* draws = nullptr);
// The draws tf_playground_dataset would take, without building the dataset.
uint64_t tf_playground_draws(const TfDataOptions& o);

// TF Playground's initial weights: Math.random() − 0.5 continuing TfRandom(seed) after
// `skip` calls, for each layer, each of its units, each incoming link; biases 0.1.
void tf_playground_init(Network& net, const std::string& seed, uint64_t skip);

}  // namespace nn
