// The one worker every widget on a page shares (and with it the one WASM module, which lives
// only in the worker): one client of web/app/worker-client.js, created on first use. Importing
// this module starts nothing.
//
// How the worker starts is up to the entry point (setWorkerFactory): the ES module entry uses a
// module worker URL; the one-file bundle uses its own script URL, and from file:// (where
// `new Worker(url)` is refused for origin 'null') a Blob URL of its own source (docs/toolchain.md).
import { createWorkerClient } from '../app/worker-client.js';

let factory = null;
let client = null;

export function setWorkerFactory(fn) { factory = fn; }

function shared() {
  if (!client) {
    client = createWorkerClient(() => {
      if (!factory) throw new Error('nnplay widgets: no worker factory (load nnplay-widgets.js or web/widgets/index.js)');
      return factory();
    });
  }
  return client;
}

export function moduleReady() { return shared().ready(); }

/** Exact counts from the core: a ParamReport with BigInt fields. */
export function countParameters(widths, bias = true) { return shared().request('count', { widths, bias }); }

/** A transformer's exact counts (TransformerReport, BigInt), e.g. countTransformer('llama-2-7b'). */
export function countTransformer(spec, options = {}) { return shared().request('transformer', { spec, options }); }

/** The core's settings for a patch of the defaults: {settings} or {error}, and {activations}. */
export function checkSettings(patch) { return shared().request('settings', { patch }); }

/** A model file's layers, features, weights and biases. */
export function readModel(text) { return shared().request('model', { text }); }

/** A training session in the shared worker; onMessage gets the session's events. */
export function openSession(settings, onMessage) { return shared().openSession(settings, onMessage); }

/** Where an image set's file (digits, fashion) is for every <nn-digits> on this page (an absolute URL). */
export function setImageSource(url, dataset = 'digits') { return shared().request('imageSource', { url, dataset }); }

/** The worker's wasm heap (size and bytes in use) and its session count: for leak tests. */
export function workerMemory() { return shared().request('memory'); }

// Decision maps the worker painted for this page's widgets (bench/frames.mjs counts them).
export const drawStats = { maps: 0 };

/** For tests and the curious: how many workers and sessions exist, and maps painted. */
export function stats() {
  return { ...(client ? client.stats() : { workers: 0, sessions: 0, fatal: null, module: null }), maps: drawStats.maps };
}
