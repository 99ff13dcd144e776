// Image datasets (issue 15): the IDX reader against hand-built files, the NNIM format's
// round trip, every rejection's message, and the image Dataset's split, which must be the
// very split make_dataset_raw gives the same rows with the same seed.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "dataset.h"
#include "error.h"
#include "images.h"

using namespace nn;

namespace {

std::string be32(uint32_t v) {
    return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)};
}
// An idx3-ubyte of n images (rows × cols) holding 0, 1, 2, ... and an idx1-ubyte of labels.
std::string idx_images(uint32_t n, uint32_t rows, uint32_t cols) {
    std::string s("\0\0\x08\x03", 4);
    s += be32(n) + be32(rows) + be32(cols);
    for (uint32_t i = 0; i < n * rows * cols; ++i) s += char(i & 0xff);
    return s;
}
std::string idx_labels(const std::vector<uint8_t>& l) {
    std::string s("\0\0\x08\x01", 4);
    s += be32(uint32_t(l.size()));
    for (uint8_t v : l) s += char(v);
    return s;
}

ImageSet small_set() {
    ImageSet s;
    s.n = 5;
    s.width = 3;
    s.height = 2;
    s.classes = 3;
    for (size_t i = 0; i < 5 * 6; ++i) s.pixels.push_back(uint8_t(i * 8));
    s.labels = {0, 1, 2, 1, 0};
    s.class_names = {"zero", "one", "two"};
    return s;
}

}  // namespace

TEST_CASE("IDX: images and labels of a hand-built file", "[images]") {
    // 2 images of 2 rows × 3 columns: 2 × 2 × 3 = 12 pixel bytes after a 16-byte header
    const std::string im = idx_images(2, 2, 3), lb = idx_labels({7, 3});
    REQUIRE(im.size() == 16 + 12);
    ImageSet s = read_idx(im, lb);
    CHECK(s.n == 2);
    CHECK(s.height == 2);
    CHECK(s.width == 3);
    CHECK(s.classes == 8);  // max label 7 + 1
    CHECK(s.pixels[0] == 0);
    CHECK(s.pixels[11] == 11);
    CHECK(s.labels == std::vector<uint8_t>{7, 3});
    CHECK(read_idx(im, lb, 10).classes == 10);
}

TEST_CASE("IDX: wrong magic, type, sizes and truncation are refused by name", "[images][bad-inputs]") {
    const std::string im = idx_images(2, 2, 3), lb = idx_labels({1, 0});
    std::string bad = im;
    bad[0] = 'P';
    REQUIRE_THROWS_WITH(read_idx(bad, lb), "IDX images: not an IDX file: the magic is 50 00 08 03, "
                                           "IDX starts with 00 00 <type> <dimensions>");
    bad = im;
    bad[2] = 0x0D;  // float
    REQUIRE_THROWS_WITH(read_idx(bad, lb), "IDX images: IDX data type 0x0d is not supported; only 0x08 (unsigned byte) is");
    REQUIRE_THROWS_WITH(read_idx(im.substr(0, 10), lb),
                        "IDX images: truncated IDX header: 3 dimensions need 16 bytes, the file has 10");
    REQUIRE_THROWS_WITH(read_idx(im.substr(0, im.size() - 1), lb),
                        "IDX images: the IDX header promises 12 values but 11 bytes follow it (the file is truncated)");
    REQUIRE_THROWS_WITH(read_idx(im + "x", lb), Catch::Contains("(extra bytes at the end)"));
    REQUIRE_THROWS_WITH(read_idx(im, idx_labels({1, 0, 1})), "IDX: 2 images but 3 labels");
    REQUIRE_THROWS_WITH(read_idx(lb, im), "IDX images: expected 3 dimensions (count, rows, columns), got 1 "
                                          "(is this the label file?)");
    REQUIRE_THROWS_WITH(read_idx(im, lb, 1), Catch::Contains("a label is 1; allowed 0..0"));
    REQUIRE_THROWS_WITH(read_idx(std::string("\x1f\x8b\x08\x00", 4), lb), Catch::Contains("gzip-compressed"));
    REQUIRE_THROWS_WITH(read_idx("", lb), Catch::Contains("0 bytes is too short"));
    // A header that multiplies past the limit is refused before anything is allocated:
    // 65,536 × 65,536 × 1 = 2^32 values.
    std::string huge("\0\0\x08\x03", 4);
    huge += be32(65536) + be32(65536) + be32(1);
    REQUIRE_THROWS_WITH(read_idx(huge, lb), "IDX images: IDX sizes multiply to more than 67,108,864 values (the limit)");
    REQUIRE_THROWS_WITH(read_idx(idx_images(1, 0, 3).substr(0, 16), idx_labels({0})),
                        Catch::Contains("height (rows) is 0; allowed 1..4,096"));
}

TEST_CASE("NNIM: write then read gives the same set", "[images]") {
    const ImageSet s = small_set();
    const std::string b = write_nnim(s);
    // 20-byte header + "zero\none\ntwo" (4 + 1 + 3 + 1 + 3 = 12) + 5 × 6 pixels + 5 labels = 67
    CHECK(b.size() == 20 + 12 + 30 + 5);
    CHECK(b.substr(0, 4) == "NNIM");
    const ImageSet r = read_nnim(b);
    CHECK(r.n == 5);
    CHECK(r.width == 3);
    CHECK(r.height == 2);
    CHECK(r.classes == 3);
    CHECK(r.pixels == s.pixels);
    CHECK(r.labels == s.labels);
    CHECK(r.class_names == s.class_names);
}

TEST_CASE("NNIM: corrupt and truncated files are refused with what was wrong", "[images][bad-inputs]") {
    const std::string b = write_nnim(small_set());
    REQUIRE_THROWS_WITH(read_nnim("GIF89a" + b), Catch::Contains("NNIM: not an nnplay image file"));
    REQUIRE_THROWS_WITH(read_nnim(b.substr(0, 12)), "NNIM: truncated header: 12 bytes, the header is 20");
    REQUIRE_THROWS_WITH(read_nnim(b.substr(0, b.size() - 3)),
                        "NNIM: the header promises 5 images of 3 × 2 (67 bytes with labels and names), "
                        "the file has 64 bytes (it is truncated)");
    REQUIRE_THROWS_WITH(read_nnim(b + "zz"), Catch::Contains("(extra bytes at the end)"));
    std::string v = b;
    v[4] = 2;
    REQUIRE_THROWS_WITH(read_nnim(v), "NNIM: version 2 is not supported (this build reads version 1)");
    std::string lab = b;
    lab[b.size() - 1] = 9;  // the last label says class 9 of 3
    REQUIRE_THROWS_WITH(read_nnim(lab), "images: label of image 4 is 9; labels must be 0..2");
    std::string cnt = b;
    cnt[8] = cnt[9] = cnt[10] = cnt[11] = char(0xff);  // 4,294,967,295 images
    REQUIRE_THROWS_WITH(read_nnim(cnt), Catch::Contains("NNIM: 4,294,967,295 images of 3 × 2"));
    REQUIRE_THROWS_WITH(read_nnim(std::string("\x1f\x8b", 2) + b), Catch::Contains("decompress it first"));
}

TEST_CASE("image dataset: pixels / 255, split exactly like make_dataset_raw", "[images]") {
    const ImageSet s = small_set();
    const Dataset d = make_image_dataset(s, 0.6, 42);
    CHECK(d.n == 5);
    CHECK(d.inputs == 6);
    CHECK(d.n_train == 3);  // round(5 × 0.6)
    CHECK(d.classes == 3);
    CHECK(d.image_width == 3);
    CHECK(d.image_height == 2);
    CHECK(d.class_names == s.class_names);
    std::vector<float> x;
    std::vector<double> l;
    for (uint8_t p : s.pixels) x.push_back(float(p) / 255.0f);
    for (uint8_t v : s.labels) l.push_back(v);
    const Dataset r = make_dataset_raw(x, l, 6, 3, 0.6, 42);
    CHECK(d.x == r.x);
    CHECK(d.label == r.label);
    CHECK(d.n_train == r.n_train);
    // A subset is the first rows of the same shuffle.
    const Dataset sub = make_image_dataset(s, 0.5, 42, 2);
    CHECK(sub.n == 2);
    CHECK(sub.n_train == 1);
    CHECK(std::vector<float>(sub.x.begin(), sub.x.end()) == std::vector<float>(d.x.begin(), d.x.begin() + 12));
    REQUIRE_THROWS_WITH(make_image_dataset(s, 0.5, 1, 6), "samples: the set has 5 images, asked for 6");
    REQUIRE_THROWS_WITH(make_image_dataset(s, 0, 1), Catch::Contains("train ratio must be in (0, 1]"));
    // A network trains on it (targets one-hot over 3 classes: 5 × 3 values).
    CHECK(encode_targets(d, Loss::softmax_ce, 3).size() == 15);
}

TEST_CASE("image shape: a CSV's pixel columns must be width × height", "[images][bad-inputs]") {
    Dataset d = parse_csv("a,b,c,d,e,f,label\n0,1,2,3,4,5,0\n5,4,3,2,1,0,1\n", CsvOptions{});
    REQUIRE_THROWS_WITH(set_image_shape(d, 2, 2),
                        "image size 2 × 2 = 4 pixels, but the data has 6 input columns; give a width and "
                        "height whose product is the number of pixel columns");
    set_image_shape(d, 3, 2);
    CHECK(d.image_width == 3);
    CHECK(d.image_height == 2);
    size_t w = 0, h = 0;
    parse_image_size("28x28", w, h);
    CHECK((w == 28 && h == 28));
    parse_image_size("3\xC3\x97" "2", w, h);  // 3×2
    CHECK((w == 3 && h == 2));
    REQUIRE_THROWS_WITH(parse_image_size("28", w, h), "image size '28': give WIDTHxHEIGHT, e.g. 28x28");
    REQUIRE_THROWS_WITH(parse_image_size("0x5", w, h), Catch::Contains("width is 0; allowed 1..4,096"));
}
