// The Catch2 runner, alone in its TU because it takes ~20 s to compile.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
