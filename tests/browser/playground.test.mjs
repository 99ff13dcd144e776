// The playground page in headless Chromium, with the server's CSP enforced: what a person
// sees after loading, changing the architecture, training, opening a TF Playground link,
// uploading bad files and feeding HTML payloads through every path. Screenshots of each state
// go to test-output/browser/ (look at them).
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { chartInk } from './page-steps.mjs';

const TF_LINK = '#activation=relu&batchSize=10&dataset=spiral&regDataset=reg-plane&learningRate=0.03' +
  '&regularizationRate=0&noise=0&networkShape=8,8&seed=0.5&showTestData=false&discretize=false' +
  '&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=true' +
  '&cosY=false&sinY=true&collectStats=false&problem=classification&initZero=false&hideText=false';
const XSS = '<img src=x onerror="window.__xss=1;alert(1)">';

let srv, browser;
test.before(async () => { srv = await startServer(); browser = await launch(); });
test.after(async () => { await browser?.close(); srv?.stop(); });

async function fresh(hash = '', opts) {
  const { page, problems } = await openPage(browser.context, srv.url + hash, opts);
  await waitReady(page);
  await page.waitForFunction(() => document.querySelector('.total-params'), null, { timeout: 10000 });
  return { page, problems };
}
// The epoch once a frame still in flight after "pause" has arrived.
async function settledEpoch(page) {
  let last = -1;
  for (;;) {
    await page.waitForTimeout(400);
    const e = Number((await page.locator('#epoch').textContent()).replace(/,/g, ''));
    if (e === last) return e;
    last = e;
  }
}
const text = (page, sel) => page.locator(sel).first().textContent();
const totalParams = (page) => text(page, '.total-params');
const messages = (page) => page.locator('#messages').textContent();

// No number on the page may read NaN or Infinity (messages may quote what a user typed).
async function assertNoNaN(page) {
  for (const sel of ['header', 'main', 'footer']) {
    assert.doesNotMatch(await page.locator(sel).innerText(), /\bNaN\b|Infinity/, sel);
  }
}

test('loads with TF Playground\'s default network and the right counts', async () => {
  const { page, problems } = await fresh();
  // x1, x2 → 4 → 2 → 1: 2×4 = 8 + 4×2 = 8 + 2×1 = 2 → 18 weights + 7 biases = 25 params
  assert.equal(await totalParams(page), '25');
  assert.match(await text(page, 'table.params tr.total'), /18 weights \+ 7 biases/);
  const labels = await page.locator('#diagram .block-label').allTextContents();
  assert.deepEqual(labels, ['2 × 4 = 8 weights', '4 × 2 = 8 weights', '2 × 1 = 2 weights']);
  assert.equal(await page.locator('#diagram .node:not(.off)').count(), 2 + 4 + 2 + 1);
  assert.equal(await page.locator('#diagram .node.off').count(), 5, 'the 5 unused features, greyed (issue 14)');
  assert.match(await text(page, '#status'), /Ready/);
  await assertNoNaN(page);
  await shot(page, '01-loaded-default');
  assert.deepEqual(problems, []);
  await page.close();
});

test('changing the architecture updates the counts and collapses wide layers', async () => {
  const { page, problems } = await fresh();
  const width = page.locator('#layer-editor input[data-layer="0"]');
  await width.fill('256');
  await width.press('Enter');
  await page.locator('#add-layer').click();  // 256, 2, 2
  await page.locator('#layer-editor input[data-layer="1"]').fill('128');
  await page.locator('#layer-editor input[data-layer="1"]').press('Enter');
  await page.locator('#layer-editor input[data-layer="2"]').fill('64');
  await page.locator('#layer-editor input[data-layer="2"]').press('Enter');
  // 2×256 = 512 + 256×128 = 32,768 + 128×64 = 8,192 + 64×1 = 64 → 41,536 weights;
  // 256 + 128 + 64 + 1 = 449 biases; 41,985 params
  await page.waitForFunction(() => document.querySelector('.total-params').textContent === '41,985');
  assert.match(await text(page, 'table.params tr.total'), /41,536 weights \+ 449 biases/);
  const labels = await page.locator('#diagram .block-label').allTextContents();
  assert.deepEqual(labels, ['2 × 256 = 512 weights', '256 × 128 = 32,768 weights', '128 × 64 = 8,192 weights', '64 × 1 = 64 weights']);
  const svg = await page.locator('#diagram').textContent();
  assert.match(svg, /… 250 more/);
  assert.match(svg, /… 122 more/);
  assert.match(svg, /\+ 128 biases/);
  assert.match(await page.evaluate(() => location.hash), /networkShape=256%2C128%2C64/);
  // a width over the limit is refused with a message; the network stays
  await width.fill('100000');
  await width.press('Enter');
  assert.match(await messages(page), /100000 neurons; allowed 1 to 512.*current network is kept/);
  assert.equal(await totalParams(page), '41,985');
  await shot(page, '02-architecture-256-128-64');
  assert.deepEqual(problems, []);
  await page.close();
});

test('training: the loss falls and the epoch counter rises', async () => {
  const { page, problems } = await fresh('#dataset=xor');
  const loss0 = Number(await text(page, '#train-loss'));
  assert.ok(loss0 > 0);
  await page.locator('#play').click();
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= 150, null, { timeout: 30000 });
  await page.locator('#play').click();  // pause
  const epoch = await settledEpoch(page);
  const loss1 = Number(await text(page, '#train-loss'));
  assert.ok(epoch >= 150, `epoch ${epoch}`);
  assert.ok(loss1 < loss0 * 0.7, `loss ${loss0} → ${loss1}`);
  assert.match(await text(page, '#test-acc'), /^\d+\.\d%$/);
  // the chart has drawn something dark (the test-loss line) in its plot area, below the
  // legend's row (the legend and axis labels are mid-grey, lighter than this threshold)
  const dark = await chartInk(page);
  assert.ok(dark > 20, `chart pixels ${dark}`);
  // one step adds one epoch
  await page.locator('#step').click();
  await page.waitForFunction((e) => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) === e + 1, epoch);
  await assertNoNaN(page);
  await shot(page, '03-trained-xor');
  // reset goes back to epoch 0
  await page.locator('#reset').click();
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '000,000');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a TF Playground link opens with the same setup', async () => {
  const { page, problems } = await fresh(TF_LINK);
  assert.equal(await page.locator('#dataset').inputValue(), 'spiral');
  assert.equal(await page.locator('#activation').inputValue(), 'relu');
  assert.equal(await page.locator('#learningRate').inputValue(), '0.03');
  for (const [k, on] of [['x', true], ['y', true], ['sinX', true], ['sinY', true], ['xSquared', false], ['xTimesY', false]]) {
    assert.equal(await page.locator(`[data-setting="${k}"]`).isChecked(), on, k);
  }
  // 4 features → 8 → 8 → 1: 4×8 = 32 + 8×8 = 64 + 8×1 = 8 → 104 weights + 17 biases = 121
  assert.equal(await totalParams(page), '121');
  assert.deepEqual(await page.locator('#diagram .block-label').allTextContents(),
    ['4 × 8 = 32 weights', '8 × 8 = 64 weights', '8 × 1 = 8 weights']);
  const svg = await page.locator('#diagram').textContent();
  assert.match(svg, /sin x₁/);
  assert.match(svg, /8 · relu/);
  assert.equal(await messages(page), '');
  await shot(page, '04-tf-playground-link');
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad link values show messages and keep the network', async () => {
  const { page, problems } = await fresh('#networkShape=3');
  assert.equal(await totalParams(page), '13');  // 2×3 = 6 + 3×1 = 3 → 9 weights + 4 biases
  await page.evaluate(() => { location.hash = '#networkShape=4,abc&learningRate=NaN&noise=500&x=false&y=false'; });
  await page.waitForFunction(() => document.querySelectorAll('#messages li').length > 0);
  const m = await messages(page);
  assert.match(m, /select at least one input feature/);
  assert.match(m, /networkShape: '4,abc'/);
  assert.equal(await totalParams(page), '13');
  await page.evaluate(() => { location.hash = '#networkShape=5&learningRate=NaN'; });
  await page.waitForFunction(() => /learningRate: 'NaN' is not a number/.test(document.getElementById('messages').textContent));
  await page.waitForFunction(() => document.querySelector('.total-params').textContent === '21');  // 2×5+5×1 = 15 + 6
  assert.equal(await page.locator('#learningRate').inputValue(), '0.03');
  await assertNoNaN(page);
  await shot(page, '05-bad-link');
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad CSV and model files show a message and keep the network', async () => {
  const { page, problems } = await fresh('#networkShape=3');
  await page.locator('#csv').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv',
    buffer: Buffer.from('x1,x2,label\n1,2,0\n3,abc,1\n') });
  await page.waitForFunction(() => /broken\.csv/.test(document.getElementById('messages').textContent));
  assert.match(await messages(page), /file broken\.csv: .*abc/);
  assert.equal(await totalParams(page), '13');
  await page.locator('#import-model').setInputFiles({ name: 'model.json', mimeType: 'application/json',
    buffer: Buffer.from('{"format": "nnplay-model", "version": 1, "layers": [') });
  await page.waitForFunction(() => /model\.json/.test(document.getElementById('messages').textContent));
  assert.match(await messages(page), /file model\.json: .*current network is kept/);
  await page.locator('#import-model').setInputFiles({ name: 'junk.bin', mimeType: 'application/octet-stream',
    buffer: Buffer.from([0, 255, 1, 128, 0x7b, 0x22]) });
  await page.waitForFunction(() => /junk\.bin/.test(document.getElementById('messages').textContent));
  assert.equal(await totalParams(page), '13');
  await assertNoNaN(page);
  await shot(page, '06-bad-files');
  // the page still trains afterwards
  await page.locator('#step').click();
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '000,001');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a good CSV, model export and re-import, code export', async () => {
  const { page, problems } = await fresh('#networkShape=5,3');
  // two columns and a class label: points on the map, features still apply
  const rows = ['a,b,label'];
  for (let i = 0; i < 60; i++) rows.push(`${(i % 10) - 5},${Math.floor(i / 10) - 3},${i % 10 < 5 ? 0 : 1}`);
  await page.locator('#csv').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.waitForFunction(() => /Your data: 60 points/.test(document.getElementById('data-note').textContent));
  assert.equal(await totalParams(page), '37');  // 2×5 + 5×3 + 3×1 = 28 weights + 9 biases
  await shot(page, '07-csv-loaded');
  // export the model, change the network, import it back
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-model').click()]);
  const json = await (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString());
  assert.match(json, /"layers"/);
  await page.evaluate(() => { location.hash = '#networkShape=2'; });
  await page.waitForFunction(() => document.querySelector('.total-params').textContent === '9');
  await page.locator('#import-model').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.waitForFunction(() => document.querySelector('.total-params').textContent === '37');
  assert.match(await page.evaluate(() => location.hash), /networkShape=5%2C3/);
  // code
  // the code is made from the worker's model file (with the weights), so it arrives a moment later
  await page.locator('#export-keras').click();
  await page.waitForFunction(() => /import keras/.test(document.getElementById('code').value));
  const keras = await page.locator('#code').inputValue();
  assert.match(keras, /keras\.layers\.Dense\(5, activation="tanh"/);
  assert.match(keras, /keras\.Input\(shape=\(2,\)\)/);
  await page.locator('#export-torch').click();
  await page.waitForFunction(() => /import torch/.test(document.getElementById('code').value));
  const torch = await page.locator('#code').inputValue();
  assert.match(torch, /nn\.Linear\(2, 5\),\n    nn\.Tanh\(\),\n    nn\.Linear\(5, 3\)/);
  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-svg').click()]);
  assert.equal(svgDl.suggestedFilename(), 'nnplay-network.svg');
  const [pngDl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
  assert.equal(pngDl.suggestedFilename(), 'nnplay-network.png');
  await shot(page, '08-export-code');
  assert.deepEqual(problems, []);
  await page.close();
});

test('HTML payloads in the link, a CSV header and a model name never run', async () => {
  const enc = encodeURIComponent(XSS);
  const { page, problems } = await fresh(`#seed=${enc}&networkShape=${enc}&${enc}=1&activations=${enc}`);
  assert.match(await messages(page), /seed '<img src=x onerror=/);  // shown as text
  await page.locator('#csv').setInputFiles({ name: `${XSS}.csv`, mimeType: 'text/csv',
    buffer: Buffer.from(`${XSS},x2,label\n1,2,0\n2,${XSS},1\n`) });
  await page.waitForFunction(() => /\.csv/.test(document.getElementById('messages').textContent));
  // a 3-input CSV whose column names are payloads: shown as diagram labels, as text
  await page.locator('#csv').setInputFiles({ name: 'cols.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`${XSS},b,c,label\n1,2,3,0\n2,1,0,1\n0,0,1,0\n1,1,1,1\n`) });
  await page.waitForFunction(() => /3 inputs/.test(document.getElementById('data-note').textContent));
  // a valid model whose name is a payload
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-model').click()]);
  const model = JSON.parse(await (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString()));
  const named = JSON.stringify({ ...model, name: XSS, extra: { ...(model.extra || {}), name: XSS } });
  await page.locator('#import-model').setInputFiles({ name: 'named.json', mimeType: 'application/json', buffer: Buffer.from(named) });
  await page.waitForFunction(() => /Loaded model|named\.json/.test(document.body.textContent));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('main img, #messages img, header img').count(), 0);
  assert.ok(!problems.some((p) => p.startsWith('dialog')), problems.join('\n'));
  await shot(page, '09-xss-payloads');
  await page.close();
});

test('divergence is a message with a way back, never NaN', async () => {
  const { page, problems } = await fresh('#problem=regression&regDataset=reg-plane&activation=linear&learningRate=10&networkShape=8,8,8&xSquared=true&ySquared=true&speed=10');
  await page.locator('#play').click();
  await page.waitForFunction(() => /diverged/.test(document.getElementById('messages').textContent), null, { timeout: 20000 });
  await assertNoNaN(page);
  assert.equal(await page.locator('#play').getAttribute('aria-label'), 'Train');
  await shot(page, '10-diverged');
  await page.getByRole('button', { name: 'Lower the learning rate ÷10' }).click();
  await page.waitForFunction(() => document.getElementById('learningRate').value === '1');
  assert.deepEqual(problems, []);
  await page.close();
});

test('quantisation preview, weight editing, keyboard', async () => {
  const { page, problems } = await fresh('#networkShape=4,2&precision=int8');
  await page.waitForFunction(() => !document.getElementById('quant-figure').hidden);
  assert.match(await text(page, '#quant-caption'), /INT8 weights: test loss \d/);
  // edit the first weight (x1 → first neuron of hidden 1) with the keyboard-usable form
  await page.locator('#edit-kind').selectOption('weight');
  await page.locator('#edit-block').fill('1');  // 1-based, as the hover text (issue 11)
  await page.locator('#edit-from').fill('1');
  await page.locator('#edit-to').fill('1');
  await page.locator('#edit-value').fill('2.5');
  await page.locator('#edit-value').press('Enter');
  await page.locator('#diagram .link').first().hover();
  await page.waitForFunction(() => /weight x₁ → h1,1 = 2\.5/.test(document.getElementById('hover').textContent));
  await page.locator('#edit-value').fill('abc');
  await page.locator('#edit-value').press('Enter');
  assert.match(await messages(page), /"abc" is not a finite number/);
  // Space on the page toggles training; Tab reaches the controls
  await page.locator('h1').click();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) > 3);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reset');
  await shot(page, '11-quant-edit');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a 375 px phone screen has no sideways scrolling', async () => {
  const { page, problems } = await fresh('', { viewport: { width: 375, height: 800 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 375, `page is ${overflow} px wide`);
  await shot(page, '12-phone-375');
  assert.deepEqual(problems, []);
  await page.close();
});

test('softmax with 4 classes (beyond TF Playground) trains and colours the map by class', async () => {
  const { page, problems } = await fresh('#dataset=blobs&classes=4&loss=softmax_ce&networkShape=8,8&activation=relu' +
    '&optimizer=adam&learningRate=0.01&noise=20&showTestData=true');
  // 2×8 = 16 + 8×8 = 64 + 8×4 = 32 → 112 weights + 20 biases = 132
  assert.equal(await totalParams(page), '132');
  assert.match(await page.locator('#diagram').textContent(), /4 · softmax/);
  await page.locator('#play').click();
  await page.waitForFunction(() => parseFloat(document.getElementById('test-acc').textContent) > 85, null, { timeout: 30000 });
  await page.locator('#play').click();
  await shot(page, '13-blobs-softmax-4-classes');
  assert.deepEqual(problems, []);
  await page.close();
});
