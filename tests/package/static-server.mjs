// A static file server for one folder on 127.0.0.1 and a free port, for the package test's
// pages (the bundled app and the widgets page in a fresh project). Only what those pages load
// needs a type: module scripts must be served as JavaScript, .wasm as application/wasm.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8',
};

export async function serveDir(dir) {
  const root = fs.realpathSync(dir);
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.resolve(root, '.' + rel);
    let real = null;
    try { real = fs.realpathSync(file); } catch { /* missing: 404 below */ }
    // node_modules/nnplay is a real folder (npm install of a tarball copies), so nothing may leave root
    if (!real || !real.startsWith(root + path.sep) || !fs.statSync(real).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${rel}`);
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(real)] ?? 'application/octet-stream' });
    fs.createReadStream(real).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}
