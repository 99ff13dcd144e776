// web/app/format.js fmtInt formats integers by hand (the page does it every frame, and
// toLocaleString costs ~0.25 ms a call in Chromium, issue 14): it must give exactly what
// toLocaleString('en-US') gives, the reference, for numbers and BigInts of every size and sign.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fmtInt } from '../../web/app/format.js';

test('fmtInt is toLocaleString(en-US) of the rounded value, for every magnitude and sign', () => {
  const values = [0, -0, 0.4, -0.4, 0.5, -0.5, 1, 12, 123, 1234, 999.5, -999.5, 12345, -1234567, 2 ** 53, 2 ** 60,
    9.99e20, 1e21, -1e21, 1.5e22, 1e300];
  let seed = 12345;  // a fixed LCG: the same values every run
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 20000; i++) values.push((rnd() - 0.5) * 10 ** (rnd() * 23));
  for (const v of values) assert.equal(fmtInt(v), Math.round(v).toLocaleString('en-US'), String(v));
  for (const v of [0n, 1n, -1n, 999n, 1000n, -1234567n, 9000000000000000000n, 2n ** 70n, -(2n ** 70n)]) {
    assert.equal(fmtInt(v), v.toLocaleString('en-US'), String(v));
  }
  for (const v of [NaN, Infinity, -Infinity, '12', null, undefined]) assert.equal(fmtInt(v), fmtInt(NaN));
});
