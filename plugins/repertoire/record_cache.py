"""Validated records of the last build, reused when a file's bytes have not changed.

Reading and checking 10,000 records takes 10 to 30 s on a small machine; most builds change
a handful. The cache is one pickle per "salt" (the record code, the schema and the
taxonomy that a record is checked against) holding, for each file name, a hash of its bytes,
how the file was on disk then, the Organization it gave and the hash of its data (what pages
are kept by: page_cache). A record is reused only if it is a plain file of the same bytes,
and still valid on the build's day (a confirmation date cannot be in the future). A file
whose inode, size, modification and change times are those noted needs no reading: any
write changes its change time, which no tool can set back; a file changed less than a second
before it was noted is noted without them (the clock may not have moved since), as git does
for its index. Anything unusual — no cache, a damaged one (sealed.py), a link, a file over the size
limit — is read the careful way, so errors are always those of a full read.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import pickle
import stat
import time
from pathlib import Path

from .processes import in_background
from .sealed import read_sealed, write_sealed

KEEP_DAYS = 7
SETTLED_NS = 1_000_000_000  # a file unchanged for this long before it is looked at is noted by its times
_writing: dict = {}  # cache file -> what waits for the process writing it


def _state(info: os.stat_result) -> tuple:
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def noted_file(path: Path | str, max_bytes: int, entry=None) -> tuple[str, tuple | None] | None:
    """(a hash of a plain file's bytes, its state if it has not changed for SETTLED_NS), or None
    for what must be read the careful way (a link, a file over `max_bytes`, one gone). The hash
    is the noted one (`entry`: a cache entry) when the file's state is the noted one. Taken
    before the file is read: a change after it changes the state, and the next build reads it."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        state = _state(info)
        if entry and entry[1] == state:
            fingerprint = entry[0]
        else:
            with open(path, "rb") as handle:
                fingerprint = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
    except OSError:
        return None
    settled = info.st_ctime_ns < time.time_ns() - SETTLED_NS
    return fingerprint, state if settled else None


class RecordCache:
    def __init__(self, folder: Path | str, salt: str, max_bytes: int):
        self.folder = Path(folder)
        self.path = self.folder / f"records-{salt[:24]}.pickle"
        self.max_bytes = max_bytes
        self.fingerprints: dict[str, tuple[str, tuple | None] | None] = {}  # path -> (hash, state) or None
        self.digests: dict[str, str] = {}  # record id -> hash of its data, for the records reused

    def _stored(self) -> dict:
        if self.path in _writing:  # an earlier build of this process (the tests) still writing it
            _writing.pop(self.path)()
        enabled = gc.isenabled()
        gc.disable()  # millions of new objects, none of them garbage: not worth walking
        try:
            # Our own file, written below, sealed: a damaged one is None (a flipped bit published
            # "Saint-Lauren4" in an address, and kept it build after build).
            stored = read_sealed(self.path, lambda handle, _: pickle.load(handle))
            return stored if isinstance(stored, dict) else {}
        except Exception:  # from another version: read everything
            return {}
        finally:
            # Left young, they would all be walked at the next collection, and again at each
            # full one; the records last as long as the build.
            gc.freeze()
            if enabled:
                gc.enable()

    def _fingerprint(self, path: Path, entry) -> str | None:
        """A hash of a plain file's bytes (the noted one when its state is the noted one), or
        None for what must be read the careful way."""
        noted = noted_file(path, self.max_bytes, entry)
        self.note(str(path), noted)
        return noted[0] if noted else None

    def note(self, path: str, noted: tuple[str, tuple | None] | None) -> None:
        """What noted_file() said of a record's file, kept with its record by `keep`."""
        if noted:
            self.fingerprints[path] = noted

    def reuse(self, paths: list[Path], today: dt.date, still_valid) -> dict[str, object]:
        """{path as text: Organization} for the files unchanged since the cache was written. A
        file the cache does not hold is not looked at here: the process that reads it notes it
        (`note`), on the cores that read the records (a cold build hashed its 10,000 files
        here first, ~1 s with the other core idle)."""
        stored = self._stored()
        found = {}
        for path in paths:
            entry = stored.get(path.name)
            entry = entry if isinstance(entry, tuple) and len(entry) == 4 else None
            if entry is None:
                continue
            fingerprint = self._fingerprint(path, entry)
            if fingerprint and entry[0] == fingerprint and still_valid(entry[2], today):
                entry[2].source = str(path)
                found[str(path)] = entry[2]
                self.digests[entry[2].id] = entry[3]
        return found

    def keep(self, organizations) -> None:
        """Store the records of a directory that loaded without error (written whole, then
        renamed), in a process of its own: the build goes on meanwhile."""
        stored = {}
        for org in organizations:
            noted = self.fingerprints.get(org.source)
            if noted:
                # Kept in `digests` too: the directory's pages ask for them next (0.6 s at 10,000).
                hashed = self.digests[org.id] = self.digests.get(org.id) or org.digest
                stored[Path(org.source).name] = (*noted, org, hashed)
        _writing[self.path] = in_background(lambda: self._write(stored))

    def _write(self, stored: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_sealed(self.path, lambda handle: pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL))
            limit = time.time() - KEEP_DAYS * 86400
            for other in self.folder.glob("records-*.pickle*"):
                if other != self.path and other.stat().st_mtime < limit:
                    other.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time
