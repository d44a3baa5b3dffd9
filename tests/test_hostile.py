"""Hostile input (tests/hostile/): records, packages, bulletins and list cells written to
break the site. Each is refused with its file, line or row and field, exit code 1, no
traceback, within a memory cap, and nothing is written outside its target."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pages import read

from conftest import ROOT, build_site, make_content, run_in_node

sys.path.insert(0, str(ROOT / "tests" / "hostile"))
import cases  # noqa: E402

from maps.mapdata import content_security_policy  # noqa: E402
from repertoire.spreadsheets import safe_cell  # noqa: E402
from safe_html import clean_html  # noqa: E402

HOSTILE = ROOT / "tests" / "hostile"
MEMORY_CAP = 1536 * 2**20  # a tool that needed more would fail with MemoryError: then this test fails
PWNED = Path("/tmp/repertoire-pwned")
ESCAPED = Path("/tmp/repertoire-hostile")


def _capped():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(command: list[str], **options) -> subprocess.CompletedProcess:
    """A tool run as CI would, within MEMORY_CAP of address space and two minutes."""
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, preexec_fn=_capped, errors="replace", **options
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """The corpus with its generated cases (the 100 MB variants of the zip bomb and long line)."""
    return cases.make(tmp_path_factory.mktemp("hostile"), big=False)


def _digest(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


# --- records and packages, one tool run each ---------------------------------------------


@pytest.mark.parametrize("case", cases.CASES, ids=[c.name for c in cases.CASES])
def test_each_hostile_input_is_refused_where_it_is(scratch, case):
    result = run_capped(case.command(scratch), cwd=ROOT)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    for fragment in case.expected:
        assert fragment in output, output[-3000:]
    assert "Traceback" not in output and "MemoryError" not in output
    assert max(map(len, output.splitlines())) <= 1000  # a hostile value is not printed whole
    assert cases.SECRET not in output  # a link is refused without being read
    assert not (scratch / "into").exists(), "a refused import wrote records"
    assert not PWNED.exists() and not ESCAPED.exists()


@pytest.mark.parametrize(
    "written, size, limit, read",
    [
        (b"abc", 3, 10, b"abc"),  # the usual file: its size, read at once
        (b"abcdef", 3, 10, b"abcdef"),  # it grew since its size was taken: read to its end
        (b"abcdef", 3, 5, None),  # and grew past the limit: refused, never held whole
        (b"abcdef", 6, 5, None),
        (b"abcdef", None, 6, b"abcdef"),  # no size known (a zip member): up to the limit
        (b"abcdefg", None, 6, None),
    ],
)
def test_a_file_is_read_within_its_limit_even_when_it_grows(written, size, limit, read):
    from repertoire.untrusted import TooBig, read_capped

    if read is None:
        with pytest.raises(TooBig):
            read_capped(io.BytesIO(written), limit, size)
    else:
        assert read_capped(io.BytesIO(written), limit, size) == read


def test_the_corpus_covers_every_file_it_holds():
    named = {Path(c.input).name for c in cases.CASES}
    for folder in ("records", "packages"):
        for path in (HOSTILE / folder).iterdir():
            assert path.name in named, f"{path} is in the corpus but no case runs it"


def test_the_build_refuses_hostile_records_and_keeps_the_published_site(tmp_path, built_site, scratch):
    content = make_content(tmp_path)
    output = tmp_path / "output"
    shutil.copytree(built_site, output)
    before = _digest(output)
    records = cases.RECORDS
    for case in records:
        source = scratch / case.input
        target = content / "organizations" / source.name
        if source.is_symlink():
            target.symlink_to(source.resolve())
        elif source.is_fifo():
            os.mkfifo(target)
        else:
            shutil.copy(source, target)
    result = run_capped(
        [str(ROOT / ".venv" / "bin" / "pelican"), str(content), "-s", "pelicanconf.py", "-o", str(output)], cwd=ROOT
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1
    for case in records:
        place = case.expected[0].replace("records/", str(content / "organizations") + "/")
        assert place in log, place
        # Once, whole: the log's copy of the list, wrapped, cut paths where editors jump.
        line = "".join(next(line for line in result.stderr.splitlines() if place in line).split())
        assert "".join(log.split()).count(line) == 1, line
    assert "error(s)intherecords" in "".join(log.split())  # the log's line: the count alone
    assert "Traceback" not in log and cases.SECRET not in log
    assert _digest(output) == before, "the published site changed"


def test_links_at_the_top_of_content_are_not_followed_and_big_files_not_held(tmp_path):
    # The page cache's salt read every file at content/'s top whole, through links: one to a 2 GB
    # file outside took 6.4 GB, then crashed; one to /usr read all of it (a hostile-input probe's,
    # stop 81). A pipe outside, linked, would never end: the build ends, and a 600 MB file of
    # its own is hashed within the memory cap.
    content = make_content(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "pipe")
    (content / "notes.txt").symlink_to(outside / "pipe")
    (content / "docs").symlink_to(outside)
    with open(content / "big.bin", "wb") as big:
        big.truncate(600 * 2**20)  # sparse: no disk, all its bytes read
    result = run_capped(
        [str(ROOT / ".venv" / "bin" / "pelican"), str(content), "-s", "pelicanconf.py", "-o", str(tmp_path / "out")],
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "out" / "fr" / "index.html").is_file()


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_a_statistics_file_linked_to_the_environment_is_refused_unread(tmp_path):
    content = make_content(tmp_path, stats=ROOT / "content" / "stats")
    link = content / "stats" / "top_referred_organizations.csv"
    link.unlink()
    link.symlink_to("/proc/self/environ")  # the build's own environment, a CI token in it
    # A wide console: the log's lines are not wrapped, so that the checks below see them whole.
    environment = {**os.environ, "CI_DEPLOY_TOKEN": cases.SECRET, "COLUMNS": "400"}
    result = run_capped(
        [str(ROOT / ".venv" / "bin" / "pelican"), str(content), "-s", "pelicanconf.py", "-o", str(tmp_path / "out")],
        cwd=ROOT,
        env=environment,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1, log[-3000:]
    assert f"{link}:1: (file): the file is a link: not read" in log, log[-3000:]
    assert "Traceback" not in log and "".join(cases.SECRET.split()) not in "".join(log.split())


def test_links_to_folders_among_the_records_are_said_and_not_followed(tmp_path):
    # A link to a folder elsewhere, to the records' folder itself or above it was left out
    # without a word; the records' folder made a link to anywhere had every file there read.
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "secret.yaml").write_text(f"id: secret\nname: {cases.SECRET}\n")
    content = make_content(tmp_path / "site")
    records = content / "organizations"
    for name, target in (("elsewhere", secret), ("itself", Path(".")), ("above", Path(".."))):
        (records / name).symlink_to(target)
    validate = [sys.executable, str(ROOT / "scripts" / "validate.py"), "--content", str(content)]
    result = run_capped(validate)
    assert result.returncode == 1, result.stdout
    for name in ("above", "elsewhere", "itself"):
        assert (
            f"{records / name}:1: (folder): a link to a folder: not read (records go right in {records})"
            in result.stdout
        )
    assert "secret" not in result.stdout + result.stderr
    shutil.rmtree(records)
    records.symlink_to(secret)
    result = run_capped(validate)
    assert result.returncode == 1
    assert f"{records}:1: (folder): a link to a folder elsewhere: not read (copy the records in)" in result.stdout
    assert cases.SECRET not in result.stdout + result.stderr and "secret.yaml" not in result.stdout + result.stderr


def test_import_writes_only_inside_its_folder_and_a_dry_run_writes_nothing(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(HOSTILE / "packages" / "traversal", package)
    into = tmp_path / "into"
    into.mkdir()
    kept = into / "organisme-a.yaml"
    kept.write_text("# someone's record\n")
    base = cases.import_command(package, into)
    for extra in (["--dry-run"], ["--dry-run", "--overwrite"], ["--overwrite"]):
        result = run_capped(base + extra)
        assert result.returncode == 1 and "is not a record id" in result.stderr
        assert (
            sorted(p.name for p in into.iterdir()) == ["organisme-a.yaml"]
            and kept.read_text() == "# someone's record\n"
        )
        assert not ESCAPED.exists()
    identifiers = package / "organization_identifiers.csv"
    identifiers.write_text(
        identifiers.read_text()
        .replace("../../../tmp/repertoire-hostile/PWNED", "organisme-a")
        .replace("/etc/cron.d/pwned", "organisme-b")
    )
    dry = run_capped(base + ["--dry-run", "--overwrite"])
    assert dry.returncode == 0, dry.stderr
    assert "would import 2 record(s)" in dry.stdout and "nothing written" in dry.stdout
    assert sorted(p.name for p in into.iterdir()) == ["organisme-a.yaml"] and kept.read_text() == "# someone's record\n"
    done = run_capped(base + ["--overwrite"])
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in into.iterdir()) == ["organisme-a.yaml", "organisme-b.yaml"]
    assert "id: organisme-a" in kept.read_text()


def test_tables_of_no_hsds_name_are_not_read(tmp_path):
    package = tmp_path / "package.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organizations.csv", cases.ORGANIZATIONS_HEADER + "o1,Banque alimentaire,Un organisme.\n")
        for name in ("extra.csv", "notes.csv"):  # each over the limit of a table, read or not
            with archive.open(name, "w", force_zip64=True) as member:
                member.write(b"id,x\n" + b"a,b\n" * (17 * 2**20))
    into = tmp_path / "into"
    result = run_capped(cases.import_command(package, into))
    assert result.returncode == 0, result.stderr
    assert "extra.csv: not read (not an HSDS table this import reads)" in result.stdout
    assert "notes.csv: not read" in result.stdout
    assert [p.name for p in into.iterdir()] == ["banque-alimentaire.yaml"]


def test_control_characters_in_a_package_are_removed_and_reported(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text(
        "id,name,description\no1,Banque\x07 alimentaire,Texte\x00 avec un NUL et \x1b[31mune couleur.\n"
    )
    into = tmp_path / "into"
    result = run_capped(cases.import_command(package, into))
    assert result.returncode == 0, result.stderr
    assert "control characters (or U+FFFE, U+FFFF) removed from 2 cell(s) (first: organization 2 field name)" in (
        result.stdout
    )
    text = (into / "banque-alimentaire.yaml").read_text(encoding="utf-8")
    assert "Banque alimentaire" in text and "Texte avec un NUL et [31mune couleur." in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


def _organizations_json(path: Path, names: list[str]) -> Path:
    """A JSON package of organizations of these names, written as JSON escapes (ASCII only)."""
    organizations = [{"id": f"o{i}", "name": name, "description": "Un organisme."} for i, name in enumerate(names)]
    path.write_text(json.dumps({"organizations": organizations}), encoding="ascii")
    return path


def test_a_lone_surrogate_is_refused_before_anything_is_written(tmp_path):
    package = _organizations_json(tmp_path / "package.json", ["Banque A", "Banque \ud800B", "Banque C"])
    assert "\\ud800" in package.read_text()
    into = tmp_path / "into"
    result = run_capped(cases.import_command(package, into))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "package.json at organizations[1] field name: 'Banque \\\\ud800B': half of a UTF-16" in result.stderr
    assert "Traceback" not in result.stderr and not into.exists()


def test_characters_yaml_cannot_hold_are_removed_and_the_records_validate(tmp_path):
    package = _organizations_json(tmp_path / "package.json", ["Banque\ufffe A", "Banque B\uffff"])
    into = tmp_path / "into"
    result = run_capped(cases.import_command(package, into))
    assert result.returncode == 0, result.stderr
    assert "control characters (or U+FFFE, U+FFFF) removed from 2 cell(s) (first: organization" in result.stdout
    written = sorted(into.glob("*.yaml"))
    assert [p.name for p in written] == ["banque-a.yaml", "banque-b.yaml"]
    assert "name: {fr: Banque A}" in written[0].read_text(encoding="utf-8")
    check = run_capped([sys.executable, str(ROOT / "scripts" / "validate.py"), *map(str, written)])
    assert check.returncode == 0, check.stdout + check.stderr


# --- spreadsheets: one rule in Python and in the browser ----------------------------------

FORMULAS = [  # (cell, marked as text)
    ('=HYPERLINK("https://evil.example","Cliquez")', True),
    ("+cmd|' /C calc'!A0", True),
    ("-2+3+cmd|' /C calc'!A0", True),
    ("@SUM(A1:A9)", True),
    ("\t=1+1", True),
    ("\r=1+1", True),
    ("-73.58", False),
    ("+15145550100", False),
    ("45,52", False),
    ("514 555-0123", False),
    ("Banque alimentaire", False),
    ("", False),
    ("'=already marked", False),
]


def test_formula_like_text_is_marked_the_same_in_python_and_in_the_browser(tmp_path):
    python = [safe_cell(cell) for cell, _ in FORMULAS]
    assert python == [("'" + cell if marked else cell) for cell, marked in FORMULAS]
    script = (
        'import { safeCell, toCsv } from "./module.mjs";\n'
        "const cells = JSON.parse(process.argv[2]);\n"
        "console.log(JSON.stringify({cells: cells.map(safeCell), csv: toCsv([cells])}));\n"
    )
    browser = run_in_node(tmp_path, "csv.js", script, [c for c, _ in FORMULAS])
    assert browser["cells"] == python
    # The whole line too: quoting and the byte order mark as the build writes them.
    from repertoire.spreadsheets import to_csv

    assert browser["csv"].encode("utf-8") == to_csv([c for c, _ in FORMULAS], [])


@pytest.mark.parametrize("cell, marked", FORMULAS)
def test_a_formula_is_marked_wherever_it_is_in_a_row(cell, marked):
    # The lists write rows whole and mark only the lines that may hold a formula: a cell in
    # any place, and a row given as a tuple or a one-pass iterator, are marked all the same.
    import csv
    import io

    from repertoire.spreadsheets import csv_row_lines

    shapes = [[cell], ["x", cell], ["x", cell, "y"], ["a,b", cell], ["x", 1, None, cell]]
    for row in shapes:
        expected = io.StringIO()
        csv.writer(expected, lineterminator="\r\n").writerow([safe_cell(value) for value in row])
        for given in (row, tuple(row), iter(row)):
            assert csv_row_lines([given]) == [expected.getvalue()], (row, given)
    # Among other rows, looked at together: a negative number, a quoted cell ending a line, a
    # line break in a cell, none of them a formula.
    others = [["x", -73.58, "-73.58"], ["a", "b,c"], ["line\r\nbreak", "-5,5"]]
    for row in shapes:
        lines = csv_row_lines([*others, row, *others])
        assert lines[len(others)] == csv_row_lines([row])[0], row
        assert lines[: len(others)] == lines[len(others) + 1 :] == csv_row_lines(others), row


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory) -> Path:
    """The fixture records, one of them named like a formula, with the hostile bulletin."""
    base = tmp_path_factory.mktemp("formula-site")
    content = make_content(base, news=HOSTILE / "news")
    record = content / "organizations" / "cuisine-collective-du-quartier.yaml"
    text = record.read_text(encoding="utf-8")
    name = re.search(r"^name:.*\n(?:  .*\n)*", text, re.M).group(0)
    record.write_text(
        text.replace(name, 'name: \'=HYPERLINK("https://evil.example","Cliquez")\'\n', 1), encoding="utf-8"
    )
    return build_site(content, base / "output")


FORMULA_NAME = '=HYPERLINK("https://evil.example","Cliquez")'


def test_every_list_the_build_writes_marks_formulas(formula_site, tmp_path):
    rows = list(csv.reader(io.StringIO((formula_site / "fr/telechargements/all.csv").read_text("utf-8-sig"))))
    names = [row[1] for row in rows[1:]]
    assert "'" + FORMULA_NAME in names and FORMULA_NAME not in names
    sheet = load_workbook(formula_site / "fr/telechargements/all.xlsx").active
    assert all(cell.font.bold for cell in sheet[1])
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    # In Excel the mark is the cell's format (quotePrefix, as Excel marks text typed after an
    # apostrophe): the name is shown as written, and stays text when the cell is edited.
    marked = [c for c in cells if c.value == FORMULA_NAME]
    assert marked and marked[0].data_type == "s" and marked[0].quotePrefix
    assert not any(c.quotePrefix for c in cells if c.value != FORMULA_NAME)
    with zipfile.ZipFile(formula_site / "fr/telechargements/hsds.zip") as archive:
        table = list(csv.DictReader(io.StringIO(archive.read("organizations.csv").decode("utf-8"))))
    assert "'" + FORMULA_NAME in [row["name"] for row in table]
    # The mark is the spreadsheet's, not the data's: importing the package gives the name back.
    into = tmp_path / "into"
    result = run_capped(
        [
            sys.executable,
            str(ROOT / "scripts" / "import_hsds.py"),
            str(formula_site / "fr/telechargements/hsds.zip"),
            "--into",
            str(into),
        ]
    )
    assert result.returncode == 0, result.stderr
    imported = (into / "cuisine-collective-du-quartier.yaml").read_text(encoding="utf-8")
    assert "=HYPERLINK(" in imported and "'=HYPERLINK" not in imported.replace("'=HYPERLINK(\"", "")


# --- bulletins and pages: allow-listed HTML, a policy in every page ---------------------

SANITISED = [  # (Markdown's HTML, fragments that must be gone, fragments that must stay)
    ("<p>a<script>alert(1)</script>b</p>", ["<script", "alert"], ["<p>ab</p>"]),
    ('<img src="x" onerror="alert(1)">', ["onerror"], ['<img src="x">']),
    ('<iframe src="javascript:alert(1)"></iframe>', ["<iframe", "javascript"], []),
    ('<a href="javascript:alert(1)">x</a>', ["javascript"], [">x</a>"]),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', ["JaVaScRiPt"], []),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"], []),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', ["data:"], []),
    ('<form action="https://evil.example"><input name="q"></form>', ["<form", "<input"], []),
    ('<svg onload="alert(1)"></svg>', ["<svg", "onload"], []),
    ('<object data="x"></object><embed src="x">', ["<object", "<embed"], []),
    (
        '<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">',
        ["<meta", "<base"],
        [],
    ),
    ('<style>body{display:none}</style><p style="color:red">t</p>', ["<style", "style=", "display"], ["<p>t</p>"]),
    ('<p onclick="alert(1)">t</p>', ["onclick"], ["<p>t</p>"]),
    ("<p>NUL\x00 BEL\x07 ESC\x1b</p>", ["\x00", "\x07", "\x1b"], ["<p>NUL BEL ESC</p>"]),
    (
        '<h2 id="x">Titre</h2><ul><li><a href="https://example.org/" hreflang="en">lien</a></li></ul>',
        [],
        ['<h2 id="x">Titre</h2>', '<a href="https://example.org/" hreflang="en">lien</a>'],
    ),
    # The site's own classes and ids: a bulletin's link dressed as the site's call button, or
    # a second id="main" (the skip link went to the bulletin).
    (
        '<a class="call-link button lien" id="main" href="https://evil.example/">Appelez</a><p id="alert-x">t</p>',
        ["call-link", "button", 'id="main"', "alert-x"],
        ['<a class="lien" href="https://evil.example/">Appelez</a>', "<p>t</p>"],
    ),
    (
        '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
        [],
        ['<th scope="col">A</th>', "<td>1</td>"],
    ),
    (
        '<p><a href="../../fr/guide-n11/">guide</a> <a href="tel:811">8-1-1</a></p>',
        [],
        ['href="../../fr/guide-n11/"', 'href="tel:811"'],
    ),
    # An image from another site however written: the feeds, which no policy guards, carried it.
    (
        '<img alt="a" src="&#104;ttps://evil.example/a.png"><img alt="b" src="http:evil.example/b.png">'
        '<img alt="c" src="\\\\evil.example/c.png"><img alt="d" src=" //evil.example/d.png">'
        '<img alt="e" src="{static}/news/affiche.png"><img alt="f" src="../../theme/images/icon.svg">',
        ["evil.example"],
        ['src="{static}/news/affiche.png"', 'src="../../theme/images/icon.svg"'],
    ),
]


@pytest.mark.parametrize("html, gone, kept", SANITISED)
def test_bulletin_html_is_cut_to_the_allow_list(html, gone, kept):
    cleaned = clean_html(html)
    for fragment in gone:
        assert fragment not in cleaned, cleaned
    for fragment in kept:
        assert fragment in cleaned, cleaned


# Inside tags: the bulletin's words may still say "onmouseover=" or "javascript:" as text.
INJECTIONS = [
    r"<script(?![^>]*\bsrc=)",
    r"<[^>]*\son[a-z]+\s*=",
    r"<[^>]*javascript:",
    r"<iframe",
    r"<form\b[^>]*evil",
    r"<object",
    r"<embed",
    r"<base\b",
    r"http-equiv=\"?refresh",
    r"\x00",
    r"\x07",
    r"<[^>]*data:text/html",
]


def test_no_injection_reaches_a_page_or_a_feed(formula_site):
    files = [*formula_site.rglob("*.html"), *formula_site.rglob("*.xml")]
    assert any("bulletin-piege" in p.as_posix() for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".xml":  # feeds carry the bulletin's HTML escaped
            text = html.unescape(text)
        for pattern in INJECTIONS:
            assert not re.search(pattern, text, re.I), f"{path.relative_to(formula_site)}: {pattern}"
    page = read(formula_site / "fr/nouvelles/bulletin-piege/index.html")
    assert "Ce texte en gras reste" in page.text  # the bulletin itself is still there


def test_every_page_carries_the_hosts_security_policy(formula_site):
    headers = (ROOT / "deploy" / "_headers").read_text(encoding="utf-8")
    policy = re.search(r"Content-Security-Policy: (.+)", headers).group(1).strip()
    # A <meta> policy cannot carry frame-ancestors; everything else is the hosts' policy.
    expected = "; ".join(p for p in policy.split("; ") if not p.startswith("frame-ancestors"))
    assert content_security_policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == expected
    assert content_security_policy("https://{s}.tile.example.org/{z}/{x}/{y}.png").count("https://*.tile.example.org")
    pages = [p for p in formula_site.rglob("*.html")]
    for path in pages:
        metas = [m for m in read(path).find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert len(metas) == 1 and metas[0].attrs["content"] == expected, path.relative_to(formula_site)


def test_no_script_of_a_bulletin_runs_in_the_browser(formula_site, browser):
    from browser import serve

    with serve(formula_site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        dialogs, foreign, violations = [], [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on(
            "request",
            lambda request: (
                foreign.append(request.url)
                if not request.url.startswith(base) and not request.url.startswith("data:")
                else None
            ),
        )
        page.on(
            "console",
            lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
        )
        for path in ("fr/nouvelles/bulletin-piege/", "fr/", "fr/nouvelles/"):
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = !d.open; })")
            page.mouse.move(200, 300)
            assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("document.title").startswith("Nouvelles")
        context.close()
    assert not dialogs and not foreign, (dialogs, foreign)


def test_the_build_never_loads_a_cache_a_pull_request_could_commit(tmp_path):
    # The caches are pickles: one committed under cache/ would run code when loaded. The
    # default lives outside the checkout, and a cache inside it (or the content) is refused.
    from pelican.settings import read_settings

    default = Path(read_settings(str(ROOT / "pelicanconf.py"))["CACHE_PATH"]).resolve()
    assert ROOT.resolve() not in default.parents
    content = make_content(tmp_path)
    for inside in (ROOT / "cache", content / "cache"):
        existed = inside.exists()  # a checkout built before the default moved has one
        with pytest.raises(ValueError, match="would be loaded"):
            build_site(content, tmp_path / "output", CACHE_PATH=str(inside))
        assert inside.exists() == existed
    assert not (tmp_path / "output" / "fr").exists()


@pytest.mark.parametrize(
    "setting, value",
    [
        ("QUICK_EXIT_URL", "javascript:alert(1)"),
        ("HELPLINE_CHAT_URL", "javascript:alert(2)"),
        ("RECORD_HISTORY_URL", "data:text/html,<script>alert(3)</script>"),
        ("QUICK_EXIT_URL", "https://www.google.ca/\nSet-Cookie: x"),
    ],
)
def test_an_address_setting_that_is_no_web_address_is_refused(tmp_path, setting, value):
    # Stop 83's hostile probe: the quick exit set to "javascript:…" was a button that did
    # nothing on every page (the pages' policy blocks the script), and the chat link the same.
    content = make_content(tmp_path)
    with pytest.raises(ValueError, match=f"{setting} .*: expected an address starting https:"):
        build_site(content, tmp_path / "output", **{setting: value})
    assert not (tmp_path / "output" / "fr").exists()


def test_a_content_folder_without_records_is_a_mistake_not_an_empty_site(tmp_path):
    content = make_content(tmp_path)
    shutil.rmtree(content / "organizations")
    with pytest.raises(Exception, match=r"organizations:1: \(folder\): missing: the records go in this folder"):
        build_site(content, tmp_path / "output")
    assert not (tmp_path / "output" / "fr").exists()
