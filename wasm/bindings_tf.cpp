// TF Playground's Math.random (core/tf_random.h) for tests and curious readers: the first
// `count` numbers of seedrandom's ARC4 for a seed text.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "error.h"
#include "guard.h"
#include "tf_random.h"

using emscripten::val;

namespace {

val tf_random(std::string seed, double count) {
    return nnwasm::guard([&] {
        if (!(count >= 0 && count <= 1e7))
            throw nn::Error("count must be between 0 and 10,000,000");
        nn::TfRandom r(seed);
        std::vector<double> v(static_cast<size_t>(count));
        for (double& x : v) x = r.next();
        return val::global("Float64Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay_tf) {
    emscripten::function("tfRandom", &tf_random);
}
