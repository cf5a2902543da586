"""The loss curves' peak decimation, kept up to date from a history's new rows only."""

import numpy as np

from gdlab.ui.history import History, RunningPeaks


def test_running_peaks_from_new_values_equal_those_of_the_whole_series():
    y = np.cumsum(np.random.default_rng(0).normal(size=100_003))
    growing = RunningPeaks(1600)
    for n in (10, 1600, 1601, 5_000, 33_333, 100_003):
        s, v = growing.points(y[:n])
        assert len(s) <= 1600 + growing.per and np.all(np.diff(s) > 0)
        assert np.array_equal(v, y[s.astype(int)])
    once = RunningPeaks(1600).points(y)
    assert np.array_equal(s, once[0]) and np.array_equal(v, once[1])
    # every bin keeps its min and max: each stretch of the series shows its extremes
    per = growing.per
    for b in (0, 17, len(y) // per - 1):
        part = y[b * per:(b + 1) * per]
        assert part.min() in v and part.max() in v
    short = RunningPeaks(1600).points(y[:1000])
    assert np.array_equal(short[0], np.arange(1000)) and np.array_equal(short[1], y[:1000])


def test_a_historys_peaks_follow_its_rows_and_start_again_when_rows_are_rewritten():
    h = History(("x", "loss"))
    rows = np.column_stack([np.arange(50_000.0), np.sin(np.arange(50_000) / 500.0)])
    for start in range(0, 50_000, 7_000):
        h.put(start, rows[start:start + 7_000])
        s, v = h.peaks("loss", 800)
    assert np.array_equal(v, RunningPeaks(800).points(rows[:, 1])[1])
    branch = rows[:30_000].copy()
    branch[20_000:, 1] = 5.0  # a rewind at step 20,000 (Continue from here) and a new branch
    h.put(20_000, branch[20_000:])
    s, v = h.peaks("loss", 800)
    assert np.array_equal(v, RunningPeaks(800).points(branch[:, 1])[1]) and v.max() == 5.0
