"""Thinning a race's lines to the pixels they cover (gdlab.ui.views.thinning): exact to a
pixel, the first and last point and every point where the line leaves a cell kept."""

import threading

import numpy as np

import gdlab.ui.views.thinning as thinning
from gdlab.ui.views.thinning import GrowingThinning, finer, pixel_thin, thin_line, thin_lines


def cells(x, y, w, h):
    return np.floor(x / w), np.floor(y / h)


def test_it_keeps_the_first_the_last_and_every_point_that_leaves_its_cell():
    rng = np.random.default_rng(0)
    x, y = np.cumsum(rng.normal(0, 0.003, (2, 5_000)), axis=1)
    w, h = 0.01, 0.02
    idx = pixel_thin(x, y, w, h)
    cx, cy = cells(x, y, w, h)
    leaves = np.flatnonzero((cx[1:] != cx[:-1]) | (cy[1:] != cy[:-1]))
    assert idx[0] == 0 and idx[-1] == len(x) - 1
    assert set(leaves) <= set(idx)
    assert np.all(np.diff(idx) > 0)  # in order, each once
    assert len(idx) < len(x) / 2  # a wandering line: most points stay in their cell
    # exact to a cell: every dropped point is in the cell of the next point kept
    nxt = idx[np.searchsorted(idx, np.arange(len(x)))]
    assert np.array_equal(cx, cx[nxt]) and np.array_equal(cy, cy[nxt])


def test_a_converging_paths_early_big_steps_stay_where_a_stride_loses_them():
    k = np.arange(100_001)
    x = 1.0 - 2.0 * 0.5 ** (k / 3.0)  # from -1 to 1, fast at first, then within a pixel
    y = np.zeros_like(x)
    idx = pixel_thin(x, y, 0.005, 0.005)
    assert set(range(10)) <= set(idx)  # the first steps are far apart: every one drawn
    assert len(idx) < 100  # converged: the rest lie in the last few cells
    stride = np.linspace(0, len(x) - 1, 1500).astype(int)
    assert not set(range(1, 10)) & set(stride)  # what thinning by index did


def test_a_gap_and_the_point_before_it_stay():
    x = np.array([0.0, 0.1, 0.2, np.nan, 0.3, 0.31, 0.32, 5.0])
    y = np.zeros_like(x)
    idx = pixel_thin(x, y, 1.0, 1.0)
    assert list(idx) == [0, 2, 3, 6, 7]


def test_cells_of_no_size_keep_everything_and_a_limit_caps_the_points():
    x = np.arange(10.0) % 2  # hopping over a cell's edge: nothing to drop
    y = np.zeros_like(x)
    assert list(pixel_thin(x, y, 0.0, 0.0)) == list(range(10))
    assert list(pixel_thin(x, y, 1.0, 1.0)) == list(range(10))
    capped = thin_line(x, y, 1.0, 1.0, 4)
    assert len(capped) == 4 and capped[0] == 0 and capped[-1] == 9


def test_a_line_is_thinned_again_only_for_smaller_cells():
    assert finer((0.5, 1.0), (1.0, 1.0)) and finer((1.0, 0.5), (1.0, 1.0))
    assert not finer((1.0, 1.0), (1.0, 1.0)) and not finer((2.0, 3.0), (1.0, 1.0))
    assert not finer((0.5, 0.5), None)


def test_a_growing_line_thinned_from_its_new_points_equals_the_line_thinned_whole():
    rng = np.random.default_rng(1)
    x, y = np.cumsum(rng.normal(0, 0.004, (2, 20_000)), axis=1)
    x[7_000] = np.nan  # a gap
    cell = (0.01, 0.01)
    growing = GrowingThinning()
    ends = np.cumsum(rng.integers(1, 900, 60))
    for n in [1, 2, 3, *ends[ends < len(x)], len(x)]:
        got = growing.indices(x[:n], y[:n], cell, key="rows")
        assert np.array_equal(got, pixel_thin(x[:n], y[:n], *cell)), n
    y2 = y.copy()
    y2[100:] += 1.0  # other rows under another key (a rewind): thinned whole again
    assert np.array_equal(growing.indices(x, y2, cell, key="rewound"), pixel_thin(x, y2, *cell))
    assert np.array_equal(growing.indices(x[:500], y2[:500], cell, key="rewound"),
                          pixel_thin(x[:500], y2[:500], *cell))  # a shorter prefix
    assert np.array_equal(growing.indices(x, y2, (0.02, 0.01), key="rewound"),
                          pixel_thin(x, y2, 0.02, 0.01))  # another cell


def test_many_long_lines_are_thinned_side_by_side_as_each_alone(monkeypatch):
    rng = np.random.default_rng(2)
    rows = np.cumsum(rng.normal(0, 0.004, (300_000, 7)), axis=0)  # a history's wide rows
    paths = [rows[: 300_000 - 1000 * j, :2] + j for j in range(4)]
    cell, limit = (0.01, 0.01), 5_000
    alone = [thin_line(p[:, 0], p[:, 1], *cell, limit) for p in paths]
    threads = set()
    real = thinning.thin_line

    def noting(*args):
        threads.add(threading.current_thread().name)
        return real(*args)
    monkeypatch.setattr(thinning, "thin_line", noting)
    monkeypatch.setattr(thinning.os, "cpu_count", lambda: 2)  # whatever machine runs this
    growing = [GrowingThinning() for _ in paths]
    got = thin_lines([(p[:, 0], p[:, 1], g, "rows") for p, g in zip(paths, growing)], cell, limit)
    assert all(np.array_equal(a, b) for a, b in zip(got, alone))
    assert any(name.startswith("gdlab-thin") for name in threads)  # 1.2M points: side by side
    assert [g.n for g in growing] == [len(p) for p in paths]  # each line's state kept
    threads.clear()
    longer = [np.vstack([p, p[-1] + 0.5]) for p in paths]  # one new point each: in this thread
    got = thin_lines([(p[:, 0], p[:, 1], g, "rows") for p, g in zip(longer, growing)], cell, limit)
    assert all(np.array_equal(a, thin_line(p[:, 0], p[:, 1], *cell, limit))
               for a, p in zip(got, longer))
    assert threads == {threading.current_thread().name}
