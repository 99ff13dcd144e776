// <nn-digits dataset="digits|fashion" src="gen/digits.nnim.gz" autoplay>: the 784-256-128-64-10
// network learning one of the page's image sets in an article (issue 15): handwritten digits by
// default, Fashion-MNIST with dataset="fashion". A drawing pad with the class probabilities (named
// by the set's file), the first layer's weights as images, Train/Pause and the test accuracy.
// Nothing is fetched or trained until the element scrolls into view: then the shared worker
// fetches the set's file (`src`, default gen/<dataset>.nnim.gz beside the page) and, with
// `autoplay`, trains. Off screen it pauses. Settings are the page's image defaults (the core's,
// checked in the shared worker).
import { fmtInt, fmtPct } from '../app/format.js';
import { createDigitPad } from '../app/digit-pad.js';
import { putPixels } from '../app/image-draw.js';
import { imageNoun, predictionText } from '../app/labels.js';
import { NNElement, h, hold, unhold } from './base.js';
import { parseEnum } from './attrs.js';
import { checkSettings, openSession, setImageSource } from './manager.js';

// The page's image sets a widget can show (state.js's IMAGE_DATASETS; the page's CSV images are
// the reader's own file, not something an article links to).
export const WIDGET_IMAGE_SETS = ['digits', 'fashion'];

// The element's own rules, as a constructable sheet: a CSP with style-src 'self' refuses <style>.
const CSS_TEXT = `      .dg { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
      .pad { width: 168px; height: 168px; border: 1px solid #ccc; background: #fff; touch-action: none; cursor: crosshair; }
      .pad:focus { outline: 2px solid #0877bd; }
      .verdict { font-weight: 600; font-size: 1.1em; min-height: 1.4em; }
      .pbar { display: grid; grid-template-columns: 1em 110px 3.2em; gap: 4px; align-items: center; font-size: 12px; }
      .wide .pbar { grid-template-columns: 6.5em 90px 3.2em; }
      .pn { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .track { display: block; background: #eee; height: 9px; border-radius: 2px; }
      .fill { display: block; background: #0877bd; height: 9px; width: 0; border-radius: 2px; }
      .grid { width: 232px; image-rendering: pixelated; border: 1px solid #ddd; }
      .cap { font-size: 12px; color: #666; max-width: 232px; }
      .fig { margin: 0; }`;
let sheet = null;

export class NNDigits extends NNElement {
  static get observedAttributes() { return ['dataset', 'src', 'autoplay', 'seed']; }

  constructor() {
    super();
    this.session = null;
    this.wantPlay = false;
    this.info = null;
    this.current = null;
    this.waiting = false;
    this.again = false;
  }

  render() {
    const ds = parseEnum('dataset', this.getAttribute('dataset'), WIDGET_IMAGE_SETS, 'digits');
    if (ds.error) {
      this.showMessage([ds.error]);
      this.stop();
      this.setName = null;  // nothing shown until the attribute is right
      if (this.built) { this.status.textContent = ''; this.bars.replaceChildren(); this.verdict.textContent = ''; }
      return;
    }
    this.clearMessage();
    if (this.built && ds.value === this.setName) return;
    if (this.built) { this.stop(); this.setName = ds.value; this.label(); if (this.visible) this.start(); this.sync(); return; }
    this.setName = ds.value;
    this.built = true;
    if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS_TEXT); }
      this.shadowRoot.adoptedStyleSheets = [...this.shadowRoot.adoptedStyleSheets, sheet];
    }
    this.wantPlay = this.hasAttribute('autoplay');
    this.status = h('div', { class: 'stats num', part: 'stats', role: 'status' });
    this.playBtn = h('button', { type: 'button', part: 'play', text: 'Train', onclick: () => { this.wantPlay = !this.wantPlay; this.sync(); } });
    this.padCanvas = h('canvas', { class: 'pad', part: 'pad', tabindex: '0', role: 'img', 'aria-roledescription': 'drawing pad',
      'aria-label': 'Drawing pad: draw with the mouse or a finger; arrow keys move, Space lifts or lowers the pen, Delete clears' });
    this.verdict = h('div', { class: 'verdict', part: 'verdict', 'aria-live': 'polite' });
    this.bars = h('div', { class: 'bars', part: 'probabilities' });
    this.grid = h('canvas', { class: 'grid', part: 'weights', role: 'img', 'aria-label': 'the first hidden layer: each neuron\'s 784 weights as a 28 × 28 image' });
    this.pad = createDigitPad(this.padCanvas, { onChange: (x) => { this.current = x; this.ask(); } });

    this.body.replaceChildren(
      h('div', { class: 'bar', part: 'controls' }, this.playBtn,
        h('button', { type: 'button', text: 'Clear', onclick: () => this.pad.clear() }), this.status),
      h('div', { class: 'dg' },
        this.padCanvas,
        h('div', {}, this.verdict, this.bars),
        h('figure', { class: 'fig' }, this.grid, h('figcaption', { class: 'cap', text: 'What the 256 first-layer neurons look for (blue: ink excites, orange: inhibits)' }))));
    this.label();
    if (this.visible && !this.session && !this.starting) this.start();  // on screen already (e.g. its attribute was fixed)
    this.sync();
  }

  // Texts and bars for the set, before its file is in (the bars get the file's class names then).
  label(names = null) {
    const noun = imageNoun(this.setName);
    this.dataset.set = this.setName;
    if (!names) {
      this.status.textContent = `Scroll here to load 10,000 ${this.setName === 'digits' ? 'handwritten digits' : noun.many}.`;
      delete this.dataset.transferred;
      delete this.dataset.testAccuracy;
    }
    this.padCanvas.setAttribute('aria-label', `Drawing pad: ${noun.draw} with the mouse or a finger; arrow keys move, Space lifts or lowers the pen, Delete clears`);
    const n = names ? names.length : 10;
    while (this.bars.children.length > n) this.bars.lastChild.remove();
    while (this.bars.children.length < n) {
      this.bars.append(h('div', { class: 'pbar' }, h('span', { class: 'pn' }), h('span', { class: 'track' }, h('span', { class: 'fill' })), h('span', { class: 'pv' })));
    }
    for (let k = 0; k < n; k++) this.bars.children[k].firstChild.textContent = names ? names[k] : this.setName === 'digits' ? String(k) : '';
    this.bars.classList.toggle('wide', !!names && names.some((x) => x.length > 2));
    this.showProbs(null);
  }

  // Lets go of the worker session (the set changed, or the element left its document).
  stop() {
    if (this.session) { this.session.close(); this.session = null; unhold(this); }
    this.sentPlay = false;
    this.info = null;
    this.current = null;
    this.waiting = false;
    if (this.pad) this.pad.clear();
  }

  onVisible(v) {
    super.onVisible(v);
    if (v && !this.session && !this.starting && this.built && this.setName) this.start();
    this.sync();
  }

  start() {
    const name = this.setName;
    const src = new URL(this.getAttribute('src') || `gen/${name}.nnim.gz`, document.baseURI).href;
    setImageSource(src, name).catch((e) => this.showMessage([`nn-digits: ${e.message}`]));
    const seed = this.getAttribute('seed');
    this.status.textContent = `Fetching the ${name === 'digits' ? 'digits' : imageNoun(name).many}…`;
    // The core checks the settings in the shared worker (the article's page loads no wasm),
    // as <nn-playground> does: the page's image defaults, and the seed if given.
    this.starting = true;
    checkSettings(seed ? { dataset: name, seed } : { dataset: name }).then((r) => {
      this.starting = false;
      if (r.error !== undefined) { this.status.textContent = `nn-digits: ${r.error}`; return; }
      if (this.session || !this.isConnected || name !== this.setName) return;
      this.session = openSession(r.settings, (m) => this.onMessage(m));
      hold(this);
      this.sync();
    }, (e) => { this.starting = false; this.status.textContent = `nn-digits: ${e.message}`; });
  }

  sync() {
    if (!this.built) return;
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
    const names = this.info ? this.info.classNames : null;
    this.verdict.textContent = p ? predictionText(names ? names[best] : String(best), p[best]) : imageNoun(this.setName).draw;
    for (let k = 0; k < rows.length; k++) {
      rows[k].children[1].firstChild.style.width = p ? `${(100 * p[k]).toFixed(1)}%` : '0';
      rows[k].children[2].textContent = p ? fmtPct(p[k]) : '';
    }
  }

  onMessage(m) {
    switch (m.type) {
      case 'loaded':
        this.status.textContent = `${fmtInt(Math.round(m.transferred / 1024))} KiB of ${this.setName === 'digits' ? 'digits' : imageNoun(this.setName).many} loaded.`;
        this.dataset.transferred = String(m.transferred);
        break;
      case 'data':
        this.info = m.images || null;
        if (this.info) this.label(this.info.classNames);
        this.sync();
        break;
      case 'frame': {
        const now = performance.now();
        // the worker made the weight images' pixels (while training, every 400 ms)
        if (m.weightImage) putPixels(this.grid, m.weightImage);
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

  // Closes the session in the shared worker (base.js: every way of leaving a document).
  release() {
    unhold(this);
    this.stop();
  }
}
