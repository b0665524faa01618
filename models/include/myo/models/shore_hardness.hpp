#pragma once
// Shore A durometer hardness -> elastic moduli of a rubber, by Gent's relation (A. N. Gent 1958,
// "On the relation between indentation hardness and Young's modulus", Trans. Inst. Rubber Ind.
// 34:46-57), from the force-indentation law of the Shore A indentor (ASTM D2240):
//     E [MPa] = 0.0981 (56 + 7.62336 S) / (0.137505 (254 - 2.54 S)),
// and, for an incompressible rubber (nu = 1/2), the shear modulus mu = E / 3.
// Validity: the relation fits measured moduli for roughly 20 <= S <= 80; outside that range it is
// an extrapolation (it diverges as S -> 100, where the indentor stops penetrating), so device
// catalogues should state the Shore value and the resulting modulus together.
namespace myo::models {

/// Shore A range (-) over which Gent's relation is a fit rather than an extrapolation.
inline constexpr double kShoreAValidMin = 20.0;
inline constexpr double kShoreAValidMax = 80.0;

/// Young's modulus (Pa) of a rubber of Shore A hardness S (-). Throws std::invalid_argument
/// ("shore_a: ...") unless 0 <= S < 100, the domain of the formula.
double shore_a_to_youngs_modulus(double shore_a);

/// Shear modulus mu = E/3 (Pa) of an incompressible rubber of Shore A hardness S (-).
double shore_a_to_shear_modulus(double shore_a);

}  // namespace myo::models
