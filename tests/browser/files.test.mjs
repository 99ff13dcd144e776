// Issue 12 class 8: a big file that is not UTF-8 is reported by its own size (a 40 MB binary
// file was reported as 120,000,000 bytes: its U+FFFD replacement characters, in UTF-8), and
// UTF-16 text is named.
// Every test here failed on main before the web split (see /work/notes/web.md).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { playgroundSuite, epochOf, messages, totalParams, waitMessage, advancing } from './page-steps.mjs';

const ctx = playgroundSuite();

test('a 40 MB file that is not UTF-8 is reported by its own size', async () => {
  const { page, problems } = await ctx.fresh();
  // every byte invalid in UTF-8; from disk (a 40 MB buffer through the DevTools protocol is slow)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-big-'));
  const file = path.join(dir, 'big.csv');
  fs.writeFileSync(file, Buffer.alloc(40_000_000, 0xff));
  let m;
  try {
    await page.locator('#csv').setInputFiles(file);
    // the page reads the File from disk when it gets to it: the file must outlive the reading
    // (deleted right after setInputFiles, a loaded machine read "could not be found")
    await waitMessage(page, /big\.csv/);
    m = await messages(page);
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  assert.match(m, /file "big\.csv" \(40,000,000 bytes\) is not UTF-8 text; allowed: a UTF-8 \(or plain ASCII\) text file\. The current network is kept\./);
  assert.doesNotMatch(m, /120,000,000/);
  // UTF-16 is named as such
  await page.locator('#csv').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeffx1,x2,label\n', 'utf16le') });
  await waitMessage(page, /wide\.csv/);
  assert.match(await messages(page), /file "wide\.csv" is UTF-16 text; allowed: UTF-8/);
  assert.equal(await totalParams(page), '25');
  assert.deepEqual(problems, []);
  await page.close();
});
