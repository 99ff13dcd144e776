// The playground page's state: the one `app` object every page module reads and writes, and `$`.
// Creating it starts nothing; web/app/main.js wires the page up.

export const $ = (id) => document.getElementById(id);

export const app = {
  state: null,            // the settings (state.js), set once the core is loaded (main.js)
  session: null,          // the page's session in the training worker (worker-client.js)
  client: null,           // the worker client
  ready: false,
  playing: false,         // what the worker last said (see run.js)
  points: null,           // {x1, x2, labels, trainSize, classes} from the worker
  dataInfo: null,         // {classes, inputNames, raw, custom}
  net: null,              // {inputs, layers, loss, inputNames, raw}
  frame: null,            // latest frame not yet drawn
  lastFrame: null,        // latest frame drawn
  drawScheduled: false,
  countId: 0,
  hoverTarget: null,
  perf: { frames: [], lastFrameAt: 0, epochAt: [], drawMs: 0 },
  lastEpoch: 0,
  diagram: null, heatmap: null, quantmap: null, chart: null,
};

// Sends a session command to the worker (no-op before the worker is started).
export function send(type, args) {
  if (app.session) app.session.send(type, args);
}
