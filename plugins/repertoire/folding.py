"""Text compared without case, accents or ligatures: the one folding of the project.
- words() and fold(): words as people type them, for search (search_index/analysis.py,
  before and after stemming) and the crisis lines (crisis.py); letters of other scripts kept.
- ascii_words(): names as plain ASCII words, for ids (ids.py), place names and sorting
  (taxonomy.fold_name) and the import's repairs.
theme/static/js/search-terms.js has the same steps for the browser."""

from __future__ import annotations

import re
import unicodedata

# Letters and digits are words; everything else (spaces, apostrophes, hyphens) separates.
WORD = re.compile(r"[^\W_]+")
# Letters Unicode does not take apart into a letter and an accent.
LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
)
NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")


def words(text: str) -> list[str]:
    """The lower-cased words of a text, in order; accents typed as separate marks (NFD: a
    Mac's file names, text copied from a PDF) joined to their letters first, or "aînés" would be
    "ai", "ne", "s"."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return WORD.findall(text.lower())


def fold(word: str) -> str:
    """The word without accents or ligatures: "aînés" -> "aines"."""
    if word.isascii():  # nothing to fold: 98% of the 67,000 words an index folds at 10,000 records
        return word
    decomposed = unicodedata.normalize("NFD", word.translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_words(text: str) -> str:
    """Lower-case ASCII words joined by single spaces: "Sacré-Cœur, St-Jean" -> "sacre coeur st
    jean" (compatibility forms too: "ﬁ" -> "fi"); letters with no ASCII form are left out."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(LIGATURES)).encode("ascii", "ignore").decode()
    return NOT_ASCII_WORD.sub(" ", ascii_text.lower()).strip()
