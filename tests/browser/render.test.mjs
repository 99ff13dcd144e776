// What a reader sees on the playground page (issue 14, readability): the network diagram fits its
// box (TF Playground's 6 × 8 network in a 1440-px window, and a phone), unused input features are
// shown greyed and are one click from being used, and the points stay readable on the map (it is
// drawn paler under them), which has axis ticks and a colour legend. Screenshots in
// test-output/browser/render-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitReady, shot, coloursIn, elementPixels } from './harness.mjs';
import { exportModel } from './page-steps.mjs';

let srv, browser;
test.before(async () => { srv = await startServer(); browser = await launch(); });
test.after(async () => { await browser?.close(); srv?.stop(); });

// How far the diagram reaches past its box and past the window, in CSS pixels (0 = it fits).
async function overflow(page) {
  return page.evaluate(() => {
    const svg = document.getElementById('diagram');
    const box = svg.closest('.diagram-wrap').getBoundingClientRect();
    const r = svg.getBoundingClientRect();
    const out = [...svg.querySelectorAll('[data-column] > text')].find((t) => t.textContent === 'output').getBoundingClientRect();
    return { box: Math.max(0, r.right - box.right), window: Math.max(0, out.right - window.innerWidth),
      scroll: svg.closest('.diagram-wrap').scrollWidth - svg.closest('.diagram-wrap').clientWidth, width: r.width };
  });
}

test('TF Playground\'s 6 × 8 network fits a 1440-px window; unused features are greyed and a click uses them', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}#dataset=spiral&networkShape=8,8,8,8,8,8&x=true&y=true`,
    { viewport: { width: 1440, height: 900 } });
  await waitReady(page);
  const o = await overflow(page);
  assert.deepEqual({ box: o.box, window: o.window, scroll: o.scroll }, { box: 0, window: 0, scroll: 0 }, JSON.stringify(o));
  // 7 features in TF's order, 2 used: 5 greyed input nodes that say so
  const off = await page.locator('#diagram .node.off').evaluateAll((n) => n.map((x) => x.getAttribute('aria-label')));
  assert.deepEqual(off, ['x₁²', 'x₂²', 'x₁·x₂', 'sin x₁', 'sin x₂'].map((l) => `input ${l}: not used, press to use it`));
  assert.equal(await page.locator('#diagram [data-column="0"] > text').nth(1).textContent(), '2 features');
  await shot(page, 'render-6x8-1440');
  // hovering says what a click does; the click adds x₁² to the network and to the link
  await page.locator('#diagram .node.off').first().hover();
  assert.match(await page.locator('#hover').textContent(), /input x₁²: not used; click to use it/);
  await page.locator('#diagram .node.off').first().click();
  await page.waitForFunction(() => document.querySelectorAll('#diagram .node.off').length === 4, null, { timeout: 10000 });
  assert.match(await page.evaluate(() => location.hash), /xSquared=true/);
  assert.equal(await page.locator('#diagram [data-column="0"] > text').nth(1).textContent(), '3 features');
  assert.equal(await page.locator('[data-setting="xSquared"]').isChecked(), true);
  // and the keyboard: Enter on a used input leaves it out again
  await page.locator('#diagram .node[data-feature="xSquared"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#diagram .node.off').length === 5, null, { timeout: 10000 });
  assert.deepEqual(problems, []);
});

test('a 375-px phone: the 6 × 8 diagram is scaled into its box, no sideways scrolling', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}#dataset=spiral&networkShape=8,8,8,8,8,8`,
    { viewport: { width: 375, height: 800 } });
  await waitReady(page);
  const o = await overflow(page);
  assert.deepEqual({ box: o.box, window: o.window, scroll: o.scroll }, { box: 0, window: 0, scroll: 0 }, JSON.stringify(o));
  assert.ok(o.width > 250, `diagram ${o.width} px wide`);
  await shot(page, 'render-6x8-375');
  assert.deepEqual(problems, []);
});

test('points stay readable on a trained map; the map has axis ticks and a colour legend', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}#dataset=circle&learningRate=0.1`,
    { viewport: { width: 1280, height: 1000 } });
  await waitReady(page);
  await page.locator('#play').click();
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= 150, null, { timeout: 30000 });
  await page.locator('#play').click();
  await page.waitForTimeout(300);
  // Each training point's colour against the map 6 px beside it (outside the 3.2-px dot), the most
  // different of the four sides (a neighbour dot may cover the others): a dot of its own class's
  // colour on a fully saturated map of that class disappears into it (only a white ring is left).
  // the map as a person sees it (the worker paints it: a screenshot of the canvas, CSS pixels)
  const shotPx = await elementPixels(page.locator('#heatmap'));
  const r = await page.evaluate(({ width: W, height: H, data: d }) => {
    const c = { width: W, height: H };
    const { points } = window.nnplayDebug();
    const s = c.width / 12, dpr = 1;
    const px = (x, y) => { const i = 4 * (Math.round(y) * c.width + Math.round(x)); return [d[i], d[i + 1], d[i + 2]]; };
    const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    const out = [];
    for (let i = 0; i < points.trainSize; i++) {
      const x = (points.x1[i] + 6) * s, y = (6 - points.x2[i]) * s;
      if (x < 8 * dpr || y < 8 * dpr || x > c.width - 8 * dpr || y > c.height - 8 * dpr) continue;
      const o = 6 * dpr;
      out.push(Math.max(...[[o, 0], [-o, 0], [0, o], [0, -o]].map(([dx, dy]) => dist(px(x, y), px(x + dx, y + dy)))));
    }
    out.sort((a, b) => a - b);
    return { n: out.length, p10: out[Math.floor(out.length / 10)], median: out[out.length >> 1] };
  }, shotPx);
  assert.ok(r.n > 50, `${r.n} points checked`);
  // TF's blue (8,119,189) against the map's 45 %-paler blue (119,180,219) is 130 apart
  assert.ok(r.p10 > 60, `9 in 10 points differ from the map beside them by more than 60 (10th percentile ${r.p10?.toFixed(0)}, median ${r.median?.toFixed(0)})`);
  assert.equal(await page.locator('.ticks-x').textContent(), '−606');
  assert.equal(await page.locator('.ticks-y').textContent(), '60−6');
  assert.ok(await page.locator('#map-legend').isVisible());
  assert.equal(await page.locator('#legend-lo').textContent(), '−1');
  assert.equal(await page.locator('#legend-hi').textContent(), '+1');
  await page.locator('.maps figure').first().screenshot({ path: (await shot(page, 'render-map')).replace('.png', '-figure.png') });
  assert.deepEqual(problems, []);
});

// Issue 14: links, biases and neuron maps are painted on a canvas under the diagram's SVG (by the
// training worker where the browser allows), so the SVG, which keeps every hover/focus/click
// target, does not change while the network trains; the exported SVG still carries each link's
// colour and width from its weight (TF Playground's scale) and every neuron's map.
test('while training the diagram\'s SVG stays still and its canvas shows the links; the SVG export has them', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}#dataset=xor&networkShape=4&learningRate=0.1`,
    { viewport: { width: 1440, height: 900 } });
  await waitReady(page);
  const epoch = () => page.evaluate(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')));
  await page.locator('#play').click();
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= 20, null, { timeout: 30000 });
  const svg = () => page.evaluate(() => document.getElementById('diagram').outerHTML);
  const before = await svg(), e0 = await epoch();
  await page.waitForTimeout(500);
  assert.ok(await epoch() > e0 + 5, 'still training');
  assert.equal(await svg(), before, 'the SVG did not change while training');
  // the links between the input and hidden columns are painted in the weights' colours, by the
  // worker (the page cannot take a 2-D context of a canvas whose control it handed over)
  assert.ok(await coloursIn(page.locator('#diagram [data-part="links"]')) > 30, 'links painted in many colours');
  assert.deepEqual(await page.evaluate(() => ['diagram-paint', 'heatmap'].map((id) => {
    try { document.getElementById(id).getContext('2d'); return 'page'; } catch { return 'worker'; }
  })), ['worker', 'worker'], 'the diagram\'s canvas and the map are painted by the worker');
  assert.ok(await coloursIn(page.locator('#heatmap')) > 20, 'the map is painted');
  // hover names a link and its value, as before
  await page.locator('#diagram .link').first().hover();
  assert.match(await page.locator('#hover').textContent(), /^weight x₁ → h1,1 = -?\d/);
  await page.locator('#play').click();
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') !== 'true');
  await page.waitForTimeout(300);
  const model = JSON.parse(await exportModel(page));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-svg').click()]);
  const text = Buffer.concat(await (await dl.createReadStream()).toArray()).toString('utf8');
  // TF Playground's colour scale (web/app/heatmap.js colorFor) in 128 steps over −1…1; width 0.6 + 1.8|w|
  const NEG = [245, 147, 34], MID = [232, 234, 235], POS = [8, 119, 189];
  const colour = (w) => {
    const t = Math.round((Math.max(-1, Math.min(1, w)) + 1) * 128) / 128 - 1, [a, b] = t < 0 ? [MID, NEG] : [MID, POS];
    return `rgb(${a.map((c, i) => (c + (b[i] - c) * Math.abs(t)) | 0).join(',')})`;
  };
  const paths = [...text.matchAll(/<path [^>]*data-block="(\d+)" data-from="(\d+)" data-to="(\d+)"[^>]*>/g)];
  assert.equal(paths.length, 2 * 4 + 4 * 1, 'every link (2×4 + 4×1)');
  for (const [tag, b, from, to] of paths) {
    const out = model.layers[b].units, w = model.layers[b].weights[from * out + Number(to)];
    assert.equal(tag.match(/stroke="([^"]+)"/)[1], colour(w), `link ${b}:${from}→${to} (w ${w})`);
    assert.equal(tag.match(/stroke-width="([^"]+)"/)[1], (Math.round(Math.min(8, 0.6 + 1.8 * Math.abs(w)) / 0.05) * 0.05).toFixed(2));
  }
  // every neuron's map (2 inputs + 4 + 1) and the 5 greyed unused features' as images, a white background
  assert.equal((text.match(/<image [^>]*href="data:image\/png;base64,/g) || []).length, 7 + 5);
  assert.match(text, /<svg [^>]*>\s*<rect x="0" y="0" [^>]*fill="#ffffff"/);
  await shot(page, 'render-live-diagram');
  assert.deepEqual(problems, []);
});

// Where a browser cannot hand a canvas to a worker, the page paints the same canvas itself.
test('without OffscreenCanvas transfer the page paints the diagram and the map itself', async () => {
  const context = await browser.context.browser().newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => { delete HTMLCanvasElement.prototype.transferControlToOffscreen; });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${srv.url}#dataset=xor&networkShape=4&learningRate=0.1`);
  await waitReady(page);
  await page.locator('#play').click();
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= 20, null, { timeout: 30000 });
  assert.deepEqual(await page.evaluate(() => ['diagram-paint', 'heatmap'].map((id) => document.getElementById(id).getContext('2d') !== null)),
    [true, true], 'the page owns the canvases');
  assert.ok(await coloursIn(page.locator('#heatmap')) > 20, 'the map is painted');
  assert.ok(await coloursIn(page.locator('#diagram [data-part="links"]')) > 30, 'links painted in many colours');
  assert.ok(await coloursIn(page.locator('#diagram .node[data-layer="0"][data-unit="0"] rect').first(), 6) > 20, 'a neuron shows its map');
  await shot(page, 'render-live-diagram-page-painted');
  assert.deepEqual(problems, []);
  await context.close();
});

// Every control stays inside its panel at the common window widths (the Dataset menu, as wide as
// its longest option "Handwritten digits (MNIST, 28×28)", stuck out of the Data panel).
test('no control reaches out of its panel', async () => {
  for (const width of [1280, 1440, 1024]) {
    const { page, problems } = await openPage(browser.context, `${srv.url}#dataset=xor`, { viewport: { width, height: 900 } });
    await waitReady(page);
    const out = await page.evaluate(() => {
      const bad = [];
      for (const c of document.querySelectorAll('.panel select, .panel input, .panel button, .panel textarea')) {
        const r = c.getBoundingClientRect();
        if (!r.width) continue;  // hidden
        const p = c.closest('.panel').getBoundingClientRect();
        if (r.right > p.right + 0.5 || r.left < p.left - 0.5) bad.push(`${c.localName}#${c.id} ${r.left.toFixed(0)}–${r.right.toFixed(0)} in a panel ${p.left.toFixed(0)}–${p.right.toFixed(0)}`);
      }
      return bad;
    });
    assert.deepEqual(out, [], `window ${width} px`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
