"""Characters to tokens: full-width forms, pasted signs and superscripts normalised, each
token keeping the 1-based column where it was typed.

Nothing outside the grammar gets through: a character that is not a digit, a letter, a
sign of the grammar or a space is a :class:`FormulaError` naming it and its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...text import Message
from .errors import MAX_CHARS, FormulaError

#: characters pasted from documents, and what they mean here
_SIGNS = {"\u2212": "-", "\u2013": "-", "\ufe63": "-", "\u00d7": "*", "\u00b7": "*",
          "\u22c5": "*", "\u2219": "*", "\u00f7": "/", "\u3000": " ", "\u00a0": " ",
          "\u2009": " ", "\u202f": " "}
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+"))
_GREEK = {"π": "pi"}
_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z]+\d*")
_PUNCT = set("+-*/^(),")


@dataclass(frozen=True)
class Token:
    """``kind`` one of num, name, op (+ - * / ^ ( ) ,), sup (a superscript exponent), end."""

    kind: str
    text: str  # normalised text (``**`` becomes ``^``, a superscript its digits)
    col: int  # 1-based column of its first character as typed
    typed: str  # the characters as typed


def _normalise(text: str) -> list[tuple[str, int, str]]:
    """``(char, column, typed)`` for each character, full-width forms and pasted signs
    mapped to ASCII; a superscript stays itself (the tokenizer reads it), a character
    outside the grammar becomes NUL (the tokenizer stops there)."""
    out = []
    for i, ch in enumerate(text, start=1):
        c = ch
        if 0xFF01 <= ord(ch) <= 0xFF5E:  # full-width ASCII (an IME's ｘ＾２＋（）－)
            c = chr(ord(ch) - 0xFEE0)
        c = _SIGNS.get(c, c)
        if c in _GREEK:
            out.extend((g, i, ch) for g in _GREEK[c])
            continue
        ok = (c.isascii() and (c.isalnum() or c in _PUNCT or c in " .")) or c in _SUPERSCRIPTS
        out.append((c if ok else "\0", i, ch))
    return out


def _bad(ch: str, col: int) -> FormulaError:
    if not ch.isprintable() and ch not in _SIGNS:
        return FormulaError("not_printable", col, ch,
                            Message("the character U+{code:04X} is not printable", code=ord(ch)))
    return FormulaError("bad_character", col, ch,
                        Message("the character {char!r} is not part of a formula", char=ch))


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token; raises :class:`FormulaError`."""
    if len(text) > MAX_CHARS:
        raise FormulaError("too_long", MAX_CHARS + 1, "",
                           Message("the formula has {n:,} characters; the limit is {limit}",
                                   n=len(text), limit=MAX_CHARS))
    chars = _normalise(text)
    s = "".join(c for c, _, _ in chars)
    tokens: list[Token] = []
    i = 0
    while i < len(s):
        c, col = s[i], chars[i][1]
        typed = lambda j: text[col - 1:chars[j - 1][1]]  # noqa: E731
        if c == "\0":
            raise _bad(chars[i][2], col)
        if c == " ":
            i += 1
        elif c in _SUPERSCRIPTS:
            j = i
            while j < len(s) and s[j] in _SUPERSCRIPTS:
                j += 1
            tokens.append(Token("sup", "".join(_SUPERSCRIPTS[ch] for ch in s[i:j]), col, typed(j)))
            i = j
        elif m := _NUMBER.match(s, i):
            tokens.append(Token("num", m.group(), col, typed(m.end())))
            i = m.end()
        elif m := _NAME.match(s, i):
            tokens.append(Token("name", m.group(), col, typed(m.end())))
            i = m.end()
        elif s.startswith("**", i):
            tokens.append(Token("op", "^", col, typed(i + 2)))
            i += 2
        elif c in _PUNCT:
            tokens.append(Token("op", c, col, typed(i + 1)))
            i += 1
        else:  # a lone "."
            raise _bad(chars[i][2], col)
    end_col = (chars[-1][1] + 1) if chars else 1
    tokens.append(Token("end", "", end_col, ""))
    return tokens
