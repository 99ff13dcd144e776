// One set of limits (core/size_limits.h) for everything nnplay builds, reads and writes, and
// the streaming model reader that enforces them before allocating (issue 12, class 4).
// Sizes in the comments are the arithmetic behind each expected message.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "dataset.h"
#include "error.h"
#include "size_limits.h"
#include "model_io.h"
#include "network.h"

using namespace nn;

namespace {

std::string what(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "accepted";
}

const std::string kHead =
    "{\"format\":\"nnplay-model\",\"version\":1,\"inputs\":2,\"loss\":\"half_mse\",\"layers\":[";

// A 2-1 model whose one weights array holds `n` zeros: the 48 MB file of issue 12 with
// n = 24,000,000; here n = 5,000,000 (10 MB) keeps the test fast.
std::string long_weights(size_t n, bool units_first = true) {
    std::string s = kHead + "{" + (units_first ? "\"units\":1," : "") + "\"weights\":[";
    s.reserve(s.size() + 2 * n + 100);
    for (size_t i = 0; i < n; ++i) s += i ? ",0" : "0";
    s += "],\"biases\":[0]";
    s += units_first ? "" : ",\"units\":1";
    s += ",\"activation\":\"tanh\",\"bias\":true}]}";
    return s;
}

}  // namespace

TEST_CASE("limits: a long weights array stops at the declared count, before it is stored") {
    REQUIRE(what([] { model_from_json(long_weights(5000000)); }) ==
            "model: field 'layers[0].weights' must have 2 numbers (2 × 1), got more "
            "(reading stopped at number 3)");
    REQUIRE(what([] { model_from_json(long_weights(1)); }) ==
            "model: field 'layers[0].weights' must have 2 numbers (2 × 1), got 1");
    REQUIRE(what([] { model_from_json(long_weights(2)); }) == "accepted");
}

TEST_CASE("limits: weights before the architecture stop at the parameter budget", "[slow]") {
    // units after weights: the count is unknown while streaming, so the budget applies:
    // 16,777,216 + 1 zeros (33.5 MB of text).
    REQUIRE(what([] { model_from_json(long_weights(size_t(kMaxTrainParams) + 1, false)); }) ==
            "model: field 'layers[0].weights' has more than 16,777,216 numbers; the limit is "
            "16,777,216 parameters");
    REQUIRE(what([] { model_from_json(long_weights(3, false)); }) ==
            "model: field 'layers[0].weights' must have 2 numbers (2 × 1), got 3");
}

TEST_CASE("limits: everything outside the weights is bounded too") {
    // 300,000 values in an unknown field: more than 262,144 (the 6 before it are the object,
    // format, version, inputs, loss and the array itself: 262,144 - 6 = 262,138).
    std::string s = kHead.substr(0, kHead.size() - 10) + "\"junk\":[";
    for (int i = 0; i < 300000; ++i) s += i ? ",1" : "1";
    s += "]}";
    REQUIRE_THAT(what([&] { model_from_json(s); }),
                 Catch::StartsWith("model: the file holds more than 262,144 values outside the "
                                   "layers' weights and biases (at 'junk[262138]')"));
    // A string field over 4,096 bytes.
    std::string t = kHead.substr(0, kHead.size() - 10) + "\"note\":\"" + std::string(5000, 'x') + "\"}";
    REQUIRE(what([&] { model_from_json(t); }) ==
            "model: field 'note' is a string of 5,000 bytes; the limit is 4,096");
    // A top-level array is refused at its first token, however long it is.
    REQUIRE(what([] { model_from_json("[" + std::string(1000000, '1') + "]"); }) ==
            "model: the top level must be a JSON object, got array");
    REQUIRE(what([] { model_from_json("{\"a\":1} {\"b\":2}"); }).find("invalid JSON") != std::string::npos);
    // A non-number inside a weights array names its index.
    std::string u = long_weights(2);
    u.replace(u.find("[0,0]"), 5, "[0,\"0\"]");
    REQUIRE(what([&] { model_from_json(u); }) ==
            "model: field 'layers[0].weights[1]' must be a number, got string");
}

TEST_CASE("limits: a model file in UTF-16 is named") {
    std::string s = "\xff\xfe";
    for (char c : std::string("{\"format\":1}")) s += std::string{c, '\0'};
    REQUIRE(what([&] { model_from_json(s); }) ==
            "model: the file looks like UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
}

TEST_CASE("limits: new Network, the writer and the reader agree on 1,000 layers") {
    Architecture a;
    a.inputs = 2;
    for (int i = 0; i < 1000; ++i) a.layers.push_back({2, Activation::tanh, true});
    Network ok(a, Loss::half_mse, Init::glorot_uniform, 1);
    ModelFile m = model_from_network(ok);
    Network back = network_from_model(model_from_json(model_to_json(m)));  // saved, loaded
    REQUIRE(back.num_layers() == 1000);
    a.layers.push_back({2, Activation::tanh, true});
    REQUIRE(what([&] { Network n(a, Loss::half_mse, Init::glorot_uniform, 1); }) ==
            "network has 1,001 layers; this build trains at most 1,000 (hidden and output layers)");
}

TEST_CASE("limits: the writer's worst float fits the bytes per parameter behind kMaxModelBytes") {
    // A float needs at most 9 significant digits; with a sign and a 2-digit exponent the
    // longest form the writer (nlohmann's Grisu2 for float) gives is 15 characters (every one
    // of the 2^32 bit patterns written once: "-1.00000075e-36" is the first of that length),
    // and a comma makes 16 = kModelBytesPerParam.
    ModelFile m;
    m.arch.inputs = 100;
    m.arch.layers = {{10, Activation::tanh, false}};
    m.weights = {std::vector<float>(1000, -1.16638425e-07f)};
    m.biases = {{}};
    ModelFile z = m;
    z.weights = {std::vector<float>(1000, 0.0f)};
    const size_t extra = model_to_json(m).size() - model_to_json(z).size();
    REQUIRE(extra == 1000 * 12);  // "-1.16638425e-07" replaces "0.0": 12 more bytes per weight
    REQUIRE(extra + 1000 * 2 <= 1000 * kModelBytesPerParam);
    REQUIRE(network_from_model(model_from_json(model_to_json(m))).weights(0)[999] == -1.16638425e-07f);
}

TEST_CASE("limits: what the writer accepts the reader loads (names, text fields, bytes)") {
    ModelFile m;
    m.arch.inputs = 2;
    m.arch.layers = {{1, Activation::tanh, true}};
    m.weights = {{0.5f, -0.5f}};
    m.biases = {{0.25f}};
    m.features = {std::string(kMaxNameBytes, 'n'), "x2"};
    m.dataset = "/data/caf\xe9.csv";  // a Latin-1 file name: written as U+FFFD, not a throw
    ModelFile back = model_from_json(model_to_json(m));
    REQUIRE(back.features[0].size() == kMaxNameBytes);
    REQUIRE(back.dataset == "/data/caf\xef\xbf\xbd.csv");
    m.features[0] += "n";  // 129 bytes
    REQUIRE(what([&] { model_to_json(m); }) ==
            "features[0] 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn' (cut, 129 characters) is 129 bytes; "
            "the limit is 128");
    m.features[0] = "x1";
    m.dataset = std::string(kMaxModelTextBytes + 1, 'd');
    REQUIRE(what([&] { model_to_json(m); }) == "dataset is 4,097 bytes; the limit is 4,096");
}

TEST_CASE("limits: a CSV may declare at most 65,537 columns") {
    // 100,000 columns on one line: refused at column 65,538, before the record is stored.
    std::string wide;
    for (int i = 0; i < 100000; ++i) wide += i ? ",1" : "1";
    CsvOptions o;
    REQUIRE(what([&] { parse_csv(wide + "\n", o); }) ==
            "line 1: more than 65,537 columns; the limit is 65,537 (65,536 inputs and a label)");
    // 65,537 columns: 65,536 inputs and a label, accepted.
    std::string most;
    for (int i = 0; i < 65537; ++i) most += i ? ",1" : "1";
    REQUIRE(parse_csv(most + "\n", o).inputs == 65536);
}

TEST_CASE("limits: CSV column names are UTF-8 and at most 128 bytes") {
    CsvOptions o;
    REQUIRE(what([&] { parse_csv("a\xe9,b\n1,0\n", o); }) ==
            "line 1, column 1: the name \"a\\xe9\" is not UTF-8 text (byte 2); save the file as UTF-8");
    REQUIRE(what([&] { parse_csv(std::string(129, 'h') + ",b\n1,0\n", o); }) ==
            "line 1, column 1: the name \"hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh\" (cut, 129 characters) "
            "is 129 bytes; a column name is at most 128");
    REQUIRE(parse_csv(std::string(128, 'h') + ",b\n1,0\n", o).input_names[0].size() == 128);
    // Terminal escapes in a name are shown escaped in every message.
    REQUIRE(what([&] { parse_csv("a\x1b[2J,b\n1,x\n", o); }) ==
            "line 2, column 2 (\"b\"): 'x' is not a number");
    REQUIRE(what([&] { parse_csv("a\x1b[2J,b\nx,1\n", o); }) ==
            "line 2, column 1 (\"a\\x1b[2J\"): 'x' is not a number");
}

TEST_CASE("limits: a 1,000-column header gives a short message") {
    std::string head, row;
    for (int i = 0; i < 1000; ++i) {
        head += (i ? "," : "") + std::string(100, 'c') + std::to_string(i);
        row += i ? ",1" : "1";
    }
    CsvOptions o;
    o.label_column = "nope";
    std::string m = what([&] { parse_csv(head + "\n" + row + "\n", o); });
    REQUIRE(m.size() < 1000);  // 8 names cut at 40 bytes; it was 104 KB
    REQUIRE(m.find("… and 992 more (or give a 0-based index)") != std::string::npos);
}

TEST_CASE("limits: a UTF-16 CSV is named") {
    std::string s = "\xff\xfe";
    for (char c : std::string("a,b\n1,0\n")) s += std::string{c, '\0'};
    CsvOptions o;
    REQUIRE(what([&] { parse_csv(s, o); }) ==
            "CSV: the file looks like UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
}
