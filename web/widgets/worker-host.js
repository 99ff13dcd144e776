// The widgets' worker: one WASM module and many training sessions, multiplexed by a session id
// (`sid`). It reuses the page's training Session (web/app/worker.js) unchanged and only tags
// what each session posts with its sid. It also answers two stateless requests for the
// <nn-weight-count> and <nn-diagram> embeds: exact parameter counts and a model file's weights.
// It never touches the DOM.
//
// Messages in:  {sid, type: 'open', settings} · {sid, type: 'close'} · {sid, type: <any command
//               of the page's worker: configure, play, pause, step, reset, drawn>}
//               {rid, type: 'count', widths, bias} · {rid, type: 'model', text}
// Messages out: the page worker's messages plus `sid`; {rid, result} or {rid, error};
//               {type: 'hostReady'} once, or {type: 'fatal', message} if the module did not load.
import { createNNPlay } from '../lib/nnplay.mjs';
import { Session } from '../app/worker.js';

// Importing ../app/worker.js also runs its own bootstrap (it is the page's worker entry): it
// sets self.onmessage, which this module replaces below, and posts one {type:'ready'} without
// a sid, which the manager ignores. Both share createNNPlay's single module promise.

class EmbedSession extends Session {
  constructor(nn, sid) { super(nn); this.sid = sid; }
  post(msg, transfer = []) { self.postMessage({ ...msg, sid: this.sid }, [...new Set(transfer)]); }
}

function errorText(e) { return e && typeof e.message === 'string' ? e.message : String(e); }

// Weights of a model file, for drawing: layers, features and per-block weights and biases.
function modelInfo(nn, text) {
  const net = nn.Network.fromJSON(text);
  try {
    const weights = [], biases = [];
    for (let b = 0; b < net.layers.length; b++) { weights.push(net.getWeights(b)); biases.push(net.getBiases(b)); }
    const features = Array.isArray(net.features) ? net.features.map(String) : [];
    return { inputs: net.inputs, layers: net.layers.map((l) => ({ ...l })), features, weights, biases };
  } finally { net.delete(); }
}

export function startHost() {
  const sessions = new Map();
  let nn = null;
  const early = [];

  function handle(m) {
    if (m.rid !== undefined) {
      try {
        if (m.type === 'count') {
          const report = nn.countParameters(m.widths, { bias: m.bias !== false });
          return self.postMessage({ rid: m.rid, result: report });
        }
        if (m.type === 'memory') {
          return self.postMessage({ rid: m.rid, result: { heapBytes: nn.heapBytes(), heapUsed: nn.heapUsed(), sessions: sessions.size } });
        }
        if (m.type === 'model') {
          const r = modelInfo(nn, m.text);
          return self.postMessage({ rid: m.rid, result: r }, [...r.weights, ...r.biases].map((a) => a.buffer));
        }
        throw new Error(`unknown request ${m.type}`);
      } catch (e) { return self.postMessage({ rid: m.rid, error: errorText(e) }); }
    }
    const sid = m.sid;
    if (m.type === 'open') {
      const s = new EmbedSession(nn, sid);
      sessions.set(sid, s);
      return s.configure(m.settings);
    }
    const s = sessions.get(sid);
    if (!s) return;  // closed meanwhile
    switch (m.type) {
      case 'close':
        s.playing = false;
        if (s.net) s.net.delete();
        if (s.data) s.data.delete();
        s.net = s.data = null;
        s.chan.port1.onmessage = null;
        s.chan.port1.close();
        sessions.delete(sid);
        return undefined;
      case 'configure': return s.configure(m.settings, m.force);
      case 'play': return s.play();
      case 'pause': return s.pause();
      case 'step': return s.step();
      case 'reset': return s.configure(s.settings, 'net');
      case 'drawn': return s.drawn();
      default: return s.fail(`unknown command ${m.type}`, 'worker');
    }
  }

  function safe(m) {
    try { handle(m); } catch (e) {
      if (m && m.sid !== undefined) self.postMessage({ sid: m.sid, type: 'error', message: errorText(e), context: m.type });
    }
  }

  self.onmessage = (e) => { if (!nn) early.push(e.data); else safe(e.data); };
  createNNPlay().then((mod) => {
    nn = mod;
    self.postMessage({ type: 'hostReady', version: nn.version, simd: nn.simd });
    for (const m of early.splice(0)) safe(m);
  }, (e) => {
    self.postMessage({ type: 'fatal', message: `the WebAssembly module did not load: ${errorText(e)}` });
  });
}
