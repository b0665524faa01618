#pragma once
// Whether a mesh fits the machine, decided before it is built: a scenario asking for a million
// cells along x must be refused with the keys that ask for it, not die in the allocator.
#include <cstdint>
#include <string>

namespace myo::sim {

/// The size of a mesh to be built: nodes, cells and the number of displacement components per
/// node (3 for hex8, 2 for axisymmetric quad4).
struct MeshSize {
  std::int64_t nodes = 0;
  std::int64_t cells = 0;
  int dim = 3;
};

/// Peak memory of a run on such a mesh (bytes): the mesh and per-cell data, the assembled
/// stiffness, and the sparse Cholesky factor, whose fill grows like n^(4/3) on 3D meshes and
/// n log n on 2D ones (nested dissection). Calibrated on measured peak resident sizes of
/// block_compression and release_ball runs (see tests/cpp/sim/test_memory_estimate.cpp).
double estimated_run_bytes(const MeshSize& size);

/// Memory this process may still use (bytes): MemAvailable of /proc/meminfo, bounded by the
/// address-space limit (RLIMIT_AS) when one is set; the physical memory if neither is known.
double available_memory_bytes();

/// Throws ScenarioError when the mesh is beyond what the solver can index (2^31 unknowns) or
/// its estimated peak memory exceeds the available memory. The message names `keys` (the
/// scenario keys that set the mesh size), the counts and both figures in GiB.
void check_mesh_fits(const MeshSize& size, const std::string& keys);

}  // namespace myo::sim
