// Exports: the architecture as Keras or PyTorch code, the diagram as SVG/PNG, files for download.
// Code generation is pure (settings + NetworkSpec in, text out); nothing typed by a user reaches
// the generated code except validated names and numbers.
import { featureNames, trainOptions } from './state.js';
import { svgToString } from './diagram.js';

const KERAS_ACT = { linear: 'linear', relu: 'relu', leaky_relu: 'leaky_relu', tanh: 'tanh', sigmoid: 'sigmoid',
  gelu: 'gelu', swish: 'swish', softmax: 'softmax' };
const TORCH_ACT = { linear: null, relu: 'nn.ReLU()', leaky_relu: 'nn.LeakyReLU(0.01)', tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()', gelu: 'nn.GELU()', swish: 'nn.SiLU()', softmax: null };
const KERAS_INIT = { glorot_uniform: '"glorot_uniform"', glorot_normal: '"glorot_normal"', he_uniform: '"he_uniform"',
  he_normal: '"he_normal"', lecun_uniform: '"lecun_uniform"', lecun_normal: '"lecun_normal"', zeros: '"zeros"',
  playground: 'keras.initializers.RandomUniform(-0.5, 0.5)' };
const FEATURE_PY = { x1: 'x1', x2: 'x2', x1sq: 'x1**2', x2sq: 'x2**2', x1x2: 'x1*x2', sinx1: 'np.sin(x1)', sinx2: 'np.sin(x2)' };

function featureLines(names) {
  if (!names.length) return [];
  return [
    '# Inputs, in this order (x1, x2 are the raw 2-D coordinates):',
    `#   X = np.stack([${names.map((n) => FEATURE_PY[n] || n).join(', ')}], axis=1)`,
  ];
}

function lossNote(spec) {
  if (spec.loss === 'half_mse') return '# nnplay uses ½·MSE (labels ±1 for two classes); Keras MSE has no ½, so its gradients are 2× ours.';
  return '';
}

// spec: the NetworkSpec (inputs, layers incl. output, loss, init); s: settings.
export function kerasCode(s, spec, inputNames = featureNames(s)) {
  const t = trainOptions(s);
  const init = s.initZero ? 'zeros' : s.init;
  const reg = t.l1 ? `keras.regularizers.l1(${t.l1})` : t.l2 ? `keras.regularizers.l2(${t.l2 / 2})` : null;
  const lines = ['import numpy as np', 'import keras  # Keras 3 (or: from tensorflow import keras)', '',
    ...featureLines(inputNames), 'model = keras.Sequential([', `    keras.Input(shape=(${spec.inputs},)),`];
  for (const l of spec.layers) {
    const args = [`${l.units}`, `activation="${KERAS_ACT[l.activation] || 'linear'}"`, `kernel_initializer=${KERAS_INIT[init]}`];
    if (init === 'playground') args.push('bias_initializer=keras.initializers.Constant(0.1)');
    if (reg) args.push(`kernel_regularizer=${reg}`);
    lines.push(`    keras.layers.Dense(${args.join(', ')}),`);
  }
  lines.push('])');
  if (t.l2) lines.push('# nnplay\'s L2 penalty is rate·½·Σw² (TF Playground\'s); Keras l2(r) is r·Σw², hence rate/2.');
  const opt = s.optimizer === 'adam' ? `keras.optimizers.Adam(learning_rate=${t.lr})`
    : s.optimizer === 'momentum' ? `keras.optimizers.SGD(learning_rate=${t.lr}, momentum=0.9)`
      : `keras.optimizers.SGD(learning_rate=${t.lr})`;
  const loss = spec.loss === 'bce' ? '"binary_crossentropy"' : spec.loss === 'softmax_ce' ? '"sparse_categorical_crossentropy"' : '"mse"';
  const note = lossNote(spec);
  if (note) lines.push(note);
  lines.push(`model.compile(optimizer=${opt}, loss=${loss}${s.problem === 'classification' && spec.loss !== 'half_mse' ? ', metrics=["accuracy"]' : ''})`);
  lines.push('model.summary()');
  lines.push(`# model.fit(X, y, batch_size=${t.batchSize}, epochs=100, validation_split=${(1 - s.percTrainData / 100).toFixed(2)})`);
  return lines.join('\n') + '\n';
}

export function pytorchCode(s, spec, inputNames = featureNames(s)) {
  const t = trainOptions(s);
  const init = s.initZero ? 'zeros' : s.init;
  const lines = ['import numpy as np', 'import torch', 'from torch import nn', '', ...featureLines(inputNames),
    'model = nn.Sequential('];
  let prev = spec.inputs;
  for (const l of spec.layers) {
    lines.push(`    nn.Linear(${prev}, ${l.units}),`);
    const a = TORCH_ACT[l.activation];
    if (a) lines.push(`    ${a},`);
    prev = l.units;
  }
  lines.push(')');
  if (spec.layers.at(-1).activation === 'softmax') lines.push('# softmax is inside nn.CrossEntropyLoss, so the model ends with logits.');
  const initLine = {
    playground: 'nn.init.uniform_(m.weight, -0.5, 0.5); nn.init.constant_(m.bias, 0.1)',
    glorot_uniform: 'nn.init.xavier_uniform_(m.weight); nn.init.zeros_(m.bias)',
    glorot_normal: 'nn.init.xavier_normal_(m.weight); nn.init.zeros_(m.bias)',
    he_uniform: 'nn.init.kaiming_uniform_(m.weight, nonlinearity="relu"); nn.init.zeros_(m.bias)',
    he_normal: 'nn.init.kaiming_normal_(m.weight, nonlinearity="relu"); nn.init.zeros_(m.bias)',
    lecun_uniform: 'nn.init.kaiming_uniform_(m.weight, nonlinearity="linear"); nn.init.zeros_(m.bias)',
    lecun_normal: 'nn.init.kaiming_normal_(m.weight, nonlinearity="linear"); nn.init.zeros_(m.bias)',
    zeros: 'nn.init.zeros_(m.weight); nn.init.zeros_(m.bias)',
  }[init];
  lines.push('for m in model:', '    if isinstance(m, nn.Linear):', `        ${initLine}`);
  const opt = s.optimizer === 'adam' ? `torch.optim.Adam(model.parameters(), lr=${t.lr})`
    : s.optimizer === 'momentum' ? `torch.optim.SGD(model.parameters(), lr=${t.lr}, momentum=0.9)`
      : `torch.optim.SGD(model.parameters(), lr=${t.lr})`;
  lines.push(`optimizer = ${opt}`);
  const loss = spec.loss === 'bce' ? 'nn.BCELoss()' : spec.loss === 'softmax_ce' ? 'nn.CrossEntropyLoss()' : 'nn.MSELoss()  # nnplay: ½·MSE';
  lines.push(`loss_fn = ${loss}`);
  if (t.l1 || t.l2) lines.push(`# add ${t.l1 ? `${t.l1} * sum(p.abs().sum() for p in weights)` : `${t.l2} * 0.5 * sum((p**2).sum() for p in weights)`} to the loss (weights only, as nnplay)`);
  lines.push(`print(sum(p.numel() for p in model.parameters()), "parameters")`);
  lines.push(`# batch size ${t.batchSize}: for xb, yb in torch.utils.data.DataLoader(data, batch_size=${t.batchSize}, shuffle=True): ...`);
  return lines.join('\n') + '\n';
}

export function download(name, blob) {
  const a = document.createElement('a');
  const url = URL.createObjectURL(blob);
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function diagramSVGBlob(svg) {
  return new Blob([svgToString(svg)], { type: 'image/svg+xml' });
}

// Renders the diagram's SVG into a PNG at 2× (through a blob: image; the CSP allows blob: images).
export function diagramPNGBlob(svg, scale = 2) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(diagramSVGBlob(svg));
    const img = new Image();
    img.onload = () => {
      const w = Number(svg.getAttribute('width')) || img.width, h = Number(svg.getAttribute('height')) || img.height;
      const c = document.createElement('canvas');
      c.width = Math.round(w * scale); c.height = Math.round(h * scale);
      const ctx = c.getContext('2d');
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, w, h);
      URL.revokeObjectURL(url);
      c.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png');
    };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('the diagram could not be drawn as an image')); };
    img.src = url;
  });
}
