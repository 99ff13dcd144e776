// Names and choice lists shown to a reader, shared by the page and the widgets: input labels
// (x1 → x₁), column names, learning-rate and regularisation-rate lists. Pure.
import { FEATURES } from './state.js';

// The learning rates offered by every control (TF Playground's list, plus 10 on the page).
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

// A list of values for a select: `list` plus `value` when it is not in it (a link may carry any).
export function withValue(list, value) {
  return list.includes(value) ? list.slice() : [...list, value].sort((a, b) => a - b);
}

// Input labels for feature names (x1 → x₁); other names (CSV columns) are shown as they are.
export function featureLabels(names) {
  return names.map((n) => (FEATURES.find((f) => f.name === n) || { label: n }).label);
}

// Column labels: "input", "hidden 1", …, "output" for n columns (input and output included).
export function layerNames(n) {
  return Array.from({ length: n }, (_, i) => (i === 0 ? 'input' : i === n - 1 ? 'output' : `hidden ${i}`));
}

// An array-like of input labels whose length is the input width, without allocating a
// label per input (a layer may have up to 10^12 units; the diagram reads only the first few).
export function inputLabels(width, names = []) {
  return new Proxy([], {
    get(target, k) {
      if (k === 'length') return width;
      if (typeof k === 'string' && /^\d+$/.test(k)) return names[+k] ?? `x${+k + 1}`;
      return Reflect.get(target, k);
    },
  });
}
