"""The model views: data view, ADALINE computation graph, gradient-check panel (pytest-qt)."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.problems.registry import get_problem  # noqa: E402
from gdlab.engine.run.single import Run  # noqa: E402
from gdlab.ui.views.dataview import REGION_GRID, DataView  # noqa: E402
from gdlab.ui.views.gradcheck import GradCheckPanel  # noqa: E402
from gdlab.ui.views.graphview import GraphView  # noqa: E402


def trained(problem, steps, lr=None, optimizer=None):
    run = Run(problem, optimizer or problem.default_optimizer, steps=steps)
    run.optimizer.lr = lr or problem.suggested_lr
    run.reset()
    run.advance()
    return run


def show(qtbot, w, size=(560, 420)):
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def save(w, name):
    """The widget's picture, to look at, in the test's tmp_path (the conftest runs tests there)."""
    assert w.grab().save(f"view_{name}.png")


# -- data view ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["linreg-w", "linreg", "adaline"])
def test_dataview_line_follows_params(qtbot, name):
    v = show(qtbot, DataView())
    assert v.objectName() == "dataView"
    p = get_problem(name)
    v.set_problem(p)
    X, y = p.data
    assert len(v.scatters) == 1 and len(v.scatters[0].data) == len(X)
    run = trained(p, 0)
    v.set_params(run.params)
    x0, y0 = (np.array(a) for a in v.line.getData())
    np.testing.assert_allclose(y0, 0.0)  # w = b = 0 at the start
    assert "MSE" in v.summary and f"{np.mean(y ** 2):.4g}" in v.summary
    run = trained(p, p.default_steps)
    v.set_params(run.params)
    x1, y1 = (np.array(a) for a in v.line.getData())
    np.testing.assert_array_equal(x0, x1)
    np.testing.assert_allclose(y1, p.predict(run.params, x1))
    assert not np.allclose(y1, y0)
    rx, ry = v.residuals.getData()
    assert len(rx) == 2 * len(X)
    save(v, f"data_{name}")


def test_dataview_decision_regions(qtbot):
    v = show(qtbot, DataView())
    p = get_problem("mlp", dataset="moons", hidden=32, batch=100, seed=0)
    v.set_problem(p)
    assert len(v.scatters) == 2  # one per class
    run = trained(p, 0)
    v.set_params(run.params)
    img0 = v.regions.image.copy()
    probs0 = v.probs.copy()
    np.testing.assert_allclose(probs0, 0.5, atol=0.1)  # tiny initial weights: undecided
    assert img0.shape[:2] == (REGION_GRID, REGION_GRID)
    assert v.probs.shape == (REGION_GRID, REGION_GRID, 2)
    run.steps = 400
    run.advance()
    v.set_params(run.params)
    img1 = v.regions.image
    assert img1.shape == img0.shape
    assert np.abs(v.probs - probs0).max() > 0.45  # confident somewhere
    assert np.abs(img1.astype(int) - img0.astype(int)).max() > 25  # a visible tint change
    acc = p.accuracy(run.params)
    assert acc > 0.85 and f"{100 * acc:.1f}%" in v.summary
    assert v.getPlotItem().titleLabel.text.find(f"{100 * acc:.1f}%") >= 0
    bx, by = v.boundary.getData()
    assert len(bx) > 10  # the decision boundary is drawn
    # both classes own some region after training
    labels = v.probs.argmax(axis=-1)
    assert 0.2 < labels.mean() < 0.8
    save(v, "data_mlp_moons")


def test_dataview_multiclass_and_objective(qtbot):
    v = show(qtbot, DataView())
    p = get_problem("mlp", dataset="spiral", classes=3, seed=0)
    v.set_problem(p)
    v.set_params(trained(p, 300).params)
    assert v.probs.shape[-1] == 3 and len(v.scatters) == 3
    v.set_problem(get_problem("rosenbrock"))  # a 2-D function has no data: cleared, no error
    assert v.problem is None and not v.scatters and not v.regions.isVisible()
    v.set_params([1.0, 2.0])


@pytest.mark.parametrize("name, options, labels", [
    ("mlp", {"dataset": "moons"}, ["class 0", "class 1"]),
    ("mlp", {"dataset": "blobs", "classes": 8}, [f"class {c}" for c in range(8)]),
    ("linreg", {}, ["data", "fit  y = w·x + b"]),
    ("linreg-w", {}, ["data", "fit  y = w·x"]),
    ("adaline", {}, ["data", "fit  y = w·x + b"]),
])
def test_dataview_legend_sits_above_the_plot_and_the_title_fits_its_width(qtbot, name, options,
                                                                          labels):
    v = show(qtbot, DataView(), (390, 277))  # the Data tab's size in the 1320×860 window
    p = get_problem(name, **options)
    v.set_problem(p)
    v.set_params(trained(p, 50).params)
    qtbot.wait(10)  # the layout settles
    pi = v.getPlotItem()
    assert [label for *_, label in v.legend] == labels
    title = pi.titleLabel
    text = title.text.replace("&nbsp;", " ")
    assert all(label in text for label in labels) and v.summary.split()[0] in text
    box = pi.getViewBox().sceneBoundingRect()
    assert title.isVisible() and title.sceneBoundingRect().bottom() <= box.top()
    assert title.item.sceneBoundingRect().bottom() <= box.top()  # the text too, every line
    # the plot keeps the widget's width (a long title wraps, it does not push the plot out)
    assert box.left() > 0 and box.right() <= v.width()
    save(v, f"data_legend_{name}_{len(labels)}")


def test_data_view_paints_once_for_new_data_and_its_title(qtbot):
    """The title's new height reaches the layout before the paint: a new problem's data is
    painted once, not once with the old layout and again for the layout request."""
    from ui_helpers import PaintCount

    v = show(qtbot, DataView(), (420, 330))
    qtbot.wait(100)
    paints = PaintCount()
    v.viewport().installEventFilter(paints)
    v.set_problem(get_problem("mlp"))
    qtbot.wait(200)
    assert paints.n == 1
    paints.n = 0
    p = get_problem("mlp", dataset="blobs", classes=4)  # a legend of four classes
    v.set_problem(p)
    v.show_regions(v.regions_job(p.init_params(None))())
    qtbot.wait(200)
    assert paints.n == 1 and len(v.legend) == 4 and "accuracy" in v.summary


def test_data_view_paints_its_axes_and_grid_from_a_cache_while_the_fit_changes(qtbot,
                                                                               monkeypatch):
    """A running model's frames change the line, not the data's ranges: its axes (and their
    grid) were played again from their pictures at each paint, ~4 ms each."""
    import pyqtgraph as pg

    v = show(qtbot, DataView(), (420, 330))
    p = get_problem("linreg")
    v.set_problem(p)
    v.set_params(p.init_params(None))
    qtbot.wait(200)
    calls = []
    real = pg.AxisItem.paint
    monkeypatch.setattr(pg.AxisItem, "paint", lambda self, *a: (calls.append(self),
                                                                real(self, *a))[1])
    w, b = p.init_params(None)
    v.set_params([w + 0.5, b])
    qtbot.waitUntil(lambda: v.line_y is not None, timeout=1000)
    v.viewport().repaint()
    qtbot.wait(100)
    assert calls == []


def test_a_model_of_the_same_data_keeps_the_drawn_data_and_shows_its_own_fit(qtbot):
    """Another number of hidden units or batch size: the same points, ranges and region grid
    (nothing of the data drawn again), the old model's regions and accuracy gone at once."""
    v = show(qtbot, DataView(), (420, 330))
    small = get_problem("mlp", hidden=4)
    v.set_problem(small)
    v.show_regions(v.regions_job(small.init_params(None))())
    grid, box = v._grid, v.getPlotItem().getViewBox().viewRange()
    assert "accuracy" in v.summary
    big = get_problem("mlp", hidden=32, batch=10)
    v.set_problem(big)
    assert v.problem is big and v._grid is grid and v.probs is None
    assert v.getPlotItem().getViewBox().viewRange() == box
    assert "accuracy" not in v.getPlotItem().titleLabel.text
    v.show_regions(v.regions_job(big.init_params(None))())
    assert v.probs.shape[:2] == (REGION_GRID, REGION_GRID) and v.regions.isVisible()
    other = get_problem("mlp", hidden=32, dataset="circles")  # other data: drawn anew
    v.set_problem(other)
    assert v._grid is not grid
    line = get_problem("linreg")
    v.set_problem(line)
    v.set_params(line.init_params(None))
    before = v._line_x
    v.set_problem(get_problem("linreg"))  # the same data again: its line drawn from scratch
    assert v._line_x is before and v.line_y is None and v.line.isVisible()


# -- computation graph ----------------------------------------------------------------------
def test_graphview_worked_sample(qtbot):
    g = show(qtbot, GraphView(), (900, 380))
    assert g.objectName() == "graphView"
    g.set_state(w=0.0, b=0.0, x=1.0, label=3.0)
    # u = label − (w·x + b) = 3 > 0: L = 3, dL/du = sign(3) = 1, dL/dŷ = −1,
    # dL/dw = −1·x = −1, dL/db = −1
    assert g.values == {"x": 1, "w": 0, "mul": 0, "b": 0, "add": 0, "label": 3, "sub": 3,
                        "abs": 3, "loss": 3}
    assert g.grads == {"x": None, "w": -1, "mul": -1, "b": -1, "add": -1, "label": None,
                       "sub": 1, "abs": 1, "loss": 1}
    assert "value = 3" in g.node_text("loss")
    assert "∂L/∂w = −1" in g.node_text("w") and "value = 0" in g.node_text("w")
    assert "∂L/∂b = −1" in g.node_text("b")
    assert "∂L/∂sub = 1" in g.node_text("sub")
    assert "no gradient" in g.node_text("x")
    save(g, "graph_worked")
    # u = 0: the convention d|u|/du = −1 flips every gradient
    g.set_state(w=1.0, b=1.0, x=1.0, label=2.0)
    assert g.values["loss"] == 0 and g.grads["sub"] == -1
    assert g.grads["w"] == 1 and g.grads["b"] == 1
    assert "∂L/∂w = 1" in g.node_text("w")
    # a negative residual: x = 2, label = −1, w = 0.5, b = 0 → u = −2, L = 2, dL/dw = x = 2
    g.set_state(0.5, 0.0, 2.0, -1.0)
    assert g.values["loss"] == 2 and g.grads["w"] == 2 and g.grads["b"] == 1
    assert "value = −2" in g.node_text("sub")


def test_graphview_matches_the_run(qtbot):
    g = show(qtbot, GraphView(), (900, 380))
    p = get_problem("adaline")
    run = trained(p, 60)
    g.set_problem(p)
    assert g.step == 0 and g.values["w"] == 0 and g.values["b"] == 0
    rows = run.trajectory.rows()
    cols = run.trajectory.columns
    for k in (0, 1, 17, 59):
        r = dict(zip(cols, rows[k]))
        g.show_step(k, r["w"], r["b"])
        assert g.step == k and g.sample == g.sample_index(k)
        assert g.values["loss"] == pytest.approx(r["loss"], abs=1e-12)
        assert g.grads["w"] == pytest.approx(r["grad_w"], abs=1e-12)
        assert g.grads["b"] == pytest.approx(r["grad_b"], abs=1e-12)
        X, y = p.data
        assert g.values["x"] == X[g.sample] and g.values["label"] == y[g.sample]
    assert f"step 59: sample #{g.sample}" in g.caption.text()
    # samples follow the problem's seeded epochs: 100 distinct samples in the first epoch
    assert sorted(g.sample_index(k) for k in range(100)) == list(range(100))
    save(g, "graph_step")
    g.set_problem(get_problem("linreg"))  # full batch: sample 0
    assert g.sample_index(5) == 0
    with pytest.raises(ValueError):
        g.set_problem(get_problem("mlp"))


# -- gradient check -------------------------------------------------------------------------
def test_gradcheck_mlp(qtbot):
    w = show(qtbot, GradCheckPanel(), (760, 260))
    assert w.objectName() == "gradCheckPanel"
    from PySide6.QtWidgets import QTableWidget
    table = w.findChild(QTableWidget, "gradCheckTable")
    assert table is w.table
    assert not w.checkButton.isEnabled()
    p = get_problem("mlp", dataset="moons", hidden=32, batch=100, seed=0)
    rows = w.check(p)
    assert table.rowCount() == 4
    assert [w.cell_text(i, 0) for i in range(4)] == ["W1", "b1", "W2", "b2"]
    assert w.cell_text(0, 1) == "2×32"
    for i, r in enumerate(rows):
        assert r.analytic_rel < 1e-5 and r.autodiff_rel < 1e-5
        for j in (2, 3, 4):
            text = w.cell_text(i, j)
            assert text == "0" or "e-" in text, text  # scientific notation
            assert float(text) == pytest.approx(
                (r.analytic_rel, r.autodiff_rel, r.analytic_autodiff_abs)[j - 2], rel=0.06)
    assert "1e-4" in w.whereLabel.text() and "initial weights" in w.whereLabel.text()
    save(w, "gradcheck_mlp")
    # a new h through the spin box and the button
    with qtbot.waitSignal(w.checked):
        w.hSpin.stepBy(-2)
        assert w.hSpin.value() == pytest.approx(1e-6)
        w.checkButton.click()
    assert "1e-6" in w.whereLabel.text()
    # current (trained) parameters
    run = trained(p, 100)
    rows = w.check(p, run.params)
    assert "current parameters" in w.whereLabel.text()
    assert all(r.analytic_rel < 1e-4 for r in rows)


def test_gradcheck_2d_and_regression(qtbot):
    w = show(qtbot, GradCheckPanel(), (760, 260))
    w.check(get_problem("rosenbrock"), h=1e-5)
    assert w.table.rowCount() == 2
    assert [w.cell_text(i, 0) for i in range(2)] == ["x", "y"]
    assert w.cell_text(0, 1) == "scalar"
    w.check(get_problem("linreg"), params=[1.5, 0.5])
    assert w.table.rowCount() == 2 and w.cell_text(1, 0) == "b"
    save(w, "gradcheck_linreg")


def test_dataview_updates_its_points_in_place_and_keeps_them_when_only_the_model_changed(qtbot):
    """Another number of hidden units leaves the 2,000 points as they are; other data goes
    into the same scatter items (a problem change rebuilt them: 20-40 ms in the GUI thread)."""
    v = show(qtbot, DataView())
    v.set_problem(get_problem("mlp", dataset="moons", n=2000, hidden=8, seed=0))
    items = list(v.scatters)
    calls = []
    for item in items:
        real = item.setData
        item.setData = lambda *a, _real=real, **k: (calls.append(1), _real(*a, **k))[1]
    v.set_problem(get_problem("mlp", dataset="moons", n=2000, hidden=9, seed=0))
    assert v.scatters == items and not calls  # the same points: untouched
    p = get_problem("mlp", dataset="moons", n=200, hidden=9, seed=0)
    v.set_problem(p)
    assert v.scatters == items and len(calls) == 2  # new points, same items
    X, y = p.data
    np.testing.assert_array_equal(items[1].data["x"], X[y == 1][:, 0])
    v.set_problem(get_problem("linreg"))  # one group: the other item hidden
    assert v.scatters == items[:1] and not items[1].isVisible()
    assert len(items[0].data) == len(get_problem("linreg").data[0])
    v.set_problem(get_problem("rosenbrock"))  # no data: every item hidden, no legend
    assert not v.scatters and v.legend == [] and not any(i.isVisible() for i in items)


@pytest.mark.parametrize("name", ["linreg", "adaline"])
def test_dataview_after_a_classifier_draws_a_line_not_regions(qtbot, name):
    """The classifier's region grid went with it: after mlp, a line's data view fits its line
    (it said "could not draw the regions: 'LinReg' object has no attribute 'accuracy'")."""
    v = show(qtbot, DataView())
    v.set_problem(get_problem("mlp"))
    p = get_problem(name)
    v.set_problem(p)
    run = trained(p, 10)
    assert v.regions_job(run.params) is None
    v.set_params(run.params)
    np.testing.assert_allclose(v.line.getData()[1], p.predict(run.params, v.line.getData()[0]))
    assert not v.regions.isVisible() and "accuracy" not in v.summary
