"""The Maps dock: each map shows the engine's numbers, computed off the GUI thread, cancellable,
cached per settings, exported as the engine's CSV, and clickable into the panel."""

import dataclasses
import time

import numpy as np
import pytest

from gdlab.engine.analysis import sweeps
from gdlab.ui.jobs import pool
from gdlab.ui.map_jobs import LANE
from gdlab.ui.views.map_plots import UNDEFINED_RGB, basin_rgba, hyper_values


def long_basin_map(window):
    """A basin map that runs for minutes unless stopped (no tolerance: no run ends early)."""
    choose(window, "himmelblau")
    window.panel.tolSpin.setValue(0.0)
    page = window.maps.view.basinsPage
    page.nBox.setValue(400)
    page.stepsBox.setValue(50_000)
    page.compute()
    return page


def choose(window, problem, optimizer=None):
    p = window.panel
    p.problemCombo.setCurrentIndex(p.problemCombo.findData(problem))
    if optimizer is not None:
        p.optimizerCombo.setCurrentIndex(p.optimizerCombo.findData(optimizer))


def compute(qtbot, page):
    page.compute()
    qtbot.waitUntil(lambda: not page.job.running, timeout=20000)
    assert page.result is not None, page.statusLabel.text()
    return page.result


def run_settings(window, page):
    return dataclasses.replace(window.panel.settings(), steps=page.stepsBox.value())


def test_lr_sweep_shows_the_engines_numbers_and_gds_rates(window, qtbot):
    page = window.maps.view.lrPage
    page.nBox.setValue(25)
    page.stepsBox.setValue(40)
    r = compute(qtbot, page)
    want = sweeps.lr_sweep(run_settings(window, page), sweeps.lr_grid(1e-5, 10, 25))
    for name in ("lr", "loss", "steps", "status"):
        np.testing.assert_array_equal(getattr(r, name), getattr(want, name))
    x, y = page.lossCurve.getData()
    np.testing.assert_allclose(x, np.log10(want.lr))  # drawn on the log axis
    shown = ~np.isnan(y)
    np.testing.assert_array_equal(shown, np.isfinite(want.loss))
    # bowl with SGD: 2/(λmin+λmax) = 0.5 and 2/λmax = 1, labelled, the current lr marked
    assert [line.isVisible() for line in page.rateLines] == [True, True]
    np.testing.assert_allclose([10 ** line.value() for line in page.rateLines], [0.5, 1.0])
    assert "0.5" in page.rateLines[0].label.toPlainText()
    assert page.current[0].isVisible()
    assert 10 ** page.current[0].value() == pytest.approx(window.panel.lrSpin.value())
    assert page.regions, "the diverged rates (lr > 1) are shaded"
    choose(window, "bowl", "momentum")  # not gradient descent: its rates are not drawn
    compute(qtbot, page)
    assert [line.isVisible() for line in page.rateLines] == [False, False]


def test_basins_show_the_engines_map_and_lie_over_the_main_map(window, qtbot):
    choose(window, "himmelblau")
    page = window.maps.view.basinsPage
    page.nBox.setValue(16)
    page.stepsBox.setValue(300)
    b = compute(qtbot, page)
    want = sweeps.basins(run_settings(window, page), 16, (-5, 5, -5, 5))
    np.testing.assert_array_equal(b.minimum, want.minimum)
    np.testing.assert_array_equal(b.steps, want.steps)
    assert (b.shares()[:4] > 0).all() and b.known == 4  # four basins
    np.testing.assert_array_equal(page.image.image, basin_rgba(want))
    overlay = window.pathPlot.overlay
    assert overlay.isVisible()
    np.testing.assert_array_equal(overlay.image, basin_rgba(want))
    page.opacitySlider.setValue(30)
    assert overlay.opacity() == pytest.approx(0.3)
    assert page.legend.text().count("■") >= 4
    page.overlayCheck.setChecked(False)
    assert not overlay.isVisible()


def test_a_formulas_basin_map_uses_its_minima_and_shows_undefined_runs(window, qtbot):
    window.formulas.bar.set_text("x - log(x) + (y - 1)^2")
    qtbot.waitUntil(lambda: window.panel.problemCombo.currentData() == "formula", timeout=5000)
    page = window.maps.view.basinsPage
    page.nBox.setValue(12)
    page.stepsBox.setValue(300)
    b = compute(qtbot, page)
    assert b.known == 1 and (b.minimum == sweeps.UNDEFINED).any()
    rgba = page.image.image
    np.testing.assert_array_equal(rgba[b.minimum == sweeps.UNDEFINED][:, :3],
                                  np.broadcast_to(UNDEFINED_RGB, ((b.minimum == -2).sum(), 3)))
    assert "undefined" in page.legend.text() and "no&nbsp;minimum" not in page.legend.text()
    assert "300 steps of SGD: 1 minimum found for the formula (★)" in page.summary(b)


def test_hyper_map_shows_the_engines_numbers(window, qtbot):
    choose(window, "rosenbrock", "adam")
    page = window.maps.view.hyperPage
    assert (page.xCombo.currentData(), page.yCombo.currentData()) == ("lr", "beta1")
    assert (page.xCombo.currentText(), page.yCombo.currentText()) == ("Learning rate", "Beta 1")
    page.nBox.setValue(6)
    page.stepsBox.setValue(60)
    m = compute(qtbot, page)
    s = run_settings(window, page)
    want = sweeps.hyper_map(s, "lr", "beta1", (page.xFrom.value(), page.xTo.value()),
                            (page.yFrom.value(), page.yTo.value()), 6)
    np.testing.assert_array_equal(m.loss, want.loss)
    np.testing.assert_array_equal(m.steps, want.steps)
    np.testing.assert_array_equal(page.image.image, hyper_values(want, "loss")[0])
    page.whatCombo.setCurrentIndex(page.whatCombo.findData("steps"))
    np.testing.assert_array_equal(page.image.image, hyper_values(want, "steps")[0])
    label = page.colorbar.getAxis("right").labelText
    assert ("none reached it" in label) == bool((want.steps_to_tol < 0).all())
    x, y = page.mark.xData, page.mark.yData  # the current setting (before the log axis)
    assert (x[0], y[0]) == (s.hyper["lr"], s.hyper["beta1"])


def test_a_click_applies_the_cells_settings(window, qtbot):
    lr = window.maps.view.lrPage
    lr.nBox.setValue(9)
    lr.stepsBox.setValue(20)
    r = compute(qtbot, lr)
    lr.lossPlot.clicked.emit(np.log10(r.lr[3]) + 0.01, 0.0)
    assert window.panel.lrSpin.value() == pytest.approx(r.lr[3], rel=1e-12)  # 15 decimals

    choose(window, "himmelblau")
    basins = window.maps.view.basinsPage
    basins.nBox.setValue(5)
    basins.stepsBox.setValue(20)
    b = compute(qtbot, basins)
    basins.plot.clicked.emit(b.xs[1] + 0.1, b.ys[4] - 0.1)
    assert window.panel.settings().start == pytest.approx((b.xs[1], b.ys[4]), rel=1e-12)

    choose(window, "rosenbrock", "momentum")
    hyper = window.maps.view.hyperPage
    hyper.nBox.setValue(4)
    hyper.stepsBox.setValue(20)
    m = compute(qtbot, hyper)
    assert m.x_log and not m.y_log
    hyper.plot.clicked.emit(np.log10(m.xs[2]), m.ys[1])
    s = window.panel.settings()
    assert (s.hyper["lr"], s.hyper["momentum"]) == pytest.approx((m.xs[2], m.ys[1]), rel=1e-12)


def test_a_mouse_click_on_a_basin_cell_starts_there(window, qtbot):
    from PySide6.QtCore import QPointF, Qt

    choose(window, "himmelblau")
    window.maps.action.trigger()  # the dock shown: the plot has a size to click in
    page = window.maps.view.basinsPage
    window.maps.view.setCurrentWidget(page)
    page.nBox.setValue(5)
    page.stepsBox.setValue(20)
    b = compute(qtbot, page)
    qtbot.wait(50)
    vb = page.plot.getPlotItem().getViewBox()
    at = page.plot.mapFromScene(vb.mapViewToScene(QPointF(b.xs[3], b.ys[1])))
    qtbot.mouseClick(page.plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.panel.settings().start == pytest.approx((b.xs[3], b.ys[1]), rel=1e-12)


def test_a_map_goes_stale_and_cached_settings_show_at_once(window, qtbot):
    page = window.maps.view.lrPage
    page.nBox.setValue(10)
    page.stepsBox.setValue(20)
    first = compute(qtbot, page)
    window.panel.lrSpin.setValue(0.2)  # the swept setting: only the marker moves
    assert not page.stale
    window.panel.tolSpin.setValue(1e-3)
    assert page.stale and page._fade.opacity() < 1 and "Stale" in page.statusLabel.text()
    assert page.result is first  # said, never recomputed on a change
    assert not page.job.running
    window.panel.tolSpin.setValue(1e-6)  # back: the cached map, at once
    assert not page.stale and page.result is first
    page.compute()
    assert not page.job.running and page.result is first


def test_cancel_stops_the_thread_and_changes_nothing(window, qtbot, tmp_path):
    page = long_basin_map(window)
    qtbot.waitUntil(lambda: page.progressBar.value() > 0, timeout=10000)
    t0 = time.perf_counter()
    page.cancelButton.click()
    qtbot.waitUntil(lambda: not page.job.running, timeout=5000)
    waited = time.perf_counter() - t0
    assert pool(LANE).waitForDone(1000) and pool(LANE).activeThreadCount() == 0
    assert page.result is None and not page._cache and "Cancelled" in page.statusLabel.text()
    assert page.computeButton.isEnabled() and not page.exportButton.isEnabled()
    assert not getattr(window.pathPlot, "overlay", None)
    assert list(tmp_path.iterdir()) == [], "a cancelled map writes nothing"
    print(f"cancel → stopped: {waited * 1000:.0f} ms")


def test_closing_mid_map_leaves_no_thread_running(qtbot):
    from gdlab.ui import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    page = long_basin_map(w)
    qtbot.waitUntil(lambda: page.progressBar.value() > 0, timeout=10000)
    w.close()
    assert not w._thread.isRunning()
    assert pool(LANE).waitForDone(1000) and pool(LANE).activeThreadCount() == 0


def test_csv_export_writes_the_engines_csv(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    page = window.maps.view.lrPage
    page.nBox.setValue(7)
    page.stepsBox.setValue(15)
    r = compute(qtbot, page)
    want = sweeps.write_map_csv(tmp_path / "engine.csv", sweeps.lr_sweep(
        run_settings(window, page), sweeps.lr_grid(1e-5, 10, 7)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "view"), "CSV files (*.csv)"))
    page.exportButton.click()
    assert (tmp_path / "view.csv").read_text() == want.read_text()
    assert r.columns == ("lr", "loss", "steps", "status")
    # an unwritable place: a message, nothing left behind
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no" / "such" / "x.csv"), ""))
    page.exportButton.click()
    assert said and "Could not write" in said[0]
    assert not (tmp_path / "no").exists()


def test_a_model_gets_a_message_not_a_map(window, qtbot):
    choose(window, "linreg")
    page = window.maps.view.basinsPage
    page.compute()
    assert not page.job.running and page.result is None
    assert "2-D functions" in page.statusLabel.text()


def test_a_map_of_lbfgs_says_why_it_cannot_be_drawn(window, qtbot):
    choose(window, "rosenbrock", "lbfgs")
    page = window.maps.view.lrPage
    page.nBox.setValue(5)
    page.stepsBox.setValue(10)
    page.compute()
    qtbot.waitUntil(lambda: page.job is None or not page.job.running, timeout=20000)
    assert page.result is None
    assert "L-BFGS steps one run at a time" in page.statusLabel.text()
