// Issue 11 "every view shows the current state", as a person sees it: thumbnails vanish when
// they do not apply, the parameter panel follows the optimiser, a hovered neuron takes the large
// map, a stalled classification says so, and the names are readable. Every test here failed on main before
// the web split (see /work/notes/web.md). Screenshots: test-output/browser/5x-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitReady, shot, coloursIn, elementPixels } from './harness.mjs';
import { playgroundSuite, epochOf, trainTo, chartLabel, chartInk, exportModel } from './page-steps.mjs';

const ctx = playgroundSuite();

test('thumbnails vanish for a CSV with 3 inputs; the optimiser line follows the select', async () => {
  const { page, problems } = await ctx.fresh('#networkShape=3');
  await page.locator('#step').click();
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '000,001');
  // each hidden neuron shows its map (painted on the diagram's canvas, under the SVG); 6 px in
  // from its border, clear of the bias square on its corner
  const node = (u) => page.locator(`#diagram .node[data-layer="0"][data-unit="${u}"] rect`).first();
  for (let u = 0; u < 3; u++) assert.ok(await coloursIn(node(u), 6) > 20, `neuron ${u + 1} shows a map`);
  const rows = ['a,b,c,label'];
  for (let i = 0; i < 40; i++) rows.push(`${i % 5},${(i * 7) % 11},${(i * 3) % 4},${i % 2}`);
  await page.locator('#csv').setInputFiles({ name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.waitForFunction(() => /3 inputs/.test(document.getElementById('data-note').textContent));
  await page.locator('#step').click();
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '000,001');
  await page.waitForTimeout(300);
  for (let u = 0; u < 3; u++) assert.ok(await coloursIn(node(u), 6) <= 2, `neuron ${u + 1}: no map left from the 2-D data`);
  await shot(page, '52-csv-no-thumbnails');
  // Optimiser state: SGD keeps none; Adam two floats per parameter (3×3+3×1 = 12 weights + 4 biases = 16)
  assert.match(await page.locator('#params').textContent(), /Optimiser state \(SGD\)0 floats/);
  await page.locator('#optimizer').selectOption('adam');
  await page.waitForFunction(() => /Optimiser state \(Adam\)32 floats = 128 B/.test(document.getElementById('params').textContent));
  assert.deepEqual(problems, []);
  await page.close();
});

test('hovering or focusing a neuron shows its map in the large heatmap', async () => {
  const { page, problems } = await ctx.fresh('#dataset=xor&networkShape=4');
  await trainTo(page, 30);
  // the map as a person sees it (the worker paints it: a screenshot of the canvas)
  const pixels = async () => (await elementPixels(page.locator('#heatmap'))).data.filter((_, i) => i % 97 === 0).join(',');
  const output = await pixels();
  const neuron = page.locator('#diagram .node[data-layer="0"][data-unit="1"]');
  await neuron.hover();
  await page.waitForFunction(() => /Showing neuron 2 of hidden 1/.test(document.getElementById('map-caption').textContent));
  assert.notEqual(await pixels(), output, 'the map changed');
  await shot(page, '53-neuron-map');
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => /FP32 output/.test(document.getElementById('map-caption').textContent));
  assert.equal(await pixels(), output, 'the output map is back');
  // the keyboard: focusing a neuron does the same
  await neuron.focus();
  await page.waitForFunction(() => /Showing neuron 2 of hidden 1/.test(document.getElementById('map-caption').textContent));
  // an input neuron shows its feature
  await page.locator('#diagram .node[data-layer="-1"][data-unit="0"]').hover();
  await page.waitForFunction(() => /Showing input x₁/.test(document.getElementById('map-caption').textContent));
  assert.deepEqual(problems, []);
  await page.close();
});

// Issue 11 (TF Playground does this): the hovered neuron's map is computed at the large map's
// resolution (100 × 100), not its 20 × 20 thumbnail scaled up. Discretized, the map is two
// colours scaled without smoothing, so its colour edges fall on cell borders: every 1/20 of the
// map's width for a 20-cell map, every 1/100 for a 100-cell one. Read from a screenshot (the
// worker paints the map) of the canvas with its 1-px border, scaled to its box by the page.
test("a hovered neuron's map is drawn at 100 × 100, not its thumbnail scaled up", async () => {
  const { page, problems } = await ctx.fresh('#dataset=circle&networkShape=4&discretize=true');
  await trainTo(page, 20);
  const edges = async () => {
    const { width: W, height: H, data: d } = await elementPixels(page.locator('#heatmap'));
    const colour = (x, y) => { const i = 4 * (y * W + x); return (d[i] << 16) | (d[i + 1] << 8) | d[i + 2]; };
    // the map's two colours are the most common ones (points cover a little of it)
    const count = new Map();
    for (let y = 1; y < H - 1; y++) for (let x = 1; x < W - 1; x += 3) { const k = colour(x, y); count.set(k, (count.get(k) || 0) + 1); }
    const [a, b] = [...count.entries()].sort((p, q) => q[1] - p[1]).map(([k]) => k);
    // an edge: a pixel of one colour, at most 3 blended ones, then the other; its place is the middle
    const xs = [];
    for (let y = 3; y < H - 3; y += 4) {
      let last = null, at = -1;
      for (let x = 1; x < W - 1; x++) {
        const c = colour(x, y);
        if (c !== a && c !== b) continue;
        if (last !== null && c !== last && x - at <= 4) xs.push((at + x) / 2 - 1);  // − the border
        last = c; at = x;
      }
    }
    // how far each edge is from the nearest 20-cell border, in screen pixels
    const cell20 = (W - 2) / 20;
    return { cell20, n: xs.length, off20: Math.max(0, ...xs.map((x) => Math.abs(x + 0.5 - Math.round((x + 0.5) / cell20) * cell20))) };
  };
  await page.locator('#diagram .node[data-layer="0"][data-unit="0"]').hover();
  await page.waitForFunction(() => /Showing neuron 1 of hidden 1 \(100×100\)/.test(document.getElementById('map-caption').textContent));
  const e = await edges();
  assert.ok(e.n >= 10, `the neuron's map has a boundary (${e.n} edge pixels)`);
  assert.ok(e.off20 >= 3, `edges fall between 20-cell borders (at most ${e.off20.toFixed(1)} px off, cells ${e.cell20} px): the map is finer than the thumbnail`);
  await shot(page, '55-neuron-map-full-resolution');
  // an input neuron's map at full resolution too (the core's feature values)
  await page.locator('#diagram .node[data-layer="-1"][data-unit="0"]').hover();
  await page.waitForFunction(() => /Showing input x₁ \(100×100\)/.test(document.getElementById('map-caption').textContent));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a classification that stalls says so and offers a way out', async () => {
  // all-zero weights never break symmetry: the loss goes flat at chance
  const { page, problems } = await ctx.fresh('#dataset=circle&initZero=true&speed=10');
  await page.locator('#play').click();
  await page.waitForFunction(() => /training has stalled/.test(document.getElementById('messages').textContent), null, { timeout: 30000 });
  const m = await page.locator('#messages').textContent();
  assert.match(m, /Epoch \d+: training has stalled: the training loss has stayed at \d\.\d{4} for 50 epochs and the accuracy \(\d+\.\d%\) is no better than always answering the most common class \(\d+\.\d%\); try resetting with a random initialiser/);
  assert.ok(await page.locator('#messages').getByRole('button', { name: 'Reset the network' }).isVisible());
  await page.locator('#play').click();
  await shot(page, '54-stalled');
  // the offer for this cause: random initial weights
  await page.locator('#messages').getByRole('button', { name: 'Use random initial weights' }).click();
  await page.waitForFunction(() => /initZero=false/.test(location.hash) && !document.querySelector('[data-setting="initZero"]').checked);
  assert.deepEqual(problems, []);
  await page.close();
});

test('readable names: initialisers, activations, SIMD, losses', async () => {
  const { page, problems } = await ctx.fresh();
  const opts = async (sel) => page.locator(`${sel} option`).allTextContents();
  const inits = await opts('#init');
  for (const n of ['Xavier/Glorot uniform', 'He normal', 'LeCun uniform', 'All zero']) assert.ok(inits.includes(n), n);
  const acts = await opts('#activation');
  for (const n of ['Leaky ReLU (slope 0.01)', 'ReLU', 'tanh', 'GELU (tanh approximation)']) assert.ok(acts.includes(n), n);
  assert.ok((await opts('#layer-editor select')).includes('Leaky ReLU (slope 0.01)'));
  // the value behind a name stays the setting's
  await page.locator('#init').selectOption({ label: 'He normal' });
  await page.waitForFunction(() => /init=he_normal/.test(location.hash));
  const status = await page.locator('#status').textContent();
  assert.match(status, /WebAssembly SIMD128 \(4 float lanes\)/);
  assert.doesNotMatch(status, /sse\d|avx|neon/i);
  assert.match(await page.locator('#train-loss').textContent(), /^\d\.\d{4}$/);
  assert.match(await page.locator('#test-loss').textContent(), /^\d\.\d{4}$/);
  await shot(page, '55-names');
  assert.deepEqual(problems, []);
  await page.close();
});
