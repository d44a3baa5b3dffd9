"""Validated records of the last build, reused when a file's bytes have not changed.

Reading and checking 10,000 records takes 10 to 30 s on a small machine; most builds change
a handful. The cache is one pickle per "salt" (the record code, the schema and the
taxonomy that a record is checked against) holding, for each file name, a hash of its bytes
and the Organization it gave. A record is reused only if it is a plain file of the same
bytes, and still valid on the build's day (a confirmation date cannot be in the future).
Anything unusual — no cache, a damaged one, a link, a file over the size limit — is read
the careful way, so errors are always those of a full read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import stat
import time
from pathlib import Path

KEEP_DAYS = 7


def _fingerprint(path: Path, max_bytes: int) -> str | None:
    """A hash of a plain file's bytes, or None for what must be read the careful way."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
    except OSError:
        return None


class RecordCache:
    def __init__(self, folder: Path | str, salt: str, max_bytes: int):
        self.folder = Path(folder)
        self.path = self.folder / f"records-{salt[:24]}.pickle"
        self.max_bytes = max_bytes
        self.fingerprints: dict[str, str | None] = {}

    def _stored(self) -> dict:
        try:
            with open(self.path, "rb") as handle:
                stored = pickle.load(handle)  # our own file, written below: trusted as Pelican's cache is
            return stored if isinstance(stored, dict) else {}
        except Exception:  # missing, damaged, from another version: read everything
            return {}

    def reuse(self, paths: list[Path], today: dt.date, still_valid) -> dict[Path, object]:
        """{path: Organization} for the files unchanged since the cache was written."""
        stored = self._stored()
        found = {}
        for path in paths:
            fingerprint = self.fingerprints[str(path)] = _fingerprint(path, self.max_bytes)
            entry = stored.get(path.name)
            if fingerprint and entry and entry[0] == fingerprint and still_valid(entry[1], today):
                entry[1].source = str(path)
                found[path] = entry[1]
        return found

    def keep(self, organizations) -> None:
        """Store the records of a directory that loaded without error (written whole, then renamed)."""
        stored = {Path(org.source).name: (self.fingerprints.get(org.source), org) for org in organizations
                  if self.fingerprints.get(org.source)}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
            limit = time.time() - KEEP_DAYS * 86400
            for other in self.folder.glob("records-*.pickle*"):
                if other != self.path and other.stat().st_mtime < limit:
                    other.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time
