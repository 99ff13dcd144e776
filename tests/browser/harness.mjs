// Shared harness for the browser tests: starts scripts/serve.mjs on a free port, launches
// Debian's headless Chromium through playwright-core with a fresh profile, collects console
// errors and page errors, and saves screenshots under test-output/browser/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = path.join(ROOT, 'test-output', 'browser');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// NNPLAY_SERVE may point at another checkout's serve.mjs (e.g. to try a different wasm build).
export async function startServer(script = process.env.NNPLAY_SERVE || path.join(ROOT, 'scripts', 'serve.mjs')) {
  const proc = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error('server did not start in 10 s')), 10000);
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(t); resolve(m[0]); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, stop: () => proc.kill() };
}

// bypassCSP is only for local experiments; the tests run with the server's CSP enforced.
export async function launch({ bypassCSP = false } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS,
    viewport: { width: 1280, height: 1000 }, acceptDownloads: true, bypassCSP,
  });
  return {
    context,
    close: async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

// A page that records console errors, page errors and dialogs (an XSS alert would show up here).
export async function openPage(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  return { page, problems };
}

export async function waitReady(page) {
  await page.waitForFunction(() => /Ready/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  await page.waitForFunction(() => document.querySelectorAll('#diagram .node').length > 0, null, { timeout: 10000 });
}

export async function shot(page, name, opts = {}) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, ...opts });
  return file;
}

// What a person sees of an element, as RGBA pixels {width, height, data}: a screenshot of its box
// (canvases a worker paints through an OffscreenCanvas cannot be read with getImageData),
// decoded by the browser itself. At the test viewport's device scale, 1 pixel = 1 CSS pixel.
export async function elementPixels(locator) {
  const png = await locator.screenshot();
  return locator.page().evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const x = c.getContext('2d');
    x.drawImage(bmp, 0, 0);
    return { width: bmp.width, height: bmp.height, data: Array.from(x.getImageData(0, 0, bmp.width, bmp.height).data) };
  }, png.toString('base64'));
}

// Distinct colours inside an element's box, its outer `inset` pixels left out (a border).
export async function coloursIn(locator, inset = 3) {
  const { width, height, data } = await elementPixels(locator);
  const seen = new Set();
  for (let y = inset; y < height - inset; y++) {
    for (let x = inset; x < width - inset; x++) {
      const i = 4 * (y * width + x);
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
  }
  return seen.size;
}
