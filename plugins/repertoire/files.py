"""File handling shared by the contributor tools: atomic writes and which records to act on."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .records import record_paths


def write_atomic(path: Path, data: bytes, sync: bool = True) -> None:
    """Replace a file's content all at once (temporary file in the same folder, then rename):
    a reader or a crash never sees half a record. Without `sync`, the data is not forced to
    disk first (a thousand records at once: the import); a crash may then leave an empty file."""
    write_all({Path(path): data}, sync)


def write_all(files: dict[Path, bytes], sync: bool = True) -> None:
    """Write every file or none, each as write_atomic() does: all are written to temporary
    files beside them before the first is renamed into place, so that a full disk or a quota
    stops a thousand records before the first, not after it. On an error the temporary files
    are removed, and so are the files the renames made where there were none; then it is
    raised again. A file that existed is never removed; one is replaced only once every file
    is on disk (only a rename failing after that, which takes no space, leaves it replaced)."""
    staged: dict[Path, str] = {}
    made: list[Path] = []
    path = None
    try:
        for path, data in files.items():
            handle, staged[path] = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                if sync:
                    os.fsync(stream.fileno())
            os.chmod(staged[path], path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        for path, temp in staged.items():
            new = not (path.exists() or path.is_symlink())
            os.replace(temp, path)
            if new:
                made.append(path)
    except BaseException as exc:
        if isinstance(exc, OSError) and not exc.filename and path is not None:
            exc.filename = str(path)  # a write refused (a full disk) names no file: the one written
        for temp in staged.values():
            Path(temp).unlink(missing_ok=True)
        for path in made:
            path.unlink(missing_ok=True)
        raise


def chosen_records(files: list[Path], content: Path) -> list[Path]:
    """The record files a tool was given, or every record of the content folder.

    Raises ValueError with a message for the person when a file or the folder is missing.
    """
    # Anything else that exists (a link, a pipe) is left to the reader, which says what it is.
    missing = [str(f) for f in files if not (Path(f).exists() or Path(f).is_symlink())]
    if missing:
        raise ValueError(f"no such file: {', '.join(missing)}")
    if files:
        return list(files)
    folder = Path(content) / "organizations"
    if not folder.is_dir():
        raise ValueError(f"no folder {folder}")
    return record_paths(folder)
