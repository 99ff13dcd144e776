// <nn-diagram layers="2,8,8,1" activation="tanh">: the network drawing alone, exportable as SVG.
// Real weights come from a trained model: model="url-of-a-model.json" (docs/model-format.md;
// needs http, since pages opened from file:// may not fetch files) or for="id-of-an-nn-playground"
// (follows that widget's training live). Drawing is the page's diagram (web/app/diagram.js).
import { createDiagram, svgToString } from '../app/diagram.js';
import { download } from '../app/export.js';
import { featureLabels, inputLabels } from '../app/labels.js';
import { quote } from '../app/state.js';
import { thumbsFor } from '../app/thumbs.js';
import { parseActivations, parseBool, parseEnum, parseLayers, MAX_COUNT_LAYERS } from './attrs.js';
import { NNElement, SVG_NS, h, thumbsDue, tidyDiagramLabels } from './base.js';
import { checkSettings, countParameters, readModel } from './manager.js';

// The core's activation names (asked of the shared worker once; softmax for output layers).
let allActs = null;
const coreActivations = () => (allActs ??= checkSettings({}).then((r) => [...r.activations, 'softmax']));

export class NNDiagram extends NNElement {
  static get observedAttributes() { return ['layers', 'activation', 'bias', 'model', 'for', 'export', 'theme']; }

  constructor() {
    super();
    this.seq = 0;
    this.source = null;       // the nn-playground followed (for=)
    this.onSourceNet = (e) => this.fromPlayground(e.detail);
    this.onSourceFrame = (e) => this.frame(e.detail);
    this.lastThumbs = 0;
    this.pending = null;      // a frame that arrived while off screen
  }

  disconnectedCallback() { super.disconnectedCallback(); this.follow(null); }

  follow(el) {
    if (this.source === el) return;
    if (this.source) {
      this.source.removeEventListener('nn-net', this.onSourceNet);
      this.source.removeEventListener('nn-frame', this.onSourceFrame);
    }
    this.source = el;
    if (el) {
      el.addEventListener('nn-net', this.onSourceNet);
      el.addEventListener('nn-frame', this.onSourceFrame);
    }
  }

  async render() {
    const seq = ++this.seq;
    const forId = this.getAttribute('for');
    const model = this.getAttribute('model');
    const common = NNElement.parseAll({
      bias: () => parseBool('bias', this.getAttribute('bias'), true),
      exportAs: () => parseEnum('export', this.getAttribute('export'), ['svg', 'none'], 'svg'),
    });
    const errors = [...common.errors];
    if (forId !== null && model !== null) errors.push('for and model: use one of them (for follows an nn-playground, model loads a file)');
    if (forId !== null) {
      this.follow(null);
      const el = forId.trim() ? document.getElementById(forId.trim()) : null;
      if (!el && document.readyState === 'loading') {
        // the playground may come later in the page: look again once it is parsed
        this.placeholder('Waiting for the playground…');
        document.addEventListener('DOMContentLoaded', () => this.queueRender(), { once: true });
        return;
      }
      if (!el) errors.push(`for: ${quote(forId)} is not the id of an element on this page; allowed: the id of an <nn-playground>`);
      else if (el.localName !== 'nn-playground') errors.push(`for: ${quote(forId)} is a <${el.localName}>; allowed: the id of an <nn-playground>`);
      if (errors.length) return this.fail(errors);
      this.clearMessage();
      this.opts = common.values;
      this.follow(el);
      if (el.netInfo) this.fromPlayground(el.netInfo);
      else this.placeholder('Waiting for the playground…');
      if (el.lastFrame) this.frame(el.lastFrame);
      return;
    }
    this.follow(null);
    if (model !== null) {
      if (errors.length) return this.fail(errors);
      this.placeholder('Loading the model…');
      let info;
      try {
        const res = await fetch(new URL(model, document.baseURI));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        info = await readModel(await res.text());
      } catch (e) {
        if (seq !== this.seq) return;
        const fileHint = location.protocol === 'file:' ? ' (pages opened from file:// cannot load files; serve the page over http, or use for=)' : '';
        return this.fail([`model: ${quote(model)} could not be loaded: ${e.message}${fileHint}`]);
      }
      if (seq !== this.seq) return;
      this.clearMessage();
      this.opts = common.values;
      const widths = [info.inputs, ...info.layers.map((l) => l.units)];
      await this.draw(widths, info.layers.map((l) => l.activation), info.features, seq);
      this.diagram.update({ weights: info.weights, biases: info.biases });
      return;
    }
    const layers = parseLayers('layers', this.getAttribute('layers'), { example: '2,8,8,1', maxLayers: MAX_COUNT_LAYERS });
    if (layers.error) errors.push(layers.error);
    const acts = layers.value
      ? parseActivations('activation', this.getAttribute('activation'), await coreActivations(), layers.value.length - 1, 'tanh')
      : { value: [] };
    if (acts.error) errors.push(acts.error);
    if (errors.length) return this.fail(errors);
    this.clearMessage();
    this.opts = common.values;
    await this.draw(layers.value, acts.value, [], seq);
  }

  fail(errors) {
    this.showMessage(errors);
    if (!this.svg) this.placeholder('nn-diagram: nothing to draw until the attribute above is fixed.');
  }

  placeholder(text) {
    if (this.svg) return;
    this.body.replaceChildren(h('div', { class: 'muted', text }));
  }

  async draw(widths, activations, features, seq) {
    let blocks;
    try { blocks = (await countParameters(widths, this.opts.bias)).blocks; } catch (e) {
      if (seq === this.seq) this.showMessage([`${e.fatal ? 'nn-diagram' : 'layers'}: ${e.message}`]);
      return;
    }
    if (seq !== undefined && seq !== this.seq) return;
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('part', 'diagram');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `network ${widths.join('-')}`);
    this.svg = svg;
    this.diagram = createDiagram(svg);
    const labels = features.length ? featureLabels(features) : [];
    this.diagram.render({ inputs: inputLabels(widths[0], labels), widths: widths.slice(1), activations, blocks });
    tidyDiagramLabels(svg);
    const kids = [h('div', { class: 'diagram-box' }, svg)];
    if (this.opts.exportAs === 'svg') {
      kids.push(h('div', { class: 'actions' },
        h('button', { type: 'button', part: 'export', text: 'Download SVG', onclick: () => this.exportSVG() })));
    }
    this.body.replaceChildren(...kids);
  }

  // The drawing as a standalone SVG document (the page's export).
  toSVG() { return this.svg ? svgToString(this.svg) : ''; }
  exportSVG() { if (this.svg) download('nnplay-network.svg', new Blob([this.toSVG()], { type: 'image/svg+xml' })); }

  fromPlayground(info) {
    this.netInfo = info;
    const widths = [info.inputs, ...info.layers.map((l) => l.units)];
    const seq = ++this.seq;
    this.svg = null;
    this.draw(widths, info.layers.map((l) => l.activation), info.features, seq).then(() => {
      const src = this.source;
      if (src && src.lastFrame && seq === this.seq) this.frame(src.lastFrame, true);
    });
  }

  frame(f, force = false) {
    if (!this.diagram || !this.netInfo) return;
    if (!this.visible && !force) { this.pending = f; return; }
    const thumbs = force || thumbsDue(this);
    this.diagram.update({ weights: f.weights, biases: f.biases,
      thumbs: thumbs && thumbsFor(f, this.netInfo.features, this.netInfo.layers) });
  }

  onVisible(v) {
    super.onVisible(v);
    if (v && this.pending) { const f = this.pending; this.pending = null; this.frame(f, true); }
  }
}
