// Quoting user text (CSV column names, file and model names) for the files nnplay writes:
// one function per target language, and every export uses these, never its own quoting.
// Messages shown to a person are another matter (they are shortened and use the one
// message-quoting function); these keep the text whole, so it survives a round trip.
// DOM-free: node tests and the page import the same functions.

// A Python 3 string literal, in double quotes, holding exactly the JS string `s`.
// The literal is printable ASCII only: everything else is a \x, \u or \U escape of its
// code point. So no character of the user's can end the string, end the line (LF, bare
// CR, U+2028 are all escaped) or change how the file is decoded, and a lone surrogate
// stays a lone surrogate (Python's str holds one; `"\ud800"` is valid source).
export function pyString(s) {
  let out = '"';
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x100) out += '\\x' + hex(c, 2);
    else if (c < 0x10000) out += '\\u' + hex(c, 4);
    else out += '\\U' + hex(c, 8);
  }
  return out + '"';
}

// An XML document (the SVG diagram) from a DOM element, with every text and attribute value
// intact or, where XML cannot hold a character at all, replaced by U+FFFD (xmlChars). The
// browser's XMLSerializer escapes markup (& < > ") but writes such characters as they are,
// and the file then does not parse; it also writes CR as is, which a parser reads back as
// LF, so CR goes out as &#13; (valid in text and attribute values alike; the serializer
// itself writes no CR). Browser only (XMLSerializer); `node` is not changed.
export function xmlDocument(node) {
  const copy = node.cloneNode(true);
  const walk = copy.ownerDocument.createTreeWalker(copy, 0x1 | 0x4);  // elements and text nodes
  for (let n = copy; n; n = walk.nextNode()) {
    if (n.nodeType === 3) n.data = xmlChars(n.data);
    else for (const a of n.attributes) a.value = xmlChars(a.value);
  }
  const text = new XMLSerializer().serializeToString(copy).replace(/\r/g, '&#13;');
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + text;
}

// The characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, lone surrogates, U+FFFE,
// U+FFFF) replaced by U+FFFD, the replacement character; nothing else changes.
export function xmlChars(s) {
  return String(s).replace(/[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd');
}

// A JSON text for `value` (JSON.stringify's rules: lone surrogates become \udXXXX escapes,
// so it is well-formed UTF-16 and UTF-8), with `<`, `>`, `&`, U+2028 and U+2029 also
// escaped: the text then reads back the same and stays inert if it is ever pasted into
// an HTML <script> or into JavaScript source older than ES2019.
export function jsonText(value, indent) {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g,
    (ch) => '\\u' + hex(ch.charCodeAt(0), 4));
}

function hex(n, width) {
  return n.toString(16).padStart(width, '0');
}
