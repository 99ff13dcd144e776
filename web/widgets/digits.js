// <nn-digits src="gen/digits.nnim.gz" autoplay>: the 784-256-128-64-10 network learning
// handwritten digits in an article (issue 15). A drawing pad with the ten class probabilities,
// the first layer's weights as images, Train/Pause and the test accuracy. Nothing is fetched or
// trained until the element scrolls into view: then the shared worker fetches the digits file
// (`src`, default gen/digits.nnim.gz beside the page) and, with `autoplay`, trains. Off screen it
// pauses. Settings are the page's image defaults (the core's, checked in the shared worker).
import { fmtInt, fmtPct } from '../app/format.js';
import { createDigitPad } from '../app/digit-pad.js';
import { drawWeightGrid } from '../app/image-draw.js';
import { NNElement, h } from './base.js';
import { checkSettings, openSession, setImageSource } from './manager.js';

const GRID_MS = 500;
// The element's own rules, as a constructable sheet: a CSP with style-src 'self' refuses <style>.
const CSS_TEXT = `      .dg { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
      .pad { width: 168px; height: 168px; border: 1px solid #ccc; border-radius: 4px; background: #fff; touch-action: none; cursor: crosshair; }
      .pad:focus { outline: 2px solid #0877bd; }
      .verdict { font-weight: 600; font-size: 1.1em; min-height: 1.4em; }
      .pbar { display: grid; grid-template-columns: 1em 110px 3.2em; gap: 4px; align-items: center; font-size: 12px; }
      .track { display: block; background: #eee; height: 9px; border-radius: 2px; }
      .fill { display: block; background: #0877bd; height: 9px; width: 0; border-radius: 2px; }
      .grid { width: 232px; image-rendering: pixelated; border: 1px solid #ddd; }
      .cap { font-size: 12px; color: #666; max-width: 232px; }
      .fig { margin: 0; }`;
let sheet = null;

export class NNDigits extends NNElement {
  static get observedAttributes() { return ['src', 'autoplay', 'seed']; }

  constructor() {
    super();
    this.session = null;
    this.wantPlay = false;
    this.info = null;
    this.current = null;
    this.waiting = false;
    this.again = false;
    this.gridAt = 0;
  }

  render() {
    if (this.built) return;
    this.built = true;
    if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS_TEXT); }
      this.shadowRoot.adoptedStyleSheets = [...this.shadowRoot.adoptedStyleSheets, sheet];
    }
    this.wantPlay = this.hasAttribute('autoplay');
    this.status = h('div', { class: 'stats num', part: 'stats', role: 'status', text: 'Scroll here to load 10,000 handwritten digits.' });
    this.playBtn = h('button', { type: 'button', part: 'play', text: 'Train', onclick: () => { this.wantPlay = !this.wantPlay; this.sync(); } });
    this.padCanvas = h('canvas', { class: 'pad', part: 'pad', tabindex: '0', role: 'img', 'aria-roledescription': 'drawing pad',
      'aria-label': 'Drawing pad: draw a digit with the mouse or a finger; arrow keys move, Space lifts or lowers the pen, Delete clears' });
    this.verdict = h('div', { class: 'verdict', part: 'verdict', 'aria-live': 'polite', text: 'draw a digit' });
    this.bars = h('div', { class: 'bars', part: 'probabilities' });
    for (let k = 0; k < 10; k++) {
      this.bars.append(h('div', { class: 'pbar' }, h('span', { text: String(k) }), h('span', { class: 'track' }, h('span', { class: 'fill' })), h('span', { class: 'pv' })));
    }
    this.grid = h('canvas', { class: 'grid', part: 'weights', role: 'img', 'aria-label': 'the first hidden layer: each neuron\'s 784 weights as a 28 × 28 image' });
    this.pad = createDigitPad(this.padCanvas, { onChange: (x) => { this.current = x; this.ask(); } });

    this.body.replaceChildren(
      h('div', { class: 'bar', part: 'controls' }, this.playBtn,
        h('button', { type: 'button', text: 'Clear', onclick: () => this.pad.clear() }), this.status),
      h('div', { class: 'dg' },
        this.padCanvas,
        h('div', {}, this.verdict, this.bars),
        h('figure', { class: 'fig' }, this.grid, h('figcaption', { class: 'cap', text: 'What the 256 first-layer neurons look for (blue: ink excites, orange: inhibits)' }))));
  }

  onVisible(v) {
    super.onVisible(v);
    if (v && !this.session && !this.starting && this.built) this.start();
    this.sync();
  }

  start() {
    const src = new URL(this.getAttribute('src') || 'gen/digits.nnim.gz', document.baseURI).href;
    setImageSource(src);
    const seed = this.getAttribute('seed');
    this.status.textContent = 'Fetching the digits…';
    // The core checks the settings in the shared worker (the article's page loads no wasm),
    // as <nn-playground> does: the page's image defaults, and the seed if given.
    this.starting = true;
    checkSettings(seed ? { dataset: 'digits', seed } : { dataset: 'digits' }).then((r) => {
      this.starting = false;
      if (r.error !== undefined) { this.status.textContent = `nn-digits: ${r.error}`; return; }
      if (this.session || !this.isConnected) return;
      this.session = openSession(r.settings, (m) => this.onMessage(m));
      this.sync();
    }, (e) => { this.starting = false; this.status.textContent = `nn-digits: ${e.message}`; });
  }

  sync() {
    this.playBtn.textContent = this.wantPlay ? 'Pause' : 'Train';
    if (!this.session) return;
    const should = !!(this.wantPlay && this.visible && this.isConnected && this.info);
    if (should !== this.sentPlay) { this.sentPlay = should; this.session.send(should ? 'play' : 'pause'); }
  }

  ask() {
    if (!this.session || !this.info) return;
    if (!this.current) { this.showProbs(null); return; }
    if (this.waiting) { this.again = true; return; }
    this.waiting = true;
    this.askedAt = performance.now();
    this.session.send('predict', { x: this.current });
  }

  showProbs(p) {
    const rows = this.bars.children;
    let best = 0;
    if (p) for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    this.verdict.textContent = p ? `It is a ${best} (${fmtPct(p[best])})` : 'draw a digit';
    for (let k = 0; k < rows.length; k++) {
      rows[k].children[1].firstChild.style.width = p ? `${(100 * p[k]).toFixed(1)}%` : '0';
      rows[k].children[2].textContent = p ? fmtPct(p[k]) : '';
    }
  }

  onMessage(m) {
    switch (m.type) {
      case 'loaded':
        this.status.textContent = `${fmtInt(Math.round(m.transferred / 1024))} KiB of digits loaded.`;
        this.dataset.transferred = String(m.transferred);
        break;
      case 'data':
        this.info = m.images || null;
        this.sync();
        break;
      case 'frame': {
        const w = m.weights && m.weights[0];
        const now = performance.now();
        if (w && this.info && (!this.sentPlay || !(now - this.gridAt < GRID_MS))) {
          this.gridAt = now;
          drawWeightGrid(this.grid, w, w.length / (this.info.width * this.info.height), this.info.width, this.info.height, this.info.inked);
        }
        if (m.test && m.test.accuracy != null) {
          this.status.textContent = `epoch ${fmtInt(m.epoch)} · test accuracy ${fmtPct(m.test.accuracy)}`;
          this.dataset.testAccuracy = String(m.test.accuracy);
        }
        if (this.current && now - (this.askedAt || 0) > 300) this.ask();
        this.session.send('drawn');
        break;
      }
      case 'prediction':
        this.waiting = false;
        this.showProbs(this.current ? m.probs : null);
        if (this.again) { this.again = false; this.ask(); }
        break;
      case 'error':
        this.showMessage([`${m.context ? `${m.context}: ` : ''}${m.message}`]);
        break;
      case 'fatal':
        this.showMessage([m.message]);
        break;
      default:
        break;
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.session) { this.session.close(); this.session = null; this.sentPlay = false; this.info = null; }
  }
}
