"""Turn Open Referral HSDS packages into organization records in content/organizations/:
HSDS 3.x, 2.x and 1.x CSV datapackages (folder or .zip), nested JSON (3.0's shape or
Ohana's), JSON lines (one organization a line).

Give one package per language (ours say their language; others take --language, or are
read in the language their text is detected in). Every problem of every record is found in
one pass and named by table, row and field. What can be repaired safely is (12-hour times,
websites without https://, language names, markup) and reported. Nothing is written while
a record has a problem, unless --skip-invalid: then the valid records are written and the
others skipped. --report FILE lists, as CSV, what was skipped and why, what was repaired and
every column or object not imported, with counts. An existing record is never replaced
unless --overwrite is given.
Exit status: 0 imported (or would be, with --dry-run), 1 problems found, 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import runpy
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from repertoire.files import write_all  # noqa: E402
from repertoire.hsds_import import Notice, Problem, guess_language, merge_languages, read_package, records_from_tables  # noqa: E402
from repertoire.ids import is_record_id, record_file  # noqa: E402
from repertoire.problems import one_line  # noqa: E402
from repertoire.processes import map_in_processes  # noqa: E402
from repertoire.records import LANGUAGES, SCHEMA_PATH, RecordError, data_problems, read_record  # noqa: E402
from repertoire.recordtext import record_text as yaml_text  # noqa: E402
from repertoire.spreadsheets import to_csv  # noqa: E402
from repertoire.taxonomy import TaxonomyError, load_taxonomy  # noqa: E402
from repertoire.yamlfile import dotted  # noqa: E402

_INDEX = re.compile(r"(\.[^.\[]+|\[\d+\])$")
REPORT_COLUMNS = ["status", "record", "file", "row", "field", "count", "message"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("packages", nargs="+", type=Path, help="datapackage folder, .zip, JSON or JSON-lines file")
    parser.add_argument(
        "--language",
        "--lang",
        choices=LANGUAGES,
        help="language of packages that do not say theirs (default: detected from the text, else fr)",
    )
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument("--into", type=Path, help="folder of the records (default: CONTENT/organizations)")
    parser.add_argument("--overwrite", action="store_true", help="replace records that already exist")
    parser.add_argument("--dry-run", action="store_true", help="check and report on screen, write nothing")
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid records, skip the others (listed on screen, and in --report FILE if given)",
    )
    parser.add_argument("--report", type=Path, help="CSV file listing what was skipped, repaired and not imported")
    parser.add_argument("--category", help="category slug for organizations whose package names none")
    parser.add_argument(
        "--area",
        help="territory slug (or the whole territory's, territory.whole.slug) for "
        "organizations whose package names none and whose locations are in no known town",
    )
    parser.add_argument(
        "--verified",
        type=dt.date.fromisoformat,
        help="date of last verification (YYYY-MM-DD) where the package gives none",
    )
    args = parser.parse_args(argv)
    into = args.into or args.content / "organizations"
    # Said before anything is read: records written, then a report that cannot be, was a traceback.
    # The folder is made in the nearest one that exists: "afile/out" cannot be.
    there = next(path for path in (into, *into.parents) if path.exists() or path.is_symlink())
    if there.exists() and not there.is_dir():
        print(f"error: --into: {there} is a file; give a folder (it is created if missing)", file=sys.stderr)
        return 2
    if into.is_symlink() and not into.exists():
        print(f"error: --into: {into} is a link to nothing; give a folder (it is created if missing)", file=sys.stderr)
        return 2
    if args.report is not None and (args.report.is_dir() or not args.report.parent.is_dir()):
        where = "is a folder; give a file" if args.report.is_dir() else f"no folder {args.report.parent}"
        print(f"error: --report: {args.report}: {where}", file=sys.stderr)
        return 2
    # Only where asked: a report written where the command runs by default landed in a
    # checkout, outside the records' folder, ready to be committed with them.
    report = args.report
    refused_report = report and _not_a_report(report, into, args.packages)
    if refused_report:
        print(f"error: --report: {report}: {refused_report}", file=sys.stderr)
        return 2
    try:
        taxonomy = load_taxonomy(args.content)
    except TaxonomyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.category and args.category not in taxonomy.categories:
        print(f"error: --category: unknown category '{args.category}'", file=sys.stderr)
        return 2
    defaults = {
        "category": args.category,
        "service_area": args.area,
        "last_verified": args.verified.isoformat() if args.verified else None,
        # Hours are the site's local times: those a package gives in UTC are made so (or refused).
        "time_zone": runpy.run_path(str(ROOT / "pelicanconf.py"))["TIMEZONE"],
    }

    fatal: list[Problem] = []  # a package that cannot be read: nothing is imported
    by_language = {}
    notices: list[Notice] = []
    # Each package (one per language) is read and made into records on its own core.
    read = map_in_processes(
        lambda path: _read(path, args.language, taxonomy, defaults),
        args.packages,
        1 if _size(args.packages) < PARALLEL_FROM_BYTES else None,
    )
    for path, (read_problems, language, guessed, imported) in zip(args.packages, read):
        fatal += [
            Problem(f"{path.name}: {p.table}" if p.table != path.name else p.table, p.row, p.field, p.message)
            for p in read_problems
        ]
        if imported is None:
            continue
        if not imported.records and not imported.problems:
            # A header alone, or an empty list: exit 0 would say the import went well.
            fatal.append(Problem(path.name, "", "", "no organization in this package: nothing to import"))
            continue
        if guessed:
            notices.append(
                Notice(
                    "note",
                    f"{path.name}: read as {'French' if language == 'fr' else 'English'} "
                    f"({language}), the language of its text (--language says otherwise)"
                    + ("" if len(args.packages) > 1 else "; the other language is left missing"),
                )
            )
        if language in by_language:
            fatal.append(
                Problem(
                    str(path),
                    "",
                    "",
                    f"a second package in '{language}': give one package per "
                    "language (--language says which language a package is in)",
                )
            )
            continue
        by_language[language] = imported
        notices += imported.notices
    problems = [p for imported in by_language.values() for p in imported.problems]
    records, merge_problems = merge_languages(by_language, notices) if by_language else ([], [])
    problems += merge_problems
    base = by_language.get("fr") or next(iter(by_language.values()), None)  # merge_languages' base
    origins = base.origins if base else {}
    reported = base.reported if base else {}

    # Every id is checked before it becomes a path: nothing is ever made outside `into`.
    named = [r for r in records if is_record_id(r["id"])]
    problems += [
        Problem(
            "organizations",
            "",
            "id",
            f"{r['id']!r} is not a record id (lowercase letters, digits and hyphens)",
            r["id"],
        )
        for r in records
        if r not in named
    ]
    # A record kept as .yml is replaced there: a .yaml beside it would be the same id twice.
    # Its file under any case of the name ("x.YAML"): the build reads it as the record too, and
    # a new x.yaml beside it was the same id twice (on a disk that ignores case, it replaced it).
    held = {name.lower(): name for name in os.listdir(into)} if into.is_dir() else {}
    targets = {r["id"]: _target(into, r["id"], held) for r in named}
    existing = {i for i, path in targets.items() if path.exists() or path.is_symlink()}
    problems += [
        Problem("organizations", "", "id", f"{targets[i]} is not a file: a record cannot be written there", i)
        for i in sorted(existing)
        if not targets[i].is_file() or targets[i].is_symlink()
    ]
    if not args.overwrite:
        # Said at the row the record comes from: an id made from a name can be another
        # organization's of the same name ("Maison des jeunes"), which --overwrite would replace.
        problems += [
            Problem(
                *(origins.get(i, {}).get("name") or origins.get(i, {}).get("id") or ("organizations", "", "id")),
                f"{i}: the record {targets[i]} already exists; if it is this organization, --overwrite "
                "replaces it, else give this one an id of its own (an organization_identifier)",
                i,
            )
            for i in sorted(existing)
        ]
    # Checked with the build's own rules in memory (record_text() writes what YAML reads back
    # as the same data, tests/test_import.py): a dry run writes nothing, anywhere.
    invalid = {p.record for p in problems if p.record}
    texts = {}
    for record_id, record_problems, text in _checked_texts(named, taxonomy, reported, invalid):
        problems += [
            _problem_at(RecordError(f"{record_id}.yaml", 1, field, message), origins)
            for field, message in record_problems
        ]
        if text is not None:
            texts[record_id] = text
    invalid = {p.record for p in problems if p.record}

    rows_left_out = [p for p in problems if not p.record]
    valid = texts
    rows = _report_rows(fatal, problems, notices, skipped=args.skip_invalid and not fatal)
    if fatal or ((invalid or rows_left_out) and not args.skip_invalid):
        _print_problems([*fatal, *problems])
        if report and not args.dry_run and not _written({report: _report_text(rows)}, report.parent):
            return 1
        print(
            _refusal(fatal, invalid, rows_left_out, len({r["id"] for r in records} | invalid), report), file=sys.stderr
        )
        return 1
    _print_notices(notices)
    if problems:
        _print_problems(problems, "skipped")
    # Every file's bytes before the first is written: a text that no file can hold stops nothing halfway.
    files = {targets[record_id]: content.encode("utf-8") for record_id, content in valid.items()}
    # A record replaced by the very same text is left as it is; the ones that change are named:
    # an import run again over edited records said "120 replaced" and no more, the edits gone.
    replaced = sorted(existing & set(valid))
    changed = [i for i in replaced if _held_bytes(targets[i]) != files[targets[i]]]
    for record_id in set(replaced) - set(changed):
        del files[targets[record_id]]
    counts = (
        f"{len(valid) - len(replaced)} new, {len(changed)} replaced, {len(replaced) - len(changed)} unchanged"
        f"{f', {len(invalid)} skipped' if invalid else ''}"
    )
    if args.dry_run:
        print(
            f"would import {len(valid)} record(s) into {into} ({counts}); nothing written"
            f"{_listed(changed, targets, 'would be replaced with another text (their edits here, if any, would go)')}"
        )
        return 0
    if report:
        files[report] = _report_text(rows)
    if not _written(files, into):
        return 1
    print(
        f"imported {len(valid)} record(s) into {into} ({counts}){f'; report: {report}' if report else ''}"
        f"{_listed(changed, targets, 'replaced with another text (their edits here, if any, are gone: see git diff)')}"
    )
    return 0


CHANGED_LISTED = 20  # records replaced with other text, named after the counts


def _held_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _listed(changed: list[str], targets: dict[str, Path], said: str) -> str:
    """The records an import replaces with another text, for the person to review: a line that
    says so (`said`) and names them."""
    if not changed:
        return ""
    names = [str(targets[i]) for i in changed[:CHANGED_LISTED]]
    more = f" and {len(changed) - CHANGED_LISTED} more" if len(changed) > CHANGED_LISTED else ""
    return f"\n{said}: {', '.join(names)}{more}"


# Below this many bytes of packages, or records, a second process costs more than it saves.
PARALLEL_FROM_BYTES = 2 * 2**20
PARALLEL_FROM_RECORDS = 300


def _size(paths: list[Path]) -> int:
    """Bytes of packages (files, or the files of datapackage folders)."""
    total = 0
    for path in paths:
        files = path.iterdir() if path.is_dir() and not path.is_symlink() else [path]
        total += sum(f.stat().st_size for f in files if f.is_file() and not f.is_symlink())
    return total


def _read(path: Path, language: str | None, taxonomy, defaults: dict) -> tuple:
    """One package read and made into records: (reading problems, its language, whether that
    was guessed from its text, the records built; None when the package cannot be read)."""
    package, read_problems = read_package(path)
    if package is None:
        return read_problems, None, False, None
    language = package.language or language
    guessed = language is None
    if guessed:
        language = guess_language(package) or "fr"
    return read_problems, language, guessed, records_from_tables(package, taxonomy, defaults)


def _checked_texts(records: list[dict], taxonomy, reported: dict, invalid: set) -> list[tuple]:
    """(id, problems not already reported (field, message), its file's text or None) of each record: the records
    checked and written as text in parts, one per core when there are enough of them."""

    def check(part: list[dict]) -> list[tuple]:
        done = []
        for record in part:
            said = reported.get(record["id"], set())
            found = [
                (dotted(path), message)
                for path, message in data_problems(record, record["id"], taxonomy)
                if not _said(dotted(path), said)
            ]
            text = record_text(record) if not found and record["id"] not in invalid else None
            if text is not None:
                # Read back as the build will read the file: its reader refuses what the data's
                # checks do not see (five accents stacked on one letter were written, imported
                # "1 record", and then stopped the build).
                _, errors = read_record(Path(f"{record['id']}.yaml"), taxonomy, text=text)
                found = [(error.field, error.message) for error in errors if not _said(error.field, said)]
                text = None if errors else text
            done.append((record["id"], found, text))
        return done

    workers = (os.cpu_count() or 1) if len(records) >= PARALLEL_FROM_RECORDS else 1
    size = max(1, -(-len(records) // workers))
    parts = [records[i : i + size] for i in range(0, len(records), size)]
    return [result for part in map_in_processes(check, parts, workers) for result in part]


def record_text(record: dict) -> str:
    """A record as a YAML file in the canonical layout (scripts/format), with its schema line."""
    schema = os.path.relpath(SCHEMA_PATH, ROOT / "content" / "organizations")
    return yaml_text(record, f"# yaml-language-server: $schema={schema}")


def _said(field: str, fields: set[str]) -> bool:
    """Whether a validation error is about a field the import already said was wrong."""
    return any(field == f or field.startswith((f + ".", f + "[")) for f in fields)


def _problem_at(error, origins: dict) -> Problem:
    """A validation error of a staged record -> the table, row and field its value came from."""
    record_id = Path(error.file).stem
    places = origins.get(record_id, {})
    path = error.field
    while path and path not in places:
        shorter = _INDEX.sub("", path)
        path = shorter if shorter != path else ""
    table, row, column = places.get(path) or places.get("id") or ("organizations", "", "")
    return Problem(table, row, column, f"{record_id}: {error.field or 'record'}: {error.message}", record_id)


def _refusal(fatal: list, invalid: set, rows_left_out: list, total: int, report: Path | None) -> str:
    """The last line of a refused import: what was wrong and how to proceed."""
    if fatal:
        return f"{len(set(fatal))} problem(s) in reading the package(s): nothing was written"
    what = [
        f"{len(invalid)} of {total} record(s) have problems" if invalid else "",
        f"{len(rows_left_out)} row(s) cannot be read" if rows_left_out else "",
    ]
    listed = f"list the skipped ones in {report}" if report else "--report FILE to list the skipped ones in a file"
    return (
        f"{' and '.join(w for w in what if w)}: nothing was written. Correct them, or run again with "
        f"--skip-invalid to import the {total - len(invalid)} other record(s) ({listed})"
    )


def _print_problems(problems: list[Problem], label: str = "error") -> None:
    for problem in sorted(set(problems)):
        record = f" [{problem.record}]" if problem.record and problem.record not in problem.message else ""
        print(f"{label}: {problem}{record}", file=sys.stderr)


def _print_notices(notices: list[Notice]) -> None:
    """Notes as they come; repairs counted by what they changed (the report lists each one)."""
    repairs: dict[str, list[Notice]] = defaultdict(list)
    for notice in notices:
        if notice.kind == "repaired" and notice.group:
            repairs[notice.group].append(notice)
        else:
            print(f"note: {notice}")
    for group, done in repairs.items():
        first = str(done[0])  # one line, whatever the package's keys hold
        print(f"repaired: {one_line(group)}: {len(done):,} value(s) (first: {first.split(': ', 1)[-1]})")


def _report_rows(fatal: list[Problem], problems: list[Problem], notices: list[Notice], skipped: bool) -> list[list]:
    """The report: one row per problem (its record skipped, or the import refused), per repair,
    per column or table not imported (with its count) and per note."""
    status = "skipped" if skipped else "refused"
    rows = [["refused", p.record, p.table, p.row, p.field, "", p.message] for p in sorted(set(fatal))]
    rows += [[status, p.record, p.table, p.row, p.field, "", p.message] for p in sorted(set(problems))]
    times = Counter(notices)  # the same note from two packages (languages) once
    rows += [[n.kind, n.record, "", "", "", n.count * count, n.text] for n, count in times.items()]
    return rows


def _target(into: Path, record_id: str, held: dict[str, str]) -> Path:
    """Where a record is written: its .yaml file, or the file that holds it already (.yml, or
    any case of its name: `held`, the folder's names by their lower case)."""
    path = record_file(into, record_id)
    kept = held.get(path.name) or held.get(path.with_suffix(".yml").name)
    return into / kept if kept else path


def _not_a_report(report: Path, into: Path, packages: list[Path]) -> str | None:
    """Why the report cannot be written where asked, if it cannot: it replaces only an earlier
    report (a record, a package's table or any other file named by mistake is kept)."""
    place = report.resolve()
    if place.parent == into.resolve() or report.suffix.lower() in (".yaml", ".yml"):
        return "the records' folder holds records only; give a file elsewhere"
    for package in packages:
        package = package.resolve()
        if place == package or package in place.parents:
            return "that is a package being imported; give another file"
    if report.exists():
        with report.open("rb") as handle:
            first = handle.read(len(",".join(REPORT_COLUMNS)) + 8)
        if not first.lstrip(b"\xef\xbb\xbf").startswith(",".join(REPORT_COLUMNS).encode()):
            return "the file exists and is not an import report; give another name"
    return None


def _report_text(rows: list[list]) -> bytes:
    return to_csv(REPORT_COLUMNS, rows)


def _written(files: dict[Path, bytes], into: Path) -> bool:
    """Write the records (and the report) all or none, `into` made if missing; whether they
    were. A full disk or a quota stopped an import with a traceback after its first record,
    the others and the report left unwritten; now it is said, and nothing is left of the run."""
    made = not into.exists()
    try:
        into.mkdir(parents=True, exist_ok=True)
        # Not forced to disk one by one (a thousand fsyncs took a third of an import): rerun after a crash.
        write_all(files, sync=False)
    except OSError as exc:
        if made:
            with contextlib.suppress(OSError):
                into.rmdir()  # empty: write_all removed what it wrote
        failed = Path(exc.filename) if exc.filename else into
        folder = failed if failed in (into, *into.parents) else failed.parent
        print(f"error: cannot write into {folder}: {exc.strerror or exc}; nothing was written", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
