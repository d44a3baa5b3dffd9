"""Each term's postings (the documents of each field that have it, and their weights), as the
postings shards hold them (index.py), weighted exactly as lunr's Builder weighs them.

lunr's Builder (lunr.js 2.3.9's, and lunr.py 0.8.0's builder.py, its port) gives a term of a
field of a document the BM25 weight

    idf * (k1 + 1) * tf / (k1 * (1 - b + b * length / average length) + tf) * field boost

where tf is the term's count in the field, length the field's number of terms, the average
taken over every document (empty fields count), and idf = log(1 + |(N - n + 0.5) / (n + 0.5)|)
for N documents and n the (field, document) pairs that have the term; rounded to 3 decimals
as lunr.py rounds (round(), as the files were made). The same float operations in the same
order give the same weights without lunr's whole index: tests/test_search.py compares the
files with those of lunr.py's Builder.
"""

from __future__ import annotations

import math
from collections import Counter

from .analysis import terms
from .documents import FIELDS

K1, B = 1.2, 0.75  # lunr's Builder's defaults
# Weights are sent as integers: twentieths keep the ranking and save a digit a posting.
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
    found: dict[str, tuple[list[int], list[int]]] = {}
    lengths = []
    for number, text in enumerate(texts):
        text_terms = analyzed[number] if analyzed is not None else terms(text, lang)
        lengths.append(len(text_terms))
        for t, count in Counter(text_terms).items():
            texts_of, counts = found.setdefault(t, ([], []))
            texts_of.append(number)
            counts.append(count)
    return found, lengths


def _weight(idf: float, tf: int, length: int, average: float, boost: int) -> int:
    """lunr's score, in its order of operations and rounded as it rounds, then scaled."""
    score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf)
    score *= boost  # lunr then multiplies by the document's boost: 1 here, which changes nothing
    return round(round(score, 3) * WEIGHT_SCALE)


def build_postings(
    documents: list[dict[str, str]],
    lang: str,
    groups: list[list[int]],
    analyzed: list[dict[str, list[str]]] | None = None,
) -> dict[str, list[int]]:
    """term -> flat list: for each field with documents, field, count, document gaps, weights;
    `analyzed`: each document's terms by field, when already known.

    The GROUPED_FIELD is written per group of `groups` instead (field written as -1 - field,
    then group gaps and one weight per group): every document of a category shares its
    category text, so this field would otherwise be a third of all postings. Its terms are
    read once per group, and each group counts as its number of documents.
    """
    count = len(documents)
    per_field = []
    pairs: Counter[str] = Counter()  # term -> (field, document) pairs that have it
    for number, (name, boost) in enumerate(FIELDS.items()):
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
        average = sum(n * size for n, size in zip(lengths, sizes)) / count if count else 0.0
        for t, (numbers, _) in found.items():
            pairs[t] += sum(sizes[n] for n in numbers)
        per_field.append((code, boost, found, lengths, average))

    idfs = {t: math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for t, n in pairs.items()}
    postings: dict[str, list[int]] = {t: [] for t in pairs}
    for code, boost, found, lengths, average in per_field:
        for t, (numbers, counts) in found.items():
            weights = [_weight(idfs[t], tf, lengths[n], average, boost) for n, tf in zip(numbers, counts)]
            postings[t] += [code, len(numbers), *gaps(numbers), *weights]
    return postings
