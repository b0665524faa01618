#include "myo/sim/memory_estimate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "myo/sim/scenario_error.hpp"

namespace myo::sim {
namespace {

// Fitted to peak resident sizes of `myorelease run` (GNU time's %M) on block_compression
// (Q1/P0, neo-Hookean, CHOLMOD) at N = 8, 16, 24, 32 cells (1215, 7803, 24375, 55539 unknowns): 60,
// 126, 397 and 1150 MB, i.e. about 50 MB plus 490 bytes per n^(4/3). The per-cell part is room for quadrature-point
// history (a toned muscle keeps about 90 values per point) that the elastic block does not have.
constexpr double kBaseBytes = 60e6;
constexpr double kBytesPerCell = 6e3;
constexpr double kBytesPerDof = 0.0;  ///< absorbed by the fill term at these sizes
constexpr double kFill3D = 61.0;      ///< factor entries per n^(4/3), times 8 bytes
constexpr double kFill2D = 12.0;      ///< factor entries per n log2 n, times 8 bytes

std::string gib(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return buf;
}

}  // namespace

double estimated_run_bytes(const MeshSize& size) {
  const double n = static_cast<double>(size.nodes) * size.dim;
  const double fill = size.dim == 3 ? kFill3D * std::pow(n, 4.0 / 3.0) : kFill2D * n * std::log2(std::max(n, 2.0));
  return kBaseBytes + kBytesPerCell * static_cast<double>(size.cells) + kBytesPerDof * n + 8.0 * fill;
}

double available_memory_bytes() {
  double available = std::numeric_limits<double>::infinity();
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  double kib = 0.0;
  std::string unit;
  while (meminfo >> key >> kib >> unit)
    if (key == "MemAvailable:") available = kib * 1024.0;
  if (!std::isfinite(available)) {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page > 0) available = static_cast<double>(pages) * static_cast<double>(page);
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    // The limit counts address space already mapped (libraries, thread stacks, Python), which
    // is far more than the resident size: only what is left of it can still be allocated.
    double mapped = 0.0;
    std::ifstream statm("/proc/self/statm");
    if (statm >> mapped) mapped *= static_cast<double>(sysconf(_SC_PAGE_SIZE));
    available = std::min(available, std::max(0.0, static_cast<double>(limit.rlim_cur) - mapped));
  }
  return available;
}

void check_mesh_fits(const MeshSize& size, const std::string& keys) {
  const std::string counts = std::to_string(size.nodes) + " nodes, " + std::to_string(size.cells) + " cells";
  if (size.nodes < 0 || size.cells < 0 ||
      static_cast<double>(size.nodes) * size.dim > static_cast<double>(std::numeric_limits<int>::max()) / 4)
    throw ScenarioError(keys + ": the mesh would have " + counts +
                        ", more unknowns than the solver can index; use fewer cells");
  const double need = estimated_run_bytes(size), have = available_memory_bytes();
  if (need > have)
    throw ScenarioError(keys + ": the mesh would have " + counts + " and a run would need about " + gib(need) +
                        " of memory, but " + gib(have) + " are available; use fewer cells");
}

}  // namespace myo::sim
