"""Shared fixtures: the project's paths, a taxonomy, and one built fixture site."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

FIXTURES = ROOT / "tests" / "fixtures"
# A fixed "today" so that staleness and special hours do not depend on the day tests run.
TODAY = "2026-11-23"


@pytest.fixture(scope="session")
def taxonomy():
    from repertoire.taxonomy import load_taxonomy

    return load_taxonomy(ROOT / "content")


def make_content(target: Path, organizations: Path | None = None, **folders: Path) -> Path:
    """A content folder with the project's categories, territories and pages, given records
    (the fixtures by default) and any other content folders (news=..., stats=...)."""
    content = target / "content"
    content.mkdir(parents=True)
    for name in ("categories.yaml", "territories.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copytree(organizations or FIXTURES / "organizations", content / "organizations")
    for name, source in folders.items():
        shutil.copytree(source, content / name)
    return content


def km_to_nearest(point, org) -> float:
    """The great-circle distance in km from (latitude, longitude) to an organization's nearest
    place with coordinates, as near-me.js measures it; infinite when it has none."""
    lat1, lon1 = map(math.radians, point)
    found = []
    for place in org.data.get("locations") or []:
        if place.get("coordinates"):
            lat2, lon2 = map(math.radians, place["coordinates"])
            h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
            found.append(2 * 6371 * math.asin(math.sqrt(h)))
    return min(found, default=math.inf)


def run_in_node(folder: Path, module: str, script: str, data) -> object:
    """What a browser module says, run by node: theme/static/js/`module` copied into `folder`
    as an ES module, `script` importing it from "./module.mjs" and reading `data` (JSON) from
    process.argv[2]; its output read as JSON."""
    node = shutil.which("node")
    assert node, f"node is required: the browser's {module} is tested with it"
    shutil.copy(ROOT / "theme" / "static" / "js" / module, folder / "module.mjs")
    (folder / "run.mjs").write_text(script, encoding="utf-8")
    result = subprocess.run([node, "run.mjs", json.dumps(data)], capture_output=True, text=True, cwd=folder, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# The sample bulletins the tests were written for (their titles, dates, the ice storm's
# alert): a bulletin added to content/news later changes nothing they check.
KNOWN_BULLETINS = ("accueil-refugies", "mesures-urgence-verglas", "paniers-de-noel", "vaccination-automne")


def known_news(target: Path) -> Path:
    """A folder of the KNOWN_BULLETINS of content/news, in every language."""
    folder = target / "known-news"
    folder.mkdir(parents=True)
    for name in KNOWN_BULLETINS:
        for path in (ROOT / "content" / "news").glob(f"{name}.*.md"):
            shutil.copy(path, folder / path.name)
    return folder


def build_site(content: Path, output: Path, **overrides) -> Path:
    """Build a site with the project's settings, as `pelican content -s pelicanconf.py` does."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "DIRECTORY_TODAY": TODAY,
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture records built once into a site folder."""
    base = tmp_path_factory.mktemp("site")
    return build_site(make_content(base), base / "output")


@pytest.fixture(scope="session")
def site(built_site):
    """The fixture site served on 127.0.0.1: its base URL."""
    from browser import serve

    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demonstration records (content/organizations) built once into a site folder."""
    base = tmp_path_factory.mktemp("demo")
    return build_site(make_content(base, organizations=ROOT / "content" / "organizations"), base / "output")


@pytest.fixture(scope="session")
def demo_records(taxonomy) -> list:
    """The demonstration records (content/organizations), validated, by id. Tests choose among
    them by what a record holds (first_record), never by its name: the data may be replaced."""
    from repertoire.records import load_directory, record_paths

    return sorted(load_directory(record_paths(ROOT / "content" / "organizations"), taxonomy), key=lambda org: org.id)


def first_record(records: list, what: str, wanted):
    """The first of `records` that `wanted` accepts; `what` names what the test needs, when none is."""
    found = next((org for org in records if wanted(org)), None)
    assert found is not None, f"no demonstration record is {what}"
    return found


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The project's own content/ as published: the demonstration records, the news with its
    alert (on at TODAY), the crisis lines and the statistics."""
    base = tmp_path_factory.mktemp("published")
    return build_site(ROOT / "content", base / "output")


@pytest.fixture(scope="session")
def demo_url(demo_site):
    """The demonstration site served on 127.0.0.1: its base URL."""
    from browser import serve

    with serve(demo_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session's browser tests."""
    from browser import chromium

    with chromium() as instance:
        yield instance


def pytest_collection_modifyitems(items):
    """Mark the tests that drive Chromium, so that `-m "not browser"` runs the rest anywhere."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
