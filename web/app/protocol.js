// The one message protocol between a page (the playground page, the widgets) and the training
// worker (web/app/host.js). Written once here; web/app/worker-client.js sends it, host.js
// dispatches it. Pure: no DOM, no worker, no wasm.
//
// One id convention: every id comes from one counter in the client.
//   to the worker    {sid, type, ...args}   a session command (type in COMMANDS)
//                    {rid, type, ...args}   a request (type in REQUESTS)
//   from the worker  {sid, type, ...}       a session event (type in EVENTS)
//                    {rid, result} | {rid, error}   the answer to request rid
//                    {type: 'ready', version, simd, lanes, threads} once the wasm module loaded
//                    {type: 'fatal', message}       the module did not load
// `seq` on play/pause/step is echoed in the session's 'state' event, so a page shows the
// worker's real state (a double click cannot leave the button disagreeing with the worker).

// Session commands: name → the argument names it carries (documentation and a check in tests).
export const COMMANDS = Object.freeze({
  open: ['settings'],             // creates the session (its data and network) from settings
  close: [],                      // deletes the session and everything it holds
  configure: ['settings', 'force'],
  play: ['seq'],
  pause: ['seq'],
  step: ['seq'],
  reset: [],                      // a new network from the same settings
  drawn: [],                      // the page drew the last frame; the worker may send the next
  diagramPaint: ['canvas', 'geometry', 'width', 'height', 'filter'],  // the diagram's paint layer: an
                                  //   OffscreenCanvas (first time), the painter's geometry and pixel size
                                  //   (web/app/diagram-paint.js), and the CSS filter its theme draws it
                                  //   through; the session paints links, biases and neuron maps there
                                  //   and frames then carry weights and maps less often
  mapPaint: ['canvas', 'width', 'height', 'dpr'],  // the large map's canvas (an OffscreenCanvas, the
                                  //   first time) and its pixel size: the session paints its maps there
                                  //   (web/app/session-map.js) and frames carry no map values
  view: ['neuron'],               // {column, unit} or null: the neuron the page shows in its large map;
                                  //   frames then carry its map at the map's resolution (or, with
                                  //   mapPaint, the session paints it; inputs, column 0, only then)
  edit: ['target', 'value'],      // target {kind:'weight', block, from, to} | {kind:'bias', layer, unit}
  addPoint: ['x1', 'x2', 'label'],
  csv: ['text', 'name', 'image'],  // image: {width, height} shows the pixel columns as images (issue 15)
  clearCustom: [],
  exportModel: ['name', 'as'],   // as: 'file' (default), 'keras' or 'pytorch': what the page makes of it
  importModel: ['text', 'name'],
  // image sets (issue 15, web/app/session-images.js)
  predict: ['x'],                 // one image (Float32Array of inputs) → 'prediction'
  confusion: [],                  // → 'confusion' over the test images
  precisions: [],                 // → 'precisions': test accuracy at fp32, fp16, int8, int4 and their storage
  compareInits: ['epochs'],       // → 'inits': playground vs Glorot vs He, same data, seed and optimiser
});

// Stateless requests, answered by rid.
export const REQUESTS = Object.freeze({
  count: ['widths', 'bias'],      // → ParamReport (BigInt fields)
  transformer: ['spec', 'options'],  // → TransformerReport (BigInt counts), issue 13
  model: ['text'],                // → {inputs, layers, features, weights, biases} of a model file
  memory: [],                     // → {heapBytes, heapUsed, sessions}
  imageSource: ['url', 'dataset'], // where this page's image set (digits, fashion) is (issue 15: an article's <nn-digits dataset src>)
  settings: ['patch'],            // → {settings} or {error}: the core's defaults with patch applied
                                  //   and checked, plus {activations} (the core's list)
});

// What a session posts (all carry its sid).
export const EVENTS = Object.freeze({
  data: 'the dataset: points (2-D) or null for a CSV with other than 2 inputs, sizes, names',
  net: 'the network: inputs, layers, loss, input names, settings',
  frame: 'weights, biases, maps, metrics and the loss history since the last frame',
  metrics: 'metrics and loss history without maps (while the page is still drawing)',
  mapShown: '{neuron}: what the map the session paints shows now ({column, unit}, or null for the output)',
  state: '{playing, seq}: whether the session trains, after the command numbered seq',
  settings: 'the settings the session now runs (after a CSV, a point or an import)',
  diverged: 'training stopped: the loss became NaN or infinite',
  stalled: 'training is stuck: the message says why and what to try',
  error: '{message, context, kept, keep}: kept true = the command was refused and the session is unchanged',
  note: '{message, id?}: a remark for the reader (a new one with the same id replaces it)',
  model: '{json, name, as}: an exported model file (as: what it was asked for)',
  imported: '{name, notes, epoch}: a model file replaced the network (training resumes at its epoch)',
  loading: '{what, url}: an image set is being fetched (it is fetched only when chosen)',
  loaded: '{what, transferred, bytes, ms}: the image set arrived (transferred = bytes over the wire)',
  prediction: '{probs, activations}: class probabilities and every layer\'s activations for one image',
  confusion: '{matrix, predicted, classes, epoch}: test confusion matrix (rows true, columns predicted)',
  precisions: '{rows: [{precision, accuracy, bytes}], params, epoch}: test accuracy per weight precision',
  inits: '{rows: [{init, before, after, ms}], epochs}: the initialisation comparison',
});
// frame and metrics carry `run`, which changes whenever the network or the data is replaced:
// views that show history (the loss chart) start over then.

const has = (table, key) => typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);
export const isCommand = (type) => has(COMMANDS, type);
export const isRequest = (type) => has(REQUESTS, type);
