#!/usr/bin/env bash
# Sets up what is missing, builds the WASM module and serves the playground.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build.sh web
exec node scripts/serve.mjs
