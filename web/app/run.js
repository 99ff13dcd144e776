// Run controls: Play/Pause, one step, reset. The button shows the worker's state as the
// session's 'state' events report it.
import { app, $, send } from './page.js';

export function setPlaying(p) {
  app.playing = p;
  const b = $('play');
  b.textContent = p ? '❚❚' : '▶';
  b.setAttribute('aria-label', p ? 'Pause' : 'Train');
  b.classList.toggle('playing', p);
  if (!p) { app.perf.lastFrameAt = 0; app.perf.frames = []; }
}

export function togglePlay() {
  if (!app.session) return;
  setPlaying(!app.playing);
  send(app.playing ? 'play' : 'pause');
}

export function step() {
  setPlaying(false);
  send('step');
}

export function reset() {
  setPlaying(false);
  app.chart.reset();
  send('pause');
  send('reset');
}
