// Rigid devices (cylinder, flat punch, cone, hook): at random points near each surface (outside
// and slightly inside) n = grad g and dn_dx = grad n by central differences, |n| = 1, dn_dx
// symmetric; exterior points project onto the surface (g(x - g n) = 0: the distance is exact);
// points built from each header's formulas lie on the surface; tip(axis) is the support point.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>
#include <random>

#include "myo/models/rigid_cone.hpp"
#include "myo/models/rigid_cylinder.hpp"
#include "myo/models/rigid_flat_punch.hpp"
#include "myo/models/rigid_hook.hpp"

namespace myo::models {
namespace {

using sim::Mat3;
using sim::RigidSurface;
using sim::SurfaceDistance;
using sim::Vec3;

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kStep = 1e-7;  // m; truncation (h/r)^2 ~ 1e-8 for radii >= 1 mm, roundoff ~ 1e-9

/// A device with the box (m) to sample, a band (m) about its surface, and the largest body size
/// ell (m): curvature errors are measured against |dn_dx| + 1/ell.
struct Case {
  std::shared_ptr<const RigidSurface> device;
  Vec3 box_min, box_max;
  double inside_band, outside_band, ell;
};

Case cylinder_case() {
  return {std::make_shared<RigidCylinder>(0.06, 0.1, 0.005), Vec3(-0.06, -0.04, -0.04),
          Vec3(0.06, 0.04, 0.04), 0.0025, 0.01, 0.1};
}
Case punch_case() {
  return {std::make_shared<RigidFlatPunch>(0.01, 0.002, 0.02), Vec3(-0.014, -0.014, -0.004),
          Vec3(0.014, 0.014, 0.024), 0.001, 0.004, 0.02};
}
Case cone_case() {
  return {std::make_shared<RigidCone>(60 * kDeg, 0.002, 0.03), Vec3(-0.02, -0.02, -0.005),
          Vec3(0.02, 0.02, 0.035), 0.001, 0.005, 0.035};
}
Case hook_case() {
  return {std::make_shared<RigidHook>(0.004, 0.02, 0.05, 30 * kDeg, 90 * kDeg),
          Vec3(-0.015, -0.015, -0.008), Vec3(0.035, 0.015, 0.075), 0.002, 0.005, 0.08};
}
std::vector<Case> all_cases() { return {cylinder_case(), punch_case(), cone_case(), hook_case()}; }

/// Central difference of g and n along e_j, and whether the one-sided differences agree (false
/// where x is within kStep of a crease of g or of a jump of the curvature, where no difference
/// quotient can match).
struct Differences {
  Vec3 grad_g;
  Mat3 grad_n;
  bool smooth = true;
};

Differences differences(const RigidSurface& s, const Vec3& x, double curvature_scale) {
  Differences d;
  const SurfaceDistance c = s.distance(x);
  for (int j = 0; j < 3; ++j) {
    const Vec3 h = kStep * Vec3::Unit(j);
    const SurfaceDistance p = s.distance(x + h), m = s.distance(x - h);
    d.grad_g(j) = (p.g - m.g) / (2 * kStep);
    d.grad_n.col(j) = (p.n - m.n) / (2 * kStep);
    const double g_jump = std::abs((p.g - c.g) - (c.g - m.g)) / kStep;
    const double n_jump = ((p.n - c.n) - (c.n - m.n)).norm() / kStep;
    if (g_jump > 1e-3 || n_jump > 1e-2 * curvature_scale) d.smooth = false;
  }
  return d;
}

TEST(RigidDevices, NormalAndCurvatureMatchFiniteDifferencesNearTheSurface) {
  for (const Case& c : all_cases()) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int kept = 0, creases = 0, exterior = 0;
    double worst_n = 0, worst_H = 0, worst_sym = 0, worst_unit = 0, worst_projection = 0;
    for (int k = 0; k < 40000 && kept < 1500; ++k) {
      Vec3 x;
      for (int i = 0; i < 3; ++i) x(i) = c.box_min(i) + unit(rng) * (c.box_max(i) - c.box_min(i));
      const SurfaceDistance d = c.device->distance(x);
      if (d.g < -c.inside_band || d.g > c.outside_band) continue;
      ++kept;
      const double scale = d.dn_dx.norm() + 1.0 / c.ell;
      const Differences fd = differences(*c.device, x, scale);
      if (!fd.smooth) {
        ++creases;
        continue;
      }
      worst_unit = std::max(worst_unit, std::abs(d.n.norm() - 1.0));
      worst_sym = std::max(worst_sym, (d.dn_dx - d.dn_dx.transpose()).norm() / scale);
      worst_n = std::max(worst_n, (fd.grad_g - d.n).norm());
      worst_H = std::max(worst_H, (fd.grad_n - d.dn_dx).norm() / scale);
      if (d.g > 0) {
        // Exact distance outside: the foot point x - g n is on the surface, with the same normal.
        const SurfaceDistance foot = c.device->distance(x - d.g * d.n);
        worst_projection = std::max(worst_projection, std::abs(foot.g) / c.ell + (foot.n - d.n).norm());
        ++exterior;
      }
    }
    std::printf("%-10s kept %d (exterior %d, near a crease %d): |n|-1 %.1e, asym %.1e, "
                "n-FD %.1e, dn_dx-FD %.1e, projection %.1e\n",
                c.device->name().c_str(), kept, exterior, creases, worst_unit, worst_sym, worst_n,
                worst_H, worst_projection);
    EXPECT_GE(kept, 1000) << c.device->name();
    EXPECT_GE(exterior, 500) << c.device->name();
    EXPECT_LE(creases, kept / 50) << c.device->name();
    EXPECT_LT(worst_unit, 1e-12) << c.device->name();
    EXPECT_LT(worst_sym, 1e-12) << c.device->name();
    EXPECT_LT(worst_n, 1e-6) << c.device->name();
    EXPECT_LT(worst_H, 1e-6) << c.device->name();
    EXPECT_LT(worst_projection, 1e-9) << c.device->name();
  }
}

// The hook with a 2 mm crease fillet: its gradient and Hessian match finite differences
// everywhere near the surface (the smooth union has no crease left to skip), and away from the
// blend (|g_tip - g_arm| >= k, here: g differs from the sharp hook's by less than round-off) it is
// the sharp hook.
TEST(RigidDevices, FilletedHookIsSmoothAndEqualsTheSharpOneAwayFromTheCrease) {
  const double k = 0.002;
  const RigidHook filleted(0.004, 0.02, 0.05, 30 * kDeg, 90 * kDeg, k), sharp(0.004, 0.02, 0.05, 30 * kDeg, 90 * kDeg);
  const Case c = hook_case();
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int kept = 0, blended = 0, rough = 0;
  double worst_n = 0, worst_H = 0, worst_sym = 0, worst_away = 0;
  for (int n = 0; n < 40000 && kept < 1500; ++n) {
    Vec3 x;
    for (int i = 0; i < 3; ++i) x(i) = c.box_min(i) + unit(rng) * (c.box_max(i) - c.box_min(i));
    const SurfaceDistance d = filleted.distance(x), s = sharp.distance(x);
    if (d.g < -c.inside_band || d.g > c.outside_band) continue;
    ++kept;
    const double scale = d.dn_dx.norm() + 1.0 / c.ell;
    if (std::abs(d.g - s.g) > 1e-15) ++blended;
    else worst_away = std::max(worst_away, (d.n - s.n).norm() + (d.dn_dx - s.dn_dx).norm() / scale);
    const Differences fd = differences(filleted, x, scale);
    if (!fd.smooth) {
      ++rough;  // the parts' own curvature jumps (a capsule's cylinder meeting its caps)
      continue;
    }
    worst_sym = std::max(worst_sym, (d.dn_dx - d.dn_dx.transpose()).norm() / scale);
    worst_n = std::max(worst_n, (fd.grad_g - d.n).norm());
    worst_H = std::max(worst_H, (fd.grad_n - d.dn_dx).norm() / scale);
  }
  std::printf("filleted hook: kept %d (in the blend %d, curvature jumps %d): n-FD %.1e, dn_dx-FD %.1e, asym %.1e, "
              "away from the blend %.1e\n", kept, blended, rough, worst_n, worst_H, worst_sym, worst_away);
  EXPECT_GE(kept, 1000);
  EXPECT_GE(blended, 20);
  EXPECT_LE(rough, kept / 50);
  EXPECT_LT(worst_n, 1e-6);
  EXPECT_LT(worst_H, 1e-6);
  EXPECT_LT(worst_sym, 1e-12);
  EXPECT_EQ(worst_away, 0.0);
  EXPECT_THROW(RigidHook(0.004, 0.02, 0.05, 0.5, 1.0, 0.005), std::invalid_argument);  // fillet > tip radius
}

/// Points of a rounded cylinder's surface (axis a, centre o, radius R, half-length h, edge e),
/// from its formula: side, end faces and edge tori.
std::vector<Vec3> rounded_cylinder_points(const Vec3& o, const Vec3& a, double R, double h, double e) {
  const Vec3 b = a.unitOrthogonal(), c = a.cross(b);
  std::vector<Vec3> points;
  for (double t = 0; t < 2 * std::numbers::pi; t += 0.7) {
    const Vec3 radial = std::cos(t) * b + std::sin(t) * c;
    for (double s : {-1.0, -0.3, 0.0, 0.8}) points.push_back(o + s * (h - e) * a + R * radial);
    for (double side : {-1.0, 1.0}) {
      for (double f : {0.0, 0.5, 1.0}) points.push_back(o + side * h * a + f * (R - e) * radial);
      for (double phi = 0.1; phi < 0.5 * std::numbers::pi; phi += 0.3)
        points.push_back(o + side * (h - e + e * std::cos(phi)) * a + (R - e + e * std::sin(phi)) * radial);
    }
  }
  return points;
}

void expect_on_surface(const RigidSurface& s, const std::vector<Vec3>& points, double ell) {
  double worst = 0;
  for (const Vec3& p : points) worst = std::max(worst, std::abs(s.distance(p).g));
  std::printf("%-10s %zu surface points: max |g| = %.1e m\n", s.name().c_str(), points.size(), worst);
  EXPECT_LT(worst, 1e-12 * ell) << s.name();
}

TEST(RigidDevices, PointsBuiltFromTheFormulasLieOnTheSurface) {
  expect_on_surface(*cylinder_case().device,
                    rounded_cylinder_points(Vec3::Zero(), Vec3::UnitX(), 0.03, 0.05, 0.005), 0.1);
  expect_on_surface(*punch_case().device,
                    rounded_cylinder_points(Vec3(0, 0, 0.01), Vec3::UnitZ(), 0.01, 0.01, 0.002), 0.02);

  // Cone (alpha = 30 deg, r_t = 2 mm, H = 30 mm): cap, side, rim torus and top sphere, in (rho, z).
  const double alpha = 30 * kDeg, rt = 0.002, H = 0.03;
  const Eigen::Vector2d gen(std::sin(alpha), std::cos(alpha)), m(std::cos(alpha), -std::sin(alpha));
  std::vector<Eigen::Vector2d> profile;
  for (double phi = 0; phi <= 0.5 * std::numbers::pi - alpha; phi += 0.2)
    profile.emplace_back(rt * std::sin(phi), -rt * std::cos(phi));
  for (double s = 0; s <= H; s += 0.004) profile.push_back(s * gen + rt * m);
  for (double psi = 0; psi <= 0.5 * std::numbers::pi; psi += 0.3)
    profile.push_back(H * gen + rt * (std::cos(psi) * m + std::sin(psi) * gen));
  for (double phi = 0; phi <= alpha; phi += 0.1)
    profile.emplace_back((H + rt) * std::sin(phi), (H + rt) * std::cos(phi));
  std::vector<Vec3> cone_points;
  for (const auto& q : profile)
    for (double t = 0.3; t < 2 * std::numbers::pi; t += 1.1)
      cone_points.emplace_back(q(0) * std::cos(t), q(0) * std::sin(t), q(1));
  expect_on_surface(*cone_case().device, cone_points, 0.035);

  // Hook (r = 4 mm, w = 20 mm, R_b = 50 mm, theta = 30 deg, phi = 90 deg): the lower half of the
  // capsule and its end caps, and the arm tube away from the tip.
  const double r = 0.004, hw = 0.006, Rb = 0.05, theta = 30 * kDeg;
  std::vector<Vec3> hook_points;
  for (double t = -60 * kDeg; t <= 60 * kDeg; t += 20 * kDeg) {
    for (double y : {-hw, 0.0, 0.5 * hw, hw}) hook_points.emplace_back(r * std::sin(t), y, -r * std::cos(t));
    hook_points.emplace_back(0.0, hw + r * std::cos(t), r * std::sin(t));
  }
  const Vec3 C = Rb * Vec3(std::cos(theta), 0, std::sin(theta));
  for (double beta = std::numbers::pi + theta - 80 * kDeg; beta < std::numbers::pi + theta - 30 * kDeg; beta += 0.1) {
    const Vec3 radial(std::cos(beta), 0, std::sin(beta));
    for (double psi = 0; psi < 2 * std::numbers::pi; psi += 0.9)
      hook_points.push_back(C + Rb * radial + r * (std::cos(psi) * radial + std::sin(psi) * Vec3::UnitY()));
  }
  expect_on_surface(*hook_case().device, hook_points, 0.08);
}

TEST(RigidDevices, TipIsTheSupportPoint) {
  std::mt19937 rng(5);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (const Case& c : all_cases()) {
    std::vector<Vec3> axes = {-Vec3::UnitZ(), Vec3::UnitZ(), Vec3::UnitX(), -Vec3::UnitY()};
    for (int k = 0; k < 20; ++k) axes.push_back(Vec3(normal(rng), normal(rng), normal(rng)).normalized());
    for (const Vec3& a : axes) {
      const Vec3 p = c.device->tip(a);
      const SurfaceDistance d = c.device->distance(p);
      EXPECT_LT(std::abs(d.g), 1e-12 * c.ell) << c.device->name() << " axis " << a.transpose();
      EXPECT_LT((d.n - a).norm(), 1e-9) << c.device->name() << " axis " << a.transpose();
      // Beyond the tip along a (the half-space a.x > a.p) every point is outside.
      for (int k = 0; k < 200; ++k) {
        Vec3 x;
        for (int i = 0; i < 3; ++i) x(i) = c.box_min(i) + unit(rng) * (c.box_max(i) - c.box_min(i));
        x += (a.dot(p - x) + 1e-9 + 1e-3 * unit(rng)) * a;
        EXPECT_GT(c.device->distance(x).g, 0.0) << c.device->name() << " at " << x.transpose();
      }
    }
    const Vec3 low = c.device->tip(-Vec3::UnitZ());
    std::printf("%-10s tip(-z) = (%g, %g, %g) mm\n", c.device->name().c_str(), 1e3 * low.x(),
                1e3 * low.y(), 1e3 * low.z());
  }
  EXPECT_NEAR(punch_case().device->tip(-Vec3::UnitZ()).norm(), 0.0, 1e-15);
  EXPECT_NEAR(cone_case().device->tip(-Vec3::UnitZ()).z(), -0.002, 1e-15);
  EXPECT_NEAR(hook_case().device->tip(-Vec3::UnitZ()).z(), -0.004, 1e-15);
  EXPECT_NEAR(cylinder_case().device->tip(-Vec3::UnitZ()).z(), -0.03, 1e-15);
}

TEST(RigidDevices, InvalidGeometryNamesTheKey) {
  EXPECT_THROW(RigidCylinder(0.06, 0.1, 0.04), std::invalid_argument);
  EXPECT_THROW(RigidFlatPunch(0.01, 0.01, 0.03), std::invalid_argument);
  EXPECT_THROW(RigidCone(std::numbers::pi, 0.002, 0.03), std::invalid_argument);
  EXPECT_THROW(RigidHook(0.004, 0.006, 0.05, 0.5, 1.0), std::invalid_argument);
  try {
    RigidHook(0.004, 0.02, 0.003, 0.5, 1.0);
    ADD_FAILURE() << "no throw";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).rfind("arm_bend_radius:", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace myo::models
