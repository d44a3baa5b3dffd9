"""Scripts and style sheets minified by esbuild (installed from npm by scripts/setup): each file
on its own, ES modules kept as modules (imports, exports and import.meta as written), classic
scripts' globals untouched; UTF-8 text kept as it is, no source maps. A page script listed
in BUNDLED_SCRIPTS is served with the modules it imports as one file instead.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
# The site's own scripts and styles, under the output's theme/; vendored libraries (theme/vendor)
# come minified with their licences, and theme/data is data.
THEME_FOLDERS = {"js": "*.js", "css": "*.css"}
# The oldest browsers the site's scripts and styles are written for (esbuild rewrites newer
# syntax for them; tests/test_site.py checks what it cannot rewrite): those of late 2020, still
# on the cheap phones of 2026. An iPhone 6s or 7 stays on iOS 15, whose Safari read no
# lookbehind in a regular expression: the search module did not load there.
BROWSERS = "chrome87,firefox78,safari14.1"


def esbuild_command(esbuild: str | None) -> list[str]:
    binary = Path(esbuild) if esbuild else NODE_MODULES / ".bin" / "esbuild"
    if not binary.exists():
        raise RuntimeError(
            f"{binary} is missing: run scripts/setup (it installs esbuild from npm to minify "
            "scripts and styles), or build with MINIFY_ASSETS = False"
        )
    return [str(binary), "--minify", "--charset=utf8", "--log-level=warning", f"--target={BROWSERS}"]


def theme_assets(output: Path) -> list[Path]:
    """The theme's own scripts and style sheets in a built site."""
    theme = output / "theme"
    return sorted(path for folder, pattern in THEME_FOLDERS.items() for path in (theme / folder).glob(pattern))


def minify_files(paths: list[Path], base: Path, esbuild: str | None = None) -> None:
    """Rewrite each file (all under `base`) minified in place, in one esbuild run."""
    command = [
        *esbuild_command(esbuild),
        f"--outbase={base}",
        f"--outdir={base}",
        "--allow-overwrite",
        *map(str, paths),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"esbuild could not minify the theme's files:\n{result.stderr}")


def bundle_script(entry: Path, target: Path, esbuild: str | None = None) -> None:
    """Write `entry` and every module it imports, transitively, as one minified ES module; the
    vendored libraries (theme/vendor, copied by the set-up, not in the theme's sources) stay
    imported from where they are served."""
    command = [
        *esbuild_command(esbuild),
        str(entry),
        "--bundle",
        "--format=esm",
        "--external:../vendor/*",
        f"--outfile={target}",
        "--allow-overwrite",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"esbuild could not bundle {entry.name}:\n{result.stderr}")


def minify_script(source: str, esbuild: str | None = None) -> str:
    """A classic script (the service worker) minified."""
    result = subprocess.run(
        [*esbuild_command(esbuild), "--loader=js"], input=source, capture_output=True, text=True, encoding="utf-8"
    )
    if result.returncode != 0:
        raise RuntimeError(f"esbuild could not minify a script:\n{result.stderr}")
    return result.stdout
