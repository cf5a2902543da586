"""The words of the window's help: tooltips the widgets lack, the Quick Start and "What am I
looking at?" for each view.

Plain sentences for a first-time student. Each text is a whole format string (never glued
from fragments) so that it can go through Qt's ``tr`` as it is; the values put in (a range,
a shortcut) come from the spec tables and the actions, where they are decided.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

CONTEXT = "Help"

#: an action's tooltip when it has a shortcut (``what`` is its own tip)
ACTION_WITH_KEY = QT_TRANSLATE_NOOP("Help", "{what} (shortcut: {key})")

#: the "?" button of a view
VIEW_BUTTON_TIP = QT_TRANSLATE_NOOP("Help", "What am I looking at? Explains the {view} in plain "
                                            "words.")

#: the "?" beside the side tabs
SIDE_TAB_BUTTON_TIP = QT_TRANSLATE_NOOP("Help", "What am I looking at? Explains the tab in front "
                                                "in plain words.")

#: tooltips for widgets, by object name; ``{…}`` are filled in by ``help_binding``
WIDGET_TIPS: dict[str, str] = {
    "optimizerCombo": QT_TRANSLATE_NOOP("Help", "The optimizer: the rule that turns the "
                                                "gradient into a step. Rest the mouse on a "
                                                "method in the open list to see its update "
                                                "equations."),
    "gradientCombo": QT_TRANSLATE_NOOP("Help", "How the gradient is computed: analytic uses the "
                                               "exact derivative, numerical estimates it with a "
                                               "central difference of step h, autodiff runs "
                                               "backpropagation through the computation graph."),
    "speedCombo": QT_TRANSLATE_NOOP("Help", "How fast the run is shown: {speeds}. \"max\" runs "
                                            "as fast as the computer can and redraws at most 60 "
                                            "times a second."),
    "presetButton": QT_TRANSLATE_NOOP("Help", "Ready-made races that make a point, e.g. every "
                                              "optimizer on the same valley. Choosing one "
                                              "replaces the lanes with the preset's."),
    "logCheck": QT_TRANSLATE_NOOP("Help", "Draw the loss on a logarithmic scale, so that 1, "
                                          "0.01 and 0.0001 are evenly spaced. It turns itself "
                                          "on when the loss spans more than a factor of 100."),
    "gnormCheck": QT_TRANSLATE_NOOP("Help", "Also draw the length of the gradient, ‖∇f‖, on the "
                                            "loss plot: it goes to zero at a minimum."),
    "resetViewButton": QT_TRANSLATE_NOOP("Help", "Zoom and pan the map back to the problem's "
                                                 "default view (shortcut: {key})."),
    "formulaExamples": QT_TRANSLATE_NOOP("Help", "Formulas to try: choosing one types it into "
                                                 "the field and starts a run on it."),
    # the Maps area ({low} and {high} are the box's own limits)
    "lrSweepCompute": QT_TRANSLATE_NOOP("Help", "Run the sweep: one short run per learning "
                                                "rate, all at once."),
    "basinsCompute": QT_TRANSLATE_NOOP("Help", "Run the basin map: one run from every start "
                                               "point of the grid."),
    "hyperCompute": QT_TRANSLATE_NOOP("Help", "Run the map: one run for every cell of the grid "
                                              "of two settings."),
    "lrSweepCancel": QT_TRANSLATE_NOOP("Help", "Stop the sweep that is being computed."),
    "basinsCancel": QT_TRANSLATE_NOOP("Help", "Stop the basin map that is being computed."),
    "hyperCancel": QT_TRANSLATE_NOOP("Help", "Stop the map that is being computed."),
    "lrSweepExport": QT_TRANSLATE_NOOP("Help", "Save the sweep's numbers as a CSV file."),
    "basinsExport": QT_TRANSLATE_NOOP("Help", "Save the basin map's numbers as a CSV file."),
    "hyperExport": QT_TRANSLATE_NOOP("Help", "Save the map's numbers as a CSV file."),
    "lrFrom": QT_TRANSLATE_NOOP("Help", "The smallest learning rate of the sweep ({low} … "
                                        "{high})."),
    "lrTo": QT_TRANSLATE_NOOP("Help", "The largest learning rate of the sweep ({low} … {high})."),
    "basinBox0": QT_TRANSLATE_NOOP("Help", "The left edge of the region the start points cover "
                                           "({low} … {high})."),
    "basinBox1": QT_TRANSLATE_NOOP("Help", "The right edge of the region the start points cover "
                                           "({low} … {high})."),
    "basinBox2": QT_TRANSLATE_NOOP("Help", "The bottom edge of the region the start points "
                                           "cover ({low} … {high})."),
    "basinBox3": QT_TRANSLATE_NOOP("Help", "The top edge of the region the start points cover "
                                           "({low} … {high})."),
    "basinOverlayCheck": QT_TRANSLATE_NOOP("Help", "Also colour the main map by basin, under "
                                                   "the contour lines."),
    "hyperX": QT_TRANSLATE_NOOP("Help", "The setting that varies across the map (left to right)."),
    "hyperY": QT_TRANSLATE_NOOP("Help", "The setting that varies up the map (bottom to top)."),
    "hyperXFrom": QT_TRANSLATE_NOOP("Help", "Where the horizontal setting starts ({low} … "
                                            "{high})."),
    "hyperXTo": QT_TRANSLATE_NOOP("Help", "Where the horizontal setting ends ({low} … {high})."),
    "hyperYFrom": QT_TRANSLATE_NOOP("Help", "Where the vertical setting starts "
                                            "({low} … {high})."),
    "hyperYTo": QT_TRANSLATE_NOOP("Help", "Where the vertical setting ends ({low} … {high})."),
    "hyperWhat": QT_TRANSLATE_NOOP("Help", "What the colour of each cell shows: the final loss, "
                                           "or how many steps the run needed to reach the "
                                           "tolerance."),
}

#: tooltips for actions, by the attribute path from the window (``files.openAction``)
ACTION_TIPS: dict[str, str] = {
    "files.openAction": QT_TRANSLATE_NOOP("Help", "Open a session file saved before: its lanes, "
                                                  "settings and view"),
    "files.saveAction": QT_TRANSLATE_NOOP("Help", "Save every lane, its changes, the view and "
                                                  "the open tab to a file"),
    "files.recoverAction": QT_TRANSLATE_NOOP("Help", "Open the session gdlab saved by itself "
                                                     "the last time it ran"),
    "files.undoAction": QT_TRANSLATE_NOOP("Help", "Take back the last Reset, Remove, Open "
                                                  "Session or Restore Defaults"),
    "imported.removeAction": QT_TRANSLATE_NOOP("Help", "Take the trajectories opened from CSV "
                                                       "files off the map and the loss plot"),
    "pictures.imageAction": QT_TRANSLATE_NOOP("Help", "Save the map, the loss plot, a side view "
                                                      "or the whole window as a PNG or SVG "
                                                      "picture"),
    "pictures.copyImageAction": QT_TRANSLATE_NOOP("Help", "Copy a picture of the map, to paste "
                                                          "into slides or notes"),
    "pictures.animationAction": QT_TRANSLATE_NOOP("Help", "Save the run as an animated GIF or a "
                                                          "series of PNG pictures"),
    "copier.commandAction": QT_TRANSLATE_NOOP("Help", "Copy the 'gdlab run' or 'gdlab race' "
                                                      "command that repeats these runs in a "
                                                      "terminal"),
    "copier.pythonAction": QT_TRANSLATE_NOOP("Help", "Copy a short Python script that repeats "
                                                     "these runs with gdlab's engine"),
    "presentation.zoomInAction": QT_TRANSLATE_NOOP("Help", "Make all text and lines larger (for "
                                                           "a projector)"),
    "presentation.zoomOutAction": QT_TRANSLATE_NOOP("Help", "Make all text and lines smaller"),
    "presentation.zoomResetAction": QT_TRANSLATE_NOOP("Help", "Text and lines back to their "
                                                              "normal size"),
}

#: tooltips of the Presets menu's entries, by the preset's key (``views.lanes.PRESETS``)
PRESET_TIPS: dict[str, str] = {
    "optimizers": QT_TRANSLATE_NOOP("Help", "One lane per optimizer, each at the learning rate "
                                            "suggested for this problem: which gets to the "
                                            "bottom first?"),
    "rates": QT_TRANSLATE_NOOP("Help", "Three lanes with the learning rate ×0.1, ×1 and ×10: "
                                       "too slow, right, too fast?"),
    "starts": QT_TRANSLATE_NOOP("Help", "Eight lanes starting on a ring around the map: does "
                                        "every start end in the same minimum?"),
    "noisy": QT_TRANSLATE_NOOP("Help", "Eight runs with noisy gradients (different seeds), "
                                       "drawn as their mean loss and the band from the lowest "
                                       "to the highest"),
}
QUICK_START_TIP = QT_TRANSLATE_NOOP("Help", "The keys and mouse moves of gdlab on one page")
ABOUT_TIP = QT_TRANSLATE_NOOP("Help", "gdlab's version and what it is for")

QUICK_START_TITLE = QT_TRANSLATE_NOOP("Help", "Quick Start")

#: the Quick Start page: ``{keys}`` is a table made from the actions' own shortcuts
QUICK_START = QT_TRANSLATE_NOOP("Help", """<h2>Quick Start</h2>
<p>gdlab shows gradient descent at work. Pick a <b>problem</b> and an <b>optimizer</b> in the
Settings panel on the left, then press <b>Run</b> and watch the path go down the map while the
loss curve falls.</p>
<h3>Keys</h3>
{keys}
<p>While you type in a box, Space, → and R go to that box: click a button (e.g. Step) to use
them as shortcuts again.</p>
<h3>Mouse</h3>
<table cellpadding="3">
<tr><td><b>Click on the map</b></td><td>Start the run from that point.</td></tr>
<tr><td><b>Wheel</b></td><td>Zoom in or out of the map or a plot, around the mouse.</td></tr>
<tr><td><b>Drag</b></td><td>Move (pan) the map or a plot.</td></tr>
<tr><td><b>Rest the mouse</b></td><td>Every button and box says what it does, its range and
its shortcut.</td></tr>
</table>
<h3>A first experiment</h3>
<ol>
<li>Choose the problem "Bowl" and the optimizer "SGD".</li>
<li>Press <b>Step</b> (→) a few times and see each step on the map.</li>
<li>Set the learning rate to 1.1 and press <b>Reset</b> (R), then <b>Run</b> (Space): the path
now jumps from side to side and grows.</li>
<li>Press <b>Add to race</b>, pick "Adam" and Run: both lanes go side by side.</li>
</ol>
<p>Help ▸ What am I looking at? explains each part of the window; so does the small
<b>?</b> beside each view.</p>
""")

#: one row of the keys table
KEY_ROW = "<tr><td><b>{key}</b></td><td>{what}</td></tr>"

WHAT_MENU_ITEM = QT_TRANSLATE_NOOP("Help", "What am I looking at?")
WHAT_TITLE = QT_TRANSLATE_NOOP("Help", "What am I looking at? — {view}")

#: "What am I looking at?" per view: its name in the menu and its page
VIEWS: dict[str, tuple[str, str]] = {
    "map": (QT_TRANSLATE_NOOP("Help", "map"),
           QT_TRANSLATE_NOOP("Help", """<h2>The map</h2>
<p>The map shows the function being minimised, seen from above. Each contour line joins points
of equal height f(x, y), like the lines of a hiking map; the colours go from dark blue (low) to
yellow (high), as the bar on the right says. The grey around it lies outside the part that was
computed.</p>
<p>The white square is the start point, the red dot is where the run is now, and the line
between them is the path of the optimizer: one small dot per step. The yellow stars mark the
minima. Gradient descent steps across the contour lines, downhill, so a good path ends on a
star.</p>
<p>Click the map to start from another point. For a model with one parameter the map is the
loss curve itself, with two it is a contour map over both; with many (a network), when the run
stops the map shows the loss on the plane the path moves in most.</p>""")),
    "loss": (QT_TRANSLATE_NOOP("Help", "loss plot"),
            QT_TRANSLATE_NOOP("Help", """<h2>The loss plot</h2>
<p>The loss plot draws the value of the function (the loss) after each step: step number
across, loss up. A curve that falls and flattens means the run is converging; one that shoots
up means the learning rate is too large and the run diverges.</p>
<p>"log scale" spreads the small values out, so that a fall from 0.01 to 0.0001 is as visible
as one from 1 to 0.01. "show ‖∇f‖" adds the length of the gradient, which goes to zero at a
minimum. With a learning-rate schedule, the rate lr(t) is drawn too.</p>""")),
    "lanes": (QT_TRANSLATE_NOOP("Help", "lanes table"),
             QT_TRANSLATE_NOOP("Help", """<h2>The lanes table</h2>
<p>Each row is a lane: one run with its own optimizer and settings. A single run is a race of
one lane. "Add to race" copies the panel's settings into a new lane; all lanes step together
on the same map, each in its own colour.</p>
<p>The columns give each lane's optimizer, learning rate and start (when the lanes' starts
differ), whether it is running, finished, converged (✓: it stopped where ‖∇f‖ reached the
tolerance) or diverged, its step and its current loss, and once the race has ended its rank. In
a race by ∇f evaluations, "to tol" gives the evaluations a converged lane spent. Click a row to
select that lane: the Settings panel then shows and changes its settings. Right-click the table
to open this page again.</p>""")),
    "timeline": (QT_TRANSLATE_NOOP("Help", "timeline"),
                QT_TRANSLATE_NOOP("Help", """<h2>The timeline</h2>
<p>The slider at the bottom of the window runs over every step recorded so far. Move it back to
look at an earlier step: the map's marker, a cursor on the loss curve, the inspector and the
model views all show that step. ← and → move it one step while it has the focus.</p>
<p>"Latest" follows the run again. "Continue from here" drops the steps after the chosen one
and goes on from it with the current settings: try another learning rate from the same
point.</p>""")),
    "inspector": (QT_TRANSLATE_NOOP("Help", "Inspector tab"),
                 QT_TRANSLATE_NOOP("Help", """<h2>The Inspector tab</h2>
<p>One update worked out with the run's own numbers, the way a textbook writes it by hand:
the optimizer's equations, then the same equations with the values put in, then the result.
For plain gradient descent that is θ₁ = θ₀ − lr·g₀; momentum and Adam show their extra
quantities (velocity, m, v) too.</p>
<p>It shows the current step while the run goes on, or the step chosen on the timeline. On the
map the step is drawn as an arrow. The text can be selected and copied.</p>""")),
    "steps": (QT_TRANSLATE_NOOP("Help", "Steps tab"),
             QT_TRANSLATE_NOOP("Help", """<h2>The Steps tab</h2>
<p>The numbers of each update, one row per parameter: its value θ, its gradient g = ∂f/∂θ, the
change lr·g and the value after the step. Read it to follow the arithmetic behind each corner
of the path on the map.</p>""")),
    "data": (QT_TRANSLATE_NOOP("Help", "Data tab"),
            QT_TRANSLATE_NOOP("Help", """<h2>The Data tab</h2>
<p>The data the model learns from, with what the model predicts now: the fitted line for a
regression, the coloured decision regions for a classifier. Watch it improve while the loss
falls.</p>""")),
    "graph": (QT_TRANSLATE_NOOP("Help", "Graph tab"),
             QT_TRANSLATE_NOOP("Help", """<h2>The Graph tab</h2>
<p>ADALINE's computation graph, loss = |label − (w·x + b)|: each node is one operation with
its value (the forward pass) and its gradient ∂loss/∂node (the backward pass). Backpropagation
passes the gradients from the loss back to w and b along these arrows; the data x and label get
none.</p>""")),
    "check": (QT_TRANSLATE_NOOP("Help", "Gradient check tab"),
             QT_TRANSLATE_NOOP("Help", """<h2>The Gradient check tab</h2>
<p>It compares the gradient from the formula (and from the computation graph) with a numerical
estimate, the central difference (f(θ + h) − f(θ − h)) / 2h, one row per parameter. If they
agree to many digits, the gradient code is right.</p>
<p>The plot shows the estimate's error for h from 1e-12 to 1: too large an h gives a rough
estimate, too small an h drowns it in rounding errors, which is why h = 1e-4 is used.</p>""")),
    "tree": (QT_TRANSLATE_NOOP("Help", "formula Graph tab"),
            QT_TRANSLATE_NOOP("Help", """<h2>The formula's graph</h2>
<p>The formula you typed, taken apart into its computation graph: x, y and the numbers on the
left, f on the right, each node with its value and its gradient ∂f/∂node at the run's current
point. gdlab computes the gradient by walking this graph backwards (automatic
differentiation).</p>""")),
    "maps": (QT_TRANSLATE_NOOP("Help", "Maps area"),
            QT_TRANSLATE_NOOP("Help", """<h2>The Maps area</h2>
<p>Maps run many short runs at once to show what a setting does.</p>
<ul>
<li><b>Learning rate</b>: the final loss, and the steps needed to reach the tolerance, against
the learning rate on a log scale. Too small is slow, too large diverges; the best rate lies just
below the edge.</li>
<li><b>Basins</b>: each start point coloured by the minimum it ends in, so you see which
valley catches which start.</li>
<li><b>Hyperparameters</b>: the final loss over a grid of two settings (e.g. learning rate and
momentum); dark blue is low, so good.</li>
</ul>
<p>Press Compute to make a map. Then click a point of it to copy that setting into the
Settings panel: a learning rate, a start point or a pair of settings.</p>""")),
}
