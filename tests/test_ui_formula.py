"""Typed formulas in the window: the formula bar above the map, live while valid, its error
shown with the bad column while the last valid map stays; runs, exports, minima, undefined
regions and the gradient field."""

import json

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import Qt  # noqa: E402

from gdlab.cli import main as cli_main  # noqa: E402
from gdlab.engine.files.export import sidecar_path  # noqa: E402
from gdlab.ui.views.formula_bar import DEBOUNCE_MS, RECENT_KEY, FormulaBar, marked  # noqa: E402
from gdlab.ui.window_state import settings_store  # noqa: E402


def type_formula(w, qtbot, text):
    """Type ``text`` into the formula field as keystrokes (the debounce decides when)."""
    edit = w.formulas.bar.formulaEdit
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def settle(w, qtbot, source):
    qtbot.waitUntil(lambda: w.panel.problemCombo.currentData() == "formula"
                    and w.panel.problem.source == source
                    and w.session.lane.settings.formula == source and w.status == "ready",
                    timeout=5000)
    w.settle()  # its views too (they are made on the turn after the change)


def test_typing_a_formula_updates_title_derivatives_and_map(window, qtbot):
    w = window
    surface_before = w.pathPlot.surface
    type_formula(w, qtbot, "x^2 + 3y^2")
    # debounced: nothing happens while typing goes on
    assert w.panel.problemCombo.currentData() != "formula"
    qtbot.wait(DEBOUNCE_MS // 2)
    settle(w, qtbot, "x^2 + 3y^2")
    pane = w.pathPane
    assert pane.formulaLabel.text() == "f(x, y) = x² + 3y²"
    assert pane.noteLabel.text() == "∂f/∂x = 2x      ∂f/∂y = 6y"
    assert w.pathPlot.surface is not surface_before
    qtbot.waitUntil(lambda: w.pathPlot.drawn is not None
                    and w.pathPlot.drawn.surface.box == w.pathPlot.surface.box
                    and not w.pathPlot.jobs.pending("map"), timeout=5000)
    drawn = w.pathPlot.drawn.surface  # the values: computed with the map, off the GUI thread
    Z, xs, ys = drawn.Z, drawn.xs, drawn.ys
    np.testing.assert_allclose(Z, xs[None, :] ** 2 + 3 * ys[:, None] ** 2, rtol=1e-12)
    type_formula(w, qtbot, "sin(x)y")
    settle(w, qtbot, "sin(x)y")
    assert pane.noteLabel.text() == "∂f/∂x = y·cos(x)      ∂f/∂y = sin(x)"


def test_an_invalid_formula_shows_the_column_and_keeps_the_map(window, qtbot):
    w = window
    type_formula(w, qtbot, "(x - 1)^2 + y^2")
    settle(w, qtbot, "(x - 1)^2 + y^2")
    surface, title = w.pathPlot.surface, w.pathPane.formulaLabel.text()
    bar = w.formulas.bar
    type_formula(w, qtbot, "(x - 1)^2 + z^2")
    qtbot.waitUntil(lambda: bar.errorLabel.isVisible(), timeout=3000)
    text = bar.errorLabel.text()
    assert "Column 13: unknown name 'z'" in text and "the variables are x and y" in text
    assert marked("(x - 1)^2 + z^2", 13) in text  # the bad column underlined
    qtbot.wait(3 * DEBOUNCE_MS)
    assert w.pathPlot.surface is surface and w.pathPane.formulaLabel.text() == title
    assert w.session.lane.settings.formula == "(x - 1)^2 + y^2"
    type_formula(w, qtbot, "x y")
    qtbot.waitUntil(lambda: "did you mean <b>x*y</b>?" in bar.errorLabel.text(), timeout=3000)
    type_formula(w, qtbot, "(x - 2)^2 + y^2")
    settle(w, qtbot, "(x - 2)^2 + y^2")
    assert not bar.errorLabel.isVisible()


def test_run_and_export_a_formula_as_the_cli_does(window, qtbot, tmp_path):
    w = window
    type_formula(w, qtbot, "x^2 + y^2")
    settle(w, qtbot, "x^2 + y^2")
    p = w.panel
    p.startXSpin.setValue(-3.0)
    p.startYSpin.setValue(4.0)
    p.lrSpin.setValue(0.1)
    p.stepsSpin.setValue(20)
    p.tolSpin.setValue(0.0)
    p.speedCombo.setCurrentIndex(p.speedCombo.findData(0))
    qtbot.waitUntil(lambda: w.run_settings.get("start") == [-3.0, 4.0]
                    and w.run_settings.get("hyper", {}).get("lr") == 0.1, timeout=5000)
    qtbot.mouseClick(w.controls.runButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "finished" in w.statusLabel.text(), timeout=10000)
    np.testing.assert_allclose(w.history.data[-1, :2], (-0.03458765, 0.04611686), atol=5e-9)
    ui_csv = w.exporter.export_csv(tmp_path / "ui.csv")
    assert json.loads(sidecar_path(ui_csv).read_text())["settings"]["formula"] == "x^2 + y^2"
    assert cli_main(["run", "--formula", "x^2 + y^2", "--lr", "0.1", "--steps", "20",
                     "--start=-3,4", "--tol", "0", "--csv", str(tmp_path / "cli.csv"),
                     "--quiet"]) == 0
    assert ui_csv.read_text() == (tmp_path / "cli.csv").read_text()


def test_minima_are_marked_with_their_values(window, qtbot):
    w = window
    type_formula(w, qtbot, "(x^2 - 1)^2 + y^2")
    settle(w, qtbot, "(x^2 - 1)^2 + y^2")
    qtbot.waitUntil(lambda: w.formulas.minima is not None, timeout=20000)
    xs, ys = w.pathPlot.minima.getData()
    assert sorted(np.round(xs, 6)) == [-1, 1] and np.allclose(ys, 0, atol=1e-9)
    assert [lab.toPlainText() for lab in w.formulas._labels] == ["f = 0", "f = 0"]
    assert w.formulas.minimaLabel.text() == "2 minima: (-1, 0) f = 0  ·  (1, 0) f = 0"
    assert "minimum (-1, 0)  f = 0  (50% of the starts)" in w.formulas.minimaLabel.toolTip()
    type_formula(w, qtbot, "x^2 - y^2")
    settle(w, qtbot, "x^2 - y^2")
    qtbot.waitUntil(lambda: w.formulas.minima is not None, timeout=20000)
    assert len(w.pathPlot.minima.getData()[0]) == 0
    assert "unbounded below" in w.formulas.minimaLabel.text()


def test_undefined_region_is_hatched_and_the_run_stops_as_undefined(window, qtbot):
    w = window
    type_formula(w, qtbot, "log(x) + y^2")
    settle(w, qtbot, "log(x) + y^2")
    surf = w.pathPlot.full_surface()  # its values, at once (else computed with the map)
    assert surf.undefined is not None
    assert surf.undefined[:, surf.xs <= 0].all() and not surf.undefined[:, surf.xs > 0].any()
    qtbot.waitUntil(lambda: w.pathPlot.undefined.isVisible(), timeout=5000)  # the map's thread
    p = w.panel
    p.startXSpin.setValue(0.5)
    p.startYSpin.setValue(1.0)
    p.lrSpin.setValue(0.6)
    p.speedCombo.setCurrentIndex(p.speedCombo.findData(0))
    qtbot.waitUntil(lambda: w.run_settings.get("start") == [0.5, 1.0] and w.status == "ready",
                    timeout=5000)
    qtbot.mouseClick(w.controls.runButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.status == "undefined", timeout=10000)
    qtbot.waitUntil(lambda: "undefined at step 1: log of a non-positive number"
                    in w.statusLabel.text(), timeout=3000)
    qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=3000)
    assert "log of a non-positive number" in w.banner.text()
    type_formula(w, qtbot, "x^2 + y^2")
    settle(w, qtbot, "x^2 + y^2")
    assert not w.pathPlot.undefined.isVisible()


def test_gradient_field_for_a_catalogue_objective_and_a_formula(window, qtbot):
    w = window
    action = w.formulas.fieldAction
    assert action in w.controls.viewMenu.actions()
    field = w.formulas.field
    assert not field.item.isVisible()
    action.setChecked(True)
    assert field.item.isVisible()
    x, y = field.item.getData()
    assert len(x) > 100  # the bowl: arrows everywhere but at the centre
    shaft = np.array([[x[0], y[0]], [x[1], y[1]]])
    mid = shaft.mean(axis=0)
    assert np.dot(shaft[1] - shaft[0], -mid) > 0  # −∇f of the bowl points to the origin
    type_formula(w, qtbot, "-(x - 1)^2 - y^2")
    settle(w, qtbot, "-(x - 1)^2 - y^2")
    qtbot.waitUntil(lambda: field.objective is w.panel.problem, timeout=3000)
    x, y = field.item.getData()
    assert np.dot([x[1] - x[0], y[1] - y[0]], [(x[0] + x[1]) / 2 - 1, (y[0] + y[1]) / 2]) > 0
    action.setChecked(False)
    assert not field.item.isVisible()


def test_the_view_box_is_editable(window, qtbot):
    w = window
    type_formula(w, qtbot, "x^2 + y^2")
    settle(w, qtbot, "x^2 + y^2")
    bar = w.formulas.bar
    bar.boxes[1].setValue(2.0)  # x from -5 to 2
    qtbot.waitUntil(lambda: w.panel.problem.box == (-5.0, 2.0, -5.0, 5.0), timeout=3000)
    qtbot.waitUntil(lambda: w.pathPlot.surface.box == (-5.0, 2.0, -5.0, 5.0), timeout=3000)
    bar.boxes[0].setValue(3.0)  # from > to: refused, said, nothing changes
    assert bar.boxError.isVisible() and w.panel.problem.box == (-5.0, 2.0, -5.0, 5.0)


def test_the_graph_tab_shows_the_formulas_graph_at_the_current_point(window, qtbot):
    w = window
    type_formula(w, qtbot, "x*exp(y) + log(x)")
    settle(w, qtbot, "x*exp(y) + log(x)")
    tabs = w.modelViews
    assert tabs.isTabVisible(tabs.treeIndex) and not tabs.isTabVisible(tabs.graphIndex)
    assert tabs.isTabVisible(tabs.checkIndex)
    p = w.panel
    p.startXSpin.setValue(2.0)
    p.startYSpin.setValue(0.5)
    qtbot.waitUntil(lambda: w.run_settings.get("start") == [2.0, 0.5], timeout=5000)
    tabs.setCurrentIndex(tabs.treeIndex)
    graph = tabs.formulaGraph
    qtbot.waitUntil(lambda: len(graph.nodes) == 6, timeout=3000)
    assert graph.node_text(5).startswith("+\n3.9906")
    x_node = graph.nodes[0]
    assert (x_node.label, x_node.value) == ("x", 2.0)
    assert x_node.grad == pytest.approx(w.panel.problem.grad(2.0, 0.5)[0])
    w.step_once()
    qtbot.waitUntil(lambda: w.k == 1 and graph.nodes[0].value != 2.0, timeout=5000)
    assert graph.nodes[0].value == pytest.approx(w.history.data[-1, 0])
    type_formula(w, qtbot, "x + y")  # the next formula's graph, not the last one's
    settle(w, qtbot, "x + y")
    qtbot.waitUntil(lambda: [n.label for n in graph.nodes] == ["x", "y", "+"], timeout=3000)


def test_the_gradient_check_tab_checks_a_formula(window, qtbot):
    w = window
    type_formula(w, qtbot, "sin(x)*y^2 + exp(x/3)")
    settle(w, qtbot, "sin(x)*y^2 + exp(x/3)")
    mv = w.modelViews
    mv.setCurrentIndex(mv.checkIndex)
    qtbot.waitUntil(lambda: mv.gradCheck.table.rowCount() == 2, timeout=5000)
    assert [mv.gradCheck.cell_text(r, 0) for r in range(2)] == ["x", "y"]
    assert all(r.analytic_rel < 1e-6 and r.autodiff_rel < 1e-6 for r in mv.gradCheck.rows)


def test_examples_and_recent_formulas_in_the_drop_down(window, qtbot):
    w = window
    bar = w.formulas.bar
    type_formula(w, qtbot, "x^4 + y^2")
    settle(w, qtbot, "x^4 + y^2")
    bar.examplesMenu.aboutToShow.emit()
    texts = [a.text() for a in bar.examplesMenu.actions() if not a.isSeparator()]
    assert "Saddle:  x^2 - y^2" in texts and texts[-1] == "x^4 + y^2"  # the recent one
    saddle = next(a for a in bar.examplesMenu.actions() if a.text() == "Saddle:  x^2 - y^2")
    saddle.trigger()
    settle(w, qtbot, "x^2 - y^2")
    assert bar.formulaEdit.text() == "x^2 - y^2" and bar.recent[:2] == ["x^2 - y^2", "x^4 + y^2"]


def test_recent_formulas_are_kept_between_sessions(window, qtbot):
    w = window
    for text in ("x^4 + y^2", "(x - 1)^2 + y^2"):
        type_formula(w, qtbot, text)
        settle(w, qtbot, text)
    later = FormulaBar()  # the next session's bar, from the same (throw-away) store
    assert later.recent[:2] == ["(x - 1)^2 + y^2", "x^4 + y^2"]
    later.deleteLater()


@pytest.mark.parametrize("kept, recent", [
    ("not json", []), (json.dumps({"a": 1}), []),
    (json.dumps(["x^2", 3, "x y", "__import__('os')", "x" * 600, "x^2", "y^2"]), ["x^2", "y^2"]),
])
def test_a_damaged_recent_list_loses_only_what_is_not_a_formula(qapp, kept, recent):
    settings_store().setValue(RECENT_KEY, kept)
    bar = FormulaBar()
    assert bar.recent == recent
    bar.deleteLater()


def test_the_view_box_row_is_a_formulas_only(window, qtbot):
    w = window
    bar = w.formulas.bar
    assert w.panel.problemCombo.currentData() != "formula" and not bar.boxRow.isVisible()
    type_formula(w, qtbot, "x^2 + y^2")
    settle(w, qtbot, "x^2 + y^2")
    assert bar.boxRow.isVisible() and w.formulas.minimaLabel.isVisible()
    w.panel.problemCombo.setCurrentIndex(w.panel.problemCombo.findData("rosenbrock"))
    assert not bar.boxRow.isVisible() and not w.formulas.minimaLabel.isVisible()
    w.panel.problemCombo.setCurrentIndex(w.panel.problemCombo.findData("formula"))
    assert w.panel.problem.source == "x^2 + y^2" and bar.boxRow.isVisible()


def test_gradient_field_stays_within_the_box(window, qtbot):
    w = window
    w.panel.problemCombo.setCurrentIndex(w.panel.problemCombo.findData("rosenbrock"))
    w.formulas.fieldAction.setChecked(True)
    x, y = w.formulas.field.item.getData()
    x0, x1, y0, y1 = w.pathPlot.surface.box
    (vx0, vx1), (vy0, vy1) = w.pathPlot.getPlotItem().getViewBox().viewRange()
    assert (vx0, vx1, vy0, vy1) != (x0, x1, y0, y1)  # the view is padded beyond the box
    ok = np.isfinite(x)
    assert len(x[ok]) and x[ok].min() >= x0 - 0.1 and x[ok].max() <= x1 + 0.1
    assert y[ok].min() >= y0 - 0.1 and y[ok].max() <= y1 + 0.1


@pytest.mark.parametrize("model", ["mlp", "adaline", "linreg"])
def test_a_models_map_has_no_formula_bar_and_a_function_has_it_again(window, qtbot, model):
    """A model's map is not an f(x, y): no 'f(x, y) = …' to type over it."""
    w = window
    bar, combo = w.formulas.bar, w.panel.problemCombo
    w.show()
    assert bar.isVisible()
    combo.setCurrentIndex(combo.findData(model))
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == model, timeout=5000)
    assert not bar.isVisible()
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    qtbot.waitUntil(lambda: w.run_settings.get("problem") == "rosenbrock", timeout=5000)
    assert bar.isVisible()
