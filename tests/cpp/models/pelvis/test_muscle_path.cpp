// Moment arms from the path geometry against a central difference of the path length:
// r_j = -dL/dq_j for every muscle and every joint it crosses.
#include <gtest/gtest.h>

#include <cmath>

#include "myo/models/pelvis_model.hpp"

namespace myo::models {
namespace {

TEST(MusclePath, MomentArmsEqualMinusLengthDerivative) {
  const PelvisModel model{PelvisParams{}};
  // Poses away from the brim via point's switch at hip flexion 45 deg.
  const std::vector<Eigen::Vector4d> poses = {
      Eigen::Vector4d(0.0, 0.0, 0.0, 0.0), Eigen::Vector4d(0.15, 0.3, -0.25, 0.2),
      Eigen::Vector4d(-0.1, 0.8, 0.5, -0.15), Eigen::Vector4d(0.2, 0.1, -0.4, 0.3)};
  const double h = 1e-6;
  for (const Eigen::Vector4d& q : poses) {
    for (int i = 0; i < model.muscle_count(); ++i) {
      const Eigen::Vector4d r = model.path(i).moment_arms(model.pose(q));
      for (int j = 0; j < kJoints; ++j) {
        Eigen::Vector4d qp = q, qm = q;
        qp(j) += h;
        qm(j) -= h;
        const double fd = -(model.path(i).length(model.pose(qp)) - model.path(i).length(model.pose(qm))) / (2 * h);
        if (!model.path(i).crosses(static_cast<Joint>(j))) {
          EXPECT_LT(std::abs(r(j)), 1e-14) << PelvisModel::muscle_names()[i] << " joint " << j;  // segments on one side cancel
          continue;
        }
        EXPECT_GT(std::abs(r(j)), 5e-3) << PelvisModel::muscle_names()[i] << " joint " << j;
        EXPECT_NEAR(r(j), fd, 1e-6 * std::abs(r(j))) << PelvisModel::muscle_names()[i] << " joint " << j;
      }
    }
  }
}

TEST(MusclePath, HipMomentArmSignsAreAnatomical) {
  const PelvisModel model{PelvisParams{}};
  const SagittalPose pose = model.pose(Eigen::Vector4d::Zero());
  const int hip = static_cast<int>(Joint::hip);
  for (int i : {0, 1, 2}) EXPECT_GT(model.path(i).moment_arms(pose)(hip), 0.0);  // flexors
  for (int i : {3, 4}) EXPECT_LT(model.path(i).moment_arms(pose)(hip), 0.0);     // extensors
  EXPECT_GT(model.path(5).moment_arms(pose)(3), 0.0);  // erector spinae extends the lumbar joint
  EXPECT_LT(model.path(6).moment_arms(pose)(3), 0.0);  // rectus abdominis flexes it
}

TEST(HillMuscle, ThelenCurves) {
  EXPECT_EQ(HillMuscle::passive_force_length(0.9), 0.0);
  EXPECT_NEAR(HillMuscle::passive_force_length(1.6), 1.0, 1e-12);  // F0 at e0 = 60 % strain
  EXPECT_NEAR(HillMuscle::active_force_length(1.0), 1.0, 1e-12);
  const HillMuscle m({"m", 1000.0, 0.1, 0.1, 0.0, "test"});
  EXPECT_NEAR(m.force(0.26, 0.0, 1.0), 1000.0, 1e-9);  // l~ = 1.6
  EXPECT_NEAR(m.force(0.2, 1.0, 1.0), 1000.0, 1e-9);
  EXPECT_EQ(m.force(0.09, 1.0, 1.0), 0.0);  // shorter than the tendon: slack
}

}  // namespace
}  // namespace myo::models
