// Threads (issue 14): how many threads training can really use in this module. The
// threaded build (nnplay_core_mt) starts its helpers from emscripten's pool of workers;
// asking for more than the pool holds gets fewer (PTHREAD_POOL_SIZE_STRICT=2), and the
// single-thread build always has one. The pool leased here goes back to the core's cache,
// so the first Trainer reuses it instead of starting threads again.
#include <emscripten/bind.h>

#include <algorithm>

#include "size_limits.h"
#include "thread_pool.h"

namespace {

double start_threads(double asked) {
    const int n = std::clamp(int(asked), 1, nn::kMaxThreads);
    if (!nn::kThreadSupport || n == 1) return 1;
    nn::PoolLease lease = nn::lease_pool(n);
    return lease.get() ? double(lease.get()->threads()) : 1;
}

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay_threads) {
    emscripten::function("startThreads", &start_threads);
}
