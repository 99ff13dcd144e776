// The bindings' error channel, shared by every bindings_*.cpp: guard() runs a call, catches
// any C++ exception, keeps its message and raises a flag in linear memory; the JS wrapper
// (web/lib/nnplay.mjs) reads the flag after each call and throws an Error with the message.
// Why not throw across Embind: see the top of bindings.cpp.
#pragma once
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <string>
#include <type_traits>
#include <utility>

namespace nnwasm {

inline int32_t g_error_flag = 0;  // read by JS as HEAP32[errorFlagAddress() >> 2]
inline std::string g_error_message;

template <class F, class R = decltype(std::declval<F>()())>
R guard(F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        g_error_message = e.what();
    } catch (...) {
        g_error_message = "unknown C++ exception";
    }
    g_error_flag = 1;
    if constexpr (std::is_void_v<R>) return;
    else if constexpr (std::is_same_v<R, emscripten::val>) return emscripten::val::undefined();
    else return R{};
}

// A seed as the API takes it: a non-negative safe integer (checked by the wrapper) or a
// seed text, both through the core's rule (core/rules.h).
uint64_t seed_of(const emscripten::val& v);

}  // namespace nnwasm
