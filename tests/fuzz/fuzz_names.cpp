// libFuzzer target: the small name parsers (features, feature lists, activations, losses,
// initialisers, optimisers, precisions) that read user text from the CLI, the JS API and
// model files. The first byte picks the parser. Each must give a value whose name parses
// back to itself, or throw nn::Error.
#include <cstdint>
#include <string>
#include <string_view>

#include "activation.h"
#include "dataset.h"
#include "error.h"
#include "init.h"
#include "loss.h"
#include "optim.h"
#include "quantize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string_view s(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 7) {
            case 0: {
                auto f = nn::parse_feature(s);
                if (nn::parse_feature(nn::feature_name(f)) != f) __builtin_trap();
                break;
            }
            case 1: {
                auto list = nn::parse_features(s);
                if (list.empty() || list.size() > 7) __builtin_trap();
                std::string joined;
                for (auto f : list) joined += (joined.empty() ? "" : ",") + std::string(nn::feature_name(f));
                if (nn::parse_features(joined) != list) __builtin_trap();
                break;
            }
            case 2: {
                auto a = nn::parse_activation(s);
                if (nn::parse_activation(nn::activation_name(a)) != a) __builtin_trap();
                break;
            }
            case 3: {
                auto l = nn::parse_loss(s);
                if (nn::parse_loss(nn::loss_name(l)) != l) __builtin_trap();
                break;
            }
            case 4: {
                auto i = nn::parse_init(s);
                if (nn::parse_init(nn::init_name(i)) != i) __builtin_trap();
                break;
            }
            case 5: {
                auto o = nn::parse_optimizer(s);
                if (nn::parse_optimizer(nn::optimizer_name(o)) != o) __builtin_trap();
                break;
            }
            case 6: {
                auto p = nn::parse_precision(s);
                if (nn::parse_precision(nn::precision_name(p)) != p) __builtin_trap();
                break;
            }
        }
    } catch (const nn::Error& e) {
        if (std::string_view(e.what()).empty()) __builtin_trap();  // every rejection says why
    }
    return 0;
}
