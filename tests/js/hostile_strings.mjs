// User text that has broken exports elsewhere: quotes of every kind, line ends (LF, bare CR,
// CRLF, U+2028/2029, NEL), NUL and other controls, markup, backslashes and escape look-alikes,
// lone surrogates and non-ASCII. Shared by the export escaping tests (node and browser).
export const HOSTILE = [
  'plain',
  'a"b\'c',
  '"""triple"""',
  "'''single triple'''",
  'line\nbreak = 1',
  '\nimport os; os.system("echo pwned")\n',
  'bare\rcr',
  'crlf\r\nend',
  'nul\0byte',
  'bell\x07 esc\x1b[31m red \x7f del',
  '</script><script>alert(1)</script>',
  ']]><!-- --> & &amp; <x/>',
  'back\\slash\\',
  '\\n \\x00 \\u2028 \\N{BULLET}',
  'trailing backslash\\',
  'sep\u2028and\u2029',
  'nel\u0085',
  'lone high \ud800 end',
  'lone low \udc00',
  'reversed \udc00\ud800',
  'é 中文 𝄞 ﻿bom',
  '# not a comment',
  '{0} %s ${x}',
  '',
];

// The ones a CSV header can carry in the page (a file read as UTF-8 holds no lone surrogates).
export const HOSTILE_CSV = HOSTILE.filter((s) => s !== '' && !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
