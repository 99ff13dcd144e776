// Builds a page link's run through the same core calls the page's worker makes (via the JS
// API): page_dataset, page_network, page_train_options. See train_link.h.
#include "train_link.h"

#include "error.h"
#include "link_settings.h"

namespace nn {

LinkRun link_run(std::string_view hash) {
    LinkParse p = parse_link(hash);
    if (!p.errors.empty()) {
        std::string all;
        for (const auto& e : p.errors) all += (all.empty() ? "" : "; ") + e;
        throw Error("the link does not replay as the page would train it: " + all);
    }
    const PageSettings& s = p.settings;
    LinkRun r;
    r.data = page_dataset(s);
    r.dataset_name = s.text("problem") == "regression" ? s.text("regDataset") : s.text("dataset");
    PageNetwork n = page_network(s, r.data.classes, r.data.inputs);
    r.arch = n.arch;
    r.loss = n.loss;
    r.init = n.init;
    r.init_name = init_name(n.init);
    r.seed = n.seed;
    r.tf_seed = n.tf_seed;
    r.tf_skip = n.tf_skip;
    r.train = page_train_options(s);
    return r;
}

const std::vector<std::string>& link_replaces_flags() {
    static const std::vector<std::string> f = {
        "--dataset", "--data",     "--label",      "--regression", "--samples", "--noise",
        "--classes", "--train-ratio", "--features", "--hidden",    "--activation", "--loss",
        "--init",    "--optimizer", "--lr",        "--momentum",   "--l1",      "--l2",
        "--batch",   "--seed",     "--images",      "--image-size"};
    return f;
}

}  // namespace nn
