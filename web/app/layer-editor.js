// The hidden-layer editor: one row per hidden layer (−, width, +, activation) and the
// add/remove-layer buttons. It shows a settings object and reports edits as patches; the
// caller (controls.js) validates and applies them.
import { ACTIVATIONS, MAX_LAYERS, MAX_WIDTH, hiddenActivation } from './state.js';
import { $ } from './page.js';
import { activationName } from './labels.js';

let current = null;   // {s, onPatch} last rendered

function fill(sel, values) {
  for (const v of values) {
    const o = document.createElement('option');
    o.value = v; o.textContent = activationName(v);
    sel.appendChild(o);
  }
}

export function renderLayerEditor(s, onPatch) {
  current = { s, onPatch };
  const root = $('layer-editor');
  root.replaceChildren();
  $('layer-count').textContent = `${s.networkShape.length} hidden layer${s.networkShape.length === 1 ? '' : 's'}`;
  $('add-layer').disabled = s.networkShape.length >= MAX_LAYERS;
  $('remove-layer').disabled = s.networkShape.length === 0;
  const setWidth = (i, units) => {
    const shape = s.networkShape.slice();
    shape[i] = units;
    onPatch({ networkShape: shape });
  };
  s.networkShape.forEach((units, i) => {
    const box = document.createElement('fieldset');
    box.className = 'layer';
    const legend = document.createElement('legend');
    legend.textContent = `Hidden ${i + 1}`;
    box.appendChild(legend);
    const minus = document.createElement('button');
    minus.type = 'button'; minus.textContent = '−';
    minus.setAttribute('aria-label', `Remove a neuron from hidden layer ${i + 1}`);
    minus.disabled = units <= 1;
    minus.addEventListener('click', () => setWidth(i, units - 1));
    const input = document.createElement('input');
    input.type = 'number'; input.min = '1'; input.max = String(MAX_WIDTH); input.step = '1';
    input.value = String(units);
    input.setAttribute('aria-label', `Neurons in hidden layer ${i + 1}`);
    input.dataset.layer = String(i);
    input.addEventListener('change', () => setWidth(i, input.value.trim() === '' ? NaN : Number(input.value)));
    const plus = document.createElement('button');
    plus.type = 'button'; plus.textContent = '+';
    plus.setAttribute('aria-label', `Add a neuron to hidden layer ${i + 1}`);
    plus.disabled = units >= MAX_WIDTH;
    plus.addEventListener('click', () => setWidth(i, units + 1));
    const act = document.createElement('select');
    act.setAttribute('aria-label', `Activation of hidden layer ${i + 1}`);
    fill(act, ACTIVATIONS);
    act.value = hiddenActivation(s, i);
    act.addEventListener('change', () => {
      const acts = s.networkShape.map((_, j) => hiddenActivation(s, j));
      acts[i] = act.value;
      onPatch({ activations: acts.every((a) => a === s.activation) ? [] : acts });
    });
    box.append(minus, input, plus, act);
    root.appendChild(box);
  });
}

// + layer / − layer (bound once by main.js).
export function bindLayerButtons() {
  const change = (delta) => {
    if (!current) return;
    const { s, onPatch } = current;
    const shape = s.networkShape.slice();
    const acts = s.activations.slice();
    if (delta > 0) { shape.push(shape.length ? shape[shape.length - 1] : 4); if (acts.length) acts.push(s.activation); }
    else { shape.pop(); if (acts.length > shape.length) acts.length = shape.length; }
    onPatch({ networkShape: shape, activations: acts });
  };
  $('add-layer').addEventListener('click', () => change(+1));
  $('remove-layer').addEventListener('click', () => change(-1));
}
