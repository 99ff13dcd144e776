// Neuron thumbnails for the diagram (page and widgets): the callback diagram.update() calls per
// neuron, from a frame's maps. Input neurons show their feature over the grid (computed once per
// feature name and resolution). Pure apart from that cache.
import { featureMap } from './heatmap.js';
import { FEATURES } from './state.js';

export const THUMB_RES = 20;
const featureCache = new Map();  // `${name}@${res}` → Float32Array

function featureThumb(name, res) {
  const key = `${name}@${res}`;
  if (!featureCache.has(key)) featureCache.set(key, featureMap(name, res));
  return featureCache.get(key);
}

// frame: {neurons: [layer][unit] → Float32Array(res²)}; features: the input feature names
// ([] for CSV columns, which have no thumbnail); layers: [{units, activation}] incl. the output.
export function thumbsFor(frame, features, layers) {
  const last = layers.length - 1;
  const outAct = layers[last].activation;
  return (c, u) => {
    if (c === 0) {
      const name = features[u];
      return name && FEATURES.some((f) => f.name === name) ? { values: featureThumb(name, THUMB_RES), res: THUMB_RES, mode: 'signed' } : null;
    }
    const v = frame.neurons && frame.neurons[c - 1] && frame.neurons[c - 1][u];
    if (!v) return null;
    const mode = c - 1 === last && (outAct === 'sigmoid' || outAct === 'softmax') ? 'prob' : 'signed';
    return { values: v, res: Math.round(Math.sqrt(v.length)), mode };
  };
}
