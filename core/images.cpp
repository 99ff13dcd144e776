// IDX and NNIM readers, the NNIM writer and the image Dataset. Every size in a header is
// checked against the bytes actually present before anything is allocated, so a
// truncated or lying file costs nothing and says which number did not fit.
#include "images.h"

#include <cmath>
#include <string>

#include "arch.h"
#include "error.h"
#include "rng.h"

namespace nn {
namespace {

std::string num(size_t v) { return format_thousands(int64_t(v)); }

uint32_t be32(const unsigned char* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}
uint32_t le32(const unsigned char* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
uint16_t le16(const unsigned char* p) { return uint16_t(p[0] | p[1] << 8); }
void put16(std::string& s, uint16_t v) {
    s += char(v & 0xff);
    s += char(v >> 8);
}
void put32(std::string& s, uint32_t v) {
    for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xff);
}

const unsigned char* bytes_of(std::string_view b) {
    return reinterpret_cast<const unsigned char*>(b.data());
}

// gzip's magic 1f 8b: a file the caller forgot to decompress.
void refuse_gzip(std::string_view b, const char* what) {
    if (b.size() >= 2 && uint8_t(b[0]) == 0x1f && uint8_t(b[1]) == 0x8b)
        throw Error(std::string(what) + ": this is gzip-compressed data; decompress it first "
                    "(gunzip, node's zlib.gunzipSync or the browser's DecompressionStream)");
}

void check_side(size_t v, const char* name, const char* what) {
    if (v < 1 || v > kMaxImageSide)
        throw Error(std::string(what) + ": " + name + " is " + num(v) + "; allowed 1.." +
                    num(kMaxImageSide));
}

}  // namespace

IdxArray parse_idx(std::string_view b, const char* what) {
    refuse_gzip(b, what);
    if (b.size() < 4)
        throw Error(std::string(what) + ": " + num(b.size()) + " bytes is too short for an IDX "
                    "header (4 bytes of magic, then 4 bytes per dimension)");
    const unsigned char* p = bytes_of(b);
    if (p[0] != 0 || p[1] != 0) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%02x %02x %02x %02x", p[0], p[1], p[2], p[3]);
        throw Error(std::string(what) + ": not an IDX file: the magic is " + buf +
                    ", IDX starts with 00 00 <type> <dimensions>");
    }
    if (p[2] != 0x08) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", p[2]);
        throw Error(std::string(what) + ": IDX data type " + buf +
                    " is not supported; only 0x08 (unsigned byte) is");
    }
    const size_t nd = p[3];
    if (nd < 1 || nd > 3)
        throw Error(std::string(what) + ": IDX file has " + num(nd) +
                    " dimensions; allowed 1 (labels) or 3 (images)");
    if (b.size() < 4 + 4 * nd)
        throw Error(std::string(what) + ": truncated IDX header: " + num(nd) +
                    " dimensions need " + num(4 + 4 * nd) + " bytes, the file has " +
                    num(b.size()));
    IdxArray a;
    uint64_t total = 1;
    for (size_t i = 0; i < nd; ++i) {
        const uint32_t d = be32(p + 4 + 4 * i);
        a.dims.push_back(d);
        total *= d;  // ≤ (2^32)^3 could overflow: checked against the limit each step
        if (total > kMaxImagePixels)
            throw Error(std::string(what) + ": IDX sizes multiply to more than " +
                        num(kMaxImagePixels) + " values (the limit)");
    }
    const size_t header = 4 + 4 * nd;
    const size_t have = b.size() - header;
    if (have != total)
        throw Error(std::string(what) + ": the IDX header promises " + num(size_t(total)) +
                    " values but " + num(have) + " bytes follow it" +
                    (have < total ? " (the file is truncated)" : " (extra bytes at the end)"));
    a.data = b.substr(header);
    return a;
}

std::vector<std::string> digit_class_names() {
    return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
}
std::vector<std::string> fashion_class_names() {
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

void check_image_set(const ImageSet& s) {
    check_side(s.width, "width", "images");
    check_side(s.height, "height", "images");
    if (s.n < 1) throw Error("images: the set has no images");
    if (s.n > kMaxImagePixels / (s.width * s.height))
        throw Error("images: " + num(s.n) + " images of " + num(s.width) + " × " + num(s.height) +
                    " pixels exceed the limit of " + num(kMaxImagePixels) + " pixels");
    if (s.pixels.size() != s.n * s.width * s.height)
        throw Error("images: expected " + num(s.n) + " × " + num(s.width) + " × " + num(s.height) +
                    " = " + num(s.n * s.width * s.height) + " pixels, got " + num(s.pixels.size()));
    if (s.labels.size() != s.n)
        throw Error("images: " + num(s.n) + " images but " + num(s.labels.size()) + " labels");
    if (s.classes < 2 || s.classes > 256)
        throw Error("images: classes must be between 2 and 256, got " + std::to_string(s.classes));
    for (size_t i = 0; i < s.n; ++i)
        if (s.labels[i] >= s.classes)
            throw Error("images: label of image " + num(i) + " is " + std::to_string(s.labels[i]) +
                        "; labels must be 0.." + std::to_string(s.classes - 1));
    if (!s.class_names.empty() && s.class_names.size() != size_t(s.classes))
        throw Error("images: " + num(s.class_names.size()) + " class names for " +
                    std::to_string(s.classes) + " classes");
}

ImageSet read_idx(std::string_view images, std::string_view labels, int classes) {
    IdxArray im = parse_idx(images, "IDX images");
    IdxArray lb = parse_idx(labels, "IDX labels");
    if (im.dims.size() != 3)
        throw Error("IDX images: expected 3 dimensions (count, rows, columns), got " +
                    num(im.dims.size()) + (im.dims.size() == 1 ? " (is this the label file?)" : ""));
    if (lb.dims.size() != 1)
        throw Error("IDX labels: expected 1 dimension (count), got " + num(lb.dims.size()) +
                    (lb.dims.size() == 3 ? " (is this the image file?)" : ""));
    if (im.dims[0] != lb.dims[0])
        throw Error("IDX: " + num(im.dims[0]) + " images but " + num(lb.dims[0]) + " labels");
    ImageSet s;
    s.n = im.dims[0];
    s.height = im.dims[1];
    s.width = im.dims[2];
    check_side(s.width, "width (columns)", "IDX images");
    check_side(s.height, "height (rows)", "IDX images");
    s.pixels.assign(bytes_of(im.data), bytes_of(im.data) + im.data.size());
    s.labels.assign(bytes_of(lb.data), bytes_of(lb.data) + lb.data.size());
    int mx = 0;
    for (uint8_t v : s.labels) mx = v > mx ? v : mx;
    if (classes == 0) classes = mx + 1 < 2 ? 2 : mx + 1;
    if (mx >= classes)
        throw Error("IDX labels: a label is " + std::to_string(mx) + "; allowed 0.." +
                    std::to_string(classes - 1));
    s.classes = classes;
    check_image_set(s);
    return s;
}

ImageSet read_nnim(std::string_view b) {
    refuse_gzip(b, "NNIM");
    constexpr size_t kHeader = 20;
    if (b.size() < 4 || b.substr(0, 4) != "NNIM")
        throw Error("NNIM: not an nnplay image file (it must start with the 4 bytes 'NNIM'; "
                    "see docs/image-format.md)");
    if (b.size() < kHeader)
        throw Error("NNIM: truncated header: " + num(b.size()) + " bytes, the header is " +
                    num(kHeader));
    const unsigned char* p = bytes_of(b);
    const uint16_t version = le16(p + 4);
    if (version != 1)
        throw Error("NNIM: version " + std::to_string(version) + " is not supported (this build "
                    "reads version 1)");
    ImageSet s;
    s.classes = le16(p + 6);
    s.n = le32(p + 8);
    s.width = le16(p + 12);
    s.height = le16(p + 14);
    const size_t names = le32(p + 16);
    check_side(s.width, "width", "NNIM");
    check_side(s.height, "height", "NNIM");
    if (s.classes < 2 || s.classes > 256)
        throw Error("NNIM: classes is " + std::to_string(s.classes) + "; allowed 2..256");
    if (s.n < 1 || s.n > kMaxImagePixels / (s.width * s.height))
        throw Error("NNIM: " + num(s.n) + " images of " + num(s.width) + " × " + num(s.height) +
                    "; allowed 1 to " + num(kMaxImagePixels) + " pixels in all");
    const size_t px = s.n * s.width * s.height;
    const size_t rest = b.size() - kHeader;
    if (names > rest || rest - names != px + s.n) {
        // 64-bit: names is a u32 and size_t is 32 bits in wasm32.
        const uint64_t want = uint64_t(kHeader) + names + px + s.n;
        throw Error("NNIM: the header promises " + num(s.n) + " images of " + num(s.width) +
                    " × " + num(s.height) + " (" + format_thousands(int64_t(want)) +
                    " bytes with labels and names), the file has " + num(b.size()) + " bytes" +
                    (b.size() < want ? " (it is truncated)" : " (extra bytes at the end)"));
    }
    std::string_view text = b.substr(kHeader, names);
    if (!text.empty()) {
        size_t start = 0;
        while (true) {
            const size_t nl = text.find('\n', start);
            s.class_names.emplace_back(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
            if (nl == std::string_view::npos) break;
            start = nl + 1;
        }
        for (const std::string& name : s.class_names)
            for (unsigned char c : name)
                if (c < 0x20 || c == 0x7f)
                    throw Error("NNIM: a class name holds a control byte");
    }
    const unsigned char* q = p + kHeader + names;
    s.pixels.assign(q, q + px);
    s.labels.assign(q + px, q + px + s.n);
    check_image_set(s);
    return s;
}

std::string write_nnim(const ImageSet& s) {
    check_image_set(s);
    if (s.n > 0xffffffffu) throw Error("NNIM: too many images");
    std::string names;
    for (size_t i = 0; i < s.class_names.size(); ++i) {
        if (s.class_names[i].find('\n') != std::string::npos)
            throw Error("NNIM: class name " + quoted(s.class_names[i]) + " holds a newline");
        names += (i ? "\n" : "") + s.class_names[i];
    }
    std::string out = "NNIM";
    put16(out, 1);
    put16(out, uint16_t(s.classes));
    put32(out, uint32_t(s.n));
    put16(out, uint16_t(s.width));
    put16(out, uint16_t(s.height));
    put32(out, uint32_t(names.size()));
    out += names;
    out.append(reinterpret_cast<const char*>(s.pixels.data()), s.pixels.size());
    out.append(reinterpret_cast<const char*>(s.labels.data()), s.labels.size());
    return out;
}

Dataset make_image_dataset(const ImageSet& s, double train_ratio, uint64_t seed, size_t samples) {
    check_image_set(s);
    if (!(train_ratio > 0 && train_ratio <= 1))
        throw Error("train ratio must be in (0, 1] (the share of rows used for training), got " +
                    std::to_string(train_ratio));
    if (samples > s.n)
        throw Error("samples: the set has " + num(s.n) + " images, asked for " + num(samples));
    // The same rule as every other set (dataset.cpp's split): shuffle the rows with
    // Rng(seed), the first round(n · ratio) rows (at least 1) are train. A subset keeps
    // the first `samples` rows of that shuffle.
    std::vector<uint32_t> order(s.n);
    for (size_t i = 0; i < s.n; ++i) order[i] = uint32_t(i);
    Rng rng(seed);
    rng.shuffle(order);
    const size_t n = samples ? samples : s.n;
    const size_t in = s.width * s.height;
    Dataset d;
    d.n = n;
    d.inputs = in;
    d.classes = s.classes;
    d.x.resize(n * in);
    d.label.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* src = s.pixels.data() + size_t(order[i]) * in;
        float* dst = d.x.data() + i * in;
        for (size_t j = 0; j < in; ++j) dst[j] = float(src[j]) / 255.0f;
        d.label[i] = s.labels[order[i]];
    }
    const double t = std::round(double(n) * train_ratio);
    d.n_train = t < 1 ? 1 : (t > double(n) ? n : size_t(t));
    d.image_width = s.width;
    d.image_height = s.height;
    d.class_names = s.class_names;
    d.input_names.reserve(in);
    for (size_t y = 0; y < s.height; ++y)
        for (size_t x = 0; x < s.width; ++x)
            d.input_names.push_back("px" + std::to_string(y) + "_" + std::to_string(x));
    return d;
}

void set_image_shape(Dataset& d, size_t width, size_t height) {
    check_side(width, "width", "image size");
    check_side(height, "height", "image size");
    if (width * height != d.inputs)
        throw Error("image size " + num(width) + " × " + num(height) + " = " +
                    num(width * height) + " pixels, but the data has " + num(d.inputs) +
                    " input column" + (d.inputs == 1 ? "" : "s") +
                    "; give a width and height whose product is the number of pixel columns");
    d.image_width = width;
    d.image_height = height;
}

void parse_image_size(std::string_view t, size_t& width, size_t& height) {
    auto bad = [&]() {
        return Error("image size " + quoted(t) + ": give WIDTHxHEIGHT, e.g. 28x28");
    };
    size_t sep = t.find('x');
    size_t sep_len = 1;
    if (sep == std::string_view::npos) {
        sep = t.find("\xC3\x97");  // ×
        sep_len = 2;
    }
    if (sep == std::string_view::npos) throw bad();
    auto whole = [&](std::string_view s) -> size_t {
        if (s.empty() || s.size() > 6) throw bad();
        size_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') throw bad();
            v = v * 10 + size_t(c - '0');
        }
        return v;
    };
    width = whole(t.substr(0, sep));
    height = whole(t.substr(sep + sep_len));
    check_side(width, "width", "image size");
    check_side(height, "height", "image size");
}

}  // namespace nn
