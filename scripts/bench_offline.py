"""Offline benchmark: what a phone downloads to use the directory offline, per language.

Usage: .venv/bin/python scripts/bench_offline.py [N] [--realistic] (default 10,000)

Generates N records (deterministic; with --realistic, lengthened as real records are:
bench_records.py realistic_copy, descriptions of a few paragraphs), builds the site, and reads the service worker's lists
(sw.js): the shell (installed with the worker), each language's pack (fetched after the
first page has loaded: offline search and every organization's page), and "save for
offline" (everything else of the language). Sizes are those a host sends gzip-compressed
(gzip -9 of each file) and raw. Then, in headless Chromium, a first visit on 127.0.0.1
until the language pack is saved, timed.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests"), str(ROOT / "scripts")]

from bench_build import build, directory_site  # noqa: E402
from bench_records import realistic_copy  # noqa: E402

from browser import chromium, serve  # noqa: E402
from offline import read_precache  # noqa: E402

BUDGET = 3 * 1024 * 1024
HOMES = {"fr": "fr/", "en": "en/"}


def sizes(output: Path, urls: list[str]) -> tuple[int, int]:
    raw = packed = 0
    for url in urls:
        path = output / (url + "index.html" if url == "" or url.endswith("/") else url)
        data = path.read_bytes()
        raw += len(data)
        packed += min(len(data), len(gzip.compress(data, 9)))
    return raw, packed


def mib(n: int) -> str:
    return f"{n / 1048576:7.2f} MiB"


def main() -> None:
    arguments = [a for a in sys.argv[1:] if a != "--realistic"]
    realistic = "--realistic" in sys.argv[1:]
    n = int(arguments[0]) if arguments else 10_000
    work = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    try:
        content = directory_site(work, n)
        if realistic:
            generated = content / "organizations"
            realistic_copy(generated.rename(work / "generated"), generated)
        output = work / "output"
        build(content, output)
        precache = read_precache(output)
        shell_raw, shell_gz = sizes(output, [url for url, _ in precache["shell"]])
        print(f"{n} generated records" + (", lengthened as real ones are" if realistic else ""))
        print(
            f"shell (both languages, with the worker): {len(precache['shell'])} files, "
            f"{mib(shell_gz)} gzip ({mib(shell_raw).strip()} raw)"
        )
        print()
        print(
            f"{'lang':4} {'install: shell + pack (gzip)':>30} {'pack files':>10} {'save everything (gzip)':>24} "
            f"{'(raw)':>12} {'files':>7}  target <= 3 MiB"
        )
        worst = 0
        for lang, pack in precache["packs"].items():
            pack_raw, pack_gz = sizes(output, [url for url, _ in pack])
            everything = json.loads((output / precache["everything"][lang]).read_text())
            all_raw, all_gz = sizes(output, [url for url, _, _ in everything])
            install = shell_gz + pack_gz
            worst = max(worst, install)
            print(
                f"{lang:4} {mib(install):>30} {len(pack):10} {mib(install + all_gz):>24} "
                f"{mib(shell_raw + pack_raw + all_raw):>12} {len(pack) + len(everything):7}  "
                f"{'met' if install <= BUDGET else 'MISSED'}"
            )
        print()
        with serve(output) as base, chromium() as browser:
            for lang, home in HOMES.items():
                context = browser.new_context()
                page = context.new_page()
                start = time.perf_counter()
                page.goto(base + home)
                loaded = time.perf_counter() - start
                page.wait_for_function("() => document.documentElement.dataset.offline === 'ready'", timeout=300000)
                ready = time.perf_counter() - start
                print(
                    f"{lang}: first page loaded in {loaded:.2f} s; offline pack saved {ready:.1f} s after the visit "
                    f"began (127.0.0.1, no throttling)"
                )
                context.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
