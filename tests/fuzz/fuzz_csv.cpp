// libFuzzer target: the CSV reader. The first byte picks the options (label column, forced
// regression, train ratio), the rest is the file. Any input must either give a consistent
// Dataset or throw nn::Error.
#include <cstdint>
#include <string_view>

#include "dataset.h"
#include "error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t sel = data[0];
    static const char* const kLabels[] = {"", "0", "1", "label", "y", "99", "x2", "-1"};
    static const double kRatios[] = {1.0, 0.5, 0.8, 0.0};
    nn::CsvOptions opt;
    opt.label_column = kLabels[sel & 7];
    opt.regression = (sel >> 3) & 1;
    opt.train_ratio = kRatios[(sel >> 4) & 3];
    opt.seed = sel >> 6;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    nn::Dataset d;
    try {
        d = nn::parse_csv(text, opt);
    } catch (const nn::Error&) {
        return 0;
    }
    // Invariants of an accepted file.
    if (d.n == 0 || d.inputs == 0) __builtin_trap();
    if (d.x.size() != d.n * d.inputs || d.label.size() != d.n) __builtin_trap();
    if (d.n_train == 0 || d.n_train > d.n) __builtin_trap();
    if (!d.input_names.empty() && d.input_names.size() != d.inputs) __builtin_trap();
    if (d.classes != 0 && (d.classes < 2 || d.classes > 1000)) __builtin_trap();
    if (opt.regression && d.classes != 0) __builtin_trap();
    // Encoding targets for a loss either works or explains itself.
    for (nn::Loss loss : {nn::Loss::half_mse, nn::Loss::bce, nn::Loss::softmax_ce}) {
        size_t outputs = d.classes > 2 ? size_t(d.classes) : 1;
        if (loss == nn::Loss::softmax_ce) outputs = d.classes < 2 ? 2 : size_t(d.classes);
        try {
            auto y = nn::encode_targets(d, loss, outputs);
            if (y.size() != d.n * outputs) __builtin_trap();
        } catch (const nn::Error&) {
        }
    }
    return 0;
}
