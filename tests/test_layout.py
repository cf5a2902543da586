"""The window uses the engine through its public names only."""

import ast
from pathlib import Path

import gdlab

UI = Path(gdlab.__file__).parent / "ui"


def _private_engine_uses(path: Path) -> list[str]:
    """``module._name`` on an imported engine module, or ``from ..engine… import _name``."""
    tree = ast.parse(path.read_text(), str(path))
    modules, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and "engine" in (node.module or ""):
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name}")
                modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in modules and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            found.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_the_window_uses_no_private_name_of_the_engine():
    found = [use for path in sorted(UI.rglob("*.py")) for use in _private_engine_uses(path)]
    assert found == []
