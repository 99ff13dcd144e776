// The parameter panel: a per-block table like Keras' summary / torchinfo, with the arithmetic,
// totals, storage at FP32/FP16/INT8, multiply-adds, optimiser state and activation memory.
// Input: a ParamReport from nn.countParameters (BigInt counts). Builds DOM with
// createElement/textContent only.
import { blockArithmetic, fmtBytes, fmtInt } from './format.js';
import { optimizerName } from './labels.js';

function cell(row, tag, text, cls) {
  const c = document.createElement(tag);
  c.textContent = text;
  if (cls) c.className = cls;
  row.appendChild(c);
  return c;
}

// layerNames: e.g. ['input', 'hidden 1', 'hidden 2', 'output']
export function renderParams(root, report, { layerNames = [], optimizer = 'sgd' } = {}) {
  root.replaceChildren();
  const table = document.createElement('table');
  table.className = 'params';
  const cap = document.createElement('caption');
  cap.textContent = 'Parameters per connection block';
  table.appendChild(cap);
  const head = document.createElement('tr');
  for (const h of ['Block', 'Weights + biases', 'Params', 'MACs']) cell(head, 'th', h).scope = 'col';
  const thead = document.createElement('thead');
  thead.appendChild(head);
  table.appendChild(thead);
  const body = document.createElement('tbody');
  report.blocks.forEach((b, i) => {
    const r = document.createElement('tr');
    cell(r, 'th', `${layerNames[i] || 'layer ' + i} → ${layerNames[i + 1] || 'layer ' + (i + 1)}`).scope = 'row';
    cell(r, 'td', blockArithmetic(b), 'arith');
    cell(r, 'td', fmtInt(b.params), 'num');
    cell(r, 'td', fmtInt(b.macs), 'num');
    body.appendChild(r);
  });
  const tot = document.createElement('tr');
  tot.className = 'total';
  cell(tot, 'th', 'Total').scope = 'row';
  cell(tot, 'td', `${fmtInt(report.weights)} weights + ${fmtInt(report.biases)} biases`, 'arith');
  cell(tot, 'td', fmtInt(report.params), 'num total-params');
  cell(tot, 'td', fmtInt(report.macs), 'num');
  body.appendChild(tot);
  table.appendChild(body);
  root.appendChild(table);

  const dl = document.createElement('dl');
  dl.className = 'facts';
  const fact = (k, v) => { cell(dl, 'dt', k); cell(dl, 'dd', v); };
  fact('Parameters', `${fmtInt(report.params)} (${fmtInt(report.weights)} weights + ${fmtInt(report.biases)} biases)`);
  fact('Storage', `FP32 ${fmtBytes(report.storage.fp32)} · FP16 ${fmtBytes(report.storage.fp16)} · INT8 ${fmtBytes(report.storage.int8)} · INT4 ${fmtBytes(report.storage.int4)}`);
  fact('Multiply-adds per sample', fmtInt(report.macs));
  fact('Neurons', fmtInt(report.neurons));
  const st = Object.prototype.hasOwnProperty.call(report.optimizer, optimizer) ? report.optimizer[optimizer] : 0n;
  fact(`Optimiser state (${optimizerName(optimizer)})`, `${fmtInt(st)} floats = ${fmtBytes(BigInt(st) * 4n)}` +
    ` · SGD 0 · momentum ${fmtInt(report.optimizer.momentum)} · Adam ${fmtInt(report.optimizer.adam)}`);
  fact('Activations per sample', `${fmtInt(report.activations.inference)} floats inference · ${fmtInt(report.activations.training)} training`);
  root.appendChild(dl);
}
