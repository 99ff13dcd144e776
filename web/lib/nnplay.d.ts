// nnplay JavaScript API. The same module works in node (tests, scripts), in the
// page, and in a Web Worker. All heavy work runs in the WASM core.
//
// Memory: objects returned by the API are plain JS values or owned copies
// (Float32Array copies, not views into wasm memory), so they never go stale when
// the wasm heap grows. Network and Dataset hold wasm memory: call .delete() when
// you are done with one (or let a FinalizationRegistry do it eventually).
//
// Errors: every bad argument throws a JS Error whose message is the core's message,
// e.g. "layer 1: units must be between 1 and 1,000,000,000,000, got 0". A value of the
// wrong JS type is caught by the wrapper first: 'lr must be a number, got "abc"'.
// The module keeps working, and no wasm memory is leaked by an error.
//
// Defaults below are the JS API's. The CLI differs in two: `nnplay train` uses
// init 'playground' and 100 epochs.

export type ActivationName = 'linear' | 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid' | 'gelu' | 'swish' | 'softmax';
export type LossName = 'half_mse' | 'bce' | 'softmax_ce';
export type InitName = 'playground' | 'glorot_uniform' | 'glorot_normal' | 'he_uniform' | 'he_normal' |
  'lecun_uniform' | 'lecun_normal' | 'zeros';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export type FeatureName = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sinx1' | 'sinx2';
export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'blobs' | 'plane' | 'multigauss';

export interface CreateOptions {
  /**
   * 'split' (default): web/gen/nnplay_core.js + .wasm in node, nnplay_core.mjs + .wasm in browsers.
   * 'single': nnplay_core.single.js (wasm inlined; works from file://). In a page, load it with a
   * classic <script> first; createNNPlay then uses the global createNNModule it defines.
   * Each build is loaded once; later calls return the same promise.
   */
  build?: 'split' | 'single';
}
export function createNNPlay(options?: CreateOptions): Promise<NNPlay>;

/** Exact integer counts are bigint (they may exceed 2^53). */
export interface BlockCount { in: bigint; out: bigint; weights: bigint; biases: bigint; params: bigint; macs: bigint; }
export interface ParamReport {
  blocks: BlockCount[];
  weights: bigint; biases: bigint; params: bigint; macs: bigint; neurons: bigint;
  /** bytes: int8 adds one fp32 scale per block; int4 packs two per byte plus a scale per block */
  storage: { fp32: bigint; fp16: bigint; int8: bigint; int4: bigint };
  /** optimiser state in floats */
  optimizer: { sgd: bigint; momentum: bigint; adam: bigint };
  /** activation memory per sample, in floats */
  activations: { inference: bigint; training: bigint };
}

/** activation default 'tanh', bias default true */
export interface LayerSpec { units: number; activation?: ActivationName; bias?: boolean; }
export interface NetworkSpec {
  inputs: number;
  /** hidden layers then the output layer */
  layers: LayerSpec[];
  loss?: LossName;          // default 'half_mse'
  init?: InitName;          // default 'glorot_uniform'
  seed?: number;            // default 1
}

export interface TrainOptions {
  optimizer?: OptimizerName; // default 'sgd'
  lr?: number;               // default 0.03
  batchSize?: number;        // default 10
  l1?: number; l2?: number;  // default 0
  momentum?: number;         // default 0.9
  epochs?: number;           // trainEpochs only, default 1
  seed?: number;             // shuffling, default 1
}
export interface Metrics { loss: number; accuracy: number | null; samples: number; }
export interface EpochReport {
  epoch: number; train: Metrics; test: Metrics;
  /** true: loss became NaN/Inf, weights restored to the start of that epoch, training stops */
  diverged: boolean; message: string;
}
export interface GridOptions {
  xMin?: number; xMax?: number; yMin?: number; yMax?: number;  // default -6..6
  resolution?: number;                                         // default 100 (→ 100×100)
  features?: FeatureName[];                                    // default the network's features
  neurons?: boolean;                                           // default true
}
export interface GridResult {
  resolution: number;
  /** row-major (y from yMax down to yMin, x from xMin to xMax), first output unit */
  output: Float32Array;
  /** neurons[layer][unit]: the same map for every hidden/output unit */
  neurons: Float32Array[][];
}

export interface Network {
  readonly inputs: number;
  readonly outputs: number;
  readonly layers: Required<LayerSpec>[];
  readonly loss: LossName;
  features: FeatureName[] | string[];
  /** block i connects layer i-1 (or the input) to layer i; (in, out) row-major, Keras layout */
  getWeights(block: number): Float32Array;
  setWeights(block: number, w: Float32Array | number[]): void;
  getBiases(layer: number): Float32Array;
  setBiases(layer: number, b: Float32Array | number[]): void;
  setWeight(block: number, from: number, to: number, value: number): void;
  setBias(layer: number, unit: number, value: number): void;
  paramCount(): bigint;
  predict(x: Float32Array | number[], n?: number): Float32Array;
  /** every layer's outputs for one input */
  activations(x: Float32Array | number[]): Float32Array[];
  /** default grid features: the network's `features`, else ['x1','x2'] for a 2-input network */
  evaluateGrid(opts?: GridOptions): GridResult;
  trainEpochs(data: Dataset, opts?: TrainOptions): EpochReport[];
  /** one optimiser step on x (n × inputs) and encoded targets y (n × outputs); returns the loss */
  trainBatch(x: Float32Array, y: Float32Array, opts?: TrainOptions): number;
  /**
   * `steps` optimiser steps in one call, on consecutive equal batches: x holds steps × n rows
   * (steps × n × inputs values) and y their targets. The same as calling trainBatch on each
   * batch in turn (the same bits), with one JS↔WASM call instead of `steps`. Returns each
   * step's loss; stops after a non-finite loss (the array then ends with it).
   */
  trainSteps(x: Float32Array, y: Float32Array, steps: number, opts?: TrainOptions): Float64Array;
  evaluate(data: Dataset): { train: Metrics; test: Metrics };
  /** a copy with weights rounded through fp16 or int8 (per-block scale) */
  quantized(precision: 'fp32' | 'fp16' | 'int8'): Network;
  clone(): Network;
  /**
   * The core's model file (docs/model-format.md). It records the features, init, seed, the last
   * training settings, epochs trained and dataset name; `extra` overrides them.
   * JSON.stringify(net) calls this too (with a string key, which is ignored).
   */
  toJSON(extra?: ModelExtra): string;
  /** use the scalar reference kernels (comparison/benchmarks only; same bits, slower) */
  useReferenceKernels(on?: boolean): void;
  /** frees the wasm memory now; later calls throw "this Network was deleted". Safe to call twice. */
  delete(): void;
}
export interface ModelExtra {
  features?: FeatureName[]; init?: InitName; batchSize?: number; epochs?: number; seed?: number; dataset?: string;
}
export interface NetworkConstructor {
  new(spec: NetworkSpec): Network;
  fromJSON(text: string): Network;
}

export interface Dataset {
  readonly size: number; readonly trainSize: number; readonly testSize: number;
  readonly inputs: number; readonly classes: number; // 0 = regression
  readonly inputNames: string[];
  /** inputs (size × inputs) and labels (class index or value), train rows first */
  x(): Float32Array;
  labels(): Float64Array;
  /** raw 2-D points (for drawing) in row order, like x() and labels(): only for generated/point datasets (throws for CSV) */
  points(): { x1: Float64Array; x2: Float64Array; labels: Float64Array };
  delete(): void;
}
/** defaults: noise 0, trainRatio 0.5, seed 1 (generation and split), samples 0 (= TF Playground's
 * 500 / 1200), classes 3 (blobs only), features ['x1','x2'] */
export interface MakeDatasetOptions {
  noise?: number; trainRatio?: number; seed?: number; samples?: number; classes?: number;
  features?: FeatureName[];
}
/** classes 0 = regression; defaults: features ['x1','x2'], trainRatio 1, seed 1 */
export interface PointsInput {
  x1: ArrayLike<number>; x2: ArrayLike<number>; labels: ArrayLike<number>;
  classes: number; features?: FeatureName[]; trainRatio?: number; seed?: number;
}

export interface NNPlay {
  readonly version: string;
  /** instruction set of the dense kernels, e.g. 'sse4.1' (wasm SIMD128) */
  readonly simd: string;
  /** float lanes per SIMD register (4 in wasm) */
  readonly lanes: number;
  countParameters(widths: number[], opts?: { bias?: boolean }): ParamReport;
  Network: NetworkConstructor;
  makeDataset(name: DatasetName, opts?: MakeDatasetOptions): Dataset;
  datasetFromPoints(p: PointsInput): Dataset;
  /** defaults: labelColumn '' (the last column), regression false, trainRatio 1, seed 1 */
  datasetFromCSV(text: string, opts?: { labelColumn?: string; regression?: boolean; trainRatio?: number; seed?: number }): Dataset;
  /** current size of the wasm heap in bytes */
  heapBytes(): number;
  /** bytes in use by the allocator, mallinfo().uordblks (for leak checks) */
  heapUsed(): number;
}
