// When classification training is stuck: the training loss has stopped moving while the
// accuracy is no better than always answering the most common class. The rule lives here (the
// core), so the page, the widgets, the JS API and the CLI say the same thing. Divergence (NaN or
// infinite loss) is the trainer's other stop rule (trainer.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "dataset.h"
#include "network.h"

namespace nn {

struct StallRule {
    size_t window = 50;          // epochs the loss must stay flat
    double flat = 1e-3;          // (max - min) / max over the window at most this
    double chance_margin = 0.05; // accuracy at most the majority share + this
    double saturated = 0.9;      // a unit is saturated if it is on ≥ this share of rows
    size_t rows = 512;           // training rows looked at for saturation
};

struct StallCheck {
    bool stalled = false;
    double chance = 0;           // share of the most common class in the training rows
    size_t saturated = 0, hidden = 0;  // saturated hidden units / hidden units that can saturate
    std::string message;         // "stalled at epoch 120: ...; try ..."
};

// Share of the most common class among d's training rows (0 for regression).
double majority_share(const Dataset& d);

// Hidden units whose gradient is ~0 on ≥ rule.saturated of the first rule.rows training rows:
// tanh |a| > 0.99, sigmoid a < 0.01 or > 0.99, ReLU a ≤ 0 (dead). Other activations never
// count. Returns {saturated, units that can saturate}.
std::pair<size_t, size_t> saturated_units(const Network& net, const Dataset& d,
                                          const StallRule& rule = {});

// recent: the last training losses, oldest first (at least rule.window of them);
// accuracy: the last epoch's training accuracy. Regression never stalls by this rule.
StallCheck check_stall(const Network& net, const Dataset& d, const std::vector<double>& recent,
                       double accuracy, int64_t epoch, const StallRule& rule = {});

}  // namespace nn
