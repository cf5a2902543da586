"""The README's table of optimizers lists every one, in its group, in the engine's order."""

import re
from pathlib import Path

from gdlab.engine.optim.optimizers import grouped

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_table_lists_every_optimizer_in_its_group():
    section = README.read_text().split("## Optimizers\n", 1)[1].split("\n## ", 1)[0]
    rows, group = [], None
    for line in section.splitlines():
        m = re.match(r"\|\s*([^|]*?)\s*\|\s*`([\w-]+)`\s*\|(.+)\|$", line)
        if m:
            group = m.group(1).strip() or group
            rows.append((group, m.group(2)))
    assert rows == [(g, c.name) for g, classes in grouped().items() for c in classes]
