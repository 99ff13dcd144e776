// The module worker for web/widgets/index.js: one WASM module, many sessions.
import { startHost } from './worker-host.js';

startHost();
