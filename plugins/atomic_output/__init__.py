"""Build into a staging folder and swap it into place only when the whole build succeeded.

A broken record stops the build before the swap, so the site that was there stays
untouched and nothing half-built is ever published. List this plugin last: the swap runs
on `finalized`, after every other plugin's finalized work.

The staging folder is not made from nothing: the site replaced by the last swap is kept
beside the output (`.previous-<output>`) and becomes the next staging folder, updated in
place. Creating tens of thousands of files and folders is what costs most on a slow disk,
while most of them hold what they held two builds ago; generators write over what changed
(repertoire/written.py keeps what did not) and, once they are done, this plugin removes
every file that nothing in this build wrote or kept: a file's change time says so, since
writing, copying or touching a file sets it, and nothing else does. The staging folder
thus holds exactly what a build into an empty folder writes (tests/test_incremental.py).
`REUSE_OUTPUTS = False` starts from an empty folder.
"""

import logging
import os
import re
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from repertoire.problems import Refused

logger = logging.getLogger(__name__)
PROJECT = Path(__file__).resolve().parents[2]
# Written into every site this plugin publishes: an output folder without it (and not empty)
# holds files no build wrote, which the swap would move away and a later build delete.
MARK = ".repertoire-site"
PREFIX = ".building-"
PREVIOUS = ".previous-"
REMOVING = ".removing-"
PROBE = ".written-after-start"
_RANDOM_PART = re.compile(r"[a-z0-9_]+")  # what tempfile.mkdtemp adds (and no hyphen)
_STARTED: dict[str, int] = {}  # staging folder -> the change time (ns) before which its files are old


def redirect_output(pelican):
    """Point the build at a staging folder beside the real output folder: the previous site
    (or a failed build's folder) when there is one to update, else a new one."""
    output = Path(pelican.output_path).resolve()
    refuse_foreign_output(output, Path(pelican.settings["PATH"]).resolve())
    parent = output.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{output.name}-", dir=parent))
    leftovers = sorted(
        (path for path in _folders_of(parent, PREFIX, output.name) if path != staging), key=_newest_first
    )
    # failed builds
    if pelican.settings.get("REUSE_OUTPUTS", True) and os.name == "posix":
        for folder in [parent / f"{PREVIOUS}{output.name}", *leftovers]:
            try:
                info = folder.lstat()
                if not stat.S_ISDIR(info.st_mode):  # a link would have the build write elsewhere
                    continue
                left = info.st_mtime_ns  # when the build that left it ended (see publish)
                folder.rename(staging)  # over the empty new folder; a build running alongside takes another
            except OSError:
                continue
            started = _clock_past(staging, left)
            if started is None:  # its files may look newer than this build's: start afresh
                logger.warning("The clock is behind the previous site's files: building into an empty folder")
                _remove_later(staging)
                staging.mkdir()
                break
            _STARTED[str(staging)] = started
            break
    for stale in [*leftovers, *_folders_of(parent, REMOVING, output.name)]:
        _remove_later(stale)
    pelican.final_output_path = str(output)
    pelican.output_path = str(staging)
    pelican.settings["OUTPUT_PATH"] = str(staging)


def refuse_foreign_output(output: Path, content: Path) -> None:
    """Refuse an output folder the swap would take files from: one that holds the content or
    the project (-o pointed one folder too high), or a folder, not empty, that no build of this
    plugin published (the files there were moved beside it, then deleted by the next build)."""
    for holds in (content, PROJECT):
        if output == holds or output in holds.parents:
            raise Refused(
                f"the output folder {output} holds {holds}: publishing replaces the whole output folder; "
                "choose a folder of its own (output/, or one outside the project)"
            )
    if output.exists() and not output.is_dir():
        # The swap moved it beside itself, published the site under its name, and the next
        # build deleted it (a record's file given as -o, or one's notes).
        raise Refused(f"the output {output} is a file, not a folder: choose a folder (output/, or a new one)")
    try:
        entries = sorted(entry.name for entry in os.scandir(output))
    except FileNotFoundError:
        return
    # A site published before the mark was written has the offline lists every build writes.
    if entries and MARK not in entries and not {"sw.js", "offline.json"} <= set(entries):
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise Refused(
            f"the output folder {output} holds files no build of this site wrote ({shown}): publishing "
            "replaces the whole output folder; choose an empty or new folder, or move those files away"
        )


def _folders_of(parent: Path, prefix: str, name: str) -> list[Path]:
    """The folders this plugin made for the output folder `name` (prefix, name, then the
    random part of mkdtemp), not those of a site named `name-something` built beside it."""
    start = f"{prefix}{name}-"
    return [path for path in parent.glob(f"{start}*") if _RANDOM_PART.fullmatch(path.name[len(start) :])]


def _clock_past(folder: Path, after_ns: int, wait: float = 2.0) -> int | None:
    """The file system's clock (a touched folder's change time), once it is past `after_ns`:
    what has an older change time was not written by this build. A coarse clock (a second on
    some file systems) is waited for; None when the clock is behind (set back since)."""
    deadline = time.monotonic() + wait
    while True:
        os.utime(folder)
        now = os.stat(folder).st_ctime_ns
        if now > after_ns:
            return now
        if time.monotonic() > deadline:
            return None
        time.sleep(0.01)


def _newest_first(path: Path) -> float:
    try:
        return -path.stat().st_mtime
    except OSError:
        return 0.0


class StaleFiles(Generator):
    """Runs after every other plugin's generator (this plugin is listed last): removes from a
    reused staging folder what this build did not write. Pelican's static files and the
    `finalized` work (offline lists, minified theme) come after and are written anew."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        output = Path(self.output_path)
        started = _STARTED.pop(str(output), None)
        if started is None:
            return
        probe = output / PROBE
        probe.write_bytes(b"")
        written_after_start = probe.lstat().st_ctime_ns >= started
        probe.unlink()
        if not written_after_start:  # never publish a site whose new files might pass for old ones
            raise RuntimeError("The system clock went back during the build: build again")
        clock = time.perf_counter()
        # The files the build says it wrote or kept (repertoire/written.py) need no look.
        written = self.context.get("written")
        removed = remove_unwritten(output, started, written.now if written else {})
        logger.info(
            "Updated the previous site in place: %d old files removed in %.1f s", removed, time.perf_counter() - clock
        )


def remove_unwritten(root: Path, since_ns: int, written=frozenset()) -> int:
    """Delete every file (or link) under root that nothing changed since `since_ns`, except
    those `written` names (paths from root), then the folders left empty; how many files went."""
    removed, folders, order, emptier = 0, [str(root)], [], set()
    prefix = len(os.path.join(str(root), ""))
    while folders:  # os.scandir: the kind of each entry comes with the listing
        folder = folders.pop()
        order.append(folder)
        with os.scandir(folder) as entries:
            empty = True
            for entry in entries:
                empty = False
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif (
                    entry.path[prefix:].replace(os.sep, "/") not in written
                    and entry.stat(follow_symlinks=False).st_ctime_ns < since_ns
                ):
                    os.unlink(entry.path)
                    removed += 1
                    emptier.add(folder)
            if empty:
                emptier.add(folder)
    for folder in reversed(order[1:]):  # every folder after those inside it
        if folder in emptier:
            try:
                os.rmdir(folder)  # only when empty
                emptier.add(os.path.dirname(folder))
            except OSError:
                pass
    return removed


def publish(pelican):
    """Replace the old output with the finished build in two renames; the old one is kept for
    the next build to update."""
    final = getattr(pelican, "final_output_path", None)
    if not final:
        return
    final, staging = Path(final), Path(pelican.output_path)
    previous = final.parent / f"{PREVIOUS}{final.name}"
    (staging / MARK).write_text("Published by Répertoire's build: the next build replaces this whole folder.\n")
    os.utime(staging)  # the end of this build, by the file system's clock (see redirect_output)
    _remove_later(previous)  # there when this build did not take it (REUSE_OUTPUTS false)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    os.chmod(final, 0o755)
    pelican.output_path = str(final)
    pelican.settings["OUTPUT_PATH"] = str(final)
    logger.info("Published the build to %s", final)


def _remove_later(folder: Path) -> None:
    """Delete a folder without making the build wait: tens of thousands of files take a minute
    to delete on a slow disk. It is first renamed out of the way, so that no build takes it
    while it goes; whatever is left (the machine stopped) is removed by the next build."""
    if not folder.exists():
        return
    if not folder.name.startswith(REMOVING):
        # The output folder's name (a staging folder's without its random part): _folders_of finds it.
        name = (
            folder.name.removeprefix(PREFIX).rsplit("-", 1)[0]
            if folder.name.startswith(PREFIX)
            else folder.name.removeprefix(PREVIOUS)
        )
        target = Path(tempfile.mkdtemp(prefix=f"{REMOVING}{name}-", dir=folder.parent))
        try:
            folder.rename(target)
            folder = target
        except OSError:
            target.rmdir()
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:  # no rm (Windows): delete it now
        shutil.rmtree(folder, ignore_errors=True)


def get_generators(pelican):
    """Add the removal of what the previous site had and this build did not write."""
    return StaleFiles


def register():
    signals.initialized.connect(redirect_output)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(publish)
