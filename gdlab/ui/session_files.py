"""File ▸ Save Session / Open Session / Open Recent / Recover Autosave, Restore Defaults and
Edit ▸ Undo, bound to the window.

A session (:mod:`gdlab.engine.files.session_file`) holds every lane's recipe, the changes made
while it ran and the step it reached; opening one replays the lanes in the worker
(:meth:`Session.restore`) to the same rows. Undo keeps the same record before Remove Lane,
Reset and Restore Defaults and restores it the same way. An autosave is written every
:data:`AUTOSAVE_MS` while something changed, and on close; after a crash the next start
offers it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QStandardPaths, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from ..engine.files.session_file import (SUFFIX, SessionDoc, SessionError, read_session,
                                         write_session)
from ..engine.run.recipe import DEFAULT_PROBLEM, resolve
from ..engine.run.replay import settings_now, version_note
from .i18n import localized, translate
from .jobs import pool
from .session import MAX_LANES
from .window_state import settings_store

AUTOSAVE_MS = 30_000
AUTOSAVE_LANE = "files"  # the pool thread the periodic autosave is written on
AUTOSAVE_NAME = "autosave" + SUFFIX
RECENT_MAX = 8
UNDO_MAX = 20
#: a session file names the open tab in English whatever the window's language
TAB_NAMES = {"inspector": "Inspector", "steps": "Steps", "data": "Data", "graph": "Graph",
             "check": "Gradient check", "tree": "Graph"}


def _filter() -> str:
    """The file dialogs' filter of session files."""
    return translate("Sessions", "gdlab sessions (*{suffix})").format(suffix=SUFFIX)


def autosave_dir() -> Path:
    """Where the autosave lives: the app's data folder."""
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation) or Path.home() / ".gdlab")


class SessionFiles(QObject):
    """The window's sessions: :meth:`save`, :meth:`open`, recent files, autosave, Undo and
    Restore Defaults. ``show_problem(problem, settings)`` readies the views for a problem."""

    def __init__(self, window: QMainWindow, show_problem: Callable, say: Callable) -> None:
        super().__init__(window)
        self.window, self._show_problem, self._say = window, show_problem, say
        self.session, self.panel, self._jobs = window.session, window.panel, window.jobs
        self.last_message = ""  # the last warning shown (scripts and tests read it)
        self.box: QMessageBox | None = None  # the last message box (non-blocking)
        self.undo_stack: list[tuple[str, SessionDoc]] = []
        self.autosave_path = autosave_dir() / AUTOSAVE_NAME
        self._autosaved: dict | None = None
        self._build_actions(window.controls)
        self.session.discarding.connect(self.keep)
        self._box: tuple | None = None  # (serial, box): the view box of a session opened
        self.session.update.connect(self._show_box)
        self._timer = QTimer(self)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self._autosave_later)
        self._timer.start()

    def _build_actions(self, controls) -> None:
        w = self.window

        def action(text: str, slot, key=None) -> QAction:
            a = QAction(text, w)
            if key is not None:
                a.setShortcut(QKeySequence(key))
            a.triggered.connect(slot)
            return a

        self.openAction = action(translate("Sessions", "&Open Session…"), self.open_dialog,
                                 QKeySequence.StandardKey.Open)
        self.saveAction = action(translate("Sessions", "&Save Session…"), self.save_dialog,
                                 QKeySequence.StandardKey.Save)
        self.recentMenu = QMenu(translate("Sessions", "Open &Recent"), w)
        self.recentMenu.aboutToShow.connect(self._fill_recent)
        self.recoverAction = action(translate("Sessions", "Recover &Autosave"),
                                    lambda: self.open(self.autosave_path))
        self.defaultsAction = action(translate("Sessions", "Restore &Defaults"),
                                     self.restore_defaults)
        self.defaultsAction.setToolTip(translate("Sessions", "The settings of 'gdlab run' without "
                                                             "flags, one lane"))
        self.undoAction = action(translate("Sessions", "&Undo"), self.undo,
                                 QKeySequence.StandardKey.Undo)
        self.undoAction.setEnabled(False)
        menu = controls.fileMenu
        first = menu.actions()[0]
        for a in (self.openAction, self.recentMenu.menuAction(), self.saveAction,
                  self.recoverAction):
            menu.insertAction(first, a)
        menu.insertSeparator(first)
        quit_action = menu.actions()[-1]
        menu.insertAction(quit_action, self.defaultsAction)
        menu.insertSeparator(quit_action)
        controls.editMenu.addAction(self.undoAction)
        menu.aboutToShow.connect(
            lambda: self.recoverAction.setEnabled(self.autosave_path.is_file()))

    # -- the session as a record ---------------------------------------------------------
    def document(self) -> SessionDoc:
        """Every lane, the selected one, the map's view box and the open tab."""
        w = self.window
        (x0, x1), (y0, y1) = w.pathPlot.getPlotItem().getViewBox().viewRange()
        tabs = w.modelViews
        keys = {i: key for key, i in tabs.viewIndex.items()}
        return SessionDoc(self.session.records(), self.session.selected,
                          (float(x0), float(x1), float(y0), float(y1)),
                          TAB_NAMES.get(keys.get(tabs.currentIndex(), ""), ""))

    def apply(self, doc: SessionDoc, view: bool = True) -> None:
        """Show ``doc``: the panel the selected lane's settings, the lanes replayed to where
        they were; with ``view``, its view box and tab."""
        w = self.window
        settings = settings_now(doc.lanes[doc.selected])
        self.panel.show_recipe(settings)
        self._show_problem(self.panel.problem, settings)
        self.session.restore(doc.lanes, doc.selected)
        # after the views have followed the replayed lanes' first message (it moves the view)
        self._box = (self.session.serial, doc.box) if view and doc.box is not None else None
        tabs = w.modelViews
        for key, i in tabs.viewIndex.items():
            if view and TAB_NAMES[key] == doc.tab and tabs.isTabVisible(i):
                tabs.setCurrentIndex(i)

    @Slot(object)
    def _show_box(self, u) -> None:
        if self._box is None or not u.reset or u.serial != self._box[0]:
            return
        box, self._box = self._box[1], None
        self.window.pathPlot.show_box(box)

    # -- save and open ---------------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> Path:
        """Write the session to ``path`` (``OSError`` when it can't: nothing written)."""
        path = write_session(path, self.document())
        self._remember(path)
        self._say(translate("Sessions", "Saved the session to {path}").format(path=path), 6000)
        return path

    def open(self, path: str | os.PathLike) -> bool:
        """Open the session in ``path``; a bad one is shown in a message naming the field and
        the problem, and nothing changes."""
        try:
            doc = read_session(path)
            if len(doc.lanes) > MAX_LANES:
                raise SessionError("lanes", translate(
                    "Sessions", "the window races at most {most} lanes, this session has {n} "
                                "('gdlab race' runs more)").format(most=MAX_LANES,
                                                                    n=len(doc.lanes)))
        except SessionError as exc:
            self._warn(translate("Sessions", "Could not open the session"),
                       translate("Sessions", "{name} can't be opened:\n\n{field}: {problem}\n\n"
                                             "Nothing was changed.").format(
                           name=Path(path).name, field=exc.field, problem=localized(exc.problem)))
            return False
        self.keep(QT_TRANSLATE_NOOP("Undo", "Open Session"))
        self.apply(doc)
        if Path(path) != self.autosave_path:
            self._remember(Path(path))
        note = localized(version_note(doc.versions)) if version_note(doc.versions) else ""
        self._say(translate("Sessions", "Opened {name}. {note}").format(name=Path(path).name,
                                                                        note=note) if note else
                  translate("Sessions", "Opened {name}").format(name=Path(path).name), 15000)
        self.last_message = note
        return True

    @Slot()
    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, translate("Sessions", "Save session"),
                                              str(self._folder() / f"session{SUFFIX}"), _filter())
        if not path:
            return
        if not path.endswith(SUFFIX):
            path += SUFFIX
        try:
            self.save(path)
        except OSError as exc:
            self._warn(translate("Sessions", "Could not save the session"),
                       translate("Files", "Could not write {path}:\n{why}\n\nNothing was "
                                          "written.").format(path=path, why=exc.strerror or exc))

    @Slot()
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, translate("Sessions", "Open session"),
                                              str(self._folder()),
                                              _filter() + translate("Sessions", ";;All files (*)"))
        if path:
            self.open(path)

    def recent(self) -> list[str]:
        value = settings_store().value("sessions/recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value]) if v]

    def _remember(self, path: Path) -> None:
        path = str(Path(path).resolve())
        store = settings_store()
        store.setValue("sessions/recent", [path, *[p for p in self.recent() if p != path]]
                       [:RECENT_MAX])
        store.setValue("sessions/folder", str(Path(path).parent))

    def _folder(self) -> Path:
        return Path(str(settings_store().value("sessions/folder", str(Path.home()))))

    @Slot()
    def _fill_recent(self) -> None:
        self.recentMenu.clear()
        for i, p in enumerate(self.recent(), start=1):
            entry = f"&{i} {p.replace('&', '&&')}" if i < 10 else p.replace("&", "&&")
            self.recentMenu.addAction(entry, lambda p=p: self.open(p))
        if self.recentMenu.isEmpty():
            self.recentMenu.addAction(translate("Sessions", "(none yet)")).setEnabled(False)

    def _warn(self, title: str, text: str) -> None:
        """A warning that does not block (scripts and tests go on; the user reads it)."""
        self.last_message = text
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("sessionMessage")
        box.open()
        self.box = box

    # -- undo --------------------------------------------------------------------------
    @Slot(str)
    def keep(self, label: str) -> None:
        """What the session is now, for an Undo of ``label`` (Remove Lane, Reset…)."""
        self.undo_stack = [*self.undo_stack, (label, self.document())][-UNDO_MAX:]
        self._sync_undo()

    def guarded(self, label: str, fn: Callable[[], None]) -> Callable[[], None]:
        """``fn`` that can be undone: the session is kept first."""
        def run() -> None:
            self.keep(label)
            fn()
        return run

    @Slot()
    def undo(self) -> None:
        """The session as it was before the last command that can be undone."""
        if not self.undo_stack:
            return
        label, doc = self.undo_stack.pop()
        self.apply(doc, view=False)
        self._sync_undo()
        self._say(translate("Sessions", "Undid {what}.").format(what=translate("Undo", label)),
                  5000)

    def _sync_undo(self) -> None:
        label = self.undo_stack[-1][0] if self.undo_stack else ""
        self.undoAction.setText(translate("Sessions", "&Undo {what}").format(
            what=translate("Undo", label)) if label else translate("Sessions", "&Undo"))
        self.undoAction.setEnabled(bool(label))

    # -- defaults ------------------------------------------------------------------------
    @Slot()
    def restore_defaults(self) -> None:
        """One lane with exactly the CLI's defaults (``gdlab run`` without flags)."""
        self.keep(QT_TRANSLATE_NOOP("Undo", "Restore Defaults"))
        settings = resolve(DEFAULT_PROBLEM)
        self.panel.show_recipe(settings)
        self._show_problem(self.panel.problem, settings)
        self.session.reset([settings])
        self.window.pathPlot.reset_view()
        settings_store().remove("run/last")
        self._say(translate("Sessions", "Restored the defaults of 'gdlab run' (Undo: Ctrl+Z)."),
                  6000)

    # -- autosave ------------------------------------------------------------------------
    def _changed_doc(self) -> tuple[SessionDoc, dict] | None:
        """The session and its dict if it changed since the last autosave and holds
        something to keep (a lane that ran or changed), else None."""
        doc = self.document()
        d = doc.to_dict()
        if d == self._autosaved or not any(r.steps_done or r.events for r in doc.lanes):
            return None
        return doc, d

    @Slot()
    def _autosave_later(self) -> None:
        """The periodic autosave, written on a pool thread: its fsync waited for the disk
        in the GUI thread (0.1–0.6 s while an export was writing)."""
        changed = self._changed_doc()
        if changed is None or self._jobs.pending("autosave"):
            return
        doc, d = changed
        self._jobs.submit("autosave", lambda: self._write(doc),
                          lambda _path: self._saved(d), self._failed, lane=AUTOSAVE_LANE,
                          finish=True)

    def autosave(self) -> bool:
        """Write the session to :attr:`autosave_path` now if it changed since the last time
        (after a periodic autosave still being written)."""
        pool(AUTOSAVE_LANE).waitForDone(-1)
        changed = self._changed_doc()
        if changed is None:
            return False
        doc, d = changed
        try:
            self._write(doc)
        except OSError as exc:
            self._failed(exc)
            return False
        self._saved(d)
        return True

    def _write(self, doc: SessionDoc) -> Path:
        self.autosave_path.parent.mkdir(parents=True, exist_ok=True)
        return write_session(self.autosave_path, doc)

    def _saved(self, d: dict) -> None:
        self._autosaved = d

    def _failed(self, exc: BaseException) -> None:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        self._say(translate("Sessions", "Could not autosave to {path}: {why}").format(
            path=self.autosave_path, why=why), 8000)

    def current_file(self) -> Path | None:
        """The autosave, written now if needed, when it holds this session (None when no
        lane has run or changed: then there is nothing to keep)."""
        self.autosave()
        return self.autosave_path if self._autosaved == self.document().to_dict() else None

    def started(self) -> None:
        """At start: offer the autosave if the last gdlab ended without closing its window
        (a crash); then mark this one as running."""
        store = settings_store()
        pid = store.value("sessions/running_pid")
        crashed = pid is not None and str(pid) != str(os.getpid()) and not _alive(pid)
        if crashed and self.autosave_path.is_file():
            box = QMessageBox(QMessageBox.Icon.Question,
                              translate("Sessions", "Recover the last session?"),
                              translate("Sessions", "gdlab did not close normally last time. "
                                                    "Open the session it saved automatically?"),
                              QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Discard,
                              self.window)
            box.setObjectName("recoverMessage")
            box.accepted.connect(lambda: self.open(self.autosave_path))
            box.open()
            self.box = box
        store.setValue("sessions/running_pid", os.getpid())

    def closing(self) -> None:
        """At close: the autosave written, this start marked as closed normally."""
        self._timer.stop()
        self.autosave()
        settings_store().remove("sessions/running_pid")


def _alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
