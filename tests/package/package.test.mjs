// The npm package as a new user gets it (issue 10): `npm pack` (its prepack builds web/gen/),
// the tarball installed offline into a fresh project, and then used four ways:
//   node        `import { createNNPlay } from 'nnplay'` in plain node (no NODE_OPTIONS)
//   TypeScript  `tsc --strict` on consumer/consumer.ts, which must use every export of the .d.ts
//   bundler     esbuild bundles consumer/app.js; the app runs in headless Chromium
//   script tag  one <script src=".../nnplay-widgets.js"> and an <nn-weight-count> tag
// Also: the tarball holds only what users need and the package has no runtime dependencies.
// It prints the tarball's size. The fresh project is in $TMPDIR and removed afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launch, openPage } from '../browser/harness.mjs';
import { serveDir } from './static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'package', 'consumer');
const ts = createRequire(import.meta.url)('typescript');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

// What the tarball must hold, and the only places its files may come from.
const REQUIRED = [
  'package.json', 'README.md', 'LICENSE',
  'web/lib/nnplay.mjs', 'web/lib/nnplay.d.ts',
  'web/gen/package.json', 'web/gen/nnplay_core.js', 'web/gen/nnplay_core.mjs',
  'web/gen/nnplay_core.wasm', 'web/gen/nnplay_core.single.js', 'web/gen/nnplay-widgets.js',
  // build 'threads' (issue 14): the pthreads module, its wasm and its workers' script
  'web/gen/nnplay_core_mt.mjs', 'web/gen/nnplay_core_mt.wasm', 'web/gen/nnplay_core_mt.worker.js',
];
const ALLOWED = /^(package\.json|README\.md|LICENSE|docs\/[\w-]+\.md|web\/lib\/[\w.-]+|web\/gen\/[\w.-]+)$/;

// npm without the network: --offline, and a registry nobody listens on in case anything asks.
const npmEnv = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_audit: 'false',
  npm_config_fund: 'false', npm_config_update_notifier: 'false' };
// Plain node for the consumer: no --no-experimental-fetch (scripts/env.sh) or anything else.
const plainEnv = { ...process.env };
delete plainEnv.NODE_OPTIONS;

let tmp, project, pack, srv, browser;
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-package-'));
  // prepack writes its build log to stderr; stdout is npm's JSON
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp],
    { cwd: ROOT, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  pack = JSON.parse(out)[0];
  project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'),
    JSON.stringify({ name: 'nnplay-consumer', private: true, type: 'module' }, null, 2));
  for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(project, f));
  execFileSync('npm', ['install', '--offline', path.join(tmp, pack.filename)],
    { cwd: project, env: npmEnv, stdio: ['ignore', 'pipe', 'inherit'] });
});
after(async () => {
  await browser?.close();
  await srv?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds what users need and nothing else; no runtime dependencies', () => {
  const files = pack.files.map((f) => f.path).sort();
  console.log(`# ${pack.filename}: ${pack.size.toLocaleString('en-US')} B packed, ` +
    `${pack.unpackedSize.toLocaleString('en-US')} B unpacked, ${files.length} files`);
  for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is missing from the tarball`);
  const extra = files.filter((f) => !ALLOWED.test(f));
  assert.deepEqual(extra, [], 'files outside web/lib, web/gen, docs/*.md, README, LICENSE, package.json');
  const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'nnplay', 'package.json'), 'utf8'));
  for (const k of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies'])
    assert.equal(installed[k], undefined, `package.json has ${k}: users would need the network`);
  // the one package installed is ours
  assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((d) => !d.startsWith('.')), ['nnplay']);
});

test("node: import { createNNPlay } from 'nnplay' loads the wasm and counts", () => {
  const out = execFileSync(process.execPath, ['node-check.mjs'], { cwd: project, env: plainEnv, encoding: 'utf8' });
  // 256·128 + 128·64 = 40,960 weights + 192 biases = 41,152; a 2-4-1 net: 2·4 + 4 + 4 + 1 = 17
  assert.deepEqual(JSON.parse(out), { params: '41152', netParams: '17', simd: 'sse4.1', lanes: 4 });
});

// The names a module exports, from the TypeScript compiler (interfaces, type aliases, functions).
function dtsExports(file) {
  const program = ts.createProgram([file], { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [] });
  const checker = program.getTypeChecker();
  return checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file))).map((s) => s.name).sort();
}
// The names consumer.ts imports from 'nnplay' (value and type imports).
function consumerImports(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.moduleSpecifier.text === 'nnplay' && st.importClause?.namedBindings)
      for (const el of st.importClause.namedBindings.elements ?? []) names.push((el.propertyName ?? el.name).text);
  }
  return names.sort();
}

test('TypeScript: tsc --strict type-checks a consumer that uses every exported type', () => {
  const dts = path.join(project, 'node_modules', 'nnplay', 'web', 'lib', 'nnplay.d.ts');
  const exported = dtsExports(dts);
  assert.ok(exported.includes('createNNPlay') && exported.includes('NNPlay'), `exports: ${exported.join(', ')}`);
  const used = new Set(consumerImports(path.join(project, 'consumer.ts')));
  const missing = exported.filter((n) => !used.has(n));
  assert.deepEqual(missing, [],
    `tests/package/consumer/consumer.ts does not import (and use) these exports of web/lib/nnplay.d.ts: ` +
    `${missing.join(', ')}. Import each there and use it in an annotation.`);
  let out = '';
  try {
    execFileSync(process.execPath, [TSC, '-p', 'tsconfig.json', '--strict'], { cwd: project, encoding: 'utf8' });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  }
  assert.equal(out, '', 'tsc --strict reported errors');
});

async function browserPage(url) {
  srv ??= await serveDir(project);
  browser ??= await launch();
  const { page, problems } = await openPage(browser.context, srv.url + url);
  return { page, problems };
}

test('bundler: esbuild bundles an app using the package, and it runs in Chromium', async () => {
  // The app's bundle goes to site/app/; the package's web/gen/ is served as site/gen/, which is
  // where createNNPlay looks (../gen/ from the module that holds it, here the bundle).
  const result = await build({
    absWorkingDir: project, entryPoints: ['app.js'], bundle: true, format: 'esm', platform: 'browser',
    target: ['es2022'], outfile: 'site/app/app.js', logLevel: 'silent', metafile: true,
  });
  assert.deepEqual(result.warnings, []);
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.includes('node_modules/nnplay/web/lib/nnplay.mjs'), `bundled: ${inputs.join(', ')}`);
  fs.cpSync(path.join(project, 'node_modules', 'nnplay', 'web', 'gen'), path.join(project, 'site', 'gen'), { recursive: true });
  fs.copyFileSync(path.join(project, 'app.html'), path.join(project, 'site', 'app.html'));
  const { page, problems } = await browserPage('site/app.html');
  await page.waitForFunction(() => !/loading/.test(document.getElementById('out').textContent), null, { timeout: 20000 });
  // 256·128 + 128·64 + 192 = 41,152; SIMD128 through xsimd's sse4.1 code, 4 float lanes
  assert.equal(await page.locator('#out').textContent(), '256-128-64: 41,152 parameters · kernels sse4.1 × 4 · trained 3 epochs');
  assert.deepEqual(problems, []);
});

test('script tag: the widgets load from the package with one <script>', async () => {
  const { page, problems } = await browserPage('widgets.html');
  // getByText looks inside the widget's shadow root, where the reader sees it
  const line = page.getByText('40,960 weights + 192 biases = 41,152 parameters', { exact: false });
  await line.first().waitFor({ timeout: 20000 });
  assert.match(await line.first().textContent(), /40,960 weights \+ 192 biases = 41,152 parameters/);
  assert.deepEqual(problems, []);
});
