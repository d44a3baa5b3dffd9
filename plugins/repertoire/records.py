"""Organization records: YAML files -> validated, normalized Organization objects.

No Pelican here: the build, scripts/validate and the tests share this module. Every
problem becomes a RecordError naming file, line and field; a directory with any error
loads nothing (RecordsInvalid lists them all).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import gc
import itertools
import json
import math
import multiprocessing
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import fastjsonschema

from .collector import collector_paused
from .conventions import Conventions
from .ids import WINDOWS_DEVICES, is_record_id, make_id
from .languages import LANGUAGES
from .page_cache import digest
from .paragraphs import as_shown
from .problems import FileProblem, ProblemsFound, unknown_fields
from .record_cache import RecordCache, noted_file
from .shapes import HTML_TAG, HTML_TAG_MESSAGE
from .taxonomy import Taxonomy, fold_name
from .websites import email_problem, host_problem, web_address
from .yamlfile import RECORD_LIMITS, YAMLFileError, dotted, line_of, loads, quick_loads, read_text, spaced_comment

if TYPE_CHECKING:  # imported when an error is explained: valid records never need it
    import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "organization.schema.json"
# Beyond this distance from every known municipality, a location's region is unknown.
NEAREST_TOWN_KM = 60.0
# What starts an HTML tag: "<" and a tag's name ("o:p" too, but not one ending in ":", an
# address's scheme) then a space, "/", ">" or the end; or "</", "<!", "<?" (the schema's
# plainShort and plainLong say the same). Any other "<" is plain text, as the contract says:
# "Écrivez à <info@example.org>", "<https://example.org/inscription>", "Heures <10h>", "5 < 6".


# One problem in one record file (file:line: field: what was expected).
RecordError = FileProblem


class RecordsInvalid(ProblemsFound):
    """The records cannot be published: every error found, in file and line order."""

    what = "the records"


@dataclass
class Organization:
    """A validated record, with what the site derives from it (phones and postal codes in
    their one stored form: see _canonical)."""

    id: str
    source: str
    data: dict
    regions: list[str] = field(default_factory=list)  # region slugs, locations' first
    municipalities: list[str] = field(default_factory=list)

    @property
    def categories(self) -> list[str]:
        return self.data["categories"]

    @property
    def primary_category(self) -> str:
        return self.data["categories"][0]

    @property
    def last_verified(self) -> dt.date:
        return dt.date.fromisoformat(self.data["last_verified"])

    @property
    def status(self) -> str:
        return self.data.get("status", "active")

    @property
    def closed(self) -> bool:
        """Closed for now or for good: its pages send people to active organizations of its
        kind (Directory.alternatives). A temporarily closed food bank's page offered only its
        own number, at a door that would not open."""
        return self.status != "active"

    @functools.cached_property
    def digest(self) -> str:
        """The hash of the record's data: what the outputs made from it are stored under
        (page_cache). Kept with the record: made where it is read (see load_directory)."""
        return digest(self.data)

    def is_stale(self, today: dt.date, review_days: int) -> bool:
        """Past the review period: readers are warned and the organization is asked to confirm."""
        return (today - self.last_verified).days > review_days


def closed_last(org: Organization) -> int:
    """Sort key: organizations open as usual before those temporarily closed."""
    return 0 if org.status == "active" else 1


def sorted_by_name(organizations: list[Organization], lang: str, keys: dict | None = None) -> list[Organization]:
    """Alphabetical order of the names a reader of `lang` sees, temporarily closed ones last;
    `keys` keeps each organization's sort key in `lang` for the next list."""
    keys = {} if keys is None else keys

    def key(org: Organization) -> tuple:
        if org.id not in keys:
            keys[org.id] = (closed_last(org), fold_name(text(org.data["name"], lang)[0]))
        return keys[org.id]

    return sorted(organizations, key=key)


def text(value, lang: str) -> tuple[str, str]:
    """The text of a bilingual value in `lang`, and the language it is really in: when `lang`
    is missing, the first of LANGUAGES that the value has (French, then English)."""
    if value is None:
        return "", lang
    if isinstance(value, str):
        return value, lang
    if value.get(lang):
        return value[lang], lang
    other = next((code for code in LANGUAGES if value.get(code)), LANGUAGES[0])
    return value.get(other, ""), other


def _record_schema() -> dict:
    """The record schema, its patterns as JSON Schema means them: "$" ends the text (in
    Python it also matches before a final line break: "09:00\n" passed as a time)."""

    def python(node):
        if isinstance(node, list):
            return [python(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: python(value) for key, value in node.items()}
        if isinstance(node.get("pattern"), str):
            node["pattern"] = re.sub(r"(?<!\\)\$", r"\\Z", node["pattern"])
        return node

    return python(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def schema_validator() -> jsonschema.protocols.Validator:
    """The JSON Schema validator that explains errors, built once."""
    import jsonschema

    schema = _record_schema()
    base = jsonschema.validators.validator_for(schema)
    matches = base.VALIDATORS["pattern"]

    def pattern(validator, expected, instance, schema):
        # A text over its length limit is only said to be too long: a pattern's time may grow
        # faster than the text (a contributor's or an import's 400 KB value).
        if isinstance(instance, str) and len(instance) > schema.get("maxLength", len(instance)):
            return
        yield from matches(validator, expected, instance, schema)

    cls = jsonschema.validators.extend(base, {"pattern": pattern})
    return cls(schema, format_checker=base.FORMAT_CHECKER)


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _fast_check():
    """A compiled yes/no check of the same schema, ~20 times faster than jsonschema here: most
    records are valid.

    The schema uses only keywords that draft 7 shares with 2020-12, which is what
    fastjsonschema compiles. Its code is trimmed of work that only words a problem (the
    answer is all we use; jsonschema explains): see _yes_or_no().
    """
    schema = _record_schema()
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema = _exclusive_any_of(schema, schema)
    formats = {"date": _is_date}
    code = fastjsonschema.compile_to_code(schema, formats=formats)
    name = re.search(r"^def (\w+)\(", code, re.M).group(1)  # the first function: the whole schema's
    namespace: dict = {}
    exec(compile(_yes_or_no(code), "<the record schema, compiled>", "exec"), namespace)
    patterns = namespace["REGEX_PATTERNS"]
    for pattern in patterns:
        if parts := _NONE_THEN_ONE.fullmatch(pattern):
            patterns[pattern] = _NoneThenOne(parts["none"], parts["one"])
    return functools.partial(namespace[name], custom_formats=formats)


# The schema's text patterns: "^(?![\s\S]*TAG)[\s\S]*SHOWN[\s\S]*\Z", no HTML tag anywhere and
# a character that shows. re tried the tag at every character, then went to the text's end and
# back for the character that shows: an eighth of the check of a valid record.
_NONE_THEN_ONE = re.compile(r"\^\(\?!\[\\s\\S\]\*(?P<none>.+)\)\[\\s\\S\]\*(?P<one>\[[^\[\]]+\])\[\\s\\S\]\*\\Z")


class _NoneThenOne:
    """Such a pattern as two searches, with the same answer: the first goes from "<" to "<",
    the second stops at the first character that shows (most often the first)."""

    def __init__(self, none: str, one: str):
        self.none, self.one = re.compile(none), re.compile(one)

    def search(self, text: str) -> bool:
        return self.one.search(text) is not None and self.none.search(text) is None


def _exclusive_any_of(schema: dict, node):
    """`node` with each oneOf whose branches are of different JSON types written as anyOf,
    mappings first. The answer is the same (no value is of two types), but fastjsonschema
    tries every branch of a oneOf, and a branch that fails raises an exception: for each
    {fr, en} text, its plain-text branch did (a third of the time of the check)."""
    if isinstance(node, list):
        return [_exclusive_any_of(schema, item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _exclusive_any_of(schema, value) for key, value in node.items()}
    branches = node.get("oneOf")
    kinds = [_json_types(schema, branch) for branch in branches or []]
    if branches and "anyOf" not in node and all(kinds) and sum(map(len, kinds)) == len(set().union(*kinds)):
        node["anyOf"] = sorted(node.pop("oneOf"), key=lambda branch: "object" not in _json_types(schema, branch))
    return node


def _json_types(schema: dict, branch: dict) -> set[str]:
    """The JSON types a schema allows ("integer" is a "number"); empty if it does not say."""
    while isinstance(branch, dict) and "$ref" in branch:
        branch = schema["$defs"][branch["$ref"].rsplit("/", 1)[-1]]
    kind = branch.get("type") if isinstance(branch, dict) else None
    kinds = [kind] if isinstance(kind, str) else kind or []
    return {"number" if k == "integer" else k for k in kinds}


# fastjsonschema names every list item it checks ("data.phones[3]") with format(**locals()),
# a dictionary of every local name per item, and defines its uniqueItems helper anew at every
# list: a third of the time of a valid record, for names only an error message would show.
_NAMED_ITEM = ".format(**locals())"
_UNIQUE_HELPER = re.compile(r"^[ ]*(def fn\(var\): .*)$", re.M)


def _yes_or_no(code: str) -> str:
    """fastjsonschema's code with item names left unformatted and the uniqueItems helper
    defined once (the same function: what it computes does not depend on where it is)."""
    code = code.replace(_NAMED_ITEM, "")
    helpers = set(_UNIQUE_HELPER.findall(code))
    if len(helpers) == 1:
        code = helpers.pop() + "\n\n\n" + _UNIQUE_HELPER.sub("", code)
    return code


def read_record(
    path: Path, taxonomy: Taxonomy, today: dt.date | None = None, text: str | None = None
) -> tuple[Organization | None, list[RecordError]]:
    """Load and check one record file (or `text`, the file's would-be content, without
    reading or writing any file); returns the organization or the errors."""
    data, errors = _checked_data(path, taxonomy, today, text)
    if errors:
        return None, errors
    _canonical(data, taxonomy.conventions)
    regions, towns = _places(data, taxonomy)
    return Organization(data["id"], str(path), data, regions, towns), []


def _checked_data(
    path: Path, taxonomy: Taxonomy, today: dt.date | None, text: str | None = None
) -> tuple[dict | None, list[RecordError]]:
    """A record file's data, as written, if it is valid; else its errors."""
    name = str(path)
    try:
        source = read_text(path, RECORD_LIMITS.max_bytes) if text is None else text
    except YAMLFileError as exc:
        return None, [RecordError(name, exc.line, exc.field, exc.message)]
    except OSError as exc:
        return None, [RecordError(name, 1, "", f"cannot read the file: {exc.strerror}")]
    if "\r" in source:  # YAML breaks lines at a lone CR too (old Mac files): errors count lines at LF
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    data = quick_loads(source)
    # A plain valid record needs no lines; anything else is read again, line by line, to say where.
    problems = data_problems(data, Path(path).stem, taxonomy, today) if isinstance(data, dict) else None
    commented = _commented_extensions(source)
    if problems is None or problems or commented:
        data, problems, errors = _explained(source, name, path, taxonomy, today, commented)
        if errors:
            return None, errors
    return data, []


# "(450) 555-0120 #2" written without quotes: YAML reads " #2" as a comment, and the extension
# was lost without a word (the contract lists "#12" among the ways to write one). A number,
# then a comment that is digits alone (or before another comment), or digits right after the
# "#" ("#56 accueil"; "# 24 h sur 24" is a comment); at a line's start or in braces
# ("{number: 514 555-0124 #34}"); whatever ends the line (Windows files end theirs with "\r").
# Linear, as every record with a "#" goes through it (the flow form stops at a comma): that a
# space comes before the "#" is checked after.
_EXTENSION_COMMENT = r"#(?:([0-9]+)(?![0-9])|[ \t]*([0-9]+)[ \t]*(?:#[^\r\n]*)?\r?$)"
_COMMENTED_EXTENSION = re.compile(r"^[ \t-]*number:[ \t]*([^\s\"'#][^#\r\n]*)" + _EXTENSION_COMMENT, re.MULTILINE)
_COMMENTED_EXTENSION_IN_BRACES = re.compile(
    r"[{,][ \t]*number:[ \t]*([^\s\"'#,{}\[\]][^#\r\n,{}\[\]]*)" + _EXTENSION_COMMENT, re.MULTILINE
)


def _commented_extensions(source: str) -> dict[int, str]:
    """Line -> the number as it must be written, of each phone number followed by a comment
    that is an extension ("# 24 h sur 24" is a comment)."""
    if not spaced_comment(source):  # a space before the "#" is what is looked for (0.3 s at 10,000 records)
        return {}
    found = {}
    for pattern in (_COMMENTED_EXTENSION, _COMMENTED_EXTENSION_IN_BRACES):
        for match in pattern.finditer(source):
            if match.group(1)[-1:] in (" ", "\t"):
                line = source.count("\n", 0, match.start(1)) + 1
                found.setdefault(line, f"{match.group(1).strip()} #{match.group(2) or match.group(3)}")
    return found


def _explained(
    source: str, name: str, path: Path, taxonomy: Taxonomy, today: dt.date | None, commented: dict | None = None
) -> tuple[dict | None, list, list[RecordError]]:
    """Read a record with the line of every field: (data, problems, errors naming their lines);
    `commented`: the phone numbers whose extension YAML took for a comment, by line."""
    try:
        data, lines = loads(source)
    except YAMLFileError as exc:
        # In braces, the comment took the closing "}" with the extension: the syntax error it
        # leaves, on a later line, said nothing of the "#" (any other shows once it is quoted).
        said = commented and _commented(name, commented, _lines_once_quoted(source), {exc.line: exc.field})
        said = said or {RecordError(name, exc.line, exc.field, exc.message)}
        return None, [], sorted(said)
    if not isinstance(data, dict):
        return (
            None,
            [],
            [RecordError(name, 1, "", f"expected a mapping of fields (id, name, ...), found {_json_type(data)}")],
        )
    problems = data_problems(data, Path(path).stem, taxonomy, today)
    errors = {RecordError(name, _line(p, m, data, lines, source), dotted(p), m) for p, m in problems}
    return data, problems, sorted(errors | _commented(name, commented, lines))


def _lines_once_quoted(source: str) -> dict:
    """The lines of a record's fields once its numbers whose extension YAML took for a comment
    are quoted (none if it is still no YAML): the field an error names."""
    quoted = source
    for pattern in (_COMMENTED_EXTENSION, _COMMENTED_EXTENSION_IN_BRACES):
        quoted = pattern.sub(
            lambda m: (
                m.group(0)[: m.start(1) - m.start(0)]
                + json.dumps(f"{m.group(1).strip()} #{m.group(2) or m.group(3)}", ensure_ascii=False)
            ),
            quoted,
        )
    try:
        return loads(quoted)[1]
    except YAMLFileError:
        return {}


def _commented(name: str, commented: dict | None, lines: dict, said: dict | None = None) -> set[RecordError]:
    """An error for each phone number whose extension YAML took for a comment (by line); `said`:
    the field the reader named at a line, where the file cannot be read even once quoted."""
    errors = set()
    for line, number in (commented or {}).items():
        field = next((p for p, at in lines.items() if at == line and p and p[-1] == "number"), None)
        errors.add(
            RecordError(
                name,
                line,
                dotted(field) if field else (said or {}).get(line) or "number",
                f'the "#" after the number starts a comment, so its extension is lost: write it in quotes, "{number}"',
            )
        )
    return errors


def data_problems(data: dict, stem: str, taxonomy: Taxonomy, today: dt.date | None = None) -> list[tuple]:
    """(path, message) for every rule a record's data breaks, `stem` being its file name's;
    tools that hold the data (scripts/import_hsds) check it without writing or parsing YAML."""
    problems = list(_schema_problems(data))
    shape_ok = not problems
    if problems:
        problems = _slug_problems(problems, data, taxonomy)
    wrong_form = {path for path, _ in problems}
    # The content rules also run on a record with schema errors, so that one build lists
    # everything; they stop quietly where the shape is too wrong to read further. A field of
    # the wrong form is said once: what else is wrong with it shows once its form is right.
    try:
        for problem in _content_problems(_normalize(data), stem, taxonomy, today or dt.date.today()):
            if tuple(problem[0]) not in wrong_form:
                problems.append(problem)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        if shape_ok:
            raise
    return problems


def _line(path: tuple, message: str, data: dict, lines: dict, source: str) -> int:
    """The line of a problem: its field's, or for a tag inside a long text, the tag's own line."""
    line = line_of(lines, path)
    if message != HTML_TAG_MESSAGE:
        return line
    value = data
    for part in path:
        value = value[part]
    tag = HTML_TAG.search(value)
    needle = value[tag.start() :].split(None, 1)[0][:40]
    source_lines = source.split("\n")
    return next((number for number in range(line, len(source_lines) + 1) if needle in source_lines[number - 1]), line)


# Below this many records, starting worker processes costs more than it saves.
PARALLEL_FROM = 2000


@dataclass(frozen=True)
class _Checked:
    """What checking a directory keeps of a valid record (sent back from a worker instead of its data)."""

    id: str
    source: str


def _check_record(path: Path, taxonomy: Taxonomy, today: dt.date | None) -> tuple[_Checked | None, list]:
    """read_record() for checking only: the same errors, without what pages derive from a record."""
    data, errors = _checked_data(path, taxonomy, today)
    return (data and _Checked(data["id"], str(path))), errors


def _read_and_hash(path: Path, taxonomy: Taxonomy, today: dt.date | None) -> tuple[Organization | None, list]:
    """read_record(), and the record's hash made there: on the cores that read the records,
    not later on the build's one (0.7 s at 10,000 records)."""
    org, errors = read_record(path, taxonomy, today)
    if org is not None:
        org.digest  # noqa: B018 (kept with the record, sent back with it)
    return org, errors


def _read_and_note(
    path: Path, taxonomy: Taxonomy, today: dt.date | None, max_bytes: int
) -> tuple[Organization | None, list, tuple | None]:
    """_read_and_hash(), and what the record cache notes of the file (noted_file), first."""
    noted = noted_file(path, max_bytes)
    return (*_read_and_hash(path, taxonomy, today), noted)


def _read_all(paths: list, taxonomy: Taxonomy, today: dt.date | None, read=read_record) -> list:
    """read(path, taxonomy, today) over many files, on every core when there are enough of them."""
    workers = os.cpu_count() or 1
    with collector_paused():
        if len(paths) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return [read(path, taxonomy, today) for path in paths]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(
                functools.partial(read, taxonomy=taxonomy, today=today),
                paths,
                chunksize=max(1, len(paths) // (workers * 8)),
            )


def _kept(results, errors: list) -> list:
    """The records read without error, each id once; the errors (and duplicate ids) into `errors`."""
    kept, seen = [], {}
    for org, problems in results:
        errors.extend(problems)
        if org is None:
            continue
        if org.id in seen:
            errors.append(RecordError(org.source, 1, "id", f"duplicate id '{org.id}', also in {seen[org.id]}"))
            continue
        seen[org.id] = org.source
        kept.append(org)
    return kept


# A record confirmed before this day is a typing error ("1025" for "2025") or an export's
# placeholder for "unknown" ("0001-01-01"): its page would say it was checked in year 1.
EARLIEST_VERIFIED = dt.date(1990, 1, 1)


def _in_the_future(verified: dt.date, today: dt.date) -> bool:
    """A confirmation date after tomorrow (a day of margin for time zones) is a typing error."""
    return verified > today + dt.timedelta(days=1)


def _still_valid(org: Organization, today: dt.date) -> bool:
    """Is a record checked on an earlier day still valid today? (The only check that depends
    on the day: see _content_problems.)"""
    return not _in_the_future(org.last_verified, today)


def load_directory(
    paths, taxonomy: Taxonomy, today: dt.date | None = None, cache: RecordCache | None = None
) -> list[Organization]:
    """Load every record; raise RecordsInvalid with all errors if any record is wrong. With a
    cache, unchanged files come from the last build instead of being read again."""
    errors: list[RecordError] = []
    paths = sorted(Path(path) for path in paths)
    reused = cache.reuse(paths, today or dt.date.today(), _still_valid) if cache else {}
    unread = [path for path in paths if str(path) not in reused]
    with collector_paused():
        if cache:
            noting = functools.partial(_read_and_note, max_bytes=cache.max_bytes)
            results = []
            for path, (org, problems, noted) in zip(unread, _read_all(unread, taxonomy, today, noting)):
                cache.note(str(path), noted)
                results.append((org, problems))
        else:
            results = _read_all(unread, taxonomy, today, _read_and_hash)
        read = dict(zip(map(str, unread), results))
        # In file order, as a full read gives them: the same duplicate-id errors.
        organizations = _kept(
            [(reused[name], []) if name in reused else read[name] for name in map(str, paths)], errors
        )
        if errors:
            raise RecordsInvalid(errors)  # nothing frozen: a process that goes on frees them
        if len(unread) >= PARALLEL_FROM:
            # The records last as long as the build (its generator freezes them too, later): frozen
            # before the collector resumes, their millions of new objects are never walked. They
            # were, twice, before the build froze them: 0.15 s of its busy core at 10,000 records.
            gc.freeze()
    if cache and unread:
        cache.keep(organizations)
    return sorted(organizations, key=lambda o: fold_name(text(o.data["name"], "fr")[0]))


def check_directory(paths, taxonomy: Taxonomy, today: dt.date | None = None) -> int:
    """load_directory() for checking only (scripts/validate): the same errors, raised the same
    way, without handing the records' data back from the workers; the number of records."""
    errors: list[RecordError] = []
    valid = _kept(_read_all(sorted(paths), taxonomy, today, _check_record), errors)
    if errors:
        raise RecordsInvalid(errors)
    return len(valid)


def check_files(paths, taxonomy: Taxonomy, today: dt.date | None = None) -> int:
    """read_record() of each file given (scripts/validate FILES...), on every core when there
    are many: its errors raised as RecordsInvalid; the number of files. Their ids are compared
    with each other and with those of the record files of the same name beside them, as the
    build compares them: a pull request's x.yml beside x.yaml passed the check of its changed
    files, and failed the build."""
    # Compared by where they are, as written (a link beside its target is a record of its own,
    # as the build reads it), whatever way the path is spelled ("a/x.yaml", "/abs/a/x.yml");
    # named in the errors as given (a pull request's annotations are on its own paths).
    where: dict[Path, Path] = {}
    # What the build does not read is no record: "x.yaml~" passed here, "x.yaml.bak" was told to
    # be renamed "x-yaml.yaml", a bulletin was read as YAML (a helper's probe, stop 80).
    unread = [
        RecordError(str(path), 1, "(file)", "not read: a record is a .yaml file (<id>.yaml)")
        for path in paths
        if not Path(path).name.lower().endswith((".yaml", ".yml"))
    ]
    for path in paths:
        if Path(path).name.lower().endswith((".yaml", ".yml")):
            where.setdefault(Path(os.path.abspath(path)), Path(path))
    given = list(where.values())
    named = {(place.parent, place.stem) for place in where}
    beside = [
        other
        for folder in dict.fromkeys(place.parent for place in where)
        for other in record_paths(folder)
        if (folder, other.stem) in named and other not in where
    ]
    results = _read_all(given + beside, taxonomy, today, _check_record)
    errors = unread + [error for _, problems in results[: len(given)] for error in problems]
    # Folder by folder, in file order, as a build of the folder compares them.
    read = sorted(
        ((Path(os.path.abspath(org.source)), org) for org, _ in results if org is not None), key=lambda pair: pair[0]
    )
    for _, group in itertools.groupby(read, key=lambda pair: pair[0].parent):
        _kept([(org, []) for _, org in group], errors)
    if errors:
        raise RecordsInvalid(errors)
    return len(given) + len(unread)


def linked_away(directory: Path) -> bool:
    """Whether the records' folder is a link to a folder outside the one that holds it: a pull
    request may replace the folder by a link to anywhere, and each file there was read (its
    errors quoted in public logs). Its files are not read."""
    directory = Path(directory)
    return directory.is_symlink() and not directory.resolve().is_relative_to(directory.parent.resolve())


def record_paths(directory: Path) -> list[Path]:
    """The record files of a directory (*.yaml and *.yml, in any case: x.YAML is not skipped);
    none when it is a link away from its content folder (`linked_away`)."""
    directory = Path(directory)
    if linked_away(directory):
        return []
    try:
        with os.scandir(directory) as entries:  # one listing (glob lists the folder once per pattern)
            names = sorted(entry.name for entry in entries if entry.name.lower().endswith((".yaml", ".yml")))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [directory / name for name in names]


# A name a record was saved under by mistake: x.json, x.yaml.bak, x.yaml.txt (Notepad), x.yaml-old,
# x.yaml_bak, x.ymal, "x.yaml " (a space after). Other files (a README, an image, a system's
# Thumbs.db) are no record and are left alone.
_LIKE_A_RECORD = re.compile(r"\.(?:ya?ml|ymal|yalm|json)", re.IGNORECASE)


# Markdown is read in news/ and pages/ only: one beside the records is a bulletin or a page put
# in the wrong folder, and on no page (a hostile-input probe's, stop 81), but for the folder's
# own notes to contributors (README.md, LISEZMOI.md).
MARKDOWN_FILES = (".md", ".markdown", ".mkd", ".mdown")
MARKDOWN_NOT_HERE = "not read here: a bulletin goes in news/, a page in pages/"
_NOTES = {"readme", "lisezmoi"}


def _markdown_not_here(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(MARKDOWN_FILES) and not name.startswith(".") and lower.split(".")[0] not in _NOTES


def _left_out(name: str) -> bool:
    """Whether a file of the records' folder looks like a record the build would leave out, unsaid."""
    lower = name.lower()
    return not name.startswith(".") and not lower.endswith((".yaml", ".yml")) and bool(_LIKE_A_RECORD.search(lower))


def misplaced_records(directory: Path) -> list[RecordError]:
    """An error for each record file in a folder within the records' folder: a record is
    <id>.yaml right in it, and one in a subfolder (montreal/x.yaml) was left out without a
    word; so was one saved as x.json or x.yaml.bak. Links to folders are not followed, and
    said: a link to anywhere, to the folder itself or above it was left out without a word; so
    is the records' folder itself when it is a link away (`linked_away`). A Markdown file
    there too (`_markdown_not_here`): the build and scripts/validate say the same."""
    if linked_away(directory):
        return [
            RecordError(str(directory), 1, "(folder)", "a link to a folder elsewhere: not read (copy the records in)")
        ]
    errors = []
    for folder, subfolders, names in os.walk(directory):
        subfolders.sort()
        errors += [
            RecordError(
                str(Path(folder) / name),
                1,
                "(folder)",
                f"a link to a folder: not read (records go right in {directory})",
            )
            for name in subfolders
            if os.path.islink(os.path.join(folder, name))
        ]
        errors += [
            RecordError(str(Path(folder) / name), 1, "(file)", MARKDOWN_NOT_HERE)
            for name in sorted(names)
            if _markdown_not_here(name)
        ]
        if Path(folder) == Path(directory):
            errors += [
                RecordError(str(Path(folder) / name), 1, "(file)", "not read: a record is a .yaml file (<id>.yaml)")
                for name in sorted(names)
                if _left_out(name)
            ]
            continue
        errors += [
            RecordError(str(Path(folder) / name), 1, "(file)", f"not read: a record goes right in {directory}")
            for name in sorted(names)
            if not name.startswith(".") and (name.lower().endswith((".yaml", ".yml")) or _left_out(name))
        ]
    return errors


def with_misplaced(directory: Path, work):
    """work() (a load or a check of the folder's records), its errors joined by those of the
    record files in its subfolders (misplaced_records), which fail it too."""
    misplaced = misplaced_records(directory)
    try:
        result = work()
    except RecordsInvalid as invalid:
        raise RecordsInvalid(invalid.errors + misplaced) from None
    if misplaced:
        raise RecordsInvalid(misplaced)
    return result


# --- schema errors, in words ----------------------------------------------------------


def _schema_problems(data: dict):
    """(path, message) for each JSON Schema violation, the most specific one per spot."""
    try:
        _fast_check()(data)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # explain every problem with the slower, thorough validator
    for error in sorted(schema_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        yield from _explain(error)


def _explain(error):
    path = tuple(error.absolute_path)
    kind, inst, schema = error.validator, error.instance, error.schema
    if kind == "oneOf" and error.context:
        yield from _explain_branch(error)
    elif kind == "additionalProperties":
        for key, message in unknown_fields(inst, schema.get("properties", {})):
            yield path + (key,), message
    elif kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield path + (missing,), f"missing required field '{missing}'"
    elif path[-1:] in (("opens",), ("closes",)) and kind in ("type", "pattern") and _time_like(inst):
        # "9h00", "9:00 AM", 900: the time meant, written as the field wants it.
        meant = _time_hint(inst)
        if path[-1] == "closes":
            closing, meant = ', "24:00" for the end of the day', "24:00" if meant == "00:00" else meant
        else:
            closing, meant = "", "00:00" if meant == "24:00" else meant
        hint = f': write "{meant}"' if meant else ""
        yield path, f'expected a time "HH:MM" in quotes (24 h{closing}), found {_quoted(inst)}{hint}'
    elif kind == "type":
        yield (
            path,
            f"expected {_expected_type(error.validator_value)}, found {_json_type(inst)}{_quote_hint(error.validator_value, inst)}",
        )
    elif kind == "pattern":
        if inst or not schema.get("minLength"):  # "" is said "must not be empty", once
            yield path, _time_message(inst) if path[-1:] == ("opens",) else _pattern_message(inst, schema)
    elif kind == "enum":
        # "status: yes" is read as a yes/no value: "found True" said nothing of why.
        if isinstance(inst, bool):
            found = "a yes/no value (YAML reads yes, no, on and off so)"
        else:
            found = _quoted(inst) if isinstance(inst, str) else _json_type(inst)
        yield path, f"expected one of {', '.join(map(str, error.validator_value))}, found {found}"
    elif kind == "const":
        yield path, f"expected {json.dumps(error.validator_value)}, found {_quoted(inst)}"
    elif kind == "maxLength":
        yield path, f"too long: {len(inst)} characters, at most {error.validator_value}"
    elif kind == "minLength":
        yield path, "must not be empty"
    elif kind == "minProperties":
        yield path, "expected the text in at least one language (fr, en)"
    elif kind in ("minItems", "maxItems"):
        bound = "at least" if kind == "minItems" else "at most"
        yield path, f"expected {bound} {error.validator_value} item(s), found {len(inst)}"
    elif kind == "uniqueItems":
        yield path, "lists the same item twice"
    elif kind == "format":
        # Not of the pattern either ("hier"): its message says it; one error a value.
        if not (isinstance(inst, str) and "pattern" in schema and not re.search(schema["pattern"], inst)):
            yield path, f"expected a real {error.validator_value} (YYYY-MM-DD), found {_quoted(inst)}"
    else:
        yield path, error.message


def _fields_of_two_kinds(error) -> str | None:
    """A message for a mapping that holds fields of two of a choice's shapes: an exception
    with `closed: true` and its hours was told "unknown field 'closes' (did you mean
    'closed'?)", which sent the writer to make it worse."""
    shapes = [list(branch.get("properties", ())) for branch in error.schema.get("oneOf", ())]
    held = []
    for i, fields in enumerate(shapes):
        elsewhere = set().union(*(other for j, other in enumerate(shapes) if j != i))
        own = [key for key in fields if key not in elsewhere and key in error.instance]
        if own:
            held.append(", ".join(f"'{key}'" for key in own))
    if len(held) < 2:
        return None
    return f"{' and '.join(held)} do not go together: keep one or the other"


def _explain_branch(error):
    """For 'text or {fr, en}' style choices, explain the branch the writer meant."""
    if isinstance(error.instance, dict) and (mixed := _fields_of_two_kinds(error)):
        yield tuple(error.absolute_path), mixed
        return
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    if isinstance(error.instance, dict):
        # The object branch is the one whose shape fits best: fewest fields missing or unknown,
        # then fewest problems. {date, opens: "25:00", closes: "26:00"} was read as a closed
        # day (two problems each way), and told to drop its times for a "closed".
        meant = min(
            (b for b in branches.values() if not any(e.validator == "type" and not e.path for e in b)),
            key=lambda b: (sum(e.validator in ("required", "additionalProperties") and not e.path for e in b), len(b)),
            default=None,
        )
    else:
        meant = next((b for b in branches.values() if not any(e.validator == "type" and not e.path for e in b)), None)
    if meant is None:
        shapes = " or ".join(
            sorted({_expected_type(e.validator_value) for e in error.context if e.validator == "type"})
        )
        hint = _quote_hint("string" if "text" in shapes else None, error.instance)
        yield (
            tuple(error.absolute_path),
            f"expected {shapes or 'another shape'}, found {_json_type(error.instance)}{hint}",
        )
        return
    for sub in meant:
        yield from _explain(sub)


# A character a page shows: not a space, nor one that looks like none (Hangul fillers, the
# blank Braille pattern, a soft hyphen, zero-width ones): a name of those showed an empty
# heading and empty links. The schema's text patterns say the same.
_SHOWN = re.compile(
    "[^\\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\u2800\u3000\u3164\ufeff\uffa0]"
)


SHOWS_NOTHING = "shows nothing: it holds only characters that are not seen (spaces, fillers, a soft hyphen)"
# Characters no font draws as a sign: controls, formats, private use, unassigned, separators, and
# marks that only change the sign before them (variation selectors, combining accents).
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})


def _shows_nothing(text: str) -> bool:
    """Whether a text shows no sign: the schema's pattern (_SHOWN) lists the blanks of the Basic
    Multilingual Plane an editor's checker can read; a name of variation selectors, tag
    characters or musical formatting signs passed it, and the page's heading was empty."""
    first = _SHOWN.search(text)
    if first is None:
        return True
    if unicodedata.category(first.group()) not in _UNSEEN_CATEGORIES:
        return False  # most texts: their first character that may be seen is
    return not any(_SHOWN.match(c) and unicodedata.category(c) not in _UNSEEN_CATEGORIES for c in text[first.end() :])


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
_NAMES = ("name", "alternate_names")


def _text_problems(value, path: tuple = (), named: bool = False, problems: list | None = None) -> list[tuple]:
    """(path, message) for every text of a record that shows nothing, and every name of more
    than one line. Every text: its names (a heading, a link), and the rest its pages show (a
    description, a street, a service's fees: the contract's "a text must show something" is
    every text's; a description of a Hangul filler and an accent was an empty paragraph).
    `named`: whether `value` is a name (the organization's, another of its names, a place's or
    a service's; in one language or the other). One walk that appends to a list: a generator
    a level, and a name's path read again for each text, took 0.6 s of 10,000 records' 8."""
    problems = [] if problems is None else problems
    if isinstance(value, str):
        if _shows_nothing(value):
            problems.append((path, f"{_quoted(value)} {SHOWS_NOTHING}"))
        elif named and _LINE_BREAK.search(value.strip()):
            # "Centre\rBcc: ..." was written as it is into the subject of the message
            # scripts/review drafts, and a page's heading and links hold one line.
            problems.append((path, f"{_quoted(value)} holds a line break: a name is one line"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (str, dict, list)):
                is_field = isinstance(key, str) and key not in LANGUAGES
                _text_problems(item, path + (key,), key in _NAMES if is_field else named, problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, (str, dict, list)):
                _text_problems(item, path + (i,), named, problems)
    return problems


_BEFORE_AT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]*@")  # a user name (and password) before the host


def _pattern_message(inst: str, schema: dict) -> str:
    if HTML_TAG.search(inst):
        return HTML_TAG_MESSAGE
    if not inst.strip():
        return "must not be blank"
    if not _SHOWN.search(inst):
        return SHOWS_NOTHING
    if _BEFORE_AT.match(inst):
        return (
            f"{_quoted(inst)} has a name before an @, which hides where the link leads "
            "(https://bank.example@elsewhere.example goes to elsewhere.example): give the site's own address"
        )
    if inst.lower().startswith(("http://", "https://")) and host_problem(inst):  # "http://localhost/"
        return f"{_quoted(inst)} {host_problem(inst)}"
    if "description" in schema:
        return f"expected {schema['description'][0].lower()}{schema['description'][1:]} Found {_quoted(inst)}"
    return f"{_quoted(inst)} does not have the expected form"


def _quoted(value, most: int = 60) -> str:
    """A value as an error quotes it: a long one cut (a 400 KB address made a 400 KB line),
    another than text said in words ("found False" was Python's spelling, not the file's)."""
    if not isinstance(value, str):
        return _json_type(value)
    if len(value) > most:
        return f"{value[:most]!r}… ({len(value)} characters)"
    return repr(value)


def _expected_type(value) -> str:
    names = {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "nothing",
    }
    if isinstance(value, list):
        return " or ".join(names.get(v, v) for v in value)
    return names.get(value, str(value))


# A time as people write it: 9, 9h, 9h30, 9 h 30, 9:30, 9.30, 9:30 PM, 9 a.m.
_TIME_WRITTEN = re.compile(r"(\d{1,2})(?:\s*[h:.]\s*(\d{2})?)?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)


def _time_hint(value) -> str | None:
    """The "HH:MM" a time written otherwise means ("9h30", "9:30 PM", 930 read as a number),
    or None when it is not clearly a time."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None  # 9.30 was read as 9.3: its minutes are lost
        value = int(value)
    if isinstance(value, int):
        if value <= 12:
            return None  # "closes: 5" is five in the evening, "05:00" would be accepted: no guess
        hours, minutes = (value // 100, value % 100) if value >= 100 else (value, 0)
        half = None
    else:
        if value.strip().isdigit() and len(value.strip()) in (3, 4):  # "0930"
            return _time_hint(int(value))
        written = _TIME_WRITTEN.fullmatch(value.strip())
        if not written:
            return None
        hours, minutes, half = int(written.group(1)), int(written.group(2) or 0), written.group(3)
        if not half and hours <= 12 and value.strip().isdigit():
            return None  # "5" alone, as above
        if half:
            if not 1 <= hours <= 12:
                return None
            hours = hours % 12 + (12 if half.lower() == "p" else 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        return None
    return f"{hours:02d}:{minutes:02d}"


def _time_like(value) -> bool:
    """Whether a wrong time is a number or a time written otherwise ("9h", "5pm"), not words."""
    return not isinstance(value, bool) and (isinstance(value, (int, float)) or _time_hint(value) is not None)


def _time_message(value) -> str:
    """An opening time that is no time "HH:MM" (the schema's words are a closing time's too)."""
    return f'expected a time "HH:MM" in quotes (24 h), found {_quoted(value)}'


def _quote_hint(expected, value) -> str:
    """What to write when YAML read as a number or a yes/no what is meant as text (an id of
    digits, a phone number, "no" or "on")."""
    wants_text = expected == "string" or (isinstance(expected, list) and "string" in expected)
    if wants_text and isinstance(value, (int, float, bool)) and not isinstance(value, dict):
        return ': write it in quotes ("...") to keep it as text'
    return ""


def _json_type(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value!r:.60}"
    return "a list" if isinstance(value, list) else "a mapping"


# --- rules the schema cannot say -----------------------------------------------------


def _normalize(data: dict) -> dict:
    """Canonical spellings: times as HH:MM."""
    for location in data.get("locations", []):
        for entry in [*location.get("hours", []), *location.get("exceptions", [])]:
            for key in ("opens", "closes"):
                if key in entry and len(entry[key]) == 4:
                    entry[key] = "0" + entry[key]
    return data


def _canonical(data: dict, conventions: Conventions) -> None:
    """A valid record's website, phones, postal codes and texts written one way (the first
    language's display), whatever the spelling of its file: pages, lists and open data then agree."""
    if "website" in data:
        data["website"] = web_address(data["website"])
    owners = [data, *data.get("locations", []), *data.get("services", [])]
    for phone in (phone for owner in owners for phone in owner.get("phones", [])):
        parsed = conventions.phones.parse(phone["number"], phone.get("type", "voice"))
        phone["number"] = conventions.phones.display(parsed, LANGUAGES[0])
    for location in data.get("locations", []):
        address = location.get("address") or {}
        if "postal_code" in address:
            address["postal_code"] = conventions.postal_code.normalized(address["postal_code"])
    # Whole numbers: JSON Schema counts 18.0 as an integer, pages would say "18.0 years".
    for service in data.get("services", []):
        for key in ("minimum_age", "maximum_age"):
            if isinstance(service.get(key), float):
                service[key] = int(service[key])
    _texts_as_shown(data)


def _texts_as_shown(value) -> None:
    """Every text of several lines with only the line breaks it is shown with (paragraphs.as_shown);
    a text of one line without spaces at its ends or doubled: "  Aide aux devoirs  de Lévis " was
    the page's title and the lists' cell as written (a contributors' probe). A no-break space is
    the typography's, kept."""
    for key, item in value.items() if isinstance(value, dict) else enumerate(value):
        if isinstance(item, str):
            if "\n" in item:
                value[key] = as_shown(item)
            elif item[:1] in _SPACES or item[-1:] in _SPACES or "  " in item or "\t" in item:
                value[key] = _DOUBLED_SPACES.sub(" ", item).strip(_SPACES)
        elif isinstance(item, (dict, list)):
            _texts_as_shown(item)


_SPACES = " \t"
_DOUBLED_SPACES = re.compile(r"[ \t]{2,}|\t")


def _listing(examples) -> str:
    """'a', 'b' or 'c'."""
    quoted = [f"'{e}'" for e in examples]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def _listed(data: dict, key: str) -> list:
    """A list field, or nothing when it is not a list (the schema already said so, once)."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _slugs(taxonomy: Taxonomy, field: str) -> tuple[dict[str, list[str]], list[str]]:
    """What a contributor may write for a slug of a field: the names in each language, folded
    ("Montréal", "Éducation") -> the slugs so named, and the slugs."""
    if field == "categories":
        named = list(taxonomy.categories.values())
    else:
        named = [*taxonomy.territories.values(), taxonomy.whole]
    names: dict[str, list[str]] = {}
    for item in named:
        for name in item.name.values():
            slugs = names.setdefault(fold_name(name), [])
            if item.slug not in slugs:
                slugs.append(item.slug)
    return names, [item.slug for item in named]


def _meant(written: str, known: tuple[dict[str, list[str]], list[str]]) -> str:
    """(did you mean 'slug'?) for a value that names known ones (by a name, or a slug written
    with accents or capitals; "Québec": the city and the whole province, both said), has the
    words of a few, or is a letter or two from one; "" when nothing is that close ("Province"
    was told 'princeville', "Saint-Jean" 'saint-jerome')."""
    names, slugs = known
    folded, slug = fold_name(written), make_id(written)
    hints = list(dict.fromkeys([*names.get(folded, []), *([slug] if slug in slugs else [])]))
    if not hints and slug:  # the words of one slug ("Logement": assistance-materielle-et-logement),
        # or of one that starts with them ("Gaspésie": the region, not mrc-de-la-haute-gaspesie)
        holding = sorted(known for known in slugs if set(slug.split("-")) <= set(known.split("-")))
        starting = [known for known in holding if known.startswith(f"{slug}-")]
        hints = starting if len(starting) == 1 else holding if len(holding) <= 3 else []
    if not hints:
        hints = difflib.get_close_matches(slug, slugs, n=1, cutoff=0.85)
    if not hints:
        return ""
    quoted = [f"'{hint}'" for hint in hints]
    said = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f" (did you mean {said}?)"


def _slug_problems(problems: list[tuple], data: dict, taxonomy: Taxonomy) -> list[tuple]:
    """A category or territory written as a name ("Montréal", "Education") is told the slug it
    means, with the schema's word on slugs."""
    told = []
    for path, message in problems:
        value = data.get(path[0]) if len(path) == 2 and path[0] in ("categories", "service_area") else None
        if isinstance(value, list) and isinstance(path[1], int) and isinstance(value[path[1]], str):
            message += _meant(value[path[1]], _slugs(taxonomy, path[0]))
        told.append((path, message))
    return told


def _content_problems(data: dict, stem: str, taxonomy: Taxonomy, today: dt.date):
    if not is_record_id(stem):
        yield (
            ("id",),
            (
                f"the file name '{stem}' cannot be a record id (lowercase letters, digits and hyphens): "
                f"rename the file to '{make_id(stem) or 'organisme'}.yaml' and write that id"
            ),
        )
    elif isinstance(data["id"], str) and data["id"] != stem:  # a number: the schema says to quote it
        yield ("id",), f"the id '{data['id']}' must equal the file name '{stem}' (rename one of them)"
    elif stem in WINDOWS_DEVICES:
        yield (
            ("id",),
            f"'{stem}' is a name Windows keeps for a device: no checkout on Windows can hold {stem}.yaml "
            f"(rename the file and its id, '{stem}-2' for one)",
        )
    for i, slug in enumerate(_listed(data, "categories")):
        if slug not in taxonomy.categories:
            hint = _meant(slug, _slugs(taxonomy, "categories"))
            yield ("categories", i), f"unknown category '{slug}'" + (hint or "; see content/categories.yaml")
    whole = taxonomy.whole.slug
    for i, slug in enumerate(_listed(data, "service_area")):
        if slug != whole and slug not in taxonomy.territories:
            hint = _meant(slug, _slugs(taxonomy, "service_area"))
            yield (
                ("service_area", i),
                f"unknown territory '{slug}'" + (hint or f"; see content/territories.yaml, or use {whole}"),
            )
    yield from _text_problems(data)
    website = data.get("website")
    problem = host_problem(website) if isinstance(website, str) else None
    if problem:
        yield ("website",), f"{_quoted(website)} {problem}"
    problem = email_problem(data["email"]) if isinstance(data.get("email"), str) else None
    if problem:
        yield ("email",), f"{_quoted(data['email'])} {problem}"
    verified = dt.date.fromisoformat(data["last_verified"])
    if _in_the_future(verified, today):
        yield ("last_verified",), f"{verified} is in the future"
    elif verified < EARLIEST_VERIFIED:
        yield ("last_verified",), f"{verified} is before {EARLIEST_VERIFIED.year}: a typing error, or a placeholder"
    yield from _phone_problems(data, (), taxonomy.conventions)
    location_ids = set()
    for i, location in enumerate(_listed(data, "locations")):
        if location["id"] in location_ids:
            yield ("locations", i, "id"), f"location id '{location['id']}' is used twice in this record"
        location_ids.add(location["id"])
        yield from _location_problems(location, ("locations", i), taxonomy.conventions)
        yield from _phone_problems(location, ("locations", i), taxonomy.conventions)
    yield from _language_problems(data, ())
    for i, service in enumerate(_listed(data, "services")):
        yield from _language_problems(service, ("services", i))
        yield from _phone_problems(service, ("services", i), taxonomy.conventions)
        for j, ref in enumerate(_listed(service, "locations")):
            if ref not in location_ids:
                yield ("services", i, "locations", j), f"no location with id '{ref}' in this record"
        low, high = service.get("minimum_age"), service.get("maximum_age")
        if low is not None and high is not None and low > high:
            yield ("services", i, "minimum_age"), f"minimum_age {low} is above maximum_age {high}"


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    """ISO 639-1's codes, as Babel (which names them on the pages) knows them."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if len(code) == 2 and code.isalpha())


def _language_problems(owner: dict, path: tuple):
    """Codes of the languages spoken that are no language's: the page showed "xx" as one."""
    for i, code in enumerate(_listed(owner, "languages")):
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in language_codes():
            yield (*path, "languages", i), f"'{code}' is no language's ISO 639-1 code (fr, en, es, ar, zh, iu...)"


def _phone_problems(owner: dict, path: tuple, conventions: Conventions):
    """The phones of the organization, a location or a service that are not phone numbers."""
    for i, phone in enumerate(_listed(owner, "phones")):
        if conventions.phones.parse(phone["number"], phone.get("type", "voice")) is None:
            yield (
                path + ("phones", i, "number"),
                (
                    f"{_quoted(phone['number'])} is not a phone number of {conventions.name['en']}: "
                    f"expected one written like {_listing(conventions.phones.examples)}"
                    + _phone_hint(phone["number"], conventions.phones)
                ),
            )


# Words of a phone's kind written with its number: the record says it in the phone's type.
_PHONE_TYPE_WORDS = {
    "tty": re.compile(r"\b(?:tty|ats|atme|teletype|téléscripteur)\b", re.I),
    "fax": re.compile(r"\b(?:fax|télécopieur|telecopieur|télécopie|telecopie|téléc|telec)\b", re.I),
    "text": re.compile(r"\b(?:sms|texto|text)\b", re.I),
}


def _phone_hint(number: str, phones) -> str:
    """What to do with the words around a number that could not be read, if it can be said."""
    for kind, words in _PHONE_TYPE_WORDS.items():
        if words.search(number):
            return f"; write the number alone, with `type: {kind}`"
    parts = [part.strip() for part in _TWO_NUMBERS.split(number) if part.strip()]
    if len(parts) > 1 and all(phones.parse(part) for part in parts):
        return "; one number a phone: write each as a phone of its own (- number: ...)"
    if phones.texted_only(number):
        return "; a short code of five or six digits takes text messages only: write `type: text`"
    if phones.short_with_extension(number):
        return "; a short number (211, 911...) has no extension: write it alone"
    if phones.before_words(number) is not None:
        return "; what follows the number (a name, hours...) goes in the phone's description"
    first_digit = next((at for at, c in enumerate(number) if c.isdigit() or c == "+"), None)
    if first_digit and any(c.isalpha() for c in number[:first_digit]) and phones.parse(number[first_digit:]):
        return '; what comes before the number ("sans frais", a name...) goes in the phone\'s description'
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) == 7 and digits == "".join(c for c in number if c.isalnum()):
        return '; the area code is missing: write it first ("514 555-0123")'
    if _IN_LETTERS.fullmatch(number.strip()) and sum(c.isalpha() for c in number) > 7:
        return "; a number in letters dials only its first seven: write its digits, the words in the description"
    return ""


# A number whose end is in letters ("1-800-FOOD-BANK"), not words around a number.
_IN_LETTERS = re.compile(r"[+\d\s().-]*\d[\s.-]*[A-Za-z][A-Za-z\s.-]*")
# Two numbers written as one phone ("514 555-0123 / 514 555-0124", "... ou ...").
# No spaces in the pattern (its parts are stripped): "\s*" first scanned a long line's spaces
# again from each of them.
_TWO_NUMBERS = re.compile(r"/|;|,|\bou\b|\bor\b|\bet\b|\band\b", re.IGNORECASE)


def _said_twice(exception: dict, before: list[dict]) -> str | None:
    """What is wrong with an exception of a date others `before` it have, if anything: the
    day's special hours in parts are open exceptions of other hours."""
    if exception.get("closed") and any(e.get("closed") for e in before):
        return "is said closed twice: keep one"
    if exception.get("closed") or any(e.get("closed") for e in before):
        return "is said both closed and open: keep one (special hours in parts are one exception each, none closed)"
    if any((e.get("opens"), e.get("closes")) == (exception.get("opens"), exception.get("closes")) for e in before):
        return "has the same special hours twice: keep one"
    return None


def _location_problems(location: dict, path: tuple, conventions: Conventions):
    coords = location.get("coordinates")
    # Not numbers: the schema says so; "[True, False] is outside Quebec" said it worse.
    if coords is not None and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords):
        lat, lon = coords
        extent = conventions.extent
        if not extent.contains(lat, lon):
            if extent.contains(lon, lat):
                yield (
                    path + ("coordinates",),
                    (f"[{lat}, {lon}] looks swapped: write [latitude, longitude], i.e. [{lon}, {lat}]"),
                )
            else:
                yield (
                    path + ("coordinates",),
                    (f"[{lat}, {lon}] is outside {conventions.name['en']} ({extent}); expected [latitude, longitude]"),
                )
    postal = (location.get("address") or {}).get("postal_code")
    if isinstance(postal, str) and conventions.postal_code.normalized(postal) is None:
        yield (
            path + ("address", "postal_code"),
            (
                f"{_quoted(postal)} is not a postal code of {conventions.name['en']}: "
                f"expected the form {conventions.postal_code.example}"
            ),
        )
    if location.get("open_24_7") and location.get("hours"):
        yield path + ("hours",), "a location open 24/7 takes no hours (remove one of them)"
    for kind in ("hours", "exceptions"):
        for k, entry in enumerate(_listed(location, kind)):
            if entry.get("opens") == "24:00":
                yield path + (kind, k, "opens"), "24:00 is only valid as a closing time; use 00:00"
            elif entry.get("opens") is not None and entry.get("opens") == entry.get("closes"):
                # The contract: equal times say nothing (a whole day is 00:00 to 24:00).
                yield (
                    path + (kind, k, "closes"),
                    (
                        f"opens and closes are both {entry['opens']}: for the whole day "
                        "write 00:00 to 24:00; past midnight, closes is earlier than opens"
                    ),
                )
    exceptions = location.get("exceptions", [])
    dates = [e["date"] for e in exceptions]
    for k, date in enumerate(dates):
        # Several open ones are the day's hours in parts; closed and open, it is one or the other.
        before = [e for e in exceptions[:k] if e["date"] == date]
        if before:
            said = _said_twice(exceptions[k], before)
            if said:
                yield path + ("exceptions", k, "date"), f"{date} {said}"
        # "0001-01-01" or "9999-12-31": a placeholder or a typing error, as an alert's date would be
        # (9999-12-31 past midnight overflowed the year).
        elif not 2000 <= int(str(date)[:4]) <= 2999:
            yield path + ("exceptions", k, "date"), f"{date}: a special day is between the years 2000 and 2999"


def _places(data: dict, taxonomy: Taxonomy) -> tuple[list[str], list[str]]:
    """Regions and municipalities of an organization: its locations first, then its service area."""
    regions, towns = [], []
    for location in data.get("locations", []):
        town = _town_of(location, taxonomy)
        if town and town.slug not in towns:
            towns.append(town.slug)
        if town and town.region not in regions:
            regions.append(town.region)
    for slug in data["service_area"]:
        region = taxonomy.region_of(slug)
        if region and region not in regions:
            regions.append(region)
    return regions, towns


def _town_of(location: dict, taxonomy: Taxonomy):
    """The municipality of a location: by its city's name, else the nearest one to its point."""
    city = (location.get("address") or {}).get("city")
    town = taxonomy.municipality(city) if city else None
    if town or not location.get("coordinates"):
        return town
    lat, lon = location["coordinates"]
    best, best_km = None, NEAREST_TOWN_KM
    for candidate in taxonomy.territories.values():
        if candidate.kind == "municipality" and candidate.coordinates:
            km = distance_km(lat, lon, *candidate.coordinates)
            if km < best_km:
                best, best_km = candidate, km
    return best


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))
