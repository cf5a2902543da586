import numpy as np
import pytest

from gdlab.engine.problems.registry import get_problem
from gdlab.engine.optim.optimizers import make_optimizer
from gdlab.engine.run.single import Run
from gdlab.engine.analysis.surfaces import plane_surface, surface_for


def test_objective_surface_is_its_grid():
    s = surface_for(get_problem("rosenbrock"))
    assert s.kind == "contour" and s.log_color and s.minima == ((1.0, 1.0),)
    assert s.Z.shape == (len(s.ys), len(s.xs))


def test_one_parameter_model_is_a_curve_through_its_minimum():
    p = get_problem("linreg-w")
    s = surface_for(p)
    assert s.kind == "curve" and s.labels == ("w", "loss J")
    (wmin, jmin), = s.minima
    assert wmin == pytest.approx(2.0) and jmin == pytest.approx(0.0, abs=1e-12)
    i = np.argmin(s.ys)
    assert abs(s.xs[i] - 2.0) < (s.xs[1] - s.xs[0])
    assert s.box[0] <= 0.0 <= s.box[1]  # the default start w = 0 is in view


def test_two_parameter_model_contour_holds_the_least_squares_fit():
    p = get_problem("linreg")
    s = surface_for(p, (0.0, 0.0))
    (w, b), = s.minima
    assert (w, b) == pytest.approx(p.least_squares())
    i, j = np.unravel_index(np.argmin(s.Z), s.Z.shape)
    assert abs(s.xs[j] - w) <= 2 * (s.xs[1] - s.xs[0]) and abs(s.ys[i] - b) <= 2 * (s.ys[1] - s.ys[0])


def test_network_gets_a_plane_through_its_path():
    p = get_problem("mlp")
    assert surface_for(p) is None
    run = Run(p, make_optimizer("adam", lr=0.05), steps=200)
    snaps = [run.params]
    for _ in range(20):
        run.advance(max_updates=10)
        snaps.append(run.params)
    s = plane_surface(p, snaps)
    assert s.path.shape == (21, 2) and np.allclose(s.path[-1], 0.0)
    assert s.box[0] < 0 < s.box[1] or s.box[0] < 0 <= s.box[1]  # the end point is in view
    assert np.isfinite(s.Z).all()
    # the surface is lowest near the end of a descent, highest near its start
    z_end = s.Z[np.argmin(np.abs(s.ys)), np.argmin(np.abs(s.xs))]
    start = s.path[0]
    z_start = s.Z[np.argmin(np.abs(s.ys - start[1])), np.argmin(np.abs(s.xs - start[0]))]
    assert z_end < z_start
    with pytest.raises(ValueError):
        plane_surface(p, snaps[:1])
