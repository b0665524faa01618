#pragma once
// The end of a rigid curved arm pressed in at an angle (the tip of a hip hook), described exactly
// as the union of two swept spheres. Body frame: the arm lies in the body x-z plane; the tip is
// pressed along body -z. Parameters: tip radius r, tip width w (>= 2 r), arm bend radius R_b
// (> r), approach angle theta in [0, 90 deg) (between the arm's end tangent and -z), arm sweep
// phi in (0, 180 deg] (the angle of arc modelled).
//  - Tip: a capsule across the arm plane: the segment P + t e_y, |t| <= w/2 - r, P = origin,
//    grown by r (a rounded bar of full width w along y):
//        g_tip = |x - P - clamp(y, -(w/2 - r), w/2 - r) e_y| - r.
//  - Arm: a tube of radius r about a circular arc of radius R_b in the x-z plane, centre
//    C = R_b (cos theta, 0, sin theta), polar angle beta (from +x toward +z) in
//    [pi + theta - phi, pi + theta]; it ends at P (beta = pi + theta) with the unit tangent
//    t = (sin theta, 0, -cos theta): the arm runs down into the tip at theta from -z, and bends
//    back over the tip (its centre lies on the +x side), staying above P for phi <= 180 deg.
//    With rho the distance from the line through C along e_y and the in-plane polar angle beta:
//        g_arm = sqrt((rho - R_b)^2 + y^2) - r   (beta within the arc: a torus),
//        g_arm = min_ends |x - E| - r            (otherwise: spheres about the arc's two ends).
//  - g = min(g_tip, g_arm): exact outside (the union of exact distances); inside, the sign is
//    right and n = grad g is that of the nearer part. The surface has a concave crease where the
//    arm meets the upper side of the capsule, away from the pressing face for theta < 90 deg.
//    With a crease fillet k > 0, g = smooth_union(g_tip, g_arm, k) (distance_field.hpp): the
//    crease becomes a fillet of about k (a moulded device has one), and tissue pressed deep
//    around the tip no longer folds into a sharp corner (README, Anatomy: the oblique press).
#include "myo/sim/rigid_surface.hpp"

namespace myo::models {

class RigidHook : public sim::RigidSurface {
 public:
  /// Lengths in m, angles in rad. Throws std::invalid_argument naming the key for an invalid
  /// combination (tip_width < 2 tip_radius, arm_bend_radius <= tip_radius, angles out of range).
  RigidHook(double tip_radius_m, double tip_width_m, double arm_bend_radius_m,
            double approach_angle_rad, double arm_sweep_rad, double crease_fillet_m = 0.0);
  std::string name() const override { return "hook"; }
  sim::SurfaceDistance distance(const sim::Vec3& x) const override;
  sim::Vec3 tip(const sim::Vec3& axis) const override;

 private:
  sim::SurfaceDistance tip_distance(const sim::Vec3& x) const;
  sim::SurfaceDistance arm_distance(const sim::Vec3& x) const;
  sim::Vec3 arc_point(double beta) const;
  /// beta - (middle of the arc), wrapped into (-pi, pi].
  double from_middle(double beta) const;

  double r_m_, half_segment_m_, bend_m_, theta_, sweep_;
  double fillet_m_ = 0.0;  ///< crease fillet k (m); 0: the sharp union
  sim::Vec3 centre_;
};

}  // namespace myo::models
