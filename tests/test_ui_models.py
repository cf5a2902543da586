"""The models in the window: the path plot adapts, the data/graph/gradient-check views update."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from gdlab.engine.files.export import read_csv  # noqa: E402


def open_problem(w, qtbot, name):
    p = w.panel
    p.problemCombo.setCurrentIndex(p.problemCombo.findData(name))
    p.speedCombo.setCurrentIndex(p.speedCombo.findData(0))
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == name and w.status == "ready"
                    and not w.jobs.pending("surface"), timeout=5000)


def run_to_end(w, qtbot, timeout=20000):
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status not in ("running", "ready") and not w._dirty, timeout=timeout)


def test_linreg_w_reproduces_the_seeds_in_the_window(window, qtbot, tmp_path):
    w = window
    open_problem(w, qtbot, "linreg-w")
    assert w.pathPlot.surface.kind == "curve"
    assert w.panel.stepsSpin.value() == 20 and w.panel.lrSpin.value() == 0.01
    assert not w.panel.startYSpin.isVisible()
    run_to_end(w, qtbot)
    rows = w.history.data
    assert rows[1, 0] == pytest.approx(0.3, abs=1e-12)  # epoch 1: w = 0.300
    assert rows[0, 1] == pytest.approx(30.0)  # the loss before it
    assert rows[2, 0] == pytest.approx(0.555, abs=1e-12)  # the worked step
    assert 5 * rows[-1, 0] == pytest.approx(9.612, abs=5e-4)  # f(5) after training
    assert "MSE" in w.modelViews.dataView.summary
    np.testing.assert_allclose(w.modelViews.dataView.line_y[-1] / w.modelViews.dataView._line_x[-1],
                               rows[-1, 0], rtol=1e-9)
    out = w.exporter.export_csv(tmp_path / "w.csv")
    columns, back = read_csv(out)
    assert columns[:2] == ("w", "loss")
    np.testing.assert_array_equal(back, rows)


def test_two_parameter_models_draw_a_contour_over_w_b(window, qtbot):
    w = window
    open_problem(w, qtbot, "linreg")
    surf = w.pathPlot.surface
    assert surf.kind == "contour" and surf.labels == ("w", "b")
    run_to_end(w, qtbot)
    assert w.pathPlot.path.getData()[0][-1] == pytest.approx(w.history.data[-1, 0])


def test_adaline_graph_view_follows_the_run(window, qtbot):
    w = window
    open_problem(w, qtbot, "adaline")
    mv = w.modelViews
    assert mv.isTabVisible(mv.graphIndex)
    mv.setCurrentIndex(mv.graphIndex)
    assert w.panel.gradientCombo.currentData() == "autodiff"
    run_to_end(w, qtbot, timeout=30000)
    qtbot.waitUntil(lambda: mv.graphView.step > 0, timeout=5000)
    last = w.history.data[-1]
    rows = w.history.data
    w_avg = rows[-100:, 0].mean()
    b_avg = rows[-100:, 1].mean()
    assert abs(w_avg - 2) < 0.05 and abs(b_avg - 1) < 0.05
    mv.show_params([last[0], last[1]], w.k, force=True)
    assert mv.graphView.step == w.k
    assert f"{mv.graphView.values['w']:.6g}" == f"{last[0]:.6g}"


def test_mlp_projects_its_path_and_shows_decision_regions(window, qtbot, tmp_path):
    w = window
    open_problem(w, qtbot, "mlp")
    assert w.pathPlot.surface is None and w.pathPane.projectButton.isVisible()
    assert not w.panel.startRow.isVisible()
    run_to_end(w, qtbot, timeout=60000)
    qtbot.waitUntil(lambda: w.pathPlot.surface is not None, timeout=5000)
    surf = w.pathPlot.surface
    assert surf is not None and surf.path is not None and len(surf.path) >= 100
    np.testing.assert_allclose(surf.path[-1], (0.0, 0.0), atol=1e-9)  # centred on the end
    qtbot.waitUntil(lambda: "accuracy" in w.modelViews.dataView.summary, timeout=5000)
    assert w.modelViews.dataView.probs.shape[-1] == 2
    acc = float(w.modelViews.dataView.summary.split("accuracy")[1].split("%")[0])
    assert acc >= 97.0
    columns, rows = read_csv(w.exporter.export_csv(tmp_path / "mlp.csv"))
    assert columns == ("loss", "grad_norm", "lr", "accuracy") and len(rows) == w.k + 1


def test_gradient_check_tab_and_model_options(window, qtbot):
    w = window
    open_problem(w, qtbot, "mlp")
    mv = w.modelViews
    mv.setCurrentIndex(mv.checkIndex)
    qtbot.waitUntil(lambda: mv.gradCheck.table.rowCount() == 4, timeout=5000)
    assert [mv.gradCheck.cell_text(r, 0) for r in range(4)] == ["W1", "b1", "W2", "b2"]
    assert all(r.analytic_rel < 1e-5 and r.autodiff_rel < 1e-5 for r in mv.gradCheck.rows)
    w.panel.modelBox.widgets["dataset"].setCurrentIndex(
        w.panel.modelBox.widgets["dataset"].findData("spiral"))
    qtbot.waitUntil(lambda: w.run_settings.get("problem_options", {}).get("dataset") == "spiral",
                    timeout=5000)
    assert mv.currentIndex() == mv.checkIndex  # an option change keeps the open tab
    mv.setCurrentIndex(mv.dataIndex)  # the data tab draws the new data set when shown
    assert w.modelViews.dataView.problem.options["dataset"] == "spiral"


def test_back_to_a_2d_function(window, qtbot):
    w = window
    open_problem(w, qtbot, "mlp")
    open_problem(w, qtbot, "himmelblau")
    assert w.pathPlot.surface.kind == "contour" and w.pathPlot.surface.labels == ("x", "y")
    assert not w.panel.modelBox.isVisible() and w.panel.startYSpin.isVisible()
    mv = w.modelViews
    assert not mv.isTabVisible(mv.dataIndex) and not mv.isTabVisible(mv.graphIndex)
    assert mv.currentIndex() == mv.inspectorIndex
    assert w.panel.gradientCombo.findData("autodiff") >= 0


def test_the_data_set_list_and_the_problems_note_name_a_data_set_alike(window, qtbot):
    """One table of names (the engine's): the list and the sentence above the map agree."""
    w = window
    open_problem(w, qtbot, "mlp")
    combo = w.panel.modelBox.widgets["dataset"]
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        qtbot.waitUntil(lambda i=i: w.run_settings.get("problem_options", {}).get("dataset")
                        == combo.itemData(i), timeout=5000)
        qtbot.waitUntil(lambda i=i: combo.itemText(i) in w.pathPane.noteLabel.text(),
                        timeout=5000)
