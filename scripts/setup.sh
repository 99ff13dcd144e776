#!/usr/bin/env bash
# Installs what nnplay needs on a fresh Debian 12 machine, and nothing twice:
# Debian packages (toolchain, headers, Chromium for the browser tests) and the
# npm devDependencies. Nothing here downloads a toolchain or a browser build.
#   setup.sh          what building and serving need
#   setup.sh test     also what only the tests need (PyTorch as a trusted engine)
# Fashion-MNIST (dataset-fashion-mnist, ~30 MB) is in the default list: the page's
# "Fashion-MNIST (clothing)" set is made from it at build time (scripts/make-fashion.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(cmake ninja-build g++ clang emscripten libxsimd-dev catch2 nlohmann-json3-dev zlib1g-dev
              libclang-rt-14-dev chromium nodejs python3 gzip dataset-fashion-mnist)
# Debian's python3-torch is installed for /usr/bin/python3 (not a pyenv python on PATH):
# tests call /usr/bin/python3 explicitly.
[ "${1:-}" = test ] && APT_PACKAGES+=(python3-torch strace)  # strace: tests/cli kills a save mid-write
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
