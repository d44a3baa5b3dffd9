"""The search index of one language, cut into small files a phone fetches only as needed:
- word shards (shards.py): runs of the directory's words (folded), each with the term it
  stems to, and of the terms, each with its postings: the documents and count of the term
  in each field (postings.py). The browser turns what is typed into
  terms and their postings with the shards its words name: exact words, words starting
  with the letters typed, a typed word's own stem. A query fetches one shard per word.
- the lengths of each document's fields, and the groups of documents sharing their category
  text: with the manifest's averages and boosts, a term's postings give lunr's BM25 weights
  (postings.py); fetched with a query's first shards.
- the spelling list: every word of the directory, for a word it does not have (the words
  one typo away); fetched only then.
- the records themselves in the language (repertoire/compact.py), in two cuts:
  - for reading online, cards (name, categories, status, locations: what a result shows),
    a few per file, fetched for the results on screen; and details (the rest), fetched for
    an organization's page drawn from card + details;
  - for the offline copy, whole records by the thousand, stored by column (columns.py):
    gzip finds more alike in a column of addresses than in records one after the other,
    so the copy a phone keeps is half the size of the cards and details. Long descriptions
    are cut to a summary there (repertoire/compact.py installed_record).
- facets: each document's categories, regions, languages and places (municipalities where it
  is, territories it serves), fetched when a filter is set.
- the names of the organizations no longer active (closed.py), fetched with a query's first
  shards: search ranks none of them, but says when a query names one.
- a manifest naming all of these, with the counts of active ("open") and listed documents;
  every other file is named after a hash of its content,
  so browsers and the offline copy may keep them for ever. The search page carries the
  manifest in its HTML: a query from the address starts its downloads at once.
Documents are numbered by status (active, temporarily closed, no longer active), then
primary category, region and name: the results of one query tend to share a category,
hence a few record chunks; a temporarily closed organization ranks after every active one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from repertoire.compact import compact_record, first_call, installed_record
from repertoire.jsontext import compact_json
from repertoire.records import Organization, text
from repertoire.stop_words import query_stop_words
from repertoire.taxonomy import Taxonomy, fold_name

from . import columns
from .analysis import (
    KIND_FIRST,
    SPELLINGS,
    WHOLE_WORDS,
    WORD_FAMILIES,
    WORDS_APART,
    expressions_searched,
    fold,
    term,
    terms_of_words,
    words,
)
from .closed import closed_entries
from .documents import (
    FIELDS,
    PLACE_TITLES,
    held_towns,
    named_instead,
    other_language_names,
    place_entries,
    postal_starts,
    regions_of_places,
    run_together_places,
    search_fields,
    wider_places,
)
from .postings import GROUPED_FIELD, K1, WEIGHT_SCALE, B, build_postings, document_groups, gaps
from .shards import add_places, cut, utf16

# With every number, the website and the e-mail: a search printed has no page to open, and left
# out the TTY a counsellor printed the list for (they moved from the details: no byte more).
CARD_FIELDS = ("id", "name", "categories", "status", "locations", "phones", "website", "email")
CARD_CHUNK = 16  # a query fetches the chunks of its first results: small ones
DETAIL_CHUNK = 128  # a page drawn online fetches one
RECORDS_CHUNK = 1024  # the offline copy's: ~1.6 MB of JSON each, quick to read on a phone


@dataclass
class SearchFiles:
    """One language's search files: name -> content, and the manifest that lists them."""

    manifest: dict
    files: dict[str, bytes]


def _json(data) -> bytes:
    return compact_json(data, sort_keys=True)


def _points(record: dict) -> list[float]:
    """A compact record's places as [latitude, longitude, latitude, ...] (those with coordinates)."""
    return [degree for place in record.get("locations") or [] for degree in place.get("coordinates") or []]


def _named(prefix: str, content: bytes, files: dict[str, bytes]) -> str:
    name = f"{prefix}-{hashlib.sha256(content).hexdigest()[:12]}.json"
    files[name] = content
    return name


# Documents are numbered active first, then temporarily closed, then no longer active: the
# manifest's "open" and "listed" counts let the browser rank and filter by status alone.
STATUS_ORDER = {"active": 0, "temporarily_closed": 1, "inactive": 2}


def document_order(organizations: list[Organization], taxonomy: Taxonomy, lang: str) -> list[Organization]:
    """The order that numbers documents: status, primary category, first region, name."""
    categories = {slug: i for i, slug in enumerate(taxonomy.categories)}
    regions = {r.slug: i for i, r in enumerate(taxonomy.regions)}
    return sorted(
        organizations,
        key=lambda org: (
            STATUS_ORDER[org.status],
            categories[org.primary_category],
            regions.get(org.regions[0], len(regions)) if org.regions else len(regions),
            fold_name(text(org.data["name"], lang)[0]),
        ),
    )


def _facets(org: Organization, categories: dict, regions: dict, languages: dict, places: dict, whole: str) -> list:
    """A document's entry in the facets file, by position; theme/static/js/facets.js reads it
    (a change of layout is made in both)."""
    region_ids = [regions[slug] for slug in org.regions if slug in regions]
    if whole in (org.data.get("service_area") or []):
        region_ids.append(-1)  # serves every region
    # Where it is and what it serves, for a municipality's printed directory (printed.js).
    place_slugs = dict.fromkeys([*org.municipalities, *org.data["service_area"]])
    return [
        [categories[slug] for slug in org.categories],
        region_ids,
        [languages.setdefault(code, len(languages)) for code in org.data.get("languages") or []],
        [places.setdefault(slug, len(places)) for slug in place_slugs],
    ]


def distinct_texts(documents: list[dict[str, str]]) -> list[str]:
    """The documents' texts each once, in order (records share many: a category's text is
    in hundreds of records, and more than half of their words at 10,000 records)."""
    return list(dict.fromkeys(value for fields in documents for value in fields.values()))


def lexicon(
    documents: list[dict[str, str]], lang: str, term_ids: dict[str, int], met: Iterable[str] | None = None
) -> dict[str, int]:
    """Every word of the documents, folded -> its term's id (`met`: their distinct words in
    the order met, when known). Words folding alike may stem apart (the French stemmer reads
    accents): the first one met gives the term, so reading each distinct word once, in order,
    is enough, and each distinct text once (its words were all met the first time)."""
    if met is None:
        met = dict.fromkeys(chain.from_iterable(map(words, distinct_texts(documents))))
    found: dict[str, int] = {}
    for word in met:
        if (stem := term(word, lang)) in term_ids:
            found.setdefault(fold(word), term_ids[stem])
    return found


def card(record: dict) -> dict:
    """What a result shows of a compact record, with the number to call as the page writes it
    (so that a result shows it without the details)."""
    call = first_call(record)
    # The services' numbers too (record.js everyPhone reads them there); the details give the
    # services whole.
    services = [{"phones": service["phones"]} for service in record.get("services") or [] if service.get("phones")]
    return {
        **{k: record[k] for k in CARD_FIELDS if k in record},
        **({"call": {"number": call["number"], "tel": call["tel"]}} if call else {}),
        **({"services": services} if services else {}),
        # Past its review date, and since when: a printed result says to call before going.
        **({"stale": True, "last_verified": record["last_verified"]} if record.get("stale") else {}),
    }


def build_search_files(
    organizations: list[Organization],
    taxonomy: Taxonomy,
    lang: str,
    stale: frozenset[str] = frozenset(),
    alternatives: dict[str, list[Organization]] | None = None,
    kept: tuple | None = None,
) -> SearchFiles:
    """Every search file of one language; `stale` names the records past their review date,
    `alternatives` the active organizations each closed one points to. `kept`:
    (each record's hash by id, a directory.derived.Derived) to keep each record's search text
    and compact form between builds."""
    alternatives = alternatives or {}
    ordered = document_order(organizations, taxonomy, lang)

    shared: dict = {}  # the texts records share (search_fields)

    def record_parts(org: Organization) -> tuple[dict, dict]:
        """Its search text and compact form."""
        # An organization no longer active is stored (its page is drawn offline) but has no
        # words: no search finds it.
        fields = search_fields(org, taxonomy, lang, shared) if org.status != "inactive" else dict.fromkeys(FIELDS, "")
        return fields, compact_record(org, lang, taxonomy.conventions.phones, org.id in stale, alternatives.get(org.id))

    if kept:
        digests, derived = kept
        parts = [
            derived.get(
                "+".join(
                    [
                        digests[org.id],
                        str(org.id in stale),
                        *(other.id for other in alternatives.get(org.id) or []),
                    ]
                ),
                lambda org=org: record_parts(org),
            )
            for org in ordered
        ]
    else:
        parts = [record_parts(org) for org in ordered]
    documents = [fields for fields, _ in parts]
    # Each distinct text's terms, and the documents' distinct words in the order met (for the
    # lexicon), read once. Not kept with the records' parts between builds: pickled, they
    # doubled them, and took longer than reading them again.
    read: dict[str, list[str]] = {}
    met: dict[str, None] = {}
    for value in distinct_texts(documents):
        found = words(value)
        read[value] = terms_of_words(found, lang)
        met.update(dict.fromkeys(found))  # a word met before keeps its place
    analyzed = [{name: read[value] for name, value in fields.items()} for fields in documents]
    groups = document_groups(documents, GROUPED_FIELD)
    built = build_postings(documents, lang, groups, analyzed)
    postings = built.by_term
    field_names = list(FIELDS)
    sorted_terms = sorted(postings)
    term_ids = {t: i for i, t in enumerate(sorted_terms)}
    files: dict[str, bytes] = {}

    words_terms = lexicon(documents, lang, term_ids, met)
    shards = cut(words_terms, sorted_terms, [postings[t] for t in sorted_terms])
    places, wider = place_entries(taxonomy, lang), wider_places(taxonomy, lang, ordered)
    # Places and names are read without the words a query leaves out (query_stop_words).
    stop = query_stop_words(lang)
    add_places(shards, places, stop)
    add_places(shards, wider, stop, key="wider")
    held = held_towns(taxonomy, lang)
    # A held town's name run together ("valdor") is searched as the town with its region too.
    searched = places | wider | {key: name for key, name in held.items() if not wider.get(key)}
    instead = run_together_places(taxonomy, searched) | named_instead(taxonomy, searched, ordered) | held
    instead |= other_language_names(taxonomy, lang)
    add_places(shards, instead, stop, key="instead")
    add_places(shards, regions_of_places(taxonomy, lang), stop, key="regions")
    shard_table = [[shard.pop("first"), _named("words", _json(shard), files)] for shard in shards]
    spelling = _named("spelling", _json(sorted(words_terms, key=utf16)), files)
    groups_file = _named("groups", _json([gaps(docs) for docs in groups]), files)
    # After the fields' lengths, each document's own name's alone (query.py named_whole): the
    # name field holds its other names and glosses too, and a temporarily closed "Clinique
    # juridique Le Relais" (CJLR) typed whole came 74th of 75.
    # Its words a query keeps: "Head and Hands" is named whole by "head and hands" on the French site too.
    own_names = [
        len(terms_of_words([w for w in words(text(org.data["name"], lang)[0]) if fold(w) not in stop], lang))
        for org in ordered
    ]
    lengths_file = _named("lengths", _json([*built.lengths, own_names]), files)

    # A closed organization's alternatives by document number: the reader takes their names
    # and numbers from the cards (search-engine.js records), which the offline install holds
    # anyway. Written whole, five names and numbers each, they put the English install at
    # 10,000 records over its 3 MiB.
    number = {org.id: i for i, org in enumerate(ordered)}
    records = [
        {**record, "alternatives": [number[other] for other in record["alternatives"]]}
        if "alternatives" in record
        else record
        for _, record in parts
    ]

    # Made a chunk at a time: the three copies of the records are never whole in memory.
    def chunks(prefix: str, size: int, shape, table=list) -> list[str]:
        return [
            _named(prefix, _json(table([shape(r) for r in records[i : i + size]])), files)
            for i in range(0, len(records), size)
        ]

    card_files = chunks("cards", CARD_CHUNK, card)
    detail_files = chunks("details", DETAIL_CHUNK, lambda r: {k: v for k, v in r.items() if k not in CARD_FIELDS})
    # The offline copy's records by column (columns.py): whole records, less their id (the ids
    # file has them in order), less the card's number to call (the reader takes it from the
    # phones again), and with long descriptions cut to a summary (the offline install's budget).
    record_files = chunks(
        "records", RECORDS_CHUNK, lambda r: {k: v for k, v in installed_record(r).items() if k != "id"}, columns.table
    )
    # Each document's organization id, in order: for a page drawn offline (search needs none).
    ids = _named("ids", _json([org.id for org in ordered]), files)
    # Each document's places, as latitude and longitude one after the other: the results of a
    # search put in order of distance from a town, all of them, not only those shown (a few
    # bytes a record, where their cards are kilobytes).
    points = _named("points", _json([_points(record) for record in records]), files)
    categories = {slug: i for i, slug in enumerate(taxonomy.categories)}
    regions = {r.slug: i for i, r in enumerate(taxonomy.regions)}
    languages: dict[str, int] = {}
    places: dict[str, int] = {}
    facets = [_facets(org, categories, regions, languages, places, taxonomy.whole.slug) for org in ordered]
    facets_file = _named("facets", _json({"docs": facets, "languages": list(languages), "places": list(places)}), files)
    # The names of those no longer active, which search never ranks (closed.py).
    closed = _named("closed", _json(closed_entries(ordered, lang, stop)), files)

    manifest = {
        "lang": lang,
        "documents": len(ordered),
        "open": sum(org.status == "active" for org in ordered),  # documents 0..open-1 are active
        "listed": sum(org.status != "inactive" for org in ordered),  # the rest are no longer active
        "fields": field_names,
        "stop_words": sorted(stop),
        "whole_words": sorted(WHOLE_WORDS.get(lang, ())),
        "kind_first": lang in KIND_FIRST,
        "place_titles": list(PLACE_TITLES),
        "spellings": dict(sorted(SPELLINGS.get(lang, {}).items())),
        "word_families": WORD_FAMILIES,
        "expressions": expressions_searched(lang, words_terms),
        "words_apart": WORDS_APART,
        # Where the postal areas that start so are (documents.postal_starts): "j4" Montérégie.
        "postal_starts": postal_starts(taxonomy, lang, ordered),
        "words": shard_table,
        "spelling": spelling,
        # What turns a posting's count into lunr's weight (postings.py weight()).
        "weights": {
            "k1": K1,
            "b": B,
            "scale": WEIGHT_SCALE,
            "boosts": list(FIELDS.values()),
            "averages": built.averages,
        },
        "groups": groups_file,
        "lengths": lengths_file,
        "cards": card_files,
        "cards_chunk": CARD_CHUNK,
        "details": detail_files,
        "details_chunk": DETAIL_CHUNK,
        "records": record_files,
        "records_chunk": RECORDS_CHUNK,
        # The files the offline copy leaves out: the records by column hold the same.
        "online_only": ["cards", "details"],
        "ids": ids,
        "points": points,
        "facets": facets_file,
        "closed": closed,
        "categories": list(categories),
        "regions": list(regions),
    }
    return SearchFiles(manifest, files)
