#include "myo/sim/device_reach.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

#include "myo/sim/scenario_error.hpp"

namespace myo::sim {
namespace {

/// Samples per face edge: fine enough that a tip narrower than a cell still meets a sample's
/// bound, few enough to cost nothing beside a solve.
constexpr int kSamples = 6;

Vec3 point(const Mesh& mesh, int node) {
  Vec3 x = Vec3::Zero();
  for (int i = 0; i < mesh.X.cols(); ++i) x(i) = mesh.X(node, i);
  return x;
}

/// min over the face set of (distance(x) - how far x's part of the face lies from x): a lower
/// bound of the distance function over every face of the set.
double lower_bound_over_faces(const Mesh& mesh, const std::vector<Face>& faces,
                              const std::function<double(const Vec3&)>& distance) {
  double g = std::numeric_limits<double>::infinity();
  for (const Face& f : faces) {
    std::vector<Vec3> corners;
    if (mesh.axisymmetric())
      for (int a : quad4_edge_nodes(f.local_face)) corners.push_back(point(mesh, mesh.cells(f.cell, a)));
    else
      for (int a : hex8_face_nodes(f.local_face)) corners.push_back(point(mesh, mesh.cells(f.cell, a)));
    double diameter = 0.0;
    for (const Vec3& a : corners)
      for (const Vec3& b : corners) diameter = std::max(diameter, (a - b).norm());
    // Bilinear samples at cell centres of a kSamples grid: every face point is within half a
    // sub-cell's diagonal of one (an upper bound for a skewed face is the face's diameter over
    // kSamples).
    const double reach = diameter / kSamples;
    const int nv = corners.size() == 4 ? kSamples : 1;
    for (int i = 0; i < kSamples; ++i)
      for (int j = 0; j < nv; ++j) {
        const double s = (i + 0.5) / kSamples, t = nv == 1 ? 0.0 : (j + 0.5) / kSamples;
        const Vec3 x = corners.size() == 4 ? ((1 - s) * (1 - t) * corners[0] + s * (1 - t) * corners[1] +
                                              s * t * corners[2] + (1 - s) * t * corners[3]).eval()
                                           : ((1 - s) * corners[0] + s * corners[1]).eval();
        g = std::min(g, distance(x) - reach);
      }
  }
  return g;
}

const std::vector<Face>& faces_of(const Mesh& mesh, const std::string& set, const std::string& path) {
  const auto it = mesh.face_sets.find(set);
  if (it == mesh.face_sets.end())
    throw ScenarioError(path + ".surface: face set \"" + set + "\" is not in the mesh");
  return it->second;
}

double largest_value(const TimeTable& table) {
  double v = 0.0;
  for (const auto& p : table.points()) v = std::max(v, p.second);
  return v;
}

std::string mm(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g mm", m * 1e3);
  return buf;
}

void check_reach(const std::string& path, double gap_m, bool force_control, const TimeTable& depth,
                 double force_control_gap_m) {
  if (force_control) {
    if (gap_m > force_control_gap_m)
      throw ScenarioError(path + ": the device starts with a gap of at least " + mm(gap_m) +
                          " to the surface; under force control it must touch it at the start "
                          "(nothing resists its travel until it does): put `position` on the surface");
    return;
  }
  const double travel = largest_value(depth);
  if (travel < gap_m)
    throw ScenarioError(path + ": the device never reaches the surface: it starts with a gap of at least " +
                        mm(gap_m) + " and travels at most " + mm(travel) +
                        " (depth); move `position` onto the surface or press deeper");
}

}  // namespace

double initial_gap_lower_bound(const ContactSpec& c, const Mesh& mesh) {
  const std::string path = c.key_path.empty() ? "contact." + c.name : c.key_path;
  return lower_bound_over_faces(mesh, faces_of(mesh, c.face_set, path), [&](const Vec3& x) {
    return c.surface->distance(c.rotation.transpose() * (x - c.origin)).g;
  });
}

double initial_gap_lower_bound(const DeformableBallSpec& b, const Mesh& mesh) {
  const std::string path = b.key_path.empty() ? "contact." + b.name : b.key_path;
  const Vec3 centre = b.position - b.radius_m() * b.direction;
  return lower_bound_over_faces(mesh, faces_of(mesh, b.tissue_face_set, path),
                                [&](const Vec3& x) { return (x - centre).norm() - b.radius_m(); });
}

void check_devices_reach(const std::vector<ContactSpec>& contacts, const std::vector<DeformableBallSpec>& balls,
                         const Mesh& mesh, double force_control_gap_m) {
  for (const ContactSpec& c : contacts)
    check_reach(c.key_path.empty() ? "contact." + c.name : c.key_path, initial_gap_lower_bound(c, mesh),
                c.control == ContactSpec::Control::force, c.depth, force_control_gap_m);
  for (const DeformableBallSpec& b : balls)
    check_reach(b.key_path.empty() ? "contact." + b.name : b.key_path, initial_gap_lower_bound(b, mesh),
                b.force_control, b.depth, force_control_gap_m);
}

}  // namespace myo::sim
