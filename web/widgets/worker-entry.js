// The module worker for web/widgets/index.js: the same host as the page's worker
// (web/app/host.js), one wasm module and one session per widget.
import { startHost } from '../app/host.js';

startHost();
