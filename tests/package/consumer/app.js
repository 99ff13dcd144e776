// A small browser app that uses the installed package, bundled by esbuild in the package test
// (site/app/app.js; the package's web/gen/ is served as site/gen/, i.e. ../gen/ from the bundle).
import { createNNPlay } from 'nnplay';

const out = document.getElementById('out');
try {
  const nn = await createNNPlay();
  const report = nn.countParameters([256, 128, 64]);
  const net = new nn.Network({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1 }], seed: 1 });
  const data = nn.makeDataset('xor', { seed: 3 });
  const epochs = net.trainEpochs(data, { epochs: 3 });
  out.textContent = `256-128-64: ${report.params.toLocaleString('en-US')} parameters · ` +
    `kernels ${nn.simd} × ${nn.lanes} · trained ${epochs.length} epochs`;
} catch (e) {
  out.textContent = `failed: ${e.message}`;
}
