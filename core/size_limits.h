// Every limit on what nnplay builds, reads and writes, in one place, so that what one
// entry point makes another accepts: new Network (C++, JS, the CLI), the model reader and
// writer, the CSV reader and the CLI all use these numbers, and the JS API reads them
// (nn.limits) instead of keeping copies. What nnplay can save it can load: the model
// file limit is derived below from the largest network and the longest names.
#pragma once
#include <cstddef>
#include <cstdint>

namespace nn {

// Networks that are allocated (counting has no such limit: kMaxCountWidth, arch.h).
// 16,777,216 params = 64 MiB of fp32 weights, 192 MiB with Adam state and gradients:
// what a browser tab can hold without being killed. Refused up front with the size.
constexpr int64_t kMaxTrainParams = 16777216;
constexpr int64_t kMaxTrainWidth = 65536;     // units per layer, and inputs
constexpr int64_t kMaxLayers = 1000;          // hidden + output layers
// Activation buffers of one batch (z, a, and in training dz, da for every layer):
// 2^26 floats = 256 MiB at most, refused up front with the size it would need.
constexpr int64_t kMaxBatchFloats = int64_t(1) << 26;

// Threads one trainer may ask for (TrainOptions::threads). More than the machine has only
// wastes time, but is allowed: results are the same bits for any count.
constexpr int kMaxThreads = 64;

// Names the user gives (CSV column names, which become the model's feature names).
constexpr size_t kMaxNameBytes = 128;
// Any other text field of a model file (training.dataset, training.init, ...).
constexpr size_t kMaxModelTextBytes = 4096;

// CSV text.
constexpr size_t kMaxCsvBytes = 64u << 20;
constexpr size_t kMaxCsvRows = 1000000;
constexpr size_t kMaxCsvColumns = size_t(kMaxTrainWidth) + 1;  // every input and the label

// Model files. The writer prints a float in at most 15 characters plus a comma
// ("-1.17549435e-38,"), and a name in at most 6 bytes per byte ("\u001b") plus quotes and
// a separator. The limit covers the largest network with the longest names and 8 MiB for
// everything else (architecture, settings, whitespace); model_io.cpp checks this sum with
// a static_assert.
constexpr size_t kModelBytesPerParam = 16;
constexpr size_t kMaxModelBytes = size_t(kMaxTrainParams) * kModelBytesPerParam +
                                  size_t(kMaxTrainWidth) * (6 * kMaxNameBytes + 4) + (8u << 20);

}  // namespace nn
