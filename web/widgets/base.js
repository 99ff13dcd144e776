// What every nnplay custom element shares: an open Shadow DOM with one constructed stylesheet
// (so page CSS cannot reach in and ours cannot leak out, and a page CSP with style-src 'self'
// does not block it as it would a <style> element), theming through CSS custom properties,
// an inline message area for attribute and runtime errors, coalesced re-rendering on
// attribute changes, and visibility from one shared IntersectionObserver.
// It builds DOM with createElement/textContent only: no attribute text ever reaches innerHTML.

// Public theme: --nn-bg, --nn-fg, --nn-muted, --nn-border, --nn-accent, --nn-panel, --nn-font,
// --nn-error-bg, --nn-error-fg, --nn-radius. Light and dark defaults; theme="dark|light|auto".
// No live canvas sits under a rounded-corner clip (overflow: hidden with border-radius, or a
// canvas's own border-radius): Chromium's software compositor then draws each widget through a
// masked surface of its own, and ten playgrounds took 22 ms of its thread a frame (10 without).
// tests/browser/compositing.test.mjs checks it.
export const CSS = `
:host {
  display: block !important; box-sizing: border-box !important; visibility: visible !important;
  opacity: 1 !important; position: relative !important; contain: content;
  --_bg: #ffffff; --_fg: #1d2125; --_muted: #5d6670; --_border: #d5d9de; --_accent: #0877bd;
  --_panel: #f5f7f9; --_error-bg: #fff1f0; --_error-fg: #a8071a; --_diagram-filter: none;
  margin: 1em 0;
}
:host([hidden]) { display: none !important; }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {
    --_bg: #17191c; --_fg: #e6e8eb; --_muted: #9aa3ad; --_border: #3a4048; --_accent: #4fb3f6;
    --_panel: #20242a; --_error-bg: #3a1518; --_error-fg: #ffb3b8;
    --_diagram-filter: invert(0.88) hue-rotate(180deg);
  }
}
:host([theme="dark"]) {
  --_bg: #17191c; --_fg: #e6e8eb; --_muted: #9aa3ad; --_border: #3a4048; --_accent: #4fb3f6;
  --_panel: #20242a; --_error-bg: #3a1518; --_error-fg: #ffb3b8;
  --_diagram-filter: invert(0.88) hue-rotate(180deg);
}
.root {
  all: initial; display: block; box-sizing: border-box; width: 100%;
  font: 14px/1.4 var(--nn-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--nn-fg, var(--_fg)); background: var(--nn-bg, var(--_bg));
  border: 1px solid var(--nn-border, var(--_border)); border-radius: var(--nn-radius, 8px);
  padding: 10px 12px; text-align: left;
}
.root * { box-sizing: border-box; }
div, section, header, footer, p, ul, li, table, figure { display: block; margin: 0; padding: 0; }
table { display: table; border-collapse: collapse; width: 100%; }
tr { display: table-row; } td, th { display: table-cell; padding: 2px 6px 2px 0; text-align: left; vertical-align: top; font-weight: normal; }
span, b, code, output, label { display: inline; }
b { font-weight: 600; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
.title { font-weight: 600; margin-bottom: 4px; }
.muted { color: var(--nn-muted, var(--_muted)); }
.num { font-variant-numeric: tabular-nums; }
.msg { display: none; background: var(--nn-error-bg, var(--_error-bg)); color: var(--nn-error-fg, var(--_error-fg));
  border-radius: 6px; padding: 6px 8px; margin: 0 0 8px; font-size: 13px; white-space: pre-wrap; }
.msg.on { display: block; }
.msg.note { background: var(--nn-panel, var(--_panel)); color: var(--nn-fg, var(--_fg)); }
svg { display: block; max-width: 100%; height: auto; overflow: visible; visibility: visible; }
canvas { display: block; visibility: visible; }
.diagram-box { display: block; position: relative; width: 100%; background: #ffffff; border-radius: 6px;
  filter: var(--nn-diagram-filter, var(--_diagram-filter)); }
.diagram-box svg { width: 100%; }
/* A live diagram (a canvas a worker paints, under the SVG): its painter draws the canvas through
   the theme's filter, and the SVG's own drawing takes it at paint time; a filter on the box would
   make the compositor draw every frame of it through a filtered surface (ten dark widgets: 23 fps). */
.diagram-box.live { filter: none; background: none; }
.diagram-box.live > svg > * { filter: var(--nn-diagram-filter, var(--_diagram-filter)); }
.compact .diagram-box { max-width: 460px; margin: 4px auto 8px; }
button, select, input { all: revert; font: inherit; font-size: 13px; color: inherit; }
button { display: inline-block; cursor: pointer; background: var(--nn-panel, var(--_panel)); color: var(--nn-fg, var(--_fg));
  border: 1px solid var(--nn-border, var(--_border)); border-radius: 6px; padding: 3px 10px; margin: 0 4px 0 0; min-width: 2.2em; }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--nn-accent, var(--_accent)); outline-offset: 1px; }
select { display: inline-block; background: var(--nn-bg, var(--_bg)); color: var(--nn-fg, var(--_fg));
  border: 1px solid var(--nn-border, var(--_border)); border-radius: 6px; padding: 2px 4px; }
input[type="range"] { display: inline-block; vertical-align: middle; width: 90px; accent-color: var(--nn-accent, var(--_accent)); }
label { margin-right: 10px; white-space: nowrap; }
[hidden] { display: none !important; }
.actions { margin-top: 6px; }
.totals, .storage { margin-top: 6px; }
.blocks { margin-top: 6px; font-size: 13px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 2px; margin-bottom: 8px; }
.pg-main { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; }
.pg-left { flex: 0 0 168px; }
canvas.map { width: 168px; height: 168px; }
canvas.chart { width: 168px; height: 44px; margin-top: 6px; }
.pg-diagram { flex: 1 1 260px; min-width: 200px; }
.stats { margin-top: 6px; font-size: 12.5px; color: var(--nn-muted, var(--_muted)); }
`;

let sheet = null;
function styleSheet() {
  if (sheet === null) {
    try { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); } catch { sheet = false; }
  }
  return sheet;
}

export function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

// One observer for every widget; each gets onVisible(bool).
let observer = null;
function observe(el) {
  if (typeof IntersectionObserver !== 'function') { el.onVisible(true); return; }
  if (!observer) {
    observer = new IntersectionObserver((entries) => {
      for (const e of entries) e.target.onVisible(e.isIntersecting);
    }, { rootMargin: '64px' });
  }
  observer.observe(el);
}
function unobserve(el) { if (observer) observer.unobserve(el); }

// Widgets that hold something in the shared worker (a training session) release it whenever
// they leave their document, by any route: removed (disconnectedCallback), moved to another
// document (adoptedCallback), or left behind in a document that itself went away (an iframe
// removed with the widget inside: no callback runs, so a sweep looks for a document without a
// window, or a widget no longer connected, every SWEEP_MS while anything is held).
const SWEEP_MS = 500;
const holders = new Set();
let sweepTimer = 0;
function sweep() {
  for (const el of [...holders]) {
    if (!el.isConnected || !el.ownerDocument || !el.ownerDocument.defaultView) el.release();
  }
  if (!holders.size && sweepTimer) { clearInterval(sweepTimer); sweepTimer = 0; }
}
export function hold(el) {
  holders.add(el);
  if (!sweepTimer) sweepTimer = setInterval(sweep, SWEEP_MS);
}
export function unhold(el) { holders.delete(el); }
export function heldCount() { return holders.size; }

export class NNElement extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const s = styleSheet();
    if (s) root.adoptedStyleSheets = [s];
    else root.append(h('style', { text: CSS }));  // very old engines only
    this.root = h('div', { class: 'root', part: 'root' });
    this.msg = h('div', { class: 'msg', part: 'message', role: 'alert' });
    this.body = h('div', { class: 'body' });
    this.root.append(this.msg, this.body);
    root.append(this.root);
    this.visible = false;
    this.renderQueued = false;
  }

  connectedCallback() {
    this.queueRender();
    observe(this);
  }
  disconnectedCallback() { unobserve(this); this.onVisible(false); this.release(); }
  // Moved into another document (e.g. an iframe's): let go first; connectedCallback starts afresh.
  adoptedCallback() { this.release(); }
  // Frees what the widget holds in the worker; subclasses that hold something override it.
  release() { unhold(this); }
  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue && name !== 'theme') this.queueRender();
  }

  // Many attributes set in a row (or the parser setting them all) render once.
  queueRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      if (!this.isConnected) return;
      try { this.render(); } catch (e) { this.showMessage([`${this.localName}: ${e && e.message ? e.message : e}`]); }
    });
  }

  onVisible(v) { this.visible = v; }

  // Messages are plain text, shown inline (never console-only).
  showMessage(lines, kind = 'error') {
    const list = (Array.isArray(lines) ? lines : [lines]).filter(Boolean);
    this.msg.textContent = list.join('\n');
    this.msg.className = 'msg' + (list.length ? ' on' : '') + (kind === 'note' ? ' note' : '');
    this.msg.dataset.kind = list.length ? kind : '';
    if (list.length && kind === 'error') this.setAttribute('data-error', ''); else this.removeAttribute('data-error');
  }
  clearMessage() { this.showMessage([]); }

  // Parses attributes with {name: () => result}; returns {values, errors}.
  static parseAll(parsers) {
    const values = {}, errors = [];
    for (const [k, f] of Object.entries(parsers)) {
      const r = f();
      if (r.error) errors.push(r.error); else values[k] = r.value;
    }
    return { values, errors };
  }
}

// "… · " left by the shared diagram when a layer has no activation to show: trim it.
export function tidyDiagramLabels(svg) {
  for (const t of svg.querySelectorAll('text')) {
    if (t.textContent.endsWith(' · ')) t.textContent = t.textContent.slice(0, -3);
  }
}

// Neuron thumbnails cost a PNG data: URL each (the shared diagram draws them as SVG <image>),
// about 0.5–1 ms apiece in a software-rendered browser, so the page as a whole refreshes one
// widget's thumbnails at a time: at most every GATE_GAP_MS, round-robin, and each widget at
// most every WIDGET_GAP_MS. Ten training widgets then cost ~1 ms of thumbnails per frame.
const GATE_GAP_MS = 100;
const WIDGET_GAP_MS = 250;
const queue = [];
let lastGrant = -Infinity;
export function thumbsDue(widget, now = performance.now()) {
  if (now - (widget.lastThumbs || -Infinity) < WIDGET_GAP_MS) return false;
  if (!queue.includes(widget)) queue.push(widget);
  // widgets that left the page or the screen give up their place
  while (queue.length && (!queue[0].isConnected || queue[0].visible === false)) queue.shift();
  if (queue[0] !== widget || now - lastGrant < GATE_GAP_MS) return false;
  queue.shift();
  lastGrant = now;
  widget.lastThumbs = now;
  return true;
}

// One requestAnimationFrame for every widget, with a budget: queued draws run in order until
// DRAW_BUDGET_MS of the frame is spent (at least one per frame); the rest wait for the next
// frame. Ten training widgets then share the frame instead of each taking its own slice, and
// each one's training (one chunk per drawn frame) slows down instead of the page.
const DRAW_BUDGET_MS = 6;
const drawQueue = [];
let drawRaf = 0;
function runDraws() {
  drawRaf = 0;
  const t0 = performance.now();
  let n = 0;
  while (drawQueue.length && (n === 0 || performance.now() - t0 < DRAW_BUDGET_MS)) {
    const w = drawQueue.shift();
    w.drawQueued = false;
    try { w.draw(); } catch (e) { w.showMessage([`${w.localName}: ${e && e.message ? e.message : e}`]); }
    n++;
  }
  if (drawQueue.length) drawRaf = requestAnimationFrame(runDraws);
}
export function queueDraw(widget) {
  if (widget.drawQueued) return;
  widget.drawQueued = true;
  drawQueue.push(widget);
  if (!drawRaf) drawRaf = requestAnimationFrame(runDraws);
}
export function cancelDraw(widget) {
  const i = drawQueue.indexOf(widget);
  if (i >= 0) drawQueue.splice(i, 1);
  widget.drawQueued = false;
}
