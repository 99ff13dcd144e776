// Neuron thumbnails for the diagram (page and widgets): the callback diagram.update() calls per
// neuron, from a frame's maps. Input neurons show their feature over the grid as the core
// computed it (frame.inputs, core/grid.h, pmath), scaled here only for display. Pure.

export const THUMB_RES = 20;
// Display scale into −1..1 over the ±6 grid (TF Playground's feature pictures): x/6, x²/18 − 1,
// x₁x₂/18; sines are already in range. Drawing only, not a model rule.
const SHOW = { x1: [1 / 6, 0], x2: [1 / 6, 0], x1sq: [1 / 18, -1], x2sq: [1 / 18, -1], x1x2: [1 / 18, 0] };
const shown = new WeakMap();  // core map → scaled copy

export function featureThumb(name, values) {
  const [k, b] = SHOW[name] || [1, 0];
  if (k === 1 && b === 0) return values;
  if (!shown.has(values)) shown.set(values, values.map((v) => v * k + b));
  return shown.get(values);
}

// frame: {neurons: [layer][unit] → Float32Array(res²)}; features: the input feature names
// ([] for CSV columns, which have no thumbnail); layers: [{units, activation}] incl. the output.
export function thumbsFor(frame, features, layers) {
  const last = layers.length - 1;
  const outAct = layers[last].activation;
  return (c, u) => {
    if (c === 0) {
      const name = features[u];
      const v = frame.inputs && frame.inputs[u];
      return name && v ? { values: featureThumb(name, v), res: Math.round(Math.sqrt(v.length)), mode: 'signed' } : null;
    }
    const v = frame.neurons && frame.neurons[c - 1] && frame.neurons[c - 1][u];
    if (!v) return null;
    const mode = c - 1 === last && (outAct === 'sigmoid' || outAct === 'softmax') ? 'prob' : 'signed';
    return { values: v, res: Math.round(Math.sqrt(v.length)), mode };
  };
}
