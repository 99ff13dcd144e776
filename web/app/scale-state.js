// The Scale view's link: which preset, the spec fields that differ from it, the memory
// options and the playground's MLP, to and from the URL hash. Pure: no DOM, no wasm. It
// decides no value: the core checks every field (unknown keys, ranges, divisibility) when the
// page counts what parseScaleHash returns.
//
// #preset=llama-2-7b&kv_heads=8&group_size=128&kv_context=4096&batch=1&playground=256-128-64

export const OPTION_KEYS = ['group_size', 'kv_context', 'batch'];
export const DEFAULT_PRESET = 'llama-2-7b';
export const DEFAULT_PLAYGROUND = [256, 128, 64];
const MAX_HASH = 4096;

// Spec fields as the link writes them: only those that differ from the preset's (all of them
// without a preset, e.g. after a config.json).
// The link's order (the report's objects come with sorted keys).
export const SPEC_KEYS = ['name', 'vocab', 'width', 'layers', 'heads', 'kv_heads', 'head_dim', 'mlp_width', 'mlp',
  'norm', 'positions', 'context', 'tied', 'qkv_bias', 'out_bias', 'mlp_bias', 'final_norm', 'embedding_norm',
  'token_types', 'pooler', 'lm_head', 'experts', 'experts_per_token'];

export function specDiff(spec, base) {
  const out = {};
  const keys = [...SPEC_KEYS.filter((k) => k in spec), ...Object.keys(spec).filter((k) => !SPEC_KEYS.includes(k))];
  for (const k of keys) {
    const v = spec[k];
    if (k === 'name' && base) continue;
    if (!base || String(base[k]) !== String(v)) out[k] = v;
  }
  return out;
}

export function scaleHash({ preset, spec, base, options, playground }) {
  const parts = [];
  if (preset) parts.push(`preset=${encodeURIComponent(preset)}`);
  for (const [k, v] of Object.entries(specDiff(spec, preset ? base : null)))
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  for (const k of OPTION_KEYS) if (options[k] !== undefined) parts.push(`${k}=${encodeURIComponent(String(options[k]))}`);
  if (playground) parts.push(`playground=${playground.join('-')}`);
  return '#' + parts.join('&');
}

// → {preset, fields, options, playground, errors}. fields/options hold the link's text; a
// field whose value in `types` (a preset's spec) is boolean becomes true/false here.
export function parseScaleHash(hash, types) {
  const text = String(hash || '').replace(/^#/, '');
  // null-prototype: a key such as __proto__ stays a plain key (and the core refuses it by name)
  const r = { preset: '', fields: Object.create(null), options: Object.create(null), playground: null, errors: [] };
  if (text.length > MAX_HASH) {
    r.errors.push(`the link is too long (over ${MAX_HASH.toLocaleString('en-US')} characters); the default is shown`);
    r.preset = DEFAULT_PRESET;
    return r;
  }
  if (text === '') { r.preset = DEFAULT_PRESET; return r; }
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let key, value;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    } catch {
      r.errors.push(`malformed text in the link: "${pair.slice(0, 40)}"`);
      continue;
    }
    if (key === 'preset') r.preset = value;
    else if (key === 'playground') {
      r.playground = value === '' ? null : value.split('-').map((w) => (/^\d{1,15}$/.test(w) ? Number(w) : w));
    } else if (OPTION_KEYS.includes(key)) r.options[key] = value;
    else if (Object.prototype.hasOwnProperty.call(types, key) && typeof types[key] === 'boolean') {
      r.fields[key] = value === 'true' ? true : value === 'false' ? false : value;  // the core refuses other text
    } else r.fields[key] = value;
  }
  return r;
}
