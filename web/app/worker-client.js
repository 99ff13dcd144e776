// The page side of the protocol (web/app/protocol.js): a client for one training worker. It
// starts the worker on first use (never on import), routes the worker's messages to sessions by
// sid and answers requests by rid; every id comes from one counter. If the worker cannot start
// or the module does not load, every caller gets the message (sessions as a {type:'fatal'}
// event, requests as a rejected promise carrying .fatal), so each view can show it.
// Used by the playground page (web/app/main.js) and the widgets (web/widgets/manager.js).
import { isCommand, isRequest } from './protocol.js';

// Errors about the worker or module as a whole carry .fatal, so a view does not blame its input.
function fatalError(message) { const e = new Error(message); e.fatal = true; return e; }

// factory: () => Worker. Returns the client; nothing starts until it is used.
export function createWorkerClient(factory) {
  let worker = null;
  let fatal = null;          // message once the worker or the module failed
  let readyInfo = null;      // {version, simd} once the module loaded
  let nextId = 1;
  const sessions = new Map();   // sid → onMessage(msg)
  const pending = new Map();    // rid → {resolve, reject}
  const readyWaiters = [];

  function fail(message) {
    if (fatal) return;
    fatal = message;
    for (const { reject } of pending.values()) reject(fatalError(message));
    pending.clear();
    for (const w of readyWaiters.splice(0)) w.reject(fatalError(message));
    for (const on of [...sessions.values()]) on({ type: 'fatal', message });
  }

  function onMessage(m) {
    if (m.rid !== undefined) {
      const p = pending.get(m.rid);
      if (!p) return;
      pending.delete(m.rid);
      if (m.error !== undefined) p.reject(new Error(m.error)); else p.resolve(m.result);
      return;
    }
    if (m.sid !== undefined) { const on = sessions.get(m.sid); if (on) on(m); return; }
    if (m.type === 'ready') {
      readyInfo = { version: m.version, simd: m.simd, lanes: m.lanes, threads: m.threads ?? 1 };
      for (const w of readyWaiters.splice(0)) w.resolve(readyInfo);
    } else if (m.type === 'fatal') fail(m.message);
  }

  function ensure() {
    if (worker || fatal) return;
    try {
      worker = factory();
    } catch (e) {
      fail(`the training worker could not start: ${e && e.message ? e.message : e}`);
      return;
    }
    worker.onmessage = (e) => onMessage(e.data);
    worker.onerror = (e) => {
      if (e && e.preventDefault) e.preventDefault();
      fail(`the training worker stopped: ${(e && e.message) || 'it could not start (see the console)'}`);
    };
    worker.onmessageerror = () => fail('a message from the training worker could not be read');
  }

  function post(msg, transfer = []) {
    try { worker.postMessage(msg, transfer); } catch (e) {
      // e.g. a DataCloneError: a programming error on this side, reported, never silent
      const on = msg.sid !== undefined && sessions.get(msg.sid);
      const message = `${msg.type}: the message could not be sent to the worker (${e && e.message ? e.message : e})`;
      if (on) on({ type: 'error', message, context: 'worker' });
      else throw new Error(message);
    }
  }

  return {
    /** {version, simd} once the wasm module loaded in the worker. */
    ready() {
      ensure();
      if (fatal) return Promise.reject(fatalError(fatal));
      if (readyInfo) return Promise.resolve(readyInfo);
      return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }));
    },

    /** A stateless request (protocol REQUESTS); resolves with the worker's result. */
    request(type, payload = {}) {
      if (!isRequest(type)) return Promise.reject(new Error(`unknown request ${type}`));
      ensure();
      if (fatal) return Promise.reject(fatalError(fatal));
      const rid = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(rid, { resolve, reject });
        post({ ...payload, rid, type });
      });
    },

    /** A training session in the worker; onMessage gets its events (protocol EVENTS). */
    openSession(settings, onMessage) {
      ensure();
      const sid = nextId++;
      sessions.set(sid, onMessage);
      if (fatal) queueMicrotask(() => onMessage({ type: 'fatal', message: fatal }));
      else post({ sid, type: 'open', settings });
      return {
        sid,
        get open() { return sessions.has(sid); },
        // transfer: objects handed over, not copied (e.g. a canvas's OffscreenCanvas)
        send(type, args = {}, transfer = []) {
          if (!isCommand(type) || type === 'open' || type === 'close') throw new Error(`unknown session command ${type}`);
          if (worker && !fatal && sessions.has(sid)) post({ ...args, sid, type }, transfer);
        },
        close() {
          if (!sessions.has(sid)) return;
          sessions.delete(sid);
          if (worker && !fatal) post({ sid, type: 'close' });
        },
      };
    },

    /** The worker itself, once started (tests and fault handling). */
    get worker() { return worker; },

    /** For tests and the curious: how many workers and sessions exist. */
    stats() { return { workers: worker ? 1 : 0, sessions: sessions.size, fatal, module: readyInfo }; },
  };
}
