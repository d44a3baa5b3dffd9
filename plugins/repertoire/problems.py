"""Problems found in source files (records, statistics), reported as editors and CI read them."""

from __future__ import annotations

import difflib
import itertools
import re
import sys
import unicodedata
from dataclasses import dataclass

_NUMBER = re.compile(r"(\d+)")
# Characters that would break a problem's line, or hide or turn around what it says: controls
# (a line break), Unicode's line and paragraph separators, and format characters (direction
# marks, tags) but the joiners and soft hyphen of ordinary text.
_BREAKING = frozenset({"Cc", "Cf", "Zl", "Zp"})
_ORDINARY_FORMAT = frozenset("\u00ad\u200c\u200d")


def _unseen(character: str) -> bool:
    return unicodedata.category(character) in _BREAKING and character not in _ORDINARY_FORMAT


def one_line(text: str) -> str:
    """Text as one line that shows what it holds: a file named "a.yaml\\nb.yaml:1: ..." must not
    print as two problems (a forged line that editors and CI would jump to). Once a line holds
    an escape, its backslashes are written twice, so that a backslash and an "n" typed in a name
    do not read as a line break."""
    if text.isprintable() or not any(map(_unseen, text)):
        return text
    out = []
    for character in text:
        if character == "\\":
            out.append("\\\\")
        elif _unseen(character):
            out.append(character.encode("unicode_escape").decode("ascii"))
        else:
            out.append(character)
    return "".join(out)


def unknown_fields(given, allowed) -> list[tuple[str, str]]:
    """(key, message) for each key of `given` not `allowed`, with the known one it is most
    likely a typo of: "exept_in" was read as nothing, and its exceptions were lost unsaid."""
    allowed = sorted(allowed)
    found = []
    for key in sorted(set(given) - set(allowed), key=str):
        hint = difflib.get_close_matches(str(key), allowed, n=1)
        tip = f" (did you mean '{hint[0]}'?)" if hint else f"; known fields: {', '.join(allowed)}"
        found.append((key, f"unknown field '{key}'{tip}"))
    return found


MESSAGE_MOST = 400  # characters of a problem's message printed: one line an editor can read


def shortened(message: str) -> str:
    """A problem's message as printed: cut, if it quotes a value of thousands of characters."""
    if len(message) <= MESSAGE_MOST:
        return message
    return f"{message[: MESSAGE_MOST - 40]}… ({len(message)} characters)"


@dataclass(frozen=True)
class FileProblem:
    """One problem at one place of one file: printed as file:line: field: what was expected.

    Problems sort by file, line, then field in reading order (phones[2] before phones[10])."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.file}:{self.line}: {self.field or '(record)'}: {shortened(self.message)}")

    def _key(self) -> tuple:
        field = tuple(int(part) if part.isdigit() else part for part in _NUMBER.split(self.field))
        return (self.file, self.line, field, self.message)

    def __lt__(self, other: "FileProblem") -> bool:
        return self._key() < other._key()


class Refused(ValueError):
    """A folder or setting the build will not use, said to the person who chose it (no
    traceback: the message is the whole story). A ValueError: a wrong value given."""


# Problems listed per file: a statistics file of 200,000 bad rows printed 199,999 lines (a
# hostile-input probe, stop 83); the first ones say what is wrong with the rest.
MOST_LISTED_PER_FILE = 50


class ProblemsFound(Exception):
    """Sources that cannot be published: every problem found, in file and line order."""

    what = "the files"
    told_already = False  # see told()

    def __init__(self, errors: list[FileProblem]):
        self.errors = sorted(set(errors))
        super().__init__(f"{self.counted()}:\n" + "\n".join(map(str, self.listed())))

    def listed(self) -> list[FileProblem]:
        """The problems as printed: MOST_LISTED_PER_FILE of a file at most, then one that says
        how many more it has, at the line of the first not listed."""
        listed = []
        for file, errors in itertools.groupby(self.errors, key=lambda error: error.file):
            errors = list(errors)
            listed += errors[:MOST_LISTED_PER_FILE]
            if len(errors) > MOST_LISTED_PER_FILE:
                more = len(errors) - MOST_LISTED_PER_FILE
                first = errors[MOST_LISTED_PER_FILE]
                listed.append(FileProblem(file, first.line, "(file)", f"{more:,} more error(s) not listed"))
        return listed

    def told(self) -> ProblemsFound:
        """The problems written to standard error, one plain line each, for a build to stop on:
        Pelican's log wraps lines (a path cut in two, which editors and CI cannot jump to). Its
        log then says the count alone (plugins/directory); it printed the whole list again."""
        sys.stderr.write("".join(f"{error}\n" for error in self.listed()))
        self.told_already = True
        return self

    def counted(self) -> str:
        return f"{len(self.errors)} error(s) in {self.what}"


# The context's list of problems that a generator found in bulletins or pages and left for the
# check run once every file is read (plugins/safe_html): a build stopped on a bulletin's
# missing category before that check, and never said why another bulletin could not be read.
HELD_PROBLEMS = "content_problems_held"


def hold_problems(context: dict, problems: list[FileProblem]) -> bool:
    """Leave `problems` to the check that runs once every file is read, if one will run (it
    made the list); whether they were left there (if not, stop on them now)."""
    held = context.get(HELD_PROBLEMS)
    if held is None:
        return False
    held.extend(problems)
    return True
