// Timing helpers shared by the JS benchmarks: warm up, then time repeated calls of
// one function in samples of at least `sampleMs`, and report rates. A benchmark is
// always a function called many times, never one long loop inside a function
// entered once, because V8 tiers up a wasm/JS function between calls, not inside one.
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

// fn() performs `units` units of work (samples, points, flops) per call and may be
// async. Returns { rate: median units/s, min, max, samples: [units/s...], calls }.
// A synchronous fn is called in a plain loop: awaiting it would add a microtask turn
// (about 1 µs) to every call, more than a small network's training step costs.
// The warm-up is long (1 s) because V8 tiers wasm up per function while it runs, and a
// 2-8-8-1 step was still 3-6× slower than its steady state 300 ms in (issue 6 profile).
export async function measure(fn, units, { warmupMs = 1000, sampleMs = 80, samples = 5, budgetMs = 4000 } = {}) {
  const isAsync = fn.constructor.name === 'AsyncFunction';  // sync fns returning a promise are awaited too
  const start = now();
  // Warm-up: at least 3 calls and warmupMs, so the optimising tier has compiled fn;
  // a peer whose call takes seconds gets one warm-up call, to keep the budget.
  let calls = 0;
  while (calls < 3 || now() - start < warmupMs) {
    const r = fn();
    if (isAsync || (r && typeof r.then === 'function')) await r;
    ++calls;
    if (now() - start > budgetMs / 4) break;
  }
  const perCall = (now() - start) / calls;
  const reps = Math.max(1, Math.round(sampleMs / Math.max(perCall, 1e-3)));
  const rates = [];
  let total = 0;
  for (let s = 0; s < samples; ++s) {
    const t0 = now();
    if (isAsync) for (let i = 0; i < reps; ++i) await fn();
    else for (let i = 0; i < reps; ++i) { const r = fn(); if (r && typeof r.then === 'function') await r; }
    const dt = now() - t0;
    rates.push((units * reps) / (dt / 1000));
    total += dt;
    calls += reps;
    if (s >= 1 && now() - start > budgetMs) break;  // at least 2 samples
  }
  return summarize(rates, { calls, msPerCall: 1000 * units / median(rates) });
}

export function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summarize(v, extra = {}) {
  return { rate: median(v), min: Math.min(...v), max: Math.max(...v), samples: v, ...extra };
}

// Deterministic pseudo-random data (xorshift32), so every engine sees the same batches.
export function randomFloats(n, seed = 1, scale = 1) {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; ++i) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = ((s / 4294967296) * 2 - 1) * scale;
  }
  return out;
}
