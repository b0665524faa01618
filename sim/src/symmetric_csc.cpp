#include "myo/sim/symmetric_csc.hpp"

#include <algorithm>

namespace myo::sim {

int SymmetricCsc::find(int row, int col) const {
  const auto first = row_index.begin() + col_ptr[col], last = row_index.begin() + col_ptr[col + 1];
  const auto it = std::lower_bound(first, last, row);
  return (it != last && *it == row) ? static_cast<int>(it - row_index.begin()) : -1;
}

void SymmetricCsc::multiply(const Eigen::VectorXd& x, Eigen::VectorXd& y) const {
  y.setZero(n);
  for (int j = 0; j < n; ++j)
    for (int k = col_ptr[j]; k < col_ptr[j + 1]; ++k) {
      const int i = row_index[k];
      y(i) += values[k] * x(j);
      if (i != j) y(j) += values[k] * x(i);
    }
}

Eigen::Map<const Eigen::SparseMatrix<double>> SymmetricCsc::upper_view() const {
  return {n, n, nnz(), col_ptr.data(), row_index.data(), values.data()};
}

}  // namespace myo::sim
