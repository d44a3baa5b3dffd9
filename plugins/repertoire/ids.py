"""Record ids made from names (scripts/new, scripts/import_hsds): lowercase ASCII words
joined by hyphens, at most MAX_ID characters, made unique with -2, -3..."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .folding import ascii_words

MAX_ID = 80
# A record id, as the schema's `id` says (tests keep the two equal): the only text from
# outside that ever becomes a file name.
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ID_MAX_LENGTH = 100
# Names Windows keeps for its devices, whatever the extension: a checkout cannot hold con.yaml,
# nor a site the folder organismes/con/. An id made from such a name is numbered ("con-2").
WINDOWS_DEVICES = frozenset(["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))])


# Apostrophes and quotation marks a keyboard or a word processor puts between words: "d’aide"
# is "d aide", as "d'aide" is (the curly one was dropped: "daide").
_BETWEEN_WORDS = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u00b4`\u00ab\u00bb\u201c\u201d\u201e", " ")
)


def make_id(name: str) -> str:
    """The id a name gives: ASCII lowercase words joined by hyphens, at most MAX_ID characters
    (cut at a word boundary)."""
    slug = ascii_words(name.translate(_BETWEEN_WORDS)).replace(" ", "-")
    if len(slug) > MAX_ID:
        head = slug[: MAX_ID + 1]
        slug = (head.rsplit("-", 1)[0] if "-" in head else head)[:MAX_ID].strip("-")
    return slug


def unique_id(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or base-2, base-3... the first that `taken` says is free."""
    return _first_free(base, taken, 1)[0]


def _first_free(base: str, taken: Callable[[str], bool], number: int) -> tuple[str, int]:
    """The first of base-<number>, base-<number + 1>... (base itself for 1) that `taken`
    says is free, and its number."""
    while True:
        candidate = base if number == 1 else base[: MAX_ID - len(f"-{number}")].rstrip("-") + f"-{number}"
        if candidate not in WINDOWS_DEVICES and not taken(candidate):
            return candidate, number
        number += 1


class UniqueIds:
    """Ids handed out one after another, each made unique as unique_id() does; the number a
    base is at is remembered, so that n names alike take n steps, not n * n / 2 (20,000
    organizations of one name took 48 s to import, against 7.5 s for 20,000 names)."""

    def __init__(self, reserved: set[str] | frozenset[str] = frozenset()):
        self.taken: set[str] = set()
        # Ids given to some (a package's own record ids): no other is made one of them.
        self.reserved = reserved
        self._next: dict[str, int] = {}  # base -> the first number not yet known taken

    def make(self, base: str, reserved: bool = False) -> str:
        """A new id: `base`, or the first base-2, base-3... not handed out yet, nor reserved
        unless `base` is the one reserved for it."""
        if reserved and base not in self.taken:
            self.taken.add(base)  # its own, whatever others named alike were made meanwhile
            return base
        taken = self.taken.__contains__ if reserved else lambda id_: id_ in self.taken or id_ in self.reserved
        candidate, number = _first_free(base, taken, self._next.get(base, 1))
        self._next[base] = number + 1
        self.taken.add(candidate)
        return candidate


def is_record_id(text: object) -> bool:
    """Whether `text` is a record id (so also a safe file name: no dot, slash or space)."""
    return isinstance(text, str) and len(text) <= ID_MAX_LENGTH and ID_PATTERN.fullmatch(text) is not None


def record_file(folder: Path, record_id: str) -> Path:
    """The file of a record in `folder`; ValueError for anything that is not a record id,
    so that no input can name a file elsewhere."""
    if not is_record_id(record_id):
        raise ValueError(f"{record_id!r} is not a record id (lowercase letters, digits and hyphens)")
    return Path(folder) / f"{record_id}.yaml"
