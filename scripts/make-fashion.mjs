// Build step (issue 15): converts a documented subset of Debian's Fashion-MNIST
// (dataset-fashion-mnist, /usr/share/datasets/fashion-mnist) into web/gen/fashion.nnim.gz, the
// file the page fetches when "Fashion-MNIST (clothing)" is chosen. The subset is the set's own
// test half, t10k: all 10,000 images (1,000 per class) in the file's order; the page splits it
// into train/test with its seed like every other set. The whole 70,000 (CLI: --dataset fashion)
// would be ~30 MB to serve. The IDX files are checked here (magic, sizes, labels < 10) and read
// again by the core's own IDX reader (datasetFromIDX) as a cross-check; the output bytes are
// written by the core's own NNIM writer through the JS API (encodeNNIM), as make-digits does.
// Without the Debian package it says so and writes nothing (the page then reports the missing
// file when the set is chosen); `bash scripts/setup.sh` installs it. Skips the work when the
// output is newer than its inputs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createNNPlay } from '../web/lib/nnplay.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.NNPLAY_FASHION_DIR || '/usr/share/datasets/fashion-mnist';
const imagesFile = path.join(dir, 't10k-images-idx3-ubyte.gz');
const labelsFile = path.join(dir, 't10k-labels-idx1-ubyte.gz');
const out = path.join(root, 'web', 'gen', 'fashion.nnim.gz');
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt',
  'Sneaker', 'Bag', 'Ankle boot'];
const SIDE = 28, PX = SIDE * SIDE;

for (const f of [imagesFile, labelsFile]) {
  if (!fs.existsSync(f)) {
    console.error(`make-fashion: WARNING: ${f} is missing, so web/gen/fashion.nnim.gz is not made and the page's ` +
      "'Fashion-MNIST (clothing)' set will report the file missing. Install Debian's dataset-fashion-mnist " +
      "('bash scripts/setup.sh' does, and npm start runs it).");
    process.exit(0);
  }
}
const inputs = [fileURLToPath(import.meta.url), path.join(root, 'web', 'gen', 'nnplay_core.wasm'), imagesFile, labelsFile];
const newest = Math.max(...inputs.map((f) => fs.statSync(f).mtimeMs));
if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest && !process.argv.includes('--force')) process.exit(0);

const imagesIdx = zlib.gunzipSync(fs.readFileSync(imagesFile));
const labelsIdx = zlib.gunzipSync(fs.readFileSync(labelsFile));
const be = (b, at) => b.readUInt32BE(at);
if (be(imagesIdx, 0) !== 0x00000803 || be(labelsIdx, 0) !== 0x00000801)
  throw new Error('make-fashion: the t10k files do not start with the IDX magic for uint8 images (0x803) and labels (0x801)');
const n = be(imagesIdx, 4);
if (be(imagesIdx, 8) !== SIDE || be(imagesIdx, 12) !== SIDE || be(labelsIdx, 4) !== n ||
    imagesIdx.length !== 16 + n * PX || labelsIdx.length !== 8 + n)
  throw new Error(`make-fashion: expected ${n} images of 28 × 28 and as many labels; the file sizes disagree`);
const pixels = new Uint8Array(imagesIdx.buffer, imagesIdx.byteOffset + 16, n * PX);
const labels = new Uint8Array(labelsIdx.buffer, labelsIdx.byteOffset + 8, n);
const counts = new Array(10).fill(0);
for (const l of labels) { if (l > 9) throw new Error(`make-fashion: label ${l} is not a class 0..9`); counts[l]++; }

const nn = await createNNPlay();
// The core reads the same IDX bytes: same count and classes, or the two readers disagree.
const viaCore = nn.datasetFromIDX(new Uint8Array(imagesIdx), new Uint8Array(labelsIdx), { trainRatio: 0.5, classes: 10 });
const nnim = nn.encodeNNIM({ pixels, labels, width: SIDE, height: SIDE, classes: 10, classNames: FASHION_CLASSES });
const back = nn.datasetFromNNIM(nnim, { trainRatio: 0.5 });
if (viaCore.size !== n || back.size !== n || back.imageWidth !== SIDE || String(back.classNames) !== String(FASHION_CLASSES))
  throw new Error(`make-fashion: the core read ${viaCore.size} (IDX) / ${back.size} (NNIM) images, expected ${n}`);
const gz = zlib.gzipSync(nnim, { level: 9 });
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out + '.tmp', gz);
fs.renameSync(out + '.tmp', out);
console.log(`make-fashion: ${n} Fashion-MNIST t10k images (${counts.join(' / ')}) → ${path.relative(root, out)}: ` +
  `${nnim.length.toLocaleString('en-US')} B, ${gz.length.toLocaleString('en-US')} B gzipped`);
