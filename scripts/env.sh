# Sourced by the other scripts. Emscripten 3.1.6 from Debian needs NODE_PATH for
# its optimizer (acorn), and node 20's global fetch breaks the glue when it loads
# a .wasm from a file path (see docs/toolchain.md).
export NODE_PATH=/usr/share/nodejs
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-experimental-fetch"
NATIVE_BUILD=${NATIVE_BUILD:-build/native}
WASM_BUILD=${WASM_BUILD:-build/wasm}
JOBS=${JOBS:-2}
