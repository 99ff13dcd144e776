// The Scale view and the transformer widget (issue 13) in headless Chromium, over http with
// the server's CSP: what a person sees equals the CLI's --json and the JS API; bad input shows
// the core's message and changes nothing else; the link carries every edit; a config.json
// (pasted or opened) is counted; its text is shown as text. Screenshots: test-output/browser/scale-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, shot, ROOT } from './harness.mjs';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

const CLI = path.join(ROOT, process.env.NATIVE_BUILD ?? 'build/native', 'nnplay');
const HF = path.join(ROOT, 'tests', 'transformer', 'hf');
let srv, browser, nn;

test.before(async () => {
  nn = await createNNPlay();
  srv = await startServer();
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  srv?.stop();
});

const fmt = (v) => BigInt(v).toLocaleString('en-US');

async function openScale(hash) {
  const o = await openPage(browser.context, `${srv.url}scale.html${hash}`);
  await o.page.waitForFunction(() => document.getElementById('scale-status').textContent === 'Ready.', null, { timeout: 20000 });
  return o;
}
const text = (page, sel) => page.locator(sel).first().textContent();
const total = (page) => text(page, '.scale-total');
const messages = (page) => page.locator('#scale-messages').textContent();

test('Llama-2-7B: the page shows the CLI and API numbers', async () => {
  const { page, problems } = await openScale('#preset=llama-2-7b&playground=256-128-64');
  const cli = JSON.parse(execFileSync(CLI, ['count', '--preset', 'llama-2-7b', '--json']));
  const api = nn.countTransformer('llama-2-7b');
  assert.equal(cli.params, 6738415616);
  assert.equal(api.params, 6738415616n);
  assert.match(await total(page), /Llama-2-7B: 6,738,415,616 parameters/);
  assert.equal(await page.locator('.scale-total').getAttribute('data-params'), String(api.params));
  // one block, each matrix with its arithmetic (the core's text)
  const block = await text(page, '#scale-block');
  assert.match(block, /MLP up4,096 × 11,008 = 45,088,768 weights/);
  assert.match(block, /q4,096 × 4,096 = 16,777,216 weights/);
  assert.match(block, /202,383,360 parameters per block × 32 = 6,476,267,520/);
  assert.equal(await page.locator('#scale-block .scale-row').count(), 9);  // 2 norms, q k v o, gate up down
  // memory: every precision's bytes, GB and GiB as the CLI prints them
  for (const p of cli.storage) {
    const row = page.locator(`tr[data-precision="${p.name}"]`);
    assert.deepEqual(await row.locator('td.num').allTextContents(), [fmt(p.bytes), p.gb, p.gib], p.name);
  }
  assert.deepEqual(await page.locator('tr[data-precision="kv"] td.num').allTextContents(),
    [fmt(cli.kv_cache.bytes_fp16), cli.kv_cache.gb_fp16, cli.kv_cache.gib_fp16]);
  assert.match(await text(page, '.flops'), new RegExp(`= ${fmt(cli.flops_per_token.total)}$`));
  // where the parameters live
  for (const [k, v] of Object.entries(api.parts))
    if (v > 0n) assert.match(await text(page, `.parts-legend [data-part="${k}"]`), new RegExp(fmt(v)));
  // KV curve: the chosen context's bar carries the core's bytes
  assert.equal(await page.locator('#scale-kv .kv.chosen').getAttribute('data-bytes'), String(api.kv_cache.bytes_fp16));
  // the ladder: the playground's MLP (41,152) on the same axis
  assert.match(await text(page, '#scale-ladder .mark.mlp'), /256-128-64: 41,152/);
  assert.match(await text(page, '#scale-ladder .mark.this'), /Llama-2-7B: 6,738,415,616/);
  // the table per component
  assert.match(await text(page, 'table.components tr[data-name="output head"]'), /4,096 × 32,000 = 131,072,000 weights.*131,072,000/);
  await shot(page, 'scale-llama-2-7b');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the playground links its own MLP to the Scale view', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}index.html`);
  await page.waitForFunction(() => /Ready/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  await page.waitForFunction(() => window.nnplayDebug().net !== null, null, { timeout: 30000 });
  await page.click('#scale-link');  // TF Playground's default: 2 inputs, 4 and 2 hidden, 1 output
  await page.waitForFunction(() => document.getElementById('scale-status')?.textContent === 'Ready.', null, { timeout: 20000 });
  assert.match(page.url(), /scale\.html#preset=llama-2-7b&.*playground=2-4-2-1$/);
  const mlp = nn.countParameters([2, 4, 2, 1]).params;  // 2×4 + 4 + 4×2 + 2 + 2×1 + 1 = 25
  assert.equal(mlp, 25n);
  assert.match(await text(page, '#scale-ladder .mark.mlp'), /2-4-2-1: 25$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a 375 px phone screen has no sideways scrolling (wide tables scroll in their box)', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}scale.html#preset=llama-2-70b`, { viewport: { width: 375, height: 800 } });
  await page.waitForFunction(() => document.getElementById('scale-status').textContent === 'Ready.', null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
  assert.match(await total(page), /68,976,648,192 parameters/);
  await shot(page, 'scale-phone');
  assert.deepEqual(problems, []);
  await page.close();
});

test('every preset: the page total equals the published one', async () => {
  const { page, problems } = await openScale('#preset=gpt2');
  for (const p of nn.transformerPresets()) {
    await page.selectOption('#preset', p.id);
    const want = nn.countTransformer(p.id).params;
    await page.waitForFunction((w) => document.querySelector('.scale-total')?.dataset.params === w, String(want));
    assert.match(await total(page), new RegExp(`${fmt(want)} parameters`));
    assert.ok(page.url().includes(`#preset=${p.id}&`), page.url());
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad input: the message names the field, nothing else changes', async () => {
  const { page, problems } = await openScale('#preset=llama-2-7b');
  const before = { total: await total(page), url: page.url(), block: await text(page, '#scale-block') };
  const cases = [
    ['#f-heads', '30', 'heads: 30 does not divide width 4,096; allowed: a divisor of width, or set head_dim. Nothing was changed.'],
    ['#f-kv_heads', '5', 'kv_heads: 5 does not divide heads 32; allowed: a divisor of heads (32 = multi-head, 1 = multi-query). Nothing was changed.'],
    ['#f-layers', '0', 'layers: must be a whole number ≥ 1 (transformer blocks), got 0. Nothing was changed.'],
    ['#f-width', '-4096', 'width: must be a whole number ≥ 1 (the model width d_model), got -4,096. Nothing was changed.'],
    ['#f-vocab', '9000000000000000000', 'count: token embedding weights overflows a 64-bit integer (9,000,000,000,000,000,000 × 4,096). Nothing was changed.'],
    ['#f-mlp_width', '12abc', "mlp_width: must be a whole number, got the text '12abc'. Nothing was changed."],
    ['#o-group_size', '0', 'group_size: must be a whole number ≥ 1 (weights per INT8/INT4 scale), got 0. Nothing was changed.'],
  ];
  for (const [sel, value, msg] of cases) {
    const old = await page.inputValue(sel);
    await page.fill(sel, value);
    await page.press(sel, 'Enter');
    await page.locator('#scale-messages li').last().waitFor();
    assert.equal((await messages(page)).trim(), msg);
    assert.equal(await page.inputValue(sel), old, `${sel} back to the counted value`);
    assert.equal(await total(page), before.total);
    assert.equal(await text(page, '#scale-block'), before.block);
    assert.equal(page.url(), before.url);
    await page.evaluate(() => document.getElementById('scale-messages').replaceChildren());
  }
  await shot(page, 'scale-bad-input');
  assert.deepEqual(problems, []);
  await page.close();
});

test('edits live in the link: GQA with 8 kv heads survives a reload', async () => {
  const { page, problems } = await openScale('#preset=llama-2-7b');
  await page.fill('#f-kv_heads', '8');
  await page.press('#f-kv_heads', 'Enter');
  // 6,738,415,616 − 32 × 2 (k, v) × 4,096 × (4,096 − 1,024) = 5,933,109,248
  await page.waitForFunction(() => /5,933,109,248 parameters/.test(document.querySelector('.scale-total').textContent));
  await page.fill('#o-kv_context', '32768');
  await page.press('#o-kv_context', 'Enter');
  await page.waitForFunction(() => /kv_context=32768/.test(location.hash));
  const url = page.url();
  assert.match(url, /#preset=llama-2-7b&kv_heads=8&group_size=128&kv_context=32768&batch=1&playground=256-128-64$/);
  const { page: again, problems: p2 } = await openScale(new URL(url).hash);
  assert.match(await total(again), /5,933,109,248 parameters/);
  assert.equal(await again.inputValue('#f-kv_heads'), '8');
  const api = nn.countTransformer({ preset: 'llama-2-7b', kv_heads: 8 }, { kv_context: 32768 });
  assert.equal(await again.locator('#scale-kv .kv.chosen').getAttribute('data-bytes'), String(api.kv_cache.bytes_fp16));
  // a bad link: the message names the key, the default is shown
  const { page: bad, problems: p3 } = await openScale('#preset=llama-2-7b&heads=7');
  assert.match(await messages(bad), /link: heads: 7 does not divide width 4,096/);
  assert.match(await total(bad), /6,738,415,616 parameters/);
  assert.deepEqual([...problems, ...p2, ...p3], []);
  for (const p of [page, again, bad]) await p.close();
});

test('config.json: pasted, opened, refused; its text is shown as text', async () => {
  const { page, problems } = await openScale('#preset=gpt2');
  await page.locator('details summary').click();
  await page.fill('#config-text', fs.readFileSync(path.join(HF, 'mistral-7b.json'), 'utf8'));
  await page.click('#config-read');
  await page.waitForFunction(() => /7,241,732,096 parameters/.test(document.querySelector('.scale-total').textContent));
  assert.equal(await page.inputValue('#preset'), '');
  assert.match(page.url(), /#name=mistral&vocab=32000&width=4096&layers=32&heads=32&kv_heads=8&/);
  const { page: again, problems: p2 } = await openScale(new URL(page.url()).hash);  // the link alone
  assert.match(await total(again), /mistral: 7,241,732,096 parameters/);
  assert.deepEqual(p2, []);
  await again.close();
  const good = await total(page);
  await page.fill('#config-text', '{"model_type": "llama",');
  await page.click('#config-read');
  await page.locator('#scale-messages li').waitFor();
  assert.equal((await messages(page)).trim(), 'config.json: not JSON (parse error at byte 24). Nothing was changed.');
  assert.equal(await total(page), good);
  await page.evaluate(() => document.getElementById('scale-messages').replaceChildren());
  await page.setInputFiles('#config-file', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(2 << 20, 32) });
  await page.locator('#scale-messages li').waitFor();
  assert.match(await messages(page), /config.json "huge.json": 2,097,152 bytes; the limit is 1,048,576 bytes. Nothing was changed./);
  assert.equal(await total(page), good);
  await page.evaluate(() => document.getElementById('scale-messages').replaceChildren());
  // A name that is markup stays text (no <img>, no dialog).
  const evil = { ...JSON.parse(fs.readFileSync(path.join(HF, 'qwen2-0.5b.json'), 'utf8')), _name_or_path: '<img src=x onerror=alert(1)>' };
  await page.setInputFiles('#config-file', { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(evil)) });
  await page.waitForFunction(() => /494,032,768 parameters/.test(document.querySelector('.scale-total').textContent));
  assert.match(await total(page), /<img src=x onerror=alert\(1\)>: 494,032,768/);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the widget: <nn-weight-count preset> in the article equals the API; 41,152 stays', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}examples/hidden-layers.html`);
  const widget = async (id) => {
    await page.waitForFunction((i) => document.getElementById(i)?.shadowRoot?.querySelector('.totals, .msg.on'), id, { timeout: 20000 });
    return page.evaluate((i) => document.getElementById(i).shadowRoot.querySelector('.root').textContent, id);
  };
  const llama = await widget('count-llama');
  assert.match(llama, /Parameters: 6,738,415,616/);
  assert.match(llama, /MLP up4,096 × 11,008 = 45,088,768 weights× 32= 1,442,840,576/);
  const bf16 = nn.countTransformer('llama-2-7b').storage.find((s) => s.name === 'bf16');
  assert.match(llama, new RegExp(`Storage at BF16/FP16: ${fmt(bf16.bytes)} bytes \\(13.48 GB, 12.55 GiB\\)`));
  assert.equal(await page.evaluate(() => document.getElementById('count-llama').shadowRoot.querySelector('.total-params').dataset.params), '6738415616');
  assert.match(await widget('count-gpt2'), /Parameters: 124,439,808/);
  assert.match(await widget('count-main'), /41,152 parameters/);
  // a bad preset: the core's message in the widget, the page unharmed
  await page.evaluate(() => document.getElementById('count-gpt2').setAttribute('preset', 'gpt5'));
  await page.waitForFunction(() => document.getElementById('count-gpt2').shadowRoot.querySelector('.msg.on'));
  assert.match(await page.evaluate(() => document.getElementById('count-gpt2').shadowRoot.querySelector('.msg').textContent),
    /preset: preset: unknown preset 'gpt5'; allowed: gpt2, gpt2-medium/);
  await page.locator('#count-llama').scrollIntoViewIfNeeded();
  await shot(page, 'scale-article-widgets');
  assert.deepEqual(problems, []);
  await page.close();
});
