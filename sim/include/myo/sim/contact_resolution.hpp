#pragma once
// Whether a run resolved its rigid contacts, read from the accepted steps (issue 14): a contact
// patch narrower than two cells, or a device sinking into the surface by a visible share of its
// travel through the penalty, gives figures (force, pressure, area) that the mesh cannot vouch
// for. The run still completes; these become warnings in summary.json and on the command line,
// each saying what to change.
#include <string>
#include <vector>

#include "myo/sim/penalty_contact.hpp"

namespace myo::sim {

class ContactResolution {
 public:
  /// One per rigid contact: its name and penalty factor (0 if the penalty was given in Pa/m).
  ContactResolution(std::vector<std::string> names, std::vector<double> penalty_factors);
  /// The states of an accepted step at time t (one per rigid contact, in order).
  void observe(double time_s, const std::vector<ContactState>& states);
  /// One line per contact that was not resolved, at the last step with its largest contact area.
  std::vector<std::string> warnings() const;

  /// A patch radius below this many face sizes is under-resolved.
  static constexpr double kMinCellsAcrossRadius = 2.0;
  /// A penetration above this share of the travel is reported.
  static constexpr double kMaxPenetrationShare = 0.02;

 private:
  struct Worst {
    double time_s = 0.0;
    ContactState state;  ///< at the step with the largest area so far
  };
  std::vector<std::string> names_;
  std::vector<double> factors_;
  std::vector<Worst> largest_;
};

}  // namespace myo::sim
