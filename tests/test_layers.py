"""The code's layers: plugins/repertoire is the record model every plugin and tool shares,
with no Pelican or Jinja in it; plugins share through it, never through each other; the
contributor tools import it, never each other."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT

PLUGINS = ROOT / "plugins"
CORE = "repertoire"
PLUGIN_NAMES = {p.name for p in PLUGINS.iterdir() if (p / "__init__.py").exists()} - {CORE}
# Benchmarks share their set-up (bench_build) and drive the browser as the tests do: they
# are measurement, not tools a contributor runs on records.
TOOLS = [p for p in (ROOT / "scripts").glob("*.py") if not p.name.startswith("bench")]
SCRIPT_NAMES = {p.stem for p in (ROOT / "scripts").glob("*.py")}


def imported(path) -> set[str]:
    """The top-level names of the absolute imports of a Python file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_record_model_loads_neither_pelican_nor_jinja_nor_a_plugin():
    modules = sorted(p.stem for p in (PLUGINS / CORE).glob("*.py") if p.stem != "__init__")
    assert {"records", "taxonomy", "hours", "phones", "directory_model"} <= set(modules)
    code = (
        f"import importlib, sys; sys.path.insert(0, {str(PLUGINS)!r})\n"
        f"for name in {modules!r}: importlib.import_module('{CORE}.' + name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    loaded = set(
        ast.literal_eval(
            subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        )
    )
    assert loaded & ({"pelican", "jinja2", "markupsafe"} | PLUGIN_NAMES) == set()


def test_plugins_share_only_through_the_record_model():
    assert {"directory", "search_index", "exports", "offline", "printed"} <= PLUGIN_NAMES
    reaching = {
        f"{path.relative_to(PLUGINS)} imports {other}"
        for plugin in PLUGIN_NAMES
        for path in (PLUGINS / plugin).rglob("*.py")
        for other in imported(path) & (PLUGIN_NAMES - {plugin})
    }
    assert reaching == set()
    core = {
        f"{path.relative_to(PLUGINS)} imports {name}"
        for path in (PLUGINS / CORE).rglob("*.py")
        for name in imported(path) & PLUGIN_NAMES
    }
    assert core == set()


def test_contributor_tools_import_no_other_script():
    assert {"validate", "format_records", "import_hsds", "new_record", "review"} <= {p.stem for p in TOOLS}
    reaching = {
        f"{path.name} imports {name}" for path in TOOLS for name in imported(path) & (SCRIPT_NAMES - {path.stem})
    }
    assert reaching == set()
