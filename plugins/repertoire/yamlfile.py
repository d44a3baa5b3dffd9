"""Read one YAML file into plain data plus the line of every field, for error messages.

Every file is untrusted (a pull request, an imported package), so reading is bounded
before any object is built: a size limit per file, no anchors, aliases or merge keys
(the "billion laughs" and `<<` bombs), a nesting depth, a number of entries per list or
mapping and of values per file, no control characters in text, and no link that leads
out of the file's folder. The tree is built here from libyaml's events (CSafeLoader when
installed), with an explicit stack rather than recursion, so that duplicate keys are
refused, every value keeps the line it came from and no nesting can crash the reader.

Most files are plain valid records, and their lines are only needed to name an error:
quick_loads() reads those in one lean pass over the same events, keeping no lines, and
gives up (UNSURE) on anything else, which loads() then reads and explains. Both give the
same data for every file quick_loads() accepts (tests/test_records.py compares them).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .untrusted import MAY_BE_REFUSED, NOT_IN_RECORDS, STACKED_MARKS, TooBig, leaves_folder, read_capped

try:
    from yaml import CSafeLoader as _Loader
    from yaml._yaml import CParser as _Parser  # the events alone, for quick_loads()
except ImportError:  # pragma: no cover - libyaml missing: same result, slower
    from yaml import SafeLoader as _Loader

    _Parser = _Loader

Path_ = tuple  # a field's path: keys and list indexes from the document root


@dataclass(frozen=True)
class Limits:
    """How big a YAML file may be, checked while it is read (before objects are built)."""

    max_bytes: int
    max_depth: int  # collections inside collections
    max_entries: int  # entries of one list or mapping
    max_values: int  # scalars and collections in the whole file

    def describe(self) -> str:
        return (
            f"{self.max_bytes // 1024} KiB, {self.max_depth} levels of nesting, {self.max_entries} entries "
            f"per list, {self.max_values} values"
        )


# One organization: the largest demonstration record is ~10 KB; a real one with many sites
# and services stays far below these.
RECORD_LIMITS = Limits(max_bytes=1024 * 1024, max_depth=16, max_entries=1000, max_values=50_000)
# The taxonomy files list every municipality of a territory.
TAXONOMY_LIMITS = Limits(max_bytes=16 * 1024 * 1024, max_depth=16, max_entries=100_000, max_values=2_000_000)


class YAMLFileError(Exception):
    """A file that is not readable YAML, with the line where reading stopped."""

    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Tags a record may write: text said to be text ("!!str 0123"), a list, a mapping. Any other
# builds a value the text does not show (!!binary hid NUL bytes and escapes from every check).
_ALLOWED_TAGS = (None, "!", _STR_TAG, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_SCALAR, _MAPPING_START = yaml.ScalarEvent, yaml.MappingStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_SEQUENCE_START, _DOCUMENT_START = yaml.SequenceStartEvent, yaml.DocumentStartEvent
_DOCUMENT_END, _STREAM_END = yaml.DocumentEndEvent, yaml.StreamEndEvent


def load(path: Path, limits: Limits = RECORD_LIMITS) -> tuple[object, dict[Path_, int]]:
    """Return (data, lines): the document as JSON-like data, and path -> 1-based line. A file
    that cannot be read (but a missing one) is a YAMLFileError that says why."""
    try:
        text = read_text(path, limits.max_bytes)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise YAMLFileError(1, "(file)", f"cannot read the file: {exc.strerror}") from None
    return loads(text, limits)


def read_text(path: Path, max_bytes: int, links: bool = True) -> str:
    """A file's UTF-8 text, read by read_bytes()."""
    raw = read_bytes(path, max_bytes, links)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        field = _field_on(raw.decode("utf-8", "replace"), line)
        raise YAMLFileError(line, field, "the file is not UTF-8 text") from None


def read_bytes(path: Path, max_bytes: int, links: bool = True) -> bytes:
    """A file's bytes, refusing links out of its folder (every link, without `links`), non-files
    (a pipe would wait forever) and files over max_bytes, all without reading them."""
    try:  # the usual file, in one open: not through a link, not waiting on a pipe
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        if not links:
            raise YAMLFileError(1, "", "the file is a link: not read (put the file itself in the folder)") from None
        return _read_through_link(Path(path), max_bytes)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):  # a folder, a pipe, a device
            raise YAMLFileError(1, "", "not a regular file: not read")
    except BaseException:
        os.close(handle)
        raise
    with open(handle, "rb") as stream:
        return _read_open(stream, info, max_bytes)


def _read_through_link(path: Path, max_bytes: int) -> bytes:
    """read_bytes() of a link: read only when it stays inside its folder."""
    if leaves_folder(path):
        raise YAMLFileError(
            1, "", "the file is a link to a file outside its folder: not read (put the file itself in the folder)"
        )
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise YAMLFileError(1, "", "not a regular file: not read")
    with open(path, "rb") as stream:
        return _read_open(stream, info, max_bytes)


def _read_open(stream, info: os.stat_result, max_bytes: int) -> bytes:
    """The bytes of an open regular file (`info`: its status), if there are at most max_bytes."""
    if info.st_size > max_bytes:
        raise YAMLFileError(
            1,
            "",
            f"the file is {info.st_size:,} bytes; at most {max_bytes:,} are read (split it, or shorten its texts)",
        )
    try:
        return read_capped(stream, max_bytes, info.st_size)
    except TooBig:  # it grew while we looked
        raise YAMLFileError(1, "", f"the file is over {max_bytes:,} bytes: not read") from None


def loads(text: str, limits: Limits = RECORD_LIMITS) -> tuple[object, dict[Path_, int]]:
    """Parse YAML text; see load()."""
    if len(text) > limits.max_bytes:
        raise YAMLFileError(1, "", f"the text is over {limits.max_bytes:,} characters: not read")
    loader = _Loader(text)
    try:
        return _Reader(loader, limits, text).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        if exc.context:
            where = f" that starts on line {exc.context_mark.line + 1}" if exc.context_mark else ""
            problem = f"{exc.context.replace('while parsing ', 'in ')}{where}: {problem}"
        glued = _key_without_space(exc, text)
        if glued is not None:  # the line of the key, not the next one YAML stopped at
            at, key, value = glued
            raise YAMLFileError(
                at, key, f'YAML syntax error: no space after "{key}:": write "{key}: {_short(value)}"'
            ) from None
        left_open = _quote_left_open(exc, text)
        if left_open is not None:  # where the quote is to be closed, not where YAML gave up
            raise YAMLFileError(
                left_open,
                _key_on(text, left_open),
                f"YAML syntax error: the quote opened on line {left_open} is not closed on that line"
                f" (YAML read the text on to line {line}): end the text with the same quote",
            ) from None
        # The field: that of the line where reading stopped, or where the { } or [ ] left open starts.
        opened = "flow" in (exc.context or "") and exc.context_mark is not None
        field = _key_on(text, exc.context_mark.line + 1 if opened else line)
        raise YAMLFileError(line, field, f"YAML syntax error: {problem}{_syntax_hint(exc, text)}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, written as is
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else 1
        raise YAMLFileError(
            line, _field_on(text, line), f"character U+{exc.character:04X} is not allowed in YAML text: remove it"
        ) from None
    except yaml.YAMLError as exc:
        raise YAMLFileError(1, "", f"YAML error: {exc}") from None
    finally:
        loader.dispose()


_KEY_AT_START = re.compile(r"[ \t]*(?:-[ \t]+)*([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]|$)")


_ITEM_OR_KEY = re.compile(r"([ \t]*)(-(?:[ \t]+|$))?(?:([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]|$))?")


def _field_on(text: str, line: int) -> str:
    """The field a line (1-based) is in, with the fields around it ("description.en",
    "services[0].name"), read from the lines' indentation: where a character YAML refuses
    stopped the reading, there is no tree to ask (the line's own key alone, "en", was said)."""
    lines = text.split("\n")[:line]
    parts: list = []
    limit = None  # the indentation a line above must be under to hold what is found so far
    for number in range(len(lines) - 1, -1, -1):
        written = lines[number]
        if not written.strip() or written.lstrip().startswith("#"):
            continue
        found = _ITEM_OR_KEY.match(written)
        indent, dash, key = len(found.group(1)), found.group(2), found.group(3)
        if limit is not None and indent >= limit:
            continue
        # An item's own key is a field of the item: a parent only of the line it is on.
        if key and not (dash and limit is not None):
            parts.insert(0, key)
        if dash:
            # Its place among the items of its list: those at its dash's column above it, up to
            # the list's key.
            index = 0
            for before in range(number - 1, -1, -1):
                other = _ITEM_OR_KEY.match(lines[before])
                if not lines[before].strip() or lines[before].lstrip().startswith("#"):
                    continue
                if len(other.group(1)) < indent:
                    break
                index += len(other.group(1)) == indent and bool(other.group(2))
            parts.insert(0, index)
            limit = indent
        elif key or limit is None:
            limit = indent
        if limit == 0 and not dash:
            break
    return dotted(tuple(parts))


def _key_on(text: str, line: int) -> str:
    """The field written at the start of a line (1-based), if any: where a syntax error is."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    found = _KEY_AT_START.match(text, start, text.find("\n", start) if "\n" in text[start:] else len(text))
    return found.group(1) if found else ""


# A field's name, its colon and its value with no space between ("website:https://..."): YAML
# reads one text, and stops at the next line, "could not find expected ':'", which named the
# field below (or a line past the file's end).
_GLUED_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*([A-Za-z_][A-Za-z0-9_]*):(?!//)(\S[^\r\n]*)")  # not an address


def _key_without_space(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str] | None:
    """(line, field, value) of a field written without a space after its colon, where YAML's
    error comes from one; None otherwise."""
    problem, mark = exc.problem or "", exc.problem_mark
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        at = exc.context_mark
    elif "mapping values are not allowed" in problem and mark is not None and mark.line > 0:
        # "fr:Organisme" then "en: Org" below it: one text of two lines, then a colon.
        lines = text.split("\n")
        above, here = lines[mark.line - 1], lines[mark.line]
        if len(above) - len(above.lstrip()) != len(here) - len(here.lstrip()) or not _GLUED_KEY.fullmatch(above):
            return None
        found = _GLUED_KEY.fullmatch(above)
        return mark.line, found.group(1), found.group(2).rstrip()
    else:
        return None
    found = _GLUED_KEY.match(text, at.index - at.column)
    return (at.line + 1, found.group(1), found.group(2).rstrip()) if found else None


def _quote_left_open(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """The line (1-based) of a quote left open, that YAML read on past the line's end: to the
    end of the file, or to the next quote (the opening one of a later line), where reading then
    stopped (`email: "info@example.org` named the phone number two lines below). None for
    a text in quotes written over several lines on purpose, and for any other error."""
    if "scanning a quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        return exc.context_mark.line + 1
    mark = exc.problem_mark
    if mark is None:
        return None
    opened = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > mark.line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                ran_on = token.start_mark.line < token.end_mark.line == mark.line
                opened = token.start_mark.line + 1 if ran_on and _opens(text, token.end_mark.index - 1) else None
    except yaml.YAMLError:
        pass  # the tokens up to the error are those read
    return opened


# What comes before a quote that opens a value: a key, a list's dash, "{", "[" or ",".
_BEFORE_OPENING = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[^\s#:][^#:]*:[ \t]+)?|.*[{\[,][ \t]*")


def _opens(text: str, at: int) -> bool:
    """Whether the quote at `at` is written as a value's opening one: the one that closed a
    text left open is the next value's (`number: "(418)...`), not a quote at a text's end."""
    return _BEFORE_OPENING.fullmatch(text, text.rfind("\n", 0, at) + 1, at) is not None


# A line's value after its key or list dash, and the characters YAML reads as its own signs
# when they start one (an alias, a block, a tag, a directive, reserved).
_VALUE_ON_LINE = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[^\s#:'\"][^#:]*:[ \t]+)?(\S.*)")
_INDICATORS = "&*|>!%@`"


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str) -> str:
    """What to write instead, for the syntax errors a contributor's plain text makes: YAML's
    own words name its grammar ("mapping values are not allowed in this context"), not the
    " : " of French typography or the "&" that starts a name."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark
    character = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    quote = ' (a text written in quotes is read as it is: "...")'
    if character == "\t" or "tab character" in problem:
        return "; a tab: YAML indents with spaces only (replace the tabs with spaces)"
    lines = text.split("\n")
    said = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "mapping values are not allowed" in problem and _KEY_ALONE.fullmatch(said[: mark.column]):
        # A field where YAML expects none: its line is indented more than its block's fields.
        return f'; "{said[: mark.column].strip(" -")}:" is not lined up: {_INDENT_HINT}'
    if "mapping values are not allowed" in problem:
        return '; a text with a colon and a space in it (as in French, "Gratuit : ...") must be in quotes' + quote
    if "cannot start any token" in problem and character in "@`%":
        return f'; a text cannot start with "{character}" in YAML: write it in quotes' + quote
    if "anchor" in context:
        return '; a text that starts with "&" must be in quotes' + quote
    if "flow mapping" in context or "flow sequence" in context:
        return '; inside { } or [ ], a text with ":", ",", "#", "[" or "{" in it must be in quotes' + quote
    value = _VALUE_ON_LINE.match(said)
    if value and value.group(1)[0] in _INDICATORS:  # "*gratuit*", "|Gratuit": YAML's own signs
        return f'; a text cannot start with "{value.group(1)[0]}" in YAML: write it in quotes' + quote
    if "expected <block end>" in problem or "expected key" in problem:
        block = exc.context_mark
        fields = _fields_column(lines[block.line]) if block is not None and block.line < len(lines) else None
        # A quoted text left open runs on to the line where YAML stops: said at its own line.
        first = block.line if block is not None else mark.line
        for number in range(first, min(mark.line, len(lines) - 1) + 1):
            opened = _VALUE_ON_LINE.match(lines[number])
            if opened and _broken_quote(opened.group(1)):
                at = f"line {number + 1}: " if number != mark.line else ""
                return (
                    f"; {at}a text that starts with a quote must end with it: write one with an apostrophe"
                    ' in double quotes ("l\'aide") or without quotes'
                )
        # Further in than its block's fields (less is the end of the block, as YAML allows): said
        # against the line above, which it most likely meant to line up with (its block's fields
        # may be a level out: "city" one space short of "street" is past the location's).
        above = _line_above(lines, mark.line)
        if fields is not None and said.strip() and _fields_column(said) > fields and above is not None:
            return (
                f"; line {mark.line + 1} starts {_indent_of(said)} spaces in, the line above"
                f" {_fields_column(above)}: {_INDENT_HINT}"
            )
    return ""


# The most common slip in YAML, a field one space off: said as such, not as YAML's grammar.
_INDENT_HINT = "a field lines up with the fields above it, in spaces (a field inside another, two more)"
# A field's name as the files write them ("postal_code"), right before its colon: "Horaire :"
# or "Courriel:" on a text's next line is text.
_KEY_ALONE = re.compile(r"[ \t]*(?:-[ \t]+)*[a-z_][a-z0-9_]*")


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _fields_column(line: str) -> int:
    """Where a line's field starts: after its indentation and its list dashes ("  - id:" 4)."""
    dashes = re.match(r"[ ]*(?:-[ ]+)*", line)
    return dashes.end()


def _invisible_said(character: str, text: str) -> str:
    """A character a text may not hold, named and placed: most come unseen with text pasted from
    a web page or a document ("control character U+200B" told a contributor nothing to find)."""
    before = text[: text.index(character)].rsplit("\n", 1)[-1][-30:].strip()
    where = f'after "{before}"' if before else "at the start of the text"
    code = f"U+{ord(character):04X}"
    kind = unicodedata.category(character)
    if kind == "Cc":  # written as an escape ("\\0"), or a binary file's
        return f"control character {code} is not allowed in text: remove it ({where})"
    if kind == "Cn":  # U+FFFE, U+FFFF, written as escapes: YAML cannot hold them as they are
        return f"non-character {code} is not allowed in text: remove it ({where})"
    if kind == "Co":
        return f"private-use character {code} is not allowed in text: remove it ({where}; no font shows it the same)"
    name = unicodedata.name(character, "format character").lower()
    return (
        f"invisible character {code} ({name}) is not allowed in text: delete it ({where}; it comes"
        " with text pasted from a web page or a document)"
    )


def _broken_quote(value: str) -> bool:
    """Whether a value that starts with a quote does not end there ("'l'aide'", "\"Texte"): its
    quote closed, only a comment may follow ("\"local #210\"  # checked" is whole)."""
    quote = value[:1]
    if quote not in ("'", '"'):
        return False
    at = 1
    while at < len(value):
        if quote == '"' and value[at] == "\\":
            at += 2
            continue
        if value[at] == quote:
            if quote == "'" and value[at + 1 : at + 2] == "'":  # '' is a quote inside
                at += 2
                continue
            rest = value[at + 1 :].strip()
            return bool(rest) and not rest.startswith("#")
        at += 1
    return True


def _line_above(lines: list[str], number: int) -> str | None:
    """The nearest line above `number` with something on it other than a comment."""
    for above in range(number - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            return lines[above]
    return None


# A "#" right after an unquoted text and a space, with no space after it: YAML begins a comment
# there and drops the rest of the line ("4000, rue Wellington #210" was "4000, rue Wellington",
# "Centre d'aide #2 de Verdun" "Centre d'aide", published without a word). A comment is written
# "# ..." with a space; a text with "#" in it is refused (loads) and told to be quoted. So is
# a "#" then a number alone to the line's end, space or not: "local # 210" is a suite, no comment
# says only a number (the suite was dropped without a word).
# What a comment would say of a place in a building: a suite, a room, a floor ("# bureau 210",
# "# 2e étage"); after words, the rest of an address YAML took for a comment.
_SUITE = (
    r"(?i:(?:bureau|local|suite|app(?:artement)?|apt|unit[ée]?|porte|door|room|salle|pi[èe]ce|[ée]tage|floor)"
    r"\.?[ \t]*[0-9][0-9A-Za-z-]{0,5}|[0-9]{1,2}[ \t]*(?:e|er|re|[èe]me|nd|rd|st|th)[ \t]+(?:[ée]tage|floor)"
    r"|rez-de-chauss[ée]e|ground floor|sous-sol|basement)\b"
)
# After a text, "#" then a sign, or "# " then a number alone or a suite (_SUITE).
_COMMENT_CUT = rf"((?=\S)[^\r\n]*|[ \t]+(?:[0-9][0-9A-Za-z-]{{0,5}}[ \t]*(?=[\r\n]|$)|{_SUITE}[^\r\n]*))"
_TEXT_CUT_BY_COMMENT = re.compile(r"[ \t]+#" + _COMMENT_CUT)
# A text a number may end (its last word in letters, after another): "9482, boulevard Victoria,
# local" and not "G6P 6T2", "https://example.org", "principal".
_WORDS_THEN_NUMBER = re.compile(r"\s[^\W\d_]{2,}\.?$")
# quick_loads(): leave such a file to loads(), and one with a line that starts with "#" and a
# sign, which may be a text's next line YAML took for a comment ("local" then "#210").
# Each of its ways has a space or a tab before the "#": a text without one (most records, whose
# only "#" start their lines) needs no search, which tries every character (0.9 s of CPU over
# 10,000 records).
_MAY_CUT_TEXT = re.compile(rf"\S[ \t]+#\S|\n[ \t]+#(?:\S|[ \t]+(?:[0-9]|{_SUITE}))|\S[ \t]+#[ \t]+(?:[0-9]|{_SUITE})")


def spaced_comment(text: str) -> bool:
    """Whether a text has a "#" after a space or a tab: where a comment may start after a value."""
    return " #" in text or "\t#" in text


# A text's next line YAML takes for a comment: more indented than the text's field, a "#" then
# what _TEXT_CUT_BY_COMMENT refuses on the text's own line.
_NEXT_LINE_CUT = re.compile(r"[ \t]*\r?\n([ \t]+)#" + _COMMENT_CUT)

_LEADING_ZERO = re.compile(r"[-+]?0[0-7_]+")  # what YAML 1.1 reads as an octal number
_OTHER_BASE = re.compile(r"[-+]?0[xbo]", re.IGNORECASE)  # hexadecimal, binary, octal written so

UNSURE = object()  # quick_loads(): not plain data, read it with loads()
# Plain scalars that recur (keys, enums, slugs) -> (resolved as text?, value): resolving
# one costs a dozen regular expressions, and the same few hundred words fill every record.
_PLAIN: dict[str, tuple[bool, object]] = {}
_PLAIN_CACHED = 20_000  # entries at most (then emptied)
_PLAIN_LENGTH = 40  # characters at most of a cached scalar


def quick_loads(text: str, limits: Limits = RECORD_LIMITS):
    """The data of a plain YAML mapping, or UNSURE. No lines are kept; anything the careful
    reader refuses or converts with care gives UNSURE: syntax errors, anchors, aliases, tags,
    keys that are not plain text (merge keys, numbers, lists), duplicate keys, control
    characters, more than one document and anything over the limits."""
    if len(text) > limits.max_bytes:
        return UNSURE
    parser = _Parser(text)
    try:
        return _quick(parser, text, limits)
    except Exception:  # whatever it is, the careful reader names it
        return UNSURE
    finally:
        parser.dispose()


_RESOLVER = yaml.resolver.Resolver()


def _quick(parser, text: str, limits: Limits):
    """quick_loads() itself: one pass over the events, in as few steps each as can be (most of
    a record's reading time is spent here)."""
    unusual = MAY_BE_REFUSED.search(text) is not None
    if (unusual and STACKED_MARKS.search(text)) or (spaced_comment(text) and _MAY_CUT_TEXT.search(text)):
        return UNSURE  # refused by loads(), at its line and field
    get_event = parser.get_event
    get_event()  # stream start
    if type(get_event()) is not _DOCUMENT_START or type(parser.peek_event()) is not _MAPPING_START:
        return UNSURE
    # A scalar can hold a control character only if the text does, or writes one as an escape.
    control = NOT_IN_RECORDS.search if "\\" in text or (unusual and NOT_IN_RECORDS.search(text)) else None
    # Limits: a collection one level short of the deepest allowed, even empty, is left to loads();
    # sizes are counted at the end of each collection (the text's size bounds what is built before).
    deepest, max_entries, max_values = limits.max_depth - 1, limits.max_entries, limits.max_values
    plain = _PLAIN
    stack: list = []  # the collections that contain `top`, with their pending keys
    top, key, is_map = None, None, False  # the open collection and, in a mapping, the key read
    values = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is _SCALAR:
            if event.anchor is not None or event.tag is not None:
                return UNSURE
            written = event.value
            if control is not None and control(written):
                return UNSURE
            values += 1
            if event.style:  # quoted or block: text
                value, text_tag = (unfolded(event, text) if event.style == ">" else written), True
            else:
                try:
                    text_tag, value = plain[written]
                except KeyError:
                    text_tag, value = _plain(written)
            if key is None and is_map:
                if not text_tag or value in top:
                    return UNSURE
                key = value
                continue
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            value = top
            if len(value) > max_entries or values > max_values:
                return UNSURE
            top, key, is_map = stack.pop()
            if not stack:
                break
        elif kind is _MAPPING_START or kind is _SEQUENCE_START:
            if event.anchor is not None or event.tag is not None or len(stack) >= deepest or (is_map and key is None):
                return UNSURE
            values += 1
            stack.append((top, key, is_map))
            top, key, is_map = ({}, None, True) if kind is _MAPPING_START else ([], None, False)
            continue
        else:  # an alias
            return UNSURE
        if is_map:
            top[key] = value
            key = None
        else:
            top.append(value)
    if type(get_event()) is not _DOCUMENT_END or type(get_event()) is not _STREAM_END:
        return UNSURE
    return value


def _plain(written: str) -> tuple[bool, object]:
    """A plain scalar: (whether YAML reads it as text, its value), remembered when short."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, written, (True, False))
    # A constructor of its own each time: it keeps what it made until disposed of.
    value = written if tag == _STR_TAG else _typed(yaml.constructor.SafeConstructor(), tag, written, "")
    if len(written) <= _PLAIN_LENGTH:
        if len(_PLAIN) >= _PLAIN_CACHED:
            _PLAIN.clear()
        _PLAIN[written] = tag == _STR_TAG, value
    return tag == _STR_TAG, value


# In a folded text, what may have been a list's item on a line of its own ("- repas").
_FOLDED_ITEM = re.compile(r"\s(?:[-–—•*·]|[0-9]{1,2}[.)])\s")
_ENDS_WITH_COLON = re.compile(r":[ \t]*\r?\n[ \t]*\S")  # "Services :" then a line: kept apart


def unfolded(event, text: str) -> str:
    """A folded text (`>`, `>-`) with its line breaks as written in the file: YAML makes each
    of them a space, and a blank line a single line break, so that its paragraphs ran
    together and its list's items into one line, the contract's own example being written so.
    Read as the same block kept literal (`|`), the record's rule for text then applies to it
    as to any other (paragraphs.py). A block whose indentation is given by a digit keeps
    YAML's folding (its lines are measured from an indentation this reading does not know)."""
    value = event.value
    block = text[event.start_mark.index : event.end_mark.index]
    if "\n" not in value.rstrip("\n") and not _FOLDED_ITEM.search(value) and not _ENDS_WITH_COLON.search(block):
        return value  # one paragraph of wrapped lines: the same text either way
    header = block.partition("\n")[0].partition("#")[0]
    if not block.startswith(">") or any(character.isdigit() for character in header):
        return value
    try:
        literal = yaml.load("_: |" + block[1:], Loader=_Loader)
    except yaml.YAMLError:
        return value
    return literal["_"] if isinstance(literal, dict) and isinstance(literal.get("_"), str) else value


def _typed(constructor, tag: str, text: str, style: str, start_mark=None, end_mark=None) -> object:
    """A scalar's value from its tag, the same for both readers (a loader is a constructor)."""
    if tag == _STR_TAG:  # most scalars: the text as written, no constructor needed
        return text
    # An unquoted 17:30 is a base-60 number in YAML 1.1: keep the text the person wrote.
    if tag in (_INT_TAG, _FLOAT_TAG) and not style and ":" in text:
        return text
    # An unquoted 0x2d, 0b101 is a number in YAML 1.1 written in another base than people read:
    # kept as written, the schema asks for a number (the formatter, which writes numbers as
    # they are read, refused the record with "YAML tags (!!int)" that it does not have).
    if tag == _INT_TAG and not style and _OTHER_BASE.match(text):
        return text
    # An unquoted 012 is octal in YAML 1.1, the number 10: "maximum_age: 012" published "to 10
    # years". Read as people read it, in base ten.
    if tag == _INT_TAG and not style and _LEADING_ZERO.fullmatch(text):
        return int(text.replace("_", ""), 10)
    node = yaml.ScalarNode(tag, text, start_mark, end_mark, style)
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError, TypeError, LookupError, AttributeError):
        return text  # e.g. 2026-02-30: keep the text, the schema names the problem
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    # No field holds a number past 64 bits. A decimal one of over 4,300 digits is refused by
    # int() above; one written in hexadecimal, octal or binary is not, and could not then be
    # printed in any message (a traceback naming no file).
    if type(value) is int and value.bit_length() > 64:
        return text
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


class _Collection:
    """A list or mapping being read: where it is, and the key waiting for its value."""

    __slots__ = ("value", "path", "key", "key_line")

    def __init__(self, value, path: Path_):
        self.value = value
        self.path = path
        self.key = None  # mappings: the key read, whose value comes next
        self.key_line = 0


class _Reader:
    """Builds plain data from parser events, one at a time, within the limits."""

    def __init__(self, loader, limits: Limits, text: str):
        self.loader = loader
        self.limits = limits
        self.text = text  # the file's, that a folded block is read again from (`unfolded`)
        self.lines: dict[Path_, int] = {}
        self.values = 0

    def document(self) -> tuple[object, dict[Path_, int]]:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None, {(): 1}
        loader.get_event()  # document start
        data = self._node()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise YAMLFileError(
                event.start_mark.line + 1,
                "",
                "a record is one YAML document: remove the second '---' and what follows it",
            )
        return data, self.lines

    def _node(self) -> object:
        """The next node, read without recursion: open collections wait on a stack."""
        stack: list[_Collection] = []
        get_event, lines, max_entries = self.loader.get_event, self.lines, self.limits.max_entries
        while True:
            event = get_event()
            kind = type(event)
            line = event.start_mark.line + 1
            if kind is _MAPPING_END or kind is _SEQUENCE_END:
                done = stack.pop()
                value, path = done.value, done.path
            else:
                parent = stack[-1] if stack else None
                if parent is None:
                    path = ()
                elif parent.key is not None:
                    path = parent.path + (parent.key,)
                elif type(parent.value) is dict:
                    self._key(event, parent, line)
                    continue
                else:
                    path = parent.path + (len(parent.value),)
                self._check(event, path, line, len(stack))
                lines[path] = line
                if kind is _SCALAR:
                    value = self._scalar(event, self._tag(event), path, line)
                else:
                    stack.append(_Collection({} if kind is _MAPPING_START else [], path))
                    continue
            if not stack:
                return value
            parent = stack[-1]
            if parent.key is not None:
                parent.value[parent.key] = value
                # A field's line is its key's line (where an editor shows the field).
                lines[path] = parent.key_line
                parent.key = None
            else:
                parent.value.append(value)
            if len(parent.value) > max_entries:
                raise YAMLFileError(
                    line,
                    dotted(parent.path),
                    f"more than {max_entries:,} entries in one list or mapping: not read further",
                )

    def _check(self, event, path: Path_, line: int, depth: int) -> None:
        """Refuse what would let a small file grow into a huge tree, before it is built, and
        tags that build what the text does not show."""
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise YAMLFileError(
                line,
                dotted(path),
                f"YAML tags ({shown}) are not allowed: write the value as plain text"
                + ('; a text that starts with "!" goes in quotes' if shown.startswith("!") else ""),
            )
        # "&Co Entraide", "*Gratuit": a text that starts with YAML's sign of an anchor or an alias.
        as_text = f'; a text that starts with "{{}}" goes in quotes ("{{}}{event.anchor} ...")'
        if isinstance(event, yaml.AliasEvent):
            raise YAMLFileError(
                line,
                dotted(path),
                f"YAML aliases (*{event.anchor}) are not allowed: write the value out in full"
                + as_text.format("*", "*"),
            )
        if event.anchor is not None:
            raise YAMLFileError(
                line,
                dotted(path),
                f"YAML anchors (&{event.anchor}) are not allowed: write the value out in full where it is used"
                + as_text.format("&", "&"),
            )
        if depth >= self.limits.max_depth:
            raise YAMLFileError(
                line, dotted(path), f"nested more than {self.limits.max_depth} levels deep: not read further"
            )
        self.values += 1
        if self.values > self.limits.max_values:
            raise YAMLFileError(
                line, dotted(path), f"more than {self.limits.max_values:,} values in one file: not read further"
            )

    def _key(self, event, parent: _Collection, line: int) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise YAMLFileError(line, dotted(parent.path), "a key must be plain text")
        self._check(event, parent.path + ("<key>",), line, 0)
        tag = self._tag(event)
        if tag == _MERGE_TAG:
            raise YAMLFileError(
                line, dotted(parent.path), "YAML merge keys (<<) are not allowed: write the fields out in full"
            )
        key = self._scalar(event, tag, parent.path, line)
        if not isinstance(key, str):
            if not isinstance(key, (int, float, bool)) and key is not None:
                raise YAMLFileError(line, dotted(parent.path), "a key must be plain text")
            # As written: YAML reads "on:" and "yes:" as true, and "unknown field 'True'" named
            # a field the contributor never wrote.
            key = event.value
        if key in parent.value:
            raise YAMLFileError(
                line,
                dotted(parent.path + (key,)),
                f"duplicate key '{key}' (first given on line {self.lines[parent.path + (key,)]})",
            )
        parent.key, parent.key_line = key, line

    def _tag(self, event) -> str:
        if event.tag is None or event.tag == "!":
            if event.style in ("'", '"') and event.implicit[1]:
                return _STR_TAG  # quoted text is text, whatever it looks like
            return self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        return event.tag

    def _refuse_cut_text(self, event, text: str, path: Path_) -> None:
        """Refuse an unquoted text that YAML cut at a "#" (_TEXT_CUT_BY_COMMENT), on its line or
        as its next line (_NEXT_LINE_CUT), telling the whole text to write in quotes."""
        end, source = event.end_mark.index, self.text
        start = source.rfind("\n", 0, event.start_mark.index) + 1  # the text's line
        cut = _TEXT_CUT_BY_COMMENT.match(source, end)
        if cut and cut.group(1)[:1].isspace() and not _WORDS_THEN_NUMBER.search(text):
            # "# 2" after a postal code, an address or an id is a comment: a suite follows words.
            return
        if cut:
            line, left = event.end_mark.line + 1, cut.group(1).rstrip()
            # In { } or [ ], the comment took the rest of the line: the text ends at its , } or ].
            if re.search(r"[\[{]", source[start : event.start_mark.index]):
                left = re.split(r"[,\]}]", left)[0].rstrip()
        else:
            cut = _NEXT_LINE_CUT.match(source, end)
            if not cut or len(cut.group(1)) <= self._parent_indent(start, source[start : event.start_mark.index]):
                return
            if cut.group(2)[:1].isspace() and not _WORDS_THEN_NUMBER.search(text):
                return
            line, left = event.end_mark.line + 2, cut.group(2).rstrip()
        joined = f"{text} #{left}"
        if left[:1].strip():
            other = 'put a space after the "#" if it is a comment'
        elif line == event.end_mark.line + 1:
            other = "put the comment on a line of its own if it is one"
        else:  # as deep as the text's field, a comment is no longer its next line
            other = "indent the comment as the field if it is one"
        raise YAMLFileError(
            line,
            dotted(path),
            f'the "#" after "{_short(text)}" starts a comment, so "#{_short(left)}" is left out: write the'
            f" whole text in quotes ({_short(json.dumps(joined, ensure_ascii=False), 80)}), or {other}",
        )

    def _parent_indent(self, start: int, before: str) -> int:
        """The indentation a line must pass to go on a text starting on the line at `start`,
        `before` the text on that line: that of its key ("name: x", "- name: x"), of its dash
        ("- x"), or, when the text has its line to itself, of the key on the line above ("name:"
        then the text: the text's own indentation let "  #2 de Verdun" below it be dropped).
        Measured on the lines themselves: slicing the rest of the file for each text made a long
        file's reading quadratic."""
        if before.strip(" \t-"):
            return len(before) - len(before.lstrip(" \t-"))
        if "-" in before:
            return before.rindex("-")
        above = start - 1
        while above > 0:
            line_start = self.text.rfind("\n", 0, above) + 1
            line = self.text[line_start:above].rstrip("\r")
            if line.strip() and not line.lstrip().startswith("#"):
                return len(line) - len(line.lstrip(" \t-"))
            above = line_start - 1
        return 0

    def _scalar(self, event, tag: str, path: Path_, line: int) -> object:
        text = event.value
        for found, said in (
            (
                NOT_IN_RECORDS.search(text),
                lambda c: _invisible_said(c, text),
            ),
            (
                STACKED_MARKS.search(text),
                lambda m: f"{len(m)} marks stacked on one letter: at most 4 (they draw over the text around)",
            ),
        ):
            if found:  # at its own line in a block of several
                extra = 1 + text.count("\n", 0, found.start()) if event.style in ("|", ">") else 0
                raise YAMLFileError(line + extra, dotted(path), said(found.group()))
        if not event.style and tag == _STR_TAG:
            self._refuse_cut_text(event, text, path)
        if event.style == ">":
            text = unfolded(event, self.text)
        return _typed(self.loader, tag, text, event.style, event.start_mark, event.end_mark)


def _short(text: str, most: int = 40) -> str:
    """A piece of a line as a message quotes it: a long one cut."""
    return text if len(text) <= most else f"{text[: most - 1]}…"


def dotted(path: Path_) -> str:
    """Render a field path as people read it: locations[0].hours[1].opens."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of a field, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
