"""Whole pieces of CPU work spread over the cores, in forked processes (no Pelican here:
the build and the contributor tools share it)."""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
import traceback
import weakref
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver
from multiprocessing.connection import wait
from pathlib import Path

from .collector import collector_paused

_TASK: tuple | None = None  # (function, jobs) inherited by forked workers: nothing to pickle
_NOTHING = object()  # no `shared` given
PARTS_PER_WORKER = 16  # in_parts: each a few seconds of a 10,000-record build
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


def map_in_processes(function, jobs: list, workers: int | None = None, meanwhile=None) -> list:
    """function(job) for each job, in forked processes (one per core, at most one per job).

    For whole pieces of CPU work that return picklable results (a language's search
    index, a language's downloads). The workers inherit the function and the jobs by
    forking: only job numbers and results cross between processes. `meanwhile()`, if given,
    runs here once they are forked, while they work."""
    global _TASK
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile:
            meanwhile()
        return [function(job) for job in jobs]
    _TASK = (function, jobs)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_run_task, range(len(jobs)))
            if meanwhile:
                try:
                    meanwhile()
                except BaseException:  # raised at once: the jobs not begun are not done
                    pool.shutdown(cancel_futures=True)
                    raise
            return list(results)
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
    return start_in_fresh_processes(function, jobs, workers, shared, count).results()


def start_in_fresh_processes(
    function, jobs: Iterable, workers: int | None = None, shared=_NOTHING, count: int | None = None
) -> Started:
    """map_in_fresh_processes, its first processes started (one per core) while the build goes
    on; `results()` waits for them and runs the others. Where processes cannot be forked from a
    server, the jobs are done here when the results are asked."""
    if count is None:
        count = len(jobs)
    workers = min(count, workers or os.cpu_count() or 1)
    if not count or "forkserver" not in multiprocessing.get_all_start_methods():
        jobs = list(jobs)
        if shared is not _NOTHING:
            function = functools.partial(function, shared=shared)
        return Started(later=lambda: map_in_processes(function, jobs, workers))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(sorted(_PRELOADED))
    _plugins_on_path(+1)  # each process is given the path to import the plugins by name
    folder = tempfile.mkdtemp(prefix="repertoire-shared-")

    def clean_up():
        shutil.rmtree(folder, ignore_errors=True)
        _plugins_on_path(-1)

    try:
        _start_server()
        if shared is not _NOTHING:
            path = os.path.join(folder, "shared.pickle")
            with open(path, "wb") as handle:
                pickle.dump(shared, handle, protocol=pickle.HIGHEST_PROTOCOL)
            function = _WithShared(function, path)
        return Started(_EachAlone(context, function, iter(jobs), count, workers), clean_up)
    except BaseException:
        clean_up()
        raise


def start_server_early() -> None:
    """Start the server that map_in_fresh_processes forks from, if it is not running (the
    build's process, idle while its pages render): it takes ~0.5 s to import the modules it
    preloads, which the first processes waited for, a core idle, once the pages were written."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.get_context("forkserver").set_forkserver_preload(sorted(_PRELOADED))
        _plugins_on_path(+1)
        try:
            _start_server()
        finally:
            _plugins_on_path(-1)


_PATH_USERS: list[int] = [0, 0]  # the work started that needs the plugins on the path; whether it was added


def _plugins_on_path(change: int) -> None:
    plugins = str(Path(__file__).resolve().parents[1])
    if change > 0 and not _PATH_USERS[0] and plugins not in sys.path:
        sys.path.insert(0, plugins)
        _PATH_USERS[1] = 1
    _PATH_USERS[0] += change
    if not _PATH_USERS[0] and _PATH_USERS[1]:
        if plugins in sys.path:
            sys.path.remove(plugins)
        _PATH_USERS[1] = 0


class Started:
    """Work started in processes (start_in_fresh_processes): its results once asked, and what
    it left (its processes, its temporary folder) gone when it ends, fails or is forgotten."""

    def __init__(self, running: _EachAlone | None = None, clean_up=None, later=None):
        self._running, self._later, self._results = running, later, None
        self._end = weakref.finalize(self, _stop, running, clean_up or (lambda: None), os.getpid())

    def results(self) -> list:
        if self._results is None:
            try:
                self._results = self._running.finish() if self._running else self._later()
            finally:
                self._end()
        return self._results


def _stop(running: _EachAlone | None, clean_up, owner: int) -> None:
    if os.getpid() != owner:  # a fork of the build (pages) forgetting its copy: not its own
        return
    if running is not None:
        running.stop()
    clean_up()


class _EachAlone:
    """function(job) for `count` jobs, each in a process of its own, `workers` at a time; the
    results in the jobs' order. Not ProcessPoolExecutor(max_tasks_per_child=1): Python up to
    3.13 may hang for ever replacing such a worker (cpython gh-115634, gh-119592); a test
    build hung so once. The first failure stops the others and is raised by `finish`.

    With more jobs than workers, a thread starts each job as a process ends, while the build
    goes on: the PDFs print while the pages render. Started only when the results were asked,
    the last 34 of a 10,000-record build's 36 PDFs printed after every page, 9 s with a core
    half idle."""

    def __init__(self, context, function, jobs, count: int, workers: int):
        self.context, self.function, self.jobs, self.count, self.workers = context, function, jobs, count, workers
        self.results: list = [None] * count
        self.failed: BaseException | None = None
        self.running: dict = {}  # the end a result comes by -> (job number, its process)
        self.started = 0
        self.stopping = False
        self._next = _NOTHING  # the next job, made while the processes work
        self._driver: threading.Thread | None = None
        try:
            self._start_more()
        except BaseException:  # a job that could not be made: none of the others goes on
            self.stop()
            raise
        if self.started < self.count:
            self._driver = threading.Thread(target=self._drive, name="repertoire-jobs", daemon=True)
            self._driver.start()

    def _start_more(self) -> None:
        while self.started < self.count and len(self.running) < self.workers and not self.stopping:
            job, self._next = next(self.jobs) if self._next is _NOTHING else self._next, _NOTHING
            received, sent = self.context.Pipe(duplex=False)
            process = self.context.Process(target=_run_alone, args=(sent, self.function, job))
            process.start()
            sent.close()  # the process's end: the result's end reads EOF if it dies
            self.running[received] = (self.started, process)
            self.started += 1
        # Jobs made as they are sent (an iterator): the next one is made now, while the
        # processes work, not once a core is already waiting for it.
        if self.started < self.count and self._next is _NOTHING and not self.stopping:
            self._next = next(self.jobs)

    def _drive(self) -> None:
        try:
            self._finish()
        except BaseException as error:  # raised by finish(), in the build's own thread
            self.failed = error

    def finish(self) -> list:
        if self._driver is not None:
            self._driver.join()
            self._driver = None
            if self.failed:
                raise self.failed
        if self.failed:
            raise ChildProcessError("this work failed already") from self.failed
        try:
            return self._finish()
        except BaseException as error:
            self.failed = error
            raise

    def _finish(self) -> list:
        while self.running:
            for ready in wait(list(self.running)):
                number, process = self.running.pop(ready)
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
                self.results[number] = value
            self._start_more()
        return self.results

    def stop(self) -> None:
        self.stopping = True  # the thread, if any, starts no other job
        for _, process in list(self.running.values()):
            process.terminate()
        driver = self._driver
        if driver is not None and driver is not threading.current_thread():
            driver.join()  # it sees the processes end, and ends
            self._driver = None
        for received, (_, process) in list(self.running.items()):
            process.join()
            received.close()
        self.running.clear()


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
    return start_sharing(function, jobs, shared, settings, records).results()


def start_sharing(function, jobs: list, shared, settings, records: int) -> Started:
    """map_sharing started: the processes work while the build goes on (its pages)."""
    if records < settings.get("PARALLEL_FROM_RECORDS", 500):
        return Started(later=lambda: [function(job, shared=shared) for job in jobs])
    return start_in_fresh_processes(function, jobs, settings.get("BUILD_WORKERS"), shared=shared)


class _WithShared:
    """function(job, shared=...) with `shared` read from the file the build wrote it to."""

    def __init__(self, function, path: str):
        self.function, self.path = function, path

    def __call__(self, job):
        # Millions of objects in no cycle, kept until the process ends with its job: the
        # collector walked them as they were made (three quarters of reading them, ~1 s at
        # 10,000 records), then at each of the job's full collections. It stays paused until
        # the process ends: turned on again, it walked once more all that the job had made
        # paused (~1.5 s of CPU over a 10,000-record build's processes), to free nothing.
        with collector_paused():
            with open(self.path, "rb") as handle:
                shared = pickle.load(handle)  # the build's own file
            return self.function(job, shared=shared)


class StartedOnce:
    """Work begun once, by whichever asks first: `start` (the directory's generator starts it
    once its pages are written) or `finish` (its own generator's output, which waits for
    it). `begin()` starts it and gives what ends it."""

    def __init__(self, begin: Callable[[], Callable[[], object]]):
        self._begin, self._end = begin, None

    def start(self) -> None:
        if self._end is None:
            self._end = self._begin()

    def finish(self):
        self.start()
        return self._end()


def in_background(work) -> Callable[[], bool]:
    """work() in a forked process while this one goes on (a cache written for the next build:
    pickling 10,000 records took 2 to 3 s of the build's one busy core); what waits for it to
    end, and says whether it ended well. Where processes cannot fork, done at once, here."""
    try:
        pid = os.fork() if "fork" in multiprocessing.get_all_start_methods() else None
    except OSError:  # no memory or no process to spare: here, then
        pid = None
    if pid is None:
        work()
        return lambda: True
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


def in_parts(items: list, work, workers: int | None = None, meanwhile=None) -> list:
    """work(part) over parts of items in forked processes, one per core; their results.

    Rendering is pure CPU and each page is its own file, so forks (which share the loaded
    records and templates) split it without any coordination. Any failure fails the build.
    Several parts a core, each taken by the first process free: one slowed (the machine is
    shared) takes fewer, and no core waits for the other at the end (with a half
    each, one waited 3 s of a 10,000-record build).
    """
    workers = min(workers or os.cpu_count() or 1, max(1, len(items) // 200))
    parts = 1 if workers == 1 else min(workers * PARTS_PER_WORKER, max(workers, len(items) // 200))
    return map_in_processes(work, [items[i::parts] for i in range(parts)], workers, meanwhile)
