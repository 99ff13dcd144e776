// ES module entry for pages served over http that load modules:
//   <script type="module" src="/widgets/index.js"></script>
// The shared worker is a module worker (worker-entry.js) using the split wasm build. For one
// classic file that also works from file://, use the bundle web/gen/nnplay-widgets.js instead
// (scripts/bundle.mjs, entry bundle-entry.js).
import { setWorkerFactory, stats } from './manager.js';
import { defineAll } from './define.js';

setWorkerFactory(() => new Worker(new URL('./worker-entry.js', import.meta.url), { type: 'module' }));
defineAll();
export { stats };
