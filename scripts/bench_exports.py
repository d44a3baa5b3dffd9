"""What the downloads add to the build: N generated records built twice, the second time
with nothing changed, timing the two generators of downloads in the build itself.

Usage: .venv/bin/python scripts/bench_exports.py [N] (default 10,000). Prints, per build,
the seconds of the lists and open data (CSV, Excel, HSDS) and of the PDF directories
(printed, or copied from the cache when unchanged), beside the whole build.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_build import directory_site  # noqa: E402


def timed_build(content: Path, output: Path, cache: Path) -> dict[str, float]:
    """One in-process build; seconds of the whole and of each downloads generator."""
    from pelican import Pelican
    from pelican.settings import read_settings

    import exports
    import printed

    spent: dict[str, float] = {}

    def timing(name, method):
        def wrapper(self, writer):
            start = time.perf_counter()
            method(self, writer)
            spent[name] = time.perf_counter() - start
        return wrapper

    originals = (exports.ExportsGenerator.generate_output, printed.PrintedGenerator.generate_output)
    exports.ExportsGenerator.generate_output = timing("lists + HSDS", originals[0])
    printed.PrintedGenerator.generate_output = timing("PDF directories", originals[1])
    try:
        settings = read_settings(str(ROOT / "pelicanconf.py"), override={
            "PATH": str(content), "OUTPUT_PATH": str(output), "PDF_CACHE_PATH": str(cache)})
        start = time.perf_counter()
        Pelican(settings).run()
        spent["whole build"] = time.perf_counter() - start
    finally:
        exports.ExportsGenerator.generate_output, printed.PrintedGenerator.generate_output = originals
    return spent


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    work = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    try:
        content = directory_site(work, n)
        cold = timed_build(content, work / "output", work / "pdf-cache")
        pdfs = list((work / "output").glob("*/*/region-*.pdf"))
        warm = timed_build(content, work / "output", work / "pdf-cache")
        print(f"Downloads in the build: {n} generated records, this machine\n")
        print(f"{'seconds':<22}{'cold (empty cache)':>20}{'nothing changed':>20}")
        for name in ("lists + HSDS", "PDF directories", "whole build"):
            print(f"{name:<22}{cold[name]:>20.1f}{warm[name]:>20.1f}")
        added = (cold["lists + HSDS"] + cold["PDF directories"], warm["lists + HSDS"] + warm["PDF directories"])
        print(f"{'downloads added':<22}{added[0]:>20.1f}{added[1]:>20.1f}")
        size = sum(p.stat().st_size for p in pdfs)
        print(f"\n{len(pdfs)} PDF directories, {size / 2**20:.1f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
