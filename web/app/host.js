// The training worker's side of the protocol (web/app/protocol.js): one wasm module, any number
// of sessions (one for the page, one per widget), each a Session (web/app/session.js) keyed by
// its sid, plus stateless requests answered by rid. Importing this module starts nothing; a
// worker entry (web/app/worker.js, web/widgets/worker-entry.js) calls startHost(). Never
// touches the DOM.
import { createNNPlay, threadsAllowed } from '../lib/nnplay.mjs';
import { COMMANDS, isCommand, isRequest } from './protocol.js';
import { Session } from './session.js';
import { predictImage, confusion, precisions, compareInits, setImageUrl } from './session-images.js';

function errorText(e) { return e && typeof e.message === 'string' ? e.message : String(e); }

// The dispatch table, written once: protocol command → what the session does.
export const HANDLERS = Object.freeze({
  configure: (s, m) => s.configure(m.settings, m.force),
  play: (s, m) => s.play(m.seq),
  pause: (s, m) => s.pause(m.seq),
  step: (s, m) => s.step(m.seq),
  reset: (s) => s.configure(s.settings, 'net'),
  drawn: (s) => s.drawn(),
  view: (s, m) => s.view(m.neuron),
  diagramPaint: (s, m) => s.diagramPaint(m.canvas, m.geometry, m.width, m.height, m.filter),
  mapPaint: (s, m) => s.mapPaint(m.canvas, m.width, m.height, m.dpr),
  edit: (s, m) => s.edit(m.target, m.value),
  addPoint: (s, m) => s.addPoint(m.x1, m.x2, m.label),
  csv: (s, m) => s.loadCSV(m.text, m.name, m.image || null),
  clearCustom: (s) => s.configure(s.settings, 'data', true),
  exportModel: (s, m) => s.exportModel(m.name, m.as),
  importModel: (s, m) => s.importModel(m.text, m.name),
  predict: (s, m) => s.images ? predictImage(s, m.x) : s.fail('predict needs an image dataset', 'predict'),
  confusion: (s) => s.images ? confusion(s) : s.fail('the confusion matrix needs an image dataset', 'confusion'),
  precisions: (s) => s.images ? precisions(s) : s.fail('the precision comparison needs an image dataset', 'precisions'),
  compareInits: (s, m) => s.images ? compareInits(s, m.epochs || 1) : s.fail('the initialisation comparison needs an image dataset', 'compare'),
  // open and close are the host's own (below)
});

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

// Request → [result, transfer list].
const REQUEST_HANDLERS = Object.freeze({
  count: (nn, m) => [nn.countParameters(m.widths, { bias: m.bias !== false }), []],
  transformer: (nn, m) => [nn.countTransformer(m.spec, m.options), []],
  model: (nn, m) => {
    const r = modelInfo(nn, m.text);
    return [r, [...r.weights, ...r.biases].map((a) => a.buffer)];
  },
  imageSource: (nn, m) => [setImageUrl(String(m.url), m.dataset === undefined ? 'digits' : String(m.dataset)), []],
  memory: (nn, m, sessions) => [{ heapBytes: nn.heapBytes(), heapUsed: nn.heapUsed(), sessions: sessions.size }, []],
  // The widgets' settings: checked by the core here, so the article's page needs no wasm.
  settings: (nn, m) => [{ ...nn.updateSettings(nn.defaultSettings(), m.patch),
    activations: nn.linkSettingsTable().find((s) => s.key === 'activation').values }, []],
});

// The module this worker trains with: the threaded one where the page is cross-origin
// isolated and the browser reports more than one core (issue 14; same numbers, more cores),
// else the single-thread one, which is also the fallback if the threaded one fails to load.
// A one-file bundle (a global createNNModule) carries only the single-thread module.
export function loadBestModule() {
  const cores = globalThis.navigator?.hardwareConcurrency | 0;
  if (typeof globalThis.createNNModule !== 'function' && threadsAllowed() && cores > 1)
    return createNNPlay({ build: 'threads' }).catch(() => createNNPlay());
  return createNNPlay();
}

// scope: the worker's global (self). Returns nothing; everything happens through messages.
export function startHost(scope = self, load = loadBestModule) {
  const sessions = new Map();   // sid → Session
  let nn = null;
  const early = [];

  function request(m) {
    try {
      if (!isRequest(m.type)) throw new Error(`unknown request ${String(m.type).slice(0, 40)}; allowed: ${Object.keys(REQUEST_HANDLERS).join(', ')}`);
      const [result, transfer] = REQUEST_HANDLERS[m.type](nn, m, sessions);
      scope.postMessage({ rid: m.rid, result }, transfer);
    } catch (e) { scope.postMessage({ rid: m.rid, error: errorText(e) }); }
  }

  function command(m) {
    const sid = m.sid;
    if (m.type === 'open') {
      if (sessions.has(sid)) return;
      const s = new Session(nn, (msg, transfer) => scope.postMessage({ ...msg, sid }, transfer));
      sessions.set(sid, s);
      s.configure(m.settings);
      return;
    }
    const s = sessions.get(sid);
    if (!s) return;  // closed meanwhile
    if (m.type === 'close') { sessions.delete(sid); s.dispose(); return; }
    if (!isCommand(m.type) || !HANDLERS[m.type]) {
      s.fail(`unknown command ${String(m.type).slice(0, 40)}; allowed: ${Object.keys(COMMANDS).join(', ')}`, 'worker');
      return;
    }
    HANDLERS[m.type](s, m);
  }

  function handle(m) {
    if (!m || typeof m !== 'object') return;
    if (m.rid !== undefined) { request(m); return; }
    try { command(m); } catch (e) {
      if (m.sid !== undefined) scope.postMessage({ sid: m.sid, type: 'error', message: errorText(e), context: String(m.type) });
    }
  }

  scope.onmessage = (e) => { if (!nn) early.push(e.data); else handle(e.data); };
  load().then((mod) => {
    nn = mod;
    // Memory figures for the soak test (tests/browser/soak.slow.test.mjs reads them through
    // Playwright's worker.evaluate); harmless for anyone else.
    scope.nnplayMemory = () => ({ heapBytes: nn.heapBytes(), heapUsed: nn.heapUsed(), sessions: sessions.size });
    scope.postMessage({ type: 'ready', version: nn.version, simd: nn.simd, lanes: nn.lanes, threads: nn.threads });
    for (const m of early.splice(0)) handle(m);
  }, (e) => {
    scope.postMessage({ type: 'fatal', message: `the WebAssembly module did not load: ${errorText(e)}` });
  });
}
