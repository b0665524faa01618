#include "myo/sim/linear_solver.hpp"

#include <stdexcept>

#include "myo/sim/cg_solver.hpp"
#include "myo/sim/cholmod_solver.hpp"
#include "myo/sim/eigen_ldlt_solver.hpp"
#include "myo/sim/mumps_solver.hpp"

namespace myo::sim {

std::unique_ptr<LinearSolver> make_linear_solver(const std::string& name) {
  if (name == "cholmod") return std::make_unique<CholmodSolver>();
  if (name == "ldlt") return std::make_unique<EigenLdltSolver>();
  if (name == "cg") return std::make_unique<CgSolver>();
  if (name == "mumps") return std::make_unique<MumpsSolver>();
  throw std::invalid_argument("solver.linear: \"" + name +
                              "\" is unknown; expected \"cholmod\", \"mumps\", \"ldlt\" or \"cg\"");
}

}  // namespace myo::sim
