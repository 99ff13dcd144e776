// Names and choice lists shown to a reader, shared by the page and the widgets: input labels
// (x1 → x₁), column names, learning-rate and regularisation-rate lists. Pure.
import { fmtPct } from './format.js';

// How the core's feature names are written for a reader (display text only).
export const FEATURE_LABELS = Object.freeze({ x1: 'x₁', x2: 'x₂', x1sq: 'x₁²', x2sq: 'x₂²', x1x2: 'x₁·x₂', sinx1: 'sin x₁', sinx2: 'sin x₂' });

// The learning rates offered by every control (TF Playground's list, plus 10 on the page).
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

// A list of values for a select: `list` plus `value` when it is not in it (a link may carry any).
export function withValue(list, value) {
  return list.includes(value) ? list.slice() : [...list, value].sort((a, b) => a - b);
}

// Input labels for feature names (x1 → x₁); other names (CSV columns) are shown as they are.
export function featureLabels(names) {
  return names.map((n) => FEATURE_LABELS[n] || n);
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

// Names a learner can read, for the setting values (the values themselves stay the API's).
export const ACTIVATION_NAMES = Object.freeze({
  tanh: 'tanh', relu: 'ReLU', leaky_relu: 'Leaky ReLU (slope 0.01)', sigmoid: 'Sigmoid', linear: 'Linear (none)',
  gelu: 'GELU (tanh approximation)', swish: 'Swish (SiLU)', softmax: 'Softmax',
});
export const INIT_NAMES = Object.freeze({
  playground: 'Uniform ±0.5, biases 0.1 (TF Playground)', glorot_uniform: 'Xavier/Glorot uniform',
  glorot_normal: 'Xavier/Glorot normal', he_uniform: 'He uniform', he_normal: 'He normal',
  lecun_uniform: 'LeCun uniform', lecun_normal: 'LeCun normal', zeros: 'All zero',
});
export const OPTIMIZER_NAMES = Object.freeze({ sgd: 'SGD', momentum: 'Momentum (0.9)', adam: 'Adam' });
const nameIn = (table, v) => (Object.prototype.hasOwnProperty.call(table, v) ? table[v] : String(v));
export const activationName = (v) => nameIn(ACTIVATION_NAMES, v);
export const initName = (v) => nameIn(INIT_NAMES, v);
export const optimizerName = (v) => nameIn(OPTIMIZER_NAMES, v);

// The core reports xsimd's architecture name; in WebAssembly every one of them is SIMD128
// (xsimd's SSE code compiled with -msimd128, docs/toolchain.md), so say that.
export function simdName(simd, lanes) {
  const t = String(simd || '');
  if (t === '' || /scalar|none/i.test(t)) return 'no SIMD (scalar code)';
  return `WebAssembly SIMD128${Number.isFinite(lanes) && lanes > 0 ? ` (${lanes} float lanes)` : ''}`;
}

// What the image views call a set's images (the page's panel and <nn-digits>): heading, status
// line, the empty pad. `csv`: a CSV's pixel columns shown as images (the user gave the size).
export const IMAGE_NOUNS = Object.freeze({
  digits: Object.freeze({ title: 'Handwritten digits', many: 'digits', draw: 'draw a digit',
    caption: 'Draw a digit (mouse, finger, or arrow keys + Space). Delete clears.' }),
  fashion: Object.freeze({ title: 'Fashion-MNIST: clothing', many: 'Fashion-MNIST images', draw: 'draw a piece of clothing',
    caption: 'Draw a piece of clothing (mouse, finger, or arrow keys + Space), or show a test image. Delete clears.' }),
  csv: Object.freeze({ title: 'Your CSV as images', many: 'images', draw: 'draw an image',
    caption: 'Draw (mouse, finger, or arrow keys + Space), or show a test image. Delete clears.' }),
});
export const imageNoun = (name) => (Object.prototype.hasOwnProperty.call(IMAGE_NOUNS, name) ? IMAGE_NOUNS[name] : IMAGE_NOUNS.digits);

// The network's answer for one image, for any class name: a digit, "Ankle boot", a CSV's label
// ("It is a Ankle boot" was wrong English; no article or verb reads right for every name).
export function predictionText(name, p) {
  return `Prediction: ${name} (${fmtPct(p)})`;
}
