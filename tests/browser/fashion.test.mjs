// Fashion-MNIST in the page (issue 15): the link #dataset=fashion fetches the build's subset
// (web/gen/fashion.nnim.gz: Fashion-MNIST's t10k 10,000 images, scripts/make-fashion.mjs), builds
// the digits pipeline's 784-256-128-64-10 network, names the ten clothing classes where the
// digits view names digits, and learns: after the first epoch the test accuracy is well above
// chance (10%). Fast: one epoch of 8,000 images. No speed is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, shot } from './harness.mjs';

const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const srv = await startServer();
const browser = await launch();
test.after(async () => { await browser.close(); srv.stop(); });

test('fashion: #dataset=fashion shows the clothing classes, 784-256-128-64-10, and learns', { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}#dataset=fashion`);
  await page.waitForFunction(() => document.getElementById('digits-status').dataset.transferred, null, { timeout: 30000 });
  const transferred = Number(await page.getAttribute('#digits-status', 'data-transferred'));
  assert.ok(transferred > 3000000 && transferred < 6000000, `fashion file ${transferred} bytes over the wire`);
  assert.match(await page.textContent('#digits-status'), /^10,000 Fashion-MNIST images: \d\.\d\d MiB transferred/);
  assert.equal(await page.textContent('#h-digits'), 'Fashion-MNIST: clothing');
  assert.equal(await page.inputValue('#dataset'), 'fashion');
  assert.match(await page.textContent('#dataset option[value="fashion"]'), /^Fashion-MNIST \(clothing/);

  await page.waitForFunction(() => /784 × 256 = 200,704/.test(document.getElementById('diagram').textContent), null, { timeout: 30000 });
  const diagram = await page.textContent('#diagram');
  for (const block of ['784 × 256 = 200,704', '256 × 128 = 32,768', '128 × 64 = 8,192', '64 × 10 = 640'])
    assert.ok(diagram.includes(block), `diagram shows ${block}`);
  // the parameter panel is the worker's count, answered after the diagram is drawn
  await page.waitForFunction(() => /242,762/.test(document.getElementById('params').textContent), null, { timeout: 20000 });

  // the ten probability bars are named with the clothing classes; nothing drawn: no prediction
  await page.waitForFunction(() => document.querySelector('#digit-probs .name')?.textContent === 'T-shirt/top');
  assert.deepEqual(await page.$$eval('#digit-probs .name', (els) => els.map((e) => e.textContent)), CLASSES);
  assert.equal(await page.textContent('#digit-verdict'), 'draw a piece of clothing');
  assert.match(await page.textContent('#pad-caption'), /^Draw a piece of clothing/);

  // a test image: labelled with a class name, predicted as one
  await page.click('#pad-test');
  assert.match(await page.textContent('#pad-source'), new RegExp(`^Test image 1 of 2,000: labelled (${CLASSES.map((c) => c.replace('/', '\\/')).join('|')})$`));
  await page.waitForFunction(() => /^Prediction: /.test(document.getElementById('digit-verdict').textContent), null, { timeout: 20000 });
  const verdict = await page.textContent('#digit-verdict');
  // one phrasing right for every class name (not "It is a Ankle boot")
  assert.ok(CLASSES.some((c) => new RegExp(`^Prediction: ${c.replace('/', '\\/')} \\(\\d+\\.\\d%\\)$`).test(verdict)), verdict);

  // train briefly: after the first epoch the test accuracy is far above chance (10%)
  const before = parseFloat(await page.textContent('#test-acc'));
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= 1, null, { timeout: 40000, polling: 250 });
  await page.waitForFunction(() => parseFloat(document.getElementById('test-acc').textContent) >= 60, null, { timeout: 10000, polling: 250 });
  const after = parseFloat(await page.textContent('#test-acc'));
  await page.click('#play');
  console.log(`# fashion: test accuracy ${before}% → ${after}% after epoch ${await page.textContent('#epoch')}`);
  assert.ok(after >= 60 && after > before, `test accuracy ${before}% → ${after}%`);
  // 8,000 training images: the training figures are the core's 2,000-row sample, and the page says so
  assert.equal(await page.textContent('#train-acc-label'), 'Training accuracy (2,000-row sample)');
  assert.equal(await page.textContent('#train-loss-label'), 'Training loss (2,000-row sample)');
  assert.match(await page.textContent('#digits-status'), /training loss and accuracy on 2,000 of them$/);
  // the misclassified images say what they are and what they were taken for, for any class name
  await page.waitForFunction(() => document.querySelectorAll('#wrong button').length > 0, null, { timeout: 20000 });
  const names = CLASSES.map((c) => c.replace('/', '\\/')).join('|');
  for (const label of await page.$$eval('#wrong button', (els) => els.slice(0, 10).map((e) => e.getAttribute('aria-label'))))
    assert.match(label, new RegExp(`^test image [\\d,]+: labelled (${names}), predicted (${names})$`));
  await shot(page, 'fashion-trained');
  assert.deepEqual(problems, []);
});

test('fashion: a build without the Debian package: choosing the set says which file is missing and how to make it', { timeout: 30000 }, async () => {
  const pattern = '**/gen/fashion.nnim.gz';
  await browser.context.route(pattern, (route) => route.fulfill({ status: 404, body: 'not found' }));
  const { page } = await openPage(browser.context, `${srv.url}#dataset=fashion`);
  try {
    await page.waitForFunction(() => /fashion\.nnim\.gz could not be fetched/.test(document.getElementById('messages').textContent), null, { timeout: 20000 });
    const text = await page.textContent('#messages');
    assert.match(text, /the Fashion-MNIST file \S*gen\/fashion\.nnim\.gz could not be fetched \(HTTP 404\); it is made by 'bash scripts\/build\.sh web' from Debian's dataset-fashion-mnist/);
  } finally { await page.close(); await browser.context.unroute(pattern); }
});
