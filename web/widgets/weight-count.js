// <nn-weight-count layers="256,128,64" bias="true" precision="fp32">: the counting explainer.
// With preset="llama-2-7b" it counts a transformer instead (transformer-count.js).
// A compact collapsed diagram, the arithmetic of every connection block, totals with and
// without biases, and storage at the chosen precision. Every figure comes from the WASM core's
// countParameters (exact BigInt), computed in the shared worker.
import { createDiagram } from '../app/diagram.js';
import { blockArithmetic, fmtBytes, fmtInt } from '../app/format.js';
import { parseBool, parseEnum, parseLayers } from './attrs.js';
import { NNElement, SVG_NS, h, tidyDiagramLabels } from './base.js';
import { countParameters } from './manager.js';
import { renderTransformer } from './transformer-count.js';
import { inputLabels, layerNames } from '../app/labels.js';

const PRECISIONS = ['fp32', 'fp16', 'int8'];
const BYTES = { fp32: 4n, fp16: 2n, int8: 1n };

export class NNWeightCount extends NNElement {
  static get observedAttributes() { return ['layers', 'bias', 'precision', 'diagram', 'theme', 'preset']; }

  constructor() {
    super();
    this.seq = 0;
    this.root.classList.add('compact');
  }

  async render() {
    // preset="llama-2-7b": a transformer (issue 13) instead of an MLP's layers
    if (this.getAttribute('preset') !== null) return renderTransformer(this);
    const { values: v, errors } = NNElement.parseAll({
      layers: () => parseLayers('layers', this.getAttribute('layers')),
      bias: () => parseBool('bias', this.getAttribute('bias'), true),
      precision: () => parseEnum('precision', this.getAttribute('precision'), PRECISIONS, 'fp32'),
      diagram: () => parseBool('diagram', this.getAttribute('diagram'), true),
    });
    const seq = ++this.seq;
    if (errors.length) {
      this.showMessage(errors);
      if (!this.body.firstChild) this.body.replaceChildren(h('div', { class: 'muted', text: 'nn-weight-count: nothing to count until the attribute above is fixed.' }));
      return;
    }
    if (!this.body.firstChild || this.body.dataset.state === 'error') {
      this.body.replaceChildren(h('div', { class: 'muted', text: `Counting ${v.layers.join('-')}…` }));
    }
    let withB, without;
    try {
      [withB, without] = await Promise.all([countParameters(v.layers, true), countParameters(v.layers, false)]);
    } catch (e) {
      if (seq !== this.seq) return;
      this.showMessage([`${e.fatal ? 'nn-weight-count' : 'layers'}: ${e.message}`]);
      this.body.dataset.state = 'error';
      return;
    }
    if (seq !== this.seq) return;  // a newer attribute value is being counted
    this.clearMessage();
    this.body.dataset.state = 'ok';
    this.draw(v, v.bias ? withB : without, withB, without);
  }

  draw(v, report, withB, without) {
    const names = layerNames(v.layers.length);
    const kids = [];
    kids.push(h('div', { class: 'title', part: 'title' },
      `${v.layers.map((w) => fmtInt(w)).join(' → ')}`,
      h('span', { class: 'muted', text: ` · ${v.layers.length - 1} connection block${v.layers.length === 2 ? '' : 's'}${v.bias ? '' : ' · no biases'}` })));

    if (v.diagram) {
      const svg = document.createElementNS(SVG_NS, 'svg');
      svg.setAttribute('part', 'diagram');
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `network ${v.layers.join('-')}`);
      const box = h('div', { class: 'diagram-box' }, svg);
      createDiagram(svg).render({
        inputs: inputLabels(v.layers[0]), widths: v.layers.slice(1),
        activations: v.layers.slice(1).map(() => ''), blocks: report.blocks,
      });
      tidyDiagramLabels(svg);
      kids.push(box);
    }

    // per block: "input → hidden 1   256 × 128 = 32,768 weights + 128 biases   = 32,896"
    const table = h('table', { class: 'blocks', part: 'blocks' });
    report.blocks.forEach((b, i) => {
      table.append(h('tr', { 'data-block': i },
        h('th', { class: 'muted', text: `${names[i]} → ${names[i + 1]}` }),
        h('td', { class: 'arith num', text: blockArithmetic(b) }),
        h('td', { class: 'num', text: `= ${fmtInt(b.params)}` })));
    });
    kids.push(table);

    const totals = h('div', { class: 'totals', part: 'totals' });
    const chosen = (on) => (on ? 'b' : 'span');
    totals.append(
      h('div', { class: 'total-with', 'data-params': String(withB.params) },
        h(chosen(v.bias), { text: 'With biases: ' }),
        h('span', { class: 'num', text: `${fmtInt(withB.weights)} weights + ${fmtInt(withB.biases)} biases = ${fmtInt(withB.params)} parameters` })),
      h('div', { class: 'total-without', 'data-params': String(without.params) },
        h(chosen(!v.bias), { text: 'Without biases: ' }),
        h('span', { class: 'num', text: `${fmtInt(without.weights)} weights = ${fmtInt(without.params)} parameters` })));
    kids.push(totals);

    // storage: the chosen precision with its arithmetic, then all three
    const p = v.precision, nBlocks = BigInt(report.blocks.length);
    const bytes = report.storage[p];
    let arith = `${fmtInt(report.params)} × ${BYTES[p]} B`;
    if (p === 'int8') arith += ` + ${fmtInt(nBlocks)} scale${nBlocks === 1n ? '' : 's'} × 4 B`;
    const storage = h('div', { class: 'storage', part: 'storage', 'data-bytes': String(bytes), 'data-precision': p },
      h('b', { text: `Storage at ${p.toUpperCase()}: ` }),
      h('span', { class: 'num', text: `${arith} = ${fmtInt(bytes)} bytes (${fmtBytes(bytes)})` }));
    const all = h('div', { class: 'muted num', text: PRECISIONS.map((q) => `${q.toUpperCase()} ${fmtBytes(report.storage[q])}`).join(' · ') });
    kids.push(storage, all);
    this.body.replaceChildren(...kids);
    this.report = report;
    this.dispatchEvent(new CustomEvent('nn-counted', { detail: { params: report.params, weights: report.weights, biases: report.biases } }));
  }
}
