"""A build that reuses an earlier build's outputs gives, file for file, the site a clean full
build gives of the same inputs: after a record edit, a record closing, a new day, a template,
a catalog or a setting changed, and an alert published. Each build runs as people run it
(`pelican content -s pelicanconf.py -o DIR`), in its own process."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY

PELICAN = ROOT / ".venv" / "bin" / "pelican"
RECORDS = 60  # enough for lists of several pages per region, quick to build seven times


def build(content: Path, output: Path, cache: Path, pdf_cache: Path, theme: Path, **settings) -> dict:
    """Build; the number of directory pages reused and rendered, from the build's log."""
    overrides = {
        "CACHE_PATH": str(cache),
        "PDF_CACHE_PATH": str(pdf_cache),
        "THEME": str(theme),
        "DIRECTORY_TODAY": TODAY,
        "DIRECTORY_PAGE_SIZE": 10,
        **settings,
    }
    command = [
        str(PELICAN),
        "-v",
        str(content),
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(output),
        "-e",
        *(f"{key}={json.dumps(value)}" for key, value in overrides.items()),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    log = " ".join((done.stdout + done.stderr).split())
    counts = re.findall(r"Directory pages: (\d+) reused, (\d+) rendered", log)
    assert counts, log[-2000:]
    return {
        "reused": sum(int(r) for r, _ in counts),
        "rendered": sum(int(n) for _, n in counts),
        "in_place": "Updated the previous site in place" in log,
    }


def differences(one: Path, other: Path) -> list[str]:
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    a, b = files(one), files(other)
    found = [f"only in one: {name}" for name in sorted(a.keys() ^ b.keys())]
    found += [
        f"differs: {name}" for name in sorted(a.keys() & b.keys()) if a[name].read_bytes() != b[name].read_bytes()
    ]
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
    """An incremental build (the lasting cache, the same output folder: the site before the
    last one updated in place) and a clean one (an empty cache, a new folder)."""
    base = workspace["base"]
    common = {"content": workspace["content"], "pdf_cache": workspace["pdf"], "theme": workspace["theme"]}
    counts = build(output=base / "site", cache=workspace["cache"], **common, **settings)
    clean = build(output=base / f"{name}-clean", cache=base / f"{name}-empty-cache", **common, **settings)
    assert clean["reused"] == 0 and not clean["in_place"]
    assert differences(base / "site", base / f"{name}-clean") == []
    return counts


def test_incremental_builds_equal_clean_builds(workspace):
    content, theme = workspace["content"], workspace["theme"]
    first = build(content, workspace["base"] / "site", workspace["cache"], workspace["pdf"], theme)
    assert first["reused"] == 0 and first["rendered"] > 2 * RECORDS
    pages = first["rendered"]

    # Nothing changed: nothing is rendered again.
    same = rebuild_and_compare(workspace, "same")
    assert same == {"reused": pages, "rendered": 0, "in_place": False}  # no site before the last one yet

    # One record edited, one closed for good, and the build a few weeks later (staleness,
    # special hours): the edited record's pages and its lists are made again, not the rest.
    records = sorted((content / "organizations").glob("*.yaml"))
    edited = records[3].read_text(encoding="utf-8")
    assert '\nname:\n  fr: "' in edited
    records[3].write_text(edited.replace('\nname:\n  fr: "', '\nname:\n  fr: "Nouveau nom · ', 1), encoding="utf-8")
    closing = records[7].read_text(encoding="utf-8")
    records[7].write_text(re.sub(r"^status: \w+$", "status: inactive", closing, flags=re.M), encoding="utf-8")
    edit = rebuild_and_compare(workspace, "edit", DIRECTORY_TODAY="2027-01-05")
    assert 0 < edit["rendered"] < pages / 2 and edit["in_place"]

    # A template, a catalog entry and a setting: every page that shows them.
    organization = theme / "templates" / "organization.html"
    organization.write_text(
        organization.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<!-- v2 -->", 1),
        encoding="utf-8",
    )
    catalog = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    wording = catalog.read_text(encoding="utf-8")
    assert 'msgid "Opening hours"\nmsgstr "Heures d\'ouverture"' in wording
    catalog.write_text(
        wording.replace('msgstr "Heures d\'ouverture"', 'msgstr "Heures d\'accueil"', 1), encoding="utf-8"
    )
    helpline = {"fr": "24 h sur 24", "en": "24 hours a day"}
    later = {"DIRECTORY_TODAY": "2027-01-05", "HELPLINE_HOURS": helpline}
    changed = rebuild_and_compare(workspace, "theme", **later)
    assert changed["reused"] == 0

    # An alert published in an emergency: no directory page is rendered again, yet every page
    # shows it.
    bulletin = content / "news" / "emergency-test.md"
    bulletin.write_text(
        "Title: Avis de froid extrême\nSlug: avis-froid-test\nLang: fr\nDate: 2027-01-04 08:00\n"
        "Category: Mesures d'urgence\nAlert: true\nAlert_start: 2027-01-04\nAlert_end: 2027-01-10\n"
        "Summary: Haltes-chaleur ouvertes.\n\nDes haltes-chaleur sont ouvertes.\n",
        encoding="utf-8",
    )
    alert = rebuild_and_compare(workspace, "alert", **later)
    assert alert == {"reused": changed["rendered"], "rendered": 0, "in_place": True}
    page = next((workspace["base"] / "site" / "fr" / "organismes").glob("*/index.html"))
    assert "Avis de froid extrême" in page.read_text(encoding="utf-8")

    # The alert corrected, then a bulletin of the news edited: still no directory page rendered.
    bulletin.write_text(
        bulletin.read_text(encoding="utf-8").replace(
            "Haltes-chaleur ouvertes.", "Haltes-chaleur ouvertes jour et nuit."
        ),
        encoding="utf-8",
    )
    assert rebuild_and_compare(workspace, "alert-corrected", **later)["rendered"] == 0
    news = sorted((content / "news").glob("*.fr.md"))[0]
    news.write_text(news.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8")
    assert rebuild_and_compare(workspace, "news", **later)["rendered"] == 0

    # The alert ended, one record removed and one added: what the removed one had is gone.
    bulletin.unlink()
    gone = records[11]
    copy = content / "organizations" / "copie-ajoutee.yaml"
    copy.write_text(
        re.sub(r"^id: .*$", "id: copie-ajoutee", gone.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )
    gone.unlink()
    ended = rebuild_and_compare(workspace, "ended", **later)
    assert ended["in_place"] and not list((workspace["base"] / "site").rglob(f"{gone.stem}/index.html"))

    # A broken record: the build fails and the site stays; once it is mended, the failed build's
    # folder is updated in place like any other.
    before = differences(workspace["base"] / "site", workspace["base"] / "ended-clean")
    broken = copy.read_text(encoding="utf-8")
    copy.write_text(broken + "categories: [nope]\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="copie-ajoutee.yaml:52: categories"):
        build(content, workspace["base"] / "site", workspace["cache"], workspace["pdf"], theme, **later)
    assert differences(workspace["base"] / "site", workspace["base"] / "ended-clean") == before == []
    copy.write_text(broken, encoding="utf-8")
    assert rebuild_and_compare(workspace, "mended", **later)["in_place"]

    # Every file of the cache damaged (cut in half): the build reads, renders and writes
    # everything again, in place, and gives the same site.
    for entry in workspace["cache"].rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    damaged = build(content, workspace["base"] / "site", workspace["cache"], workspace["pdf"], theme, **later)
    assert damaged["reused"] == 0 and damaged["in_place"]
    assert differences(workspace["base"] / "site", workspace["base"] / "mended-clean") == []

    # Outputs not reused: a new folder, nothing taken from the cache.
    fresh = build(
        content, workspace["base"] / "site", workspace["cache"], workspace["pdf"], theme, REUSE_OUTPUTS=False, **later
    )
    assert fresh["reused"] == 0 and fresh["rendered"] > 2 * RECORDS and not fresh["in_place"]
    assert differences(workspace["base"] / "site", workspace["base"] / "mended-clean") == []


def test_parts_rendered_once_a_build_are_the_parts_rendered_on_every_page(workspace):
    """The header, menu, footer, map and list cards are rendered once per language and depth
    (directory/fragments.py): the site, its alert showing, is the one rendered page by page."""
    base, common = workspace["base"], {"content": workspace["content"], "theme": workspace["theme"]}
    build(output=base / "kept", cache=base / "kept-cache", pdf_cache=base / "kept-pdf", **common)
    build(
        output=base / "whole", cache=base / "whole-cache", pdf_cache=base / "whole-pdf", KEEP_FRAGMENTS=False, **common
    )
    page = next((base / "kept" / "en" / "organizations").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'class="site-footer"' in page and 'class="skip-link"' in page and "data-alert-id=" in page
    assert differences(base / "kept", base / "whole") == []


def test_indexes_and_downloads_made_in_processes_of_their_own_are_the_same(workspace):
    """From PARALLEL_FROM_RECORDS records, each language's search index and downloads are made
    in a new process given the records (not a fork of the build): the site is byte for byte
    the one made in the build's own process."""
    base = workspace["base"]
    common = {"content": workspace["content"], "pdf_cache": workspace["pdf"], "theme": workspace["theme"]}
    build(output=base / "in-process", cache=base / "in-process-cache", **common, PARALLEL_FROM_RECORDS=10**9)
    build(output=base / "processes", cache=base / "processes-cache", **common, PARALLEL_FROM_RECORDS=1, BUILD_WORKERS=2)
    assert differences(base / "in-process", base / "processes") == []
    assert list((base / "processes").glob("search/*/lengths-*.json"))


def test_new_processes_start_with_the_modules_the_build_asked_for_imported(tmp_path):
    """A module preloaded for map_in_fresh_processes is imported once, by the server the
    processes are forked from, even when only the build's sys.path finds it (as the plugins):
    a process importing it again cost 0.16 s for each PDF. Run in a Python of its own: the
    server is started once per process, by the first call."""
    (tmp_path / "marker.py").write_text(
        "import os\nIMPORTED_IN = os.getpid()\n\n\ndef imported_before(job):\n    return IMPORTED_IN != os.getpid()\n"
    )
    script = (
        "import sys\n"
        f"sys.path[:0] = [{str(ROOT / 'plugins')!r}, {str(tmp_path)!r}]\n"
        "from repertoire.processes import map_in_fresh_processes, preload_in_fresh_processes\n"
        "import marker\n"
        "if __name__ == '__main__':\n"
        "    preload_in_fresh_processes('marker')\n"
        "    print(map_in_fresh_processes(marker.imported_before, [1, 2, 3], 2))\n"
    )
    (tmp_path / "run.py").write_text(script)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, str(tmp_path / "run.py")], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[True, True, True]"


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    from repertoire.page_cache import PageCache

    cache = PageCache(tmp_path / "cache", salt="s")
    key = cache.key("organization", "fr", "abc")
    cache.put(key, b"<p>page</p>")
    assert cache.get(key) == b"<p>page</p>"
    stored = next((tmp_path / "cache").glob("*/*"))
    stored.write_bytes(stored.read_bytes()[:-3])  # cut short, as by a full disk
    assert cache.get(key) is None
    # Stored again in place (not renamed): over a longer damaged entry, nothing of it is left.
    stored.write_bytes(b"\0" * 4096)
    cache.put(key, b"<p>page</p>")
    assert cache.get(key) == b"<p>page</p>" and stored.stat().st_size < 100
    # An entry linked from elsewhere (a cache copied with hard links) is replaced, not written through.
    elsewhere = tmp_path / "copy"
    os.link(stored, elsewhere)
    cache.put(key, b"<p>other page</p>")
    assert cache.get(key) == b"<p>other page</p>" and b"other" not in elsewhere.read_bytes()
    assert PageCache(None, salt="s").get(key) is None  # no cache: always made


def test_a_group_of_files_comes_back_whole_or_not_at_all(tmp_path):
    from repertoire.page_cache import PageCache

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
    from repertoire import records
    from repertoire.record_cache import RecordCache
    from repertoire.yamlfile import RECORD_LIMITS

    folder = tmp_path / "organizations"
    shutil.copytree(FIXTURES / "organizations", folder)
    paths = records.record_paths(folder)
    today = dt.date.fromisoformat(TODAY)
    read_paths = []
    real_read_all = records._read_all
    monkeypatch.setattr(
        records, "_read_all", lambda unread, *args: read_paths.append(list(unread)) or real_read_all(unread, *args)
    )

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
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("last_verified: ", "last_verified:  ", 1), encoding="utf-8"
    )
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
    # One bit flipped in a record's text (a failing disk, a cache restored from elsewhere): it
    # was taken as it came back, and "Saint-Lauren4" published (stop 69). Read again.
    load()
    (stored,) = (tmp_path / "cache").glob("records-*.pickle")
    data = bytearray(stored.read_bytes())
    data[data.index(first[0].id.encode()) + 1] ^= 1
    stored.write_bytes(bytes(data))
    whole, read = load()
    assert len(read) == len(paths) and [o.data for o in whole] == [o.data for o in first]


def test_a_sealed_file_reads_as_missing_once_any_byte_of_it_changed(tmp_path):
    from repertoire.sealed import read_sealed_bytes, write_sealed_bytes

    path = tmp_path / "entry"
    write_sealed_bytes(path, b"%PDF-1.7 a whole printed directory")
    assert read_sealed_bytes(path) == b"%PDF-1.7 a whole printed directory"
    whole = path.read_bytes()
    for at in range(len(whole)):  # each byte, the seal's own too
        damaged = bytearray(whole)
        damaged[at] ^= 0x10
        path.write_bytes(bytes(damaged))
        assert read_sealed_bytes(path) is None, at
    for cut in (whole[:10], whole[:-1], whole + b"more", b""):
        path.write_bytes(cut)
        assert read_sealed_bytes(path) is None
    assert read_sealed_bytes(tmp_path / "missing") is None


def test_a_damaged_compiled_template_is_compiled_again(tmp_path):
    # Jinja checks a compiled template's source, not its code: a string changed in the cached
    # code was published on 154 pages (stop 69).
    from jinja2 import DictLoader, Environment

    from directory.compiled import CompiledTemplates

    def render() -> str:
        env = Environment(loader=DictLoader({"page.html": "<p>{{ 'Aide alimentaire' }} {{ n }}</p>"}))
        env.bytecode_cache = CompiledTemplates(str(tmp_path))
        return env.get_template("page.html").render(n=1)

    assert render() == "<p>Aide alimentaire 1</p>"
    (compiled,) = [p for p in tmp_path.iterdir() if p.name.endswith(".cache")]
    compiled.write_bytes(compiled.read_bytes().replace(b"Aide alimentaire", b"Aide alimentairX"))
    assert render() == "<p>Aide alimentaire 1</p>"


def test_a_file_is_written_again_only_when_its_bytes_change(tmp_path):
    import hashlib
    import os

    from repertoire.written import Written

    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    first = Written(site, cache)
    first.write("fr/a/index.html", b"<p>un</p>", source="key-1")
    first.write("fr/b.json", b"[1]")
    first.save()
    page = site / "fr" / "a" / "index.html"
    inode = page.stat().st_ino

    again = Written(site, cache)  # the next build of this folder
    assert again.holds("fr/a/index.html", source="key-1") and not again.holds("fr/a/index.html", source="key-2")
    assert again.holds("fr/b.json", digest=hashlib.sha256(b"[1]").digest())
    assert again.digest("fr/b.json", os.stat(site / "fr" / "b.json")) == hashlib.sha256(b"[1]").digest()
    again.write("fr/a/index.html", b"<p>deux, plus long</p>", source="key-2")
    assert page.read_bytes() == b"<p>deux, plus long</p>" and page.stat().st_ino == inode  # in place
    again.write("fr/a/index.html", b"<p>3</p>")
    assert page.read_bytes() == b"<p>3</p>"
    # Written by something else between a look and a write: looked at again.
    again.save()
    again = Written(site, cache)
    assert not again.holds("fr/a/index.html", source="key-3")
    page.write_bytes(b"<p>" + b"x" * 50 + b"</p>")
    again.write("fr/a/index.html", b"<p>3</p>")
    assert page.read_bytes() == b"<p>3</p>"
    # Changed by anything else since: never taken for what the memo says.
    again.save()
    page.write_bytes(b"<p>quatre</p>")
    assert not Written(site, cache).holds("fr/a/index.html", digest=hashlib.sha256(b"<p>3</p>").digest())
    # A file linked elsewhere (a copy shared with another folder) is replaced, not written through.
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"<p>ailleurs</p>")
    os.link(outside, site / "linked.html")
    Written(site, None).write("linked.html", b"<p>ici</p>")
    assert outside.read_bytes() == b"<p>ailleurs</p>" and (site / "linked.html").read_bytes() == b"<p>ici</p>"


def test_a_file_given_in_pieces_is_the_file_given_whole(tmp_path):
    """The HSDS JSON is written and stored as its records' pieces, never joined in memory."""
    import hashlib

    from repertoire.page_cache import PageCache
    from repertoire.written import Written

    whole = b'{"organizations":[{"id":"a"},{"id":"b"}]}'
    pieces = [b'{"organizations":[', b'{"id":"a"}', b",", b'{"id":"b"}', b"]}"]
    (tmp_path / "site").mkdir()
    site = Written(tmp_path / "site", tmp_path / "memo")
    site.write("long.json", whole + b" " * 100)
    site.write("long.json", pieces)  # shorter, over the file in place
    assert (tmp_path / "site" / "long.json").read_bytes() == whole
    assert site.digest("long.json", (tmp_path / "site" / "long.json").stat()) == hashlib.sha256(whole).digest()
    cache = PageCache(tmp_path / "cache", salt="s")
    cache.put("k", pieces)
    assert cache.get("k") == whole


def test_what_a_build_did_not_write_is_removed_from_the_folder_it_updates(tmp_path):
    import os
    import time

    from atomic_output import remove_unwritten

    old = {"fr/gone/index.html", "fr/kept/index.html", "fr/kept/old.json", "search/fr/x.json"}
    for name in old:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"old")
    time.sleep(0.05)
    os.utime(tmp_path)
    started = os.stat(tmp_path).st_ctime_ns
    (tmp_path / "fr/kept/index.html").write_bytes(b"new")  # written by this build
    os.utime(tmp_path / "search/fr/x.json")  # kept as it was
    (tmp_path / "fr/new").mkdir()
    (tmp_path / "fr/new/index.html").write_bytes(b"new")
    assert remove_unwritten(tmp_path, started) == 2
    left = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    assert left == {
        "fr",
        "fr/kept",
        "fr/kept/index.html",
        "fr/new",
        "fr/new/index.html",
        "search",
        "search/fr",
        "search/fr/x.json",
    }


@pytest.mark.parametrize(
    "page",
    [
        "a{A}b{D}c{D}",
        "no placeholder",
        "{M}x{A}",
        "{M}",
        "{M}{M}",
        "x{M}alerts",
        "{A}{A}",
        "{M}alerts{M}as-of{M}",
        "{M}{M}alerts{M}",
    ],
)
def test_placeholders_are_filled_in_as_each_would_be_replaced(page):
    """fill() cuts a page once at the marks; a stray mark (a record may hold one) stays."""
    from repertoire.page_cache import LATE_ALERTS, LATE_AS_OF, fill, late_name

    content = page.format(A=LATE_ALERTS, D=LATE_AS_OF, M="\ue000").encode()
    replaced = content.replace(LATE_ALERTS.encode(), b"<aside>!</aside>").replace(LATE_AS_OF.encode(), b"1 mai")
    assert fill(content, {late_name(LATE_ALERTS): b"<aside>!</aside>", late_name(LATE_AS_OF): b"1 mai"}) == replaced


@pytest.mark.parametrize("ahead_s, reused", [(-60, True), (0, True), (3600, False)])
def test_the_previous_site_is_updated_in_place_only_when_the_clock_is_past_it(tmp_path, ahead_s, reused):
    """A previous site left when the clock was ahead (set back since) has files whose change
    times would pass for this build's: it is not updated in place. One left in the same tick
    (a coarse clock) is taken once the clock has moved on."""
    import os
    import time
    from types import SimpleNamespace

    import atomic_output

    previous = tmp_path / ".previous-site"
    (previous / "fr").mkdir(parents=True)
    (previous / "fr" / "old.html").write_bytes(b"old")
    left = time.time_ns() + ahead_s * 1_000_000_000
    os.utime(previous, ns=(left, left))  # as publish leaves it: the end of its build
    settings = {"REUSE_OUTPUTS": True, "PATH": str(tmp_path / "content")}
    pelican = SimpleNamespace(output_path=str(tmp_path / "site"), settings=settings)
    atomic_output.redirect_output(pelican)
    staging = pelican.output_path
    started = atomic_output._STARTED.pop(staging, None)
    assert (Path(staging) / "fr" / "old.html").exists() == reused == (started is not None)
    assert not previous.exists()
    if reused:
        assert started > left


def test_a_link_in_place_of_the_previous_site_is_not_followed(tmp_path):
    from types import SimpleNamespace

    import atomic_output

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_bytes(b"not the site's")
    (tmp_path / ".previous-site").symlink_to(elsewhere)
    settings = {"REUSE_OUTPUTS": True, "PATH": str(tmp_path / "content")}
    pelican = SimpleNamespace(output_path=str(tmp_path / "site"), settings=settings)
    atomic_output.redirect_output(pelican)
    assert atomic_output._STARTED.pop(pelican.output_path, None) is None
    assert list(Path(pelican.output_path).iterdir()) == []
    assert (elsewhere / "keep.txt").read_bytes() == b"not the site's"


def test_pages_stored_in_a_pack_come_back_whole_or_are_made_again(tmp_path):
    """A part of a build stores its pages one after the other in one file (a pack) and its index."""
    import time

    from repertoire.page_cache import PageCache

    cache = PageCache(tmp_path / "cache", salt="s")
    pages = {cache.key("organization", "fr", str(n)): f"<p>page {n} é</p>".encode() * (n + 1) for n in range(50)}
    cache.begin_pack()
    for key, page in pages.items():
        cache.put(key, page)
    first = next(iter(pages))
    assert cache.get(first) == pages[first]  # asked again by the process that stored it
    cache.end_pack()
    stored = [p.relative_to(tmp_path / "cache").as_posix() for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(stored) == 2 and {Path(name).suffix for name in stored} == {".pack", ".index"}

    # The next build reads every page back from the pack.
    later = PageCache(tmp_path / "cache", salt="s")
    assert all(later.get(key) == page for key, page in pages.items())
    assert later.get(cache.key("organization", "fr", "never stored")) is None

    # A page damaged in the pack (a full disk, a crash) is made again, the others still read.
    pack = next((tmp_path / "cache").rglob("*.pack"))
    data = bytearray(pack.read_bytes())
    damaged = data.index(b"page 7 ")
    data[damaged] ^= 1
    pack.write_bytes(bytes(data))
    again = PageCache(tmp_path / "cache", salt="s")
    assert again.get(cache.key("organization", "fr", "7")) is None
    assert again.get(cache.key("organization", "fr", "8")) == pages[cache.key("organization", "fr", "8")]
    # A damaged length (any number up to 2**64) reads no more than the pack holds: no error.
    import struct

    from repertoire.page_cache import HEADER

    ninth = data.index(b"<p>page 9 ") - HEADER.size
    data[ninth + 8 : ninth + HEADER.size] = struct.pack("<Q", 2**63)
    pack.write_bytes(bytes(data))
    assert PageCache(tmp_path / "cache", salt="s").get(cache.key("organization", "fr", "9")) is None
    assert again.get(cache.key("organization", "fr", "8")) == pages[cache.key("organization", "fr", "8")]

    # An index that says any offset (a damaged or a hand-made file) reads nothing: no error.
    index = pack.with_suffix(".index")
    entries = json.loads(index.read_text(encoding="utf-8"))
    entries[cache.key("organization", "fr", "8")] = 10**30
    index.write_text(json.dumps(entries), encoding="utf-8")
    assert PageCache(tmp_path / "cache", salt="s").get(cache.key("organization", "fr", "8")) is None

    # A pack whose index was never written (a build cut short) is not read.
    cut = PageCache(tmp_path / "cache", salt="s")
    cut.begin_pack()
    cut.put("k" * 64, b"<p>cut short</p>")
    cut._pack = None  # the process ended before end_pack
    assert PageCache(tmp_path / "cache", salt="s").get("k" * 64) is None

    # Used packs are kept by prune; a pack no build used for a week goes, index and all.
    week_ago = time.time() - 8 * 86400
    for path in (tmp_path / "cache").rglob("*.*"):
        os.utime(path, (week_ago, week_ago))
    kept = PageCache(tmp_path / "cache", salt="s")
    kept.touch(cache.key("organization", "fr", "3"))
    kept.prune()
    left = sorted(p.name for p in (tmp_path / "cache" / "packs").iterdir())
    assert [Path(name).suffix for name in left] == [".index", ".pack"]
    assert PageCache(tmp_path / "cache", salt="s").get(first) == pages[first]


def test_a_damaged_file_of_values_made_from_records_is_made_again(tmp_path):
    # A phone number garbled in a kept row was published in all.csv, hsds.json and search (stop 69).
    from repertoire.derived import Derived
    from repertoire.page_cache import PageCache

    cache = PageCache(tmp_path, "salt")
    rows = Derived(cache, "rows-fr")
    assert rows.get("record-1", lambda: ["514 555-0100"]) == ["514 555-0100"]
    rows.save()
    assert Derived(cache, "rows-fr").get("record-1", lambda: ["made again"]) == ["514 555-0100"]
    data = bytearray(rows.path.read_bytes())
    data[data.index(b"514 555-0100") + 4] ^= 1
    rows.path.write_bytes(bytes(data))
    assert Derived(cache, "rows-fr").get("record-1", lambda: ["made again"]) == ["made again"]


def test_records_checked_by_other_record_code_are_read_again(tmp_path, monkeypatch):
    # The cache of checked records was salted with the directory plugin's code only: a new
    # check in repertoire/records.py let an incremental build publish the records a full build
    # refused (incremental builds' probe, stop 69).
    from directory import generator
    from repertoire import records

    hashed = []
    monkeypatch.setattr(generator, "tree_digest", lambda *folders, **_: hashed.extend(folders) or "code")
    content = tmp_path / "content"
    content.mkdir()
    fake = type("Fake", (), {"settings": {"CACHE_PATH": str(tmp_path / "cache")}})()
    generator.DirectoryGenerator._record_cache(fake, content)
    assert Path(records.__file__).parent in [Path(folder) for folder in hashed], hashed
