"""The modules a page's script imports, all the way down: preloaded together from the page's
<head>, so that a slow connection pays one round trip for them, not one per level of imports."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["'](\./[\w.-]+\.js)["']|^\s*import\s*["'](\./[\w.-]+\.js)["']""",
    re.MULTILINE,
)


@lru_cache(maxsize=64)
def module_graph(folder: str, entry: str) -> tuple[str, ...]:
    """The file names of `entry`'s static imports in `folder`, transitively, `entry` excluded."""
    found: list[str] = []
    pending = [entry]
    while pending:
        name = pending.pop()
        source = (Path(folder) / name).read_text(encoding="utf-8")
        for match in _IMPORT.finditer(source):
            imported = (match.group(1) or match.group(2))[2:]
            if imported not in found and imported != entry:
                found.append(imported)
                pending.append(imported)
    return tuple(sorted(found))
