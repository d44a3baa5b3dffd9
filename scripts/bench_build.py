"""Build-time benchmark: N generated records vs stock Pelican rendering 2N Markdown pages.

Usage: .venv/bin/python scripts/bench_build.py [N] (default 10,000). Prints wall time and
peak memory (/usr/bin/time -v) of both builds, run one after the other on this machine,
so that their ratio means something on a shared, noisy machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PELICAN = ROOT / ".venv" / "bin" / "pelican"


def timed(command: list[str], cwd: Path) -> dict:
    """Run a command under /usr/bin/time -v; return seconds, peak RSS in MiB and what it printed."""
    # A wide console: Pelican's log does not wrap its lines.
    result = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "400"})
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    hours, minutes, seconds = (float(x or 0) for x in wall.groups())
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return {"seconds": hours * 3600 + minutes * 60 + seconds, "rss_mib": rss / 1024, "log": result.stdout + result.stderr}


def directory_site(work: Path, n: int) -> Path:
    content = work / "content"
    content.mkdir()
    for name in ("categories.yaml", "territories.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_records.py"), str(n),
                    str(content / "organizations")], check=True, capture_output=True)
    return content


def build(content: Path, output: Path) -> float:
    """Build a content folder with the project's settings, as the README does; seconds taken."""
    start = time.perf_counter()
    subprocess.run([str(PELICAN), str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output)],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def stock_site(work: Path, pages: int) -> Path:
    content = work / "stock"
    (content / "content").mkdir(parents=True)
    for i in range(pages):
        (content / "content" / f"page-{i:05d}.md").write_text(
            f"Title: Organisme {i}\nDate: 2026-01-01\nCategory: c{i % 20}\n\n"
            f"Un paragraphe de description de l'organisme numéro {i}, avec ses services, "
            "sa clientèle et ses heures d'ouverture.\n", encoding="utf-8")
    (content / "pelicanconf.py").write_text("SITENAME='stock'\nPATH='content'\nTIMEZONE='America/Toronto'\n"
                                            "DEFAULT_LANG='fr'\nFEED_ALL_ATOM=None\nCATEGORY_FEED_ATOM=None\n"
                                            "LOAD_CONTENT_CACHE=False\n")
    return content


def output_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        content = directory_site(work, n)
        generated = time.perf_counter() - started
        ours = timed([str(PELICAN), str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(work / "out"), "-q"], ROOT)
        files, size = output_size(work / "out")
        edit = next((content / "organizations").glob("*.yaml"))
        edit.write_text(edit.read_text(encoding="utf-8").replace("Organisme fictif", "Organisme fictif modifié", 1),
                        encoding="utf-8")
        rebuild = timed([str(PELICAN), str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(work / "out"), "-q"], ROOT)
        stock_dir = stock_site(work, 2 * n)
        stock = timed([str(PELICAN), "content", "-s", "pelicanconf.py", "-o", str(work / "stock-out"), "-q"], stock_dir)
    print(f"records generated: {n} in {generated:.1f} s")
    print(f"{'build':<44}{'wall s':>9}{'peak MiB':>10}")
    print(f"{'Répertoire, ' + str(n) + ' records (' + str(files) + ' files, ' + str(size // 2**20) + ' MiB)':<44}"
          f"{ours['seconds']:>9.1f}{ours['rss_mib']:>10.0f}")
    print(f"{'Répertoire, rebuild after one record edit':<44}{rebuild['seconds']:>9.1f}{rebuild['rss_mib']:>10.0f}")
    print(f"{'stock Pelican, ' + str(2 * n) + ' Markdown pages':<44}{stock['seconds']:>9.1f}{stock['rss_mib']:>10.0f}")
    print(f"ratio Répertoire / stock Pelican: {ours['seconds'] / stock['seconds']:.2f}")


if __name__ == "__main__":
    main()
