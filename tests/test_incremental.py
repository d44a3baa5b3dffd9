"""A build that reuses an earlier build's outputs gives, file for file, the site a clean full
build gives of the same inputs: after a record edit, a record closing, a new day, a template,
a catalog or a setting changed, and an alert published. Each build runs as people run it
(`pelican content -s pelicanconf.py -o DIR`), in its own process."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, TODAY

PELICAN = ROOT / ".venv" / "bin" / "pelican"
RECORDS = 60  # enough for lists of several pages per region, quick to build seven times


def build(content: Path, output: Path, cache: Path, pdf_cache: Path, theme: Path, **settings) -> dict:
    """Build; the number of directory pages reused and rendered, from the build's log."""
    overrides = {"CACHE_PATH": str(cache), "PDF_CACHE_PATH": str(pdf_cache), "THEME": str(theme),
                 "DIRECTORY_TODAY": TODAY, "DIRECTORY_PAGE_SIZE": 10, **settings}
    command = [str(PELICAN), "-v", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
               "-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    log = " ".join((done.stdout + done.stderr).split())
    counts = re.findall(r"Directory pages: (\d+) reused, (\d+) rendered", log)
    assert counts, log[-2000:]
    return {"reused": sum(int(r) for r, _ in counts), "rendered": sum(int(n) for _, n in counts)}


def differences(one: Path, other: Path) -> list[str]:
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    a, b = files(one), files(other)
    found = [f"only in one: {name}" for name in sorted(a.keys() ^ b.keys())]
    found += [f"differs: {name}" for name in sorted(a.keys() & b.keys()) if a[name].read_bytes() != b[name].read_bytes()]
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The project's content (news with its alert, crisis lines, statistics) with some of its
    records, a copy of the theme to edit, one cache that lives across the builds."""
    base = tmp_path_factory.mktemp("incremental")
    content = base / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("organizations"))
    (content / "organizations").mkdir()
    for path in sorted((ROOT / "content" / "organizations").glob("*.yaml"))[:RECORDS]:
        shutil.copy(path, content / "organizations" / path.name)
    theme = base / "theme"
    shutil.copytree(ROOT / "theme", theme)
    return {"base": base, "content": content, "theme": theme, "cache": base / "cache", "pdf": base / "pdf"}


def rebuild_and_compare(workspace, name: str, **settings) -> dict:
    """An incremental build with the lasting cache and a clean one with an empty cache."""
    base = workspace["base"]
    common = {"content": workspace["content"], "pdf_cache": workspace["pdf"], "theme": workspace["theme"]}
    counts = build(output=base / f"{name}-incremental", cache=workspace["cache"], **common, **settings)
    clean = build(output=base / f"{name}-clean", cache=base / f"{name}-empty-cache", **common, **settings)
    assert clean["reused"] == 0
    assert differences(base / f"{name}-incremental", base / f"{name}-clean") == []
    return counts


def test_incremental_builds_equal_clean_builds(workspace):
    content, theme = workspace["content"], workspace["theme"]
    first = build(content, workspace["base"] / "first", workspace["cache"], workspace["pdf"], theme)
    assert first["reused"] == 0 and first["rendered"] > 2 * RECORDS
    pages = first["rendered"]

    # Nothing changed: nothing is rendered again.
    same = rebuild_and_compare(workspace, "same")
    assert same == {"reused": pages, "rendered": 0}

    # One record edited, one closed for good, and the build a few weeks later (staleness,
    # special hours): the edited record's pages and its lists are made again, not the rest.
    records = sorted((content / "organizations").glob("*.yaml"))
    edited = records[3].read_text(encoding="utf-8")
    assert '\nname:\n  fr: "' in edited
    records[3].write_text(edited.replace('\nname:\n  fr: "', '\nname:\n  fr: "Nouveau nom · ', 1), encoding="utf-8")
    closing = records[7].read_text(encoding="utf-8")
    records[7].write_text(re.sub(r"^status: \w+$", "status: inactive", closing, flags=re.M), encoding="utf-8")
    edit = rebuild_and_compare(workspace, "edit", DIRECTORY_TODAY="2027-01-05")
    assert 0 < edit["rendered"] < pages / 2

    # A template, a catalog entry and a setting: every page that shows them.
    organization = theme / "templates" / "organization.html"
    organization.write_text(organization.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<!-- v2 -->", 1), encoding="utf-8")
    catalog = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    wording = catalog.read_text(encoding="utf-8")
    assert 'msgid "Opening hours"\nmsgstr "Heures d\'ouverture"' in wording
    catalog.write_text(wording.replace('msgstr "Heures d\'ouverture"', 'msgstr "Heures d\'accueil"', 1), encoding="utf-8")
    helpline = {"fr": "24 h sur 24", "en": "24 hours a day"}
    changed = rebuild_and_compare(workspace, "theme", DIRECTORY_TODAY="2027-01-05", HELPLINE_HOURS=helpline)
    assert changed["reused"] == 0

    # An alert published in an emergency: no directory page is rendered again, yet every page
    # shows it.
    bulletin = content / "news" / "emergency-test.md"
    bulletin.write_text("Title: Avis de froid extrême\nSlug: avis-froid-test\nLang: fr\nDate: 2027-01-04 08:00\n"
                        "Category: Mesures d'urgence\nAlert: true\nAlert_start: 2027-01-04\nAlert_end: 2027-01-10\n"
                        "Summary: Haltes-chaleur ouvertes.\n\nDes haltes-chaleur sont ouvertes.\n", encoding="utf-8")
    alert = rebuild_and_compare(workspace, "alert", DIRECTORY_TODAY="2027-01-05", HELPLINE_HOURS=helpline)
    assert alert == {"reused": changed["rendered"], "rendered": 0}
    page = next((workspace["base"] / "alert-incremental" / "fr" / "organismes").glob("*/index.html"))
    assert "Avis de froid extrême" in page.read_text(encoding="utf-8")


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    from directory.page_cache import PageCache

    cache = PageCache(tmp_path / "cache", salt="s")
    key = cache.key("organization", "fr", "abc")
    cache.put(key, b"<p>page</p>")
    assert cache.get(key) == b"<p>page</p>"
    stored = next((tmp_path / "cache").glob("*/*"))
    stored.write_bytes(stored.read_bytes()[:-3])  # cut short, as by a full disk
    assert cache.get(key) is None
    assert PageCache(None, salt="s").get(key) is None  # no cache: always made


def test_a_group_of_files_comes_back_whole_or_not_at_all(tmp_path):
    from directory.page_cache import PageCache

    cache = PageCache(tmp_path / "cache", salt="s")
    files = {"all.csv": b"Id,Name\r\n", "all.xlsx": b"PK\x03\x04", "empty.csv": b""}
    cache.put_files("lists-fr", files)
    assert cache.get_files("lists-fr") == files
    # One of the files lost: the group is made again rather than published without it.
    next(p for p in (tmp_path / "cache").glob("*/*") if p.read_bytes().endswith(b"PK\x03\x04")).unlink()
    assert cache.get_files("lists-fr") is None


def test_records_are_read_again_only_when_their_file_changed(tmp_path, monkeypatch, taxonomy):
    import datetime as dt

    from conftest import FIXTURES
    from directory import records
    from directory.record_cache import RecordCache
    from directory.yamlfile import RECORD_LIMITS

    folder = tmp_path / "organizations"
    shutil.copytree(FIXTURES / "organizations", folder)
    paths = records.record_paths(folder)
    today = dt.date.fromisoformat(TODAY)
    read_paths = []
    real_read_all = records._read_all
    monkeypatch.setattr(records, "_read_all", lambda unread, *args: read_paths.append(list(unread))
                        or real_read_all(unread, *args))

    def load(day=today):
        read_paths.clear()
        cache = RecordCache(tmp_path / "cache", "salt", RECORD_LIMITS.max_bytes)
        return records.load_directory(paths, taxonomy, day, cache), read_paths[0]

    first, read = load()
    assert len(read) == len(paths)
    again, read = load()
    assert read == [] and [o.data for o in again] == [o.data for o in first]
    assert [o.source for o in again] == [o.source for o in first]

    # One file edited: only it is read again.
    edited = paths[2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("last_verified: ", "last_verified:  ", 1),
                      encoding="utf-8")
    _, read = load()
    assert read == [edited]

    # Broken: the same errors as a build without a cache.
    edited.write_text(edited.read_text(encoding="utf-8") + "categories: [nope]\n", encoding="utf-8")
    with pytest.raises(records.RecordsInvalid) as cached_errors:
        load()
    with pytest.raises(records.RecordsInvalid) as plain_errors:
        records.load_directory(paths, taxonomy, today)
    assert cached_errors.value.errors == plain_errors.value.errors
    edited.write_text(edited.read_text(encoding="utf-8").replace("categories: [nope]\n", ""), encoding="utf-8")
    load()

    # A build dated before a record's confirmation: that record is checked again, and refused.
    newest = max(first, key=lambda o: o.last_verified)
    with pytest.raises(records.RecordsInvalid) as early:
        load(newest.last_verified - dt.timedelta(days=3))
    assert any("is in the future" in str(error) for error in early.value.errors)

    # A damaged cache: everything is read, nothing is lost.
    for stored in (tmp_path / "cache").glob("records-*.pickle"):
        stored.write_bytes(stored.read_bytes()[:100])
    whole, read = load()
    assert len(read) == len(paths) and [o.data for o in whole] == [o.data for o in first]
