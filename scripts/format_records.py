"""Rewrite organization records in the canonical layout, keeping every comment; --check only lists them.

The canonical layout (documented in CONTRIBUTING.md):
- top-level keys in the contract's order (TOP_ORDER), nested keys in the JSON Schema's
  order, unknown keys after the known ones in the order they were written;
- 2-space indentation, list dashes indented under their key, a block mapping at the top;
- flow style (`[a, b]`, `{fr: ..., en: ...}`) kept where the writer chose it, whatever the
  line's length, unless it nests more than two levels (`[{id: .., hours: [{..}]}]`) or a
  comment sits inside it: then block, level by level; block collections stay block;
- times ("opens", "closes") double-quoted; no blank lines (except inside `|` / `>` text);
- text kept as written, never refolded: `>-` / `|` text keeps its lines; plain or quoted
  text written over several lines is joined on one line (the same text);
- comments kept: a full-line comment stays just before the field that follows it, an
  end-of-line comment stays on its field's line (at its column if there is room).

Formatting never changes what a record says: the file is read back with the build's own
reader (plugins/repertoire/yamlfile.py) and compared, and its comments are compared too;
a file that would differ is reported and left untouched.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import io
import json
import os
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from repertoire.files import chosen_records, write_atomic  # noqa: E402
from repertoire.records import SCHEMA_PATH  # noqa: E402
from repertoire.recordtext import resolved as _resolve  # noqa: E402
from repertoire.yamlfile import RECORD_LIMITS, YAMLFileError, dotted, loads, read_bytes  # noqa: E402

try:
    from yaml import CSafeLoader as _Scanner
except ImportError:  # pragma: no cover - libyaml missing: same result, slower
    from yaml import SafeLoader as _Scanner

# The order of the contract's example (docs/records.md), also the schema's.
TOP_ORDER = (
    "id",
    "name",
    "alternate_names",
    "description",
    "categories",
    "keywords",
    "website",
    "email",
    "phones",
    "languages",
    "service_area",
    "status",
    "last_verified",
    "locations",
    "services",
)
# A flow collection stays flow up to this nesting: {fr: .., en: ..}, [mo, tu] (1), and
# {days: [mo], opens: ..} or {date: .., description: {fr: .., en: ..}} (2), as in the contract.
MAX_FLOW_DEPTH = 2
# Text is never refolded: plain or quoted text stays on one line (to wrap long text, write it
# with `>-`, whose line breaks are kept as written). ruamel folds beyond its width: make it unreachable.
WIDTH = 1_000_000
TIME_KEYS = ("opens", "closes")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]+(#.*)$")


class FormatError(Exception):
    """A file that cannot be formatted safely; the message says why."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Comment:
    """A comment of the source: its position, text (from '#', right-trimmed) and kind."""

    line: int
    col: int
    text: str
    full_line: bool


@dataclass(eq=False)
class Entry:
    """A mapping key or a list item of the document, where it starts, and what holds it."""

    line: int
    col: int
    depth: int
    container: object  # the CommentedMap / CommentedSeq it belongs to
    key: object  # its key, or its index in the list
    owner: "Entry | None"  # the entry whose value is `container` (None at the top)
    before: list = field(default_factory=list)
    eol: Comment | None = None


# --- comments, found in the text --------------------------------------------------------


def find_comments(text: str) -> list[Comment]:
    """Every comment of a YAML text; a '#' inside a token (quoted or block text) is not one."""
    lines = text.split("\n")
    covered: dict[int, list[tuple[int, int]]] = {}
    headers = []
    try:
        tokens = list(yaml.scan(text, Loader=_Scanner))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FormatError(f"YAML syntax error: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else 1) from None
    for token in tokens:
        start, end = token.start_mark, token.end_mark
        if (start.line, start.column) == (end.line, end.column):
            continue
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            match = _BLOCK_HEADER.match(lines[start.line][start.column :])
            if match:
                headers.append(Comment(start.line, start.column + match.start(1), match.group(1).rstrip(), False))
        for line in range(start.line, end.line + 1):
            begin = start.column if line == start.line else 0
            stop = end.column if line == end.line else len(lines[line]) + 1
            covered.setdefault(line, []).append((begin, stop))
    comments = headers
    for number, line in enumerate(lines):
        spans = covered.get(number, [])
        for match in re.finditer("#", line):
            col = match.start()
            if col and line[col - 1] not in " \t":
                continue
            if any(begin <= col < stop for begin, stop in spans):
                continue
            comments.append(Comment(number, col, line[col:].rstrip(), not line[:col].strip()))
            break
    return sorted(comments, key=lambda c: c.line)


# --- the document's entries and their comments ------------------------------------------


def _entries(node, owner: Entry | None, depth: int, out: list[Entry]) -> None:
    """Every key and list item under `node`, in document order."""
    if isinstance(node, CommentedMap):
        for key in node:
            line, col = node.lc.key(key)
            entry = Entry(line, col, depth, node, key, owner)
            out.append(entry)
            _entries(node[key], entry, depth + 1, out)
    elif isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            line, col = node.lc.item(index)
            entry = Entry(line, col, depth, node, index, owner)
            out.append(entry)
            _entries(item, entry, depth + 1, out)


def _is_flow(collection) -> bool:
    """Whether a collection is written in flow style ([a, b] / {k: v})."""
    return bool(collection.fa.flow_style())


def _unflow(entry: Entry) -> None:
    """Make every flow collection between `entry` and the top block style (a comment sits inside)."""
    while entry is not None:
        if _is_flow(entry.container):
            entry.container.fa.set_block_style()
        entry = entry.owner


def _clear_comments(node) -> None:
    """Forget the comments ruamel attached (they are placed again from the text, see _place_comments)."""
    if isinstance(node, (CommentedMap, CommentedSeq)):
        node.ca.items.clear()
        node.ca.comment = None
        node.ca.end = []
        for child in node.values() if isinstance(node, CommentedMap) else node:
            _clear_comments(child)
    elif isinstance(node, (FoldedScalarString, LiteralScalarString)):
        node.comment = None  # the comment after `|` or `>`


def _place_comments(entries: list[Entry], comments: list[Comment]):
    """Attach each comment to an entry: full-line ones to the entry after them, others to their line's."""
    header, end = [], []
    starts = [e.line for e in entries]
    full = [c for c in comments if c.full_line]
    # First the full-line comments, which may turn flow collections into block ones...
    for comment in full:
        index = bisect.bisect_right(starts, comment.line)
        if index == len(entries):
            end.append(comment)
        elif index == 0:
            header.append(comment)
        else:
            entries[index].before.append(comment)
            if _is_flow(entries[index].container):
                _unflow(entries[index])
    # ...then the end-of-line ones: on the entry of their line, or the block entry holding
    # a flow collection written on that line (or the last line of a multi-line one).
    for comment in (c for c in comments if not c.full_line):
        index = bisect.bisect_right(starts, comment.line) - 1
        if index < 0:
            header.append(comment)
            continue
        entry = entries[index]
        while _is_flow(entry.container) and entry.owner is not None and entry.owner.line == comment.line:
            entry = entry.owner
        if _is_flow(entry.container):
            _unflow(entry)
        if entry.eol is None:
            entry.eol = comment
        else:  # two on one entry (text over several lines): keep it just after
            comment.full_line = True
            later = bisect.bisect_right(starts, comment.line)
            if later == len(entries):
                end.append(comment)
            else:
                entries[later].before.append(comment)
                _unflow(entries[later])
    return header, end


# --- order, style, columns --------------------------------------------------------------


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _reorder(node, schema: dict, sub: dict, top: bool = False) -> None:
    """Keys in canonical order, recursively; unknown keys last, as written."""
    sub = _resolve(schema, sub)
    if isinstance(node, CommentedMap):
        properties = sub.get("properties", {})
        order = list(TOP_ORDER) + [k for k in properties if k not in TOP_ORDER] if top else list(properties)
        rank = {key: i for i, key in enumerate(order)}
        for key in sorted(node, key=lambda k: (rank.get(k, len(rank)), 0)):
            node.move_to_end(key)
        for key, value in node.items():
            _reorder(value, schema, properties.get(key))
    elif isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, schema, sub.get("items"))


def _depth(value) -> int:
    """How many collections are nested in a value: 0 for text, 1 for [a, b], 2 for [{a: [b]}]..."""
    if isinstance(value, CommentedMap):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, CommentedSeq):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _style(node) -> None:
    """Flow collections that nest more than MAX_FLOW_DEPTH levels become block ones, level by level."""
    for value in node.values() if isinstance(node, CommentedMap) else node:
        if not isinstance(value, (CommentedMap, CommentedSeq)):
            continue
        if _is_flow(value) and _depth(value) > MAX_FLOW_DEPTH:
            value.fa.set_block_style()
        if not _is_flow(value):
            _style(value)


def _quote_times(node) -> None:
    """Times as "HH:MM" strings, as the contract writes them (an unquoted 09:00 is a number in YAML 1.1)."""
    if isinstance(node, CommentedMap):
        for key in node:
            value = node[key]
            if key in TIME_KEYS and isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString):
                node[key] = DoubleQuotedScalarString(value)
            _quote_times(value)
    elif isinstance(node, CommentedSeq):
        for item in node:
            _quote_times(item)


def _columns(node, col: int, out: dict) -> None:
    """The output column of every entry (where a comment before it is written)."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            out[(id(node), key)] = col
            if isinstance(value, (CommentedMap, CommentedSeq)) and not _is_flow(value):
                _columns(value, col + 2, out)
    elif isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            out[(id(node), index)] = col
            if isinstance(item, (CommentedMap, CommentedSeq)) and not _is_flow(item):
                _columns(item, col + 2, out)


def _attach(entries: list[Entry], header: list[Comment], end: list[Comment], doc: CommentedMap) -> None:
    """Give the comments back to ruamel: before an entry at its column, at the end of its line, or at the top/end."""
    # ruamel writes a comment before the first key of a list item's mapping after the dash
    # ("-" alone on its line): such comments go before the item instead.
    for entry in reversed(entries):
        holder = entry.container
        if (
            entry.before
            and isinstance(holder, CommentedMap)
            and not _is_flow(holder)
            and next(iter(holder)) == entry.key
            and entry.owner is not None
            and isinstance(entry.owner.container, CommentedSeq)
        ):
            entry.owner.before.extend(entry.before)
            entry.before = []
    columns: dict = {}
    _columns(doc, 0, columns)
    if header:
        doc.ca.comment = [None, [CommentToken(c.text + "\n", CommentMark(0)) for c in header]]
    for entry in entries:
        if not (entry.before or entry.eol):
            continue
        is_map = isinstance(entry.container, CommentedMap)
        value = entry.container[entry.key]
        block_text = isinstance(value, (FoldedScalarString, LiteralScalarString))
        if entry.eol and block_text and not is_map:
            # ruamel cannot write a comment after the `|` of a list item: keep it just above.
            entry.before.append(entry.eol)
            entry.eol = None
        slots = entry.container.ca.items.setdefault(entry.key, [None] * (4 if is_map else 2))
        if entry.before:
            col = columns.get((id(entry.container), entry.key), 0)
            slots[1] = [CommentToken(c.text + "\n", CommentMark(col)) for c in entry.before]
        if entry.eol and block_text:
            # After the `|` or `>` that starts the text (where ruamel reads it from).
            value.comment = "  " + entry.eol.text
            if is_map:
                slots[3] = [value.comment]
        elif entry.eol:
            # ' #' at the writer's column when there is room, else two spaces after the value.
            slots[2 if is_map else 0] = CommentToken(" " + entry.eol.text, CommentMark(max(entry.eol.col - 1, 0)))
    if end:
        doc.ca.end = [CommentToken(c.text + "\n", CommentMark(0)) for c in end]


# --- the whole file ----------------------------------------------------------------------


def _yaml() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = WIDTH
    rt.brace_single_entry_mapping_in_flow_sequence = True
    return rt


def format_text(text: str) -> str:
    """The canonical form of a record's text; FormatError if it cannot be produced safely."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        before, _ = loads(text)
    except YAMLFileError as exc:
        raise FormatError(exc.message, exc.line) from None
    if not isinstance(before, dict):
        raise FormatError("not a record: expected a mapping of fields (id, name, ...)")
    comments = find_comments(text)
    try:
        doc = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FormatError(
            f"cannot read with ruamel.yaml: {getattr(exc, 'problem', None) or exc}", mark.line + 1 if mark else 1
        ) from None
    entries: list[Entry] = []
    _entries(doc, None, 0, entries)
    entries.sort(key=lambda e: (e.line, e.col, e.depth))
    _clear_comments(doc)
    doc.fa.set_block_style()
    header, end = _place_comments(entries, comments)
    _reorder(doc, _schema(), _schema(), top=True)
    _quote_times(doc)
    _style(doc)
    _attach(entries, header, end, doc)
    out = io.StringIO()
    _yaml().dump(doc, out)
    result = _strip_trailing_spaces(out.getvalue())
    _check_same(text, before, comments, result)
    return result


def _strip_trailing_spaces(text: str) -> str:
    """Remove the spaces ruamel leaves where it folds long text (not in `|` / `>` text, where they count)."""
    keep = set()
    for token in yaml.scan(text, Loader=_Scanner):
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            keep.update(range(token.start_mark.line + 1, token.end_mark.line + 1))
    return "\n".join(line if number in keep else line.rstrip(" \t") for number, line in enumerate(text.split("\n")))


def _check_same(text: str, before, comments: list[Comment], result: str) -> None:
    """Refuse a result that does not say exactly what the file said, with the same comments."""
    try:
        after, _ = loads(result)
    except YAMLFileError as exc:
        raise FormatError(f"the formatted text would not be readable ({exc.message}); file left as is") from None
    if after != before:
        path = _first_difference(before, after)
        raise FormatError(
            f"formatting would change the data at '{dotted(path) or '(record)'}'; file left as is (please report this)"
        )
    lost = Counter(c.text for c in comments) - Counter(c.text for c in find_comments(result))
    if lost:
        raise FormatError(f"formatting would lose comment(s): {', '.join(sorted(lost))}; file left as is")


def _first_difference(a, b, path=()) -> tuple:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b or a[key] != b[key]:
                return _first_difference(a.get(key), b.get(key), path + (key,))
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, path + (i,))
    return path


def format_file(path: Path, check: bool = False) -> tuple[str, str]:
    """('unchanged' | 'changed' | 'error', detail) for one file; writes it unless `check`."""
    try:
        raw = read_bytes(path, RECORD_LIMITS.max_bytes)
        text = raw.decode("utf-8")
    except YAMLFileError as exc:
        return "error", f"{path}:{exc.line}: {exc.message}"
    except OSError as exc:
        return "error", f"{path}:1: cannot read the file: {exc.strerror}"
    except UnicodeDecodeError:
        return "error", f"{path}:1: the file is not UTF-8 text"
    try:
        result = format_text(text)
    except FormatError as exc:
        return "error", f"{path}:{exc.line}: {exc.message}"
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
        # What the round trip cannot lay out (a tag, a 5,000-digit number...): said, never a
        # traceback, the file left as is; `scripts/validate` names what is wrong in it.
        return "error", f"{path}:1: cannot be formatted ({type(exc).__name__}): file left as is; see scripts/validate"
    if result.encode("utf-8") == raw:
        return "unchanged", ""
    diff = "".join(
        difflib.unified_diff(
            text.lstrip("\ufeff").splitlines(True), result.splitlines(True), f"{path}", f"{path} (formatted)"
        )
    )
    if not check:
        write_atomic(path, result.encode("utf-8"))
    return "changed", diff


def _format_all(paths: list[Path], check: bool, jobs: int):
    """format_file over many files; ruamel.yaml is pure Python (~15 ms a record), so in parallel."""
    if jobs <= 1 or len(paths) < 50:
        return [format_file(path, check) for path in paths]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(format_file, paths, [check] * len(paths), chunksize=32))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="record files (default: every record of the content folder)"
    )
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the files that would change and exit 1 if there are any",
    )
    parser.add_argument("--diff", action="store_true", help="also show what would change (with --check)")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="files formatted in parallel (default: one per processor)"
    )
    args = parser.parse_args(argv)
    try:
        paths = chosen_records(args.files, args.content)
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    changed, errors = [], []
    for path, (status, detail) in zip(paths, _format_all(paths, args.check, args.jobs)):
        if status == "error":
            errors.append(detail)
            print(f"error: {detail}", file=sys.stderr)
        elif status == "changed":
            changed.append(path)
            print(f"{path}" if args.check else f"formatted {path}")
            if args.diff:
                print(detail, end="")
    verb = "would be reformatted (run scripts/format)" if args.check else "reformatted"
    print(
        f"{len(changed)} of {len(paths)} file(s) {verb}"
        + (f", {len(errors)} left as is because of errors" if errors else ""),
        file=sys.stderr,
    )
    return 1 if errors or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
