"""What the downloads add to the build: N generated records built twice, the second time
with nothing changed, timing the two generators of downloads in the build itself.

Usage: .venv/bin/python scripts/bench_exports.py [N] [--import-only] (default 10,000).
Prints, per build, the seconds of the lists and open data (CSV, Excel, HSDS) and of the PDF
directories (printed, or copied from the cache when unchanged), beside the whole build; then
the seconds scripts/import_hsds takes for 1,000 generated records (French and English HSDS
JSON, as the site exports them), against its budget of 10 s. --import-only: that figure alone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
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

    import printed
    from exports.generator import ExportsGenerator

    spent: dict[str, float] = {}

    def timing(name, method):
        def wrapper(self, writer):
            start = time.perf_counter()
            method(self, writer)
            spent[name] = time.perf_counter() - start

        return wrapper

    originals = (ExportsGenerator.generate_output, printed.PrintedGenerator.generate_output)
    ExportsGenerator.generate_output = timing("lists + HSDS", originals[0])
    printed.PrintedGenerator.generate_output = timing("PDF directories", originals[1])
    try:
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={"PATH": str(content), "OUTPUT_PATH": str(output), "PDF_CACHE_PATH": str(cache)},
        )
        start = time.perf_counter()
        Pelican(settings).run()
        spent["whole build"] = time.perf_counter() - start
    finally:
        ExportsGenerator.generate_output, printed.PrintedGenerator.generate_output = originals
    return spent


IMPORT_RECORDS = 1000
IMPORT_BUDGET = 10.0


def import_packages(work: Path, n: int = IMPORT_RECORDS) -> list[Path]:
    """n generated records exported as HSDS 3.0 JSON, one package per language (as the site
    exports them): what scripts/import_hsds merges back into bilingual records."""
    from repertoire import hsds
    from repertoire.records import load_directory, record_paths
    from repertoire.taxonomy import load_taxonomy

    source = work / "import-source"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts/generate_records.py"), str(n), str(source)],
        check=True,
        capture_output=True,
    )
    taxonomy = load_taxonomy(ROOT / "content")
    organizations = load_directory(record_paths(source), taxonomy)
    packages = []
    for lang in ("fr", "en"):
        document = {
            "language": lang,
            "organizations": [hsds.organization_object(o.data, lang, taxonomy) for o in organizations],
        }
        packages.append(work / f"hsds-{lang}.json")
        packages[-1].write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return packages


def import_seconds(work: Path, n: int = IMPORT_RECORDS) -> float:
    """Seconds of scripts/import_hsds (the whole command) on import_packages()."""
    packages = import_packages(work, n)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "scripts/import_hsds.py"), *map(str, packages), "--into", str(work / "imported")],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 10_000
    work = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    try:
        if "--import-only" not in sys.argv:
            build_figures(work, n)
        seconds = import_seconds(work)
        print(
            f"\nHSDS import of {IMPORT_RECORDS:,} records (fr + en JSON -> bilingual records): {seconds:.1f} s "
            f"(budget {IMPORT_BUDGET:.0f} s)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_figures(work: Path, n: int) -> None:
    """The downloads' share of a cold build and of a build with nothing changed."""
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


if __name__ == "__main__":
    main()
