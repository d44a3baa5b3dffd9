"""The files a build writes into its output folder: written only when their bytes change, each
with the SHA-256 of what it holds.

A build's staging folder is usually the site of the build before last, updated in place (see
atomic_output): creating a file or a folder is what costs most on a slow disk (half a
millisecond each here, against a few microseconds to rewrite a file that exists), and most
files are already there. A memo kept in the cache says, for each file of a folder, what it
held when last written (its hash, and the key of what it was made from) and how it was on
disk then (inode, size, modification time): a file still exactly so needs no reading to be
known. The next build keeps such a file by touching it (its change time is then this
build's, which is how atomic_output tells it from the files nothing wrote; its modification
time is left as it was), and the offline lists take its hash from here instead of reading
it again.

No Pelican here. Several processes may write: each returns what it wrote (`taken`) and the
parent adds it (`add`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import time
from pathlib import Path

MEMO = "written.pickle"
# (inode, size, modification ns, SHA-256 digest, key of what it was made from)
Entry = tuple
# A file's bytes, whole or as pieces written one after the other: a file that joins many
# records' parts (the HSDS JSON, 65 MB at 10,000 records) is then never copied whole in memory.
Content = bytes | list[bytes]


def pieces(content: Content) -> list[bytes]:
    return [content] if isinstance(content, bytes | bytearray | memoryview) else content


def sha256_of(content: Content):
    """The SHA-256 of the bytes, whole or in pieces (a hashlib object)."""
    hashed = hashlib.sha256()
    for piece in pieces(content):
        hashed.update(piece)
    return hashed


def _state(info: os.stat_result) -> tuple:
    return info.st_ino, info.st_size, info.st_mtime_ns


class Written:
    """The files of one output folder, as this build leaves them."""

    def __init__(self, root: Path | str, cache: Path | str | None):
        self.root = os.path.join(str(root), "")
        self.memo = Path(cache) / MEMO if cache else None
        self.folder_id = os.stat(self.root).st_ino
        self.stored = self._load()  # {folder inode: (time saved, {name: Entry})}
        self.before = self.stored.get(self.folder_id, (0, {}))[1]  # this folder, as a build left it
        self.now: dict[str, Entry] = {}  # written or kept by this build
        self._looked: tuple[str, Entry | None] = ("", None)
        self._part: dict[str, Entry] | None = None

    def _load(self) -> dict:
        if not self.memo:
            return {}
        try:
            with open(self.memo, "rb") as handle:
                stored = pickle.load(handle)  # our own file, as the record cache's
            return stored if isinstance(stored, dict) else {}
        except Exception:  # none yet, damaged, from another version: every file is read or written
            return {}

    def _unchanged(self, name: str, again: bool = False) -> Entry | None:
        """What the memo says of a file, if the file is still exactly as it was written; with
        `again`, the answer last given for that name (nothing touched the file since)."""
        if again and self._looked[0] == name:
            return self._looked[1]
        entry = self.before.get(name)
        if entry is not None:
            try:
                info = os.lstat(self.root + name)
                if _state(info) != entry[:3] or info.st_nlink != 1:
                    entry = None
            except OSError:
                entry = None
        self._looked = (name, entry)
        return entry

    def _keep(self, name: str, entry: Entry, source: str | None) -> None:
        """Touch a file left as it is: its change time says that this build wants it."""
        os.utime(self.root + name, ns=(entry[2], entry[2]), follow_symlinks=False)
        self._note(name, (*entry[:4], source or entry[4]))
        self._looked = ("", None)

    def holds(self, name: str, *, digest: bytes | None = None, source: str | None = None) -> bool:
        """Whether the file `name` holds the bytes of this SHA-256 digest, or what `source` made,
        untouched since written; if so, it is kept for this build."""
        entry = self._unchanged(name)
        if entry is None or not ((digest and entry[3] == digest) or (source and entry[4] == source)):
            return False
        self._keep(name, entry, source)
        return True

    def write(self, name: str, data: Content, source: str | None = None, *, after_holds: bool = False) -> bytes:
        """Make the file `name` hold `data`: kept if it does already, else written over in place
        (no new file or folder unless none was there); the SHA-256 of `data`. `after_holds`:
        the caller asked `holds` for this name just before, and nothing wrote the file since."""
        digest = sha256_of(data).digest()
        entry = self._unchanged(name, again=after_holds)
        if entry is not None and entry[3] == digest:
            self._keep(name, entry, source)
            return digest
        self._looked = ("", None)
        path = self.root + name
        if entry is not None:  # our own file, not linked anywhere: written over
            handle = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        else:
            handle = _open_alone(path)
        try:
            size = 0
            for piece in pieces(data):
                view = memoryview(piece)
                size += len(view)
                while view:
                    view = view[os.write(handle, view) :]
            if entry is None or size < entry[1]:
                os.ftruncate(handle, size)
            self._note(name, (*_state(os.fstat(handle)), digest, source))
        finally:
            os.close(handle)
        return digest

    def _still(self, name: str, info: os.stat_result) -> Entry | None:
        """What this build wrote or kept as `name`, if the file is still as then."""
        entry = self.now.get(name)
        return entry if entry is not None and entry[:3] == _state(info) else None

    def digest(self, name: str, info: os.stat_result) -> bytes | None:
        """The SHA-256 of a file this build wrote or kept, if it is still as then (else None)."""
        entry = self._still(name, info)
        return entry[3] if entry else None

    def made_from(self, name: str, info: os.stat_result) -> str | None:
        """The key of what a file this build wrote or kept was made from, if it is still as then."""
        entry = self._still(name, info)
        return entry[4] if entry else None

    def begin_part(self) -> None:
        """In a worker process: `taken` says what is written from now on (not what the process
        that started it wrote before)."""
        self._part = {}

    def taken(self) -> dict[str, Entry]:
        """What this process wrote or kept (since `begin_part`, which this ends), for the process
        that started it."""
        part, self._part = self._part, None  # a part run in the parent itself stops there
        return self.now if part is None else part

    def _note(self, name: str, entry: Entry) -> None:
        self.now[name] = entry
        if self._part is not None:
            self._part[name] = entry

    def add(self, entries: dict[str, Entry]) -> None:
        self.now.update(entries)

    def save(self) -> None:
        """Keep the memo of this folder and of the one other folder last built (the two sites that
        take turns), written whole then renamed."""
        if not self.memo:
            return
        others = sorted(
            ((saved, folder) for folder, (saved, _) in self.stored.items() if folder != self.folder_id), reverse=True
        )[:1]
        memo = {folder: self.stored[folder] for _, folder in others}
        memo[self.folder_id] = (time.time(), self.now)
        try:
            self.memo.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.memo.with_name(f"{MEMO}.{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                pickle.dump(memo, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.memo)
        except OSError:
            pass  # a memo that cannot be written only costs time


def _open_alone(path: str) -> int:
    """A file opened for writing that no other folder shares (a hard link is replaced), its
    folders made if missing, a folder or link in its place removed."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags, 0o644)
    except FileNotFoundError:  # its folder is new (os.makedirs: a third of pathlib's cost a page)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle = os.open(path, flags, 0o644)
    except OSError:  # a folder or a link where the file goes now
        _remove(Path(path))
        handle = os.open(path, flags, 0o644)
    if os.fstat(handle).st_nlink > 1:  # shared with another folder: never written through
        os.close(handle)
        os.unlink(path)
        handle = os.open(path, flags, 0o644)
    return handle


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
