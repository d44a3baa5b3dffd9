"""Maps benchmark: build time the maps add for N generated records, and the bytes an
organization page transfers with and without its map opened.

Usage: .venv/bin/python scripts/bench_maps.py [N] (default 10,000). The builds with and
without maps alternate, twice each, and the best of each is kept, so that their
difference means something on a noisy, shared machine.
Bytes are the response bodies, raw and gzip-compressed (as a web server would send them);
map tiles are not counted (they come from the tile server, unreachable here).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_build import directory_site  # noqa: E402

from browser import chromium, serve  # noqa: E402


def build(content: Path, output: Path, plugins: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            str(ROOT / ".venv/bin/pelican"),
            str(content),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(output),
            "-q",
            "-e",
            f"PLUGINS={plugins}",
        ],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def page_bytes(site: Path, path: str) -> tuple[dict, dict]:
    with serve(site) as base, chromium() as browser:
        context = browser.new_context()
        context.route("https://**", lambda route: route.abort())
        page = context.new_page()
        bodies: list[bytes] = []
        page.on("response", lambda response: bodies.append(response.body()) if response.ok else None)
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        before = list(bodies)
        page.click("[data-map-open]")
        page.wait_for_selector(".leaflet-marker-icon")
        page.wait_for_load_state("networkidle")
        after = list(bodies)
    size = lambda items: {"raw": sum(map(len, items)), "gzip": sum(len(gzip.compress(b, 6)) for b in items)}  # noqa: E731
    return size(before), size(after)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="bench-maps-") as tmp:
        work = Path(tmp)
        content = directory_site(work, n)
        # Alternate the two builds and keep each one's best time: the machine is shared.
        times: dict[str, list[float]] = {"without": [], "with": []}
        for _ in range(2):
            times["without"].append(build(content, work / "without", '["directory","minify","atomic_output"]'))
            times["with"].append(build(content, work / "with", '["directory","maps","minify","atomic_output"]'))
        without, with_maps = min(times["without"]), min(times["with"])
        org = sorted((work / "with" / "fr" / "organismes").iterdir())[0].name
        closed, opened = page_bytes(work / "with", f"fr/organismes/{org}/")
        shutil.rmtree(work / "without")
    print(f"records: {n}")
    print(
        f"build without maps: {without:.1f} s; with maps: {with_maps:.1f} s; added: {with_maps - without:+.1f} s "
        f"({(with_maps / without - 1) * 100:+.0f}%)"
    )
    print(f"organization page, map closed: {closed['raw'] / 1024:.1f} KB raw, {closed['gzip'] / 1024:.1f} KB gzip")
    print(
        f"organization page, map opened: {opened['raw'] / 1024:.1f} KB raw, {opened['gzip'] / 1024:.1f} KB gzip "
        "(tiles not counted)"
    )


if __name__ == "__main__":
    main()
