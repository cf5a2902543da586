"""Tokens to our expression tree, as people write maths: ``2x``, ``3(x+1)``, ``(x+1)(y-1)``,
``x²``, ``-x^2`` (= −(x²)), ``2^-1``, right-associative powers.

A recursive-descent parser; the nesting it follows is bounded (:data:`MAX_DEPTH`) before
Python's own recursion could be, and the tree it returns is checked against the limits.
"""

from __future__ import annotations

import difflib

from ...text import Message
from .errors import MAX_DEPTH, MAX_NODES, FormulaError
from .lexer import Token, tokenize
from .tree import ALIASES, CONSTANTS, FUNCTIONS, Call, Expr, Num, Op, Var, depth, size

_VARIABLES = ("x", "y")
_WORDS = (*_VARIABLES, *CONSTANTS)  # names that stand for a value


def parse(text: str) -> Expr:
    """The tree of ``text``; :class:`FormulaError` for anything outside the grammar."""
    tokens = tokenize(text)
    if tokens[0].kind == "end":
        raise FormulaError("empty", 1, "",
                           Message("the formula is empty: type an expression in x and y"))
    tree = _Parser(tokens).parse()
    n = size(tree)
    if n > MAX_NODES:
        raise FormulaError("too_many_nodes", 1, "",
                           Message("the formula has {n} operations and numbers; the limit "
                                   "is {limit}", n=n, limit=MAX_NODES))
    d = depth(tree)
    if d > MAX_DEPTH:
        raise FormulaError("too_deep", 1, "",
                           Message("the formula nests {n} levels deep; the limit is {limit}",
                                   n=d, limit=MAX_DEPTH))
    return tree


def _split(name: str) -> list[str] | None:
    """``name`` as a run of known names and digits (``xy`` -> x, y; ``x2`` -> x, 2)."""
    if not name:
        return []
    if name.isdigit():
        return [name]
    for word in sorted((*_WORDS, *FUNCTIONS, *ALIASES), key=len, reverse=True):
        if name.startswith(word):
            rest = _split(name[len(word):])
            if rest is not None:
                return [word, *rest]
    return None


def _suggest(name: str, before_paren: bool) -> str:
    """A correction of an unknown ``name`` (or "")."""
    known = (*_WORDS, *FUNCTIONS, *ALIASES)
    for k in known:
        if k.lower() == name.lower():
            return k
    parts = _split(name)
    if parts and len(parts) > 1:
        if parts[-1].isdigit() and len(parts) == 2 and parts[0] in _VARIABLES:
            return f"{parts[0]}^{parts[1]}"
        if not before_paren and parts[-1] in FUNCTIONS or parts[-1] in ALIASES:
            parts[-1] += "(…)"
        return "*".join(parts)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return close[0] + ("" if close[0] in _WORDS or before_paren else "(…)") if close else ""


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens, self.i, self.nesting = tokens, 0, 0

    # -- tokens ---------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def _next(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def _is(self, text: str) -> bool:
        return self.tok.kind == "op" and self.tok.text == text

    def _deeper(self) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise FormulaError("too_deep", self.tok.col, self.tok.typed,
                               Message("the formula nests more than {limit} levels deep",
                                       limit=MAX_DEPTH))

    # -- grammar --------------------------------------------------------------------
    def parse(self) -> Expr:
        e = self.expr()
        t = self.tok
        if t.kind != "end":
            if self._is(")"):
                raise FormulaError("unbalanced", t.col, t.typed,
                                   Message("')' without a matching '('"))
            raise FormulaError("syntax", t.col, t.typed,
                               Message("unexpected {piece!r}", piece=t.typed))
        return e

    def expr(self) -> Expr:
        """term (('+' | '-') term)*"""
        self._deeper()
        e = self.term()
        while self._is("+") or self._is("-"):
            op = self._next().text
            e = Op(op, e, self.term())
        self.nesting -= 1
        return e

    def term(self) -> Expr:
        """signed (('*' | '/') signed | implicit product)*"""
        e = self.signed()
        while True:
            if self._is("*") or self._is("/"):
                op = self._next().text
                e = Op(op, e, self.signed())
            elif self._juxtaposed():
                e = Op("*", e, self.power())
            else:
                return e

    def _juxtaposed(self) -> bool:
        """Whether the next token multiplies the operand just read (``2x``, ``(x+1)(y-1)``);
        raises where that would be ambiguous (``x y``, ``2 3``, ``x(y)``)."""
        t, prev = self.tok, self.tokens[self.i - 1]
        starts = t.kind == "name" or self._is("(")
        if not (starts or t.kind == "num"):
            return False
        after_value = prev.kind in ("num", "sup") or (prev.kind == "op" and prev.text == ")")
        if after_value and starts:
            return True
        left = prev.typed
        if t.kind == "num":
            raise FormulaError("juxtaposed", t.col, t.typed,
                               Message("a number right after {left!r}", left=left),
                               f"{left}*{t.typed}")
        raise FormulaError("juxtaposed", t.col, t.typed,
                           Message("{piece!r} right after {left!r} with nothing between",
                                   piece=t.typed, left=left),
                           f"{left}*{t.typed}" + ("(…)" if self._is("(") else ""))

    def signed(self) -> Expr:
        """('-' | '+') signed | power"""
        if self._is("-") or self._is("+"):
            neg = self._next().text == "-"
            self._deeper()
            e = self.signed()
            self.nesting -= 1
            return Op("neg", e) if neg else e
        return self.power()

    def power(self) -> Expr:
        """postfix ('^' signed)?  (right-associative through ``signed``)"""
        base = self.postfix()
        if self._is("^"):
            self._next()
            self._deeper()
            exponent = self.signed()
            self.nesting -= 1
            return Op("^", base, exponent)
        return base

    def postfix(self) -> Expr:
        """atom superscript*"""
        e = self.atom()
        while self.tok.kind == "sup":
            t = self._next()
            try:
                p = float(t.text)
            except ValueError:
                raise FormulaError("syntax", t.col, t.typed,
                                   Message("the superscript {piece!r} is not a number",
                                           piece=t.typed)) from None
            e = Op("^", e, Num(p) if p >= 0 else Op("neg", Num(-p)))
        return e

    def atom(self) -> Expr:
        t = self.tok
        if t.kind == "num":
            self._next()
            return Num(float(t.text))
        if t.kind == "name":
            return self._name()
        if self._is("("):
            self._next()
            e = self.expr()
            self._close(t)
            return e
        if t.kind == "end":
            raise FormulaError("incomplete", t.col, "",
                               Message("the formula ends too early: a number, x, y, a function "
                                  "or '(' should follow"))
        if self._is(")"):
            raise FormulaError("syntax", t.col, t.typed,
                               Message("')' where a number, x, y, a function or '(' should be"))
        raise FormulaError("syntax", t.col, t.typed,
                           Message("{piece!r} where a number, x, y, a function or '(' should be",
                                   piece=t.typed))

    def _close(self, opening: Token) -> None:
        if self._is(")"):
            self._next()
            return
        t = self.tok
        if t.kind == "end":
            raise FormulaError("unbalanced", opening.col, opening.typed,
                               Message("this '(' is never closed"))
        raise FormulaError("syntax", t.col, t.typed,
                           Message("unexpected {piece!r}: expected ')'", piece=t.typed))

    def _name(self) -> Expr:
        t = self._next()
        name = t.text
        if name in _VARIABLES:
            return Var(name)
        if name in CONSTANTS:
            return Num(CONSTANTS[name], name)
        fn = ALIASES.get(name, name)
        if fn not in FUNCTIONS:
            msg = Message("unknown name {name!r} — the variables are x and y", name=t.typed)
            raise FormulaError("unknown_name", t.col, t.typed, msg,
                               _suggest(name, self._is("(")))
        if not self._is("("):
            raise FormulaError("needs_parentheses", t.col, t.typed,
                               Message("{name} needs its argument in parentheses", name=name),
                               f"{name}(…)")
        opening = self._next()
        args = [self.expr()]
        while self._is(","):
            self._next()
            args.append(self.expr())
        self._close(opening)
        if len(args) != FUNCTIONS[fn]:
            n = FUNCTIONS[fn]
            raise FormulaError("arity", t.col, t.typed,
                               Message("{name} takes {n} arguments, got {got}", name=name, n=n,
                                       got=len(args)) if n > 1 else
                               Message("{name} takes 1 argument, got {got}", name=name,
                                       got=len(args)))
        return Call(fn, tuple(args))


__all__ = ["parse", "FormulaError"]
