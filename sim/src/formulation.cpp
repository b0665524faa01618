#include "myo/sim/formulation.hpp"

#include <stdexcept>

namespace myo::sim {

Formulation parse_formulation(const std::string& name) {
  if (name == "displacement") return Formulation::displacement;
  if (name == "q1p0") return Formulation::q1p0;
  throw std::invalid_argument("formulation: \"" + name + "\" is unknown; expected \"q1p0\" or \"displacement\"");
}

std::string to_string(Formulation f) { return f == Formulation::q1p0 ? "q1p0" : "displacement"; }

}  // namespace myo::sim
