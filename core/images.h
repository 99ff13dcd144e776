// Image datasets: grey images of one size with class labels, read from the two binary
// formats the core owns or understands, and turned into a Dataset (pixel / 255 per input).
//   IDX   (LeCun's MNIST format, Fashion-MNIST's files): big-endian header, ubyte data
//   NNIM  (ours, docs/image-format.md): the compact file the page fetches for "digits"
// Parses bytes already in memory (the caller reads and decompresses the file), so it runs
// the same natively and in WASM. Every rejection says what was wrong and what is allowed.
// gzip-compressed input is recognised and refused with a message saying to decompress it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "dataset.h"

namespace nn {

struct ImageSet {
    size_t n = 0, width = 0, height = 0;
    int classes = 0;                       // labels are 0..classes-1
    std::vector<uint8_t> pixels;           // (n, height, width), row-major; 0 = background
    std::vector<uint8_t> labels;           // (n)
    std::vector<std::string> class_names;  // empty, or one per class
};

// Limits that hold for every reader: the budget a browser tab can hold as float inputs
// (2^27 pixels = 512 MiB of float32 would be too much; 70,000 × 784 = 54,880,000 fits).
constexpr size_t kMaxImagePixels = size_t(1) << 26;  // 67,108,864 pixels in one set
constexpr size_t kMaxImageSide = 4096;

// IDX: magic 00 00 <type> <dims>, then dims big-endian uint32 sizes, then the data.
// Only type 0x08 (unsigned byte) is read. Images: 3 dims (n, rows, cols); labels: 1 dim (n).
struct IdxArray {
    std::vector<uint32_t> dims;
    std::string_view data;  // a view into the input bytes
};
IdxArray parse_idx(std::string_view bytes, const char* what);
// An image file (idx3-ubyte) and its label file (idx1-ubyte) of the same length.
// classes: the number of classes (labels must be below it); 0 = max label + 1 (at least 2).
ImageSet read_idx(std::string_view images, std::string_view labels, int classes = 0);

// NNIM version 1 (little-endian; see docs/image-format.md):
//   0  "NNIM"   4  u16 version = 1   6  u16 classes   8  u32 count   12 u16 width
//   14 u16 height   16 u32 names_bytes   20 names (UTF-8, '\n' between class names)
//   then count × height × width pixels (u8), then count labels (u8).
ImageSet read_nnim(std::string_view bytes);
std::string write_nnim(const ImageSet& s);

// The names of the two built-in sets' classes.
std::vector<std::string> digit_class_names();    // "0".."9"
std::vector<std::string> fashion_class_names();  // "T-shirt/top", "Trouser", ..., "Ankle boot"

// Checks the set is consistent (sizes, labels below classes, limits); throws nn::Error.
void check_image_set(const ImageSet& s);

// A Dataset of the images: inputs = width × height, x = pixel / 255, labels the classes.
// Rows are shuffled with `seed` and split like every other set (train_ratio in (0, 1]).
// samples > 0 keeps only that many rows after the shuffle (a seeded subset).
Dataset make_image_dataset(const ImageSet& s, double train_ratio, uint64_t seed,
                           size_t samples = 0);

// Marks d as images of width × height (for drawing; e.g. a CSV of pixel columns). Throws
// nn::Error naming both numbers when inputs != width × height.
void set_image_shape(Dataset& d, size_t width, size_t height);

// Parses "28x28" (or "28×28") into width and height; throws nn::Error.
void parse_image_size(std::string_view text, size_t& width, size_t& height);

}  // namespace nn
