// The page's settings and its URL hash (core/link_settings.h): the one parser and writer of
// a page link, and what a link trains. tests/browser/state.test.mjs checks the same through
// the JS API; tests/browser/link-replay.test.mjs checks that the page trains what this says.
#include <catch2/catch.hpp>

#include "error.h"
#include "link_settings.h"
#include "rules.h"

using namespace nn;

namespace {
// A link as TF Playground writes it (every key of its state.ts, in its order).
const char* kTfLink =
    "#activation=relu&regularization=L1&batchSize=10&dataset=spiral&regDataset=reg-plane"
    "&learningRate=0.03&regularizationRate=0.001&noise=0&networkShape=8,8&seed=0.83747"
    "&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false"
    "&xSquared=false&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=true"
    "&collectStats=false&problem=classification&initZero=false&hideText=false";
}  // namespace

TEST_CASE("a TF Playground link: settings, network and training options", "[link]") {
    LinkParse p = parse_link(kTfLink);
    REQUIRE(p.errors.empty());
    const PageSettings& s = p.settings;
    CHECK(s.text("dataset") == "spiral");
    CHECK(s.text("regDataset") == "plane");  // TF's reg-plane
    CHECK(s.text("seed") == "0.83747");
    CHECK(s.widths("networkShape") == std::vector<int64_t>{8, 8});
    PageNetwork n = page_network(s, page_classes(s), page_features(s).size());
    CHECK(n.arch.inputs == 4);  // x1, x2, sinx1, sinx2
    REQUIRE(n.arch.layers.size() == 3);
    CHECK(n.arch.layers[0].activation == Activation::relu);
    CHECK(n.arch.layers[2].units == 1);
    CHECK(n.arch.layers[2].activation == Activation::tanh);  // TF: tanh output, ½ squared error
    CHECK(n.loss == Loss::half_mse);
    CHECK(n.init == Init::playground_uniform);
    CHECK(n.seed == seed_from_text("0.83747"));
    TrainOptions t = page_train_options(s);
    CHECK(t.optimizer.kind == OptimizerKind::sgd);
    CHECK(t.optimizer.l1 == 0.001);  // TF's regularization=L1 & regularizationRate=0.001
    CHECK(t.optimizer.l2 == 0);
    CHECK(t.batch_size == 10);
    CHECK(t.seed == n.seed);  // one seed: data, split, weights and shuffling
    Dataset d = page_dataset(s);
    CHECK(d.n == 500);
    CHECK(d.n_train == 250);  // percTrainData=50
}

TEST_CASE("links round trip and every key is written", "[link]") {
    PageSettings s;
    s.set("dataset", "blobs");
    s.set("classes", "5");
    s.set("loss", "softmax_ce");
    s.set("networkShape", "256,128,64");
    s.set("activations", "relu,gelu,tanh");
    s.set("learningRate", "0.001");
    s.set("seed", "0.83747");
    s.set("hide", "noise,dataset");
    s.set("regularization", "L2");
    s.set("regularizationRate", "3e-05");
    const std::string link = link_of(s);
    CHECK(link.find("learningRate=0.001&") != std::string::npos);
    CHECK(link.find("regularizationRate=3e-5&") != std::string::npos);
    CHECK(link.find("&dataset_hide=true&noise_hide=true") != std::string::npos);
    LinkParse back = parse_link(link);
    CHECK(back.errors.empty());
    CHECK(back.settings == s);
    CHECK(link_of(back.settings) == link);
    CHECK(parse_link(link_of(PageSettings())).settings == PageSettings());
}

TEST_CASE("a link without a loss gets the default loss for its data", "[link]") {
    CHECK(parse_link("#dataset=blobs&classes=4").settings.text("loss") == "softmax_ce");
    CHECK(parse_link("#dataset=xor").settings.text("loss") == "half_mse");
    CHECK(parse_link("#problem=regression").settings.text("loss") == "half_mse");
    // an explicit loss is kept: 3 linear outputs with half MSE
    PageSettings s = parse_link("#dataset=blobs&loss=half_mse").settings;
    CHECK(page_network(s, 3, 2).arch.layers.back().units == 3);
    CHECK(page_network(s, 3, 2).arch.layers.back().activation == Activation::linear);
}

TEST_CASE("bad values keep the current value and say why", "[link]") {
    PageSettings base;
    base.set("networkShape", "3,3");
    struct Case { const char* hash; const char* message; };
    const Case cases[] = {
        {"networkShape=4,abc", "networkShape: '4,abc' layer 2: 'abc' is not a whole number; kept '3,3'"},
        {"networkShape=1000000000", "networkShape: '1000000000' layer 1: 1000000000 neurons; allowed 1 to 512; kept '3,3'"},
        {"learningRate=NaN", "learningRate: 'NaN' is not a number; kept '0.03'"},
        {"learningRate=0", "learningRate: '0' is out of range (above 0 to 10); kept '0.03'"},
        {"noise=51", "noise: '51' is out of range (from 0 to 50); kept '0'"},
        {"dataset=moons", "dataset: 'moons' is not one of circle, xor, gauss, spiral, blobs, digits, fashion; kept 'circle'"},
        {"x=yes", "x: 'yes' is not true or false; kept 'true'"},
        {"bogus=1", "unknown setting 'bogus' ignored"},
        {"x=%E0%A4%A", "malformed text in the link: 'x=%E0%A4%A'"},
        {"cosX=true", "cosX: cosine features are not available; ignored"},
        {"noise=10&noise=20", "'noise' appears twice in the link; the last value is used"},
    };
    for (const auto& c : cases) {
        INFO(c.hash);
        LinkParse p = parse_link(c.hash, base);
        REQUIRE(p.errors.size() == 1);
        CHECK(p.errors[0] == c.message);
    }
    CHECK(parse_link("networkShape=2.5", base).settings.text("networkShape") == "3,3");
    CHECK(parse_link("noise=10&noise=20").settings.number("noise") == 20);
    CHECK(parse_link("regDataset=reg-gauss").settings.text("regDataset") == "multigauss");
    CHECK(parse_link("learningRate=%2B3e-1").settings.number("learningRate") == 0.3);
}

TEST_CASE("impossible combinations and long links keep everything", "[link]") {
    PageSettings base;
    base.set("networkShape", "3");
    LinkParse a = parse_link("#x=false&y=false", base);
    CHECK(a.settings == base);
    CHECK(a.errors[0] == "select at least one input feature; the link was not applied");
    LinkParse b = parse_link("#problem=regression&loss=bce", base);
    CHECK(b.settings == base);
    CHECK(b.errors[0] == "loss bce needs 2 classes (1 sigmoid output), but the data is regression data; "
                         "regression uses half_mse; the link was not applied");
    LinkParse c = parse_link("#" + std::string(5000, 'a'), base);
    CHECK(c.settings == base);
    CHECK(c.errors[0] == "the link is too long (over 4,096 characters); settings kept");
    CHECK(check_settings(parse_link("networkShape=4&activations=relu,tanh").settings) ==
          std::vector<std::string>{});  // rejected above: base kept, so no problem remains
}

TEST_CASE("change_level says what must be rebuilt", "[link]") {
    PageSettings a, b;
    CHECK(change_level(a, b) == nullptr);
    b.set("learningRate", "0.1");
    CHECK(std::string(change_level(a, b)) == "train");
    b.set("networkShape", "4");
    CHECK(std::string(change_level(a, b)) == "net");
    b.set("noise", "5");
    CHECK(std::string(change_level(a, b)) == "data");
    PageSettings v;
    v.set("discretize", "true");
    CHECK(std::string(change_level(a, v)) == "view");
}

TEST_CASE("dataset=digits brings the image defaults, and leaving it brings the playground's back", "[link]") {
    PageSettings d = parse_link("#dataset=digits&batchSize=64").settings;
    CHECK(page_images(d));
    CHECK(page_classes(d) == 10);
    CHECK(d.text("networkShape") == "256,128,64");
    CHECK(d.text("loss") == "softmax_ce");
    CHECK(d.number("batchSize") == 64);  // the link's own value wins
    CHECK(check_settings(d).empty());    // no 2-D features needed
    PageSettings back = apply_patch(d, {{"dataset", "circle"}});
    CHECK(back.text("networkShape") == "4,2");
    CHECK(back.text("loss") == "half_mse");
    PageSettings there = apply_patch(PageSettings(), {{"dataset", "digits"}, {"learningRate", "0.01"}});
    CHECK(there.text("optimizer") == "adam");
    CHECK(there.number("learningRate") == 0.01);
    CHECK_THROWS_WITH(apply_patch(PageSettings(), {{"x", "false"}, {"y", "false"}}), "select at least one input feature");
    CHECK_THROWS_WITH(page_dataset(d), Catch::Contains("nnplay train --dataset digits"));
}
