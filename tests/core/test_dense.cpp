// Dense kernels: hand-computed tiny cases pin the meaning of the reference, then
// every SIMD kernel this CPU can run (sse2/avx2/avx512 natively, sse4.1 in WASM)
// must equal the reference BIT FOR BIT on awkward sizes, so tails and register
// tiles all run. On a mismatch the max abs difference is printed.
// To add a case: append {M, N, K} to kShapes below.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "dense.h"
#include "pmath.h"
#include "rng.h"

namespace nn::detail {
bool select_simd_arch(const char* name);  // test hook in dense_simd.cpp
}

namespace {

std::vector<float> random_floats(size_t n, uint64_t seed) {
    nn::Rng r(seed);
    std::vector<float> v(n);
    for (float& f : v) f = static_cast<float>(r.uniform(-1.0, 1.0));
    return v;
}

struct Diff {
    size_t mismatches = 0;
    double max_abs = 0.0;
};

Diff compare_bits(const std::vector<float>& a, const std::vector<float>& b) {
    Diff d;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0) ++d.mismatches;
        d.max_abs = std::max(d.max_abs, std::fabs(static_cast<double>(a[i]) - b[i]));
    }
    return d;
}

// The kernels to try: each name the dispatcher accepts on this machine.
std::vector<std::string> available_archs() {
    std::vector<std::string> out;
    for (const char* name : {"sse2", "avx2", "avx512"})
        if (nn::detail::select_simd_arch(name)) out.push_back(nn::simd_arch_name());
    nn::detail::select_simd_arch(nullptr);
    return out;
}

struct ArchGuard {
    explicit ArchGuard(const std::string& name) {
        // Names come back from simd_arch_name(): "sse2", "avx2", "avx512f", "sse4.1".
        REQUIRE(nn::detail::select_simd_arch(name.c_str()));
        REQUIRE(name == nn::simd_arch_name());
    }
    ~ArchGuard() { nn::detail::select_simd_arch(nullptr); }
};

struct Shape {
    size_t M, N, K;
};
const Shape kShapes[] = {
    {1, 1, 1},    {1, 3, 7},    {3, 1, 17},  {7, 7, 7},    {17, 17, 17},  {33, 33, 33},
    {1, 256, 128}, {256, 128, 1}, {5, 33, 0}, {4, 64, 9},   {6, 65, 3},    {9, 129, 31},
    {64, 128, 256}, {256, 128, 64}, {13, 100, 257}, {2, 48, 5}, {8, 16, 4}, {3, 31, 2},
    // Narrow N (issue 6): with 16 lanes these run on 8- and 4-lane vectors, then scalar.
    {32, 8, 2},   {9, 12, 2},   {11, 24, 3}, {5, 28, 6},  {7, 2, 8},
};

}  // namespace

TEST_CASE("dense_forward_ref on a hand-computed 2x3 -> 2 layer", "[dense]") {
    // x = [[1,2,3],[-1,0,2]], W (3,2) = [[1,-1],[0.5,2],[-2,0.25]], b = [0.5,-1]
    const float x[6] = {1, 2, 3, -1, 0, 2};
    const float W[6] = {1, -1, 0.5f, 2, -2, 0.25f};
    const float b[2] = {0.5f, -1};
    float y[4];
    nn::dense_forward_ref(x, 2, 3, W, b, 2, y);
    CHECK(y[0] == -3.5f);   // 0.5 + 1*1 + 2*0.5 + 3*-2     = -3.5
    CHECK(y[1] == 2.75f);   // -1 + 1*-1 + 2*2 + 3*0.25     = 2.75
    CHECK(y[2] == -4.5f);   // 0.5 + -1*1 + 0*0.5 + 2*-2    = -4.5
    CHECK(y[3] == 0.5f);    // -1 + -1*-1 + 0*2 + 2*0.25    = 0.5
    float y2[4];
    nn::dense_forward_simd(x, 2, 3, W, b, 2, y2);
    CHECK(std::memcmp(y, y2, sizeof y) == 0);
    nn::dense_forward_ref(x, 2, 3, W, nullptr, 2, y);
    CHECK(y[0] == -4.0f);   // the same without the bias 0.5
}

TEST_CASE("dense_backward_ref on a hand-computed 2x3 -> 2 layer", "[dense]") {
    const float x[6] = {1, 2, 3, -1, 0, 2};
    const float W[6] = {1, -1, 0.5f, 2, -2, 0.25f};
    const float dy[4] = {1, 2, -1, 0.5f};
    float dW[6], db[2], dx[6], WT[6];
    nn::dense_backward_ref(x, dy, 2, 3, 2, W, dW, db, dx, WT);
    // dW[i,o] = sum_r x[r,i] dy[r,o]
    CHECK(dW[0] == 2.0f);   // 1*1 + -1*-1
    CHECK(dW[1] == 1.5f);   // 1*2 + -1*0.5
    CHECK(dW[2] == 2.0f);   // 2*1 + 0*-1
    CHECK(dW[3] == 4.0f);   // 2*2 + 0*0.5
    CHECK(dW[4] == 1.0f);   // 3*1 + 2*-1
    CHECK(dW[5] == 7.0f);   // 3*2 + 2*0.5
    CHECK(db[0] == 0.0f);   // 1 + -1
    CHECK(db[1] == 2.5f);   // 2 + 0.5
    // dx[r,i] = sum_o dy[r,o] W[i,o]
    CHECK(dx[0] == -1.0f);  // 1*1 + 2*-1
    CHECK(dx[1] == 4.5f);   // 1*0.5 + 2*2
    CHECK(dx[2] == -1.5f);  // 1*-2 + 2*0.25
    CHECK(dx[3] == -1.5f);  // -1*1 + 0.5*-1
    CHECK(dx[4] == 0.5f);   // -1*0.5 + 0.5*2
    CHECK(dx[5] == 2.125f); // -1*-2 + 0.5*0.25
}

TEST_CASE("gemm_simd equals gemm_ref bit for bit on every available arch", "[dense][simd]") {
    std::vector<std::string> archs = available_archs();
    REQUIRE(!archs.empty());
    for (const std::string& arch : archs) {
        ArchGuard guard(arch);
        for (const Shape& s : kShapes) {
            for (int variant = 0; variant < 4; ++variant) {
                bool accumulate = variant & 1;
                bool transposed = variant & 2;  // A read as Aᵀ: strides (1, M)
                size_t ldb = s.N + (variant == 3 ? 5 : 0), ldc = s.N + (variant == 1 ? 3 : 0);
                std::vector<float> A = random_floats(s.M * s.K + 1, 11 + s.M);
                std::vector<float> B = random_floats(s.K * ldb + 1, 22 + s.N);
                std::vector<float> C0 = random_floats(s.M * ldc, 33 + s.K);
                std::vector<float> Cref = C0, Csimd = C0;
                nn::GemmArgs g{s.M, s.N, s.K, A.data(), transposed ? 1 : s.K, transposed ? s.M : 1,
                               B.data(), ldb, Cref.data(), ldc, accumulate};
                nn::gemm_ref(g);
                g.C = Csimd.data();
                nn::gemm_simd(g);
                Diff d = compare_bits(Cref, Csimd);
                INFO(arch << " M=" << s.M << " N=" << s.N << " K=" << s.K << " accumulate=" << accumulate
                          << " transposed=" << transposed << ": " << d.mismatches
                          << " mismatches, max abs diff " << d.max_abs);
                CHECK(d.mismatches == 0);
            }
        }
    }
}

TEST_CASE("gemm_simd with a row_init and a tanh/relu epilogue equals gemm_ref bit for bit", "[dense][simd]") {
    // The grid's fused layer (core/grid.cpp): C[m,n] = act(init[m] + Σ_k A[m,k]·B[k,n]).
    // Inputs are scaled by 4 so the sums cross tanh's clamp (±7.9) and its 0.0004 shortcut,
    // and relu sees both signs; the lane count (4, 8 or 16) must not change a bit.
    std::vector<std::string> archs = available_archs();
    REQUIRE(!archs.empty());
    for (const std::string& arch : archs) {
        ArchGuard guard(arch);
        for (const Shape& s : kShapes) {
            for (nn::GemmEpilogue e : {nn::GemmEpilogue::none, nn::GemmEpilogue::tanh, nn::GemmEpilogue::relu}) {
                const bool transposed = e != nn::GemmEpilogue::relu;
                std::vector<float> A = random_floats(s.M * s.K + 1, 7 + s.M);
                for (float& v : A) v *= 4.0f;
                std::vector<float> B = random_floats(s.K * s.N + 1, 8 + s.N);
                std::vector<float> init = random_floats(s.M, 9 + s.K);
                if (s.M > 1) init[1] = 1e-4f;  // K = 0 rows then hit the small-|x| shortcut
                std::vector<float> C0 = random_floats(s.M * s.N, 10);  // must be ignored
                std::vector<float> Cref = C0, Csimd = C0;
                nn::GemmArgs g{s.M, s.N, s.K, A.data(), transposed ? 1 : s.K, transposed ? s.M : 1,
                               B.data(), s.N, Cref.data(), s.N, true, init.data(), e};
                nn::gemm_ref(g);
                g.C = Csimd.data();
                nn::gemm_simd(g);
                Diff d = compare_bits(Cref, Csimd);
                INFO(arch << " M=" << s.M << " N=" << s.N << " K=" << s.K << " epilogue=" << int(e) << ": "
                          << d.mismatches << " mismatches, max abs diff " << d.max_abs);
                CHECK(d.mismatches == 0);
            }
        }
    }
    // The reference itself, by hand: init 0.5 + 1·2 = 2.5 → tanh_f(2.5); init −3 + 1·2 = −1 → relu 0.
    const float a[2] = {1.0f, 1.0f}, b[1] = {2.0f}, init[2] = {0.5f, -3.0f};
    float c[2] = {0, 0};
    nn::gemm_ref({2, 1, 1, a, 1, 1, b, 1, c, 1, false, init, nn::GemmEpilogue::tanh});
    CHECK(c[0] == nn::pmath::tanh_f(2.5f));
    CHECK(c[1] == nn::pmath::tanh_f(-1.0f));
    nn::gemm_ref({2, 1, 1, a, 1, 1, b, 1, c, 1, false, init, nn::GemmEpilogue::relu});
    CHECK(c[0] == 2.5f);
    CHECK(c[1] == 0.0f);
}

TEST_CASE("dense_forward_simd and dense_backward_simd equal the reference bit for bit", "[dense][simd]") {
    struct Layer {
        size_t batch, in, out;
    };
    const Layer layers[] = {{1, 1, 1}, {1, 2, 3}, {3, 7, 17}, {7, 17, 33}, {17, 33, 7},
                            {64, 256, 128}, {10, 2, 8}, {33, 5, 1}, {2, 300, 10}};
    for (const std::string& arch : available_archs()) {
        ArchGuard guard(arch);
        for (const Layer& l : layers) {
            std::vector<float> x = random_floats(l.batch * l.in, 1 + l.in);
            std::vector<float> W = random_floats(l.in * l.out, 2 + l.out);
            std::vector<float> b = random_floats(l.out, 3);
            std::vector<float> dy = random_floats(l.batch * l.out, 4 + l.batch);
            for (bool with_bias : {true, false}) {
                std::vector<float> y_ref(l.batch * l.out, 9.f), y_simd(l.batch * l.out, -9.f);
                nn::dense_forward_ref(x.data(), l.batch, l.in, W.data(), with_bias ? b.data() : nullptr,
                                      l.out, y_ref.data());
                nn::dense_forward_simd(x.data(), l.batch, l.in, W.data(), with_bias ? b.data() : nullptr,
                                       l.out, y_simd.data());
                Diff d = compare_bits(y_ref, y_simd);
                INFO(arch << " forward " << l.batch << "x" << l.in << "->" << l.out << " bias=" << with_bias
                          << ": " << d.mismatches << " mismatches, max abs diff " << d.max_abs);
                CHECK(d.mismatches == 0);
            }
            for (bool with_dx_db : {true, false}) {
                std::vector<float> dW_r(l.in * l.out, 7.f), db_r(l.out, 7.f), dx_r(l.batch * l.in, 7.f);
                std::vector<float> dW_s(l.in * l.out, -7.f), db_s(l.out, 7.f), dx_s(l.batch * l.in, 7.f);
                std::vector<float> WT(l.in * l.out);
                nn::dense_backward_ref(x.data(), dy.data(), l.batch, l.in, l.out, W.data(), dW_r.data(),
                                       with_dx_db ? db_r.data() : nullptr, with_dx_db ? dx_r.data() : nullptr,
                                       WT.data());
                nn::dense_backward_simd(x.data(), dy.data(), l.batch, l.in, l.out, W.data(), dW_s.data(),
                                        with_dx_db ? db_s.data() : nullptr, with_dx_db ? dx_s.data() : nullptr,
                                        WT.data());
                Diff dw = compare_bits(dW_r, dW_s), db = compare_bits(db_r, db_s), dx = compare_bits(dx_r, dx_s);
                INFO(arch << " backward " << l.batch << "x" << l.in << "->" << l.out << " dx/db=" << with_dx_db
                          << ": dW " << dw.mismatches << " (max " << dw.max_abs << "), db " << db.mismatches
                          << " (max " << db.max_abs << "), dx " << dx.mismatches << " (max " << dx.max_abs << ")");
                CHECK(dw.mismatches == 0);
                CHECK(db.mismatches == 0);  // untouched (7) when null
                CHECK(dx.mismatches == 0);
            }
        }
    }
}

TEST_CASE("simd kernels report their arch and lane count", "[dense][simd]") {
    std::string name = nn::simd_arch_name();
    size_t lanes = nn::simd_lanes();
    INFO("automatic choice: " << name << ", " << lanes << " lanes");
    CHECK(!name.empty());
    CHECK((lanes == 4 || lanes == 8 || lanes == 16));
    CHECK_FALSE(nn::detail::select_simd_arch("neon"));
    CHECK(name == nn::simd_arch_name());  // a refused request changes nothing
#if defined(__EMSCRIPTEN__)
    CHECK(name == "sse4.1");
    CHECK(lanes == 4);
#endif
}

TEST_CASE("dense outputs match the recorded hash (native and WASM alike)", "[dense][portable]") {
    // One 64x256 -> 128 forward and backward from seeded inputs, hashed by bit
    // pattern; recorded natively, and the WASM run must give the same constant.
    const size_t batch = 64, in = 256, out = 128;
    std::vector<float> x = random_floats(batch * in, 100), W = random_floats(in * out, 200),
                       b = random_floats(out, 300), dy = random_floats(batch * out, 400);
    std::vector<float> y(batch * out), dW(in * out), db(out), dx(batch * in), WT(in * out);
    nn::dense_forward_simd(x.data(), batch, in, W.data(), b.data(), out, y.data());
    nn::dense_backward_simd(x.data(), dy.data(), batch, in, out, W.data(), dW.data(), db.data(), dx.data(),
                            WT.data());
    uint64_t h = 1469598103934665603ULL;
    for (const std::vector<float>* v : {&y, &dW, &db, &dx}) {
        const unsigned char* c = reinterpret_cast<const unsigned char*>(v->data());
        for (size_t i = 0; i < v->size() * sizeof(float); ++i) h = (h ^ c[i]) * 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    INFO("hash " << hex << " from " << nn::simd_arch_name() << "; y[0]=" << y[0] << " dW[0]=" << dW[0]);
    CHECK(std::string(hex) == "e1197761d11dd966");
}
