// TF Playground's real page for side-by-side benchmarks (bench/frames.mjs, bench/tf_page.mjs):
// where it is and a plain static server for it. None of its code is used by nnplay; it is only
// measured. Importing this module does nothing.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The page's dist/: env NNPLAY_TF_PLAYGROUND, else ../shared/peers/tf-playground/dist beside the
// repository (or beside its worktree folder's parent, as /work/wt/<name> sits two levels down).
// {dir (null when absent), tried: the places looked at}
export function findPeer() {
  const tried = [process.env.NNPLAY_TF_PLAYGROUND, path.join(ROOT, '..', 'shared/peers/tf-playground/dist'),
    path.join(ROOT, '..', '..', 'shared/peers/tf-playground/dist')].filter(Boolean);
  return { dir: tried.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? null, tried };
}

// TF Playground sends no CSP of its own and uses inline scripts: served as built, from a flat
// dist/, on a free port. → {url, stop}
export function servePeer(dir) {
  const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const srv = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    fs.readFile(path.join(dir, path.basename(name)), (err, buf) => {  // dist/ is flat
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(name)] ?? 'application/octet-stream' });
      res.end(buf);
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${srv.address().port}/`, stop: () => srv.close() })));
}
