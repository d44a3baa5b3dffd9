"""The benchmark: one table of every budget, each figure beside its peer or target, one run.

Usage: scripts/bench [N] (default 10,000 generated records). Takes ~10 minutes here.

Steps: generate N records (deterministic); build them (timed) and stock Pelican on 2N
Markdown pages (timed); edit one record and rebuild; measure in headless Chromium on
127.0.0.1 the critical bytes of each page kind (HTML, CSS and scripts a first visit loads,
gzip -9), the first search against Pagefind on the same output, the offline download;
run Lighthouse (npm, mobile) on each of those page kinds; where the first number to call sits on a
phone and the first results on Slow 3G; how fast scripts/validate reads the records (also
lengthened as real ones are) and scripts/import_hsds imports 1,000. The parts are the scripts
bench_build.py, bench_search.py, bench_offline.py, bench_phone.py and bench_records.py, which
print more detail.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests"), str(ROOT / "scripts")]

import bench_offline  # noqa: E402
import bench_phone  # noqa: E402
import bench_records  # noqa: E402
import bench_search  # noqa: E402
from bench_build import PELICAN, directory_site, output_size, stock_site, timed  # noqa: E402

from browser import CHROMIUM, CHROMIUM_ARGS, chromium, serve  # noqa: E402
from offline import read_precache  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
QUERIES = {"fr": ["banque alimentaire", "aines"], "en": ["food bank"]}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_kinds(output: Path) -> dict[str, str]:
    org = sorted((output / "fr" / "organismes").iterdir())[0].name
    return {
        "home": "fr/",
        "category": "fr/categories/alimentation/",
        "region": "fr/regions/montreal/",
        "organization": f"fr/organismes/{org}/",
        "search": "fr/recherche/",
        "search with results": "fr/recherche/?q=banque+alimentaire",
        "N-1-1 guide": "fr/guide-n11/",
        "my list": "fr/ma-liste/",
        "printable directory": "fr/repertoire-imprimable/",
        "open data": "fr/donnees-ouvertes/",
        "use offline": "fr/hors-ligne/",
    }


def critical_bytes(browser, base: str, output: Path, path: str) -> int:
    """HTML, CSS and scripts a first visit loads (images, data and the worker's downloads aside)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    urls = []
    page.on(
        "request", lambda r: urls.append(r.url) if r.resource_type in ("document", "stylesheet", "script") else None
    )
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    context.close()
    return bench_search.fetched_bytes(output, urls)[1]


def lighthouse(url: str) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--quiet",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def row(label: str, ours: str, peer: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "MISSED")
    print(f"{label:<46} {ours:>16} {peer:>24}  {verdict}")


def pdf_figures(output: Path, log: str) -> dict:
    """PDFs, pages, entries (organizations on their covers) and bytes of the regional PDFs of
    every language, and the seconds the build took to print them (its log says)."""
    import re

    from pypdf import PdfReader

    figures = {"pdfs": 0, "pages": 0, "entries": 0, "bytes": 0}
    for pdf in sorted(output.glob("*/*/region-*.pdf")):
        reader = PdfReader(pdf)
        figures["pdfs"] += 1
        figures["pages"] += len(reader.pages)
        found = re.search(r"(\d[\d\s]*) (?:organismes?|organizations?)", reader.pages[0].extract_text())
        figures["entries"] += int(re.sub(r"\s", "", found.group(1))) if found else 0
        figures["bytes"] += pdf.stat().st_size
    printed = re.search(r"Printed directories: (\d+) PDFs printed, \d+ unchanged ones reused, in ([\d.]+) s", log)
    figures["seconds"] = float(printed.group(2)) if printed and int(printed.group(1)) == figures["pdfs"] else None
    return figures


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    if not LIGHTHOUSE.exists():
        sys.exit("node_modules/.bin/lighthouse is missing: run scripts/setup --dev")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    os.environ["REPERTOIRE_SITEURL"] = f"http://127.0.0.1:{port}"  # absolute hreflang, as published
    try:
        content = directory_site(work, n)
        output = work / "output"
        # A cache of its own: the first build is cold, the rebuild reuses what did not change.
        build_command = [
            str(PELICAN),
            str(content),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(output),
            "-v",
            "-e",
            f'CACHE_PATH="{work / "cache"}"',
        ]
        ours = timed(build_command, ROOT)
        files, size = output_size(output)
        edit = sorted((content / "organizations").glob("*.yaml"))[0]
        edit.write_text(
            edit.read_text(encoding="utf-8").replace("Organisme fictif", "Organisme fictif modifié", 1),
            encoding="utf-8",
        )
        rebuild = timed(build_command, ROOT)
        reading = bench_records.measure(work / "reading", n, generated=content)
        stock = timed(
            [str(PELICAN), "content", "-s", "pelicanconf.py", "-o", str(work / "stock-out"), "-q"],
            stock_site(work, 2 * n),
        )
        bench_search.pagefind_index(output)
        for lang in bench_search.PAGES:
            (output / f"pagefind-bench-{lang}.html").write_text(
                bench_search.PAGEFIND_PAGE.format(lang=lang), encoding="utf-8"
            )
        pdfs = pdf_figures(output, ours["log"])
        precache = read_precache(output)
        shell_gz = bench_offline.sizes(output, [url for url, _ in precache["shell"]])[1]

        # Text compressed as a host sends it: Lighthouse and Slow 3G then count the bytes that travel.
        with serve(output, port=port, compress=True) as base, chromium() as browser:
            kinds = page_kinds(output)
            critical = {kind: critical_bytes(browser, base, output, path) for kind, path in kinds.items()}
            searches = []
            for lang, queries in QUERIES.items():
                for query in queries:
                    mine = bench_search.ours(browser, base, output, lang, query)[1]
                    theirs = bench_search.theirs(browser, base, output, lang, query)[1]
                    latency = bench_search.our_latency(browser, base, lang, query)
                    their_latency = bench_search.their_latency(browser, base, lang, query)
                    searches.append((lang, query, mine, theirs, latency, their_latency))
            scores = {kind: lighthouse(base + path) for kind, path in kinds.items()}
            phone = bench_phone.measure(browser, base, output)

        print(f"Benchmark: {n} generated records, one run on this machine ({os.cpu_count()} cores)\n")
        row("figure", "Répertoire", "peer / target", None)
        print("-" * 96)
        row(
            "full build (s)",
            f"{ours['seconds']:.1f}",
            f"stock Pelican {stock['seconds']:.1f}",
            ours["seconds"] <= stock["seconds"],
        )
        row(
            "rebuild after one record edit (s)",
            f"{rebuild['seconds']:.1f}",
            f"<= 15% of build: {0.15 * ours['seconds']:.1f}",
            rebuild["seconds"] <= 0.15 * ours["seconds"],
        )
        for kind in ("generated", "realistic"):
            wall, cpu = reading[(kind, "validate")]
            row(
                f"scripts/validate, {kind} records (s)",
                f"{wall:.1f} ({cpu:.1f} CPU)",
                f"<= {bench_records.VALIDATE_BUDGET:.0f}",
                wall <= bench_records.VALIDATE_BUDGET,
            )
        wall, cpu = reading[("import", "import")]
        row(
            "scripts/import_hsds, 1,000 records (s)",
            f"{wall:.1f} ({cpu:.1f} CPU)",
            f"<= {bench_records.IMPORT_BUDGET:.0f}",
            wall <= bench_records.IMPORT_BUDGET,
        )
        row("peak memory of the build (MiB)", f"{ours['rss_mib']:.0f}", f"stock Pelican {stock['rss_mib']:.0f}", None)
        row("output", f"{files} files", f"{size / 2**20:.0f} MiB", None)
        for kind, packed in critical.items():
            budget = kind == "organization"
            row(
                f"critical bytes, {kind} page (KiB gz)",
                f"{packed / 1024:.1f}",
                "<= 14 KiB" if budget else "",
                packed <= 14 * 1024 if budget else None,
            )
        for lang, query, mine, theirs, latency, their_latency in searches:
            row(
                f"first search '{query}' ({lang}) (KiB gz)",
                f"{mine / 1024:.1f}",
                f"Pagefind {theirs / 1024:.1f}; <= 200",
                mine <= min(theirs, 200 * 1024),
            )
            row(
                "  query p50 / p95 (ms)",
                f"{statistics.median(latency):.1f} / {bench_search.p95(latency):.1f}",
                f"Pagefind {statistics.median(their_latency):.1f} / {bench_search.p95(their_latency):.1f}; p95 <= 30",
                bench_search.p95(latency) <= 30,
            )
        for lang, pack in precache["packs"].items():
            pack_gz = bench_offline.sizes(output, [url for url, _ in pack])[1]
            everything = json.loads((output / precache["everything"][lang]).read_text())
            all_gz = bench_offline.sizes(output, [url for url, _, _ in everything])[1]
            row(
                f"offline install, {lang} (MiB gz)",
                f"{(shell_gz + pack_gz) / 2**20:.2f}",
                "<= 3 MiB",
                shell_gz + pack_gz <= 3 * 2**20,
            )
            row(f"save everything, {lang} (MiB gz)", f"{(shell_gz + pack_gz + all_gz) / 2**20:.1f}", "", None)
        row(
            f"regional PDFs ({pdfs['pdfs']}): pages / entries",
            f"{pdfs['pages']} / {pdfs['entries']}",
            f"<= 1 page per 3: {pdfs['entries'] / 3:.0f}",
            pdfs["pages"] <= pdfs["entries"] / 3 + 3 * pdfs["pdfs"],
        )
        row("regional PDFs (MiB)", f"{pdfs['bytes'] / 2**20:.1f}", "", None)
        seconds = pdfs["seconds"]
        row(
            "regional PDFs printed in the cold build (s)",
            "?" if seconds is None else f"{seconds:.1f}",
            ""
            if seconds is None
            else f"{1000 * seconds / max(pdfs['entries'], 1):.2f} ms/entry, "
            f"{100 * seconds / ours['seconds']:.0f}% of build",
            None,
        )
        for kind, bottom in phone["first_call"].items():
            row(
                f"first number to call, {kind} (px at 390x844)",
                "none" if bottom is None else f"{bottom:.0f}",
                "<= 844",
                bottom is not None and bottom <= 844,
            )
        slow = phone["slow_3g"]
        results = slow["first"] - slow["load"]
        row(
            "Slow 3G: first results after load (s)",
            f"{results:.1f}",
            f"<= 3 (load {slow['load']:.1f}, {slow['round_trips']} round trip)",
            results <= 3,
        )
        for kind, result in scores.items():
            text = " / ".join(str(result[c]) for c in CATEGORIES)
            row(
                f"Lighthouse mobile, {kind} (perf/a11y/bp/seo)",
                text,
                "100 / 100 / 100 / 100",
                all(v == 100 for v in result.values()),
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
