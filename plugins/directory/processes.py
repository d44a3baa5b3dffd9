"""Whole pieces of CPU work spread over the cores, in forked processes (no Pelican here:
the build and the contributor tools share it)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

_TASK: tuple | None = None  # (function, jobs) inherited by forked workers: nothing to pickle


def _run_task(index: int):
    function, jobs = _TASK
    return function(jobs[index])


def map_in_processes(function, jobs: list, workers: int | None = None) -> list:
    """function(job) for each job, in forked processes (one per core, at most one per job).

    For whole pieces of CPU work that return picklable results (a language's search
    index, a language's downloads). The workers inherit the function and the jobs by
    forking: only job numbers and results cross between processes."""
    global _TASK
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(job) for job in jobs]
    _TASK = (function, jobs)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run_task, range(len(jobs))))
    finally:
        _TASK = None
