// Issue 11 "one pipeline", for the widgets: <nn-playground>'s Play/Pause button follows the
// worker's real state as the page's does (web/app/run.js). A double or triple click on Play
// while training must never leave the button disagreeing with the worker, and when the worker
// stops by itself the button must say so. On main before this test (the widget ignored the
// worker's 'state' answers and sent play/pause without a number) the second test failed: the
// button kept saying "pause" while the worker had stopped.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch, openPage, shot } from './harness.mjs';

const BUNDLE = path.join(ROOT, 'web', 'gen', 'nnplay-widgets.js');
let browser, tmp, url;

test.before(async () => {
  assert.ok(fs.existsSync(BUNDLE), 'web/gen/nnplay-widgets.js is missing: run `bash scripts/build.sh wasm`');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-embed-play-'));
  const file = path.join(tmp, 'play.html');
  fs.writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="${pathToFileURL(BUNDLE).href}"></script></head><body>
<nn-playground id="pg" dataset="xor" layers="2,4,1" controls="play,step,reset"></nn-playground></body></html>`);
  url = pathToFileURL(file).href;
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const epochOf = (page) => page.evaluate(() => Number(document.getElementById('pg').dataset.epoch));
const label = (page) => page.evaluate(() => document.getElementById('pg').shadowRoot.querySelector('button.play').getAttribute('aria-label'));
async function advancing(page) {
  const e0 = await epochOf(page);
  await page.waitForTimeout(1000);
  return (await epochOf(page)) > e0;
}
// "pause" on the button means it trains; "play" means it does not.
async function agrees(page, what) {
  await page.waitForTimeout(300);
  const l = await label(page);
  const moving = await advancing(page);
  assert.equal(await label(page), l, `${what}: the button changed while nobody clicked`);
  assert.equal(l, moving ? 'pause' : 'play', `${what}: button says ${l}, worker ${moving ? 'trains' : 'is paused'}`);
  return l;
}

async function fresh() {
  const r = await openPage(browser.context, url);
  await r.page.waitForFunction(() => {
    const el = document.getElementById('pg');
    return el && el.shadowRoot && el.shadowRoot.querySelector('button.play') && el.session;
  }, null, { timeout: 30000 });
  return r;
}

test('widget Play/Pause: double and triple clicks while training leave the button agreeing with the worker', { timeout: 90000 }, async () => {
  const { page, problems } = await fresh();
  const play = page.locator('#pg button.play');  // playwright pierces the open shadow root
  assert.equal(await agrees(page, 'before any click'), 'play');
  for (let round = 0; round < 2; round++) {
    await play.click();
    await page.waitForFunction(() => Number(document.getElementById('pg').dataset.epoch) > 5, null, { timeout: 20000 });
    await play.dblclick();  // pause + play
    assert.equal(await agrees(page, `round ${round}, double click`), 'pause', 'pause then play ends playing');
    await play.click({ clickCount: 3, delay: 0 });  // pause + play + pause
    assert.equal(await agrees(page, `round ${round}, triple click`), 'play', 'three clicks end paused');
  }
  await shot(page, 'embed-play-clicks');
  assert.deepEqual(problems, []);
  await page.close();
});

test('widget Play/Pause: when the worker stops by itself the button says so', { timeout: 90000 }, async () => {
  const { page, problems } = await fresh();
  const play = page.locator('#pg button.play');
  await play.click();
  await page.waitForFunction(() => Number(document.getElementById('pg').dataset.epoch) > 5, null, { timeout: 20000 });
  assert.equal(await agrees(page, 'training'), 'pause');
  // The worker stops without being asked by the button: a 'pause' that carries no number is
  // answered exactly as a training error or a divergence is (session.js setPlaying(false)
  // echoing the latest command's number).
  await page.evaluate(() => document.getElementById('pg').session.send('pause'));
  assert.equal(await agrees(page, 'after the worker stopped'), 'play');
  assert.equal(await page.evaluate(() => document.getElementById('pg').dataset.playing), 'false');
  // and one click trains again
  await play.click();
  assert.equal(await agrees(page, 'after Play'), 'pause');
  assert.deepEqual(problems, []);
  await page.close();
});
