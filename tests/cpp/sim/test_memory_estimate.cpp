// The memory estimate against measured peak resident sizes, and the refusal of meshes the
// machine cannot hold.
#include "myo/sim/memory_estimate.hpp"

#include <gtest/gtest.h>

#include <string>

#include "../error_of.hpp"

namespace myo::sim {
namespace {

using myo::test::error_of;

TEST(MemoryEstimate, BoundsMeasuredPeaksFromAbove) {
  // `myorelease run scenarios/block_compression.yaml` at N x N x N/2 cells (GNU time, %M).
  struct Measured {
    int n;
    double peak_bytes;
  };
  for (const Measured& m : {Measured{8, 60.5e6}, Measured{16, 126.2e6}, Measured{24, 397.4e6},
                          Measured{32, 1150.2e6}}) {
    const MeshSize size{(m.n + 1LL) * (m.n + 1) * (m.n / 2 + 1), 1LL * m.n * m.n * (m.n / 2), 3};
    const double estimate = estimated_run_bytes(size);
    EXPECT_GE(estimate, m.peak_bytes) << "N = " << m.n;
    EXPECT_LE(estimate, 2.0 * m.peak_bytes) << "N = " << m.n;
  }
}

TEST(MemoryEstimate, GrowsWithTheMesh) {
  double last = 0.0;
  for (long long n : {10LL, 100LL, 1000LL, 10000LL, 100000LL}) {
    const double e = estimated_run_bytes({n, n, 3});
    EXPECT_GT(e, last);
    last = e;
  }
  EXPECT_LT(estimated_run_bytes({100000, 100000, 2}), estimated_run_bytes({100000, 100000, 3}));
}

TEST(MemoryEstimate, RefusesWhatCannotFitAndNamesTheKeys) {
  EXPECT_NO_THROW(check_mesh_fits({9 * 9 * 5, 8 * 8 * 4, 3}, "mesh.cells_x"));
  const std::string big = error_of([] { check_mesh_fits({1000001LL * 9 * 5, 1000000LL * 8 * 4, 3}, "mesh.cells_x"); });
  EXPECT_EQ(big.rfind("mesh.cells_x: the mesh would have 45000045 nodes", 0), 0u) << big;
  EXPECT_NE(big.find("GiB of memory, but"), std::string::npos) << big;
  const std::string index = error_of([] { check_mesh_fits({4000000000LL, 1, 3}, "mesh.cells_r"); });
  EXPECT_NE(index.find("more unknowns than the solver can index"), std::string::npos) << index;
  EXPECT_GT(available_memory_bytes(), 0.0);
}

}  // namespace
}  // namespace myo::sim
