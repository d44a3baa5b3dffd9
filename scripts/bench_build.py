"""Build-time benchmark: N generated records vs stock Pelican rendering 2N Markdown pages.

Usage: .venv/bin/python scripts/bench_build.py [N ...] [--realistic] [--rounds=K] (default
1,000 and 10,000; with --realistic, the records are lengthened as real ones are:
bench_records.py realistic_copy, descriptions of a few paragraphs). For each N, in one run
so that ratios mean something on a shared, noisy machine, prints the wall time, the
peak memory (the largest process: /usr/bin/time -v, and every process the build starts
sampled from /proc) and the CPU time of all its processes (sampled from /proc) of:
- a cold build (empty cache: what a fresh clone or a CI run without its cache does);
- a rebuild with nothing changed, after one record edit, and after an alert is published
  (the cache of the cold build reused: what publishing a correction or an emergency costs);
- stock Pelican rendering 2N Markdown pages, right after the cold build;
and the offline install (shell + language pack, gzip) per language.

The machine's speed drifts by a fifth within minutes: one cold build against one stock run
is a ratio that can land anywhere from 1.1 to 1.6. With --rounds=K, the cold build and the
stock run are made K times back to back (the first of each pair alternating), and the
target is judged on the median of the K ratios; every pair is printed. Their CPU seconds are
printed too: stock Pelican works on one core, the build on all, and a change to the build's
work shows in its CPU time well before the machine's drift lets it show in wall time.

Nothing is deleted right before a timed run: every cold build and stock run writes to a folder
of its own, all removed at the end (about 2 GB a round at 10,000 records). On this machine's
ext4, which has no journal, a file or folder made within minutes of many deletions costs up
to ten times its usual CPU: the kernel passes over every recently freed inode before reusing
one. Deleting the last round's output before a run made that run's 40,000 new files and
folders cost 5 to 10 s more, a penalty that depended on the order of the runs and not on the
builds. A fresh clone's build (CI, a deploy) deletes nothing before it either.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PELICAN = ROOT / ".venv" / "bin" / "pelican"


def _descendants(root: int) -> list[int]:
    """The processes started by `root`, at any depth (Linux /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass  # gone meanwhile
    found, grown = {root}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in found and pid not in found:
                found.add(pid)
                grown = True
    return sorted(found)


def _sample_each(root: int, peaks: dict[int, int], cpu: dict[int, int], done: threading.Event) -> None:
    """Each process's peak resident memory (VmHWM, kB) and CPU time so far (ticks), read every
    tenth of a second until `done`. /usr/bin/time only counts the processes their parents wait
    for: not those of multiprocessing's forkserver, which the build starts for its search
    indexes, downloads and PDFs. A process's last tenth of a second may be missed."""
    while not done.is_set():
        for pid in _descendants(root):
            try:
                with open(f"/proc/{pid}/status") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                    cpu[pid] = int(fields[11]) + int(fields[12])  # utime + stime, its own only
            except (OSError, IndexError, ValueError):
                pass  # gone meanwhile
        done.wait(0.1)


def timed(command: list[str], cwd: Path) -> dict:
    """Run a command under /usr/bin/time -v; return seconds, the peak resident memory of its
    largest process in MiB, the CPU seconds of all its processes, and what it printed."""
    # A wide console: Pelican's log does not wrap its lines.
    process = subprocess.Popen(
        ["/usr/bin/time", "-v", *command],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "400"},
    )
    peaks: dict[int, int] = {}
    cpu: dict[int, int] = {}
    done = threading.Event()
    sampler = threading.Thread(target=_sample_each, args=(process.pid, peaks, cpu, done))
    sampler.start()
    stdout, stderr = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", stderr)
    hours, minutes, seconds = (float(x or 0) for x in wall.groups())
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1))
    return {
        "seconds": hours * 3600 + minutes * 60 + seconds,
        "rss_mib": max(rss, *peaks.values()) / 1024,
        "cpu_seconds": sum(cpu.values()) / os.sysconf("SC_CLK_TCK"),
        "log": stdout + stderr,
    }


def directory_site(work: Path, n: int, realistic: bool = False) -> Path:
    content = work / "content"
    content.mkdir()
    for name in ("categories.yaml", "territories.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_records.py"), str(n), str(content / "organizations")],
        check=True,
        capture_output=True,
    )
    if realistic:
        from bench_records import realistic_copy  # only here: it puts the plugins on the path

        generated = (content / "organizations").rename(work / "generated")
        realistic_copy(generated, content / "organizations")
    return content


def build(content: Path, output: Path) -> float:
    """Build a content folder with the project's settings, as the README does; seconds taken."""
    start = time.perf_counter()
    subprocess.run(
        [str(PELICAN), str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def stock_site(work: Path, pages: int) -> Path:
    content = work / "stock"
    (content / "content").mkdir(parents=True)
    for i in range(pages):
        (content / "content" / f"page-{i:05d}.md").write_text(
            f"Title: Organisme {i}\nDate: 2026-01-01\nCategory: c{i % 20}\n\n"
            f"Un paragraphe de description de l'organisme numéro {i}, avec ses services, "
            "sa clientèle et ses heures d'ouverture.\n",
            encoding="utf-8",
        )
    (content / "pelicanconf.py").write_text(
        "SITENAME='stock'\nPATH='content'\nTIMEZONE='America/Toronto'\n"
        "DEFAULT_LANG='fr'\nFEED_ALL_ATOM=None\nCATEGORY_FEED_ATOM=None\n"
        "LOAD_CONTENT_CACHE=False\n"
    )
    return content


def output_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def alert(today: dt.date) -> str:
    """An alert showing today: a build refuses one of more than a year (an alert ending in 2099
    stopped this benchmark's last step once that rule came)."""
    return f"""Title: Avis de froid extrême
Slug: avis-froid-extreme
Lang: fr
Date: {today.isoformat()} 08:00
Category: Mesures d'urgence
Alert: true
Alert_start: {today.isoformat()}
Alert_end: {(today + dt.timedelta(days=30)).isoformat()}
Summary: Des haltes-chaleur sont ouvertes. Appelez le 2-1-1.

Des haltes-chaleur sont ouvertes.
"""


def install_sizes(output: Path) -> dict[str, int]:
    """What a phone downloads to use the site offline (shell + language pack), gzip, per language."""
    from bench_offline import sizes  # it imports this module

    sys.path.insert(0, str(ROOT / "plugins"))
    from offline import read_precache

    precache = read_precache(output)
    shell = sizes(output, [url for url, _ in precache["shell"]])[1]
    return {lang: shell + sizes(output, [url for url, _ in pack])[1] for lang, pack in precache["packs"].items()}


def saved_revisions(output: Path) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "plugins"))
    from offline import saved_revisions

    return saved_revisions(output)


def update_size(before: dict[str, str], output: Path) -> tuple[int, int]:
    """What a phone that saved everything downloads to update to the build in `output`, files
    and bytes (gzip): the worker, the lists of everything, and each file new or revised."""
    from bench_offline import sizes

    now = saved_revisions(output)  # with the plugins importable
    from offline import read_precache

    changed = [url for url, revision in now.items() if url not in before or (revision and before[url] != revision)]
    fetched = ["sw.js", *read_precache(output)["everything"].values(), *changed]
    return len(fetched), sizes(output, fetched)[1]


BULLETIN = """Title: Paniers de Noël : inscriptions ouvertes
Slug: paniers-de-noel-bench
Lang: fr
Date: 2026-11-10 08:00
Category: Aide alimentaire

Les inscriptions aux paniers de Noël sont ouvertes.
"""


def ladder(n: int, work: Path, realistic: bool = False, rounds: int = 1) -> dict:
    """The figures of one size: builds cold, unchanged, after one edit, after an alert."""
    content = directory_site(work, n, realistic)
    # A site with news already (the first bulletin ever adds a link to every page's menu).
    (content / "news").mkdir(exist_ok=True)
    (content / "news" / "paniers-de-noel-bench.fr.md").write_text(BULLETIN, encoding="utf-8")

    def directory_build(name: str) -> list[str]:
        output, cache = str(work / name), str(work / name.replace("out", "cache"))
        return [
            str(PELICAN),
            str(content),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            output,
            "-q",
            "-e",
            f'CACHE_PATH="{cache}"',
        ]

    stock_runs = iter(range(rounds))

    def stock_build(stock_dir: Path) -> dict:
        # Each run writes every file anew, to a folder of its own (see above: nothing deleted).
        output = work / f"stock-out-{next(stock_runs)}"
        return timed([str(PELICAN), "content", "-s", "pelicanconf.py", "-o", str(output), "-q"], stock_dir)

    command = directory_build("out")
    stock_dir = stock_site(work, 2 * n)
    figures = {"cold": timed(command, ROOT), "stock": stock_build(stock_dir)}
    figures["files"], figures["bytes"] = output_size(work / "out")
    figures["install"] = install_sizes(work / "out")
    figures["pairs"] = [(figures["cold"], figures["stock"])]
    # The other pairs before the rebuilds: a rebuild deletes the output it replaces.
    for round_ in range(1, rounds):
        # A cold build again: its own output and cache, so nothing is reused.
        runs = [lambda: timed(directory_build(f"out-{round_}"), ROOT), lambda: stock_build(stock_dir)]
        timings = [run() for run in (runs if round_ % 2 == 0 else runs[::-1])]
        figures["pairs"].append(tuple(timings if round_ % 2 == 0 else timings[::-1]))
    figures["unchanged"] = timed(command, ROOT)
    edit = sorted((content / "organizations").glob("*.yaml"))[n // 2]
    edit.write_text(
        edit.read_text(encoding="utf-8").replace("Organisme fictif", "Organisme fictif modifié", 1), encoding="utf-8"
    )
    figures["edit"] = timed(command, ROOT)
    before = saved_revisions(work / "out")
    (content / "news" / "avis-froid-extreme.fr.md").write_text(alert(dt.date.today()), encoding="utf-8")
    figures["alert"] = timed(command, ROOT)
    figures["alert_update"] = update_size(before, work / "out")
    return figures


def main() -> None:
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
        return
    arguments = [arg for arg in sys.argv[1:] if arg != "--realistic" and not arg.startswith("--rounds=")]
    unread = [
        arg
        for arg in arguments + [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--rounds=")]
        if not arg.replace(",", "").replace("_", "").isdigit()
    ]
    if unread:
        sys.exit(f"bench_build.py: not a number: {', '.join(unread)} (see --help)")
    realistic = "--realistic" in sys.argv[1:]
    rounds = max([1] + [int(arg.split("=", 1)[1]) for arg in sys.argv[1:] if arg.startswith("--rounds=")])
    sizes = [int(arg.replace(",", "").replace("_", "")) for arg in arguments] or [1_000, 10_000]
    if realistic:
        print("records lengthened as real ones are (bench_records.py realistic_copy)")
    # CPU: every process's, however many cores ran them (stock Pelican uses one; the build, all).
    print(f"{'records':>8} {'build':<38}{'wall s':>9}{'peak MiB':>10}{'CPU s':>8}  target")
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
            f = ladder(n, Path(tmp), realistic, rounds)
        cold = f["cold"]["seconds"]
        ratio = statistics.median(c["seconds"] / s["seconds"] for c, s in f["pairs"])
        rows = [
            (
                f"cold ({f['files']} files, {f['bytes'] // 2**20} MiB)",
                f["cold"],
                f"<= stock Pelican: {'met' if ratio <= 1 else 'MISSED'} ({ratio:.2f}x"
                + (f", median of {len(f['pairs'])} pairs)" if len(f["pairs"]) > 1 else ")"),
            ),
            ("rebuild, nothing changed", f["unchanged"], ""),
            (
                "rebuild after one record edit",
                f["edit"],
                f"<= 15% of cold ({0.15 * cold:.1f} s): {'met' if f['edit']['seconds'] <= 0.15 * cold else 'MISSED'}",
            ),
            ("rebuild after an alert", f["alert"], f"<= 10 s: {'met' if f['alert']['seconds'] <= 10 else 'MISSED'}"),
            (f"stock Pelican, {2 * n} Markdown pages", f["stock"], ""),
        ]
        for label, figure, target in rows:
            print(
                f"{n:>8} {label:<38}{figure['seconds']:>9.1f}{figure['rss_mib']:>10.0f}"
                f"{figure['cpu_seconds']:>8.1f}  {target}"
            )
        if len(f["pairs"]) > 1:
            pairs = ", ".join(f"{c['seconds']:.1f}/{s['seconds']:.1f}" for c, s in f["pairs"])
            print(f"{n:>8} {'cold / stock, back to back (wall s)':<38}  {pairs}")
            pairs = ", ".join(f"{c['cpu_seconds']:.0f}/{s['cpu_seconds']:.0f}" for c, s in f["pairs"])
            print(f"{n:>8} {'cold / stock, back to back (CPU s)':<38}  {pairs}")
        files, size = f["alert_update"]
        print(
            f"{n:>8} {'offline update after the alert':<38}  {files} files, {size / 2**20:.2f} MiB gzip (saved everything)"
        )
        memory = f["cold"]["rss_mib"]
        print(
            f"{n:>8} {'peak memory of the cold build':<38}{'':>9}{memory:>10.0f}  "
            f"<= 500 MiB at 10,000: {'met' if memory <= 500 else 'MISSED'}"
        )
        for lang, size in f["install"].items():
            print(
                f"{n:>8} {'offline install, ' + lang + ' (MiB gzip)':<38}{size / 2**20:>9.2f}{'':>10}  "
                f"<= 3 MiB: {'met' if size <= 3 * 2**20 else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
