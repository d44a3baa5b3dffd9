"""Search benchmark: first-search bytes and query latency, Répertoire vs Pagefind, same site.

Usage: .venv/bin/python scripts/bench_search.py [N] [--index-only] (default 10,000)

Generates N records (deterministic), builds the site, times the search index alone (seconds
and peak Python memory per language; --index-only: that alone, with no site build), then
in headless Chromium on 127.0.0.1, for each query: a fresh visitor opens the search page,
types the query and waits for the results; everything the page fetched for it (scripts and
data, not the HTML page or CSS) is counted as a host would send it gzip-compressed. The
same queries then go through Pagefind (installed into .venv on first use, as the issue
asks) indexing the same output, its 20 first results loaded like ours. Latency: each query
again, files cached, 30 times, in the page (p50 / p95). The offline worker is blocked here:
its background download of the language pack would compete with the measures.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests"), str(ROOT / "scripts")]

from bench_build import build, directory_site  # noqa: E402

from browser import chromium, serve  # noqa: E402
from search_index.query import SearchFolder  # noqa: E402

QUERIES = {
    "fr": ["aines", "banque alimentaire", "logemnt", "sante mentale montreal", "aide"],
    "en": ["seniors", "food bank", "shelter"],
}
PAGES = {"fr": "fr/recherche/", "en": "en/search/"}
PAGEFIND = "pagefind[bin]==1.5.2"
SHOWN = 20
LATENCY_RUNS = 30
BUDGET = 200 * 1024


def gz_size(path: Path) -> int:
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 9)))


def fetched_bytes(output: Path, urls: list[str]) -> tuple[int, int]:
    """Raw and compressed bytes of the site files behind these URLs."""
    raw = packed = 0
    for url in urls:
        path = output / urlparse(url).path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            raw += path.stat().st_size
            packed += gz_size(path)
    return raw, packed


def counted(url: str) -> bool:
    path = urlparse(url).path
    return not (path.endswith("/") or path.endswith(".html") or path.endswith(".css") or path.endswith(".svg"))


def ours(browser, base: str, output: Path, lang: str, query: str) -> tuple[int, int, int]:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + PAGES[lang])
    page.locator("#q-page").fill(query)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=query)
    page.wait_for_function("() => !document.querySelector('[data-module=search]').hasAttribute('aria-busy')")
    page.wait_for_load_state("networkidle")
    raw, packed = fetched_bytes(output, [u for u in requests if counted(u)])
    context.close()
    return raw, packed, len(SearchFolder(output / "search" / lang).search(query))


def our_latency(browser, base: str, lang: str, query: str) -> list[float]:
    page = browser.new_page(service_workers="block")
    page.goto(base + PAGES[lang])
    times = page.evaluate(
        """async ([lang, q, runs, shown]) => {
        const m = await import('/theme/js/search-engine.js');
        const engine = new m.SearchIndex(new URL('/search/' + lang + '/', location.href), new URL('/', location.href));
        await engine.open();
        const once = async () => { const r = await engine.search(q);
                                   await engine.cards(r.hits.slice(0, shown).map(h => h.doc)); };
        await once();  // files fetched: what follows is the query itself
        const times = [];
        for (let i = 0; i < runs; i++) { const t = performance.now(); await once(); times.push(performance.now() - t); }
        return times; }""",
        [lang, query, LATENCY_RUNS, SHOWN],
    )
    page.close()
    return times


PAGEFIND_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>pagefind</title></head>
<body><script type="module">
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.init();
window.bench = async (q, shown) => {{ const r = await pagefind.search(q);
  await Promise.all(r.results.slice(0, shown).map(x => x.data())); return r.results.length; }};
window.ready = true;
</script></body></html>"""


def pagefind_index(output: Path) -> float:
    pagefind = ROOT / ".venv" / "bin" / "pagefind"
    if not pagefind.exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", PAGEFIND], check=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output)], check=True, capture_output=True)
    return time.perf_counter() - start


def theirs(browser, base: str, output: Path, lang: str, query: str) -> tuple[int, int, int]:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + f"pagefind-bench-{lang}.html")
    page.wait_for_function("() => window.ready === true")
    found = page.evaluate("([q, shown]) => window.bench(q, shown)", [query, SHOWN])
    page.wait_for_load_state("networkidle")
    raw, packed = fetched_bytes(output, [u for u in requests if counted(u)])
    context.close()
    return raw, packed, found


def their_latency(browser, base: str, lang: str, query: str) -> list[float]:
    page = browser.new_page(service_workers="block")
    page.goto(base + f"pagefind-bench-{lang}.html")
    page.wait_for_function("() => window.ready === true")
    times = page.evaluate(
        """async ([q, runs, shown]) => { await window.bench(q, shown); const times = [];
        for (let i = 0; i < runs; i++) { const t = performance.now(); await window.bench(q, shown);
                                         times.push(performance.now() - t); }
        return times; }""",
        [query, LATENCY_RUNS, SHOWN],
    )
    page.close()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def index_measures(content: Path) -> dict[str, tuple[float, int]]:
    """Per language: seconds to build the search files in this process, and the peak of Python
    memory while building them (measured by a second, traced build: tracing slows it). Both
    start with no word stemmed yet, as a build's worker process does."""
    from repertoire.records import load_directory
    from repertoire.taxonomy import load_taxonomy
    from search_index.analysis import known_terms
    from search_index.index import build_search_files

    taxonomy = load_taxonomy(content)
    organizations = load_directory(sorted((content / "organizations").glob("*.yaml")), taxonomy)
    measures = {}
    for lang in PAGES:
        known_terms(lang).clear()
        start = time.perf_counter()
        build_search_files(organizations, taxonomy, lang)
        seconds = time.perf_counter() - start
        known_terms(lang).clear()
        tracemalloc.start()
        build_search_files(organizations, taxonomy, lang)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        measures[lang] = (seconds, peak)
    return measures


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 10_000
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        content = directory_site(work, n)
        if "--index-only" in sys.argv:
            for lang, (seconds, peak) in index_measures(content).items():
                print(
                    f"{n} records, search index ({lang}): built in {seconds:.1f} s (one process), "
                    f"peak {peak / 2**20:.0f} MiB of Python memory"
                )
            return
        output = work / "output"
        build_seconds = build(content, output)
        index_times = index_measures(content)
        index_bytes = {lang: sum(gz_size(p) for p in (output / "search" / lang).iterdir()) for lang in PAGES}

        pagefind_seconds = pagefind_index(output)
        for lang in PAGES:
            (output / f"pagefind-bench-{lang}.html").write_text(PAGEFIND_PAGE.format(lang=lang), encoding="utf-8")

        print(
            f"{n} generated records; full site build {build_seconds:.1f} s; Pagefind indexing the built site "
            f"{pagefind_seconds:.1f} s"
        )
        for lang, (seconds, peak) in index_times.items():
            print(
                f"search index ({lang}): built in {seconds:.1f} s (one process), peak {peak / 2**20:.0f} MiB "
                f"of Python memory, {index_bytes[lang] / 1024:.0f} KiB gzip in all"
            )
        print()
        header = (
            f"{'lang':4} {'query':26} {'ours KiB gz':>11} {'(raw)':>7} {'Pagefind gz':>11} {'(raw)':>7} "
            f"{'hits':>5} {'PF hits':>7} {'ours p50/p95 ms':>16} {'PF p50/p95 ms':>14}"
        )
        print(header)
        print("-" * len(header))
        worst, over_pagefind = 0, []
        with serve(output) as base, chromium() as browser:
            for lang, queries in QUERIES.items():
                for query in queries:
                    raw, packed, found = ours(browser, base, output, lang, query)
                    their_raw, their_packed, their_found = theirs(browser, base, output, lang, query)
                    mine = our_latency(browser, base, lang, query)
                    other = their_latency(browser, base, lang, query)
                    worst = max(worst, packed)
                    if packed > their_packed:
                        over_pagefind.append(query)
                    print(
                        f"{lang:4} {query:26} {packed / 1024:11.1f} {raw / 1024:7.0f} {their_packed / 1024:11.1f} "
                        f"{their_raw / 1024:7.0f} {found:5} {their_found:7} "
                        f"{statistics.median(mine):7.1f}/{p95(mine):<8.1f} "
                        f"{statistics.median(other):6.1f}/{p95(other):<7.1f}"
                    )
        print()
        print(
            f"target: first search <= 200 KiB compressed: worst {worst / 1024:.1f} KiB "
            f"({'met' if worst <= BUDGET else 'MISSED'}); <= Pagefind: "
            f"{'met' if not over_pagefind else 'MISSED for ' + ', '.join(over_pagefind)}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
