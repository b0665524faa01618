#include "myo/models/distance_field.hpp"

#include <algorithm>
#include <Eigen/Geometry>
#include <cmath>

namespace myo::models::field {

using sim::Mat3;
using sim::SurfaceDistance;
using sim::Vec3;

namespace {

/// |r|, its gradient r/|r| and Hessian (I - n n^T)/|r| in 2D or 3D; unchanged where r = 0.
template <class Vec, class Mat>
void norm_with_derivatives(const Vec& r, double& value, Vec& gradient, Mat& hessian) {
  value = r.norm();
  if (value == 0.0) return;
  gradient = r / value;
  hessian = (Mat::Identity() - gradient * gradient.transpose()) / value;
}

}  // namespace

SurfaceDistance distance_to_point(const Vec3& x, const Vec3& p) {
  SurfaceDistance d;
  norm_with_derivatives(Vec3(x - p), d.g, d.n, d.dn_dx);
  return d;
}

SurfaceDistance distance_to_axis(const Vec3& x, const Vec3& o, const Vec3& a) {
  SurfaceDistance d;
  const Mat3 P = Mat3::Identity() - a * a.transpose();
  const Vec3 r = P * (x - o);
  d.g = r.norm();
  if (d.g == 0.0) {
    // Any unit normal to a; the axis is a crease of every field built on rho.
    d.n = a.unitOrthogonal();
    return d;
  }
  d.n = r / d.g;
  d.dn_dx = (P - d.n * d.n.transpose()) / d.g;
  return d;
}

SurfaceDistance along_axis(const Vec3& x, const Vec3& o, const Vec3& a) {
  SurfaceDistance d;
  d.g = a.dot(x - o);
  d.n = a;
  return d;
}

SurfaceDistance absolute(SurfaceDistance f) {
  if (f.g < 0.0) {
    f.g = -f.g;
    f.n = -f.n;
    f.dn_dx = -f.dn_dx;
  }
  return f;
}

SurfaceDistance offset(SurfaceDistance f, double r) {
  f.g -= r;
  return f;
}

const SurfaceDistance& nearer(const SurfaceDistance& a, const SurfaceDistance& b) {
  return b.g < a.g ? b : a;
}

SurfaceDistance smooth_union(const SurfaceDistance& a, const SurfaceDistance& b, double k_m) {
  if (!(k_m > 0.0) || std::abs(a.g - b.g) >= k_m) return nearer(a, b);
  const double h = 0.5 + 0.5 * (b.g - a.g) / k_m;  // in (0, 1) here
  SurfaceDistance d;
  d.g = h * a.g + (1.0 - h) * b.g - k_m * h * (1.0 - h);
  d.n = h * a.n + (1.0 - h) * b.n;
  const Vec3 jump = a.n - b.n;
  d.dn_dx = h * a.dn_dx + (1.0 - h) * b.dn_dx - jump * jump.transpose() / (2.0 * k_m);
  return d;
}

SurfaceDistance compose(const Profile& f, const SurfaceDistance& u, const SurfaceDistance& v) {
  SurfaceDistance d;
  d.g = f.f;
  d.n = f.df(0) * u.n + f.df(1) * v.n;
  d.dn_dx = f.d2f(0, 0) * u.n * u.n.transpose() +
            f.d2f(0, 1) * (u.n * v.n.transpose() + v.n * u.n.transpose()) +
            f.d2f(1, 1) * v.n * v.n.transpose() + f.df(0) * u.dn_dx + f.df(1) * v.dn_dx;
  return d;
}

Profile point_profile(const Vec2& q, const Vec2& p) {
  Profile f;
  norm_with_derivatives(Vec2(q - p), f.f, f.df, f.d2f);
  return f;
}

Profile linear_profile(const Vec2& q, const Vec2& a) {
  Profile f;
  f.f = a.dot(q);
  f.df = a;
  return f;
}

Profile corner_profile(double u, double v) {
  const Vec2 q(u, v);
  if (u > 0.0 && v > 0.0) return point_profile(q, Vec2::Zero());
  // On a side face, or inside: the larger of the two signed distances to the faces.
  return linear_profile(q, u >= v ? Vec2::UnitX() : Vec2::UnitY());
}

SurfaceDistance rounded_cylinder(const Vec3& x, const Vec3& o, const Vec3& a, double R, double h,
                                 double e) {
  const SurfaceDistance u = offset(absolute(along_axis(x, o, a)), h - e);
  const SurfaceDistance v = offset(distance_to_axis(x, o, a), R - e);
  return offset(compose(corner_profile(u.g, v.g), u, v), e);
}

Vec3 rounded_cylinder_tip(const Vec3& o, const Vec3& a, double R, double h, double e,
                          const Vec3& d) {
  const double along = a.dot(d);
  const Vec3 across = d - along * a;
  Vec3 tip = o + (along > 0 ? 1.0 : along < 0 ? -1.0 : 0.0) * (h - e) * a;
  if (across.norm() > 0.0) tip += (R - e) * across.normalized();
  return tip + e * d;
}

}  // namespace myo::models::field
