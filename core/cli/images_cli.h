// The CLI's image datasets (issue 15): where the files are and how they are read. The
// core parses bytes; this file owns the paths, the reading and gunzip (zlib, native only).
#pragma once
#include <cstdint>
#include <string>
#include "dataset.h"

namespace nncli {

bool is_image_dataset(const std::string& name);  // "digits", "fashion"
// Where --dataset NAME reads from when --images is not given.
std::string default_images_path(const std::string& name);
// Reads the set: digits from an NNIM file (.nnim or .nnim.gz), fashion from a folder of
// IDX files (train-/t10k-images-idx3-ubyte[.gz] and the matching labels; both halves,
// 70,000 images). Throws nn::Error naming the file and what was wrong.
nn::Dataset load_image_dataset(const std::string& name, const std::string& path, double train_ratio,
                               uint64_t seed, size_t samples);
// The whole file, gunzipped when it starts with gzip's magic; at most `limit` bytes after.
std::string read_file_gz(const std::string& path, size_t limit);

}  // namespace nncli
