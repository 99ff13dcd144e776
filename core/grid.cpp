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

void check_spec(const GridSpec& spec) {
    if (spec.resolution < 2 || spec.resolution > 1000)
        throw Error("grid: resolution must be between 2 and 1000, got " +
                    std::to_string(spec.resolution));
    if (!(std::isfinite(spec.x_min) && std::isfinite(spec.x_max) && spec.x_min < spec.x_max) ||
        !(std::isfinite(spec.y_min) && std::isfinite(spec.y_max) && spec.y_min < spec.y_max))
        throw Error("grid: the range must be finite with xMin < xMax and yMin < yMax");
}

// The features of every cell, computed as compute_features does (the same double x1, x2 of the
// cell centre, the same expression, one rounding to float) but once per column for features
// of x1 alone and once per row for those of x2 alone: a sin per column instead of per cell.
// x1·x2 is the only feature of both and is multiplied per cell, in double as there.
class GridFeatures {
public:
    explicit GridFeatures(const GridSpec& spec) : res_(size_t(spec.resolution)), f_(spec.features) {
        const double dx = (spec.x_max - spec.x_min) / double(res_);
        const double dy = (spec.y_max - spec.y_min) / double(res_);
        x1_.resize(res_);
        x2_.resize(res_);
        for (size_t i = 0; i < res_; ++i) {
            x1_[i] = spec.x_min + (double(i) + 0.5) * dx;  // column i
            x2_[i] = spec.y_max - (double(i) + 0.5) * dy;  // row i (row 0 at the top)
        }
        table_.resize(f_.size() * res_);
        std::vector<float> v(f_.size());
        for (size_t i = 0; i < res_; ++i) {
            // Column i at row i: every feature of x1 alone is right for column i, every
            // feature of x2 alone for row i.
            compute_features(f_, x1_[i], x2_[i], v.data());
            for (size_t j = 0; j < f_.size(); ++j) table_[j * res_ + i] = v[j];
        }
    }
    // Cells [c0, c0 + n) of every feature into dst[j*ld + k], k = c - c0.
    void fill(size_t c0, size_t n, float* dst, size_t ld) const {
        for (size_t j = 0; j < f_.size(); ++j) {
            float* d = dst + j * ld;
            const float* t = table_.data() + j * res_;
            size_t row = c0 / res_, col = c0 % res_;
            const Feature f = f_[j];
            const bool of_x1 = f == Feature::x1 || f == Feature::x1sq || f == Feature::sinx1;
            for (size_t k = 0; k < n;) {
                const size_t run = std::min(n - k, res_ - col);  // the rest of this row
                if (f == Feature::x1x2)
                    for (size_t i = 0; i < run; ++i) d[k + i] = float(x1_[col + i] * x2_[row]);
                else if (of_x1)
                    std::copy_n(t + col, run, d + k);
                else
                    std::fill_n(d + k, run, t[row]);
                k += run;
                col = 0;
                ++row;
            }
        }
    }

private:
    size_t res_;
    const std::vector<Feature>& f_;
    std::vector<double> x1_, x2_;
    std::vector<float> table_;  // (features, res): feature j at column i (x1) or row i (x2)
};
}  // namespace

std::vector<float> feature_grid(const GridSpec& spec) {
    check_spec(spec);
    const size_t cells = size_t(spec.resolution) * size_t(spec.resolution);
    std::vector<float> out(spec.features.size() * cells);
    GridFeatures(spec).fill(0, cells, out.data(), cells);
    return out;
}

GridResult evaluate_grid(const Network& net, const GridSpec& spec) {
    GridResult r;
    evaluate_grid(net, spec, r);
    return r;
}

void evaluate_grid(const Network& net, const GridSpec& spec, GridResult& r) {
    check_spec(spec);
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

    // Every array is resized, never cleared first: a result used again for the same spec keeps
    // its memory and is written once (only an array that grows is zero-filled first, by
    // std::vector, as a fresh result is).
    r.resolution = spec.resolution;
    r.output.resize(cells);
    const size_t outs = net.outputs();
    r.outputs.resize(cells * outs);
    if (spec.neurons) {
        r.neurons.resize(L);
        for (size_t l = 0; l < L; ++l) r.neurons[l].resize(net.layer_out(l) * cells);
        r.inputs.resize(in * cells);
    } else {
        r.neurons.clear();
        r.inputs.clear();
    }
    // Layers are evaluated transposed, Z (units × cells) = Wᵀ·X + b, with the cells as the
    // vector dimension: each map then comes out of the GEMM already in its final layout
    // (no transposition), and each value is still b[o] + Σ_i W[i,o]·x[i] summed in i order,
    // so the maps equal Network::forward's outputs bit for bit. Cells go in chunks so the
    // buffers stay small when the maps are not kept.
    const GridFeatures features(spec);
    size_t widest = in;
    for (size_t l = 0; l < L; ++l) widest = std::max(widest, net.layer_out(l));
    const size_t chunk = std::min(cells, kChunk);
    std::vector<float> xin, tmp[2];
    if (!spec.neurons) {
        xin.resize(in * chunk);
        for (auto& t : tmp) t.resize(widest * chunk);
    }
    std::vector<float> col_z, col_a, zeros;
    for (size_t c0 = 0; c0 < cells; c0 += chunk) {
        const size_t n = std::min(chunk, cells - c0);
        // With maps, the features go straight into the input maps and are read from there.
        float* x0 = spec.neurons ? r.inputs.data() + c0 : xin.data();
        size_t ld_prev = spec.neurons ? cells : n;
        features.fill(c0, n, x0, ld_prev);
        const float* prev = x0;
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
}

}  // namespace nn
