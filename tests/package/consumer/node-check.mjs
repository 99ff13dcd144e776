// Run by tests/package/package.test.mjs in the fresh project, with plain `node` (no
// NODE_OPTIONS): the installed package loads its wasm and counts.
import { createNNPlay } from 'nnplay';
const nn = await createNNPlay();
const net = new nn.Network({ inputs: 2, layers: [{ units: 4 }, { units: 1 }], seed: 1 });
console.log(JSON.stringify({
  params: String(nn.countParameters([256, 128, 64]).params),  // 32,768 + 8,192 + 192 = 41,152
  netParams: String(net.paramCount()),                         // 2·4 + 4 + 4·1 + 1 = 17
  simd: nn.simd,
  lanes: nn.lanes,
}));
