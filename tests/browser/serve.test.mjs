// scripts/serve.mjs: MIME types, the CSP header, and that nothing outside web/ is ever served.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './harness.mjs';

function get(url, path, method = 'GET') {
  // a raw request, so "..", "%2e%2e" and backslashes reach the server as typed
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path, method }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('static server: types, CSP, no escape from web/', async () => {
  const srv = await startServer();
  try {
    const index = await get(srv.url, '/');
    assert.equal(index.status, 200);
    assert.match(index.headers['content-type'], /^text\/html/);
    const csp = index.headers['content-security-policy'];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
    assert.equal((await get(srv.url, '/app/main.js')).headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await get(srv.url, '/style.css')).headers['content-type'], 'text/css; charset=utf-8');
    const wasm = await get(srv.url, '/gen/nnplay_core.wasm', 'HEAD');
    if (wasm.status === 200) assert.equal(wasm.headers['content-type'], 'application/wasm');
    for (const bad of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/app/../../package.json',
      '/%2e%2e%2f%2e%2e%2fetc/passwd', '/..\\package.json', '/%00', '/%E0%A4%A', '/../../../../etc/passwd']) {
      const r = await get(srv.url, bad);
      assert.ok(r.status === 404 || r.status === 400, `${bad} → ${r.status}`);
      assert.doesNotMatch(r.body, /"name": "nnplay"|root:/, bad);
    }
    assert.equal((await get(srv.url, '/nope.html')).status, 404);
    assert.equal((await get(srv.url, '/', 'POST')).status, 405);
  } finally { srv.stop(); }
});

test('index.html carries the same Content-Security-Policy as the server header', async () => {
  const { CSP } = await import('../../scripts/serve.mjs');
  const html = (await import('node:fs')).readFileSync(new URL('../../web/index.html', import.meta.url), 'utf8');
  const m = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(m, 'meta CSP present');
  assert.equal(m[1], CSP);
});
