// <nn-playground dataset="spiral" layers="2,8,8,1" activation="tanh" controls="play,reset,lr" autoplay>:
// a compact trainer: decision map with the data, the network diagram, the loss curve, and only
// the controls the author lists. Training runs in the shared worker as one session of the page's
// training Session (web/app/worker.js), with the page's settings table (web/app/state.js).
// Off screen it neither trains nor draws. Controls write back to the attributes, so the
// attributes are the one source of truth and attributeChangedCallback does every update.
import { createHeatmap } from '../app/heatmap.js';
import { createLossChart } from '../app/chart.js';
import { createDiagram } from '../app/diagram.js';
import { workerPainting, workerMap, wasHanded } from '../app/worker-paint.js';
import { fmtInt, fmtNum, fmtPct } from '../app/format.js';
import { parseBool, parseEnum, parseLayers, parseList, parseNumber } from './attrs.js';
import { NNElement, SVG_NS, cancelDraw, h, hold, queueDraw, thumbsDue, tidyDiagramLabels, unhold } from './base.js';
import { checkSettings, drawStats, openSession } from './manager.js';
import { quote } from '../app/state.js';

// The settings rules are the core's, in the shared worker (request 'settings'): attributes are
// parsed here, their values checked there; the article's page loads no wasm.
let activations = ['tanh'];  // the core's list, after the first answer
import { LEARNING_RATES, featureLabels, inputLabels, withValue } from '../app/labels.js';
import { thumbsFor } from '../app/thumbs.js';

export const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'plane', 'multigauss'];
const REGRESSION = ['plane', 'multigauss'];
export const CONTROLS = ['play', 'step', 'reset', 'lr', 'activation', 'dataset', 'noise'];
const MAP_SIZE = 168;  // CSS pixels
const LINK_GAP_MS = 100;
const TEXT_GAP_MS = 10;
const training = new Set();  // widgets training on screen now
// Widgets whose diagram filter follows the system's light or dark theme: one listener for all.
const schemeWatchers = new Set();
let schemeQuery = null;
function watchScheme(w) {
  schemeWatchers.add(w);
  if (schemeQuery || typeof matchMedia !== 'function') return;
  schemeQuery = matchMedia('(prefers-color-scheme: dark)');
  schemeQuery.addEventListener('change', () => { for (const x of schemeWatchers) x.refilter(); });
}

export class NNPlayground extends NNElement {
  static get observedAttributes() {
    return ['dataset', 'layers', 'activation', 'controls', 'autoplay', 'lr', 'noise', 'seed', 'theme'];
  }

  constructor() {
    super();
    this.session = null;
    this.settings = null;
    this.wantPlay = null;      // the reader's (or autoplay's) intent; null until first render
    this.sentPlay = false;     // what the last play/pause sent to the worker asked for
    // Play/Pause follows the worker as the page's button does (web/app/run.js): every play,
    // pause and step carries a number (seq) that the session echoes in its 'state' event. An
    // answer to an older command (a double click sends two) is never acted on; an answer to
    // the latest one that says "not playing" while play was sent means the worker stopped on
    // its own (divergence, a training error), and the button then says so.
    this.seq = 0;
    this.points = null;
    this.netInfo = null;       // {inputs, layers, features}
    this.lastFrame = null;
    this.dirty = false;        // a frame waits to be drawn
    this.lastThumbs = 0;
    this.built = false;
    this.epoch = 0;
  }

  build() {
    this.built = true;
    this.bar = h('div', { class: 'bar', part: 'controls' });
    this.makeMap();
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('part', 'diagram');
    this.svg.setAttribute('role', 'img');
    // links, biases and neuron maps painted on a canvas under the SVG (issue 14, diagram-paint.js)
    this.diagramCanvas = h('canvas', { class: 'diagram-paint' });
    this.diagram = createDiagram(this.svg, {}, { canvas: this.diagramCanvas, remote: workerPainting(() => this.session),
      filter: () => this.diagramFilter() });
    this.chartCanvas = h('canvas', { class: 'chart', part: 'chart', role: 'img', 'aria-label': 'training and test loss over epochs' });
    this.chart = createLossChart(this.chartCanvas, { width: MAP_SIZE, height: 44, axes: false, filter: () => this.diagramFilter() });
    this.stats = h('div', { class: 'stats num', part: 'stats', 'aria-live': 'off' });
    this.body.replaceChildren(
      this.bar,
      h('div', { class: 'pg-main' },
        h('div', { class: 'pg-left' }, this.mapCanvas, this.chartCanvas),
        this.diagramBox = h('div', { class: 'diagram-box pg-diagram live' }, this.diagramCanvas, this.svg)),
      this.stats);
    this.heatmap.draw(null, null, {});
    this.chart.draw();
    this.showStats();
  }

  // The theme's diagram filter (base.js: --nn-diagram-filter, else the theme's own), which the
  // diagram's painter and the loss chart apply to their canvases. Read once per theme (the
  // chart asks on every redraw).
  diagramFilter() {
    if (!this.diagramBox || !this.isConnected) return 'none';
    if (this.themeFilter == null) {
      const st = getComputedStyle(this.diagramBox);
      this.themeFilter = st.getPropertyValue('--nn-diagram-filter').trim() || st.getPropertyValue('--_diagram-filter').trim() || 'none';
    }
    return this.themeFilter;
  }

  // The theme changed (attribute or system): the diagram and the chart drawn again through it.
  refilter() {
    this.themeFilter = null;
    if (this.diagram) this.diagram.refilter();
    if (this.chart) this.chart.draw();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    super.attributeChangedCallback(name, oldValue, newValue);
    if (name === 'theme' && oldValue !== newValue) this.refilter();
  }

  // The map with the data: painted by the worker where the browser lets it (worker-paint.js).
  makeMap() {
    const old = this.mapCanvas;
    this.mapCanvas = h('canvas', { class: 'map', part: 'map', role: 'img', 'aria-label': 'decision map with the data points' });
    this.heatmap = workerMap(this.mapCanvas, MAP_SIZE, () => this.session) || createHeatmap(this.mapCanvas, MAP_SIZE);
    if (old) old.replaceWith(this.mapCanvas);
  }

  // Closes the session in the shared worker (see base.js: every way of leaving a document).
  release() {
    unhold(this);
    schemeWatchers.delete(this);
    this.themeFilter = null;  // read again where it goes next
    if (this.session) { this.session.close(); this.session = null; }
    this.settings = null;
    this.sentPlay = false;
    this.workerPlaying = false;
    this.dataset.playing = 'false';
    this.dataset.workerPlaying = 'false';
    training.delete(this);
    cancelDraw(this);
    // the paint layer's control went to the closed session: the next session gets a fresh canvas
    if (this.diagramCanvas && wasHanded(this.diagramCanvas)) {
      this.diagramCanvas = h('canvas', { class: 'diagram-paint' });
      this.diagram.setCanvas(this.diagramCanvas);
    }
    if (this.mapCanvas && wasHanded(this.mapCanvas)) this.makeMap();
  }

  parse() {
    const get = (n) => this.getAttribute(n);
    const r = NNElement.parseAll({
      dataset: () => parseEnum('dataset', get('dataset'), DATASETS, 'circle'),
      layers: () => {
        const l = parseLayers('layers', get('layers') ?? '2,4,2,1',
          { min: 2, example: '2,8,8,1' });  // widths and depth: the core's limits, checked in render()
        if (l.error) return l;
        const w = l.value;
        if (w[0] !== 2) return { error: `layers: ${quote(get('layers'))} starts with ${w[0]} inputs; allowed: 2 inputs (x₁, x₂) first, e.g. "2,8,8,1"` };
        if (w[w.length - 1] !== 1) return { error: `layers: ${quote(get('layers'))} ends with ${w[w.length - 1]} outputs; allowed: 1 output last, e.g. "2,8,8,1"` };
        return l;
      },
      activation: () => ({ value: get('activation') ?? 'tanh' }),  // the core checks it
      controls: () => parseList('controls', get('controls'), CONTROLS, ['play', 'reset']),
      autoplay: () => parseBool('autoplay', get('autoplay'), false),
      lr: () => parseNumber('lr', get('lr'), { min: 0, max: 10, exclusiveMin: true, def: 0.03 }),
      noise: () => parseNumber('noise', get('noise'), { min: 0, max: 50, integer: true, def: 0 }),
      seed: () => ({ value: get('seed') ?? '1' }),  // the core's seed rule checks it
    });
    return r;
  }

  render() {
    const { values: v, errors } = this.parse();
    if (!this.built) this.build();
    watchScheme(this);
    if (errors.length) {
      this.showMessage(errors);
      if (!this.session) this.stats.textContent = 'Not started: fix the attribute above.';
      return;
    }
    const reg = REGRESSION.includes(v.dataset);
    const patch = {
      problem: reg ? 'regression' : 'classification',
      ...(reg ? { regDataset: v.dataset } : { dataset: v.dataset }),
      networkShape: v.layers.slice(1, -1), activation: v.activation,
      learningRate: v.lr, noise: v.noise, seed: v.seed, speed: '1',
    };
    const seq = this.renderSeq = (this.renderSeq || 0) + 1;
    checkSettings(patch).then((r) => { if (seq === this.renderSeq && this.isConnected) this.apply(v, r); },
      (e) => this.showMessage([`nn-playground: ${e.message}`]));
  }

  // The core's answer for the attributes: start or reconfigure the session.
  apply(v, answer) {
    activations = answer.activations;
    const r = answer.error !== undefined ? { error: answer.error } : { state: answer.settings };
    if (r.error) {
      this.showMessage([r.error]);
      if (!this.session) this.stats.textContent = 'Not started: fix the attribute above.';
      return;
    }
    this.clearMessage();
    this.values = v;
    this.buildControls(v);
    const first = this.wantPlay === null;
    if (first || this.autoplayWas !== v.autoplay) this.wantPlay = v.autoplay;
    this.autoplayWas = v.autoplay;
    if (!this.session) {
      this.settings = r.state;
      this.session = openSession(r.state, (m) => this.onMessage(m));
      hold(this);
    } else if (JSON.stringify({ ...r.state, speed: this.settings.speed }) !== JSON.stringify(this.settings)) {
      this.settings = { ...r.state, speed: this.settings.speed };
      this.session.send('configure', { settings: r.state });
    }
    this.sync();
  }

  // Controls: only those listed; each writes its attribute.
  buildControls(v) {
    const key = v.controls.join(',') + '|' + v.lr + '|' + v.activation + '|' + v.dataset + '|' + v.noise;
    if (this.controlsKey === key) { this.showPlay(); return; }
    this.controlsKey = key;
    const kids = [];
    for (const c of v.controls) {
      if (c === 'play') {
        this.playBtn = h('button', { type: 'button', class: 'play', part: 'play', onclick: () => { this.wantPlay = !this.wantPlay; this.sync(); } });
        kids.push(this.playBtn);
      } else if (c === 'step') {
        kids.push(h('button', { type: 'button', part: 'step', 'aria-label': 'train one epoch', title: 'one epoch', text: '⇥',
          onclick: () => { this.wantPlay = false; this.sync(); this.session && this.session.send('step', { seq: ++this.seq }); } }));
      } else if (c === 'reset') {
        kids.push(h('button', { type: 'button', part: 'reset', 'aria-label': 'reset the network', title: 'reset', text: '⟲',
          onclick: () => { this.chart.reset(); this.session && this.session.send('reset'); } }));
      } else if (c === 'lr') {
        const sel = h('select', { 'aria-label': 'learning rate', onchange: (e) => this.setAttribute('lr', e.target.value) });
        const list = withValue(LEARNING_RATES, v.lr);
        for (const x of list) sel.append(h('option', { value: String(x), text: String(x), selected: x === v.lr }));
        kids.push(h('label', {}, 'LR ', sel));
      } else if (c === 'activation') {
        const sel = h('select', { 'aria-label': 'activation', onchange: (e) => this.setAttribute('activation', e.target.value) });
        for (const a of activations) sel.append(h('option', { value: a, text: a, selected: a === v.activation }));
        kids.push(h('label', {}, 'Activation ', sel));
      } else if (c === 'dataset') {
        const sel = h('select', { 'aria-label': 'dataset', onchange: (e) => { this.chart.reset(); this.setAttribute('dataset', e.target.value); } });
        for (const d of DATASETS) sel.append(h('option', { value: d, text: d, selected: d === v.dataset }));
        kids.push(h('label', {}, 'Data ', sel));
      } else if (c === 'noise') {
        const out = h('output', { text: String(v.noise) });
        const rng = h('input', { type: 'range', min: '0', max: '50', step: '5', value: String(v.noise), 'aria-label': 'noise',
          oninput: (e) => { out.textContent = e.target.value; }, onchange: (e) => this.setAttribute('noise', e.target.value) });
        kids.push(h('label', {}, 'Noise ', rng, ' ', out));
      }
    }
    this.bar.replaceChildren(...kids);
    this.bar.hidden = kids.length === 0;
    if (!v.controls.includes('play')) this.playBtn = null;
    this.showPlay();
  }

  showPlay() {
    if (!this.playBtn) return;
    this.playBtn.textContent = this.wantPlay ? '❚❚' : '▶';
    this.playBtn.setAttribute('aria-label', this.wantPlay ? 'pause' : 'play');
    this.playBtn.setAttribute('aria-pressed', String(!!this.wantPlay));
  }

  // Train only when wanted, on screen and the page is visible.
  sync() {
    this.showPlay();
    const should = !!(this.wantPlay && this.visible && this.session && this.isConnected);
    if (should === this.sentPlay || !this.session) return;
    this.sentPlay = should;
    if (should) training.add(this); else training.delete(this);
    this.session.send(should ? 'play' : 'pause', { seq: ++this.seq });
    this.dataset.playing = String(should);
  }

  // The session's 'state' event {playing, seq}: the worker's real state after a command.
  onWorkerState(m) {
    if (typeof m.seq === 'number' && m.seq < this.seq) return;  // an older command's answer
    this.workerPlaying = m.playing;
    this.dataset.workerPlaying = String(m.playing);
    if (this.sentPlay && !m.playing) {
      // the worker stopped by itself: the reader's Play no longer holds
      this.wantPlay = false;
      this.sentPlay = false;
      training.delete(this);
      this.dataset.playing = 'false';
    }
    this.showPlay();
  }

  onVisible(v) {
    super.onVisible(v);
    this.dataset.visible = String(v);
    if (this.session) this.sync();
    if (v && this.dirty) this.scheduleDraw();
  }

  get playing() { return this.sentPlay; }

  onMessage(m) {
    switch (m.type) {
      case 'state':
        this.onWorkerState(m);
        break;
      case 'data':
        this.points = m.points;
        this.dirty = true;
        this.scheduleDraw();
        break;
      case 'net': {
        const features = m.raw ? [] : m.inputNames;  // the core's feature names of the data
        this.netInfo = { inputs: m.inputs, layers: m.layers, features };
        this.diagram.render({ inputs: inputLabels(m.inputs, featureLabels(features)),
          widths: m.layers.map((l) => l.units), activations: m.layers.map((l) => l.activation) });
        tidyDiagramLabels(this.svg);
        this.svg.setAttribute('aria-label', `network ${[m.inputs, ...m.layers.map((l) => l.units)].join('-')}`);
        this.chart.reset();
        this.lastThumbs = 0;
        this.dispatchEvent(new CustomEvent('nn-net', { detail: this.netInfo }));
        break;
      }
      case 'frame': {
        if (m.run !== undefined && m.run !== this.run) { this.chart.reset(); this.run = m.run; }
        if (m.history && m.history.train.length) this.chart.push(m.history.train, m.history.test);
        const prev = this.lastFrame;
        if (prev) {
          if (!m.map) m.map = prev.map;
          if (!m.neurons) { m.neurons = prev.neurons; m.inputs = prev.inputs; }
          if (!m.weights) { m.weights = prev.weights; m.biases = prev.biases; }  // sent now and then (session.js)
        }
        this.lastFrame = m;
        this.epoch = m.epoch;
        this.dirty = true;
        // maps the worker painted for this widget (its count restarts with a new session)
        drawStats.maps += (m.mapsPainted || 0) - (m.mapsPainted >= (this.mapsPainted || 0) ? this.mapsPainted || 0 : 0);
        this.mapsPainted = m.mapsPainted || 0;
        if (m.force) this.lastThumbs = 0;
        if (this.visible) this.scheduleDraw();
        else this.session.send('drawn');  // drawn later, when scrolled into view
        break;
      }
      case 'metrics':
        if (m.history && m.history.train.length) this.chart.push(m.history.train, m.history.test);
        break;
      case 'diverged':
        this.wantPlay = false;
        this.sync();
        this.showMessage([`training stopped at epoch ${fmtInt(m.epoch)}: ${m.message}. Lower the learning rate or reset.`], 'note');
        break;
      case 'stalled':
        this.showMessage([`epoch ${fmtInt(m.epoch)}: ${m.message.replace(/^stalled at epoch \d+: /, 'training has stalled: ')}.`], 'note');
        break;
      case 'error':
        this.showMessage([`${m.context ? m.context + ': ' : ''}${m.message}`]);
        break;
      case 'fatal':
        this.wantPlay = false;  // the worker is gone: nothing trains
        this.sentPlay = false;
        training.delete(this);
        this.dataset.playing = 'false';
        this.showPlay();
        this.showMessage([`nn-playground: ${m.message}`]);
        break;
      default:
        break;
    }
  }

  scheduleDraw() { queueDraw(this); }

  draw() {
    const f = this.lastFrame;
    if (!this.visible) return;  // onVisible draws it later
    this.dirty = false;
    const now = performance.now();
    this.heatmap.draw(f ? f.map : null, this.points, { mode: 'signed', showTest: false });  // worker: hands over
    if (f && this.netInfo) {
      // The worker paints the links, biases and maps on the diagram's canvas (worker-paint.js);
      // here the values are only kept (hover, export). Where it cannot, the page paints them
      // (diagram-paint.js) at a pace that shrinks as more widgets train on screen.
      const gap = Math.max(LINK_GAP_MS, LINK_GAP_MS * 0.4 * training.size);
      if (this.lastThumbs === 0 || !this.sentPlay || now - (this.lastLinks || 0) >= gap) {
        this.lastLinks = now;
        const thumbs = this.lastThumbs === 0 ? ((this.lastThumbs = now), true) : thumbsDue(this);
        this.diagram.update({ weights: f.weights, biases: f.biases,
          thumbs: thumbs && thumbsFor(f, this.netInfo.features, this.netInfo.layers) });
      }
      this.dispatchEvent(new CustomEvent('nn-frame', { detail: f }));
    }
    this.drawText(now);
    if (f && this.session) { this.adaptSpeed(); this.session.send('drawn'); }
  }

  // The loss chart and the numbers under it: every frame while few widgets train; with more,
  // each at most every TEXT_GAP_MS per training widget (ten: 10 a second), so that ten charts'
  // strokes and text layout do not take the frame (bench/frames.mjs --profile=ten). One that
  // waits is drawn when its time comes even if no frame follows (training paused meanwhile).
  drawText(now) {
    const gap = this.sentPlay && training.size > 2 ? TEXT_GAP_MS * training.size : 0;
    const wait = gap - (now - (this.lastText || -Infinity));
    if (wait > 0) {
      if (!this.textTimer) this.textTimer = setTimeout(() => { this.textTimer = 0; if (this.isConnected) this.drawText(performance.now()); }, wait);
      return;
    }
    this.lastText = now;
    this.chart.draw();
    this.showStats();
  }

  // The worker trains one chunk per drawn frame. When the page is busy (many widgets share the
  // frame budget, or a slow machine) frames come rarely, so a chunk becomes 10 epochs instead
  // of 1 and training keeps a watchable pace (TF Playground's ~60 epochs/s at 60 Hz).
  adaptSpeed() {
    const now = performance.now();
    if (!this.sentPlay) { this.lastDrawAt = 0; return; }
    if (this.lastDrawAt) this.drawGap = 0.8 * (this.drawGap || 16) + 0.2 * (now - this.lastDrawAt);
    this.lastDrawAt = now;
    const cur = this.settings.speed;
    const speed = this.drawGap > 120 ? '10' : this.drawGap < 50 ? '1' : cur;
    if (speed !== cur) {
      this.settings = { ...this.settings, speed };
      this.session.send('configure', { settings: this.settings });
    }
  }

  showStats() {
    const f = this.lastFrame;
    const acc = f && f.test && f.test.accuracy != null ? ` · test accuracy ${fmtPct(f.test.accuracy)}` : '';
    this.stats.textContent = f
      ? `Epoch ${fmtInt(f.epoch)} · test loss ${fmtNum(f.test && f.test.loss)} · training loss ${fmtNum(f.train && f.train.loss)}${acc}`
      : 'Epoch 0 · loading…';
    this.dataset.epoch = String(f ? f.epoch : 0);
  }
}
