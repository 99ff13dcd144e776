// One exception type for every rejected input, so callers (CLI, Embind, tests) can
// tell "you asked for something invalid" (nn::Error) from bugs (anything else).
// Messages say what was wrong and what is allowed.
#pragma once
#include <stdexcept>
#include <string>

namespace nn {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& msg) : std::runtime_error(msg) {}
};

}  // namespace nn
