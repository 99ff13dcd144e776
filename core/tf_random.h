// TF Playground's Math.random: the page calls Math.seedrandom(seed) (npm `seedrandom`, its
// default ARC4 generator) before it generates its data, so a link's seed text fixes its
// points, their shuffle and the network's initial weights. This is that generator, written
// from seedrandom's documented algorithm (RC4 keyed by the seed text, the first 256 bytes
// dropped, each number built from 7+ bytes into 52 random bits); tests/js/tf_random.test.mjs
// compares it with the npm package. Integer and power-of-two arithmetic only: the same
// numbers natively and in WASM. No I/O.
#pragma once
#include <cstdint>
#include <string_view>

namespace nn {

class TfRandom {
public:
    // `seed` as TF Playground holds it: a text (its own seeds look like "0.83747"). Keyed by
    // the text's characters; throws nn::Error for a non-ASCII seed (the link's seeds are
    // [0-9A-Za-z._-], see rules.h seed_from_text).
    explicit TfRandom(std::string_view seed);
    double next();                      // Math.random(): [0, 1), 52 random bits
    uint64_t calls() const { return calls_; }  // next() calls so far
    void skip(uint64_t n);              // n calls of next(), results dropped

private:
    uint64_t bytes(int count);          // ARC4's next `count` bytes, big-endian
    uint8_t s_[256];
    uint8_t i_ = 0, j_ = 0;
    uint64_t calls_ = 0;
};

}  // namespace nn
