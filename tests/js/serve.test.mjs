// scripts/serve.mjs serves its root and nothing else, whatever symlinks the root holds
// (issue 12, class 7): every served path is checked after resolving symlinks, a folder's
// index.html included. Plain node (no browser): a temporary root with links in and out.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { createServer, resolveInside } from '../../scripts/serve.mjs';

function get(port, p) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
}

test('serve: symlinked files and folders are served only when they resolve inside the root', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-serve-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const root = path.join(tmp, 'web'), out = path.join(tmp, 'secret');
  fs.mkdirSync(root);
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'index.html'), 'SECRET index');
  fs.writeFileSync(path.join(out, 'key.txt'), 'SECRET key');
  fs.writeFileSync(path.join(root, 'ok.txt'), 'public');
  fs.mkdirSync(path.join(root, 'docs'));
  fs.writeFileSync(path.join(root, 'docs', 'index.html'), 'public docs');
  // links out of the root
  fs.symlinkSync(path.join(out, 'key.txt'), path.join(root, 'file-out.txt'));
  fs.symlinkSync(out, path.join(root, 'dir-out'));
  fs.mkdirSync(path.join(root, 'app'));
  fs.symlinkSync(path.join(out, 'index.html'), path.join(root, 'app', 'index.html'));  // the bug
  fs.symlinkSync('../../secret/key.txt', path.join(root, 'docs', 'rel-out.txt'));
  fs.symlinkSync(path.join(root, 'app'), path.join(root, 'app-again'));  // in, to a folder whose index leaves
  // links that stay inside
  fs.symlinkSync(path.join(root, 'ok.txt'), path.join(root, 'file-in.txt'));
  fs.symlinkSync('docs', path.join(root, 'dir-in'));
  fs.symlinkSync(path.join(root, 'nothing'), path.join(root, 'dangling.txt'));
  // the root itself reached through a symlink
  const rootLink = path.join(tmp, 'root-link');
  fs.symlinkSync(root, rootLink);

  const server = createServer(rootLink);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const port = server.address().port;
  const expect = {
    '/ok.txt': [200, 'public'], '/docs/': [200, 'public docs'], '/docs': [200, 'public docs'],
    '/file-in.txt': [200, 'public'], '/dir-in/': [200, 'public docs'], '/dir-in/index.html': [200, 'public docs'],
    '/file-out.txt': [404], '/dir-out/': [404], '/dir-out/key.txt': [404], '/dir-out/index.html': [404],
    '/app/': [404], '/app': [404], '/app/index.html': [404], '/app-again/': [404],
    '/docs/rel-out.txt': [404], '/dangling.txt': [404], '/nothing': [404],
  };
  for (const [p, [status, body]] of Object.entries(expect)) {
    const r = await get(port, p);
    assert.equal(r.status, status, `${p} → ${r.status}`);
    if (body) assert.equal(r.body, body, p);
    assert.doesNotMatch(r.body, /SECRET/, p);
  }
  // resolveInside is the one check, for every path (a folder's index.html included).
  assert.equal(resolveInside(root, '/app/'), null);
  assert.equal(resolveInside(root, '/docs/'), fs.realpathSync(path.join(root, 'docs', 'index.html')));
});
