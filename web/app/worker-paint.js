import { mapCoords } from './heatmap.js';

// Hands a live diagram's paint layer (diagram.js options.remote) to its training session in the
// worker, which paints links, biases and neuron maps there (session.js diagramPaint, issue 14):
// the page's main thread then neither paints nor commits that canvas, and frames need not carry
// every weight and map. Where a browser cannot move a canvas's control to a worker, null: the
// diagram paints on the page from the frames' values. Importing this module does nothing.
const handed = new WeakSet();  // canvases whose control went to a worker (once per canvas)

export function canPaintInWorker() {
  return typeof HTMLCanvasElement === 'function' && typeof OffscreenCanvas === 'function' &&
    typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';
}

// getSession() → the session (worker-client.js openSession) or null. Returns options.remote.
export function workerPainting(getSession) {
  if (!canPaintInWorker()) return null;
  return (geometry, width, height, canvas, filter) => {
    const s = getSession();
    if (!s) return;
    const args = { geometry, width, height, filter };
    const transfer = [];
    if (!handed.has(canvas)) {
      args.canvas = canvas.transferControlToOffscreen();
      transfer.push(args.canvas);
      handed.add(canvas);
    }
    s.send('diagramPaint', args, transfer);
  };
}

// The large map painted by the session (session-map.js): a stand-in for createHeatmap() on the
// page whose draw() hands the canvas over once the session exists (the worker then paints every
// map it makes, and the hovered neuron's), or null where a canvas cannot move to a worker.
// size: CSS pixels, as createHeatmap's.
export function workerMap(canvas, size, getSession) {
  if (!canPaintInWorker()) return null;
  const dpr = (typeof devicePixelRatio === 'number' && devicePixelRatio) || 1;
  const px = Math.round(size * dpr);
  canvas.width = canvas.height = px;  // the placeholder's size, before its control moves
  const hand = () => {
    const s = getSession();
    if (handed.has(canvas) || !s) return;
    const off = canvas.transferControlToOffscreen();
    handed.add(canvas);
    s.send('mapPaint', { canvas: off, width: px, height: px, dpr }, [off]);
  };
  return { remote: true, canvas, draw: hand, redraw: hand, toData: (x, y) => mapCoords(canvas, x, y) };
}

// Whether canvas was handed to a worker (a widget that reopens its session needs a fresh one).
export const wasHanded = (canvas) => handed.has(canvas);
