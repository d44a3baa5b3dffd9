"""The offline copy's records by column (search_index/columns.py) come back exactly, in Python
and in the browser (search-engine.js's fromColumns), whatever the rows hold."""

from __future__ import annotations

import json
import random
import shutil
import subprocess

from conftest import ROOT
from search_index.columns import rows, table

ODD_ROWS = [
    {
        "id": "a",
        "locations": [
            {"address": {"city": "Laval", "street": "1, rue X"}, "coordinates": [45.5, -73.7]},
            {"id": "annexe"},
        ],
        "phones": [{"number": "514 555-0101", "type": "voice"}, {"number": "514 555-0102", "type": "fax"}],
    },
    {"id": "b", "locations": [], "phones": [{"number": "450 555-0103"}]},  # an empty list is kept
    {"id": "c", "services": [{"name": {"fr": "Repas"}, "extra": {}}]},  # an empty object: not split
    {"id": "d", "services": [{"name": "Aide", "note": None}], "tags": [["x"], [], None, [1, None]]},
    {"id": "e", "mixed": [1, "un", {"k": 1}, [2]], "locations": [{"coordinates": [0, 0]}]},
    {"id": "f", "flag": False, "zero": 0, "text": ""},  # falsy values are values
]


def _random_value(rng: random.Random, depth: int = 0):
    kind = rng.choice(["int", "text", "bool", "null", "list", "object"] if depth < 3 else ["int", "text"])
    if kind == "int":
        return rng.randint(-2, 2)
    if kind == "text":
        return rng.choice(["", "a", "Sacré-Cœur", "0"])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice("abc"): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def _random_rows(seed: int) -> list[dict]:
    rng = random.Random(seed)
    found = []
    for _ in range(rng.randint(0, 12)):
        row = {key: _random_value(rng) for key in rng.sample("pqrs", rng.randint(1, 4))}
        found.append({key: value for key, value in row.items() if value is not None})
    return found


def test_rows_come_back_exactly_from_their_columns():
    for sample in [ODD_ROWS, [], *(_random_rows(seed) for seed in range(300))]:
        stored = json.loads(json.dumps(table(sample)))
        assert rows(stored) == sample


def test_objects_and_lists_are_split_into_columns():
    stored = table(ODD_ROWS[:2])
    locations = stored["fields"]["locations"]
    assert locations["counts"] == [2, 0]
    assert locations["items"]["fields"]["address"]["fields"]["city"] == ["Laval", None]
    assert stored["fields"]["id"] == ["a", "b"]
    # An empty object or a null inside one would not come back: that column stays whole.
    assert isinstance(table(ODD_ROWS[2:4])["fields"]["services"]["items"], list)


def test_the_browser_reads_the_columns_as_the_build_wrote_them(tmp_path):
    node = shutil.which("node")
    assert node, "node is required: the browser's search-engine.js is tested with it"
    js = ROOT / "theme" / "static" / "js"
    for path in js.glob("*.js"):  # search-engine.js and whatever it imports
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "run.mjs").write_text(
        'import { fromColumns } from "./search-engine.js";\n'
        'import { readFileSync } from "node:fs";\n'
        'const tables = JSON.parse(readFileSync("tables.json", "utf8"));\n'
        "console.log(JSON.stringify(tables.map(fromColumns)));\n"
    )
    samples = [ODD_ROWS, [], *(_random_rows(seed) for seed in range(300))]
    (tmp_path / "tables.json").write_text(json.dumps([table(sample) for sample in samples]))
    result = subprocess.run([node, "run.mjs"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == samples
