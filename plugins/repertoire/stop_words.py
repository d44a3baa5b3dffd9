"""The words nearly every search has, per language (stopwords/<lang>.txt, one a line): the
search leaves them out of what it looks for (search_index), and a crisis line may not be
called by one of them alone (crisis.py). No Pelican here."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .folding import fold

STOPWORDS_DIR = Path(__file__).parent / "stopwords"


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """The language's stop words, folded (one per line in stopwords/<lang>.txt)."""
    lines = (STOPWORDS_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    # A comment line's words are not stop words ("search", "list", "stop" were, once).
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#"))


def common_words(languages) -> dict[str, frozenset[str]]:
    """The stop words of each of these languages that has them."""
    return {lang: stop_words(lang) for lang in languages if (STOPWORDS_DIR / f"{lang}.txt").is_file()}
