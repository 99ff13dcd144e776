// quoted(), quoted_list() and the text checks of error.h: the one place user text is made
// safe for a message. Why each escape exists is said in error.h.
#include "error.h"

#include <cstdint>
#include <cstdio>

namespace nn {
namespace {

// Length of the valid UTF-8 sequence at s[i] (1..4) and its code point, or 0 if the byte
// at i does not start one (stray continuation, overlong, surrogate, beyond U+10FFFF, cut).
size_t utf8_seq(std::string_view s, size_t i, uint32_t& cp) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    size_t n;
    uint32_t min;
    if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07, min = 0x10000;
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        const unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

bool invisible_format(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}

}  // namespace

namespace {

// The body of quoted(): escapes `text` into `out`, showing at most max_bytes of it.
// quote == 0 escapes no quote character and no backslash (terminal_safe).
void append_escaped(std::string& out, std::string_view text, char quote, size_t max_bytes,
                    bool keep_newlines, size_t& shown_chars, size_t& total_chars) {
    size_t i = 0;
    char buf[16];
    while (i < text.size()) {
        uint32_t cp = 0;
        size_t n = utf8_seq(text, i, cp);
        if (i + (n ? n : 1) <= max_bytes) {
            if (n == 0) {
                std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[i]));
                out += buf;
            } else if (keep_newlines && (cp == '\n' || cp == '\t')) {
                out += char(cp);
            } else if (cp < 0x20 || cp == 0x7F) {
                std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(cp));
                out += buf;
            } else if (quote && (cp == uint32_t(static_cast<unsigned char>(quote)) || cp == '\\')) {
                out += '\\';
                out += char(cp);
            } else if (invisible_format(cp)) {
                std::snprintf(buf, sizeof buf, "\\u{%04x}", unsigned(cp));
                out += buf;
            } else {
                out.append(text.substr(i, n));
            }
            ++shown_chars;
        }
        ++total_chars;
        i += n ? n : 1;
    }
}

}  // namespace

std::string quoted(std::string_view text, char quote, size_t max_bytes) {
    std::string out(1, quote);
    size_t shown = 0, total = 0;
    append_escaped(out, text, quote, max_bytes, false, shown, total);
    out += quote;
    if (shown < total) out += " (cut, " + std::to_string(total) + " characters)";
    return out;
}

std::string terminal_safe(std::string_view message) {
    std::string out;
    size_t shown = 0, total = 0;
    append_escaped(out, message, 0, std::string_view::npos, true, shown, total);
    return out;
}

std::string quoted_list(const std::vector<std::string>& names, size_t max_items) {
    std::string out;
    for (size_t i = 0; i < names.size() && i < max_items; ++i) out += (i ? ", " : "") + quoted(names[i]);
    if (names.size() > max_items) {
        // Plain digits grouping here: error.h must not depend on arch.h's format_thousands.
        std::string n = std::to_string(names.size() - max_items), g;
        for (size_t k = 0; k < n.size(); ++k) {
            if (k && (n.size() - k) % 3 == 0) g += ',';
            g += n[k];
        }
        out += " … and " + g + " more";
    }
    return out;
}

size_t invalid_utf8_at(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        uint32_t cp;
        size_t n = utf8_seq(text, i, cp);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

void check_not_utf16(std::string_view text, const std::string& what) {
    auto bytes = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
    const char* why = nullptr;
    if (bytes("\xFF\xFE") || bytes("\xFE\xFF")) {
        why = "it starts with a UTF-16 byte-order mark";
    } else if (bytes("\xEF\xBF\xBD\xEF\xBF\xBD")) {
        // A UTF-16 BOM decoded as UTF-8 by a browser becomes two U+FFFD.
        if (text.size() > 7 && (text[6] == '\0' || text[7] == '\0'))
            why = "it starts with a UTF-16 byte-order mark";
    }
    if (!why) {
        // ASCII in UTF-16 is every other byte NUL: count NULs at even and odd offsets among
        // the first 64 bytes.
        size_t even = 0, odd = 0, n = text.size() < 64 ? text.size() : 64;
        for (size_t i = 0; i < n; ++i)
            if (text[i] == '\0') ++(i % 2 ? odd : even);
        if (n >= 4 && (even * 4 >= n || odd * 4 >= n) && (even == 0 || odd == 0))
            why = "every other byte is NUL";
    }
    if (why)
        throw Error(what + ": the file looks like UTF-16 (" + why + "); save it as UTF-8");
}

}  // namespace nn
