// nnplay JavaScript API (documented in nnplay.d.ts and docs/js-api.md). Loads the
// Embind module once and wraps its raw handles into plain-JS objects: numbers and
// BigInts, owned typed-array copies, and Errors carrying the core's message.
// This file owns argument *types* (a string where a number belongs); the core owns
// every *value* check (ranges, names, shapes), so its messages reach the caller.
//
// Where the module comes from:
//   node     web/gen/nnplay_core.js (or .single.js) through createRequire; the .wasm is
//            read with fs and passed as wasmBinary, which sidesteps node 20's fetch()
//            of a file path (see docs/toolchain.md) whatever NODE_OPTIONS says.
//   browser  globalThis.createNNModule if a classic <script> (e.g. nnplay_core.single.js
//            in a one-file embed) already defined it; otherwise the ES module build
//            web/gen/nnplay_core.mjs (split), or importScripts of the single file in a
//            classic worker; build 'threads': web/gen/nnplay_core_mt.mjs, the -pthread module,
//            only on a cross-origin isolated page (docs/embed.md), started with its workers.

import { quoted, quotedList } from './quote.mjs';

// The one JS quoting function (web/lib/quote.mjs), re-exported for API users.
export { quoted, quotedList, utf16Note } from './quote.mjs';

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node) &&
  typeof window === 'undefined';
// In node, NNPLAY_GEN=<dir> loads the module from another build's output folder
// (cmake -DNNPLAY_WEB_GEN=<dir>); by default it is web/gen beside this file.
const GEN = new URL('../gen/', import.meta.url);

const loaded = new Map();  // build → Promise<NNPlay>

/** @param {{build?: 'split'|'single'|'threads', threads?: number}} [options] */
export function createNNPlay(options = {}) {
  if (options === null || typeof options !== 'object')
    throw new Error(`createNNPlay: options must be an object, got ${show(options)}`);
  const build = options.build ?? 'split';
  if (build !== 'split' && build !== 'single' && build !== 'threads')
    throw new Error(`createNNPlay: build must be 'split', 'single' or 'threads', got ${show(build)}`);
  let threads = 1;
  if (build === 'threads') {
    threads = options.threads ?? defaultThreads();
    if (!Number.isSafeInteger(threads) || threads < 1 || threads > 64)
      throw new Error(`createNNPlay: threads must be an integer from 1 to 64, got ${show(threads)}`);
    if (isNode) throw new Error("createNNPlay({build:'threads'}) runs in browsers; in node use build 'split'");
    if (!threadsAllowed())
      throw new Error("createNNPlay({build:'threads'}): this page is not cross-origin isolated, so " +
        'SharedArrayBuffer is off; serve it with Cross-Origin-Opener-Policy: same-origin and ' +
        "Cross-Origin-Embedder-Policy: require-corp (docs/embed.md), or use build 'split'");
  } else if (options.threads !== undefined && options.threads !== 1) {
    throw new Error(`createNNPlay: threads applies to build 'threads' only (build '${build}' runs one thread)`);
  }
  const key = build === 'threads' ? `threads:${threads}` : build;
  if (!loaded.has(key)) {
    const p = loadModule(build, threads).then(wrapModule);
    p.catch(() => loaded.delete(key));  // a failed load may be retried
    loaded.set(key, p);
  }
  return loaded.get(key);
}

/** Whether build 'threads' can load here: a cross-origin isolated browser context. */
export function threadsAllowed() {
  return !isNode && globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

// All the cores the browser reports, at most 8 (each thread is a worker holding the module).
function defaultThreads() {
  const n = globalThis.navigator?.hardwareConcurrency;
  return Number.isSafeInteger(n) && n > 0 ? Math.min(n, 8) : 2;
}

async function loadModule(build, threads) {
  if (isNode) {
    // process.getBuiltinModule (node >= 20.16), not import('node:…'): a bundler building this
    // file for a browser then meets no node-only import and needs no externals
    // (tests/package/ bundles the installed package with esbuild).
    const { createRequire } = process.getBuiltinModule('node:module');
    const { readFileSync } = process.getBuiltinModule('node:fs');
    const { fileURLToPath } = process.getBuiltinModule('node:url');
    const { resolve } = process.getBuiltinModule('node:path');
    const require = createRequire(import.meta.url);
    const dir = process.env.NNPLAY_GEN ? resolve(process.env.NNPLAY_GEN) : fileURLToPath(GEN);
    if (build === 'single') return require(resolve(dir, 'nnplay_core.single.js'))();
    const factory = require(resolve(dir, 'nnplay_core.js'));
    return factory({ wasmBinary: readFileSync(resolve(dir, 'nnplay_core.wasm')) });
  }
  if (typeof globalThis.createNNModule === 'function') return globalThis.createNNModule();
  if (build === 'single') {
    if (typeof importScripts === 'function') {
      importScripts(new URL('nnplay_core.single.js', GEN).href);
      return globalThis.createNNModule();
    }
    throw new Error("createNNPlay({build:'single'}): load web/gen/nnplay_core.single.js with a " +
                    '<script> tag first (it defines createNNModule)');
  }
  if (build === 'threads') {
    // The pool's workers start with the module (nnPoolSize, wasm/wasm.cmake) and the module
    // resolves once they have loaded; startThreads says how many the core then really runs.
    const mod = await import(/* webpackIgnore: true */ /* @vite-ignore */ new URL('nnplay_core_mt.mjs', GEN).href);
    const M = await mod.default({ nnPoolSize: threads - 1 });
    M.nnThreads = M.startThreads(threads);
    return M;
  }
  // Loaded at run time from web/gen/ beside web/lib/, never bundled: bundlers are told to leave it.
  const mod = await import(/* webpackIgnore: true */ /* @vite-ignore */ new URL('nnplay_core.mjs', GEN).href);
  return mod.default();
}

// ---- argument checks (types only; values are the core's business) ----------------------
function show(v) {
  if (typeof v === 'string') return quoted(v, { quote: '"' });  // shortened, controls escaped
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'function') return 'a function';
  return String(v);
}
// NaN and ±Infinity pass: the core rejects them with its own message where they matter.
function num(name, v) {
  if (typeof v !== 'number') throw new Error(`${name} must be a number, got ${show(v)}`);
  return v;
}
function int(name, v) {
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new Error(`${name} must be an integer, got ${show(v)}`);
  return v;
}
function nonNegInt(name, v) {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new Error(`${name} must be a non-negative integer, got ${show(v)}`);
  return v;
}
// A seed: a non-negative safe integer, or a text (TF Playground's "0.83747"); the core maps
// both (core/rules.h seed_from_text) and checks the text.
function seedArg(name, v) {
  if (typeof v === 'string') return v;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new Error(`${name} must be a non-negative integer or a seed text, got ${show(v)}`);
  return v;
}
function str(name, v) {
  if (typeof v !== 'string') throw new Error(`${name} must be a string, got ${show(v)}`);
  return v;
}
function bool(name, v) {
  if (typeof v !== 'boolean') throw new Error(`${name} must be true or false, got ${show(v)}`);
  return v;
}
function obj(name, v) {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new Error(`${name} must be an object, got ${show(v)}`);
  return v;
}
function numbers(name, v) {
  if (!(ArrayBuffer.isView(v) && !(v instanceof DataView)) && !Array.isArray(v))
    throw new Error(`${name} must be a Float32Array or an array of numbers, got ${show(v)}`);
  if (Array.isArray(v))
    for (let i = 0; i < v.length; i++)
      if (typeof v[i] !== 'number') throw new Error(`${name}[${i}] must be a number, got ${show(v[i])}`);
  return v;
}
function strings(name, v) {
  if (!Array.isArray(v)) throw new Error(`${name} must be an array of strings, got ${show(v)}`);
  v.forEach((s, i) => str(`${name}[${i}]`, s));
  return v;
}
const opt = (v, d) => (v === undefined ? d : v);

const DEFAULT_TRAIN = { optimizer: 'sgd', lr: 0.03, batchSize: 10, l1: 0, l2: 0, momentum: 0.9, epochs: 1, seed: 1, order: 'shuffle' };

// threads: the module's threads by default (nn.threads: 1 unless build 'threads'); any count
// gives the same numbers (docs/training.md), the core checks 1..64.
function trainOptions(o, threads = 1) {
  o = obj('options', o);
  return {
    threads: int('threads', opt(o.threads, threads)),
    optimizer: str('optimizer', opt(o.optimizer, DEFAULT_TRAIN.optimizer)),
    lr: num('lr', opt(o.lr, DEFAULT_TRAIN.lr)),
    batchSize: int('batchSize', opt(o.batchSize, DEFAULT_TRAIN.batchSize)),
    l1: num('l1', opt(o.l1, DEFAULT_TRAIN.l1)),
    l2: num('l2', opt(o.l2, DEFAULT_TRAIN.l2)),
    momentum: num('momentum', opt(o.momentum, DEFAULT_TRAIN.momentum)),
    epochs: int('epochs', opt(o.epochs, DEFAULT_TRAIN.epochs)),
    seed: seedArg('seed', opt(o.seed, DEFAULT_TRAIN.seed)),
    order: str('order', opt(o.order, DEFAULT_TRAIN.order)),  // 'shuffle' | 'tf_playground' (the core checks)
  };
}

function toBigInts(v) {
  if (typeof v === 'string') return BigInt(v);
  if (Array.isArray(v)) return v.map(toBigInts);
  const out = {};
  for (const k of Object.keys(v)) out[k] = toBigInts(v[k]);
  return out;
}

// ---- the API over one module instance --------------------------------------------------
function wrapModule(M) {
  const flag = M.errorFlagAddress() >>> 2;
  const LIMITS = Object.freeze(M.limits());  // core/size_limits.h
  // Text over the core's byte limit is refused here, before it is copied into wasm memory
  // (a 1 GB string would otherwise need 1-3 GB there and abort the module). Same message
  // as the core's; UTF-8 bytes are counted only when the length alone cannot decide.
  function refuseLongText(text, limit, what) {
    if (text.length * 3 <= limit) return;
    let bytes = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x800) bytes += (c >= 0xd800 && c <= 0xdbff) ? 0 : 2;  // a surrogate pair: 4 for 2 units
      else if (c >= 0x80) bytes += 1;
    }
    if (bytes <= limit) return;
    const fmt = (n) => n.toLocaleString('en-US');
    throw new Error(`${what} is ${fmt(bytes)} bytes; the limit is ${fmt(limit)} bytes (${(limit / 1048576).toFixed(1)} MiB)`);
  }
  // Every raw call goes through this: the bindings never throw, they raise a flag in
  // linear memory and keep the message (see wasm/bindings.cpp).
  function check(result) {
    if (M.HEAP32[flag] !== 0) throw new Error(M.takeError());
    return result;
  }

  const registry = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((handle) => { try { handle.delete(); } catch { /* already gone */ } })
    : null;
  function own(wrapper, handle) {
    registry?.register(wrapper, handle, wrapper);
    return handle;
  }
  function release(wrapper, handle) {
    registry?.unregister(wrapper);
    handle.delete();
  }

  // wrapper → raw handle (null once deleted); one map per kind, so a Network passed
  // where a Dataset belongs is refused here rather than by Embind.
  const kinds = { net: ['Network', new WeakMap()], data: ['Dataset', new WeakMap()] };
  function handleOf(w, what) {
    const [kind, map] = kinds[what];
    const h = map.get(w);
    if (h === undefined) throw new Error(`${what} must be an nnplay ${kind}, got ${show(w)}`);
    if (h === null) throw new Error(`this ${kind} was deleted`);
    return h;
  }

  const metrics = (m) => ({ loss: m.loss, accuracy: m.accuracy, samples: m.samples });

  // The fast training path (issue 6: per-call val work cost more than a 2-8-8-1 step).
  // Per network: the options last sent (setTrainOptions runs only when a field changes)
  // and the address and size of its input buffer in wasm memory. x and y are written
  // through M.HEAPF32, read at each call because memory growth replaces it.
  const trainState = new WeakMap();
  // evaluateGrid's results → the arrays they own (output, outputs, inputs, each layer's),
  // so that `into` refills only a real earlier result.
  const gridArrays = new WeakMap();
  // Whether the core's training options must be set again: any option but epochs (a per-batch
  // call does not use it) differs. Reading the keys off trainOptions keeps a new option covered
  // (a fixed list here once missed 'order').
  const optionsChanged = (was, now) => Object.keys(now).some((k) => k !== 'epochs' && was[k] !== now[k]);
  const THREADS = M.nnThreads ?? 1;  // set by loadModule for build 'threads'
  const trainOpts = (o) => trainOptions(o, THREADS);
  function trainInto(w, h, x, y, n, steps, o) {
    let st = trainState.get(w);
    if (st === undefined) trainState.set(w, (st = { opts: null, ptr: 0, cap: 0 }));
    const t = trainOpts(o);
    if (st.opts === null || optionsChanged(st.opts, t)) {
      check(h.setTrainOptions(t));
      st.opts = t;
    }
    const need = x.length + y.length;
    if (need > st.cap) {
      st.ptr = check(h.ioBuffer(x.length, y.length, n, steps));  // checks the sizes first
      st.cap = need;
    }
    const base = st.ptr >>> 2;
    M.HEAPF32.set(x, base);
    M.HEAPF32.set(y, base + x.length);
  }

  class Dataset {
    constructor(handle) {
      if (!handle) throw new Error('use nn.makeDataset, nn.datasetFromPoints or nn.datasetFromCSV');
      kinds.data[1].set(this, own(this, handle));
      this.size = handle.size();
      this.trainSize = handle.trainSize();
      this.testSize = handle.testSize();
      this.inputs = handle.inputs();
      this.classes = handle.classes();
      this.inputNames = handle.inputNames();
      Object.freeze(this.inputNames);
      // Images (issue 15): each row is imageWidth × imageHeight pixels in [0, 1]; 0 otherwise.
      this.imageWidth = handle.imageWidth();
      this.imageHeight = handle.imageHeight();
      this.classNames = Object.freeze(handle.classNames());
    }
    x() { return handleOf(this, 'data').x(); }
    labels() { return handleOf(this, 'data').labels(); }
    points() { return check(handleOf(this, 'data').points()); }
    delete() {
      const h = kinds.data[1].get(this);
      if (h) { release(this, h); kinds.data[1].set(this, null); }
    }
  }

  class Network {
    /** @param {object} spec NetworkSpec */
    constructor(spec) {
      let handle;
      if (spec instanceof RawNetwork) handle = spec.handle;  // internal: fromJSON, clone, quantized
      else {
        spec = obj('spec', spec);
        if (spec === undefined || !('layers' in spec)) throw new Error('spec must have inputs and layers');
        if (!Array.isArray(spec.layers)) throw new Error(`layers must be an array, got ${show(spec.layers)}`);
        const s = {
          inputs: int('inputs', spec.inputs),
          layers: spec.layers.map((l, i) => {
            l = obj(`layers[${i}]`, l);
            return {
              units: int(`layers[${i}].units`, l.units),
              activation: str(`layers[${i}].activation`, opt(l.activation, 'tanh')),
              bias: bool(`layers[${i}].bias`, opt(l.bias, true)),
            };
          }),
          loss: str('loss', opt(spec.loss, 'half_mse')),
          init: str('init', opt(spec.init, 'glorot_uniform')),
          seed: seedArg('seed', opt(spec.seed, 1)),
          // TF Playground's weights: its Math.random for this seed text after tfSkip draws
          tfSeed: str('tfSeed', opt(spec.tfSeed, '')),
          tfSkip: nonNegInt('tfSkip', opt(spec.tfSkip, 0)),
        };
        handle = check(M.makeNetwork(s));
      }
      kinds.net[1].set(this, own(this, handle));
      this.inputs = handle.inputs();
      this.outputs = handle.outputs();
      this.layers = Object.freeze(handle.layers().map(Object.freeze));
      this.loss = handle.loss();
    }
    static fromJSON(text) {
      refuseLongText(str('text', text), LIMITS.maxModelBytes, 'model: file');
      return new Network(new RawNetwork(check(M.networkFromJSON(text))));
    }

    get features() { return handleOf(this, 'net').features(); }
    set features(list) { check(handleOf(this, 'net').setFeatures(strings('features', list))); }

    getWeights(block) { return check(handleOf(this, 'net').getWeights(nonNegInt('block', block))); }
    setWeights(block, w) {
      check(handleOf(this, 'net').setWeights(nonNegInt('block', block), numbers('weights', w)));
    }
    getBiases(layer) { return check(handleOf(this, 'net').getBiases(nonNegInt('layer', layer))); }
    setBiases(layer, b) {
      check(handleOf(this, 'net').setBiases(nonNegInt('layer', layer), numbers('biases', b)));
    }
    setWeight(block, from, to, value) {
      check(handleOf(this, 'net').setWeight(nonNegInt('block', block), nonNegInt('from', from),
                                            nonNegInt('to', to), num('value', value)));
    }
    setBias(layer, unit, value) {
      check(handleOf(this, 'net').setBias(nonNegInt('layer', layer), nonNegInt('unit', unit),
                                          num('value', value)));
    }
    paramCount() { return BigInt(handleOf(this, 'net').paramCount()); }

    predict(x, n) {
      const h = handleOf(this, 'net');
      numbers('x', x);
      n = n === undefined ? Math.floor(x.length / this.inputs) : nonNegInt('n', n);
      return check(h.predict(x, n));
    }
    activations(x) { return check(handleOf(this, 'net').activations(numbers('x', x))); }

    evaluateGrid(o) {
      const h = handleOf(this, 'net');
      o = obj('options', o);
      let features = o.features;
      if (features === undefined) {
        features = h.features();
        if (features.length === 0) features = this.inputs === 2 ? ['x1', 'x2'] : [];
      }
      const spec = {
        xMin: num('xMin', opt(o.xMin, -6)), xMax: num('xMax', opt(o.xMax, 6)),
        yMin: num('yMin', opt(o.yMin, -6)), yMax: num('yMax', opt(o.yMax, 6)),
        resolution: int('resolution', opt(o.resolution, 100)),
        features: strings('features', features),
        neurons: bool('neurons', opt(o.neurons, true)),
      };
      const into = o.into === undefined ? undefined : gridArrays.get(o.into);
      if (o.into !== undefined && !into) throw new Error(`into must be an earlier result of evaluateGrid, got ${show(o.into)}`);
      // r holds views of wasm memory: each is copied out here, before any other wasm call.
      const r = check(h.evaluateGrid(spec));
      const cells = r.resolution * r.resolution;
      const views = [r.output, r.outputs, r.inputs, ...r.neurons];
      // Into the earlier result when every array has this grid's length (same resolution, maps
      // option and layer sizes, nothing transferred away): its arrays and maps are refilled and
      // it is returned. Else new arrays. Either way one copy, never a view of wasm memory.
      if (into && into.length === views.length && views.every((v, i) => into[i].length === v.length)) {
        views.forEach((v, i) => { if (v.length) into[i].set(v); });
        return o.into;
      }
      const [output, outputs, inputs, ...layers] = views.map((v) => v.slice());
      // Each unit's map is a subarray of its layer's array, each input feature's of the inputs'.
      const split = (all, n) => Array.from({ length: n }, (_, u) => all.subarray(u * cells, (u + 1) * cells));
      const result = {
        resolution: r.resolution, output, outputs,
        inputs: spec.neurons ? split(inputs, this.inputs) : [],
        neurons: layers.map((all, l) => split(all, this.layers[l].units)),
      };
      gridArrays.set(result, [output, outputs, inputs, ...layers]);
      return result;
    }

    trainEpochs(data, o) {
      const h = handleOf(this, 'net');
      const d = handleOf(data, 'data');
      return check(h.trainEpochs(d, trainOpts(o))).map((r) => ({
        epoch: r.epoch, train: metrics(r.train), test: metrics(r.test),
        diverged: r.diverged, stalled: r.stalled, message: r.message,
      }));
    }
    trainPart(data, o) {
      const h = handleOf(this, 'net');
      const d = handleOf(data, 'data');
      o = obj('options', o);
      const r = check(h.trainPart(d, trainOpts(o), nonNegInt('batches', opt(o.batches, 1))));
      const e = r.report;
      return { batches: r.batches, position: r.position, report: e === null ? null : {
        epoch: e.epoch, train: metrics(e.train), test: metrics(e.test), diverged: e.diverged, stalled: e.stalled, message: e.message } };
    }
    trainBatch(x, y, o) {
      const h = handleOf(this, 'net');
      numbers('x', x);
      numbers('y', y);
      const n = Math.floor(x.length / this.inputs);
      trainInto(this, h, x, y, n, 1, o);
      return check(h.trainStepsIO(x.length, y.length, n, 1));
    }
    trainSteps(x, y, steps, o) {
      const h = handleOf(this, 'net');
      numbers('x', x);
      numbers('y', y);
      steps = nonNegInt('steps', steps);
      const n = steps === 0 ? 0 : Math.floor(x.length / (this.inputs * steps));
      trainInto(this, h, x, y, n, steps, o);
      check(h.trainStepsIO(x.length, y.length, n, steps));
      return check(h.trainLosses());
    }
    evaluate(data) {
      const r = check(handleOf(this, 'net').evaluate(handleOf(data, 'data')));
      return { train: metrics(r.train), test: metrics(r.test) };
    }

    quantized(precision) {
      return new Network(new RawNetwork(check(handleOf(this, 'net').quantized(str('precision', precision)))));
    }
    clone() { return new Network(new RawNetwork(check(handleOf(this, 'net').clone()))); }
    // JSON.stringify(net) calls toJSON(key) with a string key; that is not an `extra`.
    toJSON(extra) {
      if (typeof extra === 'string') extra = undefined;
      const h = handleOf(this, 'net');
      if (extra === undefined) return check(h.toJSON(undefined));
      extra = obj('extra', extra);
      const e = {};
      if (extra.features !== undefined) e.features = strings('extra.features', extra.features);
      if (extra.init !== undefined) e.init = str('extra.init', extra.init);
      if (extra.batchSize !== undefined) e.batchSize = int('extra.batchSize', extra.batchSize);
      if (extra.epochs !== undefined) e.epochs = nonNegInt('extra.epochs', extra.epochs);
      if (extra.seed !== undefined) e.seed = nonNegInt('extra.seed', extra.seed);
      if (extra.dataset !== undefined) e.dataset = str('extra.dataset', extra.dataset);
      return check(h.toJSON(e));
    }
    /** Use the scalar reference kernels (for comparison and benchmarks). */
    useReferenceKernels(on = true) { handleOf(this, 'net').useReferenceKernels(bool('on', on)); }
    delete() {
      const h = kinds.net[1].get(this);
      if (h) { release(this, h); kinds.net[1].set(this, null); }
    }
  }
  // Marks a raw handle passed to the Network constructor by this module only.
  class RawNetwork { constructor(handle) { this.handle = handle; } }

  function makeDataset(name, o) {
    o = obj('options', o);
    const s = {
      samples: nonNegInt('samples', opt(o.samples, 0)),
      noise: num('noise', opt(o.noise, 0)),
      classes: int('classes', opt(o.classes, 3)),
      seed: seedArg('seed', opt(o.seed, 1)),
      features: strings('features', opt(o.features, ['x1', 'x2'])),
      trainRatio: num('trainRatio', opt(o.trainRatio, 0.5)),
      tfSeed: str('tfSeed', opt(o.tfSeed, '')),  // TF Playground's own data for this seed text
    };
    return new Dataset(check(M.makeDataset(str('name', name), s)));
  }
  function datasetFromPoints(p) {
    p = obj('points', p);
    const s = {
      x1: numbers('x1', p.x1), x2: numbers('x2', p.x2), labels: numbers('labels', p.labels),
      classes: int('classes', p.classes),
      features: strings('features', opt(p.features, ['x1', 'x2'])),
      trainRatio: num('trainRatio', opt(p.trainRatio, 1)),
      seed: seedArg('seed', opt(p.seed, 1)),
    };
    return new Dataset(check(M.datasetFromPoints(s)));
  }
  function datasetFromCSV(text, o) {
    o = obj('options', o);
    const s = {
      labelColumn: str('labelColumn', opt(o.labelColumn, '')),
      regression: bool('regression', opt(o.regression, false)),
      trainRatio: num('trainRatio', opt(o.trainRatio, 1)),
      seed: seedArg('seed', opt(o.seed, 1)),
    };
    refuseLongText(str('text', text), LIMITS.maxCsvBytes, 'CSV');
    if (o.imageWidth !== undefined || o.imageHeight !== undefined) {
      // A CSV of pixel columns shown as images: the core checks width × height = columns.
      return new Dataset(check(M.datasetFromCSVImages(text, s,
        nonNegInt('imageWidth', o.imageWidth), nonNegInt('imageHeight', o.imageHeight))));
    }
    return new Dataset(check(M.datasetFromCSV(text, s)));
  }

  // ---- image datasets (issue 15) ----
  function bytes(name, v) {
    if (!(v instanceof Uint8Array) && !(v instanceof ArrayBuffer))
      throw new Error(`${name} must be a Uint8Array or an ArrayBuffer, got ${show(v)}`);
    return v instanceof ArrayBuffer ? new Uint8Array(v) : v;
  }
  function splitOptions(o) {
    return {
      name: str('name', opt(o.name, 'images')),
      trainRatio: num('trainRatio', opt(o.trainRatio, 0.5)),
      seed: seedArg('seed', opt(o.seed, 1)),
      samples: nonNegInt('samples', opt(o.samples, 0)),
    };
  }
  function imageSet(o) {
    return {
      pixels: bytes('pixels', o.pixels),
      labels: Array.isArray(o.labels) ? Uint8Array.from(numbers('labels', o.labels)) : bytes('labels', o.labels),
      width: nonNegInt('width', o.width),
      height: nonNegInt('height', o.height),
      classes: nonNegInt('classes', opt(o.classes, 10)),
      classNames: strings('classNames', opt(o.classNames, [])),
    };
  }
  function datasetFromImages(o) {
    o = obj('images', o);
    return new Dataset(check(M.datasetFromImages({ ...imageSet(o), ...splitOptions(o) })));
  }
  function datasetFromNNIM(data, o) {
    o = obj('options', o);
    return new Dataset(check(M.datasetFromNNIM(bytes('bytes', data), splitOptions(o))));
  }
  function datasetFromIDX(images, labels, o) {
    o = obj('options', o);
    const s = { ...splitOptions(o), classes: nonNegInt('classes', opt(o.classes, 0)),
      classNames: strings('classNames', opt(o.classNames, [])) };
    return new Dataset(check(M.datasetFromIDX(bytes('images', images), bytes('labels', labels), s)));
  }
  function encodeNNIM(o) { return check(M.encodeNNIM(imageSet(obj('images', o)))); }

  // ---- the shared rules and the page's link settings (core/rules.h, core/link_settings.h) ----
  // Settings are plain objects keyed as the page's URL hash; the core parses, checks and
  // writes them, and says what they train. Nothing here interprets a setting.
  const settingsObj = (name, v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${name} must be a settings object, got ${show(v)}`);
    return v;
  };
  let table = null;
  const linkSettingsTable = () => (table ??= Object.freeze(check(M.linkTable()).map(Object.freeze)));
  const defaultSettings = () => check(M.linkParse('', undefined)).settings;
  function parseLink(hash, base) {
    return check(M.linkParse(str('hash', hash), base === undefined ? undefined : settingsObj('base', base)));
  }
  const linkOf = (settings) => check(M.linkOf(settingsObj('settings', settings)));
  const updateSettings = (settings, patch) =>
    check(M.linkUpdate(settingsObj('settings', settings), settingsObj('patch', patch)));
  const settingsChangeLevel = (a, b) => check(M.linkChangeLevel(settingsObj('a', a), settingsObj('b', b)));
  function linkRun(settings, o) {
    o = obj('options', o);
    const classes = o.classes === undefined ? -1 : nonNegInt('classes', o.classes);
    const inputs = o.inputs === undefined ? -1 : nonNegInt('inputs', o.inputs);
    return check(M.linkRun(settingsObj('settings', settings), classes, inputs));
  }
  // A page link (or settings object) → the page's dataset, network and training options.
  function fromLink(link) {
    let settings = link, errors = [];
    if (typeof link === 'string') ({ settings, errors } = parseLink(link));
    const run = linkRun(settingsObj('link', settings));
    const data = makeDataset(run.dataset.name, run.dataset);
    try {
      const net = new Network(run.network);
      net.features = run.dataset.features;
      return { settings, errors, data, net, train: run.train };
    } catch (e) { data.delete(); throw e; }
  }
  const outputLayer = (classes, loss) => check(M.outputLayer(nonNegInt('classes', classes), str('loss', loss)));
  const defaultLoss = (classes) => M.defaultLoss(nonNegInt('classes', classes));
  const seedFromText = (text) => BigInt(check(M.seedFromText(str('text', text))));
  // TF Playground's Math.random after Math.seedrandom(seed): the first `count` numbers.
  const tfRandom = (seed, count) => check(M.tfRandom(str('seed', seed), nonNegInt('count', count)));
  // Each feature's map over the ±6 grid without a network (evaluateGrid's `inputs` for features
  // the network does not use).
  function featureGrid(o) {
    o = obj('options', o);
    const features = strings('features', o.features);
    const res = int('resolution', opt(o.resolution, 100));
    const all = check(M.featureGrid(features, res));
    return features.map((_, i) => all.subarray(i * res * res, (i + 1) * res * res));
  }

  function countParameters(widths, o) {
    if (!Array.isArray(widths)) throw new Error(`widths must be an array of integers, got ${show(widths)}`);
    const w = widths.map((v, i) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v))
        throw new Error(`widths[${i}] is beyond 2^53 and may be rounded; pass it as a BigInt, got ${v}`);
      return String(int(`widths[${i}]`, v));
    });
    o = obj('options', o);
    return toBigInts(check(M.countParameters(w, bool('bias', opt(o.bias, true)))));
  }

  // ---- transformers (issue 13) ------------------------------------------------------------
  // The spec crosses as JSON text; BigInts go as decimal strings and the core checks every
  // value (names, ranges, divisibility, overflow). Counts come back as BigInt.
  function specText(name, v) {
    if (typeof v === 'string') v = { preset: v };
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw new Error(`${name} must be a preset id or an object, got ${show(v)}`);
    for (const [k, x] of Object.entries(v))
      if (typeof x === 'number' && Number.isInteger(x) && !Number.isSafeInteger(x))
        throw new Error(`${name}.${k} is beyond 2^53 and may be rounded; pass it as a BigInt, got ${x}`);
    return JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? x.toString() : x));
  }
  function answer(r, key) {
    if (r.error !== undefined) throw new Error(r.error);
    return r[key];
  }
  function countTransformer(spec, options) {
    return answer(M.countTransformer(specText('spec', spec), specText('options', obj('options', options))), 'report');
  }
  function transformerFromHFConfig(text) {
    return answer(M.transformerFromHFConfig(str('text', text)), 'spec');
  }
  function transformerPresets() { return answer(M.transformerPresets(), 'presets'); }

  return Object.freeze({
    version: M.version(),
    simd: M.simdArch(),
    lanes: M.simdLanes(),
    threads: THREADS,
    countParameters,
    countTransformer,
    transformerFromHFConfig,
    transformerPresets,
    transformerConfigLimit: M.transformerConfigLimit(),
    linkSettingsTable,
    defaultSettings,
    parseLink,
    linkOf,
    updateSettings,
    settingsChangeLevel,
    linkRun,
    fromLink,
    tfRandom,
    outputLayer,
    defaultLoss,
    seedFromText,
    featureGrid,
    Network,
    makeDataset,
    datasetFromPoints,
    datasetFromCSV,
    datasetFromImages,
    datasetFromNNIM,
    datasetFromIDX,
    encodeNNIM,
    limits: LIMITS,
    heapBytes: () => M.HEAP8.length,
    heapUsed: () => M.heapUsed(),
  });
}
