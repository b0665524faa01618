#pragma once
// Wall-clock seconds spent per phase of a run, for benchmarks and `info`.
#include <chrono>

namespace myo::sim {

struct PhaseTimes {
  double assembly_s = 0.0;       ///< element loops, loads, residual
  double factorization_s = 0.0;  ///< numeric factorization (and symbolic, once)
  double solve_s = 0.0;          ///< triangular solves / CG iterations
  double contact_s = 0.0;        ///< contact search and contact terms
  double output_s = 0.0;         ///< post-processing and HDF5/XDMF writing
  double total_s = 0.0;
};

/// Adds the seconds between construction and destruction to a counter.
class ScopedTimer {
 public:
  explicit ScopedTimer(double& counter) : counter_(counter), t0_(std::chrono::steady_clock::now()) {}
  ~ScopedTimer() {
    counter_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  double& counter_;
  std::chrono::steady_clock::time_point t0_;
};

}  // namespace myo::sim
