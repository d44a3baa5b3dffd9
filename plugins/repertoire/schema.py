"""The record schema as the code declares it: what scripts/update_schema writes into
schema/organization.schema.json, and tests/test_fields.py checks the file against.

The file stays the contract that editors, validators and contributors read; two of its
parts follow declarations made in one place each: the languages a text may be written in
(records.LANGUAGES) and the simple facts of locations and services (fields.FIELDS).
"""

from __future__ import annotations

import copy

from . import fields
from .records import LANGUAGES


def declared_schema(schema: dict) -> dict:
    """`schema` (a copy) with a bilingual text's and keywords' languages from LANGUAGES, and
    each declared fact in its owner's properties (a fact already there keeps its place)."""
    schema = copy.deepcopy(schema)
    defs = schema["$defs"]
    for name, plain in (("shortText", "plainShort"), ("longText", "plainLong")):
        by_language = next(branch for branch in defs[name]["oneOf"] if branch.get("type") == "object")
        by_language["properties"] = {lang: {"$ref": f"#/$defs/{plain}"} for lang in LANGUAGES}
    schema["properties"]["keywords"]["properties"] = {lang: {"$ref": "#/$defs/keywordList"} for lang in LANGUAGES}
    for field in fields.FIELDS:
        defs[field.owner]["properties"][field.name] = field.schema
    return schema
