// One training session: a dataset, a network and the training loop, driven by the commands of
// web/app/protocol.js. It lives in the training worker (web/app/host.js creates one per page or
// widget) and answers with plain arrays (Float32Array buffers, transferred). It never touches
// the DOM and importing it starts nothing. Errors never replace the current network: a new
// dataset/network is built first and swapped in only when it worked; the message names the problem.
import {
  changeLevel, datasetClasses, featureNames, networkSpec, parseHash, patchFromNetwork, toHash,
  trainOptions, update, useCore, SETTINGS,
} from './state.js';
import { jsonText } from './escape.js';
import { shownUnits } from './diagram.js';
import { createDiagramPainter } from './diagram-paint.js';
import { thumbsFor } from './thumbs.js';
import { mapPaint, paintMap, paintsMap } from './session-map.js';
import { isImageDataset } from './state.js';
import { needImages, buildImageData, imageInfo, imageFrame, trainImages, imageProgress } from './session-images.js';

const MAP_RES = 100;     // the decision-boundary map, as in TF Playground
const THUMB_RES = 20;    // neuron thumbnails
const MAX_CHUNK_MS = 12; // 'max' speed: train this long between looks at the message queue
const IMAGE_FRAME_MS = 150;  // image sets: at most this often a frame (weights, metrics) to the page
const MAP_SHARE = 0.25;
// With the diagram painted here (diagramPaint), frames carry every weight and the neurons' maps
// only this often while training (for the hover text, the weight editor, the SVG export), not
// every frame (issue 14: send what is drawn).
const VALUES_GAP_MS = 250;
// Several sessions painting at once (an article with many playgrounds): while training, each
// repaints its diagram at most every PAINT_GAP_MS per painting session (up to MAX_PAINT_GAP_MS);
// the maps still follow every frame. Ten widgets: the worker and the browser's compositor were
// the bottleneck (bench/frames.mjs --profile=ten: 14.5 and 18.5 ms of CPU per frame).
const PAINT_GAP_MS = 25, MAX_PAINT_GAP_MS = 250;
const painters = new Set();  // sessions that paint a diagram
// Sessions training now. MAP_SHARE is the worker's, not each session's: with ten playgrounds
// on screen each making its maps every frame, the maps took 40% of the worker's time and the
// worker 12–14 ms of CPU per frame on a 2-core machine (bench/frames.mjs --profile=ten
// --worker-js), so each session's maps come at most every cost × sessions / MAP_SHARE.
const trainingNow = new Set();

function errorText(e) {
  if (e && typeof e.message === 'string') return e.message;
  return String(e);
}

// The feature flags (x, y, xSquared, …) are the table's keys with a `feature` (the core's).
const isFeatureKey = (k) => !!(SETTINGS[k] && SETTINGS[k].feature);
const coords = new WeakMap();  // Dataset → {x1, x2} in its row order

export class Session {
  // post(msg, transfer): how this session's messages leave (the host tags them with the sid).
  constructor(nn, post) {
    this.nn = nn;
    useCore(nn);  // state.js asks the core (the worker's one module) for every settings rule
    this.postOut = post;
    this.settings = null;
    this.data = null;        // Dataset
    this.net = null;         // Network
    this.custom = null;      // user points {x1, x2, labels, classes} or a raw CSV Dataset marker
    this.rawCsv = false;     // true: data is a CSV with other than 2 inputs (no map)
    this.images = false;     // true: data is an image set (issue 15; session-images.js): no map
    this.imageBytes = null;  // the image file, once fetched
    this.imageName = null;   // which image set imageBytes holds (digits, fashion)
    this.weightImageAt = -Infinity;  // when the last weight images were made (session-images.js)
    this.epoch = 0;
    this.run = 0;            // +1 whenever the network or the data is replaced: views restart their history
    this.seq = 0;            // the last play/pause/step command's number (echoed in 'state')
    this.playing = false;
    this.waitingForPage = false;  // a frame is out; the page acks with 'drawn'
    this.loopScheduled = false;
    this.history = { train: [], test: [] };
    this.last = null;        // last EpochReport
    this.epochMs = 1;
    this.frameDue = false;   // a chunk was trained while the page was drawing
    // Cost of the maps (EMA, ms) and when they were last made: a big network refreshes its
    // maps less often so that they take at most MAP_SHARE of the time while training.
    this.mapCost = { map: 0, thumbs: 0, lastMap: -Infinity, lastThumbs: -Infinity };
    this.viewNeuron = null;  // {column, unit}: the neuron the page shows in its large map
    this.paint = null;       // {canvas, painter}: the page's diagram paint layer, painted here
    this.valuesAt = -Infinity;  // when a frame last carried every weight
    this.chan = new MessageChannel();
    this.chan.port1.onmessage = () => this.loop();
  }

  // Buffers may be shared by several views (e.g. one grid buffer for all neuron maps): transfer each once.
  post(msg, transfer = []) { this.postOut(msg, [...new Set(transfer)]); }
  // kept: the command was refused and the session is as it was (the page may say so).
  fail(message, context, kept = false) { this.post({ type: 'error', message, context, kept }); }

  // ---------- building ----------

  features(s = this.settings) { return featureNames(s); }
  coords(d) { return coords.get(d); }

  // The dataset for settings s (from the user's points if any), with its raw 2-D
  // coordinates in the same row order as x()/labels() for drawing.
  buildData(s, custom) {
    const nn = this.nn;
    if (custom && custom.raw) return custom.raw;  // caller owns the raw CSV dataset
    if (isImageDataset(s)) return buildImageData(this, s);
    // The core says what the settings generate (core/link_settings.h page_dataset's options).
    const o = nn.linkRun(s).dataset;
    const data = custom
      ? nn.datasetFromPoints({ x1: custom.x1, x2: custom.x2, labels: custom.labels, classes: custom.classes,
        features: o.features, trainRatio: o.trainRatio, seed: o.seed })
      : nn.makeDataset(o.name, o);
    const p = data.points();
    coords.set(data, { x1: Float32Array.from(p.x1), x2: Float32Array.from(p.x2) });
    return data;
  }

  // Classes of the data in use (0 = regression).
  classesOf(data, s) { return data ? data.classes : datasetClasses(s); }

  buildNet(s, data) {
    const spec = networkSpec(s, this.classesOf(data, s), data.inputs);
    const net = new this.nn.Network(spec);
    if (!this.rawCsv && !data.imageWidth) net.features = this.features(s);
    return net;
  }

  // Applies new settings; rebuilds as little as needed. On failure keeps everything.
  configure(s, force, dropCustom = false) {
    const level = force || (this.settings ? changeLevel(this.settings, s) : 'data');
    const old = this.settings;
    if (!level) return;
    if (level === 'train' || level === 'view') {
      this.settings = s;
      if (level === 'view' || (old && old.precision !== s.precision)) this.sendFrame(true);
      return;
    }
    // An image set is fetched first; configure runs again when it has arrived.
    if (level === 'data' && isImageDataset(s) && needImages(this, s)) return;
    let data = this.data, custom = this.custom, newData = null, net = null;
    try {
      if (level === 'data') {
        // features alone keep the user's points; any other data setting regenerates
        const onlyFeatures = old && Object.keys(SETTINGS).every((k) => SETTINGS[k].group !== 'data' ||
          isFeatureKey(k) || String(old[k]) === String(s[k]));
        if (!onlyFeatures || dropCustom) custom = null;
        if (custom && custom.raw) {
          // a raw CSV has its own columns; features do not apply
        } else {
          newData = this.buildData(s, custom);
          data = newData;
        }
      }
      net = this.buildNet(s, data);
    } catch (e) {
      if (newData) newData.delete();
      if (net) net.delete();
      this.post({ type: 'error', message: errorText(e), context: 'settings', kept: true, keep: old ? toHash(old) : null });
      return;
    }
    if (newData) {
      if (this.data && this.data !== newData && !(this.custom && this.custom.raw === this.data)) this.data.delete();
      if (this.custom && this.custom.raw && custom !== this.custom) this.custom.raw.delete();
      this.data = newData;
      this.custom = custom;
      this.rawCsv = false;
      this.images = newData.imageWidth > 0;
      this.imageTrain = null;
    }
    if (this.net) this.net.delete();
    this.net = net;
    this.settings = s;
    this.resetTraining();
    if (level === 'data') this.sendData();
    this.sendNet();
    this.sendFrame(true);
  }

  resetTraining(epoch = 0) {
    this.epoch = epoch;
    this.run++;
    this.history = { train: [], test: [] };
    this.last = null;
    try {
      const ev = this.net.evaluate(this.data);
      this.last = { train: ev.train, test: ev.test };
    } catch (e) { this.fail(errorText(e), 'evaluate'); }
  }

  sendData() {
    const d = this.data;
    let points = null;
    if (!this.rawCsv && !this.images) {
      const p = coords.get(d);
      points = { x1: p.x1.slice(), x2: p.x2.slice(),
        labels: Float32Array.from(d.labels()), trainSize: d.trainSize, classes: d.classes };
    }
    if (this.images) {
      const images = imageInfo(d, this.rawCsv ? 'csv' : this.imageName);
      this.post({ type: 'data', points: null, classes: d.classes, size: d.size, trainSize: d.trainSize,
        inputNames: [], custom: this.rawCsv, raw: false, images }, [images.testPixels.buffer, images.testLabels.buffer]);
      return;
    }
    this.post({ type: 'data', points, classes: d.classes, size: d.size, trainSize: d.trainSize,
      inputNames: d.inputNames, custom: !!this.custom, raw: this.rawCsv },
    points ? [points.x1.buffer, points.x2.buffer, points.labels.buffer] : []);
  }

  sendNet() {
    const n = this.net;
    const v = this.viewNeuron;  // a neuron the new network does not have is not shown
    if (v && !(v.column === 0 ? v.unit < n.inputs : v.column <= n.layers.length && v.unit < n.layers[v.column - 1].units)) this.viewNeuron = null;
    this.post({ type: 'net', inputs: n.inputs, layers: n.layers.map((l) => ({ ...l })), loss: n.loss,
      inputNames: this.images ? [] : this.data.inputNames, raw: this.rawCsv,
      image: this.images ? { width: this.data.imageWidth, height: this.data.imageHeight } : null, settings: this.settings });
  }

  // ---------- training ----------

  // Every play/pause/step answers with the session's real state and the command's number.
  setPlaying(p) {
    this.playing = p;
    if (p) trainingNow.add(this); else trainingNow.delete(this);
    this.post({ type: 'state', playing: p, seq: this.seq });
  }
  play(seq) { if (seq !== undefined) this.seq = seq; this.setPlaying(true); this.schedule(); }
  pause(seq) { if (seq !== undefined) this.seq = seq; this.setPlaying(false); }

  schedule() {
    if (this.loopScheduled) return;
    this.loopScheduled = true;
    this.chan.port2.postMessage(null);
  }

  trainChunk(epochs) {
    const t0 = performance.now();
    const reports = this.images ? trainImages(this)
      // the settings' seed shuffles (the trainer keeps its RNG across chunks), so N epochs here
      // are N epochs of `nnplay train --link` whatever the speed
      : this.net.trainEpochs(this.data, { ...trainOptions(this.settings), epochs });
    const ms = performance.now() - t0;
    for (const r of reports) {
      this.epoch++;
      this.history.train.push(r.train.loss);
      this.history.test.push(r.test.loss);
      this.last = r;
      if (r.stalled) this.post({ type: 'stalled', epoch: this.epoch, message: r.message });
      if (r.diverged) {
        this.setPlaying(false);
        this.post({ type: 'diverged', epoch: this.epoch, message: r.message ||
          'the loss became NaN or infinite; the weights were restored to the start of that epoch' });
        break;
      }
    }
    if (reports.length && !this.images) this.epochMs = 0.8 * this.epochMs + 0.2 * (ms / reports.length);
    return ms;
  }

  loop() {
    this.loopScheduled = false;
    if (!this.playing || !this.net) return;
    const speed = this.settings.speed;
    try {
      if (this.images) {
        // Image sets train without pause (pieces of ~25 ms, session-images.js) and send a frame
        // at most every IMAGE_FRAME_MS, when the page has drawn the last: a 242,762-weight frame
        // is ~1 MB to copy and draw, and the page must stay responsive while it trains.
        this.trainChunk(1);
        const now = performance.now();
        if (!this.waitingForPage && !(now - this.imageFrameAt < IMAGE_FRAME_MS)) { this.imageFrameAt = now; this.sendFrame(false); }
        if (this.playing) this.schedule();
        return;
      }
      if (speed === 'max') {
        const n = Math.max(1, Math.min(10000, Math.floor(MAX_CHUNK_MS / Math.max(this.epochMs, 0.001))));
        this.trainChunk(n);
        if (!this.waitingForPage) this.sendFrame(false);
        else this.sendMetrics();
        if (this.playing) this.schedule();
      } else {
        // One chunk per page frame: train the next chunk while the page draws the last one.
        if (this.frameDue) return;  // trained ahead already; 'drawn' sends it
        this.trainChunk(Number(speed));
        if (this.waitingForPage) { this.frameDue = true; return; }
        this.sendFrame(false);
        if (this.playing) this.schedule();
      }
    } catch (e) {
      this.fail(errorText(e), 'training');
      this.setPlaying(false);
    }
  }

  step(seq) {
    if (seq !== undefined) this.seq = seq;
    this.setPlaying(false);
    try { this.trainChunk(1); } catch (e) { this.fail(errorText(e), 'training'); }
    this.sendFrame(true);
  }

  drawn() {
    this.waitingForPage = false;
    if (this.frameDue) { this.frameDue = false; this.sendFrame(false); }
    if (this.playing && !this.images) this.schedule();
  }

  takeHistory() {
    // Float64: the losses exactly as the core computed them (the link-replay test compares bits).
    const h = { train: Float64Array.from(this.history.train), test: Float64Array.from(this.history.test) };
    this.history = { train: [], test: [] };
    return h;
  }

  metrics() {
    const r = this.last;
    return { epoch: this.epoch, run: this.run, playing: this.playing, epochMs: this.epochMs,
      mapsPainted: this.mapView ? this.mapView.painted : 0,
      ...(this.mapView ? { mapShown: this.mapView.shown } : {}),
      train: r ? r.train : null, test: r ? r.test : null, progress: this.images ? imageProgress(this) : null };
  }

  sendMetrics() {
    const h = this.takeHistory();
    this.post({ type: 'metrics', ...this.metrics(), history: h }, [h.train.buffer, h.test.buffer]);
  }

  // Output map over the grid for net (all outputs per cell), or null for raw CSV data. The
  // core computes each cell's features (pmath) and forwards them (core/grid.h). With `neuron`
  // ({column, unit}, the neuron the page shows in its large map, as TF Playground does) the map
  // also carries that neuron's map at the same resolution (`neuron: {column, unit, values}`).
  outputMap(net, neuron = null) {
    if (this.rawCsv || this.images) return null;
    const g = net.evaluateGrid({ resolution: MAP_RES, features: this.features(), neurons: !!neuron && neuron.column > 0 });
    const map = { values: g.outputs, res: MAP_RES, outputs: net.outputs };
    const v = neuron && neuron.column > 0 && g.neurons[neuron.column - 1] && g.neurons[neuron.column - 1][neuron.unit];
    if (v) map.neuron = { column: neuron.column, unit: neuron.unit, values: v.slice() };
    return map;
  }

  // The page shows neuron n ({column ≥ 1, unit}, or null for the output) in its large map; an
  // input (column 0) too when the map is painted here (session-map.js).
  view(n) {
    const net = this.net;
    const ok = n && net && Number.isInteger(n.column) && Number.isInteger(n.unit) && n.unit >= 0 &&
      (n.column >= 1 ? n.column <= net.layers.length && n.unit < net.layers[n.column - 1].units
        : n.column === 0 && paintsMap(this) && n.unit < net.inputs && !this.rawCsv && !this.images);
    this.viewNeuron = ok ? { column: n.column, unit: n.unit } : null;
    if (!this.viewNeuron || this.viewNeuron.column === 0) {
      if (paintsMap(this)) {
        paintMap(this, this.mapView.last);  // the output, or an input's map
        this.post({ type: 'mapShown', neuron: this.mapView.shown });
      }
      return;
    }
    if (this.playing) this.mapCost.lastMap = -Infinity;  // the next frame brings it
    else this.sendFrame(true);
  }

  // The page's map canvas (an OffscreenCanvas, the first time) and its size: painted here.
  mapPaint(canvas, width, height, dpr) {
    mapPaint(this, canvas, width, height, dpr);
    if (this.net && !this.mapView.last) paintMap(this, this.outputMap(this.net, this.viewNeuron));
  }

  // The page's diagram paint layer (web/app/diagram-paint.js): canvas (an OffscreenCanvas, the
  // first time), the painter's geometry (when the drawing changed), its size in pixels and the
  // CSS filter its theme draws it through (undefined: as before).
  diagramPaint(canvas, geometry, width, height, filter) {
    if (!this.paint) this.paint = { canvas: null, painter: createDiagramPainter() };
    const p = this.paint;
    if (filter !== undefined) p.painter.setFilter(filter);
    if (canvas) { p.canvas = canvas; painters.add(this); }
    if (!p.canvas) return;
    if (Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width <= 8192 && height <= 8192 &&
      (p.canvas.width !== width || p.canvas.height !== height)) {
      p.canvas.width = width;  // clears it: painted again below
      p.canvas.height = height;
    }
    if (geometry) {
      p.painter.setGeometry(geometry);
      p.pending = null;
      // painted at once from the network as it is (no frame to the page: a frame of a big
      // network would delay the page's next requests, e.g. the parameter count)
      if (this.net) {
        const net = this.net, weights = [], biases = [];
        for (let b = 0; b < net.layers.length; b++) { weights.push(net.getWeights(b)); biases.push(net.getBiases(b)); }
        const m = this.neuronMaps();
        const features = this.rawCsv || this.images ? [] : this.features();
        p.painter.update({ weights, biases, thumbs: m && thumbsFor(m, features, net.layers) });
      }
    }
    this.paintDiagram();
  }

  // Every shown neuron's map at THUMB_RES ({neurons, inputs}), or null where there are none.
  neuronMaps() {
    if (this.rawCsv || this.images || !this.net) return null;
    const g = this.net.evaluateGrid({ resolution: THUMB_RES, neurons: true });
    return {
      neurons: g.neurons.map((layer) => layer.slice(0, shownUnits(layer.length))),
      inputs: g.inputs.slice(0, shownUnits(g.inputs.length)).map((m) => m.slice()),  // the core's features (pmath)
    };
  }

  // values: a frame's {weights, biases, thumbs}; force: paint now whatever the pace.
  paintDiagram(values, force = true) {
    const p = this.paint;
    if (!p || !p.canvas || !p.painter.geometry) return;
    if (values) {
      const thumbs = values.thumbs || (p.pending && p.pending.thumbs);
      p.pending = { ...values, thumbs };
      const now = performance.now(), gap = painters.size > 1 ? Math.min(MAX_PAINT_GAP_MS, PAINT_GAP_MS * painters.size) : 0;
      if (!force && now - (p.at || -Infinity) < gap) return;  // painted a moment ago: later
      p.at = now;
      values = p.pending;
      p.pending = null;
      if (!p.painter.update(values)) return;  // nothing drawn changed
    }
    // opaque (the painter fills every pixel): the compositor then draws nothing under it and
    // copies it without blending, a large share of a frame when ten playgrounds are on screen
    p.painter.paint(p.canvas.getContext('2d', { alpha: false }), p.canvas.width / p.painter.geometry.width);
  }

  sendFrame(force) {
    if (!this.net) return;
    const t0 = performance.now();
    const net = this.net;
    const transfer = [];
    const painting = !!(this.paint && this.paint.canvas);
    // every weight to the page: when it paints the diagram itself, else now and then
    const values = !painting || this.images || force || !this.playing || t0 - this.valuesAt >= VALUES_GAP_MS;
    const weights = [], biases = [];
    for (let b = 0; b < net.layers.length; b++) {
      weights.push(net.getWeights(b));
      biases.push(net.getBiases(b));
    }
    let map = null, neurons = null, inputs = null, quant = null, mapMade = false;
    const c = this.mapCost;
    const due = (last, cost) => force || !this.playing || t0 - last >= cost * Math.max(1, trainingNow.size) / MAP_SHARE;
    try {
      if (due(c.lastMap, c.map)) {
        const t = performance.now();
        map = this.outputMap(net, this.viewNeuron);
        mapMade = true;
        c.lastMap = performance.now();
        c.map = 0.7 * c.map + 0.3 * (c.lastMap - t);
      }
      if (!this.rawCsv && !this.images && due(c.lastThumbs, c.thumbs)) {
        const t = performance.now();
        ({ neurons, inputs } = this.neuronMaps());
        c.lastThumbs = performance.now();
        c.thumbs = 0.7 * c.thumbs + 0.3 * (c.lastThumbs - t);
      }
      // image sets compare precisions on request (session-images.js precisions), not every frame
      if (this.settings.precision !== 'fp32' && !this.images) {
        const q = net.quantized(this.settings.precision);
        try {
          const ev = q.evaluate(this.data);
          const qm = this.outputMap(q);
          quant = { precision: this.settings.precision, train: ev.train, test: ev.test, map: qm };
          if (qm) transfer.push(qm.values.buffer);
        } finally { q.delete(); }
      }
      if (mapMade && paintsMap(this)) paintMap(this, map);
      if (painting) {
        const features = this.rawCsv || this.images ? [] : this.features();
        this.paintDiagram({ weights, biases, thumbs: neurons && thumbsFor({ neurons, inputs }, features, net.layers) }, force || !this.playing);
      }
    } catch (e) {
      this.fail(errorText(e), 'drawing');
    }
    // image sets: the weight images, drawn here (session-images.js)
    const img = this.images ? imageFrame(this, weights[0], force) : null;
    if (img) transfer.push(...img.transfer);
    // a map painted here stays here (the page only needs its resolution for the caption)
    if (map && paintsMap(this)) map = { res: map.res, outputs: map.outputs, painted: this.mapView.painted };
    else if (map) transfer.push(map.values.buffer, ...(map.neuron ? [map.neuron.values.buffer] : []));
    if (values) {
      this.valuesAt = t0;
      for (const a of [...weights, ...biases]) transfer.push(a.buffer);
      if (neurons) for (const m of [...inputs, ...neurons.flat()]) transfer.push(m.buffer);
    }
    const h = this.takeHistory();
    transfer.push(h.train.buffer, h.test.buffer);
    this.waitingForPage = true;
    this.post({ type: 'frame', ...this.metrics(), history: h, map, quant,
      ...(values ? { weights, biases, neurons, inputs } : { weights: null, biases: null, neurons: null, inputs: null }),
      ...(img && img.extra), frameMs: performance.now() - t0, force: !!force, raw: this.rawCsv || this.images }, transfer);
  }

  // ---------- edits, data, models ----------

  edit(t, value) {
    if (!Number.isFinite(value)) return this.fail(`a ${t.kind} must be a finite number`, 'edit', true);
    try {
      if (t.kind === 'weight') this.net.setWeight(t.block, t.from, t.to, value);
      else this.net.setBias(t.layer, t.unit, value);
      const ev = this.net.evaluate(this.data);
      this.last = { ...(this.last || {}), train: ev.train, test: ev.test };
    } catch (e) { return this.fail(errorText(e), 'edit', true); }
    this.sendFrame(true);
  }

  currentPoints() {
    if (this.custom && !this.custom.raw) return this.custom;
    const p = coords.get(this.data);
    return { x1: Array.from(p.x1), x2: Array.from(p.x2), labels: Array.from(this.data.labels()), classes: this.data.classes };
  }

  addPoint(x1, x2, label) {
    if (this.rawCsv || this.images) return this.fail('points can be added only to 2-D data', 'add point', true);
    const base = this.currentPoints();
    const custom = { x1: [...base.x1, x1], x2: [...base.x2, x2], labels: [...base.labels, label], classes: base.classes };
    // The data changes, the network does not: the trained weights stay (the classes and the
    // features are the same, so the network still fits the data).
    let data;
    try {
      data = this.buildData(this.settings, custom);
      if (data.inputs !== this.net.inputs) throw new Error(`the data has ${data.inputs} inputs but the network ${this.net.inputs}`);
    } catch (e) {
      if (data) data.delete();
      return this.fail(errorText(e), 'add point', true);
    }
    if (this.data) this.data.delete();
    this.data = data;
    this.custom = custom;
    this.resetTraining(this.epoch);  // same network and epoch; the loss history starts again
    this.sendData();
    this.sendFrame(true);
  }

  // Swaps in new data (points or a raw CSV dataset); the network is rebuilt to fit it.
  replaceData(custom, raw, settingsPatch = {}, name) {
    const s = { ...this.settings, ...settingsPatch };
    let data = null, net = null;
    const wasRaw = this.rawCsv;
    try {
      data = raw || this.buildData(s, custom);
      this.rawCsv = !!raw;
      net = this.buildNet(s, data);
    } catch (e) {
      this.rawCsv = wasRaw;
      if (data && data !== raw) data.delete();
      if (raw) raw.delete();
      if (net) net.delete();
      return this.fail(errorText(e), name ? `file ${name}` : 'data', true);
    }
    if (this.data) this.data.delete();
    if (this.net) this.net.delete();
    this.data = data; this.net = net;
    this.images = data.imageWidth > 0;  // a CSV's pixel columns shown as images
    this.imageTrain = null;
    this.custom = raw ? { raw } : custom;
    this.settings = s;
    this.resetTraining();
    this.post({ type: 'settings', settings: s });
    this.sendData(); this.sendNet(); this.sendFrame(true);
  }

  // image: {width, height} to show the CSV's pixel columns as images (issue 15); the core checks
  // width × height against the columns, and a refusal keeps everything as it was.
  loadCSV(text, name, image = null) {
    let d;
    try {
      const o = this.nn.linkRun(this.settings).dataset;
      d = this.nn.datasetFromCSV(text, { trainRatio: o.trainRatio, seed: o.seed,
        ...(image ? { imageWidth: image.width, imageHeight: image.height } : {}) });
      if (image && d.classes === 0) {
        d.delete();
        d = null;
        throw new Error('the image views need class labels (whole numbers 0, 1, …), but the label column has other numbers (a regression problem); allowed: a CSV whose last column is the class');
      }
    } catch (e) { return this.fail(errorText(e), `file ${name}`, true); }
    const classes = d.classes;
    const patch = { problem: classes === 0 ? 'regression' : 'classification' };
    // Keep the loss if the data can take it, else the core's default loss for it.
    try { this.nn.outputLayer(classes, this.settings.loss); } catch { patch.loss = this.nn.defaultLoss(classes); }
    if (image) { this.replaceData(null, d, patch, name); return; }
    if (d.inputs === 2) {
      const x = d.x(), labels = Array.from(d.labels());
      const x1 = [], x2 = [];
      for (let i = 0; i < d.size; i++) { x1.push(x[2 * i]); x2.push(x[2 * i + 1]); }
      d.delete();
      this.replaceData({ x1, x2, labels, classes }, null, patch, name);
    } else {
      this.replaceData(null, d, patch, name);
    }
    if (!this.rawCsv) return;
    // one id: a new CSV replaces the remark, and showing the columns as images takes it away
    this.post({ type: 'note', id: 'csv-columns', message: `${name}: ${this.data.inputs} input columns — the map needs exactly 2, so it is hidden` });
  }

  exportModel(name, as = 'file') {
    try {
      // The core's format plus two keys of ours that fromJSON ignores: a name and the page's
      // settings (so a re-import restores the dataset and controls too).
      const model = JSON.parse(this.net.toJSON({ epochs: this.epoch }));
      const json = jsonText({ ...model, name, settings: toHash(this.settings) }, 1);
      this.post({ type: 'model', json, name, as });
    } catch (e) { this.fail(errorText(e), 'export'); }
  }

  // A model file replaces the network. Everything is checked and built before anything is
  // swapped, so a refused file leaves this session (and so the page) exactly as it was. Data the
  // user brought (a CSV, clicked points) is kept: the model must fit it, and the model's own data
  // settings are not applied (a note says so).
  importModel(text, fileName) {
    const where = `file ${fileName}`;
    let net;
    try { net = this.nn.Network.fromJSON(text); } catch (e) { return this.fail(errorText(e), where, true); }
    let meta = {};
    try { meta = JSON.parse(text); } catch { /* fromJSON accepted it; no extras */ }
    const own = (o, k) => (o && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
    const extra = (typeof own(meta, 'extra') === 'object' && own(meta, 'extra')) || meta || {};
    const name = typeof own(extra, 'name') === 'string' ? own(extra, 'name') : typeof own(meta, 'name') === 'string' ? own(meta, 'name') : fileName;
    const epochs = own(own(meta, 'training'), 'epochs');
    const epoch = Number.isSafeInteger(epochs) && epochs >= 0 ? epochs : 0;
    const notes = [];
    let s = this.settings;
    if (typeof own(extra, 'settings') === 'string') {
      const r = parseHash(own(extra, 'settings'), s);
      s = r.state;
      notes.push(...r.errors);
    }
    const info = { features: Array.isArray(net.features) ? net.features.map(String) : [], layers: net.layers, loss: net.loss };
    // The core checks the model's shape, activations and loss as the page's settings.
    const r = update(s, patchFromNetwork(s, info));
    if (r.error) { net.delete(); return this.fail(`the page cannot show this model: ${r.error}`, where, true); }
    const next = r.state;
    if (this.custom) {
      // the user's data stays: keep the data settings it was loaded with (features too, for a CSV)
      const kept = [];
      for (const k of Object.keys(SETTINGS)) {
        if (SETTINGS[k].group !== 'data' || String(next[k]) === String(this.settings[k])) continue;
        if (!this.rawCsv && isFeatureKey(k)) continue;  // points: the model's features apply
        next[k] = this.settings[k];
        kept.push(k);
      }
      if (kept.length) notes.push(`your ${this.rawCsv ? 'CSV' : 'points'} are kept, so the model's ${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} not applied`);
    }
    const problem = (() => {
      const cc = update(next, {});  // the kept data settings with the model's network
      if (cc.error) return cc.error;
      if (!this.rawCsv && net.inputs !== featureNames(next).length) {
        return `the model has ${net.inputs} inputs but names ${featureNames(next).length} known features`;
      }
      return null;
    })();
    if (problem) { net.delete(); return this.fail(problem, where, true); }
    // Data for the model's features (or its settings); then check the outputs fit.
    let data = this.data, newData = null;
    try {
      if (!this.rawCsv && changeLevel(this.settings, next) === 'data') {
        newData = this.buildData(next, this.custom || null);
        data = newData;
      }
      const want = this.nn.outputLayer(data.classes, next.loss);
      const what = this.rawCsv ? 'your CSV has' : this.custom ? 'your points have' : 'the data has';
      if (net.inputs !== data.inputs) throw new Error(`the model has ${net.inputs} inputs but ${what} ${data.inputs}`);
      if (want.units !== net.outputs) throw new Error(`the model has ${net.outputs} outputs but ${what} ${data.classes || 'no'} classes, which need ${want.units}`);
      if (!this.rawCsv) net.features = featureNames(next);
    } catch (e) {
      if (newData) newData.delete();
      net.delete();
      return this.fail(errorText(e), where, true);
    }
    // Nothing below can fail: swap and tell.
    if (newData) { if (this.data) this.data.delete(); this.data = newData; }
    this.net.delete();
    this.net = net;
    this.settings = next;
    this.resetTraining(epoch);
    this.post({ type: 'settings', settings: next });
    this.post({ type: 'imported', name, notes, epoch });
    if (newData) this.sendData();
    this.sendNet();
    this.sendFrame(true);
  }

  // Frees everything the session holds (the host calls it on 'close').
  dispose() {
    this.playing = false;
    if (this.custom && this.custom.raw && this.custom.raw !== this.data) this.custom.raw.delete();
    if (this.net) this.net.delete();
    if (this.data) this.data.delete();
    this.net = this.data = this.custom = null;
    this.paint = null;
    painters.delete(this);
    trainingNow.delete(this);
    this.mapView = null;
    this.chan.port1.onmessage = null;
    this.chan.port1.close();
    this.chan.port2.close();
  }
}
