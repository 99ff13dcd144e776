// Datasets: TF Playground's generators (same formulas, our portable RNG), a k-class
// generator for softmax, input features, train/test split and CSV import.
// Labels are kept raw; targets are encoded for a loss only when training.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "size_limits.h"
#include "loss.h"
#include "rng.h"

namespace nn {

// Classification: "circle", "xor", "gauss", "spiral", "blobs" (k classes).
// Regression: "plane", "multigauss" (TF Playground's "reg-plane" / "reg-gauss").
struct GenerateOptions {
    std::string name = "circle";
    int64_t samples = 0;       // 0 = TF Playground's default (500 classification, 1200 regression)
    double noise = 0.0;        // 0..0.5 (TF Playground's slider 0..50 divided by 100)
    int classes = 3;           // only for "blobs"
    uint64_t seed = 1;
};

// Raw 2-D points with labels: class index 0..k-1 (classification) or value (regression).
struct Points {
    std::vector<double> x1, x2, label;
    int classes = 2;  // 0 = regression
};
Points generate_points(const GenerateOptions& opt);
const char* dataset_names_list();  // "circle, xor, gauss, spiral, blobs, plane, multigauss"

enum class Feature { x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 };
Feature parse_feature(std::string_view name);  // "x1","x2","x1sq","x2sq","x1x2","sinx1","sinx2"
const char* feature_name(Feature f);
std::vector<Feature> parse_features(std::string_view comma_list);

struct Dataset {
    size_t n = 0, inputs = 0;
    std::vector<float> x;        // (n, inputs)
    std::vector<double> label;   // (n)
    int classes = 2;             // 0 = regression
    size_t n_train = 0;          // rows [0, n_train) train, [n_train, n) test
    std::vector<std::string> input_names;
    // The 2-D point behind each row, in row order (for drawing); empty unless the set was
    // made from Points.
    std::vector<double> px1, px2;
    // Images (core/images.h): each row is width × height pixels, row-major, in [0, 1];
    // 0 × 0 when the rows are not images. class_names: empty, or one per class.
    size_t image_width = 0, image_height = 0;
    std::vector<std::string> class_names;
};

// Input features for one point, as make_dataset computes them (and the grid, for heatmaps).
void compute_features(const std::vector<Feature>& f, double x1, double x2, float* out);

// Shuffles points with `seed` then splits; train_ratio in (0, 1].
Dataset make_dataset(const Points& p, const std::vector<Feature>& features, double train_ratio,
                     uint64_t seed);
// Your own inputs (n rows of `inputs`) and labels; classes 0 for regression.
Dataset make_dataset_raw(std::vector<float> x, std::vector<double> label, size_t inputs,
                         int classes, double train_ratio, uint64_t seed);

// CSV: optional header; numeric columns; the label column (by name or 0-based index, "" = last).
// Labels that are all integers ≥ 0 make a classification set (classes = max+1), unless
// regression is forced. Errors name the line and column: "line 7, column 3 ("x2"): 'abc' is not a number".
struct CsvOptions {
    std::string label_column;
    bool regression = false;
    double train_ratio = 1.0;
    uint64_t seed = 1;
};
// Limits (kMaxCsvBytes, kMaxCsvRows, kMaxCsvColumns, kMaxNameBytes) are in size_limits.h.
Dataset parse_csv(std::string_view text, const CsvOptions& opt);

// Targets for a loss: (n, outputs). half_mse binary → ±1 (TF Playground), bce → 0/1,
// softmax_ce / multi-output → one-hot, regression → the value. Throws if they don't fit.
std::vector<float> encode_targets(const Dataset& d, Loss loss, size_t outputs);

}  // namespace nn
