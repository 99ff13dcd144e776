// <nn-digits dataset="…"> in an article (issue 15): the widget shows any image set the page has,
// not only the digits. With dataset="fashion" it fetches the Fashion-MNIST file, and only once it
// has been scrolled into view; its bars carry the file's class names; drawing gets a prediction
// phrased right for a class such as "Ankle boot"; an attribute naming no image set is refused
// with a message naming what is allowed, and fetches nothing. Fast: no training is waited for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, shot } from './harness.mjs';
import { CSP } from '../../scripts/serve.mjs';

const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const srv = await startServer();
const browser = await launch();
test.after(async () => { await browser.close(); srv.stop(); });

// An article page served at examples/ with the server's CSP, the widget far below the fold.
async function article(body) {
  const url = `${srv.url}examples/image-widget-test.html`;
  await browser.context.route(url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': CSP },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>image widget</title>
<link rel="icon" href="data:,"><script src="../gen/nnplay-widgets.js" defer></script></head>
<body><main><p>An article.</p>${body}</main></body></html>` }));
  return url;
}

test('<nn-digits dataset="fashion">: clothing, fetched only when scrolled to, named predictions', { timeout: 60000 }, async () => {
  // (the server's CSP refuses inline styles: the article's own text puts the widget below the fold)
  const url = await article(`${'<p>Text of the article.</p>'.repeat(120)}
<nn-digits id="clothes" dataset="fashion" src="../gen/fashion.nnim.gz"></nn-digits>`);
  const { page, problems } = await openPage(browser.context, url);
  const asked = [];
  page.on('request', (r) => { if (/\.nnim\.gz$/.test(r.url())) asked.push(new URL(r.url()).pathname); });
  try {
    await page.waitForFunction(() => customElements.get('nn-digits') && document.getElementById('clothes').shadowRoot?.querySelector('.stats'));
    await page.waitForTimeout(1000);
    assert.deepEqual(asked, [], 'nothing fetched before the widget is on screen');
    const root = await page.evaluateHandle(() => document.getElementById('clothes').shadowRoot);
    assert.equal(await page.evaluate((r) => r.querySelector('.stats').textContent, root), 'Scroll here to load 10,000 Fashion-MNIST images.');
    assert.equal(await page.evaluate((r) => r.querySelector('.verdict').textContent, root), 'draw a piece of clothing');

    await page.locator('#clothes').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('clothes').dataset.transferred, null, { timeout: 30000 });
    assert.deepEqual(asked, ['/gen/fashion.nnim.gz'], 'the fashion file, once, after scrolling');
    assert.match(await page.evaluate((r) => r.querySelector('.stats').textContent, root), /^\d[\d,]* KiB of Fashion-MNIST images loaded\.$/);
    // the bars are named by the file's classes
    await page.waitForFunction((r) => r.querySelector('.pn')?.textContent === 'T-shirt/top', root, { timeout: 30000 });
    assert.deepEqual(await page.evaluate((r) => [...r.querySelectorAll('.pn')].map((e) => e.textContent), root), CLASSES);

    // draw a stroke: the untrained network answers with one of the class names
    const pad = await page.evaluateHandle((r) => r.querySelector('canvas.pad'), root);
    const box = await pad.asElement().boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * (0.2 + 0.06 * k));
    await page.mouse.up();
    await page.waitForFunction((r) => /^Prediction: /.test(r.querySelector('.verdict').textContent), root, { timeout: 20000 });
    const verdict = await page.evaluate((r) => r.querySelector('.verdict').textContent, root);
    assert.ok(CLASSES.some((c) => verdict.startsWith(`Prediction: ${c} (`)) && /\(\d+\.\d%\)$/.test(verdict), verdict);
    // the weight images are drawn (463 = 16 tiles of 28 + 15 gaps)
    await page.waitForFunction((r) => r.querySelector('canvas.grid').width === 463, root, { timeout: 20000 });
    await page.locator('#clothes').screenshot({ path: `${process.cwd()}/test-output/browser/digits-widget-fashion.png` });
    assert.deepEqual(problems, []);
  } finally { await page.close(); }
});

test('<nn-digits dataset=…> refuses a set it does not have, and changing the attribute switches sets', { timeout: 60000 }, async () => {
  const url = await article('<nn-digits id="w" dataset="circle"></nn-digits>');
  const { page, problems } = await openPage(browser.context, url);
  const asked = [];
  page.on('request', (r) => { if (/\.nnim\.gz$/.test(r.url())) asked.push(new URL(r.url()).pathname); });
  try {
    await page.waitForFunction(() => document.getElementById('w').shadowRoot?.querySelector('.msg.on'));
    assert.equal(await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('.msg').textContent),
      'dataset: "circle" is not allowed; allowed: digits, fashion');
    await page.waitForTimeout(800);
    assert.deepEqual(asked, [], 'a refused set fetches nothing');
    // fixed: the digits come (the default src beside the page is examples/gen/…: give it)
    await page.evaluate(() => { const w = document.getElementById('w'); w.setAttribute('src', '../gen/digits.nnim.gz'); w.setAttribute('dataset', 'digits'); });
    await page.waitForFunction(() => document.getElementById('w').dataset.transferred, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('.msg').textContent), '');
    assert.deepEqual(asked, ['/gen/digits.nnim.gz']);
    await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.pn')?.textContent === '0');
    assert.deepEqual(await page.evaluate(() => [...document.getElementById('w').shadowRoot.querySelectorAll('.pn')].map((e) => e.textContent)),
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // and to fashion: a new session on the other file
    await page.evaluate(() => { const w = document.getElementById('w'); w.setAttribute('src', '../gen/fashion.nnim.gz'); w.setAttribute('dataset', 'fashion'); });
    await page.waitForFunction(() => document.getElementById('w').shadowRoot.querySelector('.pn')?.textContent === 'T-shirt/top', null, { timeout: 30000 });
    assert.deepEqual(asked, ['/gen/digits.nnim.gz', '/gen/fashion.nnim.gz']);
    assert.equal(await page.evaluate(() => window.nnplayWidgets.stats().sessions), 1, 'the digits session was closed');
    await shot(page, 'digits-widget-switch');
    assert.deepEqual(problems, []);
  } finally { await page.close(); }
});
