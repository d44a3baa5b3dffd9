"""Validate organization records with the build's own code; exit 1 on any error."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from repertoire.crisis import CrisisLinesInvalid, load_crisis_lines  # noqa: E402
from repertoire.files import chosen_records  # noqa: E402
from repertoire.languages import LANGUAGES  # noqa: E402
from repertoire.records import RecordsInvalid, check_directory, check_files, with_misplaced  # noqa: E402
from repertoire.taxonomy import TaxonomyError, load_taxonomy  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "files", nargs="*", type=Path, help="record files (default: every record of the content folder)"
    )
    parser.add_argument(
        "--content", type=Path, default=ROOT / "content", help="content folder (categories, territories)"
    )
    parser.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: workflow commands that annotate the changed lines of a pull request",
    )
    args = parser.parse_args(argv)
    try:
        taxonomy = load_taxonomy(args.content)
    except TaxonomyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        paths = chosen_records(args.files, args.content)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        if args.files:
            count = check_files(paths, taxonomy)  # a file given twice is one
        else:
            count = with_misplaced(args.content / "organizations", lambda: check_directory(paths, taxonomy))
        # The crisis lines too, whatever files are given (a pull request's): a contributor edits
        # them as records, and the build stops on them.
        load_crisis_lines(args.content, taxonomy, list(LANGUAGES))
    except (RecordsInvalid, CrisisLinesInvalid) as invalid:
        for error in invalid.listed():
            if args.format == "github":
                message = _escaped(f"{error.field or 'record'}: {error.message}")
                print(f"::error file={_escaped(error.file, ':,')},line={error.line},title=Invalid record::{message}")
            else:
                print(error)
        print(
            f"{len(invalid.errors)} error(s) in {len({e.file for e in invalid.errors})} of {len(paths)} file(s)",
            file=sys.stderr,
        )
        return 1
    print(f"{count} record(s) valid in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


def _escaped(text: str, also: str = "") -> str:
    """Text inside a GitHub workflow command: a line break (\r too) or, in a property, a colon
    or a comma from a record would end it and start another command (a forged annotation)."""
    for character in "%\r\n" + also:
        text = text.replace(character, f"%{ord(character):02X}")
    return text


if __name__ == "__main__":
    sys.exit(main())
