"""The step inspector's engine: one update's arithmetic with the run's real numbers.

:func:`explain` takes a run and a step k and returns an :class:`Explanation`: lines
``lhs = formula = numbers = value`` in the optimizer's own notation (θ, g, lr, μ, m, v, …),
from the gradient at θ_k (with the central differences of the numerical gradient, the
noise added, a model's worked forward pass where the problem declares one) to θ_{k+1}.
Each optimizer declares its lines next to its update (``Optimizer.explain``, called with an
:class:`Explainer`); the problem may declare ``explain_forward``. θ_{k+1} is not
recomputed from the formulas: it is what the run's own update gives from the state at
step k (replayed from a checkpoint), so it equals the run's row k + 1 bit for bit.

Every sentence is a :class:`~gdlab.engine.text.Message` (or an ``N_`` constant) of this
module's :data:`TEXT`: the window translates it before filling it in (``localized``); the
equations (symbols and numbers) are not translated.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

from ..gradients.methods import numerical_gradient_scalars
from ..problems.objectives import FLOAT_MATH
from ..run.noise import GradientNoise
from ..text import N_, Message

if TYPE_CHECKING:
    from ..run.single import Run

#: every sentence the inspector shows, in one place (templates with named fields: the
#: window translates them, then fills them in)
TEXT = {
    "title": N_("Step {k} → {k1} · {optimizer}"),
    "lr": N_("learning rate lr = {lr}"),
    "scheduled": N_("learning rate lr{k} = {lr} (scheduled: base rate {base})"),
    "first_buffer": N_("first step: the buffer starts as the gradient"),
    "first_eta": N_("first step: η starts as lr"),
    "rho_small": N_("ρ ≤ 5: the adaptive rate is not yet tractable, a plain momentum step"),
    "lbfgs_pairs": N_("{pairs} of the last {m} (Δθ, Δg) pairs make H, the inverse Hessian's "
                      "estimate"),
    "lbfgs_wolfe": N_("the step length the strong Wolfe line search accepted"),
    "lbfgs_stopped": N_("no move: the gradient or the change fell below L-BFGS's tolerance"),
    "maximize": N_("maximize: the gradient is negated"),
    "unexplained": N_("this method's own equations are not written out yet: the step as taken"),
    "diverged": N_("The run diverged at this step: there is no next update."),
    "numerical": N_("numerical gradient, central difference with h = {h}"),
    "autodiff": N_("gradient by backpropagation through the computation graph"),
    "noise": N_("gradient noise ξ ~ N(0, {sigma}²) added (seed {seed})"),
    "arrays": N_("{name}  {shape}:  ‖θ‖ = {theta}   ‖g‖ = {grad}   ‖Δθ‖ = {step}"),
    "array": N_("array"),
    "shape": N_("shape"),
    "model_summary": N_("per array (norms): the update rule applies to every element"),
    "step_sizes": N_("‖Δθ‖ = {step}   (‖−lr·g‖ = {plain})"),
    "step_size": N_("‖Δθ‖ = {step}"),
    # the methods that evaluate f themselves (second_order.py)
    "hessian": N_("the Hessian: the second derivatives at θ"),
    "inverse_2x2": N_("the inverse of a 2×2 matrix [[a, b], [b, c]]: swap a and c, negate b, "
                      "divide by the determinant a·c − b²"),
    "bfgs_role": N_("B⁻¹ is BFGS's estimate of the inverse Hessian H⁻¹, built from the steps "
                    "so far; it starts as the identity I"),
    "bfgs_restart": N_("B⁻¹g is not a descent direction: B⁻¹ restarts as I"),
    "bfgs_scaled": N_("first pair: I is scaled by sᵀy / yᵀy (Nocedal & Wright 6.20)"),
    "bfgs_update": N_("the new estimate: curvature along s matches y (B⁻¹y = s)"),
    "bfgs_skip": N_("sᵀy ≤ 0 (no positive curvature along the step): B⁻¹ is kept"),
    "cg_first": N_("first step: d = −g (steepest descent)"),
    "cg_periodic": N_("every {n} steps conjugate gradients restart: d = −g"),
    "cg_not_descent": N_("−g + β·d′ is not a descent direction: restart with d = −g"),
    "cg_first_trial": N_("the first trial step: the last step's first-order decrease again"),
    "backtracking": N_("backtracking: α = lr, ρ·lr, ρ²·lr, … (ρ = {rho}) until "
                       "f(θ − α·g) ≤ f(θ) − c·α·‖g‖² (c = {c})"),
    "wolfe": N_("strong Wolfe line search along d from α = {alpha}: φ(α) = f(θ + α·d) needs "
                "φ(α) ≤ φ(0) + c₁·α·φ′(0) (sufficient decrease, c₁ = {c1}) and "
                "|φ′(α)| ≤ c₂·|φ′(0)| (curvature, c₂ = {c2}), φ′(α) = ∇f(θ + α·d)ᵀd"),
    "armijo_no": N_("> {bound} = {numbers} = {value}: not enough decrease"),
    "armijo_ok": N_("≤ {bound} = {numbers} = {value}: sufficient decrease, accepted"),
    "wolfe_ok": N_("≤ {bound} = {numbers} = {value}, and |φ′(α)| = {slope} ≤ c₂·|φ′(0)| = "
                   "{limit}: both conditions hold"),
    "wolfe_flat": N_("≤ {bound} = {numbers} = {value}, but |φ′(α)| = {slope} > c₂·|φ′(0)| = "
                     "{limit}: the curvature condition fails"),
    "search_best": N_("the accepted step: the best trial with sufficient decrease"),
    "search_none": N_("no trial decreased f enough in {n} evaluations: no step"),
}

ARRAY_FIELDS = ("name", "shape", "theta", "grad", "step")  # a table row's cells, in order
SUBSCRIPT = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
VECTOR_MAX = 8  # parameters shown as numbers in the equations; more: a summary by array


def sub(n: int) -> str:
    return str(n).translate(SUBSCRIPT)


def sup(n: int) -> str:
    return str(n).translate(SUPERSCRIPT)


def number(v: float, digits: int = 6) -> str:
    """A value for the text: ``digits`` significant digits, a true minus sign."""
    v = float(v)
    if v == 0:
        return "0"
    s = f"{v:.{digits}g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp)}"
    return s.replace("-", "−")


class Data:
    """A data array shown in brackets, ``[0.3, 0.6, 0.9, 1.2]`` (a vector of parameters is
    shown in parentheses)."""

    def __init__(self, values: Any) -> None:
        self.values = np.asarray(values, dtype=float).ravel()

    def __str__(self) -> str:
        return "[" + ", ".join(number(v) for v in self.values) + "]"


class Matrix:
    """A matrix shown row by row, ``[[2, 0], [0, 2]]`` (a Hessian, BFGS's B⁻¹)."""

    def __init__(self, values: Any) -> None:
        self.values = np.atleast_2d(np.asarray(values, dtype=float))

    def __str__(self) -> str:
        return "[" + ", ".join("[" + ", ".join(number(v) for v in row) + "]"
                               for row in self.values) + "]"


def show(v: Any, operand: bool = False) -> str:
    """A scalar, a parameter vector ``(−3, 4)``, a :class:`Data` array, a :class:`Matrix`, a
    number already written (a str) or ``0`` for None; an ``operand`` (a value after an
    operator or a sign) that is negative gets parentheses: 0.01·(−25.5)."""
    if v is None:
        return "0"
    if isinstance(v, str):  # a number already written (to more digits than ``number``'s)
        return f"({v})" if operand and v.startswith("−") else v
    if isinstance(v, (Data, Matrix)):
        return str(v)
    a = np.asarray(v, dtype=float)
    if a.ndim == 0 or a.size == 1:
        s = number(a.ravel()[0])
        return f"({s})" if operand and s.startswith("−") else s
    return "(" + ", ".join(number(x) for x in a.ravel()) + ")"


#: a numbered placeholder of a line's numbers, with an operator or sign before it or a
#: power after it (groups 1 and 3)
_PLACEHOLDER = re.compile(r"([−+·/×*^]\s*)?\{(\d+)\}([²^])?")


@dataclass
class Line:
    """One equation: ``lhs = formula = numbers = value`` (empty parts are left out)."""

    lhs: str
    formula: str = ""
    numbers: str = ""
    value: str = ""
    note: str = ""  # words (a Message or an N_ text of TEXT: the window translates it)

    def text(self) -> str:
        if not self.lhs:
            return self.note
        parts = [p for p in (self.formula, self.numbers, self.value) if p]
        s = f"{self.lhs} = " + " = ".join(parts)
        return f"{s}    ({self.note})" if self.note else s


@dataclass
class Explanation:
    """What the inspector shows for the update from θ_k (``k``) to θ_{k+1}."""

    k: int
    title: str
    lines: list[Line]
    params: list  # θ_k, the run's leaves
    result: list | None  # θ_{k+1} as the run computes it (None: the run diverged at k)
    # −lr·g flattened (d,), for the arrow on a map (None where lr scales the method's own
    # step, Newton's or a line search's: −lr·g is no step it would take)
    plain_step: np.ndarray | None = None
    step: np.ndarray | None = None  # θ_{k+1} − θ_k flattened (d,)
    head: tuple[str, ...] = ()  # a model's per-array table: its column heads …
    table: list[tuple[str, ...]] = field(default_factory=list)  # … and one row per array
    loss: float = math.nan  # the run's loss at θ_k …
    loss_next: float = math.nan  # … and at θ_{k+1} (a curve J(w) draws the step between)

    def text(self) -> str:
        """The whole explanation as plain text (what Copy gives)."""
        table = [Message(TEXT["arrays"], **dict(zip(ARRAY_FIELDS, row))) for row in self.table]
        return "\n".join([self.title, *(ln.text() for ln in self.lines), *table])


class Explainer:
    """What an optimizer's ``explain`` writes with: the step's values as flat vectors
    (``p``, ``g``, ``slot(i)``), ``lr``, ``t``, the loss ``f`` at θ_k, the ``oracle`` a method
    that evaluates f itself asks again (the scratch run), and :meth:`line`/:meth:`update`."""

    def __init__(self, k: int, t: int, p: np.ndarray, g: np.ndarray, slots: list,
                 lr: float, theta: str = "θ", state: Any = None, after: Any = None,
                 f: float = math.nan, oracle: Any = None) -> None:
        self.k, self.t, self.p, self.g, self.lr = k, t, p, g, lr
        self.f, self.oracle = f, oracle
        self.theta = theta  # a one-parameter model writes its parameter's name (w₁, not θ₁)
        self.state, self.after = state, after  # the optimizer's state before and after
        self._slots = slots
        self.lines: list[Line] = []
        self.final: Line | None = None

    def slot(self, i: int) -> np.ndarray | None:
        """The optimizer's i-th state slot as a vector (None where it is still unset)."""
        return self._slots[i]

    def _idx(self, s: str) -> str:
        s = s.replace("{k-1}", sub(self.k - 1))
        s = s.format(k=sub(self.k), k1=sub(self.k + 1), k2=sub(self.k + 2), t=sup(self.t))
        return s.replace("θ", self.theta)

    @staticmethod
    def _fill(numbers: str, args: tuple) -> str:
        """``numbers`` with ``args`` shown at each ``{i}``; one after an operator or a sign,
        or squared, is an operand: a negative one gets parentheses there (−(−6), 0.1·(−6),
        (−6)², but max(−6, 2) and |−6|)."""
        def one(m: re.Match) -> str:
            value = show(args[int(m.group(2))], operand=bool(m.group(1) or m.group(3)))
            return f"{m.group(1) or ''}{value}{m.group(3) or ''}"
        return _PLACEHOLDER.sub(one, numbers)

    def line(self, lhs: str, formula: str, numbers: str, value: Any, *args: Any,
             note: str = "") -> Any:
        """Add ``lhs = formula = numbers = value``: ``{k}``, ``{k1}`` and ``{t}`` in
        ``lhs``/``formula`` become the step's sub/superscripts; ``numbers`` is filled with
        ``args`` as shown by :func:`show`; ``note`` is a key of :data:`TEXT`. Returns
        ``value``."""
        self.lines.append(Line(self._idx(lhs), self._idx(formula),
                               self._fill(numbers, args), show(value),
                               TEXT[note] if note else ""))
        return value

    def note(self, key: str, **values: Any) -> None:
        """A sentence of :data:`TEXT` between the equations."""
        self.lines.append(Line("", note=Message(TEXT[key], **values)))

    def search(self, s: Any, point: Callable[[float], np.ndarray], lhs: str,
               bound: tuple[str, str, Callable[[float], tuple]], slope0: float, c1: float,
               c2: float | None = None) -> float:
        """A line search's trials (a :class:`~gdlab.engine.optim.line_search.Search`): for
        each α tried, f at ``point(α)`` against the Armijo bound f(θ) + c₁·α·φ′(0) (with
        ``c2``, the curvature |φ′(α)| ≤ c₂·|φ′(0)| too), then the accepted α{k}, returned.
        ``lhs`` is f's argument in the method's notation with ``{a}`` for α
        ("f(θ{k} + {a}·d{k})"); ``bound`` = (formula, numbers, args(α)) of the bound."""
        formula, numbers, args = bound
        for i, (a, f) in enumerate(zip(s.trials, s.values)):
            limit = self.f + c1 * a * slope0
            fields = dict(bound=self._idx(formula.replace("{a}", number(a))),
                          numbers=self._fill(numbers, args(a)), value=number(limit))
            if not f <= limit:
                key = "armijo_no"
            elif c2 is None:
                key = "armijo_ok"
            else:
                fields.update(slope=number(abs(s.slopes[i])), limit=number(c2 * abs(slope0)))
                key = "wolfe_ok" if abs(s.slopes[i]) <= c2 * abs(slope0) else "wolfe_flat"
            self.lines.append(Line(self._idx(lhs.replace("{a}", number(a))), "",
                                   f"f({show(point(a))})", show(f),
                                   Message(TEXT[key], **fields)))
        if not s.ok:
            self.note("search_none", n=len(s.trials))
            return 0.0
        best = c2 is not None and not (s.trials[-1] == s.alpha
                                       and abs(s.slopes[-1]) <= c2 * abs(slope0))
        return self.line("α{k}", "", "", s.alpha, note="search_best" if best else "")

    def decayed(self, wd: float, maximize: bool = False) -> np.ndarray:
        """The gradient as the rule uses it: negated to maximize, with L2 weight decay
        added (a line for each that applies)."""
        g = self.g
        if maximize and wd:  # one line: g′ is what the rule uses
            return self.line("g{k}′", "−g{k} + wd·θ{k}", "−{0} + {1}·{2}", -g + wd * self.p,
                             g, wd, self.p, note="maximize")
        if maximize:
            return self.line("g{k}′", "−g{k}", "−{0}", -g, g, note="maximize")
        if not wd:
            return g
        return self.line("g{k}′", "g{k} + wd·θ{k}", "{0} + {1}·{2}", g + wd * self.p,
                         g, wd, self.p)

    def decoupled(self, wd: float) -> np.ndarray:
        """θ after decoupled weight decay θ·(1 − lr·wd) (AdamW's; a line when wd ≠ 0)."""
        if not wd:
            return self.p
        return self.line("θ{k}′", "θ{k}·(1 − lr·wd)", "{0}·(1 − {1}·{2})",
                         self.p * (1 - self.lr * wd), self.p, self.lr, wd)

    def moment1(self, b1: float, g: np.ndarray, slot: int = 0) -> np.ndarray:
        """Adam's first moment m ← β₁m + (1−β₁)g."""
        m = self.slot(slot)
        return self.line("m{k1}", "β₁·m{k} + (1−β₁)·g{k}", "{0}·{1} + {2}·{3}",
                         b1 * m + (1 - b1) * g, b1, m, 1 - b1, g)

    def moment2(self, b2: float, g: np.ndarray, slot: int = 1) -> np.ndarray:
        """Adam's second moment v ← β₂v + (1−β₂)g²."""
        v = self.slot(slot)
        return self.line("v{k1}", "β₂·v{k} + (1−β₂)·g{k}²", "{0}·{1} + {2}·{3}²",
                         b2 * v + (1 - b2) * g * g, b2, v, 1 - b2, g)

    def corrected(self, m: np.ndarray, v: np.ndarray, b1: float, b2: float,
                  v_name: str = "v{k1}") -> tuple:
        """The bias-corrected moments m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) (``v_name``: what
        ``v`` is, e.g. AMSGrad's running maximum)."""
        t = self.t
        return (self.line("m̂{k1}", "m{k1} / (1 − β₁{t})", "{0} / (1 − {1}^{2})",
                          m / (1 - b1 ** t), m, b1, t),
                self.line("v̂{k1}", v_name + " / (1 − β₂{t})", "{0} / (1 − {1}^{2})",
                          v / (1 - b2 ** t), v, b2, t))

    def update(self, formula: str, numbers: str, *args: Any, note: str = "") -> None:
        """The last line, θ_{k+1} = …; its value is the run's own θ_{k+1}, filled in later
        (``note``: a key of :data:`TEXT`)."""
        self.final = Line(self._idx("θ{k1}"), self._idx(formula),
                          self._fill(numbers, args), note=TEXT[note] if note else "")


def _flat(leaves: Sequence[Any]) -> np.ndarray:
    return np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in leaves]) \
        if len(leaves) else np.empty(0)


def _slots(state: tuple) -> list:
    """The optimizer's per-leaf slot tuples as one flat vector per slot (None if unset)."""
    per_leaf = list(state[1])
    if not per_leaf or not per_leaf[0]:
        return []
    out = []
    for i in range(len(per_leaf[0])):
        vals = [s[i] for s in per_leaf]
        out.append(None if any(v is None for v in vals) else _flat(vals))
    return out


def explain(run: Run, k: int) -> Explanation:
    """The update from θ_k to θ_{k+1} of ``run`` (0 ≤ k < its rows), replayed from the
    nearest checkpoint; ``run`` is not changed."""
    return explain_replayed(run.state_at(k))


def explain_replayed(r: Run) -> Explanation:
    """The update from the step ``r`` stands at; ``r`` is a scratch run (it is stepped once)."""
    opt, obj, k = r.optimizer, r.objective, r.k
    p_leaves, g_leaves = list(r._p), list(r._grads)
    row = r.trajectory.last()
    lr = float(row[r.trajectory.column("lr")])
    p, g = _flat(p_leaves), _flat(g_leaves)
    title = Message(TEXT["title"], k=k, k1=k + 1, optimizer=Message(opt.title))
    small = p.size <= VECTOR_MAX and not (r.is_model and obj.lr_scales)
    names = tuple(getattr(obj, "param_names", ()))
    state = r._state
    slots = _slots(state) if small and opt.per_leaf else []
    t = state[0] + 1 if isinstance(state, tuple) and isinstance(state[0], int) else k + 1
    e = Explainer(k, t, p, g, slots, lr,
                  names[0] if r.is_model and len(names) == 1 else "θ", state=state,
                  f=float(row[r.trajectory.column("loss")]),
                  oracle=r if getattr(opt, "oracle", False) else None)
    base = float(opt.lr)
    lines = [Line("", note=(Message(TEXT["lr"], lr=number(lr)) if lr == base else
                            Message(TEXT["scheduled"], k=sub(k), lr=number(lr),
                                    base=number(base))))]
    if small:
        lines += _gradient_lines(r, e)
    if r.status in ("diverged", "undefined") or not math.isfinite(row[r.trajectory.column("loss")]):
        lines.append(Line("", note=TEXT["diverged"]))
        return Explanation(k, title, lines, p_leaves, None)
    r.steps = max(r.steps, k + 1)
    r.status = "running"
    r.advance(1)  # the run's own update: θ_{k+1} as the run computed it
    new = list(r._p)
    q = _flat(new)
    ex = Explanation(k, title, lines, p_leaves, new, step=q - p,
                     plain_step=None if opt.own_lr else -lr * g,
                     loss=e.f, loss_next=float(r.trajectory.last()[r.trajectory.column("loss")]))
    if small:
        e.lines, e.after = [], r._state
        try:
            opt.explain(e)
        except (NotImplementedError, ArithmeticError, ValueError):
            # a method without its lines (or whose step failed here) still shows its step
            e.lines = []
            e.update("θ{k} + Δθ{k}", "{0} + {1}", p, q - p, note="unexplained")
        lines += e.lines
        if e.final is not None:
            e.final.value = show(q)
            lines.append(e.final)
    if opt.own_lr:
        ex.lines.append(Line("", note=Message(TEXT["step_size"],
                                              step=number(np.linalg.norm(q - p)))))
    else:
        ex.lines.append(Line("", note=Message(
            TEXT["step_sizes"], step=number(np.linalg.norm(q - p)),
            plain=number(np.linalg.norm(lr * g)))))
    if not small:
        ex.lines.append(Line("", note=TEXT["model_summary"]))
        ex.head = (TEXT["array"], TEXT["shape"], f"‖θ{sub(k)}‖", f"‖g{sub(k)}‖", "‖Δθ‖")
        norm = lambda a: number(np.linalg.norm(np.ravel(a)))  # noqa: E731
        ex.table = [(name, "×".join(map(str, np.shape(a))) or "1", norm(a), norm(ga),
                     norm(np.ravel(b) - np.ravel(a)))
                    for name, a, ga, b in zip(names, p_leaves, g_leaves, new)]
    return ex


def _gradient_lines(r: Run, e: Explainer) -> list[Line]:
    """How g_k came about: a model's forward pass, the central differences, the noise."""
    obj, k = r.objective, r.k
    e.lines = []
    noise = (GradientNoise(r.grad_noise, r.noise_seed, e.p.size).at(k)
             if r.grad_noise > 0 else None)
    if r.is_model:
        forward = getattr(obj, "explain_forward", None)
        if forward is not None and r.gradient == "analytic" and noise is None:
            forward(e, list(r._p))
            return e.lines
        grad = "∇J(θ{k})"
    else:
        grad = "∇f(θ{k})"
        names = obj.param_names
        if r.gradient == "numerical":
            e.lines.append(Line("", note=Message(TEXT["numerical"], h=number(r.h))))
            h = r.h
            fn = lambda *q: obj.value(*q, FLOAT_MATH)  # noqa: E731
            pts = [float(v) for v in e.p]
            exact = numerical_gradient_scalars(fn, list(pts), h)
            for i, n in enumerate(names):
                up = list(pts)
                up[i] = pts[i] + h
                dn = list(pts)
                dn[i] = pts[i] - h
                f1, f2 = fn(*up), fn(*dn)
                args = ", ".join(f"{m}{'+h' if j == i else ''}" for j, m in enumerate(names))
                argd = ", ".join(f"{m}{'−h' if j == i else ''}" for j, m in enumerate(names))
                e.line(f"∂f/∂{n}", f"(f({args}) − f({argd})) / 2h", "({0} − {1}) / (2·{2})",
                       exact[i], number(f1, 12), number(f2, 12), h)
        elif r.gradient == "autodiff":
            e.lines.append(Line("", note=TEXT["autodiff"]))
    if noise is not None:
        e.lines.append(Line("", note=Message(TEXT["noise"], sigma=number(r.grad_noise),
                                             seed=r.noise_seed)))
        e.line("g{k}", grad + " + ξ{k}", "{0} + {1}", e.g, e.g - noise, noise)
    else:
        e.line("g{k}", grad, "", e.g)
    return e.lines
