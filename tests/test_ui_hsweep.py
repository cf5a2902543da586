"""The gradient check tab: at the current point, with the h-sweep beside the table."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.analysis.checkgrad import check_gradients  # noqa: E402
from gdlab.engine.analysis.hsweep import h_sweep  # noqa: E402
from gdlab.engine.problems.registry import get_problem  # noqa: E402

from test_ui import setup_run  # noqa: E402


def test_the_check_runs_at_the_current_point_and_draws_the_sweep(window, qtbot):
    w = window
    setup_run(w, qtbot, problem="rosenbrock", optimizer="adam", lr=0.05, steps=30,
              start=(-1.5, 2.0))
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished" and not w._dirty, timeout=10000)
    mv, gc = w.modelViews, w.modelViews.gradCheck
    mv.setCurrentIndex(mv.checkIndex)
    qtbot.waitUntil(lambda: gc.sweepView.sweep is not None and bool(gc.rows), timeout=10000)
    point = [float(v) for v in w.history.data[30, :2]]
    assert "current point (step 30)" in gc.whereLabel.text()
    assert gc.params == point
    expected = check_gradients(get_problem("rosenbrock"), 1e-4, params=point)
    assert [r.analytic_abs for r in gc.rows] == [r.analytic_abs for r in expected]
    sweep = gc.sweepView.sweep
    np.testing.assert_array_equal(sweep.error["float64"],
                                  h_sweep(get_problem("rosenbrock"), point).error["float64"])
    x, y = gc.sweepView.curves["float32"].getData()
    assert len(x) == len(sweep.h)
    assert "smallest for float64 near" in gc.sweepView.note.text()
    assert "at 1e-10 it is" in gc.sweepView.note.text()


def test_on_a_quadratic_the_sweep_says_there_is_no_truncation_error(window, qtbot):
    w = window
    setup_run(w, qtbot, problem="bowl", steps=5)
    mv, gc = w.modelViews, w.modelViews.gradCheck
    mv.setCurrentIndex(mv.checkIndex)
    qtbot.waitUntil(lambda: gc.sweepView.sweep is not None, timeout=10000)
    assert gc.sweepView.sweep.truncation_free
    assert "No truncation error here" in gc.sweepView.note.text()
    _, y = gc.sweepView.curves["float64"].getData()  # log10 of the errors
    assert not np.any(np.isinf(y))  # a zero error is left out, not drawn at −∞
