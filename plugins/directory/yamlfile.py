"""Read one YAML file into plain data plus the line of every field, for error messages.

The build reads thousands of records, so parsing uses libyaml (CSafeLoader) when it is
installed; the tree is then built here so that duplicate keys are refused and every
value keeps the line it came from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing: same result, slower
    from yaml import SafeLoader as _Loader

Path_ = tuple  # a field's path: keys and list indexes from the document root


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


def load(path: Path) -> tuple[object, dict[Path_, int]]:
    """Return (data, lines): the document as JSON-like data, and path -> 1-based line."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YAMLFileError(raw[: exc.start].count(b"\n") + 1, "", "the file is not UTF-8 text") from None
    return loads(text)


def loads(text: str) -> tuple[object, dict[Path_, int]]:
    """Parse YAML text; see load()."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        if exc.context:
            where = f" that starts on line {exc.context_mark.line + 1}" if exc.context_mark else ""
            problem = f"{exc.context.replace('while parsing ', 'in ')}{where}: {problem}"
        raise YAMLFileError(line, "", f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YAMLFileError(1, "", f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return None, {(): 1}
    lines: dict[Path_, int] = {}
    data = _build(node, (), lines, loader)
    return data, lines


def _build(node, path: Path_, lines: dict, loader) -> object:
    """Turn a composed node into plain data, recording lines and refusing duplicate keys."""
    lines[path] = node.start_mark.line + 1
    if node.tag == _STR_TAG:  # most scalars: the text as written, no constructor needed
        return node.value
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        for key_node, value_node in node.value:
            key = _build(key_node, path + ("<key>",), {}, loader)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YAMLFileError(key_node.start_mark.line + 1, dotted(path), "a key must be plain text")
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise YAMLFileError(
                    key_node.start_mark.line + 1,
                    dotted(path + (key,)),
                    f"duplicate key '{key}' (first given on line {lines[path + (key,)]})",
                )
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, path + (key,), lines, loader)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, loader) for i, item in enumerate(node.value)]
    # An unquoted 17:30 is a base-60 number in YAML 1.1: keep the text the person wrote.
    if node.tag in (_INT_TAG, _FLOAT_TAG) and not node.style and ":" in node.value:
        return node.value
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError):
        return node.value  # e.g. 2026-02-30: keep the text, the schema names the problem
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


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
