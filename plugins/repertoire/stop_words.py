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


# Another language's stop words that are words of this one, with a meaning of their own: kept
# in a query on this language's site ("but non lucratif", "âge d'or", "trouble alimentaire",
# "don de sang"; "my son", "plus", the "Y des femmes").
WORDS_OF_THE_LANGUAGE = {
    "fr": frozenset({"an", "are", "but", "don", "if", "issue", "issues", "or", "trouble", "us"}),
    "en": frozenset({"plus", "son", "y"}),
}


@lru_cache(maxsize=None)
def query_stop_words(lang: str) -> frozenset[str]:
    """The words a query on `lang`'s site leaves out: its stop words, and those of the other
    languages (stopwords/), but the words of its own (WORDS_OF_THE_LANGUAGE). A bilingual site
    is asked in both: on the French site, "free food" and "i need food" found the 2
    organizations that happen to say "need" or "free" in English, not the 157 food banks."""
    others = [stop_words(path.stem) for path in sorted(STOPWORDS_DIR.glob("*.txt")) if path.stem != lang]
    return stop_words(lang) | (frozenset().union(*others) - WORDS_OF_THE_LANGUAGE.get(lang, frozenset()))


def common_words(languages) -> dict[str, frozenset[str]]:
    """The stop words of each of these languages that has them."""
    return {lang: stop_words(lang) for lang in languages if (STOPWORDS_DIR / f"{lang}.txt").is_file()}
