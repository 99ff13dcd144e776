// Run controls: Play/Pause, one step, reset. The button follows the worker: each command carries
// a number (seq) that the session echoes in its 'state' event; until the latest command is
// answered the button shows what was asked, then what the worker reports. An answer to an older
// command (a double click sends two) is never shown, so the button cannot say "paused" while the
// worker trains, or the reverse.
import { app, $, send } from './page.js';

let seq = 0;          // number of the last play/pause/step sent
let wanted = false;   // what the last command asked for

function show(p) {
  const b = $('play');
  b.textContent = p ? '❚❚' : '▶';
  b.setAttribute('aria-label', p ? 'Pause' : 'Train');
  b.classList.toggle('playing', p);
  if (!p) { app.perf.lastFrameAt = 0; app.perf.frames = []; }
}

// The session's 'state' event: {playing, seq}.
export function onWorkerState(m) {
  if (typeof m.seq === 'number' && m.seq < seq) return;  // an older command's answer
  app.playing = m.playing;
  wanted = m.playing;
  show(m.playing);
}

// Asks the worker to play or pause (the button shows the request at once).
export function requestPlaying(p) {
  wanted = p;
  app.playing = p;
  show(p);
  if (app.session) send(p ? 'play' : 'pause', { seq: ++seq });
}

// The worker is gone or stopped on its own (fatal error): show paused.
export function setPlaying(p) { app.playing = p; wanted = p; show(p); }

export function togglePlay() {
  if (!app.session) return;
  requestPlaying(!wanted);
}

export function step() {
  wanted = false;
  app.playing = false;
  show(false);
  send('step', { seq: ++seq });
}

export function reset() {
  requestPlaying(false);
  app.chart.reset();
  send('reset');
}
