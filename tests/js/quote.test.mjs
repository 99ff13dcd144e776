// web/lib/quote.mjs, the JS twin of nn::quoted (core/error.h): the same cases as
// tests/core/test_error.cpp, and the core's own messages through the API agree with it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { quoted, quotedList, utf16Note } from '../../web/lib/quote.mjs';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

test('quoted: plain text as it is', () => {
  assert.equal(quoted('relu'), "'relu'");
  assert.equal(quoted('x1', { quote: '"' }), '"x1"');
  assert.equal(quoted(''), "''");
  assert.equal(quoted('größe → ×'), "'größe → ×'");
  assert.equal(quoted(5), "'5'");
});

test('quoted: NUL, controls, ESC, DEL, the quote and backslash are escaped', () => {
  assert.equal(quoted('relu\0x'), "'relu\\x00x'");
  assert.equal(quoted('a\x1b[31mred'), "'a\\x1b[31mred'");
  assert.equal(quoted('a\nb\rc\td\x7f'), "'a\\x0ab\\x0dc\\x09d\\x7f'");
  assert.equal(quoted("it's"), "'it\\'s'");
  assert.equal(quoted('a\\b'), "'a\\\\b'");
  assert.equal(quoted('say "hi"', { quote: '"' }), '"say \\"hi\\""');
});

test('quoted: C1 controls, bidi overrides, BOM and lone surrogates are escaped', () => {
  assert.equal(quoted('\u009b31m'), "'\\u{009b}31m'");
  assert.equal(quoted('abc\u202edef'), "'abc\\u{202e}def'");
  assert.equal(quoted('\ufeffx'), "'\\u{feff}x'");
  assert.equal(quoted('a\ud800b'), "'a\\u{d800}b'");
  assert.equal(quoted('</script><img src=x onerror=alert(1)>'), "'</script><img src=x onerror=alert(1)>'");
});

test('quoted: cut at 40 characters with the length', () => {
  assert.equal(quoted('a'.repeat(100000)), `'${'a'.repeat(40)}' (cut, 100000 characters)`);
  assert.equal(quoted('c'.repeat(40)), `'${'c'.repeat(40)}'`);
  assert.equal(quoted('😀'.repeat(50)), `'${'😀'.repeat(40)}' (cut, 50 characters)`);  // code points
  assert.equal(quoted('abcdef', { max: 3 }), "'abc' (cut, 6 characters)");
});

test('quotedList: at most 8 names, then how many more', () => {
  const names = Array.from({ length: 1000 }, (_, i) => `c${i}`);
  assert.equal(quotedList(names), "'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7' … and 992 more");
  assert.equal(quotedList(['a', 'b']), "'a', 'b'");
  assert.equal(quotedList([]), '');
  assert.ok(quotedList(new Array(1234567).fill('x')).endsWith('and 1,234,559 more'));
});

test('utf16Note: a UTF-16 file decoded as UTF-8 is recognised', () => {
  const utf16 = (s) => Array.from(s, (c) => c + '\0').join('');
  assert.match(utf16Note('\uFFFD\uFFFD' + utf16('a,b\n1,0\n')), /looks like UTF-16/);
  assert.match(utf16Note(utf16('a,b\n1,0\n')), /looks like UTF-16/);
  assert.equal(utf16Note('a,b\n1,0\n'), null);
  assert.equal(utf16Note('a,b\n1,\0\n'), null);
  assert.equal(utf16Note(5), null);
});

test('the core quotes the same way through the API', async () => {
  const nn = await createNNPlay();
  for (const name of ['relu\0x', 'a\x1b[2J', 'x'.repeat(100), 'caf\u00e9', 'abc\u202edef', "it's"]) {
    assert.throws(() => new nn.Network({ inputs: 2, layers: [{ units: 1, activation: name }] }),
      (e) => e.message.startsWith(`unknown activation ${quoted(name)};`), name);
  }
  const utf16 = '\uFFFD\uFFFD' + Array.from('a,b\n1,0\n', (c) => c + '\0').join('');
  assert.throws(() => nn.datasetFromCSV(utf16), { message: /^CSV: the file looks like UTF-16 \(it starts with a UTF-16 byte-order mark\); save it as UTF-8$/ });
});
