// The playground page's settings: one typed table (keys, defaults, limits, rebuild groups)
// and its round trip through the URL hash, TF Playground's keys included. The only parser
// and serialiser of a page link: the page (through the JS API), the widgets and
// `nnplay train --link` all use it, and page_run() turns settings into exactly what the
// page trains. Keys and names match the JS API (web/lib/nnplay.d.ts). No I/O.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>
#include "arch.h"
#include "dataset.h"
#include "init.h"
#include "loss.h"
#include "tf_playground.h"
#include "trainer.h"

namespace nn {

enum class SettingType { choice, flag, integer, number, seed, widths, activations, hide };
// Which part must be rebuilt when a setting changes: data → the dataset and the network;
// net → the network; train → the next epoch uses it; view → drawing only.
enum class SettingGroup { data, net, train, view };

struct SettingSpec {
    std::string key;
    SettingType type = SettingType::choice;
    SettingGroup group = SettingGroup::view;
    std::string default_text;  // canonical text, as the link writes it
    double min = 0, max = 0;   // integer / number
    bool exclusive_min = false;
    std::vector<std::string> values;                              // choice
    std::vector<std::pair<std::string, std::string>> aliases;     // choice: TF's name → ours
    int max_items = 0;         // widths / activations: the most hidden layers
    std::string feature;       // flag keys that switch an input feature: its core name (x1, …)
};
// In link order. The hidden-layer activations a link may name are the `activation`
// choice's values.
const std::vector<SettingSpec>& link_settings_table();
const char* setting_group_name(SettingGroup g);  // "data", "net", "train", "view"
constexpr size_t kMaxLinkChars = 4096;
constexpr int kMaxPageLayers = 8;
constexpr int kMaxPageWidth = 512;

// Every key of the table, each held as its canonical text (the link's value).
class PageSettings {
public:
    PageSettings();  // the defaults (TF Playground's, where it has the key)
    const std::string& text(std::string_view key) const;
    double number(std::string_view key) const;  // integer and number keys
    bool flag(std::string_view key) const;
    std::vector<int64_t> widths(std::string_view key) const;
    std::vector<std::string> list(std::string_view key) const;  // activations, hide
    // Parses `text` for `key` and stores its canonical form; throws nn::Error naming the key,
    // the value and what is allowed. set() does not cross-check (see check_settings).
    void set(std::string_view key, std::string_view text);
    bool operator==(const PageSettings& o) const { return values_ == o.values_; }
    bool operator!=(const PageSettings& o) const { return !(*this == o); }

private:
    std::vector<std::string> values_;  // by table index
};

// Settings that cannot work together (no feature, a loss the data cannot take, more
// per-layer activations than layers). Empty = fine.
std::vector<std::string> check_settings(const PageSettings& s);

struct LinkParse {
    PageSettings settings;
    std::vector<std::string> errors;  // one message per rejected or ignored part
};
// Parses a location.hash ("#a=1&b=2" or "a=1&b=2"). Keys the link leaves out take their
// defaults (a missing `loss` the default loss for the data), so a link reproduces a page.
// A link without `tfMode` gets tfMode=true exactly when it was copied from TF Playground
// (tf_link_signature), so it trains as it does there; nnplay's own links carry the key.
// A bad value keeps `base`'s value for that key and adds a message naming it; a link whose
// result fails check_settings, or one over kMaxLinkChars, keeps all of `base`.
LinkParse parse_link(std::string_view hash, const PageSettings& base = PageSettings());
// "#key=value&…": every key (TF Playground's too), so a link does not depend on defaults.
std::string link_of(const PageSettings& s);
// A control's change: s with the (key, text) pairs applied; choosing or leaving an image set
// (dataset=digits) first brings that side's network and training defaults. Throws nn::Error
// naming a bad value, or the check_settings problems joined by "; ".
PageSettings apply_patch(const PageSettings& s, const std::vector<std::pair<std::string, std::string>>& patch);
// The largest rebuild a change from a to b needs, or nullptr if nothing changed.
const char* change_level(const PageSettings& a, const PageSettings& b);

// True when a link's keys are TF Playground's: every key its page writes into a link
// (activation, batchSize, dataset, regDataset, learningRate, regularizationRate, noise,
// networkShape, seed, percTrainData, x, y, problem) and none only nnplay writes (classes,
// activations, loss, init, optimizer, speed, precision, tfMode).
bool tf_link_signature(const std::set<std::string>& keys);

// ---- what a page link trains -------------------------------------------------------------
// tfMode=true: the data, initial weights (init=playground) and row order are TF Playground's
// (tf_playground.h); every other setting trains as usual.
bool page_tf_data(const PageSettings& s);  // the data is one of TF Playground's sets
TfDataOptions page_tf_data_options(const PageSettings& s);
std::vector<Feature> page_features(const PageSettings& s);
int page_classes(const PageSettings& s);  // of the generated data; 0 = regression
bool page_images(const PageSettings& s);  // dataset=digits: 784 inputs, loaded by the page's worker
// The generated dataset, shuffled and split as the page does.
Dataset page_dataset(const PageSettings& s);
struct PageNetwork {
    Architecture arch;  // hidden layers + output_layer(classes, loss)
    Loss loss;
    Init init;
    uint64_t seed;
    // tfMode with init=playground: the weights are tf_playground_init(net, tf_seed, tf_skip)
    // (tf_seed empty otherwise: init from `seed`).
    std::string tf_seed;
    uint64_t tf_skip = 0;
};
// For data with `classes` classes and `inputs` inputs (the page's own points or a CSV may
// differ from the generated data).
PageNetwork page_network(const PageSettings& s, int classes, size_t inputs);
TrainOptions page_train_options(const PageSettings& s);  // seed = the shuffling seed

}  // namespace nn
