"""The PCA plane of a many-parameter trajectory and the loss on that plane (pure numpy)."""

import numpy as np
import pytest

from gdlab.engine.problems.registry import get_problem
from gdlab.engine.analysis.projection import (flatten, loss_on_plane, model_loss, pca_plane, plane_extent,
                                     shapes_of, unflatten)
from gdlab.engine.run.single import Run


def test_flatten_unflatten_roundtrip():
    params = [np.arange(6.0).reshape(2, 3), np.array([7.0, 8.0]), np.float64(9.0)]
    v = flatten(params)
    assert v.shape == (9,) and v.dtype == np.float64
    np.testing.assert_array_equal(v, [0, 1, 2, 3, 4, 5, 7, 8, 9])
    back = unflatten(v, shapes_of(params))
    assert [np.shape(b) for b in back] == [(2, 3), (2,), ()]
    for a, b in zip(params, back):
        np.testing.assert_array_equal(a, b)
    assert isinstance(back[2], np.float64)
    back[0][0, 0] = 99.0  # fresh arrays: the vector is not a view's base
    assert v[0] == 0.0
    with pytest.raises(ValueError):
        unflatten(v[:-1], shapes_of(params))


def test_pca_recovers_a_known_plane():
    rng = np.random.default_rng(3)
    P, n = 50, 200
    q, _ = np.linalg.qr(rng.standard_normal((P, 2)))
    u, v = q[:, 0], q[:, 1]
    c = rng.standard_normal(P)
    t = np.linspace(0, 1, n)
    a = 5.0 * (1 - t) * np.cos(6 * t)  # a spiral into c, more spread along u than v
    b = 2.0 * (1 - t) * np.sin(6 * t)
    thetas = c + np.outer(a, u) + np.outer(b, v)
    center, basis, coords, explained = pca_plane(thetas)
    np.testing.assert_allclose(center, thetas[-1])
    np.testing.assert_allclose(coords[-1], 0.0, atol=1e-12)
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-12)  # orthonormal
    # the basis spans the same plane as (u, v): projecting u and v on it keeps their length
    for d in (u, v):
        assert np.linalg.norm(basis @ d) == pytest.approx(1.0, abs=1e-10)
    # every snapshot is reconstructed exactly from its plane coordinates
    np.testing.assert_allclose(center + coords @ basis, thetas, atol=1e-10)
    assert explained.sum() == pytest.approx(1.0, abs=1e-12)
    assert explained[0] >= explained[1] > 0
    assert np.all(coords[0] <= 0)  # orientation: the path starts on the negative side


def test_pca_plane_of_a_line_and_of_a_point():
    P = 5
    d = np.ones(P) / np.sqrt(P)
    thetas = np.outer(np.linspace(-2, 0, 11), d) + 3.0
    center, basis, coords, explained = pca_plane(thetas)
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(abs(basis[0] @ d), 1.0, atol=1e-12)
    np.testing.assert_allclose(coords[:, 1], 0.0, atol=1e-12)
    np.testing.assert_allclose(explained, [1.0, 0.0], atol=1e-12)
    center, basis, coords, explained = pca_plane(np.ones((4, 3)))
    np.testing.assert_allclose(basis @ basis.T, np.eye(2), atol=1e-12)
    np.testing.assert_array_equal(coords, 0.0)
    np.testing.assert_array_equal(explained, 0.0)
    with pytest.raises(ValueError):
        pca_plane(np.ones((4, 1)))


def test_loss_on_plane_matches_the_quadratic():
    rng = np.random.default_rng(0)
    P = 6
    A = rng.standard_normal((P, P))
    H = A @ A.T + np.eye(P)
    c = rng.standard_normal(P)
    q, _ = np.linalg.qr(rng.standard_normal((P, 2)))
    basis = q.T
    f = lambda th: 0.5 * th @ H @ th  # noqa: E731
    xs, ys, Z = loss_on_plane(f, c, basis, (-1.0, 2.0, -3.0, 0.5), n=7)
    np.testing.assert_allclose(xs, np.linspace(-1, 2, 7))
    np.testing.assert_allclose(ys, np.linspace(-3, 0.5, 7))
    # f(c + a u + b v) = f(c) + a u·Hc + b v·Hc + ½(a² u·Hu + 2ab u·Hv + b² v·Hv)
    u, v = basis
    a, b = np.meshgrid(xs, ys)  # rows are y
    expected = (f(c) + a * (u @ H @ c) + b * (v @ H @ c)
                + 0.5 * (a * a * (u @ H @ u) + 2 * a * b * (u @ H @ v) + b * b * (v @ H @ v)))
    np.testing.assert_allclose(Z, expected, rtol=1e-12, atol=1e-12)
    xs, ys, Z = loss_on_plane(f, c, basis, 2.0, n=5)
    assert xs[0] == -2.0 and ys[-1] == 2.0 and Z.shape == (5, 5)
    # failures become NaN rather than exceptions
    xs, ys, Z = loss_on_plane(lambda th: 1.0 / 0.0 if th[0] > c[0] else 1.0, c, np.eye(P)[:2], 1.0, 3)
    assert np.isnan(Z[:, 2]).all() and (Z[:, :2] == 1.0).all()


def test_mlp_trajectory_on_its_plane():
    p = get_problem("mlp", dataset="moons", hidden=8, batch=100, seed=0)
    run = Run(p, "adam", steps=200)
    run.optimizer.lr = 0.05
    run.reset()
    shapes = shapes_of(run.params)
    snaps = [flatten(run.params)]
    for _ in range(20):
        run.advance(max_updates=10)
        snaps.append(flatten(run.params))
    thetas = np.stack(snaps)
    center, basis, coords, explained = pca_plane(thetas)
    assert coords.shape == (21, 2) and 0.5 < explained.sum() <= 1.0 + 1e-12
    fn = model_loss(p, shapes)
    assert fn(center) == pytest.approx(float(p.loss_expr(run.params, None)))
    ext = plane_extent(coords)
    assert ext[0] < coords[:, 0].min() and ext[1] > 0
    xs, ys, Z = loss_on_plane(fn, center, basis, ext, n=11)
    assert Z.shape == (11, 11) and np.isfinite(Z).all()
    # the loss near the end of the run is lower than at the start's plane position
    assert fn(center) < fn(center + coords[0] @ basis)
