"""Record ids made from names (scripts/new, scripts/import_hsds): lowercase ASCII words
joined by hyphens, at most MAX_ID characters, made unique with -2, -3..."""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

MAX_ID = 80
# Letters NFKD does not take apart into an ASCII letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
                            "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"})


def make_id(name: str) -> str:
    """The id a name gives: ASCII lowercase words joined by hyphens, at most MAX_ID characters
    (cut at a word boundary)."""
    text = unicodedata.normalize("NFKD", name.translate(_LIGATURES)).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_ID:
        head = slug[: MAX_ID + 1]
        slug = (head.rsplit("-", 1)[0] if "-" in head else head)[:MAX_ID].strip("-")
    return slug


def unique_id(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or base-2, base-3... the first that `taken` says is free."""
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    return candidate
