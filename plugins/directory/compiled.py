"""Compiled templates kept between builds (Jinja's bytecode cache), named by what compiles them."""

from __future__ import annotations

import functools
import hashlib
import inspect

import jinja2
from jinja2 import FileSystemBytecodeCache

from repertoire.sealed import read_sealed_bytes, write_sealed_bytes


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja knows a template's compiled code by its name and source only: code compiled with
    other extensions (text trimmed, words written in at compile time) or by another Jinja would
    be taken for this build's. The code of the environment's extensions names it too."""

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, f"{name}\0{compiled_by(environment)}", filename, source)

    # Sealed (repertoire/sealed.py): Jinja checks a file's source, not its code, and a changed
    # string in a damaged file was published on 154 pages (incremental builds' probe, stop 69).
    def load_bytecode(self, bucket) -> None:
        code = read_sealed_bytes(self._get_cache_filename(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        try:
            write_sealed_bytes(self._get_cache_filename(bucket), bucket.bytecode_to_string())
        except OSError:
            pass  # a cache that cannot be written only costs time


def compiled_by(environment) -> str:
    """What compiles an environment's templates: Jinja's version and its extensions' code."""
    classes = sorted({type(extension) for extension in environment.extensions.values()}, key=_named)
    return _code_of(tuple(classes))


def _named(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


@functools.cache
def _code_of(classes: tuple) -> str:
    hasher = hashlib.sha256(jinja2.__version__.encode())
    for cls in classes:
        hasher.update(_named(cls).encode())
        try:
            with open(inspect.getsourcefile(cls), "rb") as source:
                hasher.update(source.read())
        except (OSError, TypeError):  # compiled or built in: its name and Jinja's version
            pass
    return hasher.hexdigest()[:16]
