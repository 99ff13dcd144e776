// Evaluates a 2-D network over a grid of (x1, x2) points: the decision-boundary
// heatmap (every output unit) and every neuron's thumbnail map, in one batched forward
// pass. The features of each cell come from compute_features (pmath), as in training:
// the page, the widgets and the API draw only what this returns.
#pragma once
#include <vector>
#include "dataset.h"
#include "network.h"

namespace nn {

struct GridSpec {
    double x_min = -6, x_max = 6, y_min = -6, y_max = 6;
    int resolution = 100;           // 2..1000; cells are sampled at their centres
    std::vector<Feature> features;  // how (x1, x2) become the network's inputs
    bool neurons = true;            // also return every unit's map
};

struct GridResult {
    int resolution = 0;
    // Row-major, row 0 is y_max (top of the picture), column 0 is x_min.
    std::vector<float> output;                   // first output unit, (res*res)
    std::vector<float> outputs;                  // every output unit, (res*res, outputs):
                                                 // Network::predict's layout, for k-class maps
    std::vector<std::vector<float>> neurons;     // per layer: (units, res*res)
    std::vector<float> inputs;                   // with neurons: every input feature's map,
                                                 // (features, res*res), as the network sees it
};

// Every feature's map over the grid, without a network: (features, res*res), the values
// evaluate_grid's `inputs` holds (same cells, compute_features). For the page's pictures of
// features the network does not use. Throws nn::Error if the spec is out of range.
std::vector<float> feature_grid(const GridSpec& spec);

// Throws nn::Error if features.size() != net.inputs() or the spec is out of range.
GridResult evaluate_grid(const Network& net, const GridSpec& spec);
// The same into `into`, whose arrays are resized and overwritten: called again with the same
// spec (a map redrawn while training) it allocates nothing and fills nothing it does not
// compute. Every value equals the fresh result's bit for bit. A refused spec leaves `into` as it was.
void evaluate_grid(const Network& net, const GridSpec& spec, GridResult& into);

}  // namespace nn
