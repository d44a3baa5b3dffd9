"""The lexicon and the postings cut together by word: a query's words name the files it needs
before anything is downloaded, so a slow connection pays one round trip for the words and
their postings, not one for a lexicon and then one for the postings.

Keys are the lexicon's words (folded) and the terms, in one order: that of UTF-16 code
units, JavaScript's `<`. A shard holds a run of keys: the words with their term, every
term that is a key of the run or the term of one of its words, each with its postings.
A word, the words it starts (typing in progress) and a typed word's stem are then found
in the shards that the manifest's table of first keys names. A term whose words straddle
two shards is stored in both; cuts avoid that when they can.
"""

from __future__ import annotations

import bisect

from .documents import SAINTS

# A shard holds about this many bytes of JSON (~5 KB gzip): a query fetches one per word.
SHARD_BYTES = 16 * 1024


def utf16(text: str) -> bytes:
    """The sort key that orders strings as JavaScript compares them."""
    return text.encode("utf-16-be")


def _postings_size(postings: list[int]) -> int:
    """The bytes of a term's flat postings in JSON: their repr() less the space after each
    comma (half the time of json.dumps, for 20,000 terms at 10,000 records)."""
    return len(repr(postings)) - len(postings) + 1 if postings else 2


def cut(
    word_terms: dict[str, int], terms: list[str], postings: list[list[int]], limit: int = SHARD_BYTES
) -> list[dict]:
    """The shards, in key order: {"first": first key, "words": [...], "word_terms": [term id
    of each word], "terms": [[term id, term, postings], ...] by id}. `terms` are sorted with
    their ids as positions; `postings` are each term's flat postings (postings.py).

    A shard is cut once it holds `limit` bytes, where no term has keys on both sides (a term
    and its words are near one another: "organ", "organisation", "organismes"), or anyway
    at four times the limit."""
    term_ids = {t: i for i, t in enumerate(terms)}
    keys = sorted(set(word_terms) | set(terms), key=utf16)
    ids = [
        ({word_terms[key]} if key in word_terms else set()) | ({term_ids[key]} if key in term_ids else set())
        for key in keys
    ]
    # spanning[i]: how many terms have keys both at or before i and after it. A word far from its
    # term (a word family's: "drogue", "addiction" and "dependance" are "toxicoman") is left out:
    # it held every cut from "addiction" to "toxicomanie", the shards grew to four times the
    # limit and a search on slow 3G waited for 91 KB. Such a term is stored in its words' shards.
    near = [
        {term_id for term_id in found if terms[term_id][:1] == key[:1] or key in term_ids}
        for key, found in zip(keys, ids)
    ]
    last: dict[int, int] = {}
    for position, found in enumerate(near):
        for term_id in found:
            last[term_id] = position
    spanning = [0] * (len(keys) + 1)
    seen: set[int] = set()
    for position, found in enumerate(near):
        for term_id in found - seen:
            seen.add(term_id)
            spanning[position] += 1
            spanning[last[term_id]] -= 1
    for position in range(1, len(keys)):
        spanning[position] += spanning[position - 1]

    shards: list[dict] = []
    current: dict | None = None
    size = 0
    for position, key in enumerate(keys):
        if current is None:
            current, size = {"first": key, "words": [], "word_terms": [], "ids": set()}, 0
        if key in word_terms:
            current["words"].append(key)
            current["word_terms"].append(word_terms[key])
            size += len(key.encode()) + 8
        for term_id in ids[position] - current["ids"]:
            current["ids"].add(term_id)
            size += _postings_size(postings[term_id]) + len(terms[term_id].encode()) + 12
        if size >= 4 * limit or (size >= limit and spanning[position] == 0):
            shards.append(current)
            current = None
    if current is not None or not shards:  # an empty directory has one empty shard
        shards.append(current or {"first": "", "words": [], "word_terms": [], "ids": set()})
    shards[0]["first"] = ""  # every key falls in a shard
    for shard in shards:
        shard["terms"] = [[i, terms[i], postings[i]] for i in sorted(shard.pop("ids"))]
    return shards


# The short forms place_key reads as these words ("st" as "saint").
SHORT_FORMS = {whole: short for short, whole in SAINTS.items()}


def add_places(shards: list[dict], places: dict[str, str], stop_words: frozenset[str], key: str = "places") -> None:
    """Put each place name (ascii words) in the shard of its first word that is not a stop
    word ("baie" for "La Baie"), as `key` ("places"): {name: what it is searched as}. A query's
    words' shards are fetched anyway: its place names come with them, no file of their own."""
    firsts = [utf16(shard["first"]) for shard in shards]
    for name, searched_as in places.items():
        word = next((w for w in name.split() if w not in stop_words), None)
        if word is None or not shards:
            continue
        # "St-Hubert" is looked up as "saint hubert", in the shard of the word typed ("st") too.
        for typed in {word, SHORT_FORMS.get(word, word)}:
            at = max(0, bisect.bisect_right(firsts, utf16(typed)) - 1)
            shards[at].setdefault(key, {})[name] = searched_as
