"""Each term's postings (the documents of each field that have it, and how often), as the
postings shards hold them (index.py), and the weights lunr's Builder would give them.

lunr's Builder (lunr.js 2.3.9's, and lunr.py 0.8.0's builder.py, its port) gives a term of a
field of a document the BM25 weight

    idf * (k1 + 1) * tf / (k1 * (1 - b + b * length / average length) + tf) * field boost

where tf is the term's count in the field, length the field's number of terms, the average
taken over every document (empty fields count), and idf = log(1 + |(N - n + 0.5) / (n + 0.5)|)
for N documents and n the (field, document) pairs that have the term; rounded to 3 decimals
as lunr.py rounds. The shards carry tf, not the weight: tf is nearly always 1, so gzip makes
it almost nothing, where a weight (which varies with each document's length) cost a third
of the offline copy's search files (#13). A query works the weight out from the postings
(which give n), the lengths file and the manifest's averages (weight() here,
search-engine.js weight() in the browser), with the same float operations in the same
order: tests/test_search.py compares the result with lunr.py's Builder's weights.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate

from .analysis import terms
from .documents import FIELDS

K1, B = 1.2, 0.75  # lunr's Builder's defaults
# Weights are rounded to twentieths: that keeps the ranking (and was once what saved a digit
# a posting in the files).
WEIGHT_SCALE = 20
# Written per group of documents with the same text in that field (see build_postings).
GROUPED_FIELD = "category"


def gaps(numbers: list[int]) -> list[int]:
    """Increasing numbers as the first one and the differences: shorter in JSON."""
    return [numbers[0]] + [b - a for a, b in zip(numbers, numbers[1:])]


def document_groups(documents: list[dict[str, str]], field: str) -> list[list[int]]:
    """Documents whose `field` has the same text, hence the same terms and weights, in groups
    (documents in order; groups in the order of their first document)."""
    by_text: dict[str, list[int]] = {}
    for number, fields in enumerate(documents):
        by_text.setdefault(fields[field], []).append(number)
    return sorted(by_text.values())


def _field_terms(
    texts: list[str], lang: str, analyzed: list[list[str]] | None = None
) -> tuple[dict[str, tuple[list[int], list[int]]], list[int]]:
    """term -> (the texts that have it, in order; its count in each), and each text's length;
    `analyzed`: each text's terms, when already known.

    A term is lower case with no space or hyphen, so lunr's tokenizer would give it back
    unchanged: these are the counts and lengths lunr's Builder finds."""
    # The text of each occurrence, counted per term at the end: one append an occurrence is
    # cheaper than a Counter a text and two lists a (term, text) pair (~800,000 at 10,000 records).
    occurrences: defaultdict[str, list[int]] = defaultdict(list)
    lengths = []
    for number, text in enumerate(texts):
        text_terms = analyzed[number] if analyzed is not None else terms(text, lang)
        lengths.append(len(text_terms))
        for t in text_terms:
            occurrences[t].append(number)
    return {t: _counted(numbers) for t, numbers in occurrences.items()}, lengths


def _counted(numbers: list[int]) -> tuple[list[int], list[int]]:
    """Increasing numbers, some repeated: each number once, and how many times it came."""
    if len(set(numbers)) == len(numbers):  # nearly always: a term once in a text
        return numbers, [1] * len(numbers)
    counted = Counter(numbers)
    return list(counted), list(counted.values())


def idf(documents: int, pairs: int) -> float:
    """lunr's inverse document frequency of a term that `pairs` (field, document) pairs have."""
    return math.log(1 + abs((documents - pairs + 0.5) / (pairs + 0.5)))


def weight(idf: float, tf: int, length: int, average: float, boost: int) -> float:
    """lunr's weight, in its order of operations and rounded as it rounds, to twentieths."""
    score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf)
    score *= boost  # lunr then multiplies by the document's boost: 1 here, which changes nothing
    return round(round(score, 3) * WEIGHT_SCALE) / WEIGHT_SCALE


def pair_count(flat: list[int], group_sizes: list[int]) -> int:
    """The (field, document) pairs that have a term, from its flat postings: its n in idf()."""
    pairs, i = 0, 0
    while i < len(flat):
        count = flat[i + 1]
        if flat[i] >= 0:
            pairs += count
        else:  # groups: each counts as its number of documents
            group = 0
            for gap in flat[i + 2 : i + 2 + count]:
                group += gap
                pairs += group_sizes[group]
        i += 2 + 2 * count
    return pairs


@dataclass
class Postings:
    """build_postings()'s answer. `by_term`: term -> flat postings; `lengths`: for each field
    (FIELDS order), each document's number of terms (each group's, for the GROUPED_FIELD);
    `averages`: each field's average length over every document."""

    by_term: dict[str, list[int]]
    lengths: list[list[int]]
    averages: list[float]


def build_postings(
    documents: list[dict[str, str]],
    lang: str,
    groups: list[list[int]],
    analyzed: list[dict[str, list[str]]] | None = None,
) -> Postings:
    """Each term's flat postings: for each field with documents, field, count, document gaps,
    the term's count in each; and the fields' lengths (Postings). `analyzed`: each document's
    terms by field, when already known.

    The GROUPED_FIELD is written per group of `groups` instead (field written as -1 - field,
    then group gaps and one count per group): every document of a category shares its
    category text, so this field would otherwise be a third of all postings. Its terms are
    read once per group, and each group counts as its number of documents.
    """
    count = len(documents)
    postings: dict[str, list[int]] = {}
    all_lengths, averages = [], []
    for number, name in enumerate(FIELDS):
        if name == GROUPED_FIELD:
            code, sizes = -1 - number, [len(docs) for docs in groups]
            found, lengths = _field_terms(
                [documents[docs[0]][name] for docs in groups],
                lang,
                [analyzed[docs[0]][name] for docs in groups] if analyzed else None,
            )
        else:
            code, sizes = number, [1] * count
            found, lengths = _field_terms(
                [doc[name] for doc in documents], lang, [terms_of[name] for terms_of in analyzed] if analyzed else None
            )
        # An exact integer sum divided once, as lunr does.
        averages.append(sum(n * size for n, size in zip(lengths, sizes)) / count if count else 0.0)
        all_lengths.append(lengths)
        for t, (numbers, counts) in found.items():
            postings.setdefault(t, []).extend([code, len(numbers), *gaps(numbers), *counts])
    return Postings(postings, all_lengths, averages)


def weights_of(
    flat: list[int], documents: int, lengths: list[list[int]], averages: list[float], group_sizes: list[int]
) -> list[tuple[int, list[int], list[float]]]:
    """A term's flat postings read back, field by field: the field as written (-1 - field for
    the grouped one), its documents (groups) and their weights, lunr's Builder's, from the
    counts and lengths."""
    term_idf = idf(documents, pair_count(flat, group_sizes))
    boosts = list(FIELDS.values())
    out, i = [], 0
    while i < len(flat):
        code, count = flat[i], flat[i + 1]
        field = code if code >= 0 else -1 - code
        numbers = list(accumulate(flat[i + 2 : i + 2 + count]))
        tfs = flat[i + 2 + count : i + 2 + 2 * count]
        weights = [
            weight(term_idf, tf, lengths[field][n], averages[field], boosts[field]) for n, tf in zip(numbers, tfs)
        ]
        out.append((code, numbers, weights))
        i += 2 + 2 * count
    return out
