"""Gradient noise in the panel, the noisy-sample-paths preset and auto-tune (pytest-qt)."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.analysis.tune import auto_tune  # noqa: E402
from gdlab.engine.run.recipe import build_run  # noqa: E402
from ui_helpers import choose, redraw_now  # noqa: E402


def headless_rows(settings):
    """The rows of ``gdlab run`` for ``settings``: its Run advanced to the end, headless."""
    run = build_run(settings)
    run.advance()
    return run.trajectory.rows(0, len(run.trajectory))


def test_the_panels_gradient_noise_reaches_the_run(window, qtbot):
    w, p = window, window.panel
    choose(p.problemCombo, "bowl")
    choose(p.speedCombo, 0)
    p.stepsSpin.setValue(50)
    p.tolSpin.setValue(0.0)
    p.noiseSpin.setValue(0.3)
    p.seedSpin.setValue(7)
    s = p.settings()
    assert (s.grad_noise, s.noise_seed) == (0.3, 7)
    qtbot.waitUntil(lambda: w.run_settings.get("grad_noise") == 0.3 and w.k == 0, timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.status == "finished", timeout=10000)
    assert np.array_equal(w.history.data, headless_rows(s))
    p.noiseSpin.setValue(0.0)  # a change restarts the run, now without noise
    qtbot.waitUntil(lambda: w.run_settings.get("grad_noise") == 0.0 and w.k == 0, timeout=5000)


def test_noisy_sample_paths_draw_the_lanes_loss_band(window, qtbot):
    from gdlab.engine.run.race import loss_band
    w, p = window, window.panel
    choose(p.problemCombo, "rosenbrock")
    choose(p.speedCombo, 0)
    p.stepsSpin.setValue(200)
    p.tolSpin.setValue(0.0)
    assert p.noiseSpin.value() == 0.0
    w.raceView.presetRequested.emit("noisy")
    lanes = w.session.lanes
    assert len(lanes) == 8 and p.noiseSpin.value() == 0.5  # a visible default, said so
    assert "σ set to 0.5" in w.statusBar().currentMessage()
    assert len({lane.settings.noise_seed for lane in lanes}) == 8
    w.toggle_run()
    qtbot.waitUntil(lambda: w.session.status == "finished", timeout=20000)
    redraw_now(w, qtbot)
    qtbot.waitUntil(lambda: w.lossPlot.band is not None and len(w.lossPlot.band.step) == 201,
                    timeout=5000)
    runs = []
    for lane in w.session.lanes:
        run = build_run(lane.settings)
        run.advance()
        assert np.array_equal(lane.history.data, run.trajectory.rows(0, len(run.trajectory)))
        runs.append(run)
    want, got = loss_band(runs), w.lossPlot.band
    for name in ("step", "mean", "lo", "hi", "count"):
        assert np.array_equal(getattr(got, name), getattr(want, name), equal_nan=True), name
    assert np.array_equal(w.lossPlot.bandMean.getData()[1], want.mean)
    assert w.lossPlot.bandFill.isVisible()
    assert not any(item.isVisible() for item in w.lossPlot._lanes)
    choose(p.optimizerCombo, "adam")  # lane 1 differs now: no longer sample paths, no band
    qtbot.waitUntil(lambda: w.run_settings.get("optimizer") == "adam", timeout=5000)
    w.toggle_run()
    qtbot.waitUntil(lambda: w.session.status == "finished", timeout=20000)
    redraw_now(w, qtbot)
    assert w.lossPlot.band is None and w.lossPlot._lanes[0].isVisible()


def test_auto_tune_sets_the_lanes_learning_rate(window, qtbot):
    w, p = window, window.panel
    choose(p.problemCombo, "bowl")
    choose(p.optimizerCombo, "sgd")
    p.lrSpin.setValue(0.01)
    assert w.session.lane.settings.hyper["lr"] == 0.01
    assert len(w.session.lanes) == 1
    # the engine's choice: 60 log-spaced rates and the curvature's 1/λmax = 0.5 (3 digits)
    want = auto_tune(w.session.lane.settings)
    assert want.lr == 0.5 and want.status == "converged"
    button = w.raceView.autoTuneButton
    button.click()
    assert not button.isEnabled()  # computed off the GUI thread: the window goes on
    qtbot.waitUntil(button.isEnabled, timeout=30000)
    assert w.session.lane.settings == want.settings
    assert p.lrSpin.value() == want.lr and p.settings() == want.settings  # shown exactly
    assert w.raceView.table.item(0, 2).text() == f"{want.lr:.3g}"
    assert f"SGD {want.lr:.3g}" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.run_settings.get("hyper", {}).get("lr") == want.lr, timeout=5000)


def test_auto_tune_on_the_all_optimizers_preset_keeps_only_the_one_run_methods(window, qtbot):
    """The preset races L-BFGS too: auto-tune tunes every other lane and says which it kept
    (it refused the whole race before)."""
    from gdlab.engine.analysis.tune import auto_tune_lanes, kept_as_is

    w, p = window, window.panel
    choose(p.problemCombo, "ellipse")
    p.stepsSpin.setValue(300)
    w.race.apply_preset("optimizers")
    before = [lane.settings for lane in w.session.lanes]
    kept = [i for i, s in enumerate(before) if kept_as_is(s)]
    assert kept and len(kept) < len(before)
    want = auto_tune_lanes(before)
    button = w.raceView.autoTuneButton
    button.click()
    qtbot.waitUntil(button.isEnabled, timeout=60000)
    got = [lane.settings for lane in w.session.lanes]
    for i, (s, t) in enumerate(zip(before, want)):
        assert got[i] == (s if i in kept else t.settings), i
    message = w.statusBar().currentMessage()
    assert "kept as they are: " in message and "L-BFGS" in message.split("kept")[1]


def test_the_band_follows_the_log_scale(qtbot):
    from gdlab.engine.run.race import band_of
    from gdlab.ui.views.plots import LossPlot
    plot = LossPlot()
    qtbot.addWidget(plot)
    losses = [25 * 0.8 ** np.arange(50) * (1 + 0.1 * i) for i in range(4)]
    plot.set_band(band_of(losses))
    plot.set_log(True)  # after the band is drawn: the fill must not stay in linear units
    top = plot.bandFill.path().boundingRect().bottom()  # y grows upwards in the plot's units
    assert top == pytest.approx(np.log10(25 * 1.3))


def test_closing_mid_auto_tune_leaves_no_thread_running(qtbot):
    from gdlab.ui import MainWindow
    from gdlab.ui.jobs import pool
    from gdlab.ui.map_jobs import LANE

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    choose(w.panel.problemCombo, "rosenbrock")
    w.panel.stepsSpin.setValue(100_000)  # a long sweep per lane
    w.raceView.autoTuneButton.click()
    qtbot.waitUntil(lambda: "%" in w.statusBar().currentMessage(), timeout=10000)
    w.close()
    assert not w._thread.isRunning()
    assert pool(LANE).activeThreadCount() == 0  # cancelled and waited for by the close
