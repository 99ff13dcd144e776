// The page's exports with hostile CSV column names (tests/js/hostile_strings.mjs): the Keras and
// PyTorch buttons give code that Python parses with the names as string data only (same
// statements as with plain names, INPUTS intact), the SVG download parses as XML (Python's
// expat) with every text of the drawn diagram intact (only characters XML cannot hold become
// U+FFFD), and the model download is JSON that JS and Python read alike, with no raw '<'.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { HOSTILE_CSV } from '../js/hostile_strings.mjs';
import { parseExports } from '../js/export_ast.mjs';
import { xmlChars } from '../../web/app/escape.js';

let srv, browser;
test.before(async () => { srv = await startServer(); browser = await launch(); });
test.after(async () => { await browser?.close(); srv?.stop(); });

const q = (s) => `"${s.replace(/"/g, '""')}"`;
function csv(names) {
  const rows = [`${names.map(q).join(',')},label`];
  for (let i = 0; i < 12; i++) rows.push(`${names.map((_, j) => ((i * (j + 3)) % 7) - 3).join(',')},${i % 2}`);
  return rows.join('\n') + '\n';
}
const download = async (page, button) => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  return { name: dl.suggestedFilename(), text: Buffer.concat(await (await dl.createReadStream()).toArray()).toString('utf8') };
};
async function code(page, button, marker) {
  await page.evaluate(() => { document.getElementById('code').value = ''; });
  await page.locator(button).click();
  await page.waitForFunction((m) => document.getElementById('code').value.includes(m), marker);
  return page.locator('#code').inputValue();
}

async function loadCsv(page, names) {
  await page.locator('#csv').setInputFiles({ name: 'cols.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(names)) });
  await page.waitForFunction((n) => document.getElementById('data-note').textContent.includes(`${n} inputs`), names.length);
}

// Every text node of the downloaded SVG, as Python's expat reads it.
function svgTexts(text) {
  const r = spawnSync('/usr/bin/python3', ['-c', `
import json, sys, xml.dom.minidom
doc = xml.dom.minidom.parseString(sys.stdin.buffer.read())
out = []
def walk(n):
    for c in n.childNodes:
        if c.nodeType == c.TEXT_NODE: out.append(c.data)
        else: walk(c)
walk(doc.documentElement)
json.dump(out, sys.stdout)`], { input: Buffer.from(text, 'utf8') });
  assert.equal(r.status, 0, `the SVG does not parse as XML: ${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

test('hostile CSV column names reach the Keras, PyTorch, SVG and JSON exports as data only', async () => {
  const { page, problems } = await openPage(browser.context, `${srv.url}#networkShape=3`);
  await waitReady(page);
  // 5 columns at a time (padded to at least 3: 2 columns are drawn as points on the map instead):
  // the diagram draws every input of a layer up to 8 wide
  for (let c = 0; c < HOSTILE_CSV.length; c += 5) {
    const names = HOSTILE_CSV.slice(c, c + 5);
    while (names.length < 3) names.push(`pad${names.length}`);
    const plainNames = names.map((_, i) => `IN${i}`);
    // the same network with plain names first: the reference statements and strings
    await loadCsv(page, plainNames);
    const plain = { torch: await code(page, '#export-torch', 'import torch'), keras: await code(page, '#export-keras', 'import keras') };
    await loadCsv(page, names);
    const hostile = { torch: await code(page, '#export-torch', 'import torch'), keras: await code(page, '#export-keras', 'import keras') };
    const reps = parseExports([plain.torch, hostile.torch, plain.keras, hostile.keras].map((t) => ({ code: t })));
    const swap = Object.fromEntries(plainNames.map((n, i) => [n, names[i]]));
    for (const [p, h] of [[reps[0], reps[1]], [reps[2], reps[3]]]) {
      assert.equal(h.error, undefined, h.error);
      assert.deepEqual(h.statements, p.statements);
      assert.deepEqual(h.INPUTS, names);
      assert.deepEqual([...h.strings].sort(), p.strings.map((t) => (t in swap ? swap[t] : t)).sort());
    }
    // SVG: every text node of the drawn diagram, read back by expat from the downloaded file
    const svg = await download(page, '#export-svg');
    assert.equal(svg.name, 'nnplay-network.svg');
    const drawn = await page.evaluate(() => {
      const out = [];
      const w = document.createTreeWalker(document.getElementById('diagram'), NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n.data);
      return out;
    });
    for (const n of names) assert.ok(drawn.some((t) => t === n || t.startsWith(n.slice(0, 4))), `label ${JSON.stringify(n)} is drawn`);
    assert.deepEqual(svgTexts(svg.text), drawn.map(xmlChars));
  }

  // model JSON: JS and Python read the same value; nothing raw that HTML would read as markup
  const json = await download(page, '#export-model');
  assert.doesNotMatch(json.text, /[<>\u2028\u2029]/);
  const py = spawnSync('/usr/bin/python3', ['-c', 'import json,sys; json.dump(json.loads(sys.stdin.read()), sys.stdout)'], { input: json.text, encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  assert.deepEqual(JSON.parse(py.stdout), JSON.parse(json.text));

  await shot(page, 'exports-hostile-names');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});
