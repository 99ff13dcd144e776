// seedrandom's ARC4 (see tf_random.h). Why each step is as it is:
// - The key: seedrandom's mixkey() folds the text's character codes into a key of at most
//   256 bytes, key[j & 255] = 255 & ((smear ^= key[j & 255] * 19) + code(j)); an entry not
//   yet set reads as undefined, which JS's ^ turns into 0.
// - RC4's key schedule over that key (an empty key is [0]), then 256 output bytes dropped.
// - A number: n = 6 bytes (< 2^48) over d = 2^48; while n < 2^52 one more byte is shifted in;
//   then halved until n < 2^53 so (n + x) / d has exactly 52-53 significant bits. Every value
//   is an integer below 2^61 and every divisor a power of two, so uint64 and one double
//   division give the JS result exactly.
#include "tf_random.h"

#include "error.h"

namespace nn {

TfRandom::TfRandom(std::string_view seed) {
    int key[256];
    bool set[256] = {};
    int keylen = 0;
    int smear = 0;
    for (size_t j = 0; j < seed.size(); ++j) {
        const unsigned char c = static_cast<unsigned char>(seed[j]);
        if (c >= 0x80)
            throw Error("TF Playground seed " + quoted(seed) +
                        ": only ASCII seeds are supported (TF's own are like '0.83747')");
        const size_t k = j & 255;
        smear ^= set[k] ? key[k] * 19 : 0;
        key[k] = (smear + c) & 255;
        set[k] = true;
        if (int(k) + 1 > keylen) keylen = int(k) + 1;
    }
    if (keylen == 0) {
        key[0] = 0;
        keylen = 1;
    }
    for (int i = 0; i < 256; ++i) s_[i] = uint8_t(i);
    unsigned j = 0;
    for (int i = 0; i < 256; ++i) {
        const uint8_t t = s_[i];
        j = (j + unsigned(key[i % keylen]) + t) & 255;
        s_[i] = s_[j];
        s_[j] = t;
    }
    i_ = 0;
    j_ = 0;
    for (int k = 0; k < 256; ++k) bytes(1);  // RC4-drop[256]
}

uint64_t TfRandom::bytes(int count) {
    uint64_t r = 0;
    while (count--) {
        i_ = uint8_t(i_ + 1);
        const uint8_t t = s_[i_];
        j_ = uint8_t(j_ + t);
        s_[i_] = s_[j_];
        s_[j_] = t;
        r = r * 256 + s_[uint8_t(s_[i_] + s_[j_])];
    }
    return r;
}

double TfRandom::next() {
    constexpr uint64_t significance = uint64_t(1) << 52, overflow = uint64_t(1) << 53;
    uint64_t n = bytes(6);
    double d = 281474976710656.0;  // 2^48
    uint64_t x = 0;
    while (n < significance) {
        n = (n + x) * 256;
        d *= 256;
        x = bytes(1);
    }
    while (n >= overflow) {  // n is a multiple of 256 here: halving is exact
        n /= 2;
        d /= 2;
        x >>= 1;
    }
    ++calls_;
    return double(n + x) / d;
}

void TfRandom::skip(uint64_t n) {
    for (uint64_t k = 0; k < n; ++k) next();
}

}  // namespace nn
