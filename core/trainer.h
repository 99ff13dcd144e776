// Minibatch training over a Dataset, with per-epoch metrics and divergence
// detection. Shuffles with its own seeded Rng, so a run is reproducible.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include "dataset.h"
#include "network.h"
#include "optim.h"
#include "thread_pool.h"

namespace nn {

// The order rows are trained in. shuffle: nnplay's, a fresh permutation of the training
// rows every epoch (from `seed`), each epoch ending with its partial batch. tf_playground:
// TF Playground's oneStep(), the rows in their stored order every epoch, an update after
// every batch_size rows, and the rows after the last full batch carried into the next
// epoch's first update (TF keeps accumulating their derivatives; that update then averages
// over carried + batch_size rows). `seed` is unused.
enum class RowOrder { shuffle, tf_playground };
RowOrder parse_row_order(const std::string& name);  // "shuffle", "tf_playground"
const char* row_order_name(RowOrder o);

struct TrainOptions {
    OptimizerSettings optimizer;
    int64_t batch_size = 10;
    uint64_t seed = 1;  // shuffling
    // Threads for each step's products and updates (1..kMaxThreads). Any count gives the
    // same bits as 1 (dense_parallel.h); a platform that starts fewer runs with fewer
    // (Trainer::threads()), e.g. WASM without pthreads runs with 1.
    int threads = 1;
    RowOrder order = RowOrder::shuffle;
};

struct Metrics {
    double loss = 0, accuracy = 0;  // accuracy NaN for regression
    int64_t samples = 0;
};

struct EpochReport {
    int64_t epoch = 0;              // 1-based, after this epoch
    Metrics train, test;            // test.samples == 0 if no test split
    bool diverged = false;          // loss became NaN/Inf; weights restored to the epoch's start
    bool stalled = false;           // classification stuck at chance (stall.h); said once per Trainer
    std::string message;            // "diverged at epoch 12; lower the learning rate (now 3)"
};

// Loss/accuracy of the network on rows [begin, end) of d.
Metrics evaluate(const Network& net, const Dataset& d, size_t begin, size_t end);

// The rule for an epoch report's training metrics (issue 15: re-evaluating all 8,000 training
// digits took about a third of each epoch). They are measured with the epoch's final weights on
// every training row when the training split has at most kTrainMetricRows rows (every 2-D set,
// so TF Playground's figures are unchanged), else on kTrainMetricRows rows spread evenly over
// it: row floor(i · n_train / kTrainMetricRows) for i = 0 … kTrainMetricRows − 1 (rows in file
// order stay representative). Metrics::samples says how many rows were used. Test metrics
// always use the whole test split. The page, the CLI and the JS API all report through this.
constexpr size_t kTrainMetricRows = 2000;
// The training rows the rule measures; empty when it measures all of them.
std::vector<uint32_t> train_metric_rows(size_t n_train);

struct SplitMetrics {
    Metrics train, test;  // train by the rule above; test over the whole test split
};
// What an epoch report would say for the network as it is (the numbers before any training).
SplitMetrics evaluate_split(const Network& net, const Dataset& d);

class Trainer {
public:
    // Checks the dataset fits the network (inputs, outputs vs loss) and the options.
    Trainer(Network& net, const Dataset& data, const TrainOptions& opt);
    // Without a dataset: only train_batch (your own x and encoded y) runs.
    Trainer(Network& net, const TrainOptions& opt);
    ~Trainer();
    EpochReport train_epoch();
    // Part of an epoch (issue 15: one epoch of 8,000 digits takes seconds in a browser, and a
    // worker must look at its messages more often): at most max_batches minibatches, then
    // returns. When that finishes the epoch, *done is set to its report (exactly what
    // train_epoch would have returned: the same shuffle, steps and checks); otherwise *done
    // is untouched. Returns the number of batches run. train_epoch() is this in a loop.
    size_t train_batches(size_t max_batches, EpochReport* done);
    // Rows of the current epoch already trained (0 between epochs).
    size_t epoch_position() const { return pos_; }
    // One SGD step on a given batch (x: (batch, inputs), y encoded targets). Returns the loss.
    double train_batch(const float* x, const float* y, size_t batch);
    int64_t epoch() const { return epoch_; }
    void set_options(const TrainOptions& opt);  // keeps optimiser state if the kind is unchanged
    int threads() const;  // threads actually running (≤ TrainOptions::threads)

private:
    Network& net_;
    const Dataset* data_;  // null: train_batch only
    TrainOptions opt_;
    Optimizer optim_;
    Rng rng_;
    std::vector<float> targets_;
    std::vector<uint32_t> order_;
    std::vector<uint32_t> metric_rows_;     // train_metric_rows(n_train); empty: all rows
    std::vector<float> gather_x_, gather_y_;  // a chunk of those rows, copied together
    std::vector<float> bx_, by_;
    Workspace ws_;
    Gradients grads_;
    int64_t epoch_ = 0;
    size_t pos_ = 0;                        // next row of order_ in the current epoch
    size_t carry_ = 0;                      // tf_playground: rows of the last epoch's tail not yet applied
    bool finite_ = true;                    // no non-finite loss so far this epoch
    std::vector<std::vector<float>> W0_, b0_;  // weights at the epoch's start (divergence)
    EpochReport finish_epoch();
    std::vector<double> recent_loss_;  // the last StallRule::window training losses
    bool stall_said_ = false;
    PoolLease pool_;  // pool_.get() null: one thread
    void set_threads(int threads);
    void apply(const Gradients& g);
    Trainer(Network& net, const TrainOptions& opt, const Dataset* data);
};

}  // namespace nn
