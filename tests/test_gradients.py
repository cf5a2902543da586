import numpy as np

from gdlab.engine.gradients.methods import numerical_gradient, numerical_gradient_batch


def f2(x):
    return np.sum(x ** 2)


def test_seeds_numerical_gradient_values():
    for point, expected in [((3.0, 4.0), (6.0, 8.0)), ((0.0, 2.0), (0.0, 4.0)), ((3.0, 0.0), (6.0, 0.0))]:
        g = numerical_gradient(f2, np.array(point))
        np.testing.assert_allclose(g, expected, rtol=1e-9, atol=1e-9)


def test_closure_trick_on_a_matrix_restores_it():
    W = np.arange(6.0).reshape(2, 3)
    before = W.copy()
    loss = lambda _ignored: float(np.sum(W ** 3))  # noqa: E731  (reads W, ignores its argument)
    g = numerical_gradient(loss, W)
    np.testing.assert_allclose(g, 3 * before ** 2, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(W, before)


def test_batch_variant_matches_one_point_at_a_time():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 3))
    f = lambda A: np.sum(np.sin(A) * A, axis=-1)  # noqa: E731
    G = numerical_gradient_batch(f, X.copy())
    for k in range(5):
        np.testing.assert_array_equal(G[k], numerical_gradient(lambda x: float(f(x[None])[0]), X[k].copy()))
