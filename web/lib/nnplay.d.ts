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
   * 'threads': nnplay_core_mt.mjs + .wasm + .worker.js, built with pthreads; browsers only, on a
   * cross-origin isolated page (threadsAllowed(); the headers are in docs/embed.md), else it
   * throws saying so. Training then uses nn.threads threads by default, with the same results
   * bit for bit as one thread.
   * Each build is loaded once; later calls return the same promise.
   */
  build?: 'split' | 'single' | 'threads';
  /** build 'threads' only: threads to start, 1..64 (default: the browser's cores, at most 8) */
  threads?: number;
}
export function createNNPlay(options?: CreateOptions): Promise<NNPlay>;
/** true where build 'threads' can load: a browser page or worker with crossOriginIsolated */
export function threadsAllowed(): boolean;

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
  seed?: number | string;   // default 1; a text like '0.83747' is hashed (seedFromText)
  /** TF Playground's initial weights instead of init/seed: Math.random() − 0.5 from its
   * Math.seedrandom(tfSeed) stream after tfSkip draws (the draws its data took), biases 0.1 */
  tfSeed?: string;
  tfSkip?: number;
}

export interface TrainOptions {
  optimizer?: OptimizerName; // default 'sgd'
  lr?: number;               // default 0.03
  batchSize?: number;        // default 10
  l1?: number; l2?: number;  // default 0
  momentum?: number;         // default 0.9
  epochs?: number;           // trainEpochs only, default 1
  seed?: number | string;    // shuffling, default 1
  /** 'shuffle' (default): rows reshuffled every epoch. 'tf_playground': TF Playground's fixed
   * row order, the rows after the last full batch carried into the next epoch's first update */
  order?: RowOrder;
  /** threads per training step, 1..64 (default nn.threads); any count gives the same numbers */
  threads?: number;
}
export type RowOrder = 'shuffle' | 'tf_playground';
/** `samples`: rows measured. Training metrics use every training row up to 2,000, else 2,000 spread evenly (docs/training.md). */
export interface Metrics { loss: number; accuracy: number | null; samples: number; }
export interface EpochReport {
  epoch: number; train: Metrics; test: Metrics;
  /** true: loss became NaN/Inf, weights restored to the start of that epoch, training stops */
  diverged: boolean;
  /** true (once per network and dataset): classification whose training loss stayed flat for
   *  50 epochs at no better than the most common class's share; `message` says why and what to try */
  stalled: boolean;
  message: string;
}
export interface GridOptions {
  xMin?: number; xMax?: number; yMin?: number; yMax?: number;  // default -6..6
  resolution?: number;                                         // default 100 (→ 100×100)
  features?: FeatureName[];                                    // default the network's features
  neurons?: boolean;                                           // default true
  /**
   * an earlier result to refill: when its arrays have this grid's sizes (same resolution,
   * `neurons` and layer sizes, none transferred away) they are overwritten and `into` itself is
   * returned; otherwise a new result is made and `into` is left unchanged
   */
  into?: GridResult;
}
export interface GridResult {
  resolution: number;
  /** row-major (y from yMax down to yMin, x from xMin to xMax), first output unit */
  output: Float32Array;
  /** every output unit per cell, (res², outputs): the value of unit j at cell i is outputs[i·outputs + j] */
  outputs: Float32Array;
  /** with neurons: each input feature's map as the network sees it (the core's features, pmath) */
  inputs: Float32Array[];
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
  /**
   * Part of an epoch: at most `batches` minibatches (default 1), then returns. `report` is the
   * epoch's EpochReport when this call finished it (the same bits trainEpochs gives), else null;
   * `position` is the rows of the current epoch trained so far (0 between epochs).
   */
  trainPart(data: Dataset, opts?: TrainOptions & { batches?: number }): { batches: number; position: number; report: EpochReport | null };
  /** one optimiser step on x (n × inputs) and encoded targets y (n × outputs); returns the loss */
  trainBatch(x: Float32Array, y: Float32Array, opts?: TrainOptions): number;
  /**
   * `steps` optimiser steps in one call, on consecutive equal batches: x holds steps × n rows
   * (steps × n × inputs values) and y their targets. The same as calling trainBatch on each
   * batch in turn (the same bits), with one JS↔WASM call instead of `steps`. Returns each
   * step's loss; stops after a non-finite loss (the array then ends with it).
   */
  trainSteps(x: Float32Array, y: Float32Array, steps: number, opts?: TrainOptions): Float64Array;
  /** train: by the epoch reports' rule (all training rows up to 2,000, else 2,000 spread evenly); test: the whole test split */
  evaluate(data: Dataset): { train: Metrics; test: Metrics };
  /** a copy with weights rounded through fp16, int8 or int4 (symmetric, one scale per block; biases stay fp32 for int8/int4) */
  quantized(precision: 'fp32' | 'fp16' | 'int8' | 'int4'): Network;
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
  /** images (issue 15): every row is imageWidth × imageHeight pixels (row-major, 0..1); 0 when not images */
  readonly imageWidth: number; readonly imageHeight: number;
  /** one name per class for image sets ("0".."9", "T-shirt/top"...), else empty */
  readonly classNames: readonly string[];
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
  noise?: number; trainRatio?: number; seed?: number | string; samples?: number; classes?: number;
  features?: FeatureName[];
  /** TF Playground's own data: its generators, shuffle and split from Math.seedrandom(tfSeed)
   * (samples and seed are then unused; trainRatio is taken as a whole percent) */
  tfSeed?: string;
}
/** classes 0 = regression; defaults: features ['x1','x2'], trainRatio 1, seed 1 */
export interface PointsInput {
  x1: ArrayLike<number>; x2: ArrayLike<number>; labels: ArrayLike<number>;
  classes: number; features?: FeatureName[]; trainRatio?: number; seed?: number | string;
}

export interface NNPlay {
  readonly version: string;
  /** instruction set of the dense kernels, e.g. 'sse4.1' (wasm SIMD128) */
  readonly simd: string;
  /** float lanes per SIMD register (4 in wasm) */
  readonly lanes: number;
  /** threads training uses by default: 1, or what build 'threads' really started */
  readonly threads: number;
  countParameters(widths: number[], opts?: { bias?: boolean }): ParamReport;
  /**
   * Exact parameters, storage, KV cache, Adam memory and FLOPs of a transformer stack.
   * `spec` is a preset id ('llama-2-7b') or a TransformerSpec (keys left out keep the preset's
   * values when `preset` is given, else TransformerSpec's defaults). Throws the core's message,
   * naming the key: "kv_heads: 5 does not divide heads 32; allowed: …".
   */
  countTransformer(spec: string | TransformerSpec, options?: TransformerOptions): TransformerReport;
  /** A Hugging Face config.json (model_type gpt2, llama, mistral, mixtral, qwen2, bert) as a spec. */
  transformerFromHFConfig(text: string): TransformerSpec;
  /** The presets: id, where the config comes from, and the spec. */
  transformerPresets(): { id: TransformerPresetId; source: string; spec: TransformerSpec }[];
  /** the largest config.json text transformerFromHFConfig reads, in bytes (1 MiB) */
  readonly transformerConfigLimit: number;
  Network: NetworkConstructor;
  makeDataset(name: DatasetName, opts?: MakeDatasetOptions): Dataset;
  datasetFromPoints(p: PointsInput): Dataset;
  /** defaults: labelColumn '' (the last column), regression false, trainRatio 1, seed 1 */
  /** imageWidth × imageHeight must equal the number of input columns (else an Error naming both) */
  datasetFromCSV(text: string, opts?: { labelColumn?: string; regression?: boolean; trainRatio?: number; seed?: number | string;
    imageWidth?: number; imageHeight?: number }): Dataset;
  /** grey images (uint8 pixels, row-major) and labels 0..classes-1; shuffled with the seed, then split */
  datasetFromImages(images: ImageSetInput & ImageSplit): Dataset;
  /** an NNIM file (docs/image-format.md), decompressed; e.g. web/gen/digits.nnim.gz through zlib.gunzipSync */
  datasetFromNNIM(bytes: Uint8Array | ArrayBuffer, opts?: ImageSplit): Dataset;
  /** an IDX image file (idx3-ubyte) and its label file (idx1-ubyte), decompressed; classes 0 = max label + 1 */
  datasetFromIDX(images: Uint8Array | ArrayBuffer, labels: Uint8Array | ArrayBuffer,
    opts?: ImageSplit & { classes?: number; classNames?: string[] }): Dataset;
  /** the core's NNIM writer */
  encodeNNIM(images: ImageSetInput): Uint8Array;
  // ---- the shared rules and the page's link settings (core/rules.h, core/link_settings.h) ----
  /** the settings table: every key of the page's URL hash, its type, rebuild group, default and limits */
  linkSettingsTable(): readonly SettingSpec[];
  defaultSettings(): PageSettings;
  /**
   * Parses a page link ('#dataset=spiral&seed=0.83747&…', TF Playground's keys too). A bad value
   * keeps `base`'s (default: the defaults) and adds a message; an impossible combination keeps
   * all of `base`. The one parser: `nnplay train --link` and the page use it too.
   */
  parseLink(hash: string, base?: PageSettings): { settings: PageSettings; errors: string[] };
  /** '#key=value&…' with every key */
  linkOf(settings: Partial<PageSettings>): string;
  /** the settings with `patch` applied and checked, or the core's message */
  updateSettings(settings: Partial<PageSettings>, patch: Partial<PageSettings>): { settings: PageSettings; error?: undefined } | { error: string; settings?: undefined };
  /** the largest rebuild a change needs: 'data' > 'net' > 'train' > 'view', or null */
  settingsChangeLevel(a: Partial<PageSettings>, b: Partial<PageSettings>): 'data' | 'net' | 'train' | 'view' | null;
  /** what settings train (for data with `classes` and `inputs`, default: the generated data's) */
  linkRun(settings: Partial<PageSettings>, opts?: { classes?: number; inputs?: number }): LinkRun;
  /** a page link's dataset, network and training options: N trainEpochs = N epochs of the page */
  fromLink(link: string | Partial<PageSettings>): { settings: PageSettings; errors: string[]; data: Dataset; net: Network; train: TrainOptions };
  /** the output layer for data with `classes` classes (0 = regression) under `loss` */
  outputLayer(classes: number, loss: LossName): { units: number; activation: ActivationName };
  /** softmax_ce above 2 classes, else half_mse */
  defaultLoss(classes: number): LossName;
  /** the RNG seed of a seed text: a whole number up to 2^53 − 1 is itself, other texts hash (bit 63 set) */
  seedFromText(text: string): bigint;
  /** TF Playground's Math.random after Math.seedrandom(seed) (npm seedrandom's ARC4): its first `count` numbers */
  tfRandom(seed: string, count: number): Float64Array;
  /** each feature's map over the ±6 grid (as evaluateGrid's `inputs`), without a network */
  featureGrid(opts: { features: FeatureName[]; resolution?: number }): Float32Array[];
  /** current size of the wasm heap in bytes */
  heapBytes(): number;
  /** bytes in use by the allocator, mallinfo().uordblks (for leak checks) */
  heapUsed(): number;
  /** The core's size limits (core/size_limits.h): what new Network, fromJSON and datasetFromCSV accept. */
  readonly limits: Limits;
}

/** core/size_limits.h, read from the module (never a JS copy). */
export interface Limits {
  readonly maxTrainParams: number;   // 16,777,216
  readonly maxTrainWidth: number;    // 65,536 units per layer, and inputs
  readonly maxLayers: number;        // 1,000 hidden + output layers
  readonly maxNameBytes: number;     // 128: a CSV column name / feature name
  readonly maxModelBytes: number;    // 327,417,856: the largest model the writer can produce
  readonly maxCsvBytes: number;      // 67,108,864
  readonly maxCsvRows: number;       // 1,000,000
  readonly maxCsvColumns: number;    // 65,537: every input and the label
}

/**
 * The one quoting function for messages (web/lib/quote.mjs, the twin of the core's
 * nn::quoted): user text in quotes, at most `max` (40) characters then " (cut, N characters)",
 * controls, DEL, C1, bidi overrides, lone surrogates, the quote and '\' escaped.
 */
export function quoted(text: unknown, options?: { quote?: string; max?: number }): string;
/** Each name quoted(), at most `max` (8), then "… and N more". */
export function quotedList(names: Iterable<unknown>, options?: { max?: number }): string;
/** A note naming a UTF-16 file decoded as UTF-8, or null. */
export function utf16Note(text: unknown): string | null;

// ---- transformers (issue 13) ------------------------------------------------------------------
export type TransformerPresetId = 'gpt2' | 'gpt2-medium' | 'gpt2-large' | 'gpt2-xl' | 'bert-base' |
  'llama-2-7b' | 'llama-2-13b' | 'llama-2-70b' | 'llama-3-8b' | 'mistral-7b' | 'qwen2-7b' |
  'qwen2-0.5b' | 'mixtral-8x7b';
/**
 * One transformer description; the same keys in the CLI (--kv-heads), the page's link and
 * the spec JSON. Sizes are numbers (or BigInt / decimal strings beyond 2^53). Defaults:
 * Llama-2-7B's shape.
 */
export interface TransformerSpec {
  /** start from this preset; the other keys override it */
  preset?: TransformerPresetId;
  name?: string;
  vocab?: number | bigint;
  /** d_model */
  width?: number | bigint;
  layers?: number | bigint;
  /** query heads */
  heads?: number | bigint;
  /** = heads: multi-head; 1: multi-query; a divisor of heads between: grouped-query */
  kv_heads?: number | bigint;
  /** 0 (default): width / heads, which must divide exactly */
  head_dim?: number | bigint;
  /** d_ff, per expert */
  mlp_width?: number | bigint;
  /** 'gelu': up + down (2 matrices); 'swiglu': gate + up + down (3) */
  mlp?: 'gelu' | 'swiglu';
  /** 'layernorm': weight + bias; 'rmsnorm': weight only */
  norm?: 'layernorm' | 'rmsnorm';
  /** 'learned': a context × width table; 'rotary': no parameters */
  positions?: 'learned' | 'rotary';
  /** rows of a learned position table; the default KV-cache length */
  context?: number | bigint;
  /** the output head is the token embedding */
  tied?: boolean;
  qkv_bias?: boolean; out_bias?: boolean; mlp_bias?: boolean;
  /** a norm after the last block (default true) */
  final_norm?: boolean;
  /** a norm after the embeddings (BERT) */
  embedding_norm?: boolean;
  /** token-type (segment) embedding rows, 0 = none */
  token_types?: number | bigint;
  /** BERT's pooler (width × width + width) */
  pooler?: boolean;
  /** an output head onto the vocabulary (default true; BERT's BertModel has none) */
  lm_head?: boolean;
  /** MoE experts per MLP (1 = dense) and experts used per token */
  experts?: number | bigint;
  experts_per_token?: number | bigint;
}
export interface TransformerOptions {
  /** INT8/INT4: one FP16 scale per this many weights of a row (default 128) */
  group_size?: number | bigint;
  /** KV-cache tokens per sequence (default: spec.context) */
  kv_context?: number | bigint;
  /** sequences in the KV cache (default 1) */
  batch?: number | bigint;
}
export interface TransformerTensor {
  /** 'token embedding', 'q', 'k', 'v', 'attention output', 'MLP gate', 'MLP up', 'MLP down', 'router', … */
  name: string;
  part: 'embeddings' | 'attention' | 'mlp' | 'norms' | 'head';
  /** a 2-D weight (in × out) or a norm vector */
  matrix: boolean;
  in: bigint; out: bigint;
  /** one copy */
  weights: bigint; biases: bigint;
  /** layers, or layers × experts */
  copies: bigint;
  /** copies used per token (MoE: layers × experts_per_token) */
  active_copies: bigint;
  /** (weights + biases) × copies; 0 for a tied head */
  params: bigint; active_params: bigint;
  macs_per_token: bigint;
  tied: boolean;
  in_block: boolean;
  note: string;
  /** one copy, e.g. "4,096 × 11,008 = 45,088,768 weights" */
  arithmetic: string;
}
/** bytes are exact; gb (10^9) and gib (2^30) are the core's text, two decimals */
export interface SizedBytes { bytes: bigint; gb: string; gib: string; }
export interface TransformerReport {
  /** the spec and options counted (numbers) */
  spec: Required<Omit<TransformerSpec, 'preset'>>;
  options: { group_size: number; kv_context: number; batch: number };
  head_dim: bigint;
  params: bigint; active_params: bigint; weights: bigint; biases: bigint;
  /** one block (all experts), and × layers */
  block_params: bigint; stack_params: bigint;
  parts: { embeddings: bigint; attention: bigint; mlp: bigint; norms: bigint; head: bigint };
  tensors: TransformerTensor[];
  /** fp32, bf16 (= fp16), int8, int4; rule says how */
  storage: (SizedBytes & { name: 'fp32' | 'bf16' | 'int8' | 'int4'; rule: string })[];
  kv_cache: {
    /** 2 × layers × kv_heads × head_dim */
    elements_per_token: bigint; context: bigint; batch: bigint;
    bytes_fp16: bigint; gb_fp16: string; gib_fp16: string;
    bytes_int8: bigint; gb_int8: string; gib_int8: string;
    /** FP16 bytes at 512, 1,024, … 131,072 tokens and at kv_context */
    curve: (SizedBytes & { context: bigint })[];
  };
  /** Adam in FP32: 4 B each for weights, gradients, m and v (activations not included) */
  training_adam_fp32: { weights: bigint; grads: bigint; adam_m: bigint; adam_v: bigint; total: bigint; gb: string; gib: string };
  /**
   * Forward FLOPs per token = 2 × multiply-adds. matmul: every weight matrix a token passes
   * (active experts and the output head, not embedding lookups or the pooler); attention:
   * QKᵀ and A·V for a token attending to kv_context positions (2 × layers × heads × head_dim ×
   * kv_context multiply-adds). Norms, softmax and activations are not counted.
   */
  flops_per_token: { macs_matmul: bigint; macs_attention: bigint; matmul: bigint; attention: bigint; total: bigint };
}

/** Images for datasetFromImages / encodeNNIM. */
export interface ImageSetInput {
  pixels: Uint8Array; labels: Uint8Array | number[]; width: number; height: number;
  /** default 10 */
  classes?: number; classNames?: string[];
}
/** How an image set becomes a Dataset: shuffled with seed, the first round(n × trainRatio) rows train. */
export interface ImageSplit {
  /** default 0.5 */
  trainRatio?: number; seed?: number | string;
  /** > 0: keep that many images after the shuffle (a seeded subset); default 0 = all */
  samples?: number;
  /** recorded in saved models; default 'images' */
  name?: string;
}

// ---- the page's link settings (core/link_settings.h) ------------------------------------------
/** One setting of the page's URL hash, as the core's table describes it. */
export interface SettingSpec {
  key: string;
  type: 'enum' | 'bool' | 'int' | 'num' | 'seed' | 'widths' | 'acts' | 'hide';
  /** what a change rebuilds */
  group: 'data' | 'net' | 'train' | 'view';
  default: string | number | boolean | number[] | string[];
  min?: number; max?: number; exclusiveMin?: boolean;
  /** enum: the allowed values; acts: the allowed activations */
  values?: string[];
  /** TF Playground's names for our values (reg-plane → plane) */
  aliases?: Record<string, string>;
  /** widths / acts: the most hidden layers */
  maxItems?: number;
  /** feature flags (x, y, sinX, …): the core's feature name */
  feature?: FeatureName;
}
/** The page's settings, keyed as its URL hash (TF Playground's keys and ours). */
export interface PageSettings {
  problem: 'classification' | 'regression'; dataset: DatasetName; regDataset: DatasetName; classes: number;
  noise: number; percTrainData: number; seed: string;
  x: boolean; y: boolean; xSquared: boolean; ySquared: boolean; xTimesY: boolean; sinX: boolean; sinY: boolean;
  networkShape: number[]; activation: ActivationName; activations: ActivationName[]; loss: LossName; init: InitName;
  initZero: boolean; tfMode: boolean; learningRate: number; batchSize: number; regularization: 'none' | 'L1' | 'L2';
  regularizationRate: number; optimizer: 'sgd' | 'momentum' | 'adam'; speed: string;
  showTestData: boolean; discretize: boolean; precision: string; hideText: boolean; hide: string[];
}
/** What settings train: makeDataset's name and options, a NetworkSpec and trainEpochs' options. */
export interface LinkRun {
  /** tfData: TF Playground has this data set, so tfMode can apply (the page shows its box) */
  dataset: MakeDatasetOptions & { name: DatasetName; features: FeatureName[]; seed: string; dataClasses: number; images: boolean; tfData: boolean };
  network: NetworkSpec & { seed: string };
  train: TrainOptions & { seed: string };
}
