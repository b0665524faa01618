#include "myo/sim/deformable_ball.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "myo/sim/mesh_merge.hpp"

namespace myo::sim {
namespace {

/// Smallest reference edge (m) over the faces of the given face sets.
double smallest_face_edge(const Mesh& mesh, const std::vector<std::string>& sets) {
  double h = std::numeric_limits<double>::infinity();
  const int n = mesh.axisymmetric() ? 2 : 4;
  for (const std::string& set : sets)
    for (const Face& f : mesh.face_sets.at(set))
      for (int a = 0; a < n; ++a) {
        const int p = mesh.axisymmetric() ? quad4_edge_nodes(f.local_face)[a] : hex8_face_nodes(f.local_face)[a];
        const int q = mesh.axisymmetric() ? quad4_edge_nodes(f.local_face)[(a + 1) % n]
                                          : hex8_face_nodes(f.local_face)[(a + 1) % n];
        h = std::min(h, (mesh.X.row(mesh.cells(f.cell, p)) - mesh.X.row(mesh.cells(f.cell, q))).norm());
      }
  return h;
}

}  // namespace

int DeformableBallSpec::travel_component() const {
  for (int i = 0; i < 3; ++i)
    if (std::abs(std::abs(direction(i)) - 1.0) < 1e-12) return i;
  return -1;
}

double DeformableBallSpec::max_travel_m() const {
  if (force_control) return radius_m();  // unknown in advance: up to the ball's radius
  double m = 0.0;
  for (const auto& [t, v] : depth.points()) m = std::max(m, std::abs(v));
  return m;
}

BallMeshSpec ball_mesh_spec(const DeformableBallSpec& ball) {
  BallMeshSpec s;
  s.radius_m = ball.radius_m();
  s.cells_per_octant = ball.cells_per_octant;
  s.pole_grading = ball.pole_grading;
  s.shell_grading = ball.shell_grading;
  s.centre = ball.position - s.radius_m * ball.direction;
  s.up = -ball.direction;
  s.name = ball.name;
  return s;
}

void add_deformable_balls(const std::vector<DeformableBallSpec>& balls, Mesh& mesh) {
  for (const DeformableBallSpec& ball : balls) {
    const std::string path = ball.key_path.empty() ? "contact." + ball.name : ball.key_path;
    if (!mesh.face_sets.count(ball.tissue_face_set))
      throw std::invalid_argument(path + ".surface: face set \"" + ball.tissue_face_set + "\" is not in the mesh");
    const auto renames = append_mesh(mesh, make_ball_mesh(ball_mesh_spec(ball), mesh.axisymmetric(), path + ".device"));
    if (!renames.empty())
      throw std::invalid_argument(path + ".name: \"" + ball.name + "\" names the ball's sets, but the mesh already has " +
                                  renames.begin()->first + "; choose another name");
  }
}

std::vector<DirichletBC> ball_handle_conditions(const DeformableBallSpec& ball, bool axisymmetric) {
  std::vector<DirichletBC> out;
  const int dim = axisymmetric ? 2 : 3;
  for (int i = 0; i < dim; ++i) {
    if (axisymmetric && i == 0 && ball.handle == "equator") continue;
    if (ball.force_control && i == ball.travel_component()) continue;  // tied, see ball_tied_forces
    std::vector<std::pair<double, double>> points;
    for (const auto& [t, v] : ball.depth.points()) points.emplace_back(t, v * ball.direction(i));
    out.push_back({ball.handle_set(), i, TimeTable(points), {}});
  }
  return out;
}

std::vector<TiedForce> ball_tied_forces(const std::vector<DeformableBallSpec>& balls) {
  std::vector<TiedForce> out;
  for (size_t b = 0; b < balls.size(); ++b) {
    const DeformableBallSpec& ball = balls[b];
    if (!ball.force_control) continue;
    const int c = ball.travel_component();
    std::vector<std::pair<double, double>> points;
    for (const auto& [t, v] : ball.force.points()) points.emplace_back(t, v * ball.direction(c));
    out.push_back({ball.handle_set(), c, TimeTable(points), ball.name + "_all", static_cast<int>(b), 1.0});
  }
  return out;
}

std::vector<PairContactSpec> ball_pair_contacts(const std::vector<DeformableBallSpec>& balls, const Mesh& mesh,
                                                const std::vector<RegionMaterial>& materials) {
  std::set<std::string> ball_regions;
  for (const auto& b : balls) ball_regions.insert(b.name);
  double mu_tissue = 0.0;
  for (const auto& m : materials)
    if (!ball_regions.count(m.region)) mu_tissue = std::max(mu_tissue, m.material->shear_modulus());
  std::vector<PairContactSpec> out;
  for (const DeformableBallSpec& b : balls) {
    PairContactSpec p;
    p.name = b.name;
    p.slave = b.tissue_face_set;
    p.master = b.name + "_surface";
    p.quadrature = b.quadrature;
    p.two_pass = b.two_pass;
    p.direction = b.direction;
    p.search_distance_m = b.max_travel_m() + 0.5 * b.radius_m();
    p.penalty_Pa_per_m = b.penalty_Pa_per_m;
    if (p.penalty_Pa_per_m <= 0.0) {
      const double mu_star = 1.0 / (1.0 / mu_tissue + 1.0 / b.shear_modulus_Pa);
      p.penalty_Pa_per_m = 1000.0 * mu_star / smallest_face_edge(mesh, {p.slave, p.master});
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace myo::sim
