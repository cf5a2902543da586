"""Keep the translation catalogues in step with the code.

``python -m gdlab.ui.catalogue update`` runs Qt's lupdate over gdlab's sources into each
``gdlab/resources/i18n/gdlab_<language>.ts`` (new texts arrive unfinished; translate them
in Qt Linguist or by hand), ``release`` compiles them to ``.qm`` with lrelease (the
package ships the ``.qm``), ``check`` says what is untranslated.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
FOLDER = PACKAGE / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
ALIASES = "QT_TR_NOOP+=N_,QT_TR_NOOP+=Message"


def tool(name: str) -> str:
    """The path of a PySide6 tool (``pyside6-lupdate``…) next to this Python."""
    found = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(found) if found.exists() else (shutil.which(f"pyside6-{name}") or f"pyside6-{name}")


def sources() -> list[Path]:
    """gdlab's Python files whose texts may reach the window (not the benchmarks)."""
    return sorted(p for p in PACKAGE.rglob("*.py") if "bench" not in p.relative_to(PACKAGE).parts)


def update(ts: Path) -> None:
    subprocess.run([tool("lupdate"), *map(str, sources()), "-no-obsolete", "-locations", "none",
                    "-tr-function-alias", ALIASES, "-ts", str(ts)],
                   check=True, capture_output=True, text=True)


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of each message without a finished translation."""
    left = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not "".join(translation.itertext()).strip():
                left.append((name, message.findtext("source") or ""))
    return left


def main(argv: list[str] | None = None) -> int:
    command = (argv if argv is not None else sys.argv[1:] or ["check"])[0]
    for language in LANGUAGES:
        ts = FOLDER / f"gdlab_{language}.ts"
        if command == "update":
            update(ts)
        elif command == "release":
            release(ts, ts.with_suffix(".qm"))
        left = unfinished(ts) if ts.exists() else [("", "(no catalogue)")]
        print(f"{ts.name}: {len(left)} untranslated")
        for context, source in left[:40] if command == "check" else []:
            print(f"  [{context}] {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
