// Runs tests/js/torch_engine.py under Debian's python3-torch: one process per call, every job
// in it (torch takes seconds to import). The python is /usr/bin/python3 (the pyenv python3 on
// PATH has no torch), or $NNPLAY_TORCH_PYTHON. Without torch the tests that need it are skipped
// with a message saying so, except under CI=1, where a missing torch is a failure (missing-tool.mjs).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { missing } from '../missing-tool.mjs';

export const PYTHON = process.env.NNPLAY_TORCH_PYTHON || '/usr/bin/python3';
const ENGINE = fileURLToPath(new URL('./torch_engine.py', import.meta.url));

// null when torch imports, else why not and how to get it
function probe() {
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} cannot import torch: ${(r.stderr || String(r.error)).trim().split('\n').at(-1)}; ` +
    "install Debian's python3-torch with 'bash scripts/setup.sh test'";
}

// false when torch is there, else the reason (node:test's `skip`); a failure under CI=1.
const why = probe();
export const torchMissing = missing('PyTorch', !why, why || '');

export function runTorch(jobs) {
  const r = spawnSync(PYTHON, [ENGINE], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`torch_engine.py exited with ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
