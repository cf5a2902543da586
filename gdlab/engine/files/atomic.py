"""Writing files so that a reader finds the old contents or the new, never a mix.

Each file is written into a temporary file in its folder and renamed over its name when
all the files of one :class:`Commit` are written; if one rename fails, the names already
renamed get their old files back. Writes go through to what the user named: a symlink's
target is replaced (the link stays a link), a device or pipe (``/dev/null``,
``/dev/stdout``) is written in place, and an existing file keeps its permission bits
(a new one gets the umask's, applied by the kernel).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

MAX_LINKS = 40  # symlinks followed before giving up, as the kernel's ELOOP


def resolve(path: str | os.PathLike) -> tuple[Path, bool]:
    """``(the file to write, whether to write it in place)``.

    The file is the final target of ``path``'s symlinks; it is written in place when it
    exists and is not a regular file (a device, a pipe) or is reached through
    ``/proc`` (``/dev/stdout`` → ``/proc/self/fd/1``: renaming over it would detach
    the descriptor).
    """
    p = os.path.abspath(path)
    for _ in range(MAX_LINKS):
        p = os.path.join(os.path.realpath(os.path.dirname(p)), os.path.basename(p))
        if p.startswith("/proc/"):
            return Path(p), True
        try:
            target = os.readlink(p)
        except OSError:  # not a link, or nothing there yet
            break
        p = os.path.join(os.path.dirname(p), target)
    else:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        return Path(p), False
    return Path(p), not stat.S_ISREG(mode)


def _temp_name(real: Path, suffix: str) -> Path:
    """A short unused name beside ``real`` (far below NAME_MAX whatever ``real``'s length)."""
    return real.with_name(f".{real.name[:24]}.{secrets.token_hex(4)}{suffix}")


@dataclass
class _Pending:
    real: Path  # the file that gets the new contents
    tmp: Path | None = None  # None: written in place
    backup: Path | None = None  # a hard link to the old file, for a rollback
    renamed: bool = False


class Commit:
    """Files written together: ``with Commit() as c: with c.open(path) as fh: ...``.

    Leaving the ``with`` block normally renames every temporary file over its name; an
    exception inside the block, or a failed rename, leaves every name as it was (files
    written in place excepted: a device cannot be rolled back) and removes the temporary
    files, even on ``KeyboardInterrupt`` or ``SystemExit``.
    """

    def __enter__(self) -> "Commit":
        self._files: list[_Pending] = []
        return self

    @contextlib.contextmanager
    def open(self, path: str | os.PathLike, binary: bool = False) -> Iterator[IO]:
        """A file object that writes (in the end) to ``path``; see :func:`resolve`."""
        real, in_place = resolve(path)
        pending = _Pending(real)
        self._files.append(pending)
        if in_place:
            fd = os.open(real, os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC)
        else:
            fd = self._create_temp(pending)
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", newline="", encoding="utf-8")) as fh:
            yield fh
            fh.flush()
            if pending.tmp is not None:
                os.fsync(fh.fileno())

    @staticmethod
    def _create_temp(pending: _Pending) -> int:
        try:
            old_mode = stat.S_IMODE(os.stat(pending.real).st_mode)
        except FileNotFoundError:
            old_mode = None
        while True:
            # named before it exists: a signal right after the open still finds it to remove
            pending.tmp = _temp_name(pending.real, ".tmp")
            try:
                # 0o666 and the kernel applies the umask: no os.umask() round trip to learn it
                fd = os.open(pending.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                             0o666)
                break
            except FileExistsError:
                pending.tmp = None  # someone else's file
        if old_mode is not None:
            os.fchmod(fd, old_mode)
        return fd

    def __exit__(self, exc_type, exc, tb) -> None:
        committed = False
        try:
            if exc_type is None:
                try:
                    self._rename_all()
                    committed = True
                except BaseException:
                    self._roll_back()
                    raise
        finally:
            # a backup that could not be put back stays: it holds the only old copy
            for leftover in [f.tmp for f in self._files] + \
                    [f.backup for f in self._files if committed]:
                if leftover is not None:
                    with contextlib.suppress(OSError):  # e.g. removed by someone else
                        os.unlink(leftover)

    def _rename_all(self) -> None:
        staged = [f for f in self._files if f.tmp is not None]
        for i, f in enumerate(staged):
            if i < len(staged) - 1 and os.path.exists(f.real):
                f.backup = _temp_name(f.real, ".bak")
                try:
                    os.link(f.real, f.backup)
                except OSError:  # no hard links here (FAT, some network folders)
                    os.replace(f.real, f.backup)
            os.replace(f.tmp, f.real)
            f.tmp, f.renamed = None, True

    def _roll_back(self) -> None:
        for f in reversed(self._files):
            with contextlib.suppress(OSError):  # put back what can be, whatever fails
                if f.backup is not None:
                    os.replace(f.backup, f.real)
                elif f.renamed:
                    os.unlink(f.real)
