// The one rule for a test whose tool is missing (the native CLI, wasm-dis, PyTorch, a peer
// engine, ...): on a developer's machine the test is skipped and a "# SKIPPED" line says why
// (node --test prints it); under CI=1 (.ci/run) it is a failure, so a CI machine that lacks
// the tool cannot pass by running less.
//
//   import { missing } from '../missing-tool.mjs';
//   const skip = missing('wasm-dis', haveWasmDis, 'install binaryen');
//   test('...', { skip }, () => { ... });
//
// Returns false when the tool is there, else the reason (node:test's `skip` takes a string).
export function missing(tool, have, hint = 'run scripts/setup.sh test') {
  if (have) return false;
  const reason = `${tool} not found (${hint})`;
  if (process.env.CI) throw new Error(`CI=1: ${reason}; a missing tool fails under CI instead of skipping`);
  console.log(`# SKIPPED: ${reason}`);
  return reason;
}
