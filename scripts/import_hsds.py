"""Turn Open Referral HSDS 3.0 packages (CSV datapackage folder or .zip, or nested JSON) into
organization records in content/organizations/.

Give one package per language (ours say their language; others take --language). Nothing
is written until every record validates with the build's own rules; an existing record is
never replaced unless --overwrite is given. Each problem names the table, row and field.
Exit status: 0 imported (or would be, with --dry-run), 1 problems found, 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

from directory.files import write_atomic  # noqa: E402
from directory.ids import is_record_id, record_file  # noqa: E402
from directory.records import SCHEMA_PATH, read_record  # noqa: E402
from directory.taxonomy import TaxonomyError, load_taxonomy  # noqa: E402
from exports.hsds_import import Problem, merge_languages, read_package, records_from_tables  # noqa: E402
from format_records import format_text  # noqa: E402

_INDEX = re.compile(r"(\.[^.\[]+|\[\d+\])$")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("packages", nargs="+", type=Path, help="datapackage folder, .zip, or JSON file")
    parser.add_argument("--language", choices=["fr", "en"], help="language of packages that do not say theirs")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument("--into", type=Path, help="folder of the records (default: CONTENT/organizations)")
    parser.add_argument("--overwrite", action="store_true", help="replace records that already exist")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    parser.add_argument("--category", help="category slug for organizations whose package names none")
    parser.add_argument("--area", help="territory slug (or quebec) for organizations whose package names none")
    parser.add_argument("--verified", type=dt.date.fromisoformat,
                        help="date of last verification (YYYY-MM-DD) where the package gives none")
    args = parser.parse_args(argv)
    into = args.into or args.content / "organizations"
    try:
        taxonomy = load_taxonomy(args.content)
    except TaxonomyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.category and args.category not in taxonomy.categories:
        print(f"error: --category: unknown category '{args.category}'", file=sys.stderr)
        return 2
    defaults = {"category": args.category, "service_area": args.area,
                "last_verified": args.verified.isoformat() if args.verified else None}

    problems: list[Problem] = []
    by_language = {}
    notices = []
    for path in args.packages:
        package, read_problems = read_package(path)
        problems += [Problem(f"{path.name}: {p.table}" if p.table != path.name else p.table, p.row, p.field, p.message)
                     for p in read_problems]
        if package is None:
            continue
        language = package.language or args.language or "fr"
        if language in by_language:
            problems.append(Problem(str(path), "", "", f"a second package in '{language}': give one package per "
                                                       "language (--language says which language a package is in)"))
            continue
        imported = records_from_tables(package, taxonomy, defaults)
        by_language[language] = imported
        problems += imported.problems
        notices += imported.notices
    if problems:
        return _refuse(problems)
    if len(by_language) == 1:
        notices.append("one language given: each text is taken as the same in French and English")
    records, merge_problems = merge_languages(by_language)
    if merge_problems:
        return _refuse(merge_problems)
    origins = (by_language.get("fr") or next(iter(by_language.values()))).origins  # merge_languages' base

    # Every id is checked before it becomes a path: nothing is ever made outside `into`.
    bad_ids = [r["id"] for r in records if not is_record_id(r["id"])]
    if bad_ids:
        return _refuse([Problem("organizations", "", "id", f"{i!r} is not a record id (lowercase letters, digits "
                                                           "and hyphens)") for i in bad_ids])
    existing = [r["id"] for r in records
                if record_file(into, r["id"]).exists() or record_file(into, r["id"]).with_suffix(".yml").exists()]
    if existing and not args.overwrite:
        return _refuse([Problem("organizations", "", "id", f"record {record_file(into, i)} already exists "
                                                          "(--overwrite replaces it)") for i in existing])

    texts = {r["id"]: record_text(r) for r in records}
    # Checked with the build's own reader from memory: a dry run writes nothing, anywhere.
    errors = []
    for record_id, content in texts.items():
        errors += read_record(Path(f"{record_id}.yaml"), taxonomy, text=content)[1]
    if errors:
        return _refuse([_problem_at(e, origins) for e in errors])

    for notice in notices:
        print(f"note: {notice}")
    if args.dry_run:
        print(f"would import {len(records)} record(s) into {into} ({len(existing)} replaced); nothing written")
        return 0
    into.mkdir(parents=True, exist_ok=True)
    for record_id, content in texts.items():
        write_atomic(record_file(into, record_id), content.encode("utf-8"))
    print(f"imported {len(records)} record(s) into {into} ({len(records) - len(existing)} new, "
          f"{len(existing)} replaced)")
    return 0


def record_text(record: dict) -> str:
    """A record as a YAML file in the canonical layout (scripts/format), with its schema line."""
    schema = os.path.relpath(SCHEMA_PATH, ROOT / "content" / "organizations")
    body = yaml.dump(record, Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=10**6)
    return format_text(f"# yaml-language-server: $schema={schema}\n{body}")


class _RecordDumper(yaml.SafeDumper):
    """Short collections of plain values on one line, as contributors write them
    ([mo, tu], {fr: Accueil, en: Reception}); long texts and nested collections in block style."""

    SHORT = 80

    def represent_mapping(self, tag, mapping, flow_style=None):
        return super().represent_mapping(tag, mapping, flow_style=self._short(list(mapping.values())))

    def represent_sequence(self, tag, sequence, flow_style=None):
        return super().represent_sequence(tag, sequence, flow_style=self._short(list(sequence)))

    def _short(self, values: list) -> bool:
        scalar = all(isinstance(v, (str, int, float, bool)) for v in values)
        return scalar and sum(len(str(v)) + 2 for v in values) <= self.SHORT


def _problem_at(error, origins: dict) -> Problem:
    """A validation error of a staged record -> the table, row and field its value came from."""
    record_id = Path(error.file).stem
    places = origins.get(record_id, {})
    path = error.field
    while path and path not in places:
        shorter = _INDEX.sub("", path)
        path = shorter if shorter != path else ""
    table, row, column = places.get(path) or places.get("id") or ("organizations", "", "")
    return Problem(table, row, column, f"{record_id}: {error.field or 'record'}: {error.message}")


def _refuse(problems: list[Problem]) -> int:
    for problem in sorted(set(problems)):
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(set(problems))} problem(s): nothing was written", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
