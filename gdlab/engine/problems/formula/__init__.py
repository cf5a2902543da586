"""Typed formulas: ``parse_formula("x^2 + y^2")`` is an objective like the catalogue's.

The text is tokenized and parsed by our own parser into our own expression tree
(:mod:`.tree`); nothing else is ever evaluated.
"""

from .errors import MAX_CHARS, MAX_DEPTH, MAX_NODES, FormulaError
from .objective import DEFAULT_BOX, FormulaObjective, parse_formula

__all__ = ["DEFAULT_BOX", "FormulaError", "FormulaObjective", "MAX_CHARS", "MAX_DEPTH",
           "MAX_NODES", "parse_formula"]
