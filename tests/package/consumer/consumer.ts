// A TypeScript program written against the INSTALLED package (tests/package/package.test.mjs
// copies it into a fresh project with the packed tarball and runs `tsc --strict` on it).
// It must import and use every export of web/lib/nnplay.d.ts: the test lists the .d.ts's
// exports with the TypeScript compiler API and fails naming any export missing from the
// import list below, and noUnusedLocals fails an import (or a const) that is never used.
// When you add an exported type: import it here and use it in an annotation below.
import { createNNPlay, quoted, quotedList, threadsAllowed, utf16Note } from 'nnplay';

import type {
  ActivationName, BlockCount, CreateOptions, Dataset, DatasetName, EpochReport, FeatureName,
  GridOptions, GridResult, ImageSetInput, ImageSplit, InitName, LayerSpec, Limits, LossName, MakeDatasetOptions, Metrics, ModelExtra,
  Network, NetworkConstructor, NetworkSpec, NNPlay, OptimizerName, ParamReport, PointsInput,
  SizedBytes, TrainOptions, TransformerOptions, TransformerPresetId, TransformerReport,
  TransformerSpec, TransformerTensor, SettingSpec, PageSettings, LinkRun, RowOrder,
} from 'nnplay';
// The consumer compiles without DOM or node typings (tsconfig lib: es2022): its one print.
declare const console: { log(...values: unknown[]): void };

// build 'threads' needs a cross-origin isolated browser page; node and plain pages use 'split'.
const options: CreateOptions = threadsAllowed() ? { build: 'threads', threads: 2 } : { build: 'split' };
const nn: NNPlay = await createNNPlay(options);

// counting
const report: ParamReport = nn.countParameters([256, 128, 64]);
const first: BlockCount = report.blocks[0];

// a network
const activation: ActivationName = 'relu';
const layers: LayerSpec[] = [{ units: 8, activation }, { units: 1, activation: 'sigmoid', bias: true }];
const loss: LossName = 'bce';
const init: InitName = 'he_uniform';
const spec: NetworkSpec = { inputs: 2, layers, loss, init, seed: 7 };
const Net: NetworkConstructor = nn.Network;
const net: Network = new Net(spec);

// data and training
const features: FeatureName[] = ['x1', 'x2'];
const name: DatasetName = 'xor';
const dataOptions: MakeDatasetOptions = { noise: 0.1, trainRatio: 0.5, seed: 3, features };
const data: Dataset = nn.makeDataset(name, dataOptions);
const points: PointsInput = { x1: [0, 1], x2: [1, 0], labels: [0, 1], classes: 2 };
const clicked: Dataset = nn.datasetFromPoints(points);
const optimizer: OptimizerName = 'adam';
const order: RowOrder = 'shuffle';
const train: TrainOptions = { optimizer, lr: 0.01, batchSize: 10, epochs: 2, order, threads: nn.threads };
const epochs: EpochReport[] = net.trainEpochs(data, train);
const test: Metrics = epochs[epochs.length - 1].test;
const gridOptions: GridOptions = { resolution: 10, neurons: false };
const grid: GridResult = net.evaluateGrid(gridOptions);
const extra: ModelExtra = { dataset: name, epochs: epochs.length };

// images (issue 15)
const images: ImageSetInput = { pixels: new Uint8Array(8), labels: [0, 1], width: 2, height: 2, classes: 2 };
const split: ImageSplit = { trainRatio: 0.5, seed: 1 };
const pics: Dataset = nn.datasetFromImages({ ...images, ...split });
const nnim: Uint8Array = nn.encodeNNIM(images);

// transformers
const preset: TransformerPresetId = 'gpt2';
const tspec: TransformerSpec = { preset, layers: 12 };
const toptions: TransformerOptions = { batch: 1 };
const treport: TransformerReport = nn.countTransformer(tspec, toptions);
const tensor: TransformerTensor = treport.tensors[0];
const fp32: SizedBytes = treport.storage[0];

// limits and the one quoting function (issue 12)
const limits: Limits = nn.limits;
const note: string | null = utf16Note('a,b');

export const summary: string[] = [
  `at most ${limits.maxLayers} layers; ${quoted('x\u001b[2J')} ${quotedList(['a', 'b'])} ${note ?? ''}`,
  `${report.params} parameters, first block ${first.weights} weights`,
  `test loss ${test.loss}, ${clicked.size} clicked points, ${grid.output.length} grid cells`,
  net.toJSON(extra).slice(0, 10),
  `${tensor.name}: ${tensor.params}; ${fp32.gb} GB`,
  `${pics.imageWidth} × ${pics.imageHeight} images, NNIM ${nnim.length} bytes`,
];
pics.delete();
net.delete();
data.delete();
clicked.delete();

// the page's link settings: the core parses a link and says what it trains
const table: readonly SettingSpec[] = nn.linkSettingsTable();
const parsed: { settings: PageSettings; errors: string[] } = nn.parseLink('#dataset=spiral&seed=0.83747', nn.defaultSettings());
const run: LinkRun = nn.linkRun(parsed.settings);
const replay = nn.fromLink(nn.linkOf(parsed.settings));
replay.net.trainEpochs(replay.data, { ...replay.train, epochs: 1 });
console.log(table.length, run.network.layers.length, nn.updateSettings(parsed.settings, { noise: 5 }).error,
  nn.settingsChangeLevel(parsed.settings, nn.defaultSettings()), nn.outputLayer(3, 'half_mse').units,
  nn.defaultLoss(3), nn.seedFromText('7'), nn.featureGrid({ features: ['sinx1'], resolution: 4 })[0].length, nn.tfRandom('0.5', 2)[0]);
replay.net.delete();
replay.data.delete();
