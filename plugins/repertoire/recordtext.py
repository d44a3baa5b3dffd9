"""A record (plain data) written as YAML text in the canonical layout, in one pass.

The tools that make records from data (scripts/import_hsds) write them here instead of
dumping YAML and running the round-trip formatter over it, which took ~95 % of an
import's time. The layout is the one scripts/format produces and keeps unchanged
(tests/test_import.py checks it): fields in the schema's order, 2-space indentation with
list dashes under their key, short lists and mappings of plain values on one line, times
double-quoted, text plain where YAML reads it back as the same text, else double-quoted
(JSON's escapes are YAML's), several lines as a `|-` block.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import yaml

from .records import SCHEMA_PATH

# A collection of plain values goes on one line up to this many characters (as people write [mo, tu]).
SHORT = 80
TIME_KEYS = ("opens", "closes")
# Text written plain: words, digits and the punctuation of names and addresses. Anything
# YAML could read as another thing (":", "#", "[", a leading "-"...) is quoted instead.
_PLAIN = re.compile(r"[^\W_][\w.'’()/&+@ -]*\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_RESOLVER = yaml.resolver.Resolver()
# A `|-` block keeps lines as they are: no tab, no trailing space, no line starting with a space.
_BLOCK_UNSAFE = re.compile(r"[\t\x85\u2028\u2029\ufeff]| \n| \Z|\A |\n\n\n|\A\n|\n\Z")


def record_text(record: dict, header: str = "") -> str:
    """The YAML of a record, `header` (comment lines) first."""
    lines = header.splitlines()
    _mapping(_ordered(record, _schema(), _schema()), 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(mapping: dict, indent: int, lines: list[str], first: str | None = None) -> None:
    """Block mapping; `first` is the "- " prefix of a list item whose first key it is."""
    for key, value in mapping.items():
        prefix = first if first is not None else " " * indent
        first = None
        if isinstance(value, (dict, list)) and value and not _short(value):
            lines.append(f"{prefix}{key}:")
            _block(value, indent + 2, lines)
        else:
            lines.extend(_scalar_lines(f"{prefix}{key}: ", value, indent + 2, key in TIME_KEYS))


def _block(value, indent: int, lines: list[str]) -> None:
    if isinstance(value, dict):
        _mapping(value, indent, lines)
        return
    for item in value:
        dash = " " * indent + "- "
        if isinstance(item, dict) and item and not _short(item):
            _mapping(item, indent + 2, lines, first=dash)
        elif isinstance(item, list) and item and not _short(item):
            lines.append(dash.rstrip())
            _block(item, indent + 2, lines)
        else:
            lines.extend(_scalar_lines(dash, item, indent + 2, False))


def _scalar_lines(prefix: str, value, indent: int, quote: bool) -> list[str]:
    """A value written after `prefix`: one line, or a `|-` block on the next lines."""
    if isinstance(value, str) and "\n" in value and not _BLOCK_UNSAFE.search(value):
        pad = " " * indent
        return [f"{prefix}|-", *(pad + line if line else "" for line in value.split("\n"))]
    return [prefix + _inline(value, quote)]


def _inline(value, quote: bool = False) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v, k in TIME_KEYS)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if value is None:
        return "null"
    if not quote and (_plain(value) or _DATE.match(value)):
        return value
    return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@lru_cache(maxsize=4096)
def _plain(text: str) -> bool:
    """Text YAML reads back as the same text when written without quotes (also inside [..] and {..})."""
    return (
        bool(_PLAIN.match(text))
        and "  " not in text
        and not text.endswith(" ")
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    )


def _short(value) -> bool:
    """A collection of plain values short enough for one line."""
    items = list(value.values()) if isinstance(value, dict) else value
    return (
        all(isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and "\n" in v) for v in items)
        and sum(len(str(v)) + 2 for v in items) <= SHORT
    )


# --- the schema's order -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def resolved(schema: dict, node: dict | None) -> dict:
    """A schema node with $ref followed and oneOf/anyOf branches merged (their properties in
    order): the order of keys of scripts/format and of record_text()."""
    if not node:
        return {}
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    branches = node.get("oneOf") or node.get("anyOf")
    if not branches:
        return node
    order: list[str] = []
    properties: dict = {}
    items = None
    for branch in (resolved(schema, b) for b in branches):
        keys = list(branch.get("properties", {}))
        for i, key in enumerate(keys):
            if key not in properties:
                # Before the next key of this branch already placed: {date, closed, description}
                # and {date, opens, closes, description} give date, closed, opens, closes, description.
                after = next((k for k in keys[i + 1 :] if k in properties), None)
                order.insert(order.index(after) if after else len(order), key)
                properties[key] = branch["properties"][key]
        items = items or branch.get("items")
    merged = {"properties": {key: properties[key] for key in order}}
    if items:
        merged["items"] = items
    return merged


_RESOLVED: dict[int, tuple[dict, dict, dict | None]] = {}  # id of a node of _schema() -> what _ordered needs


def _ordered(value, schema: dict, node: dict | None):
    """The value with every mapping's keys in the schema's order (unknown keys last)."""
    if id(node) not in _RESOLVED:  # the schema is read once (_schema() is cached): its nodes live on
        merged = resolved(schema, node)
        properties = merged.get("properties", {})
        _RESOLVED[id(node)] = (properties, {key: i for i, key in enumerate(properties)}, merged.get("items"))
    properties, rank, items = _RESOLVED[id(node)]
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: rank.get(k, len(rank)))
        return {k: _ordered(value[k], schema, properties.get(k)) for k in keys}
    if isinstance(value, list):
        return [_ordered(v, schema, items) for v in value]
    return value
