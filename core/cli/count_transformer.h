// `nnplay count` for transformer stacks (issue 13): --preset, --hf-config, or flags.
#pragma once

namespace nn::cli {

// True when the count arguments describe a transformer (any of --preset, --hf-config or
// a transformer flag such as --layers); the MLP count handles everything else.
bool count_is_transformer(int argc, char** argv);

// Prints the per-component table (or --json) and returns the exit code:
// 0 ok, 1 unreadable or invalid config.json, 2 bad flag or value.
int count_transformer(int argc, char** argv);

extern const char* const kCountTransformerHelp;

}  // namespace nn::cli
