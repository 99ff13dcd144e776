// The page's training worker (a module worker): the protocol host of web/app/host.js, which
// holds the wasm module and the page's training session. Only this entry file starts anything.
import { startHost } from './host.js';

startHost();
