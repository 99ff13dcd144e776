// nn.limits: the core's size limits (core/size_limits.h) for the JS side, so the API
// wrapper, the page and the widgets refuse by the same numbers without keeping copies.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "size_limits.h"

namespace {

emscripten::val limits() {
    emscripten::val o = emscripten::val::object();
    o.set("maxTrainParams", double(nn::kMaxTrainParams));
    o.set("maxTrainWidth", double(nn::kMaxTrainWidth));
    o.set("maxLayers", double(nn::kMaxLayers));
    o.set("maxNameBytes", double(nn::kMaxNameBytes));
    o.set("maxModelBytes", double(nn::kMaxModelBytes));
    o.set("maxCsvBytes", double(nn::kMaxCsvBytes));
    o.set("maxCsvRows", double(nn::kMaxCsvRows));
    o.set("maxCsvColumns", double(nn::kMaxCsvColumns));
    return o;
}

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay_limits) {
    emscripten::function("limits", &limits);
}
