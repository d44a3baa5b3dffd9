"""Rows of JSON stored by column, as the offline copy keeps the records (index.py).

gzip finds more alike in a column of postal codes than in records one after the other, so a
table of rows is written as its columns, each split further where it can be:

- a column whose values are objects becomes one column per key:  {"fields": {key: column}};
- a column whose values are lists becomes their lengths and their items as one column:
  {"counts": [length, ...], "items": column};
- any other column is the plain list of its values.

`null` stands for a row without a value, so objects are split only when none is empty and
none holds a null (it would come back as a missing key); the rows come back exactly.
A table is the split of its rows: {"count": number of rows, "fields": {field: column}}.
search-engine.js's `fromColumns` reads it back in the browser.
"""

from __future__ import annotations


def table(rows: list[dict]) -> dict:
    """The rows (objects with no null value) by column."""
    keys = sorted({key for row in rows for key in row})
    return {"count": len(rows), "fields": {key: _column([row.get(key) for row in rows]) for key in keys}}


def rows(stored: dict) -> list[dict]:
    """The rows of a table made by table()."""
    return [value or {} for value in _values(stored, stored["count"])]


def _column(values: list) -> dict | list:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, dict) and v and None not in v.values() for v in present):
        keys = sorted({key for value in present for key in value})
        return {
            "fields": {
                key: _column([value.get(key) if value is not None else None for value in values]) for key in keys
            }
        }
    if present and all(isinstance(v, list) for v in present):
        return {
            "counts": [len(v) if v is not None else None for v in values],
            "items": _column([item for value in present for item in value]),
        }
    return values


def _values(column: dict | list, count: int) -> list:
    if isinstance(column, list):
        return column
    if "fields" in column:  # a table is one too
        split = {key: _values(sub, count) for key, sub in column["fields"].items()}
        objects = [{key: values[i] for key, values in split.items() if values[i] is not None} for i in range(count)]
        return [value or None for value in objects]
    counts = column["counts"]
    items = _values(column["items"], sum(n for n in counts if n is not None))
    out, start = [], 0
    for n in counts:
        out.append(None if n is None else items[start : start + n])
        start += n or 0
    return out
