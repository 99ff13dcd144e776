// TF Playground's data, weights and row order (core/tf_random.h, core/tf_playground.h, the
// tf_playground RowOrder of core/trainer.h). tests/js/tf_playground.test.mjs compares the
// generator with npm seedrandom and a whole TF link with TF's engine; here: the same seed
// gives the same bits natively and in WASM (the goldens below run in both builds), and the
// trainer's carried partial batch is exactly one bigger first update.
#include <catch2/catch.hpp>

#include <cmath>
#include "error.h"
#include "link_settings.h"
#include "tf_playground.h"
#include "tf_random.h"
#include "trainer.h"

using namespace nn;

TEST_CASE("TfRandom: seedrandom's first numbers for TF's seed form", "[tf]") {
    // npm seedrandom('0.83747')() × 3, printed with 17 digits (the JS test checks 20,000 per seed)
    TfRandom r("0.83747");
    CHECK(r.next() == 0.084454295462544945);
    CHECK(r.next() == 0.30147470318889924);
    CHECK(r.next() == 0.28410931563116470);
    CHECK(r.calls() == 3);
    TfRandom a("x"), b("x");
    a.skip(1000);
    for (int i = 0; i < 1000; ++i) b.next();
    CHECK(a.next() == b.next());
    CHECK_THROWS_WITH(TfRandom("\xc3\xa9"), Catch::Contains("only ASCII seeds"));
}

TEST_CASE("tf_playground_dataset: TF's sizes, split and draws", "[tf]") {
    TfDataOptions o;
    o.name = "spiral";
    o.noise = 0.25;
    o.perc_train = 70;
    o.seed = "0.21093";
    uint64_t draws = 0;
    Dataset d = tf_playground_dataset(o, {Feature::x1, Feature::x2}, &draws);
    CHECK(d.n == 500);
    CHECK(d.n_train == 350);  // floor(500 · 70 / 100)
    // spiral: 2 draws per point, then the shuffle's 500
    CHECK(draws == 500 * 2 + 500);
    CHECK(tf_playground_draws(o) == draws);
    o.name = "multigauss";
    o.perc_train = 29;
    Dataset r = tf_playground_dataset(o, {Feature::x1}, &draws);
    CHECK(r.n == 1200);
    CHECK(r.classes == 0);
    CHECK(r.n_train == 348);  // floor(1200 · 29 / 100); 1200 · 0.29 would floor to 347
    CHECK(draws == 1200 * 4 + 1200);
    o.name = "blobs";
    CHECK_THROWS_WITH(tf_playground_dataset(o, {Feature::x1}),
                      "TF Playground has no dataset 'blobs'; allowed: circle, xor, gauss, spiral, plane, multigauss");
}

TEST_CASE("tf_playground order: the tail of an epoch joins the next epoch's first update", "[tf]") {
    // 25 training rows, batch 10: epoch 1 updates after rows 10 and 20 and keeps rows 20-24;
    // epoch 2's first update averages rows 20-24 then 0-9 (15 rows), its second rows 10-19.
    std::vector<float> x;
    std::vector<double> y;
    for (int i = 0; i < 30; ++i) {
        x.push_back(float(i % 7) / 7.0f - 0.4f);
        x.push_back(float(i % 5) / 5.0f - 0.3f);
        y.push_back(i % 3 == 0 ? 1 : 0);
    }
    Dataset d = make_dataset_raw(x, y, 2, 2, 25.0 / 30.0, 3);
    REQUIRE(d.n_train == 25);
    Architecture a;
    a.inputs = 2;
    a.layers = {{3, Activation::tanh, true}, {1, Activation::tanh, true}};
    Network net(a, Loss::half_mse, Init::playground_uniform, 5), ref = net;
    TrainOptions t;
    t.batch_size = 10;
    t.order = RowOrder::tf_playground;
    t.optimizer.lr = 0.1;
    Trainer tr(net, d, t);
    tr.train_epoch();
    tr.train_epoch();

    Trainer by_hand(ref, t);
    const std::vector<float> targets = encode_targets(d, Loss::half_mse, 1);
    auto rows = [&](std::vector<size_t> idx) {
        std::vector<float> bx, by;
        for (size_t i : idx) {
            bx.insert(bx.end(), d.x.begin() + long(i * 2), d.x.begin() + long(i * 2 + 2));
            by.push_back(targets[i]);
        }
        by_hand.train_batch(bx.data(), by.data(), idx.size());
    };
    auto range = [](size_t a0, size_t a1) {
        std::vector<size_t> v;
        for (size_t i = a0; i < a1; ++i) v.push_back(i);
        return v;
    };
    rows(range(0, 10));
    rows(range(10, 20));
    std::vector<size_t> first = range(20, 25);
    for (size_t i = 0; i < 10; ++i) first.push_back(i);
    rows(first);
    rows(range(10, 20));
    for (size_t l = 0; l < net.num_layers(); ++l) {
        CHECK(net.weights(l) == ref.weights(l));
        CHECK(net.biases(l) == ref.biases(l));
    }
    CHECK_THROWS_WITH(parse_row_order("random"), "unknown row order 'random'; allowed: shuffle, tf_playground");
}

TEST_CASE("a TF Playground link trains the same bits natively and in WASM", "[tf][link]") {
    const char* link =
        "#activation=tanh&batchSize=30&dataset=spiral&regDataset=reg-plane&learningRate=0.01"
        "&regularizationRate=0&noise=25&networkShape=8,6&seed=0.21093&showTestData=false"
        "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false"
        "&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=true&collectStats=false"
        "&problem=classification&initZero=false&hideText=false";
    LinkParse p = parse_link(link);
    REQUIRE(p.errors.empty());
    REQUIRE(p.settings.flag("tfMode"));
    Dataset d = page_dataset(p.settings);
    PageNetwork pn = page_network(p.settings, d.classes, d.inputs);
    CHECK(pn.tf_seed == "0.21093");
    CHECK(pn.tf_skip == 1500);  // spiral: 2 draws per point + the shuffle's 500
    Network net(pn.arch, pn.loss, pn.init, pn.seed);
    tf_playground_init(net, pn.tf_seed, pn.tf_skip);
    // the first weight is TF's first draw after the data: Math.random() − 0.5
    TfRandom r("0.21093");
    r.skip(1500);
    CHECK(net.weights(0)[0] == float(r.next() - 0.5));
    CHECK(net.weights(0)[8] == float(r.next() - 0.5));  // unit 0's second link: W is (in, out)
    Trainer tr(net, d, page_train_options(p.settings));
    double train = 0, test = 0;
    for (int e = 0; e < 20; ++e) {
        EpochReport rep = tr.train_epoch();
        train = rep.train.loss;
        test = rep.test.loss;
    }
    // recorded natively; the WASM build must give the same bits
    CHECK(train == 0.47770466762009139);
    CHECK(test == 0.48009264656212031);
}

TEST_CASE("which links are in tfMode", "[tf][link]") {
    const std::string tf =
        "#activation=tanh&batchSize=10&dataset=xor&regDataset=reg-plane&learningRate=0.03"
        "&regularizationRate=0&noise=0&networkShape=4,2&seed=0.5&percTrainData=50&x=true&y=true"
        "&problem=classification";
    CHECK(parse_link(tf).settings.flag("tfMode"));
    CHECK_FALSE(parse_link(tf + "&loss=half_mse").settings.flag("tfMode"));   // an nnplay key
    CHECK_FALSE(parse_link(tf + "&tfMode=false").settings.flag("tfMode"));
    CHECK_FALSE(parse_link("#seed=0.5&dataset=xor&networkShape=4,2").settings.flag("tfMode"));
    CHECK(parse_link("#seed=3&tfMode=true").settings.flag("tfMode"));
    CHECK_FALSE(parse_link(link_of(PageSettings())).settings.flag("tfMode"));
    // round trip: the written link carries the key
    PageSettings on = parse_link(tf).settings;
    CHECK(parse_link(link_of(on)).settings == on);
    // blobs / digits are not TF's: refused by name in a link, left by a control's change
    LinkParse bad = parse_link("#dataset=blobs&tfMode=true");
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0] ==
          "tfMode: TF Playground has no dataset 'blobs'; with tfMode=true use one of circle, xor, "
          "gauss, spiral, plane, multigauss; the link was not applied");
    CHECK_FALSE(apply_patch(on, {{"dataset", "blobs"}}).flag("tfMode"));
    CHECK_FALSE(apply_patch(on, {{"dataset", "digits"}}).flag("tfMode"));
    CHECK(apply_patch(on, {{"dataset", "spiral"}}).flag("tfMode"));
    // train options: TF's order only in tfMode
    CHECK(page_train_options(on).order == RowOrder::tf_playground);
    CHECK(page_train_options(PageSettings()).order == RowOrder::shuffle);
}
