"""Problems found in source files (records, statistics), reported as editors and CI read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class FileProblem:
    """One problem at one place of one file: printed as file:line: field: what was expected."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '(record)'}: {self.message}"


class ProblemsFound(Exception):
    """Sources that cannot be published: every problem found, in file and line order."""

    what = "the files"

    def __init__(self, errors: list[FileProblem]):
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} error(s) in {self.what}:\n" + "\n".join(map(str, self.errors)))
