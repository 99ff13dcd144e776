// The package's "exports" entry: `import { createNNPlay } from 'nnplay'` resolves to the
// wrapper (node's self-reference by package name), its types file exists, and the load is
// cached (one module per process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createNNPlay } from 'nnplay';
import { createNNPlay as direct } from '../../web/lib/nnplay.mjs';

test("import from 'nnplay' is the wrapper and loads the module once", async () => {
  assert.equal(createNNPlay, direct);
  const a = await createNNPlay();
  const b = await createNNPlay();
  assert.equal(a, b);
  assert.equal(a.countParameters([256, 128, 64]).params, 41152n);  // 32,768 + 8,192 + 192
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url)));
  assert.ok(fs.existsSync(new URL('../../' + pkg.exports['.'].types, import.meta.url)));
});
