// Snapshot files, as Observable Plot keeps them: what is drawn or printed is rendered
// deterministically (numbers rounded, data: URLs elided), compared with the committed file
// tests/snapshots/<name>, and on a difference written beside it as <name-changed.ext> (gitignored)
// so it can be opened or diffed. A missing snapshot fails too.
// UPDATE_SNAPSHOTS=1 rewrites the committed files instead (see tests/snapshots/README.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIR = path.dirname(fileURLToPath(import.meta.url));

// Numbers with more than 2 decimals are rounded to 2 (trailing zeros dropped): sub-pixel
// layout and float arithmetic then do not churn the files. Shorter ones ("1.0", "160.8 KiB")
// and integers are text a person reads and stay as they are.
export function roundNumbers(text) {
  return text.replace(/-?\d+\.\d{3,}/g, (m) => String(Number(Number(m).toFixed(2))));
}
// Pixels of neuron-map thumbnails are canvas-encoded PNGs: what they show is the heatmap tests'
// business, not the drawing's.
export function elideDataURLs(text) {
  return text.replace(/data:image\/[\w+.-]+;base64,[A-Za-z0-9+/=]+/g, 'data:…');
}
// One element per line, so a diff shows what changed.
export function markupLines(text) {
  return text.replace(/>\s*</g, '>\n<').trim() + '\n';
}

function changedPath(name) {
  const ext = path.extname(name);
  return path.join(DIR, `${name.slice(0, name.length - ext.length)}-changed${ext}`);
}

export function assertSnapshot(name, actual) {
  const file = path.join(DIR, name);
  const changed = changedPath(name);
  if (process.env.UPDATE_SNAPSHOTS && process.env.CI)
    assert.fail('UPDATE_SNAPSHOTS=1 under CI=1 would pass whatever is drawn: update locally and commit');
  if (process.env.UPDATE_SNAPSHOTS) {
    fs.writeFileSync(file, actual);
    fs.rmSync(changed, { force: true });
    console.log(`# snapshot written: tests/snapshots/${name}`);
    return;
  }
  const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (expected === actual) {
    fs.rmSync(changed, { force: true });
    return;
  }
  fs.writeFileSync(changed, actual);
  const rel = path.relative(process.cwd(), changed);
  if (expected === null)
    assert.fail(`tests/snapshots/${name} does not exist; the rendering is in ${rel}. ` +
      'If it is right: UPDATE_SNAPSHOTS=1 (tests/snapshots/README.md)');
  const a = expected.split('\n'), b = actual.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`tests/snapshots/${name} changed at line ${i + 1}:\n  was: ${a[i] ?? '(end)'}\n  now: ${b[i] ?? '(end)'}\n` +
    `The new rendering is in ${rel}; diff them. If the change is intended: UPDATE_SNAPSHOTS=1 (tests/snapshots/README.md)`);
}
