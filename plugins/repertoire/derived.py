"""Values made from one record each (its compact form and search text, its rows in the lists,
its HSDS object), kept between builds by the record's hash: after a correction, only that
record's are made again, while the files that hold every record are put together anew.

One file per kind of value, in the page cache's folder and under its salt (code, theme,
settings: see page_cache), written whole then renamed; it keeps only what the build used.
The file is a run of pickles, one (key, value) each after a FORMAT mark: pickling the values
all at once would make pickle remember every object it wrote until the end, ~100 MB for the
compact records of 10,000 organizations (#16), where one at a time it remembers one.
No cache folder, a damaged (sealed.py) or missing file: every value is made. No Pelican here.
"""

from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path

from .sealed import read_sealed, write_sealed

FORMAT = "derived: (key, value) pickles, one by one"


def _pickles(handle, size: int) -> dict:
    """The (key, value) pickles of a derived file, after its FORMAT mark."""
    if pickle.load(handle) != FORMAT:
        return {}
    stored = {}
    while handle.tell() < size:
        key, value = pickle.load(handle)
        stored[key] = value
    return stored


class Derived:
    """Values by key (a record's hash and whatever else they are made from)."""

    def __init__(self, cache, kind: str):
        folder = getattr(cache, "folder", None)
        self.path = Path(folder) / "derived" / f"{cache.key('derived', kind)[:40]}.pickle" if folder else None
        self.stored = self._load()
        self.used: dict = {}
        self.changed = False

    def _load(self) -> dict:
        if not self.path:
            return {}
        enabled = gc.isenabled()
        gc.disable()  # many objects, none of them garbage
        try:
            stored = read_sealed(self.path, _pickles)  # our own file, sealed: a damaged one is None
            if stored is None:
                return {}
            os.utime(self.path)  # used: kept by the page cache's pruning
            return stored
        except Exception:  # from another version: made again
            return {}
        finally:
            gc.freeze()  # kept for the build: never walked by the collector (see record_cache)
            if enabled:
                gc.enable()

    def get(self, key: str, make):
        """The value kept under `key`, or `make()`'s (kept for the next build)."""
        if key not in self.used:
            value = self.stored.get(key)
            if value is None:
                value, self.changed = make(), True
            self.used[key] = value
        return self.used[key]

    def put(self, key: str, value) -> None:
        """Keep a value made otherwise (one that grows, as a memo of words)."""
        self.changed = self.changed or self.stored.get(key) != value
        self.used[key] = value

    def save(self) -> None:
        """Keep what this build used, if it is not what was kept already."""
        if not self.path or not (self.changed or self.used.keys() != self.stored.keys()):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)

            def fill(handle) -> None:
                # One pickler, its memo cleared after each value: the bytes of a pickler each,
                # without making one per value (10,000 a language's search index).
                pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dump(FORMAT)
                for item in self.used.items():
                    pickler.clear_memo()
                    pickler.dump(item)

            write_sealed(self.path, fill)
        except OSError:
            pass  # a cache that cannot be written only costs time
