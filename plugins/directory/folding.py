"""Words as people type them, compared without case, accents or ligatures: the one folding
that search (search_index/analysis.py, before and after stemming) and the crisis lines
(crisis.py) share. theme/static/js/search-terms.js has the same two steps for the browser."""

from __future__ import annotations

import re
import unicodedata

# Letters and digits are words; everything else (spaces, apostrophes, hyphens) separates.
WORD = re.compile(r"[^\W_]+")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def words(text: str) -> list[str]:
    """The lower-cased words of a text, in order."""
    return WORD.findall(text.lower())


def fold(word: str) -> str:
    """The word without accents or ligatures: "aînés" -> "aines"."""
    decomposed = unicodedata.normalize("NFD", word.translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
