// CSV import: happy paths, then a table of bad inputs, each with the message it must give.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "dataset.h"
#include "error.h"

using namespace nn;

static Dataset csv(const std::string& text, const std::string& label = "", bool regression = false) {
    CsvOptions o;
    o.label_column = label;
    o.regression = regression;
    return parse_csv(text, o);
}

// Rows come back shuffled; find the one whose first input is v.
static size_t row_with(const Dataset& d, float v) {
    for (size_t i = 0; i < d.n; ++i)
        if (d.x[i * d.inputs] == v) return i;
    FAIL("no row starts with " << v);
    return 0;
}

TEST_CASE("csv: header, default last label column, classification") {
    Dataset d = csv("x1,x2,label\n1,2,0\n3,4,1\n5,6,2\n");
    REQUIRE(d.n == 3);
    REQUIRE(d.inputs == 2);
    REQUIRE(d.classes == 3);  // labels 0..2 → 3 classes
    REQUIRE(d.n_train == 3);  // train_ratio defaults to 1
    REQUIRE(d.input_names == std::vector<std::string>{"x1", "x2"});
    size_t r = row_with(d, 3);
    REQUIRE(d.x[r * 2 + 1] == 4.0f);
    REQUIRE(d.label[r] == 1);
}

TEST_CASE("csv: no header, CRLF, blank lines, spaces, quotes, BOM") {
    Dataset d = csv("\xEF\xBB\xBF 1.5 , -2e-1 ,1\r\n\r\n  \n\"3\", 4 ,0\r\n");
    REQUIRE(d.n == 2);
    REQUIRE(d.inputs == 2);
    REQUIRE(d.classes == 2);
    REQUIRE(d.input_names == std::vector<std::string>{"x1", "x2"});
    size_t r = row_with(d, 1.5f);
    REQUIRE(d.x[r * 2 + 1] == -0.2f);
    REQUIRE(d.label[r] == 1);
    // No trailing newline, quoted header names with commas and "" escapes.
    Dataset q = csv("\"a,b\",\"say \"\"hi\"\"\",y\n1,2,0.5");
    REQUIRE(q.input_names == std::vector<std::string>{"a,b", "say \"hi\""});
    REQUIRE(q.classes == 0);  // 0.5 is not an integer → regression
}

TEST_CASE("csv: label column by name or 0-based index; regression forced") {
    Dataset d = csv("y,x1,x2\n1,10,20\n0,30,40\n", "y");
    REQUIRE(d.input_names == std::vector<std::string>{"x1", "x2"});
    REQUIRE(d.label[row_with(d, 10)] == 1);
    Dataset e = csv("1,10,20\n0,30,40\n", "0");
    REQUIRE(e.label[row_with(e, 10)] == 1);
    REQUIRE(e.x[row_with(e, 30) * 2 + 1] == 40.0f);
    Dataset f = csv("1,10,2\n0,30,4\n", "", true);
    REQUIRE(f.classes == 0);
    Dataset g = csv("1,10,7\n0,30,4\n");
    REQUIRE(g.classes == 8);  // max label 7 → classes 0..7
    Dataset h = csv("1,10,-1\n0,30,4\n");
    REQUIRE(h.classes == 0);  // a negative label → regression
    Dataset big = csv("1,1000\n2,3\n");
    REQUIRE(big.classes == 0);  // more than 1000 classes → regression
}

TEST_CASE("csv: split follows train_ratio and seed") {
    std::string text = "a,b\n";
    for (int i = 0; i < 10; ++i) text += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
    CsvOptions o;
    o.train_ratio = 0.7;
    o.seed = 5;
    Dataset d = parse_csv(text, o);
    REQUIRE(d.n == 10);
    REQUIRE(d.n_train == 7);
    std::set<float> seen(d.x.begin(), d.x.end());
    REQUIRE(seen.size() == 10);
    o.seed = 6;
    REQUIRE(parse_csv(text, o).x != d.x);
}

TEST_CASE("csv: bad inputs, each with its message") {
    struct Case {
        const char* text;
        const char* label;
        const char* message;
    };
    const Case cases[] = {
        {"", "", "CSV is empty"},
        {"\n  \n\r\n", "", "CSV is empty"},
        {"x1,x2,y\n", "", "header but no data rows"},
        {"x1,x2,y\n1,2,0\n3,4\n", "", "line 3: expected 3 columns, got 2"},
        {"1,2,0\n3,4,1,5\n", "", "line 2: expected 3 columns, got 4"},
        {"x1,x2,y\n1,2,1\n\n\n1,2,0\n1,2,1\n1,abc,1\n", "",
         "line 7, column 2 (\"x2\"): 'abc' is not a number"},
        {"x1,x2,y\n1,2,1\n1,2,1\n1,2,1\n1,2,1\n1,2,1\n1,2,x2\n", "",
         "line 7, column 3 (\"y\"): 'x2' is not a number"},
        {"1,2,0\n3,12abc,1\n", "", "line 2, column 2: '12abc' is not a number"},
        {"1,2,0\n3,0x10,1\n", "", "line 2, column 2: '0x10' is not a number"},
        {"1,2,0\n3,1.2.3,1\n", "", "'1.2.3' is not a number"},
        {"1,2,0\n3,NaN,1\n", "", "line 2, column 2: 'NaN' is not allowed; values must be finite"},
        {"1,2,0\n3,-inf,1\n", "", "'-inf' is not allowed"},
        {"1,2,0\n3,1e999,1\n", "", "'1e999' is not allowed"},
        {"1,2,0\n3,1e39,1\n", "", "'1e39' is too large for a 32-bit float"},
        {"1,2,0\n3,,1\n", "", "line 2, column 2: empty value"},
        {"1,2,0\n3,\"4,1\n", "", "line 2: a quoted field is never closed"},
        {"1,2,0\n3,\"4\"x,1\n", "", "line 2, column 2: unexpected text after a closing quote"},
        {"1;2;0\n3;4;1\n", "", "need at least 2 columns (inputs and a label) separated by commas"},
        {"x1,x2,y\n1,2,0\n", "z", "label column 'z' not found; the columns are: 'x1', 'x2', 'y'"},
        {"1,2,0\n", "3", "label column 3 is out of range: the file has 3 columns (0-based indices 0..2)"},
        {"1,2,0\n", "y", "the file has no header, so give a 0-based index 0..2"},
    };
    for (const Case& c : cases) {
        INFO("input: " << c.text);
        REQUIRE_THROWS_WITH(csv(c.text, c.label), Catch::Contains(c.message));
    }
    // ";" inside a number column (a semicolon file with a header) is named too.
    REQUIRE_THROWS_WITH(csv("a,b\n1;2,3\n"), Catch::Contains("'1;2' is not a number"));
}

TEST_CASE("csv: size limits are checked with the numbers") {
    std::string big(kMaxCsvBytes + 1, '\n');
    REQUIRE_THROWS_WITH(csv(big), Catch::Contains("67,108,865 bytes; the limit is 67,108,864"));
    std::string rows;
    rows.reserve((kMaxCsvRows + 1) * 4);
    for (size_t i = 0; i <= kMaxCsvRows; ++i) rows += "1,0\n";
    REQUIRE_THROWS_WITH(csv(rows), Catch::Contains("more than 1,000,000 data rows") &&
                                       Catch::Contains("line 1000001"));
}
