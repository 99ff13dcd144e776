// The pool's hand-off: a job word the helpers watch (spin, then a condition variable) and
// an atomic task counter that the caller and the helpers all draw from. Spinning first
// matters: a training step of 2-256-128-64-1 at batch 10 is ~11 jobs of microseconds each.
#include "thread_pool.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <vector>

#if NNPLAY_HAVE_THREADS
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#endif

namespace nn {

int hardware_threads() {
#if NNPLAY_HAVE_THREADS
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : int(n);
#else
    return 1;
#endif
}

bool thread_support() { return NNPLAY_HAVE_THREADS != 0; }

#if NNPLAY_HAVE_THREADS
namespace {
// Spins before sleeping: long enough to cover the gap between two jobs of one step, short
// enough that an idle pool stops using a core within a fraction of a millisecond.
constexpr int kSpin = 1 << 14;

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}
}  // namespace
#endif

// ctl packs the job's generation (high 32 bits), a "closed" bit and the number of helpers
// that joined it (low 31 bits). A helper joins only an open job, by CAS; the caller closes
// the job once every task has been handed out and then waits only for the helpers that
// joined. So a helper that the OS has not scheduled (the machine is busy) is never waited
// for: the caller simply runs the tasks itself, never slower than one thread plus a check.
constexpr uint64_t kClosed = uint64_t(1) << 31;
#if NNPLAY_HAVE_THREADS
constexpr uint64_t kCount = kClosed - 1;  // only helpers count (a build without threads has none)
#endif

struct ThreadPool::State {
    void (*fn)(void*, size_t) = nullptr;
    void* ctx = nullptr;
    size_t tasks = 0;
    std::atomic<size_t> next{0};
    std::atomic<uint64_t> ctl{kClosed};  // generation 0, closed
    std::exception_ptr error;
    std::atomic<bool> failed{false};

    void work() {
        for (size_t t; (t = next.fetch_add(1, std::memory_order_relaxed)) < tasks;) {
            try {
                fn(ctx, t);
            } catch (...) {
                if (!failed.exchange(true)) error = std::current_exception();
            }
        }
    }

#if NNPLAY_HAVE_THREADS
    std::mutex m;
    std::condition_variable wake, done;
    bool stop = false;
    std::vector<std::thread> helpers;

    static uint64_t gen(uint64_t c) { return c >> 32; }

    void helper() {
        uint64_t seen = 0;
        for (;;) {
            uint64_t c = ctl.load(std::memory_order_acquire);
            for (int i = 0; gen(c) == seen && i < kSpin; ++i) {
                relax();
                c = ctl.load(std::memory_order_acquire);
            }
            if (gen(c) == seen) {
                std::unique_lock<std::mutex> lock(m);
                wake.wait(lock, [&] { return stop || gen(ctl.load(std::memory_order_acquire)) != seen; });
                if (stop) return;
                c = ctl.load(std::memory_order_acquire);
            }
            seen = gen(c);
            bool joined = false;
            while (!(c & kClosed) && gen(c) == seen) {
                if (ctl.compare_exchange_weak(c, c + 1, std::memory_order_acq_rel, std::memory_order_acquire)) {
                    joined = true;
                    break;
                }
            }
            if (!joined) continue;  // closed before we came: the caller did the work
            work();
            const uint64_t after = ctl.fetch_sub(1, std::memory_order_acq_rel) - 1;
            if ((after & kClosed) && (after & kCount) == 0) {
                std::lock_guard<std::mutex> lock(m);
                done.notify_one();
            }
        }
    }
#endif
};

ThreadPool::ThreadPool(int threads) : s_(std::make_unique<State>()) {
#if NNPLAY_HAVE_THREADS
    for (int i = 1; i < threads; ++i) {
        try {
            s_->helpers.emplace_back([s = s_.get()] { s->helper(); });
        } catch (const std::system_error&) {
            break;  // the platform starts no more threads: run with the ones we have
        }
    }
#else
    (void)threads;
#endif
}

ThreadPool::~ThreadPool() {
#if NNPLAY_HAVE_THREADS
    {
        std::lock_guard<std::mutex> lock(s_->m);
        s_->stop = true;
    }
    s_->wake.notify_all();
    for (std::thread& t : s_->helpers) t.join();
#endif
}

int ThreadPool::threads() const {
#if NNPLAY_HAVE_THREADS
    return int(s_->helpers.size()) + 1;
#else
    return 1;
#endif
}

namespace {
#if NNPLAY_HAVE_THREADS
std::mutex g_cache_mutex;
#endif
struct Idle {
    int asked;
    std::unique_ptr<ThreadPool> pool;
};
std::vector<Idle>& cache() {
    static std::vector<Idle> c;
    return c;
}
void give_back(int asked, std::unique_ptr<ThreadPool> p) {
    if (!p) return;
#if NNPLAY_HAVE_THREADS
    std::lock_guard<std::mutex> lock(g_cache_mutex);
#endif
    cache().push_back({asked, std::move(p)});
}
}  // namespace

PoolLease& PoolLease::operator=(PoolLease&& o) noexcept {
    if (this != &o) {
        give_back(asked, std::move(pool));
        pool = std::move(o.pool);
        asked = o.asked;
    }
    return *this;
}

PoolLease::~PoolLease() { give_back(asked, std::move(pool)); }

PoolLease lease_pool(int threads) {
    PoolLease l;
    l.asked = threads;
    {
#if NNPLAY_HAVE_THREADS
        std::lock_guard<std::mutex> lock(g_cache_mutex);
#endif
        auto& c = cache();
        for (size_t i = 0; i < c.size(); ++i) {
            if (c[i].asked == threads) {
                l.pool = std::move(c[i].pool);
                c.erase(c.begin() + long(i));
                return l;
            }
        }
        // None of that size: drop the idle ones first, so their threads return to the
        // platform (emscripten's worker pool is small) before new ones are started.
        c.clear();
    }
    l.pool = std::make_unique<ThreadPool>(threads);
    return l;
}

void ThreadPool::run(size_t tasks, void (*fn)(void*, size_t), void* ctx) {
    State& s = *s_;
    s.fn = fn;
    s.ctx = ctx;
    s.tasks = tasks;
    s.next.store(0, std::memory_order_relaxed);
    s.error = nullptr;
    s.failed.store(false, std::memory_order_relaxed);
#if NNPLAY_HAVE_THREADS
    if (!s.helpers.empty() && tasks > 1) {
        {
            // Open the next generation (no helper inside: the last job waited for them all).
            // Under the lock, so a helper between its check and its wait cannot miss it.
            std::lock_guard<std::mutex> lock(s.m);
            const uint64_t g = State::gen(s.ctl.load(std::memory_order_relaxed)) + 1;
            s.ctl.store((g & 0xffffffffu) << 32, std::memory_order_release);
        }
        s.wake.notify_all();
        s.work();
        const uint64_t c = s.ctl.fetch_or(kClosed, std::memory_order_acq_rel);
        if (c & kCount) {
            auto idle = [&] { return (s.ctl.load(std::memory_order_acquire) & kCount) == 0; };
            for (int i = 0; !idle() && i < kSpin; ++i) relax();
            if (!idle()) {
                std::unique_lock<std::mutex> lock(s.m);
                s.done.wait(lock, idle);
            }
        }
    } else {
        s.work();
    }
#else
    s.work();
#endif
    if (s.failed.load(std::memory_order_acquire)) std::rethrow_exception(s.error);
}

}  // namespace nn
