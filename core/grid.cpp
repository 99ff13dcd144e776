// Grid evaluation for heatmaps: features for every cell centre, forwarded in
// chunks through the same kernels as training, then transposed per neuron.
#include "grid.h"

#include <algorithm>
#include <cmath>
#include <string>
#include "error.h"
#include "pmath.h"

namespace nn {
namespace {
constexpr size_t kChunk = 1024;
// res² × neurons floats; 2^26 floats = 256 MiB, the most a tab should hold for maps.
constexpr int64_t kMaxGridFloats = int64_t(1) << 26;
}  // namespace

GridResult evaluate_grid(const Network& net, const GridSpec& spec, Workspace& ws) {
    if (spec.resolution < 2 || spec.resolution > 1000)
        throw Error("grid: resolution must be between 2 and 1000, got " +
                    std::to_string(spec.resolution));
    if (!(std::isfinite(spec.x_min) && std::isfinite(spec.x_max) && spec.x_min < spec.x_max) ||
        !(std::isfinite(spec.y_min) && std::isfinite(spec.y_max) && spec.y_min < spec.y_max))
        throw Error("grid: the range must be finite with xMin < xMax and yMin < yMax");
    if (spec.features.size() != net.inputs())
        throw Error("grid: " + std::to_string(spec.features.size()) +
                    " features for a network with " + std::to_string(net.inputs()) + " inputs");
    const size_t res = size_t(spec.resolution), cells = res * res;
    const size_t L = net.num_layers(), in = net.inputs();
    int64_t neurons = 0;
    for (size_t l = 0; l < L; ++l) neurons += int64_t(net.layer_out(l));
    if (spec.neurons && int64_t(cells) * neurons > kMaxGridFloats)
        throw Error("grid: " + std::to_string(res) + "×" + std::to_string(res) + " maps for " +
                    format_thousands(neurons) + " neurons need " +
                    format_bytes(int64_t(cells) * neurons * 4) + "; the limit is " +
                    format_bytes(kMaxGridFloats * 4) + " (lower the resolution or skip neuron maps)");

    GridResult r;
    r.resolution = spec.resolution;
    r.output.resize(cells);
    if (spec.neurons) {
        r.neurons.resize(L);
        for (size_t l = 0; l < L; ++l) r.neurons[l].resize(net.layer_out(l) * cells);
    }
    const double dx = (spec.x_max - spec.x_min) / double(res);
    const double dy = (spec.y_max - spec.y_min) / double(res);
    const size_t chunk = net.chunk_rows(kChunk);
    std::vector<float> xin(chunk * in);
    for (size_t c0 = 0; c0 < cells; c0 += chunk) {
        size_t n = std::min(chunk, cells - c0);
        for (size_t k = 0; k < n; ++k) {
            size_t c = c0 + k, row = c / res, col = c % res;
            double x1 = spec.x_min + (double(col) + 0.5) * dx;
            double x2 = spec.y_max - (double(row) + 0.5) * dy;
            compute_features(spec.features, x1, x2, xin.data() + k * in);
        }
        const float* out = net.forward(xin.data(), n, ws);
        const size_t no = net.outputs();
        for (size_t k = 0; k < n; ++k) r.output[c0 + k] = out[k * no];
        if (spec.neurons) {
            for (size_t l = 0; l < L; ++l) {
                const size_t u = net.layer_out(l);
                const float* a = ws.a[l].data();
                float* dst = r.neurons[l].data();
                // Blocks of 16 units: 16 write streams (one per map) and one 64-byte
                // read per point, instead of u streams, which thrash the cache when
                // u is in the hundreds.
                constexpr size_t kUnits = 16;
                for (size_t j0 = 0; j0 < u; j0 += kUnits) {
                    const size_t j1 = std::min(u, j0 + kUnits);
                    for (size_t k = 0; k < n; ++k) {
                        const float* src = a + k * u;
                        float* d = dst + c0 + k;
                        for (size_t j = j0; j < j1; ++j) d[j * cells] = src[j];
                    }
                }
            }
        }
    }
    return r;
}

}  // namespace nn
