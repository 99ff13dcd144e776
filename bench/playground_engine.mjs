// TF Playground's training engine, rewritten in plain JS for the benchmark with the
// same data structures and the same work per sample as tensorflow/playground's
// src/nn.ts (Apache-2.0): one object per neuron and per link, a forward and a
// backward pass per *sample* that walk those objects, derivatives accumulated on
// every link and node, and an update every `batchSize` samples (playground.ts's
// oneStep). The decision-boundary pass (updateDecisionBoundary) forwards each grid
// point on its own and copies every node's output into that node's map.
// Its only loss is ½ squared error and its output is tanh (classification) or linear,
// so the benchmark runs it with those where nnplay uses sigmoid-BCE. Regularisation
// (regularizations, link.isDead) follows the current nn.ts; tests/js/regularisation.test.mjs
// uses this engine as the reference for nnplay's L1/L2 update.

export const activations = {
  tanh: { f: (x) => Math.tanh(x), df: (x) => { const t = Math.tanh(x); return 1 - t * t; } },
  relu: { f: (x) => Math.max(0, x), df: (x) => (x <= 0 ? 0 : 1) },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), df: (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s); } },
  linear: { f: (x) => x, df: () => 1 },
};
const squareErrorDer = (output, target) => output - target;

// nn.ts's RegularizationFunction (current tensorflow/playground): L1's derivative is 0 at 0.
export const regularizations = {
  L1: { output: (w) => Math.abs(w), der: (w) => (w < 0 ? -1 : (w > 0 ? 1 : 0)) },
  L2: { output: (w) => 0.5 * w * w, der: (w) => w },
};

class Neuron {
  constructor(id, act) {
    this.id = id;
    this.act = act;
    this.bias = 0.1;
    this.inLinks = [];
    this.outLinks = [];
    this.totalInput = 0;
    this.output = 0;
    this.outputDer = 0;
    this.inputDer = 0;
    this.accInputDer = 0;
    this.numAccumulatedDers = 0;
  }
  updateOutput() {
    let s = this.bias;
    for (let j = 0; j < this.inLinks.length; j++) {
      const link = this.inLinks[j];
      s += link.weight * link.source.output;
    }
    this.totalInput = s;
    this.output = this.act.f(s);
    return this.output;
  }
}

class Link {
  constructor(source, dest, weight) {
    this.id = source.id + '-' + dest.id;
    this.source = source;
    this.dest = dest;
    this.weight = weight;
    this.errorDer = 0;
    this.accErrorDer = 0;
    this.numAccumulatedDers = 0;
    this.regularization = null;
    this.isDead = false;  // nn.ts: set when L1 carried the weight across zero; never updated again
  }
}

// shape: [inputs, hidden..., 1]. Weights uniform in [-0.5, 0.5) as in the playground
// (Math.random() − 0.5 per link, drawn layer → node → incoming link), from a seeded
// generator so runs are repeatable, or from `random` (bench/playground_data.mjs passes
// seedrandom's stream, as TF's page does after its data).
export function buildNetwork(shape, hidden, output, seed = 1, regularization = null, random = null) {
  let s = seed >>> 0 || 1;
  const rand = random || (() => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; });
  const net = [];
  let id = 1;
  for (let l = 0; l < shape.length; ++l) {
    const layer = [];
    for (let i = 0; i < shape[l]; ++i) {
      const node = new Neuron(l === 0 ? `x${i}` : String(id++), l === shape.length - 1 ? output : hidden);
      if (l > 0) {
        for (const prev of net[l - 1]) {
          const link = new Link(prev, node, rand() - 0.5);
          link.regularization = regularization;
          prev.outLinks.push(link);
          node.inLinks.push(link);
        }
      }
      layer.push(node);
    }
    net.push(layer);
  }
  return net;
}

export function forwardProp(net, inputs) {
  const first = net[0];
  for (let i = 0; i < first.length; i++) first[i].output = inputs[i];
  for (let l = 1; l < net.length; l++) {
    const layer = net[l];
    for (let i = 0; i < layer.length; i++) layer[i].updateOutput();
  }
  return net[net.length - 1][0].output;
}

export function backProp(net, target) {
  const out = net[net.length - 1][0];
  out.outputDer = squareErrorDer(out.output, target);
  for (let l = net.length - 1; l >= 1; l--) {
    const layer = net[l];
    for (let i = 0; i < layer.length; i++) {
      const node = layer[i];
      node.inputDer = node.outputDer * node.act.df(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    for (let i = 0; i < layer.length; i++) {
      const node = layer[i];
      for (let j = 0; j < node.inLinks.length; j++) {
        const link = node.inLinks[j];
        if (link.isDead) continue;
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (l === 1) continue;
    const prev = net[l - 1];
    for (let i = 0; i < prev.length; i++) {
      const node = prev[i];
      let d = 0;
      for (let j = 0; j < node.outLinks.length; j++) {
        const link = node.outLinks[j];
        d += link.weight * link.dest.inputDer;
      }
      node.outputDer = d;
    }
  }
}

export function updateWeights(net, lr, regRate) {
  for (let l = 1; l < net.length; l++) {
    const layer = net[l];
    for (let i = 0; i < layer.length; i++) {
      const node = layer[i];
      if (node.numAccumulatedDers > 0) {
        node.bias -= (lr * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (let j = 0; j < node.inLinks.length; j++) {
        const link = node.inLinks[j];
        if (link.isDead) continue;
        const regDer = link.regularization ? link.regularization.der(link.weight) : 0;
        if (link.numAccumulatedDers > 0) {
          // nn.ts updateWeights: the gradient step, then the regulariser's step; a weight that
          // L1 carries across zero becomes 0 and dead.
          link.weight = link.weight - (lr / link.numAccumulatedDers) * link.accErrorDer;
          const newWeight = link.weight - (lr * regRate) * regDer;
          if (link.regularization === regularizations.L1 && link.weight * newWeight < 0) {
            link.weight = 0;
            link.isDead = true;
          } else {
            link.weight = newWeight;
          }
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

// playground.ts oneStep over `points` (arrays of inputs) and `labels`.
export function trainSamples(net, points, labels, batchSize, lr, regRate = 0) {
  for (let i = 0; i < points.length; i++) {
    forwardProp(net, points[i]);
    backProp(net, labels[i]);
    if ((i + 1) % batchSize === 0) updateWeights(net, lr, regRate);
  }
}

// playground.ts updateDecisionBoundary: maps[nodeId] is a density×density array.
export function makeBoundary(net, density) {
  const maps = {};
  for (let l = 1; l < net.length; l++)
    for (const node of net[l]) maps[node.id] = Array.from({ length: density }, () => new Array(density));
  return maps;
}
export function decisionBoundary(net, maps, density, lo = -6, hi = 6) {
  const input = [0, 0];
  for (let i = 0; i < density; i++) {
    for (let j = 0; j < density; j++) {
      input[0] = lo + ((hi - lo) * (i + 0.5)) / density;
      input[1] = hi - ((hi - lo) * (j + 0.5)) / density;
      forwardProp(net, input);
      for (let l = 1; l < net.length; l++) {
        const layer = net[l];
        for (let k = 0; k < layer.length; k++) maps[layer[k].id][i][j] = layer[k].output;
      }
    }
  }
}
