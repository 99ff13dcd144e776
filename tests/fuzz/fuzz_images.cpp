// libFuzzer target: the image readers (issue 15). The first byte picks the reader: odd
// reads the rest as NNIM; even splits the rest into an IDX image file and an IDX label
// file at a point set by the first byte (so both files get mutated headers). Any input
// must give a consistent ImageSet and Dataset or throw nn::Error.
#include <cstdint>
#include <string_view>

#include "error.h"
#include "images.h"

namespace {
void check(const nn::ImageSet& s) {
    if (s.pixels.size() != s.n * s.width * s.height || s.labels.size() != s.n) __builtin_trap();
    for (uint8_t l : s.labels)
        if (l >= s.classes) __builtin_trap();
    nn::Dataset d = nn::make_image_dataset(s, 0.5, 1, s.n > 64 ? 64 : 0);
    if (d.inputs != s.width * s.height || d.x.size() != d.n * d.inputs) __builtin_trap();
    if (d.n_train < 1 || d.n_train > d.n) __builtin_trap();
    for (float v : d.x)
        if (!(v >= 0.0f && v <= 1.0f)) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t sel = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (sel & 1) {
            nn::ImageSet s = nn::read_nnim(rest);
            check(s);
            // What was read writes back to the same bytes.
            if (nn::write_nnim(s) != rest) __builtin_trap();
        } else {
            const size_t cut = rest.size() * (sel >> 1) / 128;
            check(nn::read_idx(rest.substr(0, cut), rest.substr(cut)));
        }
    } catch (const nn::Error&) {
    }
    return 0;
}
