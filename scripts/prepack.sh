#!/usr/bin/env bash
# npm's prepack (runs on `npm pack` and `npm publish`): builds what the package ships and a
# checkout may lack or hold stale: web/gen/ (the wasm, its three glue flavours, the embed
# bundle). `build.sh web` is incremental, so a fresh build costs nothing twice. Then checks
# that every file the "files" list names exists, so a tarball never ships without its wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in emcmake cmake ninja; do
  command -v "$tool" >/dev/null || { echo "prepack: $tool not found; run 'bash scripts/setup.sh' first" >&2; exit 1; }
done
[ -d node_modules/esbuild ] || { echo "prepack: node_modules/esbuild not found; run 'npm ci' first" >&2; exit 1; }
bash scripts/build.sh web >&2  # stdout belongs to npm pack (--json)
node -e '
  const fs = require("fs");
  const files = require("./package.json").files.filter((f) => !f.endsWith("/"));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) { console.error("prepack: missing after the build: " + missing.join(", ")); process.exit(1); }
'
