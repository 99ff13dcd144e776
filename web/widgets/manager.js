// The one worker every widget on a page shares (and with it the one WASM module, which lives
// only in the worker). It starts the worker on first use, routes the worker's messages to
// sessions by sid and answers requests by rid. If the worker cannot start or the module does
// not load, every caller gets the message, so each widget can show it inline.
//
// How the worker starts is up to the entry point (setWorkerFactory): the ES module entry uses a
// module worker URL; the one-file bundle uses its own script URL, and from file:// (where
// `new Worker(url)` is refused for origin 'null') a Blob URL of its own source (TOOLCHAIN.md).

let factory = null;
let worker = null;
let fatal = null;          // message once the worker or the module failed
let readyInfo = null;      // {version, simd} once the module loaded
let nextId = 1;
const sessions = new Map();   // sid → onMessage(msg)
const pending = new Map();    // rid → {resolve, reject}
const readyWaiters = [];

export function setWorkerFactory(fn) { factory = fn; }

// Errors about the worker or module as a whole carry .fatal, so a widget does not blame an attribute.
function fatalError(message) { const e = new Error(message); e.fatal = true; return e; }

function fail(message) {
  fatal = message;
  for (const { reject } of pending.values()) reject(fatalError(message));
  pending.clear();
  for (const w of readyWaiters.splice(0)) w.reject(fatalError(message));
  for (const on of sessions.values()) on({ type: 'fatal', message });
}

function ensureWorker() {
  if (worker || fatal) return;
  if (!factory) { fail('nnplay widgets: no worker factory (load nnplay-widgets.js or web/widgets/index.js)'); return; }
  try {
    worker = factory();
  } catch (e) {
    fail(`the training worker could not start: ${e && e.message ? e.message : e}`);
    return;
  }
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.rid !== undefined) {
      const p = pending.get(m.rid);
      if (!p) return;
      pending.delete(m.rid);
      if (m.error !== undefined) p.reject(new Error(m.error)); else p.resolve(m.result);
      return;
    }
    if (m.sid !== undefined) { const on = sessions.get(m.sid); if (on) on(m); return; }
    if (m.type === 'hostReady') { readyInfo = { version: m.version, simd: m.simd }; for (const w of readyWaiters.splice(0)) w.resolve(readyInfo); }
    if (m.type === 'fatal') fail(m.message);
    // {type:'ready'} from the page worker's own bootstrap: not ours (see worker-host.js)
  };
  worker.onerror = (e) => { e.preventDefault?.(); fail(`the training worker stopped: ${e.message || 'script error'}`); };
}

export function moduleReady() {
  ensureWorker();
  if (fatal) return Promise.reject(fatalError(fatal));
  if (readyInfo) return Promise.resolve(readyInfo);
  return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }));
}

function request(type, payload) {
  ensureWorker();
  if (fatal) return Promise.reject(fatalError(fatal));
  const rid = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(rid, { resolve, reject });
    worker.postMessage({ rid, type, ...payload });
  });
}

/** Exact counts from the core: a ParamReport with BigInt fields. */
export function countParameters(widths, bias = true) { return request('count', { widths, bias }); }

/** A model file's layers, features, weights and biases. */
export function readModel(text) { return request('model', { text }); }

/** A training session in the shared worker; onMessage gets the page worker's messages. */
export function openSession(settings, onMessage) {
  ensureWorker();
  const sid = nextId++;
  sessions.set(sid, onMessage);
  if (fatal) { queueMicrotask(() => onMessage({ type: 'fatal', message: fatal })); }
  else worker.postMessage({ sid, type: 'open', settings });
  return {
    send(type, extra = {}) { if (worker && !fatal && sessions.has(sid)) worker.postMessage({ sid, type, ...extra }); },
    close() {
      if (!sessions.has(sid)) return;
      sessions.delete(sid);
      if (worker && !fatal) worker.postMessage({ sid, type: 'close' });
    },
  };
}

/** The worker's wasm heap (size and bytes in use) and its session count: for leak tests. */
export function workerMemory() { return request('memory', {}); }

/** For tests and the curious: how many workers and sessions exist. */
export function stats() { return { workers: worker ? 1 : 0, sessions: sessions.size, fatal, module: readyInfo }; }
