// The one message protocol (web/app/protocol.js): the host's dispatch table covers every
// session command and nothing else, and importing the worker-side and client modules starts
// no worker and loads no wasm (issue 11: a module import has no side effects).
import test from 'node:test';
import assert from 'node:assert/strict';

test('importing the protocol, host, session and client modules starts nothing', async () => {
  let workers = 0, posted = 0;
  globalThis.Worker = class { constructor() { workers++; } };
  const before = globalThis.onmessage;
  globalThis.self = globalThis.self || globalThis;
  const origPost = globalThis.postMessage;
  globalThis.postMessage = () => { posted++; };
  try {
    await import('../../web/app/protocol.js');
    await import('../../web/app/session.js');
    await import('../../web/app/host.js');
    const { createWorkerClient } = await import('../../web/app/worker-client.js');
    await import('../../web/app/labels.js');
    // a client starts its worker on first use, not when created
    const c = createWorkerClient(() => new globalThis.Worker());
    assert.equal(workers, 0, 'no worker before use');
    assert.deepEqual(c.stats(), { workers: 0, sessions: 0, fatal: null, module: null });
    assert.equal(globalThis.onmessage, before, 'no onmessage handler installed');
    assert.equal(posted, 0, 'nothing posted');
  } finally {
    delete globalThis.Worker;
    globalThis.postMessage = origPost;
  }
});

test('the dispatch table is the protocol: every command handled once, nothing more', async () => {
  const { COMMANDS, REQUESTS, isCommand, isRequest } = await import('../../web/app/protocol.js');
  const { HANDLERS } = await import('../../web/app/host.js');
  const handled = Object.keys(HANDLERS).sort();
  const commands = Object.keys(COMMANDS).filter((c) => c !== 'open' && c !== 'close').sort();
  assert.deepEqual(handled, commands);
  // keys a user could type are not commands (own properties only)
  for (const k of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
    assert.equal(isCommand(k), false, k);
    assert.equal(isRequest(k), false, k);
  }
  assert.deepEqual(Object.keys(REQUESTS).sort(), ['count', 'imageSource', 'memory', 'model', 'settings', 'transformer']);
});

test('a client numbers sessions and requests from one counter and rejects unknown commands', async () => {
  const { createWorkerClient } = await import('../../web/app/worker-client.js');
  const sent = [];
  const fake = { postMessage: (m) => sent.push(m) };
  const c = createWorkerClient(() => fake);
  const s = c.openSession({ a: 1 }, () => {});
  const p = c.request('count', { widths: [2, 1] });
  assert.equal(sent[0].type, 'open');
  assert.equal(sent[1].type, 'count');
  assert.notEqual(sent[0].sid, sent[1].rid, 'one counter for sids and rids');
  assert.throws(() => s.send('toString'), /unknown session command toString/);
  assert.throws(() => s.send('open'), /unknown session command open/);
  s.send('play', { seq: 1 });
  assert.deepEqual(sent[2], { seq: 1, sid: s.sid, type: 'play' });
  fake.onmessage({ data: { rid: sent[1].rid, result: 42 } });
  assert.equal(await p, 42);
  s.close();
  assert.deepEqual(sent[3], { sid: s.sid, type: 'close' });
  s.send('play');  // after close: nothing sent
  assert.equal(sent.length, 4);
});
