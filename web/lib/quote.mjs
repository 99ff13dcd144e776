// The one JS function that puts user text into a message (issue 12, class 5), the twin of
// nn::quoted in core/error.h with the same rules, so the page, the widgets, the worker and
// the JS API show user text the same way the core does:
//  - at most `max` characters (code points) are shown, then " (cut, N characters)";
//  - C0 controls, DEL, the quote character and '\' are escaped (`\x00`, `\x1b`, `\'`, `\\`);
//  - C1 controls (U+0080..U+009F), bidirectional overrides and isolates (U+202A..U+202E,
//    U+2066..U+2069), U+2028/U+2029 and U+FEFF show as `\u{202e}`; a lone surrogate (text
//    that is not well-formed UTF-16) shows as `\u{d800}`.
// No DOM, no imports: it runs in the page, workers, node and the embed bundle.

const NAMED_UTF16 = 'the text looks like UTF-16 read as UTF-8; save the file as UTF-8';

function escapeChar(cp, quote) {
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (quote && (cp === quote.codePointAt(0) || cp === 0x5c)) return '\\' + String.fromCodePoint(cp);
  if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
      cp === 0x2028 || cp === 0x2029 || cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff))
    return '\\u{' + cp.toString(16).padStart(4, '0') + '}';
  return null;
}

/**
 * User text inside quotes, safe for any message: escaped and shortened.
 * @param {unknown} text   any value; a non-string is shown through String()
 * @param {{quote?: string, max?: number}} [options]  quote character ("'" by default), characters shown (40)
 */
export function quoted(text, { quote = "'", max = 40 } = {}) {
  const s = typeof text === 'string' ? text : String(text);
  let out = quote, shown = 0, total = 0;
  for (const ch of s) {  // by code point; a lone surrogate comes as its own "character"
    const cp = ch.codePointAt(0);
    if (shown < max) {
      out += escapeChar(cp, quote) ?? ch;
      shown++;
    }
    total++;
  }
  out += quote;
  return total > shown ? `${out} (cut, ${total} characters)` : out;
}

/** Names for a message: each quoted(), at most `max` of them, then "… and N more". */
export function quotedList(names, { max = 8 } = {}) {
  const list = Array.from(names);
  const head = list.slice(0, max).map((n) => quoted(n)).join(', ');
  return list.length > max ? `${head} … and ${(list.length - max).toLocaleString('en-US')} more` : head;
}

/**
 * A note when text looks like a UTF-16 file decoded as UTF-8 (a byte-order mark as two
 * U+FFFD or as U+FEFF followed by NULs, or NUL between most characters), else null.
 * The core refuses such CSV and model text with its own message (check_not_utf16).
 */
export function utf16Note(text) {
  if (typeof text !== 'string' || text.length < 4) return null;
  const head = text.slice(0, 64);
  if (/^(\uFFFD\uFFFD|\uFEFF)?.\0/s.test(head) && (head.match(/\0/g) || []).length * 3 >= head.length)
    return NAMED_UTF16;
  return null;
}
