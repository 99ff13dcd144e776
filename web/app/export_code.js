// The network as PyTorch or Keras code that computes what nnplay computes: the same layers and
// activations (leaky-ReLU slope 0.01, tanh-approximated GELU, softmax/sigmoid outputs), the
// same input features, every trained weight as the exact float32, and nnplay's loss and
// optimiser rule (core/loss.h, core/optim.h). Pure: a model file in, text out; no DOM, so
// node tests run the same code the page runs (tests/js/export_torch.slow.test.mjs runs the
// PyTorch text with Debian's torch, tests/js/export_keras.test.mjs rebuilds the Keras model
// in TensorFlow.js layers). User text reaches the code only through pyString (./escape.js).
//
// model: a parsed nnplay model file (docs/model-format.md; the page's export adds `name`).
// opts.inputNames: names of the inputs when the file has no `features` (a raw CSV's columns).
// opts.training: the JS API's TrainOptions (optimizer, lr, momentum, batchSize, l1, l2) to use
//   instead of the file's `training` (the page passes its current settings).
import { pyString } from './escape.js';

const TF_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];

// nnplay computes features in double from double coordinates and rounds them to float32
// (core/dataset.cpp compute_features); x1, x2 here are float64 arrays of the same points.
const FEATURE_TORCH = { x1: 'x1', x2: 'x2', x1sq: 'x1 * x1', x2sq: 'x2 * x2', x1x2: 'x1 * x2',
  sinx1: 'torch.sin(x1)', sinx2: 'torch.sin(x2)' };
const FEATURE_NUMPY = { x1: 'x1', x2: 'x2', x1sq: 'x1 * x1', x2sq: 'x2 * x2', x1x2: 'x1 * x2',
  sinx1: 'np.sin(x1)', sinx2: 'np.sin(x2)' };

// nnplay's activations (core/activation.cpp) as torch modules; linear needs none. The slope is
// core's kLeakySlope (0.01f); GELU is 0.5·z·(1 + tanh(√(2/π)·(z + 0.044715·z³))).
const TORCH_ACT = {
  linear: null, relu: 'nn.ReLU()', leaky_relu: 'nn.LeakyReLU(negative_slope=0.01)', tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()', gelu: 'nn.GELU(approximate="tanh")', swish: 'nn.SiLU()', softmax: 'nn.Softmax(dim=1)',
};
// Keras 3: Dense's activation argument, or (leaky ReLU) a layer after a linear Dense, since
// Keras' own "leaky_relu" defaults to slope 0.2 and "gelu" to the exact erf form.
const KERAS_ACT = {
  linear: '"linear"', relu: '"relu"', tanh: '"tanh"', sigmoid: '"sigmoid"', gelu: 'gelu_tanh',
  swish: '"silu"', softmax: '"softmax"', leaky_relu: '"linear"',
};

// The shortest decimal that reads back (decimal → double → float32, as Python's float and
// numpy/torch's float32 conversion do) to exactly the float32 nnplay holds. The model file's
// writer uses the same rule (docs/model-format.md, "Numbers are exact").
export function float32Literal(x) {
  const f = Math.fround(x);
  if (Number.isNaN(f)) return 'float("nan")';
  if (f === Infinity) return 'float("inf")';
  if (f === -Infinity) return '-float("inf")';
  if (Object.is(f, -0)) return '-0.0';
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return pyNumber(s);
  }
  return pyNumber(f.toPrecision(9));  // 9 significant digits always round-trip a float32
}

// Settings (learning rates) are doubles: the shortest round-tripping text (JS's), as Python reads it.
function pyDouble(x) {
  if (!Number.isFinite(x)) throw new Error(`export: ${x} is not a finite number`);
  return pyNumber(String(x));
}

// "1.5e-7" and "0.25" are Python floats as they are; "3" and "1e+21" are made floats.
function pyNumber(s) {
  const t = s.replace('e+', 'e');
  return /^-?\d+$/.test(t) ? `${t}.0` : t;
}

function floatList(values, indent) {
  const items = Array.from(values, float32Literal);
  const rows = [];
  for (let i = 0; i < items.length; i += 8) rows.push(items.slice(i, i + 8).join(', '));
  if (rows.length <= 1) return `[${rows.join('')}]`;
  return `[\n${rows.map((r) => `${indent}    ${r},`).join('\n')}\n${indent}]`;
}

// What every export needs to know, checked once.
function describe(model, opts = {}) {
  if (!model || model.format !== 'nnplay-model') throw new Error('export: not an nnplay model file');
  const inputs = model.inputs;
  const named = Array.isArray(model.features) && model.features.length ? model.features : opts.inputNames || [];
  const names = Array.from(named, String);
  if (names.length && names.length !== inputs) {
    throw new Error(`export: ${names.length} input names for ${inputs} inputs`);
  }
  const tfFeatures = names.length > 0 && Array.isArray(model.features) && model.features.length > 0 &&
    names.every((n) => TF_FEATURES.includes(n));
  const layers = model.layers.map((l, i) => {
    const n_in = i === 0 ? inputs : model.layers[i - 1].units;
    if (!(l.activation in TORCH_ACT)) throw new Error(`export: unknown activation in layer ${i + 1}`);
    return { n_in, units: l.units, activation: l.activation, bias: l.bias !== false,
      weights: l.weights || [], biases: l.biases || [] };
  });
  const file = model.training || {};
  const t = opts.training || {};
  const pick = (a, b, d) => (a !== undefined ? a : b !== undefined ? b : d);
  const training = {
    optimizer: pick(t.optimizer, file.optimizer, 'sgd'),
    lr: pick(t.lr, file.lr, 0.03),
    momentum: pick(t.momentum, file.momentum, 0.9),
    beta1: pick(t.beta1, file.beta1, 0.9),
    beta2: pick(t.beta2, file.beta2, 0.999),
    eps: pick(t.eps, file.eps, 1e-8),
    l1: pick(t.l1, file.l1, 0),
    l2: pick(t.l2, file.l2, 0),
    batchSize: pick(t.batchSize, file.batch_size, 10),
  };
  return { name: typeof model.name === 'string' ? model.name : null, inputs, names, tfFeatures,
    layers, loss: model.loss, training };
}

function header(d, what) {
  return [
    `# An nnplay network as ${what} code: the same layers and activations and the trained`,
    '# weights (every float32 exactly), so the model computes what nnplay computes.',
  ];
}

function nameLines(d) {
  const lines = [];
  if (d.name !== null) lines.push(`NAME = ${pyString(d.name)}`);
  lines.push(`INPUTS = [${d.names.map(pyString).join(', ')}]  # the network's inputs, in order`);
  return lines;
}

function featureFunction(d, kind) {
  if (!d.tfFeatures) {
    return ['# The inputs are used as they are (no scaling): one column per name in INPUTS.'];
  }
  const map = kind === 'torch' ? FEATURE_TORCH : FEATURE_NUMPY;
  const cols = d.names.map((n) => map[n]).join(', ');
  const body = kind === 'torch' ? [
    '    x1 = torch.as_tensor(x1, dtype=torch.float64)',
    '    x2 = torch.as_tensor(x2, dtype=torch.float64)',
    `    return torch.stack([${cols}], dim=1).to(torch.float32)`,
  ] : [
    '    x1 = np.asarray(x1, dtype=np.float64)',
    '    x2 = np.asarray(x2, dtype=np.float64)',
    `    return np.stack([${cols}], axis=1).astype(np.float32)`,
  ];
  return [
    '# The network\'s inputs from raw 2-D points (x1, x2), as nnplay computes them: in float64,',
    '# then rounded to float32.',
    'def features(x1, x2):',
    ...body,
  ];
}

// ---------- PyTorch ----------

const TORCH_LOSS = {
  half_mse: [
    '# nnplay\'s half_mse: ½ · mean over samples of Σ over outputs (a − y)². Targets y: ±1 for two',
    '# classes with one output, one-hot for k outputs, the value for regression.',
    'def loss_fn(x, y):',
    '    return 0.5 * ((model(x) - y) ** 2).sum(dim=1).mean()',
  ],
  bce: [
    '# nnplay\'s bce, from the logit (the output before its sigmoid): mean over samples of Σ over',
    '# outputs; targets y are 0 or 1.',
    'def loss_fn(x, y):',
    '    z = model[:-1](x)',
    '    return F.binary_cross_entropy_with_logits(z, y, reduction="none").sum(dim=1).mean()',
  ],
  softmax_ce: [
    '# nnplay\'s softmax_ce, from the logits (the outputs before the softmax): mean over samples of',
    '# −Σ y·log softmax(z); targets y are one-hot rows.',
    'def loss_fn(x, y):',
    '    z = model[:-1](x)',
    '    return -(y * F.log_softmax(z, dim=1)).sum(dim=1).mean()',
  ],
};

export function pytorchCode(model, opts = {}) {
  const d = describe(model, opts);
  const t = d.training;
  const lines = [...header(d, 'PyTorch'), '# Needs torch 1.12 or later (nn.GELU(approximate="tanh")).',
    'import torch', 'from torch import nn', 'import torch.nn.functional as F', '', ...nameLines(d), '',
    ...featureFunction(d, 'torch'), '', 'model = nn.Sequential('];
  const index = [];  // position of each nn.Linear in the Sequential
  let k = 0;
  for (const l of d.layers) {
    index.push(k++);
    lines.push(`    nn.Linear(${l.n_in}, ${l.units}${l.bias ? '' : ', bias=False'}),`);
    const a = TORCH_ACT[l.activation];
    if (a) { lines.push(`    ${a},`); k++; }
  }
  lines.push(')', '');
  if (!TORCH_ACT[d.layers.at(-1).activation] && d.loss !== 'half_mse') {
    throw new Error(`export: loss ${d.loss} needs an output activation`);
  }
  lines.push(
    '# nnplay keeps a block\'s weights as (in, out) row-major; nn.Linear holds (out, in).',
    'def kernel(values, n_in, n_out):',
    '    return torch.tensor(values, dtype=torch.float32).reshape(n_in, n_out).t()',
    '',
    'with torch.no_grad():');
  d.layers.forEach((l, i) => {
    lines.push(`    model[${index[i]}].weight.copy_(kernel(${floatList(l.weights, '    ')}, ${l.n_in}, ${l.units}))`);
    if (l.bias) lines.push(`    model[${index[i]}].bias.copy_(torch.tensor(${floatList(l.biases, '    ')}, dtype=torch.float32))`);
  });
  lines.push('', ...TORCH_LOSS[d.loss], '');
  const groups = 'param_groups = [{"params": weights, "weight_decay": L2}, {"params": biases, "weight_decay": 0.0}]';
  const opt = t.optimizer === 'adam'
    ? `torch.optim.Adam([g for g in param_groups if g["params"]], lr=${pyDouble(t.lr)}, betas=(${pyDouble(t.beta1)}, ${pyDouble(t.beta2)}), eps=${pyDouble(t.eps)})`
    : t.optimizer === 'momentum'
      ? `torch.optim.SGD([g for g in param_groups if g["params"]], lr=${pyDouble(t.lr)}, momentum=${pyDouble(t.momentum)})`
      : `torch.optim.SGD([g for g in param_groups if g["params"]], lr=${pyDouble(t.lr)})`;
  lines.push(
    '# nnplay\'s optimiser (core/optim.h): the gradient g is the batch mean; weights (not biases) get',
    '# g + L2·w + L1·sign(w) (torch\'s weight_decay is the L2 term); momentum is v = μ·v + g,',
    '# w −= lr·v; Adam divides by √v̂ + ε with both bias corrections, as torch does.',
    `L1 = ${pyDouble(t.l1)}`,
    `L2 = ${pyDouble(t.l2)}`,
    `BATCH_SIZE = ${Number(t.batchSize) | 0}`,
    'weights = [m.weight for m in model if isinstance(m, nn.Linear)]',
    'biases = [m.bias for m in model if isinstance(m, nn.Linear) and m.bias is not None]',
    groups,
    `optimizer = ${opt}`,
    '',
    '# One minibatch step as nnplay takes it; returns the batch\'s loss.',
    'def train_step(x, y):',
    '    optimizer.zero_grad()',
    '    loss = loss_fn(x, y)',
    '    loss.backward()',
    '    if L1:',
    '        for w in weights:',
    '            w.grad += L1 * torch.sign(w.detach())',
    '    optimizer.step()',
    '    return loss.item()',
    '',
    'if __name__ == "__main__":',
    '    print(sum(p.numel() for p in model.parameters()), "parameters")',
  );
  if (d.tfFeatures) lines.push('    print(model(features([0.5, -1.0], [1.0, 2.0])))');
  return lines.join('\n') + '\n';
}

// ---------- Keras ----------

const KERAS_LOSS = {
  half_mse: [
    '# nnplay\'s half_mse: ½ · Σ over outputs (a − y)², averaged over the batch by Keras.',
    'def loss(y, a):',
    '    return 0.5 * keras.ops.sum(keras.ops.square(a - y), axis=-1)',
  ],
  bce: ['# nnplay computes bce from the logit; Keras from the probability clipped to [1e-7, 1 − 1e-7].',
    'loss = "binary_crossentropy"'],
  softmax_ce: ['# nnplay computes softmax_ce from the logits; Keras from the probabilities clipped at 1e-7.',
    'loss = "categorical_crossentropy"  # one-hot targets'],
};

export function kerasCode(model, opts = {}) {
  const d = describe(model, opts);
  const t = d.training;
  const lines = [...header(d, 'Keras 3'), 'import numpy as np', 'import keras', '', ...nameLines(d), '',
    ...featureFunction(d, 'numpy'), ''];
  if (d.layers.some((l) => l.activation === 'gelu')) {
    lines.push('# nnplay\'s GELU is the tanh approximation; Keras\' "gelu" is the exact (erf) one.',
      'def gelu_tanh(x):', '    return keras.activations.gelu(x, approximate=True)', '');
  }
  const reg = t.l1 ? `keras.regularizers.L1(${pyDouble(t.l1)})`
    : t.l2 ? `keras.regularizers.L2(${pyDouble(t.l2 / 2)})` : null;
  lines.push('model = keras.Sequential([', `    keras.Input(shape=(${d.inputs},)),`);
  for (const l of d.layers) {
    const args = [`${l.units}`, `activation=${KERAS_ACT[l.activation]}`];
    if (!l.bias) args.push('use_bias=False');
    if (reg) args.push(`kernel_regularizer=${reg}`);
    lines.push(`    keras.layers.Dense(${args.join(', ')}),`);
    if (l.activation === 'leaky_relu') lines.push('    keras.layers.LeakyReLU(negative_slope=0.01),');
  }
  lines.push('])', '',
    '# Trained weights: each Dense\'s kernel (in, out), nnplay\'s own layout, then its bias.',
    'model.set_weights([');
  for (const l of d.layers) {
    lines.push(`    np.array(${floatList(l.weights, '    ')}, dtype=np.float32).reshape(${l.n_in}, ${l.units}),`);
    if (l.bias) lines.push(`    np.array(${floatList(l.biases, '    ')}, dtype=np.float32),`);
  }
  lines.push('])', '', ...KERAS_LOSS[d.loss], '');
  if (t.l2 && !t.l1) lines.push('# nnplay\'s L2 penalty is L2·½·Σw²; Keras\' L2(r) is r·Σw², hence L2/2.');
  if (t.l1 && t.l2) lines.push(`# nnplay also adds L2 = ${pyDouble(t.l2)} (½·L2·Σw²); add keras.regularizers.L1L2 to match.`);
  const opt = t.optimizer === 'adam'
    ? `keras.optimizers.Adam(learning_rate=${pyDouble(t.lr)}, beta_1=${pyDouble(t.beta1)}, beta_2=${pyDouble(t.beta2)}, epsilon=${pyDouble(t.eps)})`
    : t.optimizer === 'momentum'
      ? `keras.optimizers.SGD(learning_rate=${pyDouble(t.lr)}, momentum=${pyDouble(t.momentum)})`
      : `keras.optimizers.SGD(learning_rate=${pyDouble(t.lr)})`;
  if (t.optimizer === 'adam') lines.push('# Keras adds epsilon to √v before the bias correction, nnplay (and torch) after it.');
  lines.push(`model.compile(optimizer=${opt}, loss=loss)`,
    `BATCH_SIZE = ${Number(t.batchSize) | 0}`,
    '',
    'if __name__ == "__main__":',
    '    model.summary()');
  if (d.tfFeatures) lines.push('    print(model.predict(features([0.5, -1.0], [1.0, 2.0])))');
  return lines.join('\n') + '\n';
}
