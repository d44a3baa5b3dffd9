"""Time and peak memory of every case of the hostile corpus (tests/hostile/cases.py), each
run in its own process as a contributor or CI would run the tool: validate for records,
import_hsds for packages. Prints one row per case and whether the tool said what it must.

Usage: .venv/bin/python scripts/bench_hostile.py [--small]
(--small: 100 MB zip bomb and long line instead of 1 GB.) Exit 1 if a case misbehaves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import cases  # noqa: E402


def main(argv: list[str]) -> int:
    small = "--small" in argv
    failures = 0
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        scratch = Path(folder)
        started = time.perf_counter()
        cases.make(scratch, big=not small)
        print(f"corpus written in {time.perf_counter() - started:.1f} s into {scratch}")
        print(f"{'case':<22} {'tool':<9} {'seconds':>8} {'peak MiB':>9}  exit  says what it must")
        for case in cases.CASES:
            seconds, peak, code, output = _measure(case, scratch)
            ok = code == 1 and all(f in output for f in case.expected) and "Traceback" not in output
            failures += not ok
            print(
                f"{case.name:<22} {case.tool:<9} {seconds:8.2f} {peak / 1024:9.1f}  {code:>4}  {'yes' if ok else 'NO'}"
            )
            if not ok:
                print("    " + output.strip().replace("\n", "\n    ")[:2000])
        written = [p for p in (scratch / "into", Path("/tmp/repertoire-hostile")) if p.exists()]
        print(f"files written outside the target or by refused imports: {len(written)}")
        failures += len(written)
    return 1 if failures else 0


def _measure(case: cases.Case, scratch: Path) -> tuple[float, int, int, str]:
    """Wall time and the child's own peak memory (wait4), never the sum of earlier children."""
    started = time.perf_counter()
    process = subprocess.Popen(case.command(scratch), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()  # until the tool exits and closes it
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    return (time.perf_counter() - started, usage.ru_maxrss, process.returncode, output.decode("utf-8", "replace"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
