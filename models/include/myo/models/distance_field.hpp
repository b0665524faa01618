#pragma once
// Building blocks of exact signed-distance fields with analytic gradient and Hessian, shared by
// the rigid devices (cylinder, flat punch, cone, hook). A field is held in a sim::SurfaceDistance
// {g = value, n = gradient, dn_dx = Hessian}; for the coordinates below n need not be unit.
//
// A device's distance is written as a function f(u, v) of two coordinates (e.g. the distance from
// an axis and the height along it), and the chain rule lifts it to 3D:
//     grad g = f_u grad u + f_v grad v,
//     Hess g = f_uu gu gu^T + f_uv (gu gv^T + gv gu^T) + f_vv gv gv^T + f_u Hess u + f_v Hess v.
// The coordinate Hessians are closed-form (below), so n and dn_dx are exact wherever g is twice
// differentiable.
#include <Eigen/Core>

#include "myo/sim/rigid_surface.hpp"

namespace myo::models::field {

using Vec2 = Eigen::Vector2d;
using Mat2 = Eigen::Matrix2d;

/// A function of two coordinates (u, v) (m): value f (m), gradient (2, -), Hessian (2 x 2, 1/m).
struct Profile {
  double f = 0.0;
  Vec2 df = Vec2::Zero();
  Mat2 d2f = Mat2::Zero();
};

/// |x - p| (m); gradient (x - p)/|x - p|, Hessian (I - n n^T)/|x - p|. At x = p: gradient e_z and
/// Hessian 0 (any choice; the field is not differentiable there).
sim::SurfaceDistance distance_to_point(const sim::Vec3& x, const sim::Vec3& p);

/// rho = |(I - a a^T)(x - o)| (m), the distance from the line through o along the unit vector a;
/// gradient e_rho, Hessian (I - a a^T - e_rho e_rho^T)/rho. On the line: a unit normal to a as
/// gradient and Hessian 0 (not differentiable there).
sim::SurfaceDistance distance_to_axis(const sim::Vec3& x, const sim::Vec3& o, const sim::Vec3& a);

/// a . (x - o) (m), the height along the unit vector a; gradient a, Hessian 0.
sim::SurfaceDistance along_axis(const sim::Vec3& x, const sim::Vec3& o, const sim::Vec3& a);

/// |f| (value, gradient and Hessian change sign where f < 0).
sim::SurfaceDistance absolute(sim::SurfaceDistance f);

/// f - r: the same field shifted by r (m); a distance to a core minus r is the distance to the
/// core grown by a ball of radius r (rounded edges, capsules, tubes).
sim::SurfaceDistance offset(sim::SurfaceDistance f, double r);

/// The field of smaller value (the union of two bodies; exact outside the union).
const sim::SurfaceDistance& nearer(const sim::SurfaceDistance& a, const sim::SurfaceDistance& b);

/// A smooth union of radius k > 0 (m) (Quilez's polynomial smooth minimum): with
/// h = clamp(1/2 + (g_b - g_a) / 2k, 0, 1),
///     g = h g_a + (1 - h) g_b - k h (1 - h),   grad g = h n_a + (1 - h) n_b,
///     Hessian = h H_a + (1 - h) H_b - (n_a - n_b)(n_a - n_b)^T / 2k   where 0 < h < 1.
/// It equals nearer() where |g_a - g_b| >= k and rounds a concave crease to a fillet of about k;
/// in the blend n is not a unit vector (g is a smooth implicit surface, not a distance there).
/// k <= 0: nearer().
sim::SurfaceDistance smooth_union(const sim::SurfaceDistance& a, const sim::SurfaceDistance& b, double k_m);

/// f(u(x), v(x)) by the chain rule above.
sim::SurfaceDistance compose(const Profile& f, const sim::SurfaceDistance& u,
                             const sim::SurfaceDistance& v);

/// |q - p| in the (u, v) plane; Hessian (I - m m^T)/|q - p|, m the unit vector from p.
Profile point_profile(const Vec2& q, const Vec2& p);

/// a . q, a linear profile (a: gradient, usually a unit normal).
Profile linear_profile(const Vec2& q, const Vec2& a);

/// Signed distance to the quadrant {u <= 0, v <= 0} (its corner at the origin):
///     f = |(u, v)| (u > 0, v > 0),  u (u > 0 >= v),  v (v > 0 >= u),  max(u, v) (inside).
/// Exact everywhere; C1 outside, a crease inside along u = v.
Profile corner_profile(double u, double v);

/// Signed distance to a finite circular cylinder with rounded edges (centre o, unit axis a,
/// radius R, half-length h, edge radius e < min(R, h)): the cylinder of radius R - e and
/// half-length h - e grown by a ball of radius e,
///     g = corner(|a.(x - o)| - (h - e), rho - (R - e)) - e.
sim::SurfaceDistance rounded_cylinder(const sim::Vec3& x, const sim::Vec3& o, const sim::Vec3& a,
                                      double R, double h, double e);

/// The point of that rounded cylinder furthest along the unit vector d (support point).
sim::Vec3 rounded_cylinder_tip(const sim::Vec3& o, const sim::Vec3& a, double R, double h,
                               double e, const sim::Vec3& d);

}  // namespace myo::models::field
