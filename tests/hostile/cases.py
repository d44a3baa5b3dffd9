"""The hostile corpus: every case, the command it goes through and what that command must say.

Small cases are files in this folder (records/, packages/, news/); big ones (a 2 MB record,
100,000 levels of brackets, a zip bomb, a 1 GB line) are written by `make()` into a
scratch folder. tests/test_hostile.py asserts each outcome; scripts/bench_hostile.py prints
the time and peak memory of each.
"""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYTHON = sys.executable
SECRET = "root:x:0:0:hostile-secret-line"
ORGANIZATIONS_HEADER = "id,name,description\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: the tool's arguments ({input} and {into} filled in), and the
    message (file:line: field: ... or table row N field F: ...) it must print."""

    name: str
    tool: str  # validate | import
    input: str  # path relative to the scratch folder
    expected: tuple[str, ...]  # fragments of the output, each required

    def command(self, scratch: Path) -> list[str]:
        path = scratch / self.input
        if self.tool == "validate":
            return [PYTHON, str(ROOT / "scripts" / "validate.py"), str(path)]
        return import_command(path, scratch / "into")


def import_command(package: Path, into: Path) -> list[str]:
    """scripts/import_hsds on a package, with the choices a contributor gives, into a folder."""
    options = ["--language", "fr", "--category", "alimentation", "--area", "montreal", "--verified", "2026-01-01"]
    return [PYTHON, str(ROOT / "scripts" / "import_hsds.py"), str(package), *options, "--into", str(into)]


def _record(name: str, line: int, field: str, message: str) -> Case:
    return Case(name, "validate", f"records/{name}.yaml", (f"records/{name}.yaml:{line}: {field}", message))


RECORDS = [
    _record("billion-laughs", 3, "a", "YAML anchors (&a) are not allowed"),
    _record("merge-key-bomb", 3, "l0", "YAML anchors (&l0) are not allowed"),
    _record("merge-key-inline", 3, "(record)", "YAML merge keys (<<) are not allowed"),
    _record("deep-flow-2000", 3, "name.a.a", "nested more than 16 levels deep"),
    _record("deep-flow-100000", 1, "id[0][0]", "nested more than 16 levels deep"),
    _record("huge", 1, "(record)", "at most 1,048,576 are read"),
    _record("many-entries", 3, "phones", "more than 1,000 entries in one list"),
    _record("nul-escaped", 3, "name", "control character U+0000 is not allowed"),
    _record("terminal-escape", 4, "description", "control character U+001B is not allowed"),
    _record("stacked-marks", 4, "name.fr", "180 marks stacked on one letter: at most 4"),
    _record("bell-in-block", 6, "description", "character U+0007 is not allowed"),  # the field its line is in (stop 76)
    _record("two-documents", 4, "(record)", "a record is one YAML document"),
    _record("complex-key", 3, "(record)", "a key must be plain text"),
    _record("python-tag", 3, "name", "YAML tags (!!python/object/apply:os.system) are not allowed"),
    _record("binary-tag", 4, "name", "YAML tags (!!binary) are not allowed"),
    _record("bool-tag", 8, "status", "YAML tags (!!bool) are not allowed"),
    _record("private-use", 3, "name", "character U+E000 is not allowed"),
    _record("latin1", 3, "name", "the file is not UTF-8 text"),  # its line's field (a probe, stop 76)
    _record("link-outside", 1, "(record)", "a link to a file outside its folder: not read"),
    _record("fifo", 1, "(record)", "not a regular file"),
    # A value whose check took time growing with its square (minutes for this 400 KB address).
    _record("backtracking-address", 7, "website", "too long: 400010 characters, at most 2000"),
    # A value too long is said by its length, once: not quoted whole (one line an editor can
    # read), nor said again as "not a phone number".
    _record("long-phone", 8, "phones[0].number", "too long: 100000 characters, at most 60\n1 error(s)"),
    # A number of 4,000 hexadecimal digits: Python reads it, and cannot print it (a traceback
    # naming no file, every other file unchecked).
    _record("hex-integer", 2, "name", "too long: 4002 characters, at most 200"),
]
# What a generated record says besides its one hostile value.
PLAIN_RECORD = (
    "id: {id}\nname: Organisme\ndescription: Un organisme.\ncategories: [sante]\n"
    "service_area: [quebec]\nlast_verified: 2026-01-01\n"
)

PACKAGES = [
    Case(
        "traversal",
        "import",
        "packages/traversal",
        (
            "organization_identifiers.csv row 2 field identifier: '../../../tmp/repertoire-hostile/PWNED' is not a "
            "record id",
            "nothing was written",
        ),
    ),
    Case("zip-bomb", "import", "packages/zip-bomb.zip", ("organizations.csv row", "the table is over 64 MiB")),
    Case(
        "one-gigabyte-line",
        "import",
        "packages/long-line.zip",
        ("organizations.csv row 2: a line is over 65,536 characters",),
    ),
    Case("long-cell", "import", "packages/long-cell", ("organizations.csv row 3: a cell is over 65,536 characters",)),
    Case(
        "twin-tables",
        "import",
        "packages/twin-tables.zip",
        ("organizations.csv: 2 files of this name in the zip (organizations.csv, sub/organizations.csv)",),
    ),
    Case("deep-json", "import", "packages/deep.json", ("deep.json: nested too deeply",)),
    Case("many-rows", "import", "packages/many-rows", ("organizations.csv row 200002: over 200,000 rows",)),
    Case("not-a-zip", "import", "packages/not-a-zip.zip", ("not-a-zip.zip: not a readable zip file",)),
    # Within the limits of one table or file, and still too much to hold.
    Case("wide-table", "import", "packages/wide-table", ("organizations.csv row 1: 10,003 columns: at most 100",)),
    Case("many-cells", "import", "packages/many-cells", ("over 12,000,000 cells: split it",)),
    Case(
        "tables-over-budget",
        "import",
        "packages/tables-over-budget.zip",
        ("services.csv row", "the package's tables are over 192 MiB in all"),
    ),
    Case("empty-objects", "import", "packages/empty-objects.json", ("over 1,000,000 objects and arrays",)),
    Case("many-values", "import", "packages/many-values.json", ("many-values.json: over 5,000,000 values",)),
    Case("many-organizations", "import", "packages/many-organizations.json", ("over 200,000 organization objects",)),
    Case(
        "crowded-organization",
        "import",
        "packages/crowded-organization.json",
        ("crowded-organization.json at [0] field id: over 50,000 rows linked to this organization",),
    ),
]

CASES = RECORDS + PACKAGES


def make(scratch: Path, big: bool = True) -> Path:
    """Copy the corpus into `scratch` and write the generated cases; `big=False` makes the
    zip bomb and the long line 100 MB instead of 1 GB (the limits are hit at 64 KiB and
    64 MiB either way)."""
    for folder in ("records", "packages", "news"):
        shutil.copytree(HERE / folder, scratch / folder, dirs_exist_ok=True)
    records, packages = scratch / "records", scratch / "packages"
    (records / "huge.yaml").write_text("id: huge\ndescription: |\n" + "  Une très longue description.\n" * 80_000)
    (records / "deep-flow-100000.yaml").write_text("id: " + "[" * 100_000 + "]" * 100_000 + "\n")
    secret = scratch / "secret.txt"
    secret.write_text(SECRET + "\n")
    os.symlink(secret, records / "link-outside.yaml")
    os.mkfifo(records / "fifo.yaml")  # reading it would wait forever
    (records / "backtracking-address.yaml").write_text(
        PLAIN_RECORD.format(id="backtracking-address") + 'website: "https://' + "a." * 200_000 + ' x"\n'
    )
    (records / "hex-integer.yaml").write_text(
        PLAIN_RECORD.format(id="hex-integer").replace("Organisme", "0x" + "f" * 4000, 1)
    )
    (records / "long-phone.yaml").write_text(
        PLAIN_RECORD.format(id="long-phone") + 'phones:\n  - number: "' + "5" * 100_000 + '"\n'
    )

    size = 2**30 if big else 100 * 2**20
    with zipfile.ZipFile(packages / "zip-bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("organizations.csv", "w", force_zip64=True) as member:
            member.write(ORGANIZATIONS_HEADER.encode())
            row = ("a," + "b" * 60_000 + ",c\n").encode()
            for _ in range(size // len(row)):
                member.write(row)
    with zipfile.ZipFile(packages / "long-line.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("organizations.csv", "w", force_zip64=True) as member:
            member.write(ORGANIZATIONS_HEADER.encode())
            chunk = b"x" * 2**20
            for _ in range(size // len(chunk)):
                member.write(chunk)
    (packages / "long-cell").mkdir()
    (packages / "long-cell" / "organizations.csv").write_text(
        ORGANIZATIONS_HEADER + "o1,Organisme,Court.\n" + 'o2,Organisme,"' + "Une ligne courte.\n" * 20_000 + '"\n'
    )
    with zipfile.ZipFile(packages / "twin-tables.zip", "w") as archive:
        archive.writestr("organizations.csv", ORGANIZATIONS_HEADER + "o1,Organisme A,Un organisme.\n")
        archive.writestr("sub/organizations.csv", ORGANIZATIONS_HEADER + "o2,Organisme B,Un autre.\n")
    (packages / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (packages / "many-rows").mkdir()
    (packages / "many-rows" / "organizations.csv").write_text(
        ORGANIZATIONS_HEADER + "".join(f"o{i},Organisme {i},Texte.\n" for i in range(200_001))
    )
    (packages / "not-a-zip.zip").write_bytes(b"PK\x03\x04 this is not a zip archive")
    _make_crowded(packages)
    return scratch


def _make_crowded(packages: Path) -> None:
    """Packages of many small things: each row, cell, object or value costs memory, however
    few bytes it is written in."""
    (packages / "wide-table").mkdir()
    (packages / "wide-table" / "organizations.csv").write_text(
        ORGANIZATIONS_HEADER[:-1] + "".join(f",c{i}" for i in range(10_000)) + "\n" + "x\n" * 200_000
    )
    (packages / "many-cells").mkdir()
    (packages / "many-cells" / "organizations.csv").write_text(
        ORGANIZATIONS_HEADER[:-1] + "".join(f",c{i}" for i in range(97)) + "\n" + "x\n" * 120_000
    )
    with zipfile.ZipFile(packages / "tables-over-budget.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        row = ("a," + "b" * 999 + "\n").encode()
        for table in ("addresses", "locations", "organizations", "services"):  # 4 x 52 MB, read in this order
            with archive.open(f"{table}.csv", "w", force_zip64=True) as member:
                member.write(b"id,name\n" + row * (52 * 2**20 // len(row)))
    (packages / "empty-objects.json").write_text("[" + ",".join(["{}"] * 20_000_000) + "]")
    (packages / "many-values.json").write_text("[" + "1," * 5_000_000 + "1]")
    (packages / "many-organizations.json").write_text("[" + ",".join(['{"name":"a"}'] * 200_001) + "]")
    # Within every limit of a package, and far more than one record holds.
    linked = ",".join(
        f'"{key}": [' + ",".join(["{}"] * 199_000) + "]"
        for key in ("locations", "services", "phones", "attributes", "metadata")
    )
    (packages / "crowded-organization.json").write_text(
        '[{"id": "o", "name": "Organisme", "description": "Texte.", ' + linked + "}]"
    )
