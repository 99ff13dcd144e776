// Number formatting for everything the page shows. Pure. A number that is not finite is
// never printed as "NaN" or "Infinity": it becomes "—" (and the caller says why elsewhere).

export const NONE = '—';

// 0.123456 → "0.123"; keeps small values readable (0.000012 → "1.20e-5").
export function fmtNum(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return NONE;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) return x.toExponential(2);
  return String(Number(x.toFixed(digits)));
}

// Losses: always 4 decimals (0.2500, 0.0031) so the figure does not jump in width while
// training; below 0.0001 or from 10,000 on, 3 significant digits in exponent form (1.20e-5).
export function fmtLoss(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return NONE;
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e4)) return x.toExponential(2);
  return x.toFixed(4);
}

// 32768 or 32768n → "32,768". The same text as toLocaleString('en-US'), which costs ~0.25 ms
// a call in Chromium: the page formats the epoch every frame (issue 14's profile).
const grouped = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export function fmtInt(v) {
  if (typeof v === 'bigint') return (v < 0n ? '-' : '') + grouped(String(v < 0n ? -v : v));
  if (typeof v !== 'number' || !Number.isFinite(v)) return NONE;
  const r = Math.round(v);
  if (Object.is(r, -0) || Math.abs(r) >= 1e21) return r.toLocaleString('en-US');  // "-0"; exponent range
  return (r < 0 ? '-' : '') + grouped(String(Math.abs(r)));
}

// Accuracy 0..1 → "97.5%"
export function fmtPct(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return NONE;
  return (100 * x).toFixed(1) + '%';
}

// Bytes (bigint or number) → "160.9 KiB"; the same units as the core's format_bytes.
export function fmtBytes(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return NONE;
  if (n < 1024) return `${fmtInt(Math.round(n))} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let x = n / 1024, i = 0;
  while (x >= 1024 && i < units.length - 1) { x /= 1024; i++; }
  return `${x.toFixed(1)} ${units[i]}`;
}

// "256 × 128 = 32,768 weights + 128 biases" for one block.
export function blockArithmetic(b) {
  const w = `${fmtInt(b.in)} × ${fmtInt(b.out)} = ${fmtInt(b.weights)} weights`;
  const nb = BigInt(b.biases);
  return nb > 0n ? `${w} + ${fmtInt(nb)} ${nb === 1n ? 'bias' : 'biases'}` : w;
}

// Counts for the diagram when no ParamReport is at hand (plain BigInt products).
export function blockCounts(widths, bias = true) {
  const blocks = [];
  for (let i = 1; i < widths.length; i++) {
    const inn = BigInt(widths[i - 1]), out = BigInt(widths[i]);
    blocks.push({ in: inn, out, weights: inn * out, biases: bias ? out : 0n });
  }
  return blocks;
}
