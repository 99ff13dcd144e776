// Builds web/gen/nnplay-widgets.js: the embeds (web/widgets/) as ONE classic script with the
// WASM inlined (web/gen/nnplay_core.single.js, -sSINGLE_FILE), so an article needs a single
// <script src> and works from file://. Run after the wasm build: `node scripts/bundle.mjs`.
// Prints the raw and gzip sizes.
//
// The output is `(function __nnplay_widgets_bundle(){ <esbuild iife> })();` so the code can
// start its worker from a Blob URL of its own source (see web/widgets/bundle-entry.js).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GEN = process.env.NNPLAY_GEN ? path.resolve(process.env.NNPLAY_GEN) : path.join(ROOT, 'web', 'gen');
const SINGLE = path.join(GEN, 'nnplay_core.single.js');
const OUT = path.join(GEN, 'nnplay-widgets.js');

if (!fs.existsSync(SINGLE)) {
  console.error(`bundle: ${path.relative(ROOT, SINGLE)} is missing; run \`bash scripts/build.sh wasm\` first`);
  process.exit(1);
}

// The emscripten glue as an ES module. Its UMD tail (module.exports / AMD define) is cut: on a
// page with an AMD loader, an anonymous define() would break that page's loader.
const TAIL = "\nif (typeof exports === 'object' && typeof module === 'object')";
const singleCore = {
  name: 'nnplay-core-single',
  setup(b) {
    b.onResolve({ filter: /^nnplay-core-single$/ }, () => ({ path: SINGLE, namespace: 'nnplay-core-single' }));
    b.onLoad({ filter: /.*/, namespace: 'nnplay-core-single' }, () => {
      const text = fs.readFileSync(SINGLE, 'utf8');
      const cut = text.lastIndexOf(TAIL);
      if (cut < 0) throw new Error(`${SINGLE}: the expected UMD tail was not found (emscripten changed?)`);
      return { contents: `${text.slice(0, cut)}\nexport default createNNModule;\n`, loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [path.join(ROOT, 'web', 'widgets', 'bundle-entry.js')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: !process.env.NNPLAY_NO_MINIFY,  // =1: readable names in profiles (bench/frames.mjs --profile --worker-js)
  legalComments: 'none',
  // web/lib/nnplay.mjs reads import.meta.url to find web/gen/ for its other builds; in the
  // bundle createNNModule is always defined first, so that URL is never fetched.
  define: { 'import.meta.url': '"file:///nnplay-bundle/lib/nnplay.mjs"' },
  // node-only branches (nnplay.mjs, the emscripten glue's require('fs')), never taken in a browser
  external: ['node:*', 'fs', 'path', 'crypto'],
  plugins: [singleCore],
  banner: { js: '/* nnplay widgets: <nn-weight-count>, <nn-diagram>, <nn-playground>. MIT. docs/embed.md */\n(function __nnplay_widgets_bundle(){' },
  footer: { js: '})();' },
  write: false,
  logLevel: 'warning',
});
const code = result.outputFiles[0].contents;
fs.writeFileSync(OUT, code);
const gz = zlib.gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`bundle: ${path.relative(ROOT, OUT)} ${kb(code.length)} raw, ${kb(gz)} gzip`);
