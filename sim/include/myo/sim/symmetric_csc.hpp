#pragma once
// A symmetric sparse matrix stored as its upper triangle in compressed sparse columns
// (row <= column), the layout CHOLMOD takes with stype = +1.
#include <Eigen/Sparse>
#include <vector>

namespace myo::sim {

struct SymmetricCsc {
  int n = 0;                    ///< rows = columns
  std::vector<int> col_ptr;     ///< n + 1
  std::vector<int> row_index;   ///< nnz, sorted within each column
  std::vector<double> values;   ///< nnz

  int nnz() const { return static_cast<int>(row_index.size()); }
  /// Position of (row, col), row <= col, in values; -1 when the entry is not in the pattern.
  int find(int row, int col) const;
  /// y = A x using both triangles.
  void multiply(const Eigen::VectorXd& x, Eigen::VectorXd& y) const;
  /// The upper triangle as an Eigen matrix (no copy of the pattern is kept).
  Eigen::Map<const Eigen::SparseMatrix<double>> upper_view() const;
};

}  // namespace myo::sim
