"""Gradient noise in the panel, the noisy-sample-paths preset and auto-tune (pytest-qt)."""

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gdlab.engine.run.recipe import build_run  # noqa: E402


def choose(combo, data):
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)


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

