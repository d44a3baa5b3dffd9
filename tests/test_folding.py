"""One folding of text for the whole project (repertoire/folding.py), the same in the browser
(search-terms.js): ids, place names, sorting and search agree on accents and ligatures."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from repertoire.folding import ascii_words, fold, words
from repertoire.ids import make_id
from repertoire.taxonomy import fold_name

NAMES = [
    "Sacré-Cœur",
    "ŒUVRE DE L'ÆTHER",
    "Ste-Anne-des-Monts",
    "St-Jérôme",
    "Straße",
    "Łódź",
    "Øresund",
    "Đakovo",
    "ﬁnances ½",
    "Ça va, l'école?",
    "Garçon_fille 24h",
    "中文 centre",
    "  Saint--Louis  ",
]


@pytest.mark.parametrize(
    "name, folded",
    [
        ("Sacré-Cœur", "sacre coeur"),
        ("Ste-Anne-des-Monts", "sainte anne des monts"),
        ("St-Jérôme", "saint jerome"),
        ("ŒUVRE de l'Æther", "oeuvre de l aether"),
        ("Łódź", "lodz"),
        ("ﬁnances", "finances"),
    ],
)
def test_place_names_and_sorting_fold_ligatures_too(name, folded):
    assert fold_name(name) == folded


def test_ids_and_names_fold_alike():
    for name in NAMES:
        assert make_id(name) == ascii_words(name).replace(" ", "-")[:80].strip("-")
    assert make_id("Sacré-Cœur") == "sacre-coeur"


def test_the_browser_folds_as_the_build_does(tmp_path):
    node = shutil.which("node")
    assert node, "node is required: the browser's search-terms.js is tested with it"
    shutil.copy(ROOT / "theme" / "static" / "js" / "search-terms.js", tmp_path / "search-terms.js")
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "run.mjs").write_text(
        'import { asciiWords, fold, words } from "./search-terms.js";\n'
        "const names = JSON.parse(process.argv[2]);\n"
        "console.log(JSON.stringify(names.map((n) => [asciiWords(n), words(n).map(fold)])));\n"
    )
    result = subprocess.run(
        [node, "run.mjs", json.dumps(NAMES)], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [[ascii_words(n), [fold(w) for w in words(n)]] for n in NAMES]
