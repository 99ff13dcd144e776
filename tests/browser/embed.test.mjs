// The embeds (issue 5) in headless Chromium: the example article over http (with the server's
// CSP) and from file://, a hostile page, bad attributes and live attribute changes, SVG export,
// a model file, ten playgrounds on one page (frame times) and the playground page in an iframe.
// Test pages that are not part of the site are written to a temp folder and opened from
// file://, which is also how an article author tries the one-file bundle.
// Screenshots go to test-output/browser/embed-*.png; figures to embed-perf.json.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, launch, openPage, shot, elementPixels, coloursIn, ROOT, OUT } from './harness.mjs';

const BUNDLE = path.join(ROOT, 'web', 'gen', 'nnplay-widgets.js');
const ARTICLE = path.join(ROOT, 'web', 'examples', 'hidden-layers.html');
let srv, browser, tmp;

test.before(async () => {
  assert.ok(fs.existsSync(BUNDLE), 'web/gen/nnplay-widgets.js is missing: run `bash scripts/build.sh wasm`');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-embed-'));
  srv = await startServer();
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  srv?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// A page in the temp folder that loads the bundle by its file:// URL.
function tempPage(name, body, head = '') {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
${head}<script src="${pathToFileURL(BUNDLE).href}"></script></head><body>${body}</body></html>`);
  return pathToFileURL(file).href;
}

// Text of a widget's shadow root (or of one part of it).
const shadowText = (page, id, sel = '.root') => page.evaluate(([i, s]) => {
  const el = document.getElementById(i);
  const n = el && el.shadowRoot && el.shadowRoot.querySelector(s);
  return n ? n.textContent : null;
}, [id, sel]);

async function waitCounted(page, id) {
  await page.waitForFunction((i) => {
    const r = document.getElementById(i)?.shadowRoot;
    return r && (r.querySelector('.totals') || r.querySelector('.msg.on'));
  }, id, { timeout: 20000 });
}

// The figures of the example article, checked the same way over http and from file://.
async function checkArticle(page, label) {
  for (const id of ['count-main', 'count-int8', 'count-small']) await waitCounted(page, id);
  // 256 × 128 = 32,768 and 128 × 64 = 8,192: 40,960 weights + 128 + 64 = 192 biases = 41,152
  const main = await shadowText(page, 'count-main');
  assert.match(main, /256 × 128 = 32,768 weights \+ 128 biases/);
  assert.match(main, /128 × 64 = 8,192 weights \+ 64 biases/);
  assert.match(main, /With biases: 40,960 weights \+ 192 biases = 41,152 parameters/);
  assert.match(main, /Without biases: 40,960 weights = 40,960 parameters/);
  // FP32: 41,152 × 4 B = 164,608 B
  assert.match(main, /Storage at FP32: 41,152 × 4 B = 164,608 bytes \(160\.8 KiB\)/);
  assert.equal(await page.evaluate(() => document.getElementById('count-main').shadowRoot.querySelectorAll('svg .node').length > 0), true);
  // no biases, INT8: 40,960 × 1 B + 2 blocks × 4-byte scale = 40,968 B
  const int8 = await shadowText(page, 'count-int8');
  assert.match(int8, /Storage at INT8: 40,960 × 1 B \+ 2 scales × 4 B = 40,968 bytes/);
  assert.doesNotMatch(int8, /\+ 128 biases/);
  assert.equal(await page.evaluate(() => document.getElementById('count-int8').shadowRoot.querySelector('svg')), null, 'diagram="false"');
  // 2-8-8-1: 2·8 + 8·8 + 8·1 = 88 weights, 8 + 8 + 1 = 17 biases = 105; FP16 105 × 2 = 210 B
  const small = await shadowText(page, 'count-small');
  assert.match(small, /With biases: 88 weights \+ 17 biases = 105 parameters/);
  assert.match(small, /Storage at FP16: 105 × 2 B = 210 bytes/);
  // the static diagram: 2 + 8 + 8 + 1 neurons, block labels
  await page.waitForFunction(() => document.getElementById('diagram-static').shadowRoot.querySelectorAll('svg .node').length === 19, null, { timeout: 20000 });
  const dia = await shadowText(page, 'diagram-static');
  assert.match(dia, /2 × 8 = 16 weights/);
  assert.match(dia, /8 × 8 = 64 weights/);
  // the playground trains once on screen; the live diagram follows it
  await page.locator('#spiral').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('spiral').dataset.epoch) >= 30, null, { timeout: 30000 });
  // the map as a person sees it (the shared worker paints it: a screenshot of the canvas)
  const { data: d } = await elementPixels(page.locator('#spiral canvas.map'));
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4 * 97) colours.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
  const pg = await page.evaluate(() => {
    const r = document.getElementById('spiral').shadowRoot;
    return { stats: r.querySelector('.stats').textContent, w: r.querySelector('canvas.map').getBoundingClientRect().width };
  });
  pg.colours = colours.size;
  assert.match(pg.stats, /Epoch [\d,]+ · test loss [\d.]+ · training loss [\d.]+/);
  assert.ok(pg.colours > 20, `the decision map is painted (${pg.colours} colours sampled)`);
  // the diagram's links and neuron maps: painted by the shared worker on the canvas under the SVG
  assert.ok(await coloursIn(page.locator('#spiral .diagram-box')) > 30, 'the widget\'s diagram shows its links and maps');
  assert.deepEqual(await page.evaluate(() => [...document.getElementById('spiral').shadowRoot.querySelectorAll('canvas.map, canvas.diagram-paint')]
    .map((c) => { try { c.getContext('2d'); return 'page'; } catch { return 'worker'; } })), ['worker', 'worker']);
  assert.ok(pg.w > 100);
  await page.waitForFunction(() => [...document.getElementById('diagram-live').shadowRoot.querySelectorAll('path.link')]
    .some((p) => p.getAttribute('stroke') !== '#c8cacc'), null, { timeout: 10000 });
  const st = await page.evaluate(() => window.nnplayWidgets.stats());
  assert.equal(st.workers, 1, 'one shared worker');
  assert.equal(st.sessions, 1);
  assert.equal(st.fatal, null);
  assert.equal(await page.evaluate(() => typeof window.createNNModule), 'undefined', 'the WASM module lives in the worker only');
  await shot(page, `embed-article-${label}`);
}

test('example article over http, with the server CSP', async () => {
  const { page, problems } = await openPage(browser.context, srv.url + 'examples/hidden-layers.html');
  await checkArticle(page, 'http');
  assert.deepEqual(problems, []);
  await page.close();
});

test('example article and the one-file bundle from file://', async () => {
  const { page, problems } = await openPage(browser.context, pathToFileURL(ARTICLE).href);
  assert.equal(await page.evaluate(() => location.protocol), 'file:');
  await checkArticle(page, 'file');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a hostile page cannot break the widgets, and their CSS does not leak out', async () => {
  const css = `<style>
    * { all: unset !important; }
    html * { font-size: 0 !important; color: transparent !important; line-height: 0 !important; }
    svg { display: none !important; } canvas { width: 0 !important; height: 0 !important; }
    nn-weight-count, nn-diagram, nn-playground { display: inline !important; }
    .root, .msg, .totals { border: 0; } button { color: rgb(1, 2, 3) !important; }
  </style>`;
  const url = tempPage('hostile.html', `
    <div class="root" id="page-root">page text</div><button id="page-button">page button</button>
    <nn-weight-count id="c" layers="256,128,64"></nn-weight-count>
    <nn-diagram id="d" layers="2,8,8,1"></nn-diagram>
    <nn-playground id="p" dataset="spiral" layers="2,8,8,1" controls="play,reset,lr" autoplay></nn-playground>
    <nn-weight-count id="dark" theme="dark" layers="784,256,10" precision="fp16"></nn-weight-count>`, css);
  const { page, problems } = await openPage(browser.context, url, { viewport: { width: 1100, height: 2600 } });
  await waitCounted(page, 'c');
  await waitCounted(page, 'dark');
  await page.waitForFunction(() => Number(document.getElementById('p').dataset.epoch) >= 10, null, { timeout: 30000 });
  const m = await page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
    const out = {};
    for (const id of ['c', 'd', 'p']) {
      const el = document.getElementById(id);
      const r = el.shadowRoot;
      out[id] = {
        host: box(el), display: getComputedStyle(el).display,
        svg: r.querySelector('svg') && box(r.querySelector('svg')),
        canvas: r.querySelector('canvas') && box(r.querySelector('canvas')),
        font: getComputedStyle(r.querySelector('.root')).fontSize,
        colour: getComputedStyle(r.querySelector('.root')).color,
      };
    }
    const pageRoot = getComputedStyle(document.getElementById('page-root'));
    out.leak = { border: pageRoot.borderTopWidth, padding: pageRoot.paddingTop, button: getComputedStyle(document.getElementById('page-button')).color };
    out.dark = getComputedStyle(document.getElementById('dark').shadowRoot.querySelector('.root')).backgroundColor;
    return out;
  });
  for (const id of ['c', 'd', 'p']) {
    assert.equal(m[id].display, 'block', `${id} display`);
    assert.ok(m[id].host[0] > 300 && m[id].host[1] > 150, `${id} host ${m[id].host}`);
    assert.ok(m[id].svg[0] > 200 && m[id].svg[1] > 100, `${id} svg ${m[id].svg}`);
    assert.equal(m[id].font, '14px');
    assert.notEqual(m[id].colour, 'rgba(0, 0, 0, 0)');
  }
  assert.ok(m.p.canvas[0] >= 160 && m.p.canvas[1] >= 160, `canvas ${m.p.canvas}`);
  assert.match(await shadowText(page, 'c'), /41,152 parameters/);
  // 784 × 256 = 200,704 + 256 × 10 = 2,560 → 203,264 weights + 266 biases = 203,530; FP16 × 2 = 407,060 B
  assert.match(await shadowText(page, 'dark'), /203,264 weights \+ 266 biases = 203,530 parameters/);
  assert.match(await shadowText(page, 'dark'), /203,530 × 2 B = 407,060 bytes/);
  assert.equal(m.dark, 'rgb(23, 25, 28)', 'theme="dark"');
  // our .root / .msg / button rules stay inside the shadow roots
  assert.equal(m.leak.border, '0px');
  assert.equal(m.leak.padding, '0px');
  assert.equal(m.leak.button, 'rgb(1, 2, 3)');
  await shot(page, 'embed-hostile');
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad attributes show an inline message naming the attribute; changes after load update the widget', async () => {
  const xss = '<img src=x onerror="window.pwned=1">';
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const url = tempPage('bad.html', `
    <nn-weight-count id="b1" layers="256,abc,64"></nn-weight-count>
    <nn-weight-count id="b2" layers="256,128" precision="fp64" bias="maybe"></nn-weight-count>
    <nn-weight-count id="b3" layers="${esc(xss)}"></nn-weight-count>
    <nn-weight-count id="b4"></nn-weight-count>
    <nn-diagram id="b5" layers="2" activation="banana"></nn-diagram>
    <nn-diagram id="b6" for="nowhere"></nn-diagram>
    <nn-playground id="b7" dataset="moons" layers="3,8,1" controls="play,fly" lr="-1"></nn-playground>
    <nn-weight-count id="b8" layers="2000000000000,2"></nn-weight-count>
    <nn-weight-count id="good" layers="256,128,64"></nn-weight-count>`);
  const { page, problems } = await openPage(browser.context, url, { viewport: { width: 1000, height: 3000 } });
  const msg = async (id) => {
    await page.waitForFunction((i) => document.getElementById(i).shadowRoot.querySelector('.msg.on'), id, { timeout: 20000 });
    return shadowText(page, id, '.msg');
  };
  assert.match(await msg('b1'), /^layers: "256,abc,64" item 2 \("abc"\) is not a whole number; allowed: 2 to 64 whole numbers/);
  const b2 = await msg('b2');
  assert.match(b2, /precision: "fp64" is not allowed; allowed: fp32, fp16, int8/);
  assert.match(b2, /bias: "maybe" is not a boolean; allowed: true, false/);
  assert.match(await msg('b3'), /^layers: "<img src=x onerror=/);
  assert.match(await msg('b4'), /^layers: missing; allowed:/);
  const b5 = await msg('b5');
  assert.match(b5, /layers: "2" has 1 layer; allowed: 2 to 64/);
  assert.match(await msg('b6'), /for: "nowhere" is not the id of an element on this page; allowed: the id of an <nn-playground>/);
  const b7 = await msg('b7');
  assert.match(b7, /dataset: "moons" is not allowed; allowed: circle, xor, gauss, spiral, plane, multigauss/);
  assert.match(b7, /layers: "3,8,1" starts with 3 inputs; allowed: 2 inputs/);
  assert.match(b7, /controls: "play,fly" names "fly"; allowed: a comma-separated list of play, step, reset, lr, activation, dataset, noise/);
  assert.match(b7, /lr: "-1" is out of range; allowed: a number above 0 to 10/);
  assert.match(await msg('b8'), /layers: "2000000000000,2" item 1 \(2000000000000\) is out of range/);
  // nothing from an attribute became markup, and nothing ran
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.shadowRoot)
    .some((e) => e.shadowRoot.querySelector('img'))), false);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await shot(page, 'embed-bad-attributes');

  // fixing an attribute clears the message; changing a good one recounts
  await page.evaluate(() => document.getElementById('b1').setAttribute('layers', '256,128,64'));
  await page.waitForFunction(() => /41,152 parameters/.test(document.getElementById('b1').shadowRoot.textContent), null, { timeout: 10000 });
  assert.equal(await shadowText(page, 'b1', '.msg'), '');
  await waitCounted(page, 'good');
  await page.evaluate(() => {
    const g = document.getElementById('good');
    g.setAttribute('layers', '784,256,10');
    g.setAttribute('precision', 'int8');
    g.setAttribute('bias', 'false');
  });
  // 784·256 + 256·10 = 203,264 weights, no biases; INT8: 203,264 + 2 scales × 4 = 203,272 B
  await page.waitForFunction(() => /203,264 × 1 B \+ 2 scales × 4 B = 203,272 bytes/.test(document.getElementById('good').shadowRoot.textContent), null, { timeout: 10000 });
  await page.evaluate(() => document.getElementById('good').setAttribute('precision', 'fp8'));
  assert.match(await msg('good'), /precision: "fp8" is not allowed/);
  // the playground: fix every attribute, then it trains
  await page.evaluate(() => {
    const p = document.getElementById('b7');
    p.setAttribute('dataset', 'xor'); p.setAttribute('layers', '2,4,1'); p.setAttribute('controls', 'play,step');
    p.setAttribute('lr', '0.1'); p.setAttribute('autoplay', '');
  });
  await page.locator('#b7').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('b7').dataset.epoch) >= 5, null, { timeout: 20000 });
  assert.equal(await shadowText(page, 'b7', '.msg'), '');
  assert.equal(await page.evaluate(() => document.getElementById('b7').shadowRoot.querySelectorAll('.bar button').length), 2);
  await shot(page, 'embed-attributes-fixed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('SVG export and a diagram drawn from a model file', async () => {
  const { page, problems } = await openPage(browser.context, srv.url + 'examples/model-diagram.html');
  await page.waitForFunction(() => [...(document.getElementById('trained').shadowRoot?.querySelectorAll('path.link') || [])]
    .some((p) => p.getAttribute('stroke') !== '#c8cacc'), null, { timeout: 20000 });
  const d = await shadowText(page, 'trained');
  assert.match(d, /2 × 4 = 8 weights/);
  assert.match(d, /4 × 2 = 8 weights/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#trained').getByRole('button', { name: 'Download SVG' }).click()]);
  const file = path.join(OUT, 'embed-export.svg');
  fs.mkdirSync(OUT, { recursive: true });
  await download.saveAs(file);
  const svg = fs.readFileSync(file, 'utf8');
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /2 × 4 = 8 weights/);
  await shot(page, 'embed-model-diagram');
  assert.deepEqual(problems, []);
  // a missing model file is a message, not a blank box
  await page.evaluate(() => document.getElementById('trained').setAttribute('model', 'missing.json'));
  await page.waitForFunction(() => /model: "missing.json" could not be loaded: HTTP 404/.test(document.getElementById('trained').shadowRoot.querySelector('.msg').textContent), null, { timeout: 10000 });
  await page.close();
});

// rAF deltas while `n` playgrounds train; returns sorted deltas' p50/p95/max.
async function frameTimes(page, seconds) {
  return page.evaluate((ms) => new Promise((resolve) => {
    const d = []; let last = 0; const end = performance.now() + ms;
    function tick(t) {
      if (last) d.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(tick);
      else {
        d.sort((a, b) => a - b);
        const q = (p) => d[Math.min(d.length - 1, Math.floor(p * d.length))];
        resolve({ frames: d.length, p50: q(0.5), p95: q(0.95), max: d[d.length - 1] });
      }
    }
    requestAnimationFrame(tick);
  }), seconds * 1000);
}

test('ten playgrounds share one worker, off-screen ones pause, all visible ones train', async () => {
  const ten = Array.from({ length: 10 }, (_, i) =>
    `<nn-playground id="p${i}" dataset="${['spiral', 'circle', 'xor', 'gauss', 'spiral'][i % 5]}" layers="2,8,8,1" controls="play,reset" autoplay></nn-playground>`).join('\n');
  const url = tempPage('ten.html', `<style>body{margin:0} .grid{display:grid;grid-template-columns:repeat(2, 640px);gap:8px}</style><div class="grid">${ten}</div>`);
  const figures = {};

  // the same browser with no widget: what this machine gives an idle page
  {
    const { page } = await openPage(browser.context, tempPage('empty.html', '<p>no widgets</p>'), { viewport: { width: 1300, height: 1900 } });
    await page.waitForTimeout(300);
    figures.baselineNoWidgets = await frameTimes(page, 3);
    await page.close();
  }

  // (a) a laptop-sized window: only the first rows are on screen
  let { page, problems } = await openPage(browser.context, url, { viewport: { width: 1300, height: 800 } });
  await page.waitForFunction(() => Number(document.getElementById('p0').dataset.epoch) >= 20, null, { timeout: 30000 });
  const vis = await page.evaluate(() => [...document.querySelectorAll('nn-playground')].map((e) => ({
    id: e.id, visible: e.dataset.visible === 'true', playing: e.playing, epoch: Number(e.dataset.epoch) })));
  const on = vis.filter((v) => v.visible), off = vis.filter((v) => !v.visible);
  assert.ok(on.length >= 2 && off.length >= 4, JSON.stringify(vis));
  for (const v of off) { assert.equal(v.playing, false, v.id); assert.ok(v.epoch <= 1, `${v.id} off screen trained ${v.epoch} epochs`); }
  for (const v of on) assert.equal(v.playing, true, v.id);
  figures.partlyVisible = { visible: on.length, ...(await frameTimes(page, 4)) };
  const st = await page.evaluate(() => window.nnplayWidgets.stats());
  assert.equal(st.workers, 1);
  assert.equal(st.sessions, 10);
  // scrolled to the bottom, the last one trains and the first one stops
  await page.locator('#p9').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('p9').dataset.epoch) >= 10, null, { timeout: 20000 });
  const e0 = await page.evaluate(() => Number(document.getElementById('p0').dataset.epoch));
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => Number(document.getElementById('p0').dataset.epoch)), e0, 'p0 paused off screen');
  assert.deepEqual(problems, []);
  await page.close();

  // (b) a window tall enough for all ten: every one trains and draws at once
  ({ page, problems } = await openPage(browser.context, url, { viewport: { width: 1300, height: 1900 } }));
  await page.waitForFunction(() => [...document.querySelectorAll('nn-playground')].every((e) => Number(e.dataset.epoch) >= 20), null, { timeout: 40000 });
  const e1 = await page.evaluate(() => [...document.querySelectorAll('nn-playground')].map((e) => Number(e.dataset.epoch)));
  figures.allTenVisible = await frameTimes(page, 5);
  const e2 = await page.evaluate(() => [...document.querySelectorAll('nn-playground')].map((e) => Number(e.dataset.epoch)));
  figures.allTenVisible.epochsPerSecondEach = Math.round(e2.reduce((a, b, i) => a + b - e1[i], 0) / 10 / 5);
  await shot(page, 'embed-ten');
  assert.deepEqual(problems, []);
  await page.close();

  console.log('frame times (ms):', JSON.stringify(figures));
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'embed-perf.json'), JSON.stringify(figures, null, 2) + '\n');
  // Frame times are printed and saved here for the record, not asserted: speed belongs to
  // the benchmarks (bench/frames.mjs measures ten widgets beside an idle page in one run),
  // and a timed bound in a unit test fails on a busy 2-core machine (it did, at load ~21).
  // What must hold is functional: every visible widget trains (checked above).
  assert.ok(e2.every((n, i) => n > e1[i]), `every visible widget keeps training: ${e1} -> ${e2}`);
});

test('the playground page works in an iframe with embed flags (hideText, *_hide)', async () => {
  const { page, problems } = await openPage(browser.context, srv.url + 'examples/iframe.html', { viewport: { width: 1280, height: 1100 } });
  const frame = page.frameLocator('#playground-frame');
  await frame.locator('#status').filter({ hasText: /Ready/ }).waitFor({ timeout: 20000 });
  const f = page.frames().find((x) => x.url().includes('index.html'));
  const r = await f.evaluate(() => ({
    inFrame: window.top !== window,
    hideText: document.body.classList.contains('hide-text'),
    textShown: [...document.querySelectorAll('.text')].filter((e) => e.offsetParent !== null).length,
    hidden: ['problem', 'noise', 'batchSize', 'regularization', 'optimizer'].map((k) => document.querySelector(`[data-setting-box="${k}"]`)?.hidden),
    lrShown: !document.querySelector('[data-setting-box="learningRate"]').hidden,
    dataset: document.getElementById('dataset').value,
  }));
  assert.equal(r.inFrame, true);
  assert.equal(r.hideText, true);
  assert.equal(r.textShown, 0);
  assert.deepEqual(r.hidden, [true, true, true, true, true]);
  assert.equal(r.lrShown, true);
  assert.equal(r.dataset, 'spiral');
  await f.locator('#play').click();
  await f.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= 20, null, { timeout: 20000 });
  await shot(page, 'embed-iframe');
  assert.deepEqual(problems, []);
  await page.close();
});
