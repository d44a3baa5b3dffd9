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
    path = Path(path)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
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
