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


@pytest.mark.parametrize("name, options", [("linreg", {"n": 2000}), ("adaline", {"n": 200}),
                                           ("linreg-w", {})])
def test_a_models_surface_is_its_pointwise_loss_in_a_few_vectorised_calls(name, options):
    """A window computes a model's map on a pool thread: one Python call per grid point
    (3,721) would hold the GIL throughout and slow every paint meanwhile, so the losses are
    taken over blocks of points at once, and equal the point-by-point ones."""
    p = get_problem(name, **options)
    calls = []
    real = p.loss_expr
    p.loss_expr = lambda params, idx, *m: (calls.append(1), real(params, idx, *m))[1]
    s = surface_for(p, p.start)
    p.loss_expr = real
    loss = lambda *q: float(real([np.float64(v) for v in q], None))  # noqa: E731
    if s.kind == "contour":
        want = np.array([[loss(w, b) for w in s.xs] for b in s.ys])
        got, points = s.Z, s.Z.size
    else:
        want, got, points = np.array([loss(w) for w in s.xs]), s.ys, len(s.ys)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    assert len(calls) <= points // 4 + 4  # not one per point


def test_a_loss_that_does_not_broadcast_over_points_is_taken_point_by_point():
    p = get_problem("linreg", n=50)
    real = p.loss_expr
    # a loss written for scalars only: its value for points (k, 1) is wrong, never used
    p.loss_expr = lambda params, idx, *m: real([np.float64(np.ravel(v)[0]) for v in params],
                                               idx)
    s = surface_for(p, (0.0, 0.0))
    p.loss_expr = real
    w, b = s.xs[7], s.ys[11]
    assert s.Z[11, 7] == pytest.approx(float(real([np.float64(w), np.float64(b)], None)))
