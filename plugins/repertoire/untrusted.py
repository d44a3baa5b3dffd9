"""Reading input from people and programs the site does not control (a pull request, an
imported package): links that leave their folder, files too big to read, invisible
control characters. Shared by the record reader and the HSDS import."""

from __future__ import annotations

import io
import re
from pathlib import Path

# C0 and C1 control characters but tab, line feed and carriage return: invisible, they
# break pages, lists and terminals (NUL, BEL, escape sequences). Also the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): invisible too, they
# show text in another order than it is written ("U+202E ...gpj.exe"). And the zero-width
# space, word joiner and byte order mark inside a text: a name of nothing but those looked
# filled in to every check and showed nothing. And the private-use characters of the Basic
# Multilingual Plane: no font shows them the same, and the build marks where late parts of a
# page go with them (page_cache LATE_*: a name holding one got the alert banner spliced in).
# And the other invisible format characters no French or English text needs: the Arabic
# letter mark (a bidirectional control), invisible operators, deprecated formats, annotation
# marks, shorthand and musical formats, tags (U+E0000-U+E007F): "Org<U+2061>anisme" showed
# as "Organisme" and search did not find it by that word.
_CONTROLS = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    r"\ue000-\uf8ff\ufeff\ufff9-\ufffb"
)
_CONTROLS_PAST_BMP = r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
CONTROL_CHARACTERS = re.compile(f"[{_CONTROLS}{_CONTROLS_PAST_BMP}]")
# Halves of UTF-16 surrogate pairs, alone: no character, no UTF-8, no XML. They come only from
# escapes (JSON's \\ud800), never from decoded UTF-8: refused where JSON is read.
SURROGATES = re.compile("[\ud800-\udfff]")
# The control characters above, and the non-characters: YAML's reader refuses U+FFFE and U+FFFF
# written as they are (a record holding one would not read back), and every one of them, escaped
# or not, is an HTML parse error on a page (U+FDD0-U+FDEF, and the last two of each plane).
_NON_CHARACTERS_BMP = "\\ufdd0-\\ufdef\\ufffe\\uffff"
_NON_CHARACTERS = _NON_CHARACTERS_BMP + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
NOT_IN_RECORDS = re.compile(f"[{_CONTROLS}{_CONTROLS_PAST_BMP}{_NON_CHARACTERS}]")
# Marks stacked on one letter past what any language writes (Vietnamese puts two, Hebrew with its
# cantillation four): "Z" and 180 combining marks ("zalgo" text) drew over the lines around it
# and made a 320 px page 360 px wide. The ranges of combining marks of the scripts people use.
_COMBINING_MARKS = (
    r"\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0e31-\u0e4e"
    r"\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
STACKED_MARKS = re.compile(f"[{_COMBINING_MARKS}]{{5,}}")
# One character either of them may find, or any past U+FFFF: a text without one (most records)
# needs neither search. re tests NOT_IN_RECORDS's ranges past U+FFFF one by one at each
# character, and a counted class at every position; this class it looks up in a table: 0.11 s
# of CPU over 10,000 records, against 1.1 s for the two searches.
MAY_BE_REFUSED = re.compile(f"[{_CONTROLS}{_NON_CHARACTERS_BMP}{_COMBINING_MARKS}\\U00010000-\\U0010ffff]")


class TooBig(Exception):
    """More bytes than a reader accepts."""


def leaves_folder(path: Path) -> bool:
    """Whether `path` is a link to something outside its own folder (such files are not read)."""
    path = Path(path)
    if not path.is_symlink():
        return False
    try:
        return path.parent.resolve() not in path.resolve().parents
    except (OSError, RuntimeError):  # a loop of links
        return True


class CappedStream(io.RawIOBase):
    """A binary stream that raises TooBig once more than `limit` bytes were read from it,
    so that a decompressed zip member or a huge file is never read whole."""

    def __init__(self, stream, limit: int):
        super().__init__()
        self.stream, self.limit, self.count = stream, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = self.stream.readinto(buffer)
        self.count += size or 0
        if self.count > self.limit:
            raise TooBig(f"over {self.limit:,} bytes")
        return size


def read_capped(stream, limit: int, size: int | None = None) -> bytes:
    """All of a binary stream, or TooBig past `limit` bytes (never more is held). `size`, a
    file's size when known, is what is asked for first: a buffer of `limit` bytes made for
    every small file cost more than reading it (10,000 records: 0.6 s of CPU instead of 0.25)."""
    data = stream.read((limit if size is None else min(size, limit)) + 1)
    if size is not None and size < len(data) <= limit:  # it grew since its size was taken
        data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        raise TooBig(f"over {limit:,} bytes")
    return data
