// What keeps many live widgets cheap to show (issue 14, ten playgrounds at 60 fps):
// - the loss chart's M4 drawing (four points per pixel column) gives the pixels of drawing every
//   point (its reference, createLossChart({aggregate: false}));
// - no live canvas of a widget sits under a rounded-corner clip or a CSS filter: with one
//   (overflow: hidden and border-radius on an ancestor, border-radius on the canvas, or the dark
//   theme's filter on the diagram's box) Chromium's software compositor drew each widget through
//   a masked or filtered surface of its own every frame: 22 ms of its thread per frame with ten
//   widgets against 10 ms without (bench/frames.mjs --profile=ten --thread=VizCompositorThread);
//   ten widgets in the dark theme ran at 23 fps, now 60 (--color-scheme=dark). The dark theme is
//   painted by the diagram's painter instead, and the test reads what is on screen.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, elementPixels, shot } from './harness.mjs';

let srv, browser;
test.before(async () => { srv = await startServer(); browser = await launch(); });
test.after(async () => { await browser?.close(); srv?.stop(); });

test('the loss chart drawn through four points a pixel column looks as drawn through every point', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}examples/hidden-layers.html`);
  const r = await page.evaluate(async () => {
    const { createLossChart } = await import('/app/chart.js');
    // a seeded noisy, falling loss with a spike and a gap (NaN): what a long run looks like
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const out = [];
    for (const [n, width, axes] of [[2000, 168, false], [1500, 300, true], [700, 168, false], [5000, 240, true]]) {
      const train = [], test = [];
      for (let i = 0; i < n; i++) {
        const base = 0.7 * Math.exp(-i / (n / 6)) + 0.05;
        train.push(base * (0.8 + 0.4 * rnd()));
        test.push(i === Math.floor(n / 3) ? NaN : i === Math.floor(n / 2) ? 0.9 : base * (0.9 + 0.3 * rnd()));
      }
      const pix = [];
      for (const aggregate of [true, false]) {
        const c = document.createElement('canvas');
        const chart = createLossChart(c, { width, height: 60, axes, aggregate });
        chart.push(train, test);
        chart.draw();
        pix.push(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
      }
      // ink: a pixel darker than the chart's background (#fafafa) by more than a faint edge
      const inked = (p, i) => Math.min(p[i], p[i + 1], p[i + 2]) < 235;
      let ink = 0, inkDiffer = 0, sum = 0;
      for (let i = 0; i < pix[0].length; i += 4) {
        if (inked(pix[1], i)) ink++;
        if (inked(pix[0], i) !== inked(pix[1], i)) inkDiffer++;
        for (let k = 0; k < 3; k++) sum += Math.abs(pix[0][i + k] - pix[1][i + k]);
      }
      out.push({ n, width, axes, pixels: pix[0].length / 4, ink, inkDiffer, meanDiff: sum / (3 * pix[0].length / 4) });
    }
    return out;
  });
  for (const c of r) {
    // The reference drew lines at all (the comparison is not of two blank charts), the same
    // pixels are inked but where anti-aliased segments overlap differently (measured: 1.3–5.7%
    // of the inked pixels, mean difference ≤ 1.4 of 255; leaving out each column's highest
    // value gives up to 17% and 4.3), and no more.
    assert.ok(c.ink > c.width, `reference chart for ${c.n} points has ink: ${JSON.stringify(c)}`);
    assert.ok(c.inkDiffer <= 0.07 * c.ink && c.meanDiff <= 2, `M4 chart against every point: ${JSON.stringify(c)}`);
  }
  assert.deepEqual(problems, []);
});

// In the page: every canvas of the document and of the widgets' shadow roots, and what clips or
// filters it, up through shadow roots to the document. → {canvases, bad: [text]}
function canvasProblems() {
  const bad = [];
  const canvases = [...document.querySelectorAll('canvas')];
  for (const host of document.querySelectorAll('nn-playground, nn-digits, nn-diagram, nn-weight-count'))
    if (host.shadowRoot) canvases.push(...host.shadowRoot.querySelectorAll('canvas'));
  for (const c of canvases) {
    const root = c.getRootNode();
    const owner = root instanceof ShadowRoot ? `${root.host.localName}#${root.host.id} ` : '';
    for (let e = c; e; e = e.parentElement || (e.getRootNode() instanceof ShadowRoot ? e.getRootNode().host : null)) {
      const st = getComputedStyle(e);
      const rounded = ['borderTopLeftRadius', 'borderTopRightRadius', 'borderBottomLeftRadius', 'borderBottomRightRadius']
        .some((k) => parseFloat(st[k]) > 0);
      const clips = e === c || st.overflowX !== 'visible' || st.overflowY !== 'visible' || st.clipPath !== 'none';
      const where = `${owner}canvas#${c.id}.${c.className}: ${e === c ? 'itself' : `${e.localName}.${e.className}`}`;
      if (rounded && clips) bad.push(`${where} clips with rounded corners`);
      if (st.filter !== 'none') bad.push(`${where} has filter ${st.filter}`);
    }
  }
  return { canvases: canvases.length, bad };
}

// Under a dark system theme (where the widgets' diagrams are drawn through a filter) as well.
test('no live widget canvas is under a rounded-corner clip or a filter; a dark theme is painted, not filtered', async () => {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${srv.url}examples/hidden-layers.html`);
  await page.locator('#spiral').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#spiral')?.dataset.playing === 'true', null, { timeout: 30000 });
  const found = await page.evaluate(canvasProblems);
  assert.ok(found.canvases >= 3, `canvases found: ${found.canvases}`);
  assert.deepEqual(found.bad, []);
  // the playground page's own canvases likewise
  const p2 = await browser.context.newPage();
  await p2.goto(srv.url);
  await p2.waitForFunction(() => /Ready/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 20000 });
  const onPage = await p2.evaluate(canvasProblems);
  await p2.close();
  assert.ok(onPage.canvases >= 3, `page canvases: ${onPage.canvases}`);
  assert.deepEqual(onPage.bad, []);

  // What a reader sees of the diagram's and the loss chart's canvases: dark in the dark theme,
  // light with theme="light", dark again without it (drawn through the theme's filter, as the
  // CSS filter on the box drew the diagram before; the chart had stayed light)
  const canvases = [page.locator('#spiral canvas.diagram-paint'), page.locator('#spiral canvas.chart')];
  const share = async (dark) => Math.min(...await Promise.all(canvases.map((c) => shareOf(c, dark))));
  const shareOf = async (canvas, dark) => {
    const { width, height, data } = await elementPixels(canvas);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const hi = Math.max(data[i], data[i + 1], data[i + 2]), lo = Math.min(data[i], data[i + 1], data[i + 2]);
      if (dark ? hi < 60 : lo > 200) n++;
    }
    return n / (width * height);
  };
  const until = async (dark) => {
    let s = 0;
    for (let i = 0; i < 40 && (s = await share(dark)) < 0.5; i++) await page.waitForTimeout(100);
    return s;
  };
  const dark1 = await until(true);
  assert.ok(dark1 >= 0.5, `dark theme: ${(100 * dark1).toFixed(0)}% of the diagram's or the chart's canvas is dark`);
  await page.evaluate(() => document.querySelector('#spiral').setAttribute('theme', 'light'));
  const light = await until(false);
  assert.ok(light >= 0.5, `theme="light": ${(100 * light).toFixed(0)}% of the diagram's or the chart's canvas is light`);
  await page.evaluate(() => document.querySelector('#spiral').removeAttribute('theme'));
  const dark2 = await until(true);
  assert.ok(dark2 >= 0.5, `dark theme again: ${(100 * dark2).toFixed(0)}% of the diagram's or the chart's canvas is dark`);
  await shot(page, 'compositing-dark', { fullPage: false });
  assert.deepEqual(problems, []);
  await page.close();
});
