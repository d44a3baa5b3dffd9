"""Front-end libraries copied from node_modules (installed by scripts/setup) into the site."""

import re
import shutil
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


def copy_npm_files(files: dict[str, list[str]], target: Path) -> None:
    """Copy each package's listed files (licences included) under target/<package>/, without "dist/".

    An ES module (.mjs) is copied as .js: every web server sends that type as JavaScript,
    which browsers require of module scripts."""
    for package, names in files.items():
        for name in names:
            destination = target / package / re.sub(r"\.mjs$", ".js", name.removeprefix("dist/"))
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_installed(package, name), destination)


def join_npm_scripts(scripts: list[tuple[str, str]], destination: Path) -> None:
    """Write classic scripts ((package, file) each, their licence comments kept) one after the
    other into one file, run in that order: one request instead of several."""
    joined = b"\n;\n".join(_installed(package, name).read_bytes().strip() for package, name in scripts)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(joined + b"\n")


def _installed(package: str, name: str) -> Path:
    source = NODE_MODULES / package / name
    if not source.exists():
        raise RuntimeError(f"{source} is missing: run scripts/setup (it installs the npm packages the site vendors)")
    return source
