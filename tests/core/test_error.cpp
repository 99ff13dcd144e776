// nn::quoted, quoted_list, terminal_safe and the text checks (core/error.h): the one way
// user text enters a message (issue 12, class 5). web/lib/quote.mjs is the JS twin;
// tests/js/quote.test.mjs checks it against the same cases.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "error.h"

using namespace nn;
using namespace std::string_literals;

TEST_CASE("quoted: plain text is quoted as it is") {
    REQUIRE(quoted("relu") == "'relu'");
    REQUIRE(quoted("x1", '"') == "\"x1\"");
    REQUIRE(quoted("") == "''");
    REQUIRE(quoted("größe → ×") == "'größe → ×'");  // UTF-8 stays readable
}

TEST_CASE("quoted: NUL, controls, ESC, DEL, the quote and backslash are escaped") {
    REQUIRE(quoted("relu\0x"s) == "'relu\\x00x'");
    REQUIRE(quoted("a\x1b[31mred") == "'a\\x1b[31mred'");  // a terminal colour sequence
    REQUIRE(quoted("a\nb\rc\td\x7f") == "'a\\x0ab\\x0dc\\x09d\\x7f'");
    REQUIRE(quoted("it's") == "'it\\'s'");
    REQUIRE(quoted("a\\b") == "'a\\\\b'");
    REQUIRE(quoted("say \"hi\"", '"') == "\"say \\\"hi\\\"\"");
}

TEST_CASE("quoted: bytes that are not UTF-8, C1 controls and bidi overrides are escaped") {
    REQUIRE(quoted("caf\xe9") == "'caf\\xe9'");                 // Latin-1 é
    REQUIRE(quoted("\xc2\x9b" "31m") == "'\\u{009b}31m'");       // C1 CSI
    REQUIRE(quoted("abc\xe2\x80\xae" "def") == "'abc\\u{202e}def'");  // right-to-left override
    REQUIRE(quoted("\xef\xbb\xbfx") == "'\\u{feff}x'");
    REQUIRE(quoted("\xed\xa0\x80") == "'\\xed\\xa0\\x80'");      // a UTF-8-encoded surrogate
    REQUIRE(quoted("\xc0\xaf") == "'\\xc0\\xaf'");                // overlong '/'
}

TEST_CASE("quoted: long text is cut at 40 bytes on a character boundary, with its length") {
    std::string s(100000, 'a');
    REQUIRE(quoted(s) == "'" + std::string(40, 'a') + "' (cut, 100000 characters)");
    // 39 ASCII bytes then a 2-byte character: it would end at byte 41, so it is left out.
    std::string t = std::string(39, 'b') + "é" + "zz";
    REQUIRE(quoted(t) == "'" + std::string(39, 'b') + "' (cut, 42 characters)");
    REQUIRE(quoted(std::string(40, 'c')) == "'" + std::string(40, 'c') + "'");  // exactly 40: whole
}

TEST_CASE("quoted_list: each name quoted, at most 8, then how many more") {
    std::vector<std::string> names;
    for (int i = 0; i < 1000; ++i) names.push_back("c" + std::to_string(i));
    std::string s = quoted_list(names);
    REQUIRE(s == "'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7' … and 992 more");
    REQUIRE(quoted_list({"a", "b"}) == "'a', 'b'");
    REQUIRE(quoted_list({}) == "");
    std::vector<std::string> many(1234567, "x");
    REQUIRE(quoted_list(many).find("and 1,234,559 more") != std::string::npos);
}

TEST_CASE("terminal_safe: escapes controls but keeps newlines and the text whole") {
    REQUIRE(terminal_safe("line 1\nline \x1b]0;title\x07 2") == "line 1\nline \\x1b]0;title\\x07 2");
    REQUIRE(terminal_safe("it's a\\b") == "it's a\\b");
    REQUIRE(terminal_safe(std::string(1000, 'x')).size() == 1000);
}

TEST_CASE("check_not_utf16: byte-order marks and NUL-interleaved text are named") {
    auto msg = [](const std::string& t) {
        try {
            check_not_utf16(t, "CSV");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    const std::string le = "\xff\xfe" "a\0,\0b\0\n\0"s, be = "\xfe\xff\0a\0,\0b"s;
    REQUIRE(msg(le) == "CSV: the file looks like UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
    REQUIRE(msg(be).find("looks like UTF-16") != std::string::npos);
    REQUIRE(msg("a\0,\0b\0\n\0" "1\0,\0002\0"s).find("every other byte is NUL") != std::string::npos);
    // A browser decoding UTF-16 as UTF-8: the BOM becomes two U+FFFD.
    REQUIRE(msg("\xef\xbf\xbd\xef\xbf\xbd" "a\0,\0b\0"s).find("looks like UTF-16") != std::string::npos);
    REQUIRE(msg("a,b\n1,2\n") == "accepted");
    REQUIRE(msg("") == "accepted");
    REQUIRE(msg("a,b\n1,\0\n"s) == "accepted");  // one stray NUL is a bad value, not UTF-16
}

TEST_CASE("invalid_utf8_at: offset of the first bad byte") {
    REQUIRE(invalid_utf8_at("abc") == std::string::npos);
    REQUIRE(invalid_utf8_at("größe") == std::string::npos);
    REQUIRE(invalid_utf8_at("ab\xe9" "c") == 2);
    REQUIRE(invalid_utf8_at("\xe2\x82") == 0);  // a cut sequence
}
