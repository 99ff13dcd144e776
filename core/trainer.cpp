// The training loop: shuffle, minibatch, backward, update, evaluate, and stop on
// divergence with the weights of the last good epoch restored.
#include "trainer.h"
#include "stall.h"
#include "dense_parallel.h"
#include "thread_pool.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>
#include "error.h"

namespace nn {
namespace {

constexpr size_t kEvalChunk = 256;

// Loss/accuracy over `count` rows, fetched a chunk at a time: rows(r, n) gives the inputs and
// encoded targets of the r-th to (r+n−1)-th rows measured, contiguous. The chunks and the order
// of the sums are the same whatever the rows are, so a sample gathered here or elsewhere gives
// the same bits.
template <class Rows>
Metrics evaluate_chunks(const Network& net, int classes, size_t count, Workspace& ws, Rows rows) {
    Metrics m;
    m.samples = int64_t(count);
    if (count == 0) {
        m.loss = m.accuracy = std::numeric_limits<double>::quiet_NaN();
        return m;
    }
    const size_t out = net.outputs();
    const Activation act = net.arch().layers.back().activation;
    double loss_sum = 0.0;
    int64_t correct = 0;
    const size_t chunk = net.chunk_rows(kEvalChunk);
    for (size_t r = 0; r < count; r += chunk) {
        size_t n = std::min(chunk, count - r);
        const std::pair<const float*, const float*> xy = rows(r, n);
        const float* a = net.forward(xy.first, n, ws);
        const float* z = ws.z.back().data();
        const float* y = xy.second;
        loss_sum += loss_forward_backward(net.loss(), act, z, a, y, n, out, nullptr) * double(n);
        for (size_t s = 0; s < n; ++s)
            correct += sample_correct(net.loss(), act, a + s * out, y + s * out, out);
    }
    m.loss = loss_sum / double(m.samples);
    m.accuracy = classes == 0 ? std::numeric_limits<double>::quiet_NaN()
                              : double(correct) / double(m.samples);
    return m;
}

// Rows [begin, end) of d.
Metrics evaluate_rows(const Network& net, const Dataset& d, const float* targets, size_t begin,
                      size_t end, Workspace& ws) {
    const size_t in = net.inputs(), out = net.outputs();
    return evaluate_chunks(net, d.classes, end > begin ? end - begin : 0, ws, [&](size_t r, size_t) {
        return std::make_pair(d.x.data() + (begin + r) * in, targets + (begin + r) * out);
    });
}

// The listed rows of d, copied a chunk at a time into gx/gy.
Metrics evaluate_listed(const Network& net, const Dataset& d, const float* targets,
                        const std::vector<uint32_t>& rows, Workspace& ws, std::vector<float>& gx,
                        std::vector<float>& gy) {
    const size_t in = net.inputs(), out = net.outputs();
    return evaluate_chunks(net, d.classes, rows.size(), ws, [&](size_t r, size_t n) {
        gx.resize(n * in);
        gy.resize(n * out);
        for (size_t s = 0; s < n; ++s) {
            const size_t row = rows[r + s];
            std::copy_n(d.x.data() + row * in, in, gx.data() + s * in);
            std::copy_n(targets + row * out, out, gy.data() + s * out);
        }
        return std::make_pair(static_cast<const float*>(gx.data()), static_cast<const float*>(gy.data()));
    });
}

// Training metrics by the rule of trainer.h (train_metric_rows).
Metrics evaluate_train(const Network& net, const Dataset& d, const float* targets,
                       const std::vector<uint32_t>& rows, Workspace& ws, std::vector<float>& gx,
                       std::vector<float>& gy) {
    return rows.empty() ? evaluate_rows(net, d, targets, 0, d.n_train, ws)
                        : evaluate_listed(net, d, targets, rows, ws, gx, gy);
}

void check_batch_size(int64_t b) {
    if (b < 1 || b > 1000000)
        throw Error("batch size must be between 1 and 1,000,000, got " + std::to_string(b));
}

void check_threads(int t) {
    if (t < 1 || t > kMaxThreads)
        throw Error("threads must be between 1 and " + std::to_string(kMaxThreads) + ", got " +
                    std::to_string(t));
}


bool all_finite(const std::vector<float>& v) {
    for (float f : v)
        if (!std::isfinite(f)) return false;
    return true;
}

}  // namespace

RowOrder parse_row_order(const std::string& name) {
    if (name == "shuffle") return RowOrder::shuffle;
    if (name == "tf_playground") return RowOrder::tf_playground;
    throw Error("unknown row order " + quoted(name) + "; allowed: shuffle, tf_playground");
}
const char* row_order_name(RowOrder o) { return o == RowOrder::shuffle ? "shuffle" : "tf_playground"; }

Metrics evaluate(const Network& net, const Dataset& d, size_t begin, size_t end) {
    if (d.inputs != net.inputs())
        throw Error("dataset has " + std::to_string(d.inputs) + " inputs but the network expects " +
                    std::to_string(net.inputs()));
    if (end > d.n || begin > end) throw Error("evaluate: row range out of bounds");
    std::vector<float> t = encode_targets(d, net.loss(), net.outputs());
    Workspace ws;
    return evaluate_rows(net, d, t.data(), begin, end, ws);
}

std::vector<uint32_t> train_metric_rows(size_t n_train) {
    std::vector<uint32_t> rows;
    if (n_train <= kTrainMetricRows) return rows;
    rows.resize(kTrainMetricRows);
    // i · n_train / k in 64 bits: n_train < 2^32 rows (order_ is uint32), k = 2,000
    for (size_t i = 0; i < kTrainMetricRows; ++i)
        rows[i] = uint32_t(uint64_t(i) * uint64_t(n_train) / kTrainMetricRows);
    return rows;
}

SplitMetrics evaluate_split(const Network& net, const Dataset& d) {
    if (d.inputs != net.inputs())
        throw Error("dataset has " + std::to_string(d.inputs) + " inputs but the network expects " +
                    std::to_string(net.inputs()));
    std::vector<float> t = encode_targets(d, net.loss(), net.outputs());
    Workspace ws;
    std::vector<float> gx, gy;
    SplitMetrics r;
    r.train = evaluate_train(net, d, t.data(), train_metric_rows(d.n_train), ws, gx, gy);
    r.test = evaluate_rows(net, d, t.data(), d.n_train, d.n, ws);
    return r;
}

Trainer::Trainer(Network& net, const Dataset& data, const TrainOptions& opt)
    : Trainer(net, opt, &data) {}

Trainer::Trainer(Network& net, const TrainOptions& opt) : Trainer(net, opt, nullptr) {}

Trainer::Trainer(Network& net, const TrainOptions& opt, const Dataset* data)
    : net_(net), data_(data), opt_(opt), rng_(opt.seed) {
    check_batch_size(opt.batch_size);
    check_threads(opt.threads);
    if (data) {
        if (data->inputs != net.inputs())
            throw Error("dataset has " + std::to_string(data->inputs) +
                        " inputs but the network expects " + std::to_string(net.inputs()));
        if (data->n_train < 1) throw Error("dataset has no training rows");
        // tf_playground's first update of an epoch may hold up to 2·batch − 1 rows
        net.check_batch(std::min(size_t(opt.batch_size) * (opt.order == RowOrder::tf_playground ? 2 : 1), data->n_train), true);
        targets_ = encode_targets(*data, net.loss(), net.outputs());
        order_.resize(data->n_train);
        recent_loss_.reserve(StallRule{}.window + 1);  // allocated once: epochs allocate nothing
        for (size_t i = 0; i < order_.size(); ++i) order_[i] = uint32_t(i);
        metric_rows_ = train_metric_rows(data->n_train);
    }
    std::vector<size_t> sizes;
    for (size_t l = 0; l < net.num_layers(); ++l) {
        sizes.push_back(net.weights(l).size());
        sizes.push_back(net.biases(l).size());
    }
    optim_ = Optimizer(opt.optimizer, sizes);
    grads_ = net.make_gradients();
    set_threads(opt.threads);
}

Trainer::~Trainer() = default;

void Trainer::set_threads(int threads) {
    pool_ = PoolLease();
    if (!kThreadSupport) return;  // (drops the pool code from the single-thread WASM module)
    if (threads > 1) pool_ = lease_pool(threads);
    if (pool_.get() && pool_.get()->threads() < 2) pool_ = PoolLease();  // no helper started
    ws_.pool = pool_.get();
}

int Trainer::threads() const { return pool_.get() ? pool_.get()->threads() : 1; }

void Trainer::set_options(const TrainOptions& opt) {
    check_batch_size(opt.batch_size);
    check_threads(opt.threads);
    if (data_) net_.check_batch(std::min(size_t(opt.batch_size) * (opt.order == RowOrder::tf_playground ? 2 : 1), data_->n_train), true);
    optim_.set_settings(opt.optimizer);
    if (opt.threads != opt_.threads) set_threads(opt.threads);
    if (opt.order != opt_.order || opt.batch_size != opt_.batch_size) carry_ = 0;
    opt_ = opt;
}

void Trainer::apply(const Gradients& g) {
    optim_.step_begin();
    size_t total = 0;
    for (size_t l = 0; l < net_.num_layers(); ++l) {
        optim_.prepare(2 * l, g.dW[l].size());
        optim_.prepare(2 * l + 1, g.db[l].size());
        total += g.dW[l].size() + g.db[l].size();
    }
    // Every element's update reads and writes only its own index, so thread t updates the
    // t-th slice of every array: the same bits as one pass.
    ThreadPool* pool = kThreadSupport ? pool_.get() : nullptr;
    const size_t parts = pool && parallel_worth(double(total)) ? size_t(pool->threads()) : 1;
    auto slice = [&](size_t t) {
        for (size_t l = 0; l < net_.num_layers(); ++l) {
            const size_t nw = g.dW[l].size(), nb = g.db[l].size();
            optim_.update_range(2 * l, net_.weights(l).data(), g.dW[l].data(), nw * t / parts,
                                nw * (t + 1) / parts, true);
            if (nb)
                optim_.update_range(2 * l + 1, net_.biases(l).data(), g.db[l].data(),
                                    nb * t / parts, nb * (t + 1) / parts, false);
        }
    };
    if (parts > 1) pool->for_each(parts, slice);
    else slice(0);
}

double Trainer::train_batch(const float* x, const float* y, size_t batch) {
    if (batch < 1) throw Error("train_batch: batch must have at least one row");
    net_.check_batch(batch, true);
    double loss = net_.backward(x, y, batch, ws_, grads_);
    apply(grads_);
    return loss;
}

EpochReport Trainer::train_epoch() {
    EpochReport r;
    const int64_t before = epoch_;
    while (epoch_ == before) train_batches(std::numeric_limits<size_t>::max(), &r);
    return r;
}

size_t Trainer::train_batches(size_t max_batches, EpochReport* done) {
    if (!data_) throw Error("train_epoch: this trainer has no dataset (it only runs train_batch)");
    const Dataset& data = *data_;
    const size_t in = net_.inputs(), out = net_.outputs();
    const size_t bs = std::min(size_t(opt_.batch_size), data.n_train);
    if (pos_ == 0) {
        // An epoch starts: keep its weights (restored if it diverges) and shuffle.
        W0_.clear();
        b0_.clear();
        for (size_t l = 0; l < net_.num_layers(); ++l) {
            W0_.push_back(net_.weights(l));
            b0_.push_back(net_.biases(l));
        }
        if (opt_.order == RowOrder::shuffle) rng_.shuffle(order_);
        finite_ = true;
    }
    const bool tf = opt_.order == RowOrder::tf_playground;
    bx_.resize(2 * bs * in);
    by_.resize(2 * bs * out);
    size_t batches = 0;
    while (pos_ < order_.size() && finite_ && batches < max_batches) {
        size_t n = std::min(bs, order_.size() - pos_);
        if (tf && n < bs) {
            // TF updates only after a full batch: these rows wait for the next epoch
            carry_ = n;
            pos_ += n;
            break;
        }
        // tf_playground: the last epoch's tail first (same weights: no update came between)
        const size_t carried = tf ? carry_ : 0;
        size_t s = 0;
        auto put = [&](size_t r) {
            std::copy_n(data.x.data() + r * in, in, bx_.data() + s * in);
            std::copy_n(targets_.data() + r * out, out, by_.data() + s * out);
            ++s;
        };
        for (size_t c = 0; c < carried; ++c) put(order_[order_.size() - carried + c]);
        for (size_t k = 0; k < n; ++k) put(order_[pos_ + k]);
        carry_ = 0;
        finite_ = std::isfinite(train_batch(bx_.data(), by_.data(), s));
        pos_ += n;
        ++batches;
    }
    if (pos_ >= order_.size() || !finite_) {
        EpochReport r = finish_epoch();
        if (done) *done = std::move(r);
    }
    return batches;
}

EpochReport Trainer::finish_epoch() {
    const Dataset& data = *data_;
    bool finite = finite_;
    pos_ = 0;
    ++epoch_;
    EpochReport rep;
    rep.epoch = epoch_;
    for (size_t l = 0; l < net_.num_layers() && finite; ++l)
        finite = all_finite(net_.weights(l)) && all_finite(net_.biases(l));
    if (finite) {
        rep.train = evaluate_train(net_, data, targets_.data(), metric_rows_, ws_, gather_x_, gather_y_);
        rep.test = evaluate_rows(net_, data, targets_.data(), data.n_train, data.n, ws_);
        finite = std::isfinite(rep.train.loss) &&
                 (rep.test.samples == 0 || std::isfinite(rep.test.loss));
    }
    if (!finite) {
        carry_ = 0;
        for (size_t l = 0; l < net_.num_layers(); ++l) {
            net_.weights(l) = W0_[l];
            net_.biases(l) = b0_[l];
        }
        char lr[32];
        snprintf(lr, sizeof lr, "%g", opt_.optimizer.lr);
        rep.diverged = true;
        rep.message = "diverged at epoch " + std::to_string(epoch_) +
                      "; lower the learning rate (now " + lr + ")";
        rep.train = evaluate_train(net_, data, targets_.data(), metric_rows_, ws_, gather_x_, gather_y_);
        rep.test = evaluate_rows(net_, data, targets_.data(), data.n_train, data.n, ws_);
    } else if (data.classes >= 2 && !stall_said_) {
        const StallRule rule;
        recent_loss_.push_back(rep.train.loss);
        if (recent_loss_.size() > rule.window) recent_loss_.erase(recent_loss_.begin());
        const StallCheck c = check_stall(net_, data, recent_loss_, rep.train.accuracy, epoch_, rule);
        if (c.stalled) {
            rep.stalled = stall_said_ = true;
            rep.message = c.message;
        }
    }
    W0_.clear();
    b0_.clear();
    return rep;
}

}  // namespace nn
