// Snapshots of the CLI's parameter table (`nnplay count`), the text a person reads in a
// terminal: the README's worked example, a wide network without biases, and the --json figures.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertSnapshot, DIR } from './snapshot.mjs';
import { missing } from '../missing-tool.mjs';

const ROOT = path.resolve(DIR, '..', '..');
const cli = process.env.NNPLAY_CLI || path.resolve(ROOT, process.env.NATIVE_BUILD || 'build/native', 'nnplay');
const skip = missing(`the native CLI ${cli}`, existsSync(cli), "build it with 'bash scripts/build.sh native'");

const cases = [
  ['cli-count-256-128-64.txt', ['count', '256', '128', '64']],        // 41,152 parameters (README)
  ['cli-count-784-512-512-10-no-bias.txt', ['count', '784', '512', '512', '10', '--no-bias']],
  ['cli-count-2-8-8-1.json', ['count', '2', '8', '8', '1', '--json']],
];
for (const [name, args] of cases) {
  test(`nnplay ${args.join(' ')}`, { skip }, () => {
    assertSnapshot(name, execFileSync(cli, args, { encoding: 'utf8' }));
  });
}
