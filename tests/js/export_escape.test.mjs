// Exported code never runs user text (issue 12, class 1): CSV column names and model names in
// the Keras and PyTorch exports go through pyString (web/app/escape.js) and nothing else. For
// every string in tests/js/hostile_strings.mjs, the export parses with Python's own parser
// (/usr/bin/python3 ast, tests/js/export_ast.py), has exactly the statements and the string
// constants of the same export with plain names, and its NAME and INPUTS are the user's
// strings, intact. jsonText round-trips the same strings through JS and through Python's json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { kerasCode, pytorchCode } from '../../web/app/export_code.js';
import { pyString, jsonText, xmlChars } from '../../web/app/escape.js';
import { HOSTILE } from './hostile_strings.mjs';
import { parseExports } from './export_ast.mjs';

// A small trained-looking model file with 3 raw inputs (as a CSV gives) and a name.
function modelFile(name) {
  return {
    format: 'nnplay-model', version: 1, inputs: 3, loss: 'half_mse', features: [], name,
    layers: [{ units: 2, activation: 'leaky_relu', bias: true, weights: [0.5, -0.25, 1e-45, -0, 3.4028234663852886e38, 0.1], biases: [0.1, -0.2] },
      { units: 1, activation: 'gelu', bias: true, weights: [0.3, -0.7], biases: [0] }],
    training: { optimizer: 'adam', lr: 0.003, l1: 0, l2: 0.001, batch_size: 10 },
  };
}

test('pyString gives a printable-ASCII Python literal of exactly the string', () => {
  for (const s of HOSTILE) assert.match(pyString(s), /^"[\x20-\x7e]*"$/, JSON.stringify(s));
  assert.equal(pyString('a"\\\n\r\0é\u2028\ud800𝄞'), '"a\\"\\\\\\x0a\\x0d\\x00\\xe9\\u2028\\ud800\\U0001d11e"');
});

test('Keras and PyTorch exports keep hostile names as data: same statements, strings intact', () => {
  const jobs = [], expect = [];
  for (const make of [pytorchCode, kerasCode]) {
    const plain = make(modelFile('NAME0'), { inputNames: ['IN0', 'IN1', 'IN2'] });
    const ownChars = new Set(plain);  // the export's own comments use ½, Σ, √ …
    jobs.push({ code: plain });
    expect.push(null);
    for (let i = 0; i < HOSTILE.length; i += 3) {
      const names = [HOSTILE[i], HOSTILE[(i + 1) % HOSTILE.length], HOSTILE[(i + 2) % HOSTILE.length]];
      const name = HOSTILE[(i + 5) % HOSTILE.length];
      const code = make(modelFile(name), { inputNames: names });
      const raw = [...code].filter((c) => !(c === '\n' || (c >= ' ' && c <= '~')) && !ownChars.has(c));
      assert.deepEqual(raw, [], `characters of the user's in the code as they are: ${JSON.stringify(raw)}`);
      jobs.push({ code });
      expect.push({ names, name, plain: jobs.length - 1 - 1 - Math.floor(i / 3) });
    }
  }
  const reports = parseExports(jobs);
  reports.forEach((rep, k) => {
    assert.equal(rep.error, undefined, `export ${k}: ${rep.error}`);
    const e = expect[k];
    if (!e) return;
    const plain = reports[e.plain];
    assert.deepEqual(rep.statements, plain.statements, `statements for ${JSON.stringify(e.names)}`);
    assert.deepEqual(rep.INPUTS, e.names);
    assert.equal(rep.NAME, e.name);
    const swap = { IN0: e.names[0], IN1: e.names[1], IN2: e.names[2], NAME0: e.name };
    const want = plain.strings.map((s) => (s in swap ? swap[s] : s)).sort();
    assert.deepEqual([...rep.strings].sort(), want, 'no other string constant appears or changes');
    assert.deepEqual(rep.weights, plain.weights);  // the weights literals are not disturbed either
  });
});

test('jsonText round-trips hostile strings through JS and Python, with nothing raw that HTML or old JS would read', () => {
  const value = { names: HOSTILE, name: HOSTILE.join('|'), nested: { [HOSTILE[10]]: HOSTILE[17] } };
  const text = jsonText(value, 1);
  assert.deepEqual(JSON.parse(text), value);
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
  // Python's json reads the same values (it keeps lone surrogates, as JS does)
  const r = spawnSync('/usr/bin/python3', ['-c', 'import json,sys; json.dump(json.loads(sys.stdin.read()), sys.stdout)'],
    { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), value);
});

test('xmlChars replaces exactly the characters XML 1.0 cannot hold', () => {
  // (\udc00\ud800 is two lone surrogates; \ud800\udc00 would be the pair for U+10000, kept)
  assert.equal(xmlChars('a\0b\x01\x1f\t\n\r\udc00\ud800\ud800\udc00\u{1d11e}\ufffe\uffff\u0085é'),
    'a\ufffdb\ufffd\ufffd\t\n\r\ufffd\ufffd\u{10000}\u{1d11e}\ufffd\ufffd\u0085é');
  for (const s of HOSTILE) {
    assert.doesNotMatch(xmlChars(s), /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  }
});

test('weight literals read back in Python (numpy float32) to the same float32, bit for bit', () => {
  // 4,096 random finite bit patterns plus the edges: ±0, the smallest subnormal, the largest
  // subnormal, the smallest normal, 1 ± 1 ulp, the largest float
  const bits = new Int32Array(4096 + 9);
  const edges = [0, 0x80000000, 1, 0x007fffff, 0x00800000, 0x3f800001, 0x3f7fffff, 0x7f7fffff, 0xff7fffff];
  edges.forEach((b, i) => { bits[i] = b | 0; });
  let a = 12345;
  for (let i = edges.length; i < bits.length; i++) {
    do { a = (Math.imul(a, 1103515245) + 12345) | 0; bits[i] = a ^ (a << 13); } while (((bits[i] >>> 23) & 0xff) === 0xff);
  }
  const w = new Float32Array(bits.buffer);
  const model = { format: 'nnplay-model', version: 1, inputs: bits.length, loss: 'half_mse', features: [],
    layers: [{ units: 1, activation: 'linear', bias: false, weights: Array.from(w), biases: [] }] };
  const [rep] = parseExports([{ code: kerasCode(model, { inputNames: Array.from({ length: bits.length }, (_, i) => `c${i}`) }) }]);
  assert.equal(rep.error, undefined, rep.error);
  assert.deepEqual(rep.weights[0].bits, Array.from(bits));
});
