"""Whole pieces of CPU work spread over the cores, in forked processes (no Pelican here:
the build and the contributor tools share it)."""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver
from multiprocessing.connection import wait
from pathlib import Path

_TASK: tuple | None = None  # (function, jobs) inherited by forked workers: nothing to pickle
_NOTHING = object()  # no `shared` given
# Modules that work run by map_in_fresh_processes needs (plugins): imported once, by the
# server process the workers are forked from, when it starts (at the build's first call).
_PRELOADED: set[str] = set()


def preload_in_fresh_processes(*modules: str) -> None:
    """Have the processes of map_in_fresh_processes start with these modules imported (the
    modules of the work they run), rather than import them each. The server reads the list
    once, when the first call starts it: a plugin says so when it is registered."""
    _PRELOADED.update(modules)


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


def map_in_fresh_processes(
    function, jobs: Iterable, workers: int | None = None, shared=_NOTHING, count: int | None = None
) -> list:
    """function(job) for each job, each in a process of its own that ends with it, forked from
    a small server process (multiprocessing's forkserver) that imported only the modules
    named by preload_in_fresh_processes (plugins, found on the build's path): for work that keeps what
    it allocated from one job to the next (Typst keeps every document it compiled in its
    caches: one process printing the 36 directories of a language grew past 1 GB at 10,000
    records), or that a fork would make heavy (a fork counts every page of the build it
    inherits as its own). Jobs and results are pickled.

    `shared`: what every job needs (the records), then function(job, shared). It is pickled
    once into a temporary file that each process reads as it unpickles, rather than sent with
    each job: a message through a pipe is held whole in memory, in the build and in the
    process, besides what it holds once read (~100 MB of records at 10,000).

    `jobs` may also be an iterator of `count` jobs, each made when it is sent: the build makes
    the next ones while the processes work on the first."""
    if count is None:
        count = len(jobs)
    workers = min(count, workers or os.cpu_count() or 1)
    if not count or "forkserver" not in multiprocessing.get_all_start_methods():
        jobs = list(jobs)
        if shared is _NOTHING:
            return map_in_processes(function, jobs, workers)
        return map_in_processes(functools.partial(function, shared=shared), jobs, workers)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(sorted(_PRELOADED))
    plugins = str(Path(__file__).resolve().parents[1])
    added = plugins not in sys.path
    if added:  # the processes import the plugins by name
        sys.path.insert(0, plugins)
    _start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="repertoire-shared-") as folder:
            if shared is not _NOTHING:
                path = os.path.join(folder, "shared.pickle")
                with open(path, "wb") as handle:
                    pickle.dump(shared, handle, protocol=pickle.HIGHEST_PROTOCOL)
                function = _WithShared(function, path)
            return _each_alone(context, function, iter(jobs), count, workers)
    finally:
        if added:
            sys.path.remove(plugins)


def _each_alone(context, function, jobs, count: int, workers: int) -> list:
    """function(job) for `count` jobs, each in a process of its own, `workers` at a time; the
    results in the jobs' order. Not ProcessPoolExecutor(max_tasks_per_child=1): Python up to
    3.13 may hang for ever replacing such a worker (cpython gh-115634, gh-119592); a test
    build hung so once. The first failure stops the others and is raised here."""
    results: list = [None] * count
    running: dict = {}  # the end a result comes by -> (job number, its process)
    started = 0
    try:
        while started < count or running:
            while started < count and len(running) < workers:
                received, sent = context.Pipe(duplex=False)
                process = context.Process(target=_run_alone, args=(sent, function, next(jobs)))
                process.start()
                sent.close()  # the process's end: the result's end reads EOF if it dies
                running[received] = (started, process)
                started += 1
            for ready in wait(list(running)):
                number, process = running.pop(ready)
                try:
                    succeeded, value = ready.recv()
                except EOFError:
                    process.join()
                    raise ChildProcessError(f"a build process ended without its result (exit code {process.exitcode})")
                finally:
                    ready.close()
                process.join()
                if not succeeded:
                    error, where = value
                    error.__cause__ = ChildProcessError(where)  # the traceback in the process
                    raise error
                results[number] = value
    finally:
        for received, (_, process) in running.items():
            process.terminate()
            process.join()
            received.close()
    return results


def _run_alone(connection, function, job) -> None:
    """In a process of its own: function(job), and what came of it sent back."""
    try:
        outcome = (True, function(job))
    except BaseException as error:  # raised again in the build
        outcome = (False, (error, traceback.format_exc()))
    try:
        connection.send(outcome)
    except Exception as error:  # a result or an error that cannot be pickled
        connection.send((False, (ChildProcessError(f"{type(error).__name__}: {error}"), traceback.format_exc())))
    connection.close()


def _start_server() -> None:
    """Start multiprocessing's forkserver, unless it runs, able to import what this process
    can: Python 3.11's server ignores the sys.path it is given, and skips without a word a
    module it cannot preload; each process then imported it again (0.16 s, for each of a
    build's 36 PDFs)."""
    earlier = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    try:
        forkserver.ensure_running()
    finally:
        if earlier is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = earlier


def map_sharing(function, jobs: list, shared, settings, records: int) -> list:
    """function(job, shared=shared) for each job (a language's search index, its downloads):
    from the build's PARALLEL_FROM_RECORDS `records` (settings, with BUILD_WORKERS), in new
    processes given `shared` (map_in_fresh_processes), else here, one job after the other.
    New processes rather than forks of the build: a fork counts every page of the build it
    inherits as its own too, and forks made the build's peak memory (#16: 554 MiB at 10,000
    records)."""
    if records < settings.get("PARALLEL_FROM_RECORDS", 500):
        return [function(job, shared=shared) for job in jobs]
    return map_in_fresh_processes(function, jobs, settings.get("BUILD_WORKERS"), shared=shared)


class _WithShared:
    """function(job, shared=...) with `shared` read from the file the build wrote it to."""

    def __init__(self, function, path: str):
        self.function, self.path = function, path

    def __call__(self, job):
        with open(self.path, "rb") as handle:
            shared = pickle.load(handle)  # the build's own file
        return self.function(job, shared=shared)


def in_background(work) -> Callable[[], bool]:
    """work() in a forked process while this one goes on (a cache written for the next build:
    pickling 10,000 records took 2 to 3 s of the build's one busy core); what waits for it to
    end, and says whether it ended well. Where processes cannot fork, done at once, here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        work()
        return lambda: True
    pid = os.fork()
    if pid == 0:  # the copy: it ends without the build's own clean-up (atexit, buffered output)
        code = 1
        try:
            work()
            code = 0
        finally:
            os._exit(code)
    ended: list[bool] = []

    def wait() -> bool:
        if not ended:
            ended.append(os.waitpid(pid, 0)[1] == 0)
        return ended[0]

    return wait


def in_parts(items: list, work, workers: int | None = None) -> list:
    """work(part) over parts of items in forked processes, one per core; their results.

    Rendering is pure CPU and each page is its own file, so forks (which share the loaded
    records and templates) split it without any coordination. Any failure fails the build.
    """
    workers = min(workers or os.cpu_count() or 1, max(1, len(items) // 200))
    return map_in_processes(work, [items[i::workers] for i in range(workers)], workers)
