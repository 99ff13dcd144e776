// One exception type for every rejected input, so callers (CLI, Embind, tests) can
// tell "you asked for something invalid" (nn::Error) from bugs (anything else).
// Messages say what was wrong and what is allowed, and show user text only through
// quoted() / quoted_list() below: the one way user text enters a message.
#pragma once
#include <cstddef>
#include <cstdio>  // kept: files use snprintf through this header
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nn {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& msg) : std::runtime_error(msg) {}
};

// User text inside quotes, safe to show anywhere (a JS Error, the page, a terminal):
//  - at most `max_bytes` bytes of it are shown, cut on a character boundary, followed by
//    " (cut, N characters)", so a 100,000-character name is not a 100 KB message;
//  - C0 controls, DEL, the quote character and '\' are escaped (`\x00`, `\x1b`, `\'`,
//    `\\`): a NUL would end the message when it crosses to JS, and an ESC would let a CSV
//    header drive the terminal;
//  - bytes that are not UTF-8 show as `\xe9`; C1 controls (U+0080..U+009F, which some
//    terminals take as escape sequences), bidirectional overrides and isolates
//    (U+202A..U+202E, U+2066..U+2069), U+2028/U+2029 and U+FEFF show as `\u{202e}`.
// The JS twin is web/lib/quote.mjs (same rules, tested against the same cases).
std::string quoted(std::string_view text, char quote = '\'', size_t max_bytes = 40);

// A whole message made safe for a terminal: the escapes of quoted() except that newlines
// and tabs stay, nothing is cut and no quote is escaped. The CLI prints every message
// through it, in case some message ever carries user text that skipped quoted().
std::string terminal_safe(std::string_view message);

// A list of user names for a message: each quoted(), at most `max_items` of them, then
// "… and N more" (a 1,000-column header gives a short message, not a 1 MB one).
std::string quoted_list(const std::vector<std::string>& names, size_t max_items = 8);

// Throws nn::Error("<what>: the file looks like UTF-16 …; save it as UTF-8") when `text`
// starts with a UTF-16 byte-order mark or has NUL bytes between its first characters (a
// UTF-16 file read as bytes, or decoded as UTF-8 by a browser). Text readers (CSV, model
// JSON) call it first, so the user learns the cause instead of "'\x00a' is not a number".
void check_not_utf16(std::string_view text, const std::string& what);

// The first invalid UTF-8 byte's offset in `text`, or npos when it is all valid UTF-8.
size_t invalid_utf8_at(std::string_view text);

}  // namespace nn
