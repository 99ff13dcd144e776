// The page's settings between JS and the core: a plain object keyed as the link is (the
// table in core/link_settings.h) ↔ nn::PageSettings. Every value goes through the core's
// parser as its JS text (String(v): numbers, booleans, arrays joined by commas), so JS never
// parses or checks a setting itself.
#pragma once
#include <emscripten/val.h>

#include "link_settings.h"

namespace nnwasm {

// Keys the object lacks keep their defaults; a bad value throws nn::Error naming it.
nn::PageSettings settings_of(const emscripten::val& obj);
emscripten::val settings_val(const nn::PageSettings& s);

}  // namespace nnwasm
