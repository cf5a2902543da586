"""Points where the engine's long loops let a host program run.

A loop that evaluates a loss many times (a model's numerical gradient, element by element:
the gradient check, the h sweep, a run on the numerical gradient) calls :func:`between`
after each evaluation. On a thread where a host installed a hook (:func:`yielding_to`,
:func:`install`) that calls the hook; anywhere else it does nothing. The window's run and
pool threads give way to its GUI thread there: a GUI thread calling into Qt lets the GIL go
at each call and, behind three threads looping in Python, waited for it longer than it
worked (a tab change of 50 ms of work took 225 ms).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator

#: the hook of each thread that has one, by thread id (not a ``threading.local``: a thread
#: that Qt started gets a new Python thread state at each call into Python, and its locals
#: with it)
_hooks: dict[int, Callable[[], None]] = {}


def between() -> None:
    """Call this thread's hook, if it has one."""
    hook = _hooks.get(threading.get_ident())
    if hook is not None:
        hook()


def current_hook() -> Callable[[], None] | None:
    """This thread's hook."""
    return _hooks.get(threading.get_ident())


def install(hook: Callable[[], None] | None) -> None:
    """Make ``hook`` this thread's (None: no hook)."""
    if hook is None:
        _hooks.pop(threading.get_ident(), None)
    else:
        _hooks[threading.get_ident()] = hook


@contextmanager
def yielding_to(hook: Callable[[], None]) -> Iterator[None]:
    """This thread's hook is ``hook`` inside the ``with`` block."""
    previous = _hooks.get(threading.get_ident())
    install(hook)
    try:
        yield
    finally:
        install(previous)
