"""Outputs of earlier builds, reused when nothing they show has changed.

A build writes each directory page (and each index or list file) under a key: the hash of
everything that page is made from — the build's code, theme, catalogs and settings (the
"salt"), and the page's own inputs (its record, the members of a list, the facts of the day
it shows). The next build with the same key copies the stored bytes instead of rendering:
after one record edit, only that record's pages and the lists, indexes and files that hold
it are made again. The cache is a plain folder; a missing or damaged entry is simply made
again, so no cache at all is a full build.

Two things every page shows change without its own inputs changing: the alert banner and
the "data as of" date. Pages are stored with a placeholder for each (LATE_*), filled in
when written (`fill`), so that an alert published in an emergency rewrites text in stored
pages rather than rendering the whole directory again. In a written page each stands between
two HTML comments naming it (`late_part`): the offline copy keeps a page for as long as its
key is the same (`page_revision`), and the service worker puts today's banner and date in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import struct
import time
import zlib
from pathlib import Path
from types import ModuleType

import orjson

from .jsontext import compact_json
from .written import Content, pieces

# Private-use characters: no record, template or catalog writes them, and the HTML minifier
# keeps them as text.
LATE_ALERTS = "\ue000alerts\ue000"
LATE_AS_OF = "\ue000as-of\ue000"
_MARK = "\ue000".encode("utf-8")
# Each entry starts with its length and a CRC-32 of its bytes: a damaged entry (a full disk, a
# crash mid-write on a file system without atomic renames) is made again, never published.
# (A CRC is for accidents, and five times cheaper than a cryptographic hash: ~7 us a page.)
HEADER = struct.Struct("<4sIQ")  # magic, CRC-32, length
MAGIC = b"RPC1"
KEEP_DAYS = 7  # entries no build used for a week go (two sites built in turn keep theirs)
# Entries stored one after the other in one file, with an index of where each starts (see
# begin_pack): the pages of a part of a build.
PACKS = "packs"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # the cache never writes through a link
_BINARY = getattr(os, "O_BINARY", 0)


def stable(value) -> object:
    """A JSON-able form of a value that is the same from one run to the next (no memory
    addresses): what a settings dict or a record means, for hashing."""
    if isinstance(value, dict):
        return {str(k): stable(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, (list, tuple)):
        return [stable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((stable(v) for v in value), key=repr)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, ModuleType):
        return f"module:{value.__name__}"
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return f"{type(value).__module__}.{type(value).__qualname__}"


def digest(*parts) -> str:
    """The hash of some values (see `stable`)."""
    if all(type(part) is str and "\x1f" not in part for part in parts):
        # Names and hashes (a page's key): joined, without an encoder's set-up at each call. A
        # JSON text never holds a raw control character: the two kinds of text never meet.
        data = ("\x1e" + "\x1f".join(parts)).encode("utf-8")
    else:
        try:  # plain data (a record, a list of hashes, a date): as it is, ten times faster
            data = orjson.dumps(parts, option=_SORTED_DATES, default=_date_text)
        except TypeError:
            try:
                data = compact_json(parts, sort_keys=True)
            except TypeError:
                data = compact_json(stable(parts), sort_keys=True)
    return hashlib.sha256(data).hexdigest()


# A date among the parts (the data's date beside a list's 10,000 record hashes) was refused by
# both encoders, and the whole value written again through `stable`: 11 ms for the whole
# territory's printed directory, 0.6 ms written as `stable` writes a date, in one pass.
_SORTED_DATES = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def _date_text(value) -> str:
    """A date or time in a hashed value, as `stable` writes it; anything else orjson refuses
    is written by `stable`, the slow way."""
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def tree_digest(*folders: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """The hash of every file's path and bytes under some folders (code, theme, catalogs); a
    link, by where it points, unfollowed (see entry_digest)."""
    hasher = hashlib.sha256()
    for folder in folders:
        if Path(folder).is_symlink():
            hasher.update(entry_digest(Path(folder)))
            continue
        for path in sorted(Path(folder).rglob("*")):
            if "__pycache__" in path.parts or (suffixes and path.suffix not in suffixes):
                continue
            if path.is_symlink() or path.is_file():
                hasher.update(f"{path.relative_to(folder).as_posix()}\0".encode())
                hasher.update(entry_digest(path))
    return hasher.hexdigest()


def entry_digest(path: Path) -> bytes:
    """A file's hash, read a piece at a time; a link's, of where it points, unfollowed: a
    contributor's link in content/ to a 2 GB file outside was read whole into memory (6.4 GB,
    then a crash), one to /usr read all of it (a hostile-input probe's, stop 81)."""
    if path.is_symlink():
        return hashlib.sha256(b"link\0" + os.fsencode(os.readlink(path))).digest()
    with open(path, "rb") as source:
        return hashlib.file_digest(source, "sha256").digest()


def _whole(header: bytes, content: bytes) -> bytes | None:
    """An entry's content if its header (magic, CRC-32, length) says it is the whole of it."""
    if len(header) < HEADER.size:
        return None
    magic, check, length = HEADER.unpack(header)
    return content if magic == MAGIC and length == len(content) and zlib.crc32(content) == check else None


class PageCache:
    """Stored outputs by key under a folder, a file each or many in one file (a pack, see
    begin_pack). Safe to use from forked workers: an entry is read only whole and as written
    (its length and CRC-32), see `put`."""

    def __init__(self, folder: Path | str | None, salt: str):
        self.folder = Path(folder) if folder else None
        self.salt = salt
        self._pack: tuple[int, Path, dict[str, int]] | None = None  # being written: see begin_pack
        self._packed: dict[str, tuple[str, int]] | None = None  # key -> (pack, offset), read when first asked
        self._touched: set[str] = set()  # packs said to be used by this process
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._root = os.path.join(str(self.folder), "")

    def __getstate__(self) -> dict:
        """Sent to another process (the downloads' jobs) without the index of the packs or a
        pack being written: that process reads the index if it needs it."""
        return {**self.__dict__, "_pack": None, "_packed": None, "_touched": set()}

    def key(self, *parts) -> str:
        return digest(self.salt, *parts)

    def get(self, key: str) -> bytes | None:
        """The stored bytes of a key, or None (no cache, never stored, unreadable, damaged)."""
        if not self.folder:
            return None
        packed = self._packs().get(key)
        if packed is not None:
            return self._read_packed(*packed)
        path = f"{self._root}{key[:2]}/{key}"
        try:
            handle = os.open(path, os.O_RDONLY | _BINARY)
            try:
                stored = os.read(handle, os.fstat(handle).st_size + 1)
            finally:
                os.close(handle)
            os.utime(path)  # used: kept by `prune`
        except OSError:
            return None
        return _whole(stored[: HEADER.size], stored[HEADER.size :])

    def touch(self, key: str) -> None:
        """Say that an entry is still used (its output was kept as it was): kept by `prune`."""
        packed = self._packs().get(key) if self.folder else None
        if packed is not None:
            self._touch_pack(packed[0])
        elif self.folder:
            try:
                os.utime(f"{self._root}{key[:2]}/{key}")
            except OSError:
                pass

    def put(self, key: str, content: Content) -> None:
        """Store bytes, whole or in pieces (repertoire/written.py), under a key.

        Written in place, not to a temporary name then renamed (three times the cost, for
        each of a cold build's 20,000 pages): an entry cut short or being written (a crash, a
        full disk, another build storing the same key) fails its length or CRC check and is
        made again. Two writers of one key write the same bytes at the same places; an entry
        linked from elsewhere is replaced, never written through."""
        if not self.folder:
            return
        check = length = 0
        for piece in pieces(content):
            check, length = zlib.crc32(piece, check), length + len(piece)
        if self._pack is not None:
            self._put_packed(key, check, length, content)
            return
        path = f"{self._root}{key[:2]}/{key}"
        flags = os.O_WRONLY | os.O_CREAT | _NOFOLLOW | _BINARY
        try:
            try:
                handle = os.open(path, flags, 0o644)
            except FileNotFoundError:  # the first entry of its folder
                os.makedirs(os.path.dirname(path), exist_ok=True)
                handle = os.open(path, flags, 0o644)
            if os.fstat(handle).st_nlink > 1:  # shared with another folder (a cache copied with links)
                os.close(handle)
                os.unlink(path)
                handle = os.open(path, flags, 0o644)
            try:  # not joined: a file of the downloads is 65 MB
                _write_all(handle, [HEADER.pack(MAGIC, check, length), *pieces(content)])
                os.ftruncate(handle, HEADER.size + length)  # over a longer entry
            finally:
                os.close(handle)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def begin_pack(self) -> None:
        """Store what this process puts from now on in one new file (a pack), entry after entry,
        until end_pack. The pages of a part of a build are then one file to create and write
        back, not 600 (creating a file costs about as much as writing 200 KB on a small
        machine's disk). A pack is used, and goes with `prune`, as a whole."""
        if not self.folder or self._pack is not None:
            return
        folder = self.folder / PACKS
        name = f"{os.getpid()}-{time.time_ns()}.pack"
        try:
            folder.mkdir(exist_ok=True)
            handle = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o644)
        except OSError:
            return  # stored entry by entry
        self._pack = (handle, folder / name, {})

    def end_pack(self) -> None:
        """Close the pack begun, and write its index beside it, whole then renamed: a pack
        without an index (a build cut short) is never read, and goes with `prune`."""
        if self._pack is None:
            return
        handle, path, entries = self._pack
        self._pack = None
        try:
            os.close(handle)
            if not entries:
                path.unlink()
                return
            temporary = path.with_suffix(".index.tmp")
            temporary.write_text(json.dumps(entries), encoding="utf-8")
            temporary.replace(path.with_suffix(".index"))
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _put_packed(self, key: str, check: int, length: int, content: Content) -> None:
        handle, path, entries = self._pack
        try:
            offset = os.lseek(handle, 0, os.SEEK_END)
            _write_all(handle, [HEADER.pack(MAGIC, check, length), *pieces(content)])
        except OSError:
            return
        entries[key] = offset
        self._packs()[key] = (str(path), offset)  # asked again by this process: read from the pack

    def _packs(self) -> dict[str, tuple[str, int]]:
        """Where each packed entry is: the indexes of every pack, read once by each process."""
        if self._packed is None:
            self._packed = {}
            for index in sorted((self.folder / PACKS).glob("*.index")) if self.folder else []:
                try:
                    entries = json.loads(index.read_bytes())
                except (OSError, ValueError):
                    continue
                if isinstance(entries, dict):
                    pack = str(index.with_suffix(".pack"))
                    self._packed.update(
                        (key, (pack, offset))
                        for key, offset in entries.items()
                        if type(offset) is int and 0 <= offset < 2**62
                    )
        return self._packed

    def _read_packed(self, pack: str, offset: int) -> bytes | None:
        try:
            handle = os.open(pack, os.O_RDONLY | _BINARY)
            try:
                header = os.pread(handle, HEADER.size, offset)
                length = HEADER.unpack(header)[2] if len(header) == HEADER.size else 0
                # Never more than the pack holds: a damaged header may say any length.
                content = os.pread(handle, min(length, os.fstat(handle).st_size), offset + HEADER.size)
            finally:
                os.close(handle)
        except OSError:
            return None
        content = _whole(header, content)
        if content is not None:
            self._touch_pack(pack)
        return content

    def _touch_pack(self, pack: str) -> None:
        """A pack used by this build, and its index: kept by `prune` (once a process)."""
        if pack in self._touched:
            return
        self._touched.add(pack)
        for path in (pack, pack[: -len(".pack")] + ".index"):
            try:
                os.utime(path)
            except OSError:
                pass

    def get_files(self, key: str) -> dict[str, bytes] | None:
        """A stored group of named files (one language's search index, its lists)."""
        index = self.get_index(key)
        if index is None:
            return None
        files = {name: self.get(child) for name, child in index.items()}
        return None if None in files.values() else files

    def get_file(self, key: str, name: str) -> bytes | None:
        """One file of a stored group (the manifest of a language's search index), or None."""
        child = (self.get_index(key) or {}).get(name)
        return None if child is None else self.get(child)

    def get_index(self, key: str) -> dict[str, str] | None:
        """A stored group's file names, each with the SHA-256 (hex) of its bytes, which is also
        the key its bytes are stored under (`get`)."""
        stored = self.get(key)
        if stored is None:
            return None
        try:
            index = json.loads(stored)
        except ValueError:
            return None
        if not isinstance(index, dict) or not all(isinstance(child, str) for child in index.values()):
            return None
        return index

    def put_files(self, key: str, files: dict[str, bytes]) -> dict[str, str]:
        """Store a group of named files; its index (see get_index)."""
        index = {}
        for name, content in files.items():
            child = hashlib.sha256(content).hexdigest()
            self.put(child, content)
            index[name] = child
        self.put_index(key, index)
        return index

    def put_written(self, files: dict[str, Content], written, place, key: str | None = None) -> dict[str, str]:
        """Write files into the site, each `name` at `place(name)` (repertoire/written.py), and
        store them, each hashed once for both (and as a group under `key`, if given); their index."""
        index = {name: written.write(place(name), content).hex() for name, content in files.items()}
        for name, content in files.items():
            self.put(index[name], content)
        if key is not None:
            self.put_index(key, index)
        return index

    def put_index(self, key: str, index: dict[str, str]) -> None:
        """Store a group whose files are stored already, by their index."""
        self.put(key, json.dumps(index, sort_keys=True).encode())

    def write_stored(self, key: str, written, place) -> dict[str, str] | None:
        """Write a stored group of files into the site, each file `name` at `place(name)` (see
        repertoire/written.py), a file the site already holds being kept as it is, one file in
        memory at a time; its index, or None when the group is not stored whole."""
        index = self.get_index(key)
        if index is None:
            return None
        for child in index.values():
            self.touch(child)
        for name, child in index.items():
            if not written.holds(place(name), digest=bytes.fromhex(child)):
                content = self.get(child)
                if content is None:
                    return None
                written.write(place(name), content)
        return index

    def prune(self, days: int = KEEP_DAYS) -> None:
        """Remove what no build used for `days`, and whatever an interrupted build left: once a
        day (looking at every entry takes a second at 10,000 records)."""
        if not self.folder:
            return
        done = self.folder / "pruned"
        try:
            if done.stat().st_mtime > time.time() - 86400:
                return
        except OSError:
            pass
        done.touch()
        limit = time.time() - days * 86400
        for path in self.folder.glob("*/*"):
            try:
                if path.name.endswith(".tmp") or path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass

    def clear(self) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def _write_all(handle: int, parts: list) -> None:
    for piece in parts:
        view = memoryview(piece)
        while view:
            view = view[os.write(handle, view) :]


def late_name(placeholder: str) -> bytes:
    """The name inside a placeholder, as `fill` finds it."""
    return placeholder.strip(_MARK.decode("utf-8")).encode("utf-8")


def late_part(name: bytes, text: bytes) -> bytes:
    """A late-bound part as a written page holds it, between two comments naming it: the
    service worker finds it there in a page saved by an earlier build, and puts today's in
    (offline/service-worker.js). A record's text cannot close a comment: its "<" is escaped."""
    return b"<!--%s-->%s<!--/%s-->" % (name, text, name)


LATE_SOURCE = "late:"


def late_source(key: str, filled_as: str) -> str:
    """What a page was written from (repertoire/written.py): its key, and the late-bound parts
    it was filled in with."""
    return f"{LATE_SOURCE}{key}+{filled_as}"


def page_revision(source: str | None) -> bytes | None:
    """What a written page's revision in the offline copy is made from (a SHA-256 digest): the
    key of the page without its late-bound parts. An alert or a re-verified record changes
    every page's banner or date, not what a phone must download again (None: not a page
    written with late-bound parts)."""
    if not source or not source.startswith(LATE_SOURCE):
        return None
    return hashlib.sha256(source[len(LATE_SOURCE) :].partition("+")[0].encode()).digest()


def fill(content: bytes, fragments: dict[bytes, bytes]) -> bytes:
    """A stored page with its placeholders replaced by today's alert banner and date (UTF-8),
    in one pass: the page is cut at the private-use marks, and a name between two marks that
    is a placeholder's gives way to its fragment (any other mark stays as it was)."""
    parts = content.split(_MARK)
    if len(parts) < 3:
        return content
    out, i = [parts[0]], 1
    while i < len(parts):
        fragment = fragments.get(parts[i]) if i + 1 < len(parts) else None
        if fragment is None:
            out += (_MARK, parts[i])
            i += 1
        else:
            out += (fragment, parts[i + 1])
            i += 2
    return b"".join(out)
