// Serves web/ as the site root on 127.0.0.1 (PORT overrides 8000; PORT=0 picks a free port).
// It owns MIME types, the Content-Security-Policy and path safety; it never serves a file
// outside web/ (no "..", no encoded traversal, no symlink escape) and never lists folders.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fs.realpathSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web'));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',  // lets WebAssembly.instantiateStreaming compile while downloading
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

// Only our own scripts; 'wasm-unsafe-eval' allows WebAssembly compilation and nothing else
// (no eval, no inline script). Images may be data:/blob: for neuron thumbnails and PNG export.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// Cross-origin isolation (issue 14): with these two headers on the page (and on its worker
// scripts) the browser turns SharedArrayBuffer on, and the training worker loads the threaded
// module (web/app/host.js). The page loads nothing from other origins, so require-corp
// blocks nothing. NNPLAY_ISOLATE=0 leaves them out: the page then trains on one thread, as
// on any server that does not send them (docs/embed.md).
export const ISOLATION = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
});
const isolateByDefault = () => process.env.NNPLAY_ISOLATE !== '0';
const securityHeaders = (isolate) => ({
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  ...(isolate ? ISOLATION : {}),
});

function send(res, status, text, headOnly, isolate) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    ...securityHeaders(isolate),
  });
  res.end(headOnly ? undefined : text + '\n');
}

function inside(rootDir, p) {
  return p === rootDir || p.startsWith(rootDir + path.sep);
}

// The real path of `full` if it exists and is inside rootDir (after every symlink), else null.
function realInside(rootDir, full) {
  let real;
  try { real = fs.realpathSync(full); } catch { return null; }
  return inside(rootDir, real) ? real : null;
}

// Returns the real path of a regular file inside root, or null. Every path that can be
// served goes through realInside: the requested one and a folder's index.html (issue 12:
// an index.html that was a symlink out of the root used to be served unchecked).
export function resolveInside(rootDir, urlPath) {
  rootDir = fs.realpathSync(rootDir);  // a root given through a symlink still matches
  let p;
  try { p = decodeURIComponent(urlPath); } catch { return null; }
  if (p.includes('\0') || p.includes('\\')) return null;
  const full = path.resolve(rootDir, '.' + path.posix.normalize('/' + p));
  if (!inside(rootDir, full)) return null;
  let real = realInside(rootDir, full);
  if (!real) return null;
  let st;
  try { st = fs.statSync(real); } catch { return null; }
  if (st.isDirectory()) {
    real = realInside(rootDir, path.join(real, 'index.html'));
    if (!real) return null;
    try { st = fs.statSync(real); } catch { return null; }
  }
  return st.isFile() ? real : null;
}

// The path the kernel has for an open descriptor (Linux), to check the file really opened
// is still inside the root: a symlink swapped in between the check and the open is caught.
function openedPath(fd) {
  try { return fs.readlinkSync(`/proc/self/fd/${fd}`); } catch { return null; }
}

// isolate: send ISOLATION's two headers (default: unless NNPLAY_ISOLATE=0).
export function createServer(rootDir = root, { isolate = isolateByDefault() } = {}) {
  rootDir = fs.realpathSync(rootDir);
  return http.createServer((req, res) => {
    const headOnly = req.method === 'HEAD';
    if (req.method !== 'GET' && !headOnly) return send(res, 405, 'method not allowed', headOnly, isolate);
    let url;
    try { url = new URL(req.url, 'http://127.0.0.1'); } catch { return send(res, 400, 'bad request', headOnly, isolate); }
    const file = resolveInside(rootDir, url.pathname);
    if (!file) return send(res, 404, 'not found', headOnly, isolate);
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    fs.open(file, 'r', (err, fd) => {
      if (err) return send(res, 404, 'not found', headOnly, isolate);
      const opened = openedPath(fd);
      fs.fstat(fd, (err2, st) => {
        if (err2 || !st.isFile() || (opened !== null && !inside(rootDir, opened))) {
          fs.close(fd, () => {});
          return send(res, 404, 'not found', headOnly, isolate);
        }
        res.writeHead(200, {
          'Content-Type': type,
          'Content-Length': st.size,
          ...securityHeaders(isolate),
          'Cache-Control': 'no-cache',
        });
        if (headOnly) return fs.close(fd, () => res.end());
        fs.createReadStream(null, { fd }).on('error', () => res.destroy()).pipe(res);
      });
    });
  });
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = process.env.PORT === undefined ? 8000 : Number(process.env.PORT);
  const server = createServer();
  server.listen(port, '127.0.0.1', () => {
    console.log(`nnplay: http://127.0.0.1:${server.address().port}/` +
      (isolateByDefault() ? ' (cross-origin isolated: training uses threads)' : ' (NNPLAY_ISOLATE=0: one thread)'));
  });
}
