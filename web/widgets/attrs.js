// Attribute parsing for the embeds. Pure: every parser returns {value} or {error}, and an error
// names the attribute, quotes what was given (shortened, control characters hidden) and says
// what is allowed. Messages are plain text; the widgets show them with textContent only.
import { quote } from '../app/state.js';

// The core's limit for one layer's width (core/arch: 1 .. 10^12).
export const MAX_UNITS = 1_000_000_000_000;
export const MAX_COUNT_LAYERS = 64;

const bad = (name, text, why, allowed) => ({ error: `${name}: ${quote(text)} ${why}; allowed: ${allowed}` });

// "256,128,64" → [256, 128, 64]. Widths include the input and the output layer.
export function parseLayers(name, text, { min = 2, maxLayers = MAX_COUNT_LAYERS, maxUnits = MAX_UNITS,
  example = '256,128,64' } = {}) {
  const allowed = `${min} to ${maxLayers} whole numbers from 1 to ${maxUnits.toLocaleString('en-US')}, ` +
    `separated by commas (input, hidden…, output), e.g. "${example}"`;
  if (text === null || text === undefined) return { error: `${name}: missing; allowed: ${allowed}` };
  const parts = String(text).split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') return bad(name, text, 'is empty', allowed);
  if (parts.length < min) return bad(name, text, `has ${parts.length} layer${parts.length === 1 ? '' : 's'}`, allowed);
  if (parts.length > maxLayers) return bad(name, text, `has ${parts.length} layers`, allowed);
  const out = [];
  for (const [i, p] of parts.entries()) {
    if (!/^\d+$/.test(p)) return bad(name, text, `item ${i + 1} (${quote(p)}) is not a whole number`, allowed);
    const v = Number(p);
    if (v < 1 || v > maxUnits) return bad(name, text, `item ${i + 1} (${p}) is out of range`, allowed);
    out.push(v);
  }
  return { value: out };
}

export function parseEnum(name, text, values, def) {
  if (text === null || text === undefined) return { value: def };
  const t = String(text).trim();
  if (!values.includes(t)) return bad(name, text, 'is not allowed', values.join(', '));
  return { value: t };
}

// A boolean attribute: absent → def; present and empty, "true" or the attribute's own name → true.
export function parseBool(name, text, def) {
  if (text === null || text === undefined) return { value: def };
  const t = String(text).trim().toLowerCase();
  if (t === '' || t === 'true' || t === name) return { value: true };
  if (t === 'false') return { value: false };
  return bad(name, text, 'is not a boolean', 'true, false (or the attribute alone for true)');
}

export function parseNumber(name, text, { min, max, exclusiveMin = false, def, integer = false }) {
  if (text === null || text === undefined) return { value: def };
  const t = String(text).trim();
  const range = `${integer ? 'a whole number' : 'a number'} ${exclusiveMin ? 'above' : 'from'} ${min} to ${max}`;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return bad(name, text, 'is not a number', range);
  const v = Number(t);
  if (integer && !Number.isInteger(v)) return bad(name, text, 'is not a whole number', range);
  if (!(v >= min && v <= max) || (exclusiveMin && v === min)) return bad(name, text, 'is out of range', range);
  return { value: v };
}

// "play,reset,lr" → ['play', 'reset', 'lr']; "" or "none" → [].
export function parseList(name, text, values, def) {
  if (text === null || text === undefined) return { value: def };
  const t = String(text).trim();
  if (t === '' || t === 'none') return { value: [] };
  const out = [];
  for (const p of t.split(',').map((x) => x.trim())) {
    if (!values.includes(p)) return bad(name, text, `names ${quote(p)}`, `a comma-separated list of ${values.join(', ')} (or none)`);
    if (!out.includes(p)) out.push(p);
  }
  return { value: out };
}

// Activation(s): one name for every layer, or one per layer (hidden…, output).
export function parseActivations(name, text, values, layers, def) {
  if (text === null || text === undefined) return { value: Array(layers).fill(def) };
  const parts = String(text).split(',').map((p) => p.trim());
  const allowed = `one of ${values.join(', ')}, or a comma-separated list of ${layers} (one per layer after the input)`;
  for (const p of parts) if (!values.includes(p)) return bad(name, text, `names ${quote(p)}`, allowed);
  if (parts.length === 1) return { value: Array(layers).fill(parts[0]) };
  if (parts.length !== layers) return bad(name, text, `lists ${parts.length} activations for ${layers} layers`, allowed);
  return { value: parts };
}
