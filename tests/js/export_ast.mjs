// Runs tests/js/export_ast.py (Python's own parser, no Keras or torch needed) on a list of
// exports in one /usr/bin/python3 process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./export_ast.py', import.meta.url));

export function parseExports(jobs) {
  const r = spawnSync('/usr/bin/python3', [SCRIPT], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`export_ast.py exited with ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
