"""The formula's computation graph replayed on one point's floats: the same operations and
local derivative rules as the graph (:mod:`.graphops`), recorded once as a tape of slots, so
that a single run's step costs a forward and a backward sweep over float64 scalars instead of
building a graph of array nodes (about ten times faster)."""

from __future__ import annotations

import numpy as np

from .graphops import BINARY, UNARY, power_rule
from .tree import Expr, Num, Op, Var


class Tape:
    """``Tape(tree)``; ``tape.grad(x, y)`` -> (∂f/∂x, ∂f/∂y) as floats (float64 semantics:
    overflow ±inf, domain errors NaN)."""

    def __init__(self, tree: Expr) -> None:
        self.consts: list[float] = []  # slots 2 … hold the numbers, then the operations
        self.code: list[tuple] = []  # (kind, f, rule(s), argument slots, output slot)
        self.needs: list[bool] = [True, True]  # does a slot depend on x or y
        nums = [e for e in _walk(tree) if isinstance(e, Num)]
        self.consts = [float(e.value) for e in nums]
        self._slot_of_num = {id(e): 2 + i for i, e in enumerate(nums)}
        self.needs += [False] * len(nums)
        self.n = 2 + len(nums)
        self.root = self._emit(tree)
        del self._slot_of_num

    def _emit(self, e: Expr) -> int:
        if isinstance(e, Var):
            return 0 if e.name == "x" else 1
        if isinstance(e, Num):
            return self._slot_of_num[id(e)]
        if isinstance(e, Op) and e.op == "^" and isinstance(e.b, Num):
            a = self._emit(e.a)
            k = float(e.b.value)
            return self._push("unary", lambda u, k=k: np.power(u, k), power_rule(k), (a,))
        if isinstance(e, Op) and e.b is None:
            f, df = UNARY["neg"]
            return self._push("unary", f, df, (self._emit(e.a),))
        name = e.op if isinstance(e, Op) else e.fn
        args = (e.a, e.b) if isinstance(e, Op) else e.args
        slots = tuple(self._emit(a) for a in args)
        if name in UNARY:
            f, df = UNARY[name]
            return self._push("unary", f, df, slots)
        f, rules = BINARY[name]
        return self._push("binary", f, rules, slots)

    def _push(self, kind: str, f, rule, args: tuple[int, ...]) -> int:
        out = self.n
        self.n += 1
        self.code.append((kind, f, rule, args, out))
        self.needs.append(any(self.needs[a] for a in args))
        return out

    def grad(self, x: float, y: float) -> tuple[float, float]:
        v = [np.float64(x), np.float64(y), *self.consts]
        with np.errstate(all="ignore"):
            for _kind, f, _rule, args, _out in self.code:
                v.append(f(*(v[a] for a in args)))
            adj = [0.0] * self.n
            if not self.needs[self.root]:
                return 0.0, 0.0
            adj[self.root] = np.float64(1.0)
            needs = self.needs
            for kind, _f, rule, args, out in reversed(self.code):
                if not needs[out]:
                    continue
                g = adj[out]
                if kind == "unary":
                    a = args[0]
                    adj[a] = adj[a] + g * rule(v[a], v[out])
                else:
                    a, b = args
                    if needs[a]:
                        adj[a] = adj[a] + rule[0](g, v[a], v[b], v[out])
                    if needs[b]:
                        adj[b] = adj[b] + rule[1](g, v[a], v[b], v[out])
        return float(adj[0]), float(adj[1])


def _walk(e: Expr):
    yield e
    kids = () if isinstance(e, (Num, Var)) else (
        (e.a,) if e.b is None else (e.a, e.b)) if isinstance(e, Op) else e.args
    for k in kids:
        yield from _walk(k)
