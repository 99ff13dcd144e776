// A small persistent pool of threads for splitting one training step's products. The
// caller takes part in every job; helpers spin briefly between jobs (a training step runs
// a dozen jobs back to back) and then sleep. The pool decides nothing about numbers: a job
// writes disjoint outputs, so which thread ran which task never changes a bit.
// No Emscripten dependency: a build without thread support (WASM without -pthread) gets a
// pool of one, the caller, and includes no thread library.
#pragma once
#include <cstddef>
#include <memory>
#include <type_traits>

// Whether this build can start threads: not in WASM without -pthread (a predefined
// compiler macro, no Emscripten header). Code that only matters with threads can test
// kThreadSupport and drop out of the single-thread module.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define NNPLAY_HAVE_THREADS 0
#else
#define NNPLAY_HAVE_THREADS 1
#endif

namespace nn {

constexpr bool kThreadSupport = NNPLAY_HAVE_THREADS != 0;

// 1 when this build cannot start threads (WASM without -pthread), else std::thread's
// hardware_concurrency (at least 1).
int hardware_threads();
// False in a build that cannot start threads (every ThreadPool there has threads() == 1).
bool thread_support();

class ThreadPool {
public:
    // Starts threads − 1 helpers; fewer if the platform refuses one (e.g. an emscripten
    // pthread pool that is exhausted): threads() says how many run. threads ≥ 1.
    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int threads() const;

    // Calls fn(ctx, t) once for every t in [0, tasks), spread over the pool's threads, and
    // returns when all have returned. The first exception a task throws is rethrown here
    // (after every task has finished). Not reentrant: one job at a time, from one thread.
    void run(size_t tasks, void (*fn)(void*, size_t), void* ctx);

    template <class F>
    void for_each(size_t tasks, F&& f) {
        run(tasks, [](void* c, size_t t) { (*static_cast<std::remove_reference_t<F>*>(c))(t); },
            const_cast<void*>(static_cast<const void*>(&f)));
    }

private:
    struct State;
    std::unique_ptr<State> s_;
};

// A pool of `threads` lent from a process-wide cache: a pool whose lease ends goes back to
// the cache with its threads asleep, and the next lease of the same size reuses it. In WASM
// the threads come from emscripten's fixed pool of workers, so pools must not be started
// and leaked per network (a Trainer per network, the page makes one per reset).
struct PoolLease {
    std::unique_ptr<ThreadPool> pool;
    int asked = 0;  // the size it was leased for (the platform may have started fewer)
    PoolLease() = default;
    PoolLease(PoolLease&&) = default;
    PoolLease& operator=(PoolLease&& o) noexcept;
    ~PoolLease();
    ThreadPool* get() const { return pool.get(); }
};
PoolLease lease_pool(int threads);

}  // namespace nn
