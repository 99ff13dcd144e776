// Entry of the one-file classic bundle web/gen/nnplay-widgets.js (built by scripts/bundle.mjs).
// The same file runs in two places:
//   page    registers the elements; the shared worker is this very script: `new Worker(src)`
//           over http (same origin, so CSP worker-src 'self' allows it), or, where that is refused
//           (file:// pages have origin 'null'; a script from another origin), a Blob URL of the
//           bundle's own source, which bundle.mjs wraps in the function __nnplay_widgets_bundle.
//   worker  defines createNNModule from the inlined single-file wasm build and starts the host.
// Context-only modules are imported with import(), which esbuild turns into lazy initialisers:
// the page never evaluates the worker's modules, the worker never the elements.
/* global __nnplay_widgets_bundle */
import { setWorkerFactory, stats, workerMemory } from './manager.js';

const inWorker = typeof document === 'undefined' && typeof importScripts === 'function';

if (inWorker) {
  // web/lib/nnplay.mjs uses a global createNNModule when one exists (classic-script builds):
  // define it before the host starts (startHost calls createNNPlay() at once).
  import('nnplay-core-single').then((core) => {
    if (typeof self.createNNModule !== 'function') self.createNNModule = core.default;
    return import('../app/host.js');
  }).then((host) => host.startHost());
} else {
  const src = document.currentScript && document.currentScript.src;
  const selfSource = () => `(${__nnplay_widgets_bundle.toString()})();\n`;
  setWorkerFactory(() => {
    if (src && /^https?:/.test(src)) {
      try { return new Worker(src); } catch { /* another origin: fall through to the Blob URL */ }
    }
    const url = URL.createObjectURL(new Blob([selfSource()], { type: 'text/javascript' }));
    const w = new Worker(url);
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return w;
  });
  // define.js too is imported lazily: its classes extend HTMLElement, which workers lack
  import('./define.js').then((m) => m.defineAll());
  window.nnplayWidgets = Object.freeze({ stats, workerMemory });
}
