// Issue 12 class 6: a widget releases what it holds in the shared worker (its training session)
// whichever way it leaves a document: removed, moved into an iframe whose document then goes
// away (removed, or navigated), adopted into a document with no window. Counts come from the
// page side (nnplayWidgets.stats) and the worker (workerMemory().sessions). On main before the
// fix, the iframe cases kept training in the worker forever (sessions stayed at 1).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch, openPage, shot } from './harness.mjs';

const BUNDLE = path.join(ROOT, 'web', 'gen', 'nnplay-widgets.js');

test('every way out of a document closes the widget\'s session in the worker', { timeout: 120000 }, async () => {
  assert.ok(fs.existsSync(BUNDLE), 'build the bundle first (bash scripts/build.sh wasm)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-release-'));
  const file = path.join(tmp, 'release.html');
  fs.writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="${pathToFileURL(BUNDLE).href}"></script></head><body><div id="host"></div></body></html>`);
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser.context, pathToFileURL(file).href);
    await page.waitForFunction(() => window.nnplayWidgets && customElements.get('nn-playground'));
    const counts = () => page.evaluate(async () => ({
      page: window.nnplayWidgets.stats().sessions,
      worker: (await window.nnplayWidgets.workerMemory()).sessions,
    }));
    const settle = async (want, what) => {
      let c;
      for (let k = 0; k < 40; k++) {
        c = await counts();
        if (c.page === want && c.worker === want) return c;
        await page.waitForTimeout(100);
      }
      assert.fail(`${what}: sessions page ${c.page}, worker ${c.worker}; expected ${want}`);
    };
    // A training widget in the page, started and drawing.
    const make = () => page.evaluate(() => new Promise((resolve) => {
      const p = document.createElement('nn-playground');
      p.id = 'pg';
      p.setAttribute('dataset', 'xor');
      p.setAttribute('layers', '2,4,1');
      p.setAttribute('autoplay', '');
      p.addEventListener('nn-frame', () => resolve(), { once: true });
      document.getElementById('host').append(p);
    }));

    // 1. removed
    await make();
    await settle(1, 'trained in the page');
    await page.evaluate(() => document.getElementById('pg').remove());
    await settle(0, 'removed');

    // 2. moved into an iframe's document (it trains there), then the iframe is removed
    await make();
    await page.evaluate(() => new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.id = 'frame';
      f.style.cssText = 'width: 700px; height: 400px';
      document.body.append(f);
      const p = document.getElementById('pg');
      f.contentDocument.body.append(p);
      p.addEventListener('nn-frame', () => resolve(), { once: true });
    }));
    await settle(1, 'moved into the iframe');
    assert.equal(await page.evaluate(() => document.getElementById('frame').contentDocument.querySelector('nn-playground').dataset.playing), 'true');
    await shot(page, '45-widget-in-iframe');
    await page.evaluate(() => document.getElementById('frame').remove());
    await settle(0, 'iframe removed with the widget inside');

    // 3. moved into an iframe, then the iframe navigates (its old document goes away)
    await make();
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.id = 'frame2';
      document.body.append(f);
      f.contentDocument.body.append(document.getElementById('pg'));
    });
    await settle(1, 'moved into the second iframe');
    await page.evaluate(() => new Promise((resolve) => {
      const f = document.getElementById('frame2');
      f.addEventListener('load', () => resolve(), { once: true });
      f.srcdoc = '<p>another page</p>';
    }));
    await settle(0, 'iframe navigated away');

    // 4. adopted into a document without a window
    await make();
    await settle(1, 'trained in the page again');
    await page.evaluate(() => {
      const doc = document.implementation.createHTMLDocument('elsewhere');
      doc.body.append(doc.adoptNode(document.getElementById('pg')));
    });
    await settle(0, 'adopted into a windowless document');

    // and the page is fine afterwards: a new widget trains
    await make();
    await settle(1, 'a new widget');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('widget attributes named like Object.prototype members are refused by name', { timeout: 60000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-attrs-'));
  const file = path.join(tmp, 'attrs.html');
  fs.writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="${pathToFileURL(BUNDLE).href}"></script></head><body>
<nn-playground id="a" dataset="toString" activation="constructor" controls="valueOf,__proto__"></nn-playground>
<nn-weight-count id="b" layers="2,3" precision="__proto__" bias="hasOwnProperty"></nn-weight-count>
</body></html>`);
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser.context, pathToFileURL(file).href);
    const msg = (id) => page.evaluate((i) => document.getElementById(i).shadowRoot.querySelector('.msg').textContent, id);
    await page.waitForFunction(() => document.getElementById('b').shadowRoot.querySelector('.msg.on'));
    await page.waitForFunction(() => document.getElementById('a').shadowRoot.querySelector('.msg.on'));
    const a = await msg('a');
    assert.match(a, /dataset: "toString" is not allowed; allowed: circle, xor, gauss, spiral, plane, multigauss/);
    assert.match(a, /controls: "valueOf,__proto__" names "valueOf"/);
    const b = await msg('b');
    assert.match(b, /precision: "__proto__" is not allowed; allowed: fp32, fp16, int8/);
    assert.match(b, /bias: "hasOwnProperty" is not a boolean/);
    assert.deepEqual(await page.evaluate(() => window.nnplayWidgets.stats().sessions), 0, 'nothing started');
    // The activation is the core's rule, asked of the shared worker once the widget's own
    // attributes are valid: with dataset and controls fixed, it is refused by name.
    await page.evaluate(() => { const e = document.getElementById('a'); e.setAttribute('dataset', 'circle'); e.setAttribute('controls', 'play'); });
    await page.waitForFunction(() => /constructor/.test(document.getElementById('a').shadowRoot.querySelector('.msg').textContent), null, { timeout: 20000 });
    assert.match(await msg('a'), /activation.*'constructor'/);
    assert.deepEqual(await page.evaluate(() => window.nnplayWidgets.stats().sessions), 0, 'nothing started');
    await shot(page, '46-widget-prototype-attrs');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
