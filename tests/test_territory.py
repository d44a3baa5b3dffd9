"""Another territory than Quebec: its own content/territories.yaml and TIMEZONE are enough.

tests/fixtures/territory-london/ is Greater London's directory with one record (a UK
postcode, +44 phones, London coordinates): it validates and builds with London's
conventions, and the same record is refused with Quebec's."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import FIXTURES, ROOT, build_site
from directory.records import read_record
from directory.taxonomy import TaxonomyError, load_taxonomy
from pages import read

LONDON = FIXTURES / "territory-london" / "content"
RECORD = LONDON / "organizations" / "westminster-food-bank.yaml"
VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate.py")]


@pytest.fixture(scope="module")
def london_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("london")
    content = base / "content"
    shutil.copytree(LONDON, content)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    return build_site(content, base / "output", TIMEZONE="Europe/London")


def test_a_london_record_is_valid_with_londons_conventions():
    org, errors = read_record(RECORD, load_taxonomy(LONDON))
    assert errors == []
    # Stored one way: the display of the territory's first language, the postcode upper case.
    assert [p["number"] for p in org.data["phones"]] == ["020 7946 0018", "020 7946 0019, poste 4"]
    assert org.data["locations"][0]["address"]["postal_code"] == "SW1A 2AA"
    assert org.regions == ["london"] and org.municipalities == ["westminster"]


def test_the_same_record_is_refused_with_quebecs(taxonomy):
    _, errors = read_record(RECORD, taxonomy)
    messages = {e.field: e.message for e in errors}
    assert messages["phones[0].number"].startswith("'+44 (0)20 7946 0018' is not a phone number of Quebec: "
                                                   "expected one written like '514 555-0123'")
    assert "phones[1].number" in messages
    assert messages["locations[0].address.postal_code"] == \
        "'sw1a2aa' is not a postal code of Quebec: expected the form H2X 1Y4"
    assert messages["locations[0].coordinates"].startswith("[51.501, -0.1416] is outside Quebec")


def test_scripts_validate_reads_the_territory_of_its_content_folder():
    london = subprocess.run([*VALIDATE, "--content", LONDON, RECORD], capture_output=True, text=True)
    assert london.returncode == 0, london.stdout + london.stderr
    quebec = subprocess.run([*VALIDATE, RECORD], capture_output=True, text=True)
    assert quebec.returncode == 1
    assert "locations[0].address.postal_code: 'sw1a2aa' is not a postal code of Quebec" in quebec.stdout + quebec.stderr


@pytest.mark.parametrize("damage, message", [
    ("territory:\n", "expected a 'territory:' block (name, country, extent, postal_code, phones)"),
    ("    example: SW1A 1AA\n", "territory: missing 'postal_code.example'"),
    ("    national_number: '[1-9][0-9]{8,9}'\n", "territory: missing 'phones.national_number'"),
    ("    pattern: '([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})'\n", "territory: missing 'postal_code.pattern'"),
])
def test_a_territory_file_without_its_conventions_is_refused(tmp_path, damage, message):
    content = shutil.copytree(LONDON, tmp_path / "content")
    path = content / "territories.yaml"
    text = path.read_text(encoding="utf-8")
    if damage == "territory:\n":  # the whole block
        text = text[:text.index("territory:")] + text[text.index("regions:"):]
    else:
        text = text.replace(damage, "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(content)
    assert str(caught.value).startswith(str(path)), caught.value
    assert message in str(caught.value)


@pytest.mark.parametrize("old, new, message", [
    ("'111']", "'12']", "phones.examples: '12' is not a number of this numbering plan"),
    ("example: SW1A 1AA", "example: sw1a 1aa", "postal_code.example 'sw1a 1aa' does not match"),
    ("display: '0{1} {2}'}", "display: '0{1} {4}'}", "a display uses a group its pattern has not"),
])
def test_examples_that_the_files_own_patterns_refuse_are_named(tmp_path, old, new, message):
    content = shutil.copytree(LONDON, tmp_path / "content")
    path = content / "territories.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(content)
    assert message in str(caught.value)


def test_a_london_site_builds_with_its_phones_postcodes_and_time_zone(london_site):
    fr = read(london_site / "fr/organismes/westminster-food-bank/index.html")
    en = read(london_site / "en/organizations/westminster-food-bank/index.html")
    for doc, second in ((fr, "020 7946 0019, poste 4"), (en, "020 7946 0019 ext. 4")):
        calls = [(a.attrs["href"], a.text) for a in doc.find_all("a", **{"class": "phone"})]
        assert calls == [("tel:+442079460018", "020 7946 0018"), ("tel:+442079460019;ext=4", second)]
        assert "SW1A 2AA" in doc.find("p", **{"class": "address"}).text
        # The open-now lines read the time zone of their page (one attribute for all of them).
        assert doc.find("article").attrs["data-tz"] == "Europe/London"


def test_the_browser_gets_the_same_phones_and_open_data_the_same_country(london_site):
    # The offline and search records carry the phones as the page writes them.
    details = [json.loads(p.read_text(encoding="utf-8")) for p in (london_site / "search" / "en").glob("details*.json")]
    phones = [phone for chunk in details for record in chunk for phone in record.get("phones", [])]
    assert [(p["number"], p["tel"]) for p in phones] == [("020 7946 0018", "+442079460018"),
                                                         ("020 7946 0019 ext. 4", "+442079460019;ext=4")]
    document = json.loads((london_site / "en/downloads/hsds.json").read_text(encoding="utf-8"))
    organization = document["organizations"][0]
    assert [(p["number"], p.get("extension")) for p in organization["phones"]] == [("020 7946 0018", None),
                                                                                 ("020 7946 0019", 4)]
    address = organization["locations"][0]["addresses"][0]
    assert (address["country"], address["state_province"], address["postal_code"]) == ("GB", "ENG", "SW1A 2AA")
    with zipfile.ZipFile(london_site / "fr/telechargements/hsds.zip") as package:
        assert "+44" not in package.read("phones.csv").decode("utf-8")
