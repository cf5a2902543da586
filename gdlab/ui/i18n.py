"""The window's language: gdlab's catalogue and Qt's own, chosen at start.

Window code wraps each text in ``translate("Context", "Text")`` when it builds or updates
a widget (never at import time: the translators are installed after imports). Texts that
come from the engine (marked with ``N_`` or built as a ``Message``) are shown through
:func:`localized`. Catalogues: ``gdlab/resources/i18n/gdlab_<language>.ts`` (Qt Linguist
files, sources of truth) compiled to ``.qm`` by ``python -m gdlab.ui.catalogue``.
"""

from __future__ import annotations

import re
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..engine.optim.optimizers import optimizer_title
from ..engine.text import Message, reason
from .window_state import settings_store

ENGINE_CONTEXT = ""  # lupdate files N_ and Message texts (QT_TR_NOOP aliases) under ""
LANGUAGES = {"en": "English", "zh_CN": "中文（简体）"}  # each in its own language
SETTING = "language"  # QSettings key: "system" (default) or a key of LANGUAGES

_installed: list[QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language (``n`` picks a plural form for ``%n``)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def localized(text: str) -> str:
    """An engine text in the current language: a Message's template is translated, then
    formatted with its fields (fields that are Messages are localized too)."""
    if isinstance(text, Message):
        fields = {k: localized(v) if isinstance(v, Message) else v
                  for k, v in text.fields.items()}
        return translate(ENGINE_CONTEXT, text.template).format(**fields)
    return translate(ENGINE_CONTEXT, text)


def error_text(error: BaseException) -> str:
    """What to tell the user about ``error``, in the current language."""
    return localized(reason(error))


def optimizer_name(name: str) -> str:
    """Optimizer ``name`` as the optimizer list shows it (SGD, L-BFGS, 动量…)."""
    return localized(optimizer_title(name))


def with_access_key(text: str, key: str) -> str:
    """``text`` as a menu entry with the access key ``key`` (a letter or digit): marked where
    ``text`` has it (``&English``), else added after it as Chinese menus do (``中文（简体）(&Z)``);
    ``text`` that has one already is left as it is."""
    if "&" in text.replace("&&", ""):
        return text
    i = text.lower().find(key.lower())
    return text[:i] + "&" + text[i:] if i >= 0 else f"{text}(&{key.upper()})"


def plain_text(text: str) -> str:
    """A menu entry's ``text`` without its access key (``&Run`` → ``Run``, ``运行(&R)`` →
    ``运行``), for a toolbar button or a sentence."""
    text = re.sub(r"[(（]&[^&][)）]", "", text)
    return re.sub(r"&(.)", r"\1", text)


def chosen_language(setting: str) -> str:
    """The language to use for a stored ``setting``: ``system`` follows the locale."""
    if setting in LANGUAGES:
        return setting
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def window_language() -> str:
    """The language the window speaks: the one :func:`install` set (the default locale's)."""
    name = QLocale().name()
    return name if name in LANGUAGES else "en"


def stored_language() -> str:
    """The language the window starts in: the stored choice (Language menu) or the system's."""
    return chosen_language(str(settings_store().value(SETTING, "system")))


def catalogue_path(language: str):
    """The compiled catalogue of ``language`` inside the installed package."""
    return resources.files("gdlab") / "resources" / "i18n" / f"gdlab_{language}.qm"


def install(app: QCoreApplication, language: str) -> bool:
    """Install gdlab's and Qt's translators for ``language`` (a key of LANGUAGES);
    True when gdlab's catalogue was found. English needs none."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return True
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    with resources.as_file(catalogue_path(language)) as path:
        if not ours.load(str(path)):
            return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True
