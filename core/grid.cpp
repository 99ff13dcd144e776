// Grid evaluation for heatmaps: features for every cell centre, forwarded through the
// same kernels as training, every neuron's map kept.
#include "grid.h"

#include <algorithm>
#include <cmath>
#include <string>
#include "dense.h"
#include "error.h"

namespace nn {
namespace {
constexpr size_t kChunk = 1024;
// res² × neurons floats; 2^26 floats = 256 MiB, the most a tab should hold for maps.
constexpr int64_t kMaxGridFloats = int64_t(1) << 26;
}  // namespace

std::vector<float> feature_grid(const GridSpec& spec) {
    if (spec.resolution < 2 || spec.resolution > 1000)
        throw Error("grid: resolution must be between 2 and 1000, got " +
                    std::to_string(spec.resolution));
    if (!(std::isfinite(spec.x_min) && std::isfinite(spec.x_max) && spec.x_min < spec.x_max) ||
        !(std::isfinite(spec.y_min) && std::isfinite(spec.y_max) && spec.y_min < spec.y_max))
        throw Error("grid: the range must be finite with xMin < xMax and yMin < yMax");
    const size_t res = size_t(spec.resolution), cells = res * res, k = spec.features.size();
    const double dx = (spec.x_max - spec.x_min) / double(res);
    const double dy = (spec.y_max - spec.y_min) / double(res);
    std::vector<float> out(k * cells), point(k);
    for (size_t c = 0; c < cells; ++c) {
        const size_t row = c / res, col = c % res;
        compute_features(spec.features, spec.x_min + (double(col) + 0.5) * dx,
                         spec.y_max - (double(row) + 0.5) * dy, point.data());
        for (size_t i = 0; i < k; ++i) out[i * cells + c] = point[i];
    }
    return out;
}

GridResult evaluate_grid(const Network& net, const GridSpec& spec) {
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
    const size_t outs = net.outputs();
    r.outputs.resize(cells * outs);
    if (spec.neurons) {
        r.neurons.resize(L);
        for (size_t l = 0; l < L; ++l) r.neurons[l].resize(net.layer_out(l) * cells);
        r.inputs.resize(in * cells);
    }
    // Layers are evaluated transposed, Z (units × cells) = Wᵀ·X + b, with the cells as the
    // vector dimension: each map then comes out of the GEMM already in its final layout
    // (no transposition), and each value is still b[o] + Σ_i W[i,o]·x[i] summed in i order,
    // so the maps equal Network::forward's outputs bit for bit. Cells go in chunks so the
    // buffers stay small when the maps are not kept.
    const double dx = (spec.x_max - spec.x_min) / double(res);
    const double dy = (spec.y_max - spec.y_min) / double(res);
    size_t widest = in;
    for (size_t l = 0; l < L; ++l) widest = std::max(widest, net.layer_out(l));
    const size_t chunk = std::min(cells, kChunk);
    std::vector<float> xin(in * chunk), point(in), tmp[2];
    if (!spec.neurons)
        for (auto& t : tmp) t.resize(widest * chunk);
    std::vector<float> col_z, col_a, zeros;
    for (size_t c0 = 0; c0 < cells; c0 += chunk) {
        const size_t n = std::min(chunk, cells - c0);
        for (size_t k = 0; k < n; ++k) {
            size_t c = c0 + k, row = c / res, col = c % res;
            double x1 = spec.x_min + (double(col) + 0.5) * dx;
            double x2 = spec.y_max - (double(row) + 0.5) * dy;
            compute_features(spec.features, x1, x2, point.data());
            for (size_t i = 0; i < in; ++i) xin[i * n + k] = point[i];
        }
        if (spec.neurons)
            for (size_t i = 0; i < in; ++i) std::copy_n(xin.data() + i * n, n, r.inputs.data() + i * cells + c0);
        const float* prev = xin.data();
        size_t ld_prev = n;
        for (size_t l = 0; l < L; ++l) {
            const size_t ni = net.layer_in(l), no = net.layer_out(l);
            float* dst = spec.neurons ? r.neurons[l].data() + c0 : tmp[l % 2].data();
            const size_t ld = spec.neurons ? cells : n;
            const std::vector<float>& b = net.biases(l);
            const Activation act = net.arch().layers[l].activation;
            // One pass per layer: each sum starts at its bias (row_init) and tanh/relu are
            // applied in registers before the store (the GEMM's epilogue, the same float
            // operations as activation_forward), so no fill pass and no activation pass.
            const GemmEpilogue epi = act == Activation::tanh ? GemmEpilogue::tanh
                                   : act == Activation::relu ? GemmEpilogue::relu
                                                             : GemmEpilogue::none;
            if (b.empty()) zeros.assign(no, 0.0f);
            // A[o, i] = W[i*no + o]: Wᵀ read through strides.
            gemm_simd({no, n, ni, net.weights(l).data(), 1, no, prev, ld_prev, dst, ld, true,
                       b.empty() ? zeros.data() : b.data(), epi});
            if (act == Activation::softmax) {
                // Softmax runs across the units of one cell: gather, apply, scatter.
                col_z.resize(no);
                col_a.resize(no);
                for (size_t k = 0; k < n; ++k) {
                    for (size_t o = 0; o < no; ++o) col_z[o] = dst[o * ld + k];
                    activation_forward(act, col_z.data(), col_a.data(), no, no);
                    for (size_t o = 0; o < no; ++o) dst[o * ld + k] = col_a[o];
                }
            } else if (epi == GemmEpilogue::none && act != Activation::linear) {
                for (size_t o = 0; o < no; ++o)
                    activation_forward(act, dst + o * ld, dst + o * ld, n, n);
            }
            prev = dst;
            ld_prev = ld;
        }
        std::copy_n(prev, n, r.output.data() + c0);  // first output unit
        for (size_t o = 0; o < outs; ++o)
            for (size_t k = 0; k < n; ++k) r.outputs[(c0 + k) * outs + o] = prev[o * ld_prev + k];
    }
    return r;
}

}  // namespace nn
