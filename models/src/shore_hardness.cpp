#include "myo/models/shore_hardness.hpp"

#include <sstream>
#include <stdexcept>

namespace myo::models {

double shore_a_to_youngs_modulus(double shore_a) {
  if (!(shore_a >= 0.0 && shore_a < 100.0)) {
    std::ostringstream message;
    message << "shore_a: " << shore_a << " is out of range; expected 0 <= S < 100 (Gent 1958 is "
            << "a fit for " << kShoreAValidMin << "-" << kShoreAValidMax << ")";
    throw std::invalid_argument(message.str());
  }
  const double E_MPa = 0.0981 * (56.0 + 7.62336 * shore_a) / (0.137505 * (254.0 - 2.54 * shore_a));
  return 1e6 * E_MPa;
}

double shore_a_to_shear_modulus(double shore_a) {
  return shore_a_to_youngs_modulus(shore_a) / 3.0;
}

}  // namespace myo::models
