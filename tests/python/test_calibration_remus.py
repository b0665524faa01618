"""Validation against Remus et al. 2024 (myorelease.calibration.remus): the in vivo presets under a
10 mm hemispherical tip stay inside the relaxed abdomen's published force-depth corridor where the
viscera were fitted, and the corridor is read from the polynomials exactly."""
from pathlib import Path

import numpy as np
import pytest

from myorelease.calibration import remus

SCENARIO = Path(__file__).resolve().parents[2] / remus.SCENARIO


def test_a_region_curve_is_its_polynomial_and_ends_at_its_range():
    r3 = next(r for r in remus.REMUS_2024_RELAXED if r.region == "R3")
    # DataSheet1.CSV, R3 rangeMean poly2: F = 0.00860378 d^2 + 0.12599978 d.
    assert float(r3.force_N(10.0)) == pytest.approx(0.860378238220968 + 1.25999776463138, rel=1e-14)
    assert np.isnan(r3.force_N(30.5))
    assert float(r3.force_N(0.0)) == 0.0


def test_the_corridor_is_ordered_and_drops_regions_past_their_range():
    band = remus.corridor([5.0, 10.0, 20.0, 25.0, 30.0])
    assert np.all(band.low_N < band.mean_N) and np.all(band.mean_N < band.high_N)
    # At 30 mm only R2-R4 (fitted to 30 mm) count.
    at_30 = [r.force_N(30.0) for r in remus.REMUS_2024_RELAXED if r.max_depth_mm >= 30.0]
    assert band.mean_N[-1] == pytest.approx(np.mean(at_30), rel=1e-14)
    assert len(at_30) == 3


@pytest.fixture(scope="module")
def result_h5(tmp_path_factory):
    return remus.run_setup({}, tmp_path_factory.mktemp("remus"), SCENARIO)


@pytest.mark.parametrize("depth_mm", [15.0, 20.0, 25.0])
def test_force_within_the_corridor_where_fitted(result_h5, depth_mm):
    band = remus.corridor([depth_mm])
    model = float(remus.model_force(result_h5, [depth_mm])[0])
    assert band.low_N[0] <= model <= band.high_N[0], (depth_mm, model, band)
    # and within a third of the mean curve (the fit's residuals are -16 % to +22 %)
    assert abs(np.log(model / band.mean_N[0])) < np.log(1.35), (depth_mm, model, band.mean_N[0])


# 10 mm is not asserted: the model gives 1.50 N, below the corridor's low edge 1.67 N (README,
# Models: skin and fat, fitted to the buttock, are too soft for the abdomen's first 10 mm).


def test_force_grows_with_depth(result_h5):
    depth, force = remus.force_depth(result_h5)
    assert depth.max() >= 30.0 - 1e-9
    assert np.all(np.diff(force) > -1e-9)
