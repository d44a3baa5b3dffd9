"""Flag organizations that are probably recorded twice; exit 1 when some are found (for review).

Three clues, each enough to put records in one group:
- the same phone number (however written; extensions, short codes such as 211 and the
  numbers content/territories.yaml reserves for fiction ignored);
- the same street address (street, unit and city, or street, unit and postal code);
- very similar names: identical once generic words ("centre", "de", "la"...) are left
  out, or a difflib ratio of at least 0.9 between the folded names.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from repertoire.files import chosen_records  # noqa: E402
from repertoire.phones import Numbering  # noqa: E402
from repertoire.records import LANGUAGES, text  # noqa: E402
from repertoire.spreadsheets import csv_lines  # noqa: E402
from repertoire.taxonomy import TaxonomyError, fold_name, load_taxonomy  # noqa: E402
from repertoire.yamlfile import YAMLFileError, load  # noqa: E402

THRESHOLD = 0.9
# Words that say what kind of organization it is, not which one.
GENERIC_WORDS = frozenset(
    """
    centre center organisme organization de du la le les des d l et a au aux en pour inc
    the of and
""".split()
)
# Street words people abbreviate (after fold_name: no accents, no dots).
STREET_WORDS = {
    "boul": "boulevard",
    "bd": "boulevard",
    "blvd": "boulevard",
    "av": "avenue",
    "ave": "avenue",
    "ch": "chemin",
    "rte": "route",
    "e": "est",
    "o": "ouest",
    "w": "ouest",
    "n": "nord",
    "s": "sud",
    "app": "",
    "bur": "",
    "local": "",
    "suite": "",
    "unite": "",
}
# How many following names, in each sorted order, each name is compared with (see similar_names).
WINDOW = 8
MAX_IDS_SHOWN = 10  # records named in one reason line
PARALLEL_FROM = 500  # records; below this, reading in one process is quicker


@dataclass
class Record:
    """What the comparison needs of one record file."""

    file: str
    id: str
    name: str
    names: list[str] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (digits, as written)
    addresses: list[tuple[tuple, str]] = field(default_factory=list)  # (key, as written)


def read(path: Path, numbering: Numbering) -> Record | str:
    """A record's names, phones and addresses, or the reason it cannot be read."""
    try:
        data, _ = load(path)
    except YAMLFileError as exc:
        return f"{path}:{exc.line}: {exc.message}"
    except OSError as exc:
        return f"{path}:1: cannot read the file: {exc.strerror}"
    if not isinstance(data, dict):
        return f"{path}:1: not a record (expected a mapping of fields)"
    names = []
    name = data.get("name") if isinstance(data.get("name"), (str, dict)) else None
    for lang in LANGUAGES:
        value, actual = text(name, lang)
        if isinstance(value, str) and value.strip() and actual == lang and value not in names:
            names.append(value)
    record = Record(str(path), str(data.get("id") or Path(path).stem), names[0] if names else "", names)
    for phone in _list(data.get("phones")):
        number = phone.get("number") if isinstance(phone, dict) else None
        parsed = numbering.parse(number) if isinstance(number, str) else None
        # Short codes (211, 811) are shared by design; numbers reserved for fiction (the
        # demonstration records use them) are never a real organization's.
        if parsed and not parsed.short and not numbering.is_fictitious(parsed):
            record.phones.append((parsed.digits, number))
    for location in _list(data.get("locations")):
        address = location.get("address") if isinstance(location, dict) else None
        if isinstance(address, dict) and isinstance(address.get("street"), str):
            for key in address_keys(address):
                record.addresses.append(
                    (
                        key,
                        ", ".join(str(address[k]) for k in ("street", "unit", "city", "postal_code") if address.get(k)),
                    )
                )
    return record


def _list(value) -> list:
    """A list field, or nothing if the (invalid) record has something else there."""
    return value if isinstance(value, list) else []


def street_key(street: str) -> str:
    """A street as compared: folded, common abbreviations spelled out."""
    words = [STREET_WORDS.get(word, word) for word in fold_name(street).split()]
    return " ".join(word for word in words if word)


def address_keys(address: dict) -> list[tuple]:
    """Two spellings of an address: with its city, and with its postal code (either may be missing)."""
    street = street_key(address["street"])
    unit = fold_name(str(address.get("unit") or ""))
    keys = []
    if isinstance(address.get("city"), str):
        keys.append(("city", street, unit, fold_name(address["city"])))
    if isinstance(address.get("postal_code"), str):
        keys.append(("postal", street, unit, re.sub(r"\s+", "", address["postal_code"]).upper()))
    return keys


def core_name(name: str) -> str:
    """A folded name without its generic words ("Le Centre d'entraide X" -> "entraide x")."""
    return " ".join(word for word in fold_name(name).split() if word not in GENERIC_WORDS)


@lru_cache(maxsize=None)
def _numbers(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", name))


def similar(a: str, b: str, threshold: float = THRESHOLD, matcher: difflib.SequenceMatcher | None = None) -> float:
    """difflib's ratio of two folded names if it reaches the threshold, else 0 (cheap bounds first).

    `matcher`, if given, already has `a` as its second sequence (difflib indexes that one).
    """
    if _numbers(a) != _numbers(b):
        return 0.0  # "Local 12" and "Local 13" are two places
    if 2 * min(len(a), len(b)) / (len(a) + len(b) or 1) < threshold:
        return 0.0
    if matcher is None:
        matcher = difflib.SequenceMatcher(None, b, a, autojunk=False)
    else:
        matcher.set_seq1(b)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= threshold else 0.0


def similar_names(records: list[Record], threshold: float = THRESHOLD):
    """([record indexes], reason) for records whose names are near-identical.

    Names identical once generic words are left out are grouped exactly, by hashing.
    For the others, comparing every pair with difflib is O(n^2): 50 million ratios for
    10,000 records. Instead, a "sorted neighbourhood": the distinct folded names are
    sorted, and each is compared with the WINDOW names after it. Names that differ only
    by a typo sort next to each other unless the typo is at their start, so three orders
    are used: the folded name, the name without its generic words (so "Le Centre X" meets
    "Centre X"), and the folded name read backwards (so a difference in the first letters
    still meets). That is at most 3 x WINDOW comparisons a name: linear in the number of
    records.
    """
    holders: dict[str, list[int]] = {}  # folded name -> records that bear it
    written: dict[str, str] = {}  # folded name -> as first written
    for index, record in enumerate(records):
        for name in record.names:
            folded = fold_name(name)
            written.setdefault(folded, name)
            if index not in holders.setdefault(folded, []):
                holders[folded].append(index)
    cores = {folded: core_name(folded) for folded in holders}
    by_core: dict[str, list[int]] = {}
    for folded, members in holders.items():
        group = by_core.setdefault(cores[folded], [])
        group.extend(m for m in members if m not in group)
    for core, members in by_core.items():
        if core and len(members) > 1:
            yield members, f"same name without generic words ('{core}')"
    seen = set()
    for order in (None, cores.get, lambda folded: folded[::-1]):
        ranked = sorted(holders, key=order)
        for position, folded in enumerate(ranked):
            matcher = difflib.SequenceMatcher(None, "", folded, autojunk=False)
            for other in ranked[position + 1 : position + 1 + WINDOW]:
                pair = (folded, other) if folded < other else (other, folded)
                if cores[folded] == cores[other] or pair in seen:
                    continue  # already grouped by the exact rule above, or already compared
                seen.add(pair)
                members = holders[folded] + [m for m in holders[other] if m not in holders[folded]]
                if len(members) > 1:
                    ratio = similar(folded, other, threshold, matcher)
                    if ratio:
                        yield members, f"similar names '{written[folded]}' and '{written[other]}', ratio {ratio:.2f}"


def find_groups(records: list[Record], threshold: float = THRESHOLD) -> list[tuple[list[int], list[str]]]:
    """Groups of records linked by any clue: (record indexes, reasons), in file order."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: list[tuple[list[int], str]] = []
    for clue in (_shared(records, "phones", "same phone"), _shared(records, "addresses", "same address")):
        links.extend(clue)
    links.extend(similar_names(records, threshold))
    for members, _ in links:
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups: dict[int, tuple[list[int], dict[str, None]]] = {}
    for members, reason in links:
        entry = groups.setdefault(root(members[0]), ([], {}))
        ids = [records[m].id for m in sorted(set(members))]
        shown = ", ".join(ids[:MAX_IDS_SHOWN]) + (
            f" and {len(ids) - MAX_IDS_SHOWN} more" if len(ids) > MAX_IDS_SHOWN else ""
        )
        entry[1][f"{reason} ({shown})"] = None  # each reason once, in the order found
    for index in range(len(records)):
        if root(index) in groups:
            groups[root(index)][0].append(index)
    return sorted(
        ((members, list(reasons)) for members, reasons in groups.values()), key=lambda g: records[g[0][0]].file
    )


def _shared(records: list[Record], attribute: str, label: str):
    """([record indexes], reason) for each phone or address found in more than one record."""
    holders: dict = {}
    for index, record in enumerate(records):
        for key, written in getattr(record, attribute):
            holders.setdefault(key, ({}, written))[0][index] = None  # a dict: ordered, no repeats
    for members, written in holders.values():
        if len(members) > 1:
            yield list(members), f"{label} {written}"


def read_all(paths: list[Path], jobs: int, numbering: Numbering) -> tuple[list[Record], list[str]]:
    """The readable records, and a message for each file that is not (several processes for many files)."""
    reader = functools.partial(read, numbering=numbering)
    if jobs > 1 and len(paths) >= PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(reader, paths, chunksize=200))
    else:
        results = [reader(path) for path in paths]
    return [r for r in results if isinstance(r, Record)], [r for r in results if isinstance(r, str)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="record files (default: every record of the content folder)"
    )
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument("--format", choices=["text", "csv"], default="text", help="csv: one row per record of a group")
    parser.add_argument(
        "--threshold",
        type=float,
        default=THRESHOLD,
        help=f"difflib ratio from which two names are 'very similar' (default {THRESHOLD})",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes reading the files")
    args = parser.parse_args(argv)
    if not 0 < args.threshold <= 1:
        print(f"error: --threshold must be between 0 and 1, not {args.threshold}", file=sys.stderr)
        return 2
    try:
        paths = chosen_records(args.files, args.content)
        numbering = load_taxonomy(args.content).conventions.phones
    except (ValueError, TaxonomyError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    records, unreadable = read_all(paths, args.jobs, numbering)
    for problem in unreadable:
        print(f"warning: skipped {problem}", file=sys.stderr)
    groups = find_groups(records, args.threshold)
    if args.format == "csv":  # opened in a spreadsheet: a name like =HYPERLINK(...) stays text
        rows = [["group", "id", "file", "name", "reasons"]]
        for number, (members, reasons) in enumerate(groups, 1):
            rows += [[number, records[m].id, records[m].file, records[m].name, "; ".join(reasons)] for m in members]
        sys.stdout.write(csv_lines(rows))
    else:
        for number, (members, reasons) in enumerate(groups, 1):
            print(f"{number}. {len(members)} records:")
            width = max(len(records[m].file) for m in members)
            for m in members:
                print(f"   {records[m].file:{width}}  {records[m].name}")
            for reason in reasons:
                print(f"   - {reason}")
    print(
        f"{len(groups)} group(s) of possible duplicates among {len(records)} record(s)"
        + (": check them, then merge the records or leave them if they are distinct" if groups else ""),
        file=sys.stderr,
    )
    return 1 if groups else 0


if __name__ == "__main__":
    sys.exit(main())
