"""The engine's long loops call a host's hook between evaluations, on the host's threads only."""

import threading

import numpy as np

from gdlab.engine import cooperate
from gdlab.engine.gradients.methods import numerical_gradient


def test_a_numerical_gradient_calls_the_hook_after_every_element():
    calls = []
    x = np.arange(6.0).reshape(2, 3)
    with cooperate.yielding_to(lambda: calls.append(1)):
        g = numerical_gradient(lambda v: float(np.sum(v ** 2)), x)
    assert len(calls) == 6
    np.testing.assert_allclose(g, 2 * np.arange(6.0).reshape(2, 3), rtol=1e-6)
    numerical_gradient(lambda v: float(np.sum(v ** 2)), x)
    assert len(calls) == 6  # outside the block: no hook


def test_a_hook_belongs_to_its_thread_and_blocks_nest():
    seen = []
    outer, inner = (lambda: seen.append("outer")), (lambda: seen.append("inner"))
    with cooperate.yielding_to(outer):
        other = threading.Thread(target=cooperate.between)  # another thread: no hook there
        other.start()
        other.join()
        cooperate.between()
        with cooperate.yielding_to(inner):
            cooperate.between()
        cooperate.between()
    cooperate.between()
    assert seen == ["outer", "inner", "outer"]
    cooperate.install(outer)
    try:
        cooperate.between()
    finally:
        cooperate.install(None)
    cooperate.between()
    assert seen == ["outer", "inner", "outer", "outer"]


def test_a_batch_of_runs_calls_the_hook_after_every_step():
    from gdlab.engine.optim.optimizers import make_optimizer
    from gdlab.engine.run.batch import BatchRun

    calls = []
    batch = BatchRun("bowl", make_optimizer("sgd", lr=0.1), np.array([[1.0, 2.0], [3.0, -1.0]]))
    with cooperate.yielding_to(lambda: calls.append(batch.k)):
        batch.advance(5)
    assert calls == [1, 2, 3, 4, 5]


def test_a_csv_export_calls_the_hook_after_every_part_it_formats(tmp_path):
    from gdlab.engine.files.export import FORMAT_ROWS, read_csv, write_csv

    rows = np.random.default_rng(0).normal(size=(3 * FORMAT_ROWS + 5, 2))
    written = []
    with cooperate.yielding_to(lambda: written.append(1)):
        path = write_csv(tmp_path / "run.csv", ("x", "y"), rows)
    assert len(written) == 4
    np.testing.assert_array_equal(read_csv(path)[1], rows)


def test_the_loss_on_a_projection_plane_calls_the_hook_after_every_loss():
    from gdlab.engine.analysis.projection import loss_on_plane

    calls = []
    with cooperate.yielding_to(lambda: calls.append(1)):
        xs, ys, Z = loss_on_plane(lambda v: float(v @ v), np.zeros(3),
                                  np.array([[1.0, 0, 0], [0, 1.0, 0]]), 1.0, n=4)
    assert len(calls) == 16
    np.testing.assert_allclose(Z, xs[None, :] ** 2 + ys[:, None] ** 2)
