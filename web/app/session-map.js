// The large decision map, painted in the training worker (issue 14: maps drawn off the page's
// main thread): the page hands its map canvas to the session as an OffscreenCanvas (command
// mapPaint) and the session paints every map it computes there, with the data points, the
// page's view options (discretize, test data) and, while a neuron is hovered or focused, that
// neuron's map at the same resolution (command view). Frames then carry no map values. The
// painting is web/app/heatmap.js's, as on the page. Used by session.js only; no DOM.
import { createHeatmap } from './heatmap.js';
import { featureThumb } from './thumbs.js';

const points = new WeakMap();  // Dataset → {x1, x2, labels, trainSize, classes} for drawing

// canvas: the OffscreenCanvas (the first time); width, height: its size in device pixels; dpr:
// the page's devicePixelRatio (the points' size).
export function mapPaint(s, canvas, width, height, dpr) {
  if (!s.mapView) s.mapView = { canvas: null, heatmap: null, last: null, painted: 0, shown: null };
  const v = s.mapView;
  const ok = (n) => Number.isInteger(n) && n > 0 && n <= 8192;
  if (canvas) {
    v.canvas = canvas;
    if (ok(width) && ok(height)) { canvas.width = width; canvas.height = height; }
    v.heatmap = createHeatmap(canvas, null, { dpr: Number.isFinite(dpr) && dpr > 0 && dpr <= 8 ? dpr : 1 });
  } else if (v.canvas && ok(width) && ok(height) && (v.canvas.width !== width || v.canvas.height !== height)) {
    v.canvas.width = width;
    v.canvas.height = height;
  }
  if (v.last) paintMap(s, v.last);
}

export const paintsMap = (s) => !!(s.mapView && s.mapView.heatmap);

function pointsOf(s) {
  const d = s.data;
  if (!d || s.rawCsv || s.images) return null;
  if (!points.has(d)) {
    const c = s.coords(d);
    points.set(d, c && { x1: c.x1, x2: c.x2, labels: Float32Array.from(d.labels()), trainSize: d.trainSize, classes: d.classes });
  }
  return points.get(d);
}

// How the output is coloured: classes (softmax or several outputs), 0…1 (sigmoid), or −1…+1.
function outputMode(net) {
  const out = net.layers[net.layers.length - 1];
  if (out.activation === 'softmax' || out.units > 1) return 'classes';
  return out.activation === 'sigmoid' ? 'prob' : 'signed';
}

// map: the session's outputMap() result ({values, res, outputs, neuron?}), or null (no map: a
// CSV with other than 2 inputs, an image set). Paints what the page's map shows now.
export function paintMap(s, map) {
  const v = s.mapView;
  if (!v || !v.heatmap) return;
  v.last = map;
  const st = s.settings || {};
  const opts = { discretize: !!st.discretize, showTest: !!st.showTestData };
  const net = s.net;
  if (!map || !net) { v.heatmap.draw(null, null, opts); v.shown = null; return; }
  const n = s.viewNeuron;
  let shown = { values: map.values, res: map.res, outputs: map.outputs }, mode = outputMode(net), neuron = null;
  if (n && n.column === 0) {
    // an input: the core's feature values over the same grid, scaled for display (thumbs.js)
    const name = s.features()[n.unit];
    if (name) {
      v.inputs = v.inputs || new Map();
      const key = `${name}@${map.res}`;
      if (!v.inputs.has(key)) v.inputs.set(key, featureThumb(name, s.nn.featureGrid({ features: [name], resolution: map.res })[0]));
      shown = { values: v.inputs.get(key), res: map.res, outputs: 1 };
      mode = 'signed';
      neuron = n;
    }
  } else if (n && map.neuron && map.neuron.column === n.column && map.neuron.unit === n.unit) {
    const layer = net.layers[n.column - 1];
    const out = n.column === net.layers.length;
    shown = { values: map.neuron.values, res: map.res, outputs: 1 };
    mode = out && (layer.activation === 'sigmoid' || layer.activation === 'softmax') ? 'prob' : 'signed';
    neuron = n;
  }
  v.shown = neuron && { column: neuron.column, unit: neuron.unit };  // frames and 'mapShown' say so
  v.heatmap.draw(shown, pointsOf(s), { ...opts, mode });
  v.painted++;
}
