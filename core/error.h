// One exception type for every rejected input, so callers (CLI, Embind, tests) can
// tell "you asked for something invalid" (nn::Error) from bugs (anything else).
// Messages say what was wrong and what is allowed.
#pragma once
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nn {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& msg) : std::runtime_error(msg) {}
};

// A user-supplied name inside single quotes, safe to show: control bytes are escaped
// (a NUL would end the message when it crosses to JS) and anything past 40 bytes is cut,
// so a 100,000-character name does not become a 100 KB message.
inline std::string quoted(std::string_view name) {
    constexpr size_t kShown = 40;
    std::string out = "'";
    for (size_t i = 0; i < name.size() && i < kShown; ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    out += "'";
    if (name.size() > kShown) out += " (cut, " + std::to_string(name.size()) + " characters)";
    return out;
}

}  // namespace nn
