"""The statistics of needs: CSV checks, chart geometry, and the built pages, SVG and downloads."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from pages import read

from conftest import ROOT, build_site, make_content
from stats import charts, cube
from stats.tables import StatsInvalid, load_stats

STATS = ROOT / "content" / "stats"
PAGES = {"fr": "fr/statistiques/index.html", "en": "en/statistics/index.html"}
REGIONS = ["montreal", "laval", "lanaudiere", "laurentides", "monteregie"]


def with_stats(target: Path, stats: Path = STATS) -> Path:
    """A fixture content folder with a statistics folder."""
    return make_content(target, stats=stats)


@pytest.fixture(scope="module")
def stats_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("stats-site")
    return build_site(with_stats(base), base / "output")


def published(name: str) -> list[list[str]]:
    with (STATS / name).open(encoding="utf-8") as handle:
        return list(csv.reader(line for line in handle if not line.startswith("#")))


def demo_rows(name: str) -> list[dict]:
    with (STATS / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


# --- Reading and checking the CSV files -------------------------------------------------


def stats_folder(tmp_path: Path, **replace: str | bytes) -> Path:
    """A copy of content/stats with some files' text (or bytes) replaced."""
    folder = tmp_path / "stats"
    shutil.copytree(STATS, folder)
    for name, text in replace.items():
        path = folder / name.replace("__", ".")
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


NEEDS_HEADER = "month,needs_expressed\n"
BAD_CSV = [
    # (file, text, expected fragments of the message)
    ("needs_per_month.csv", "month\n2018-04\n", ["needs_per_month.csv:1: needs_expressed: missing column"]),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04,3792\n2018-05,lots\n",
        ["needs_per_month.csv:3: needs_expressed: not a count: 'lots'"],
    ),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04,3792\n2018-05,-4\n",
        ["needs_per_month.csv:3: needs_expressed: not a count: '-4'"],
    ),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04,3792\n2018-13,12\n",
        ["needs_per_month.csv:3: month: unknown month '2018-13'"],
    ),
    # A year typed wrong: the chart's axis went centuries away (a hostile-input probe, stop 83).
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "9018-04,3792\n9018-05,12\n",
        ["needs_per_month.csv:2: month: unknown month '9018-04' (expected YYYY-MM from 2000 to 2999"],
    ),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04,3792\nAvril 2018,12\n",
        ["needs_per_month.csv:3: month: unknown month 'Avril 2018'"],
    ),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04,3792\n2018-06,12\n",
        ["needs_per_month.csv:3: month: months must follow each other: 2018-05 is missing before 2018-06"],
    ),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04,3792\n2018-04,12\n",
        ["needs_per_month.csv:3: month: 2018-04 already given on row 2"],
    ),
    # Every figure is kept for each month: 1,200 months of a short file took 2.3 GB to build.
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "".join(f"{2000 + n // 12}-{n % 12 + 1:02d},1\n" for n in range(1200)),
        ["needs_per_month.csv:182: month: over 180 months (15 years): keep the latest"],
    ),
    (
        "needs_per_month.csv",
        "# a comment\n" + NEEDS_HEADER + "2018-04,\n",
        ["needs_per_month.csv:3: needs_expressed: empty cell"],
    ),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04,3792,7\n",
        ["needs_per_month.csv:2: (row): 3 cells, the header has 2"],
    ),
    (
        "top_referred_organizations.csv",
        "organisation,referrals\nX,1\n",
        [
            "top_referred_organizations.csv:1: organization: missing column",
            "top_referred_organizations.csv:1: organisation: unexpected column",
        ],
    ),
    (
        "top_referred_organizations.csv",
        "organization,referrals\nX,1 200\n",
        ["top_referred_organizations.csv:2: referrals: not a count: '1 200'"],
    ),
    # Escaped, a tag showed as typed on the statistics page (a helper's probe, stop 80).
    (
        "top_referred_organizations.csv",
        "organization,referrals\nBanque alimentaire,7\n<img src=x onerror=alert(1)>,7000\n",
        ["top_referred_organizations.csv:3: organization: HTML tags are not allowed: write plain text"],
    ),
    (
        "demo_needs_by_category.csv",
        "month,territory,category,met\n",
        ["demo_needs_by_category.csv:1: unmet: missing column"],
    ),
    (
        "demo_needs_by_category.csv",
        "month,territory,category,met,unmet\n2030-01,laval,sante,1,0\n",
        ["demo_needs_by_category.csv:2: month: unknown month 2030-01 (not in needs_per_month.csv)"],
    ),
    (
        "demo_needs_by_category.csv",
        "month,territory,category,met,unmet\n2018-04,atlantis,cuisine,1,x\n",
        [
            "demo_needs_by_category.csv:2: territory: unknown value 'atlantis'",
            "demo_needs_by_category.csv:2: category: unknown value 'cuisine'",
            "demo_needs_by_category.csv:2: unmet: not a count: 'x'",
        ],
    ),
    (
        "demo_caller_profile.csv",
        "month,territory,language,gender,age_group,needs\n2018-04,laval,de,women,20-30,3\n",
        [
            "demo_caller_profile.csv:2: language: unknown value 'de' (expected one of: fr, en, other)",
            "demo_caller_profile.csv:2: age_group: unknown value '20-30'",
        ],
    ),
    # What a spreadsheet or a hostile pull request writes: named at its cell, never echoed whole.
    (
        "top_referred_organizations.csv",
        "organization,referrals\nSociété X,12\n".encode("cp1252"),  # Excel's "CSV"
        ["top_referred_organizations.csv:2: organization: byte 0xE9 is not UTF-8 text: save the file as CSV UTF-8"],
    ),
    (
        "top_referred_organizations.csv",
        "organization,referrals\nX," + "9" * 5000 + "\n",
        ["top_referred_organizations.csv:2: referrals: a count of 5,000 digits: at most 12 are read"],
    ),
    (
        "top_referred_organizations.csv",
        "organization,referrals\nX,2\n" + "A" * 140_000 + ",3\n",
        ["top_referred_organizations.csv:3: organization: a cell of over 131,072 characters: not read further"],
    ),
    (
        "top_referred_organizations.csv",
        'organization,referrals\nX,"1\n' + "2\n" * 70_000 + '"\n',  # one quoted cell of many lines
        ["top_referred_organizations.csv:2: referrals: a cell of over 131,072 characters"],
    ),
    # A stray quote made one "organization" of four rows, their counts in its name; one never
    # closed was named at the file's last line (stop 83's hostile probe).
    (
        "top_referred_organizations.csv",
        'organization,referrals\n"JEUNESSE AU SOLEIL,6824\nB,3\nC,4\nD ZORNICA",6237\nE,2\n',
        [
            'top_referred_organizations.csv:2: organization: not readable as CSV: a quote (") opened on this line is '
            "closed only on line 5, or never"
        ],
    ),
    (
        "top_referred_organizations.csv",
        'organization,referrals\nA,1\n"B,2\nC,3\n',
        [
            'top_referred_organizations.csv:3: organization: not readable as CSV: a quote (") opened on this line is '
            "closed only on line 4, or never"
        ],
    ),
    # 300,000 organizations made a 95 MB statistics page and a 3 GB build (the same probe).
    (
        "top_referred_organizations.csv",
        "organization,referrals\n" + "".join(f"Organisme {n},{n}\n" for n in range(600)),
        ["top_referred_organizations.csv:502: organization: over 500 organizations: keep the most referred"],
    ),
    (
        "top_referred_organizations.csv",
        "organization,referrals\nX\x1b[31m,2\n",
        ["top_referred_organizations.csv:2: organization: control character U+001B is not allowed"],
    ),
    (
        "top_referred_organizations.csv",
        "organization,referrals\nOrg\ufffeanisme,2\n",
        ["top_referred_organizations.csv:2: organization: character U+FFFE is not allowed: remove it"],
    ),
    (
        "needs_per_month.csv",
        NEEDS_HEADER + "2018-04," + "x" * 10_000 + "\n",
        ["needs_per_month.csv:2: needs_expressed: not a count: '" + "x" * 40 + "'... (expected"],
    ),
]


@pytest.mark.parametrize("name, text, fragments", BAD_CSV, ids=[f"{i}-{case[0]}" for i, case in enumerate(BAD_CSV)])
def test_bad_csv_is_reported_with_file_row_and_column(tmp_path, name, text, fragments):
    folder = stats_folder(tmp_path, **{name.replace(".", "__"): text})
    with pytest.raises(StatsInvalid) as caught:
        load_stats(folder, REGIONS, ["sante", "alimentation"])
    message = str(caught.value)
    for fragment in fragments:
        assert f"{folder}/{fragment}" in message, message


def test_a_file_of_many_bad_rows_lists_its_first_problems_and_counts_the_others(tmp_path):
    # A hostile-input probe (stop 83): 200,000 bad rows printed 199,999 lines.
    rows = "".join(f"2018-04,x{n}\n" for n in range(20_000))
    folder = stats_folder(tmp_path, needs_per_month__csv=NEEDS_HEADER + rows)
    with pytest.raises(StatsInvalid) as caught:
        load_stats(folder, REGIONS, ["sante", "alimentation"])
    lines = str(caught.value).splitlines()
    assert lines[0] == "20000 error(s) in the statistics:", lines[:3]
    assert len(lines) == 1 + 50 + 1, len(lines)
    assert (
        lines[1]
        == f"{folder}/needs_per_month.csv:2: needs_expressed: not a count: 'x0' (expected a whole number, e.g. 1234)"
    )
    assert lines[-1] == f"{folder}/needs_per_month.csv:52: (file): 19,950 more error(s) not listed"


@pytest.mark.parametrize(
    "rows, said",
    [
        (
            "2018-04,3792\n2018-06,12\n2018-07,1\n2018-08,1\n",
            "3: month: months must follow each other: 2018-05 is missing",
        ),
        ("2018-04,3792\n2018-05,-4\n2018-06,1\n2018-07,1\n", "3: needs_expressed: not a count: '-4'"),
    ],
)
def test_one_month_missing_or_refused_is_one_error(tmp_path, rows, said):
    # A helper's probe (stop 68): 2018-05 left out of the published file gave 33 errors, one for
    # each month after it.
    folder = stats_folder(tmp_path, needs_per_month__csv=NEEDS_HEADER + rows)
    with pytest.raises(StatsInvalid) as caught:
        load_stats(folder, REGIONS, ["sante", "alimentation"])
    (line,) = [line for line in str(caught.value).splitlines() if "needs_per_month.csv:" in line]
    assert f"needs_per_month.csv:{said}" in line


@pytest.mark.parametrize("target", ["/proc/self/environ", "needs_per_month.csv"])
def test_a_stats_file_that_is_a_link_is_not_read(tmp_path, target):
    folder = stats_folder(tmp_path)
    link = folder / "top_referred_organizations.csv"
    link.unlink()
    link.symlink_to(target)  # its target could be anything, even inside the folder
    with pytest.raises(StatsInvalid) as caught:
        load_stats(folder)
    assert f"{link}:1: (file): the file is a link: not read" in str(caught.value)


def test_a_stats_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    from stats import tables

    monkeypatch.setattr(tables, "MAX_BYTES", 100)
    folder = stats_folder(tmp_path)
    with pytest.raises(StatsInvalid) as caught:
        load_stats(folder)
    assert f"{folder}/needs_per_month.csv:1: (file): the file is 465 bytes; at most 100 are read" in str(caught.value)


def test_demonstration_totals_must_equal_the_published_ones(tmp_path):
    text = (STATS / "demo_caller_profile.csv").read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("2019-02,"))
    changed = first.rsplit(",", 1)[0] + "," + str(int(first.rsplit(",", 1)[1]) + 5)
    folder = stats_folder(tmp_path, demo_caller_profile__csv=text.replace(first, changed, 1))
    from repertoire.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(ROOT / "content")
    with pytest.raises(StatsInvalid) as caught:
        load_stats(folder, [r.slug for r in taxonomy.regions], list(taxonomy.categories))
    message = str(caught.value)
    assert "demo_caller_profile.csv:" in message
    assert "needs: 2019-02 adds up to 5450, but needs_per_month.csv publishes 5445" in message
    assert "2019-02 in " in message  # and the territory no longer matches the other file


def test_a_missing_file_is_named(tmp_path):
    folder = stats_folder(tmp_path)
    (folder / "demo_caller_profile.csv").unlink()
    with pytest.raises(StatsInvalid, match=r"demo_caller_profile.csv:1: \(file\): file is missing"):
        load_stats(folder)


def test_bad_csv_fails_the_build_and_keeps_the_previous_site(tmp_path):
    content = with_stats(tmp_path)
    output = tmp_path / "output"
    build_site(content, output)
    before = sorted(p.relative_to(output).as_posix() for p in output.rglob("*"))
    (content / "stats" / "needs_per_month.csv").write_text(
        NEEDS_HEADER + "2018-04,3792\n2018-05,n/a\n", encoding="utf-8"
    )
    with pytest.raises(Exception) as caught:
        build_site(content, output)
    assert "stats/needs_per_month.csv:3: needs_expressed: not a count: 'n/a'" in str(caught.value)
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == before


def test_without_a_stats_folder_there_is_no_statistics_page(built_site):
    assert not (built_site / PAGES["fr"]).exists()
    footer = read(built_site / "fr/index.html").find("footer").text
    assert "Statistiques" not in footer


# --- Chart geometry ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "maximum, expected",
    [
        (0, (1, 1)),
        (1, (1, 1)),
        (6, (6, 1)),
        (7, (8, 2)),
        (11029, (12000, 2000)),
        (12000, (12000, 2000)),
        (12001, (15000, 5000)),
        (577, (600, 100)),
        (3792, (4000, 1000)),
        (61, (80, 20)),
    ],
)
def test_axis_scale_is_round(maximum, expected):
    assert charts.nice_scale(maximum) == expected


def test_line_chart_places_every_month_and_labels_januaries_and_julys():
    months = [f"2019-{m:02d}" for m in range(1, 13)] + [f"2020-{m:02d}" for m in range(1, 13)]
    chart = charts.line_chart(months, [100] * 23 + [1200])
    assert chart.y_max == 1200
    assert chart.points[0][:2] == (64, 236) and chart.points[-1][:2] == (600, 16)
    assert [months[i] for _, i in chart.x_labels] == ["2019-01", "2019-05", "2019-09", "2020-01", "2020-05", "2020-09"]
    longer = months + ["2021-01"]
    assert [longer[i] for _, i in charts.line_chart(longer, [1] * 25).x_labels][::3] == [
        "2019-01",
        "2020-01",
        "2021-01",
    ]
    assert charts.fmt(64.0) == "64" and charts.fmt(12.25) == "12.3" and charts.fmt(0.04) == "0"


def test_stacked_bars_end_where_their_total_is():
    chart = charts.bar_chart([[30, 10], [10, 0], [0, 0]])
    ends = [round(sum(w for _, w in row.segments), 1) for row in chart.rows]
    assert ends == [400, 100, 0]
    assert chart.rows[0].segments == [(0.0, 300.0), (300.0, 100.0)]
    assert chart.height == 2 + 3 * 44 + 2


# --- The built pages ---------------------------------------------------------------------


def svg_points(svg) -> list[tuple[float, float]]:
    return [tuple(map(float, pair.split(","))) for pair in svg.find("polyline").attrs["points"].split()]


def y_scale(svg):
    """Value -> y from the axis drawn in the SVG: its 0 and top gridlines."""
    ticks = [
        (int(t.attrs["data-value"]), float(t.attrs["y"]))
        for t in svg.find("g", **{"class": "chart__grid"}).find_all("text")
    ]
    (zero, y0), (top, y_top) = ticks[0], ticks[-1]
    assert zero == 0 and top == int(svg.attrs["data-y-max"])
    return lambda value: y0 - value * (y0 - y_top) / top


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_needs_chart_points_are_the_published_figures(stats_site, lang):
    svg = read(stats_site / PAGES[lang]).find("svg", id="chart-needs")
    rows = published("needs_per_month.csv")[1:]
    points = svg_points(svg)
    assert len(points) == len(rows) == 34
    to_y = y_scale(svg)
    xs = [x for x, _ in points]
    assert xs == sorted(xs) and xs[0] == 64 and xs[-1] == 600
    for (x, y), (month, value) in zip(points, rows):
        assert y == pytest.approx(to_y(int(value)), abs=0.05), month
    circles = svg.find_all("circle")
    assert [(c.attrs["data-month"], c.attrs["data-value"]) for c in circles] == [tuple(r) for r in rows]
    assert [(float(c.attrs["cx"]), float(c.attrs["cy"])) for c in circles] == points
    peak = "novembre 2019 : 11 029" if lang == "fr" else "November 2019: 11,029"
    assert any(c.find("title").text.replace("\xa0", " ").replace("\u202f", " ") == peak for c in circles)


def test_every_chart_is_an_accessible_image_with_a_data_table_and_a_download(stats_site):
    doc = read(stats_site / PAGES["fr"])
    figures = [s for s in doc.find_all("section") if "data-figure" in s.attrs]
    assert {f.attrs["data-figure"] for f in figures} == {
        "needs",
        "categories",
        "territory",
        "language",
        "gender",
        "age_group",
        "referrals",
    }
    for figure in figures:
        svg = figure.find("svg", **{"class": "chart chart--line"}) or figure.find(
            "svg", **{"class": "chart chart--bars"}
        )
        if figure.attrs["data-figure"] != "referrals":
            assert svg.attrs["role"] == "img"
            title_id, desc_id = svg.attrs["aria-labelledby"].split()
            assert svg.find("title", id=title_id).text.strip() and svg.find("desc", id=desc_id).text.strip()
        table = figure.find("table")
        assert table.find("caption").text.strip() and table.find_all("th", scope="col")
        link = figure.find("a", download="")
        assert link.attrs["href"].endswith(".csv")
        target = (stats_site / PAGES["fr"]).parent / link.attrs["href"]
        assert target.resolve().is_file(), link.attrs["href"]
    text = " ".join(doc.find("main").text.split())
    assert "Données de démonstration" in text and "Chiffres publiés" in text


def test_demonstration_figures_are_labelled_as_such(stats_site):
    doc = read(stats_site / PAGES["en"])
    for key in ("categories", "territory", "language", "gender", "age_group"):
        section = next(s for s in doc.find_all("section") if s.attrs.get("data-figure") == key)
        parent = section if key == "categories" else section.parent.parent
        assert "Demonstration data" in parent.text, key
        assert "demonstration" in section.find("a", download="").text
    needs = next(s for s in doc.find_all("section") if s.attrs.get("data-figure") == "needs")
    assert "Published figures" in needs.text and "Demonstration" not in needs.text


def bars(svg) -> list[list[float]]:
    return [
        [float(r.attrs["width"]) for r in row.find_all("rect")] for row in svg.find_all("g", **{"class": "chart__row"})
    ]


def test_category_bars_are_the_demonstration_sums(stats_site):
    met, unmet = defaultdict(int), defaultdict(int)
    for row in demo_rows("demo_needs_by_category.csv"):
        met[row["category"]] += int(row["met"])
        unmet[row["category"]] += int(row["unmet"])
    order = sorted(met, key=lambda c: -(met[c] + unmet[c]))
    svg = read(stats_site / PAGES["fr"]).find("svg", id="chart-categories")
    widths = bars(svg)
    biggest = met[order[0]] + unmet[order[0]]
    assert int(svg.attrs["data-max"]) == biggest
    for category, (w_met, w_unmet) in zip(order, widths):
        assert w_met == pytest.approx(met[category] * 400 / biggest, abs=0.11), category
        assert w_met + w_unmet == pytest.approx((met[category] + unmet[category]) * 400 / biggest, abs=0.11)
    labels = [t.text for t in svg.find_all("text", **{"class": "chart__label"})]
    assert labels[0] == "Assistance matérielle et logement" or labels[0] == "Alimentation"


@pytest.mark.parametrize("dimension", ["territory", "language", "gender", "age_group"])
def test_profile_bars_are_the_demonstration_sums(stats_site, dimension):
    sums = defaultdict(int)
    for row in demo_rows("demo_caller_profile.csv"):
        sums[row[dimension]] += int(row["needs"])
    svg = read(stats_site / PAGES["en"]).find("svg", id="chart-" + dimension.replace("_", "-"))
    biggest = max(sums.values())
    widths = [w[0] for w in bars(svg)]
    download = (stats_site / "stats" / f"demonstration-needs-by-{dimension.replace('_', '-')}.csv").read_text()
    codes = [row[0] for row in csv.reader(io.StringIO(download))][1:]
    assert sorted(codes) == sorted(sums)
    for code, width in zip(codes, widths):
        assert width == pytest.approx(sums[code] * 400 / biggest, abs=0.06), code


def test_referrals_table_has_bars_and_the_published_figures(stats_site):
    doc = read(stats_site / PAGES["fr"])
    section = next(s for s in doc.find_all("section") if s.attrs.get("data-figure") == "referrals")
    rows = section.find("tbody").find_all("tr")
    expected = published("top_referred_organizations.csv")[1:]
    assert len(rows) == len(expected) == 18
    top = int(expected[0][1])
    for tr, (name, value) in zip(rows, expected):
        assert tr.find("th").text == name
        figure = tr.find_all("td")[1]  # the number, then its unit for a phone's stacked rows
        assert figure.children[0].replace("\xa0", "").replace(" ", "") == value
        assert figure.find("span", class_="data-table__unit").text.strip() == "références"
        width = float(tr.find("rect").attrs["width"])
        assert width == pytest.approx(int(value) * 100 / top, abs=0.06)
        assert tr.find("svg").attrs["aria-hidden"] == "true"
    assert "5 994" in section.text.replace("\xa0", " ") and "405 441" in section.text.replace("\xa0", " ")


def test_downloads_hold_the_figures(stats_site):
    folder = stats_site / "stats"
    needs = list(csv.reader(io.StringIO((folder / "needs-per-month.csv").read_text(encoding="utf-8"))))
    assert needs == published("needs_per_month.csv")
    referrals = list(csv.reader(io.StringIO((folder / "top-referred-organizations.csv").read_text(encoding="utf-8"))))
    assert referrals[0] == ["rank", "organization", "referrals"]
    assert [r[1:] for r in referrals[1:]] == published("top_referred_organizations.csv")[1:]
    detail = list(csv.DictReader(io.StringIO((folder / "demonstration-caller-profile-detail.csv").read_text())))
    assert sum(int(r["needs"]) for r in detail) == sum(int(r[1]) for r in needs[1:])
    detail = list(csv.DictReader(io.StringIO((folder / "demonstration-needs-by-category-detail.csv").read_text())))
    assert sum(int(r["met"]) + int(r["unmet"]) for r in detail) == sum(int(r[1]) for r in needs[1:])


def test_filters_data_is_one_compact_json_file(stats_site):
    path = stats_site / "stats" / "data.json"
    text = path.read_text(encoding="utf-8")
    assert "\n" not in text and ": " not in text
    data = json.loads(text)
    assert data["months"] == [r[0] for r in published("needs_per_month.csv")[1:]]
    assert data["needs"] == [int(r[1]) for r in published("needs_per_month.csv")[1:]]
    block = len(data["territories"]) * len(data["languages"]) * len(data["genders"]) * len(data["age_groups"])
    assert [sum(data["profile"][m * block : (m + 1) * block]) for m in range(len(data["months"]))] == data["needs"]
    assert len(text) < 120_000
    root = read(stats_site / PAGES["en"]).find("section", **{"data-module": "stats-filters"})
    # Only where scripts run (without them, the full charts stay), off until the data is in.
    assert "needs-js" in root.attrs["class"] and "hidden" not in root.attrs
    controls = root.find("fieldset")
    assert "data-controls" in controls.attrs and "disabled" in controls.attrs
    assert root.attrs["data-src"].endswith("stats/data.json")
    labels = json.loads(root.attrs["data-labels"])
    assert labels["lang"] == "en" and labels["months"]["2019-11"] == ["Nov 2019", "November 2019"]
    assert labels["texts"]["period"] == "{start} to {end}"


def test_filtered_sums_agree_with_the_csv_files():
    from repertoire.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(ROOT / "content")
    data = load_stats(STATS, [r.slug for r in taxonomy.regions], list(taxonomy.categories))
    expected = defaultdict(int)
    for row in demo_rows("demo_caller_profile.csv"):
        if row["territory"] == "laval" and row["gender"] == "women" and "2019-01" <= row["month"] <= "2019-12":
            expected[row["month"]] += int(row["needs"])
    filters = cube.Filters(territory="laval", gender="women", start="2019-01", end="2019-12")
    assert cube.needs_per_month(data, filters) == sorted(expected.items())
    assert cube.needs_per_month(data, cube.Filters(start="2020-03", end="2020-04")) == [
        ("2020-03", 4137),
        ("2020-04", 4434),
    ]


def test_demonstration_files_are_what_the_script_writes(tmp_path):
    folder = tmp_path / "stats"
    folder.mkdir()
    shutil.copy(STATS / "needs_per_month.csv", folder)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_demo_stats.py"), str(folder)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    for name in ("demo_needs_by_category.csv", "demo_caller_profile.csv"):
        assert (folder / name).read_bytes() == (STATS / name).read_bytes(), name
        assert (folder / name).read_text().startswith("# DEMONSTRATION DATA")
    monthly = defaultdict(int)
    for row in demo_rows("demo_needs_by_category.csv"):
        monthly[row["month"]] += int(row["met"]) + int(row["unmet"])
    assert [[m, str(v)] for m, v in sorted(monthly.items())] == published("needs_per_month.csv")[1:]


def test_statistics_pages_pass_the_site_checks(stats_site):
    import test_site

    test_site.test_pages_declare_their_language(stats_site)
    test_site.test_hreflang_pairs_point_at_each_other_and_switch_lands_on_same_page(stats_site)
    test_site.test_internal_links_lead_to_existing_pages(stats_site)
    test_site.test_no_external_resource_anywhere_in_the_output(stats_site)
    footer = read(stats_site / "en/regions/index.html").find("footer")
    link = next(a for a in footer.find_all("a") if a.text == "Statistics of needs")
    assert link.attrs["href"] == "../../en/statistics/"
    assert not re.search(r"<script(?![^>]*\bsrc=)", (stats_site / PAGES["fr"]).read_text())  # no inline script
    assert " style=" not in (stats_site / PAGES["fr"]).read_text()


@pytest.mark.parametrize(
    "digits, message",
    [(19, "a count of 19 digits: at most 12"), (26, "expected a whole number")],  # past 64 bits: read as text
)
def test_a_published_total_too_long_is_named_where_it_is(tmp_path, digits, message):
    # 26 digits stopped the build in the page's number format, with a traceback.
    from stats.tables import read_sources

    text = (STATS / "sources.yaml").read_text(encoding="utf-8")
    path = tmp_path / "sources.yaml"
    path.write_text(text.replace("referrals_total: 405441", "referrals_total: " + "9" * digits), encoding="utf-8")
    sources, errors = read_sources(path)
    line = text.splitlines().index("referrals_total: 405441") + 1
    assert sources is None
    assert [str(error) for error in errors] == [f"{path}:{line}: referrals_total: {message}"]


def test_a_tag_in_the_source_s_name_is_named(tmp_path):
    # Escaped, "<script>" showed as typed under every chart (a helper's probe, stop 80).
    from stats.tables import read_sources

    text = (STATS / "sources.yaml").read_text(encoding="utf-8")
    path = tmp_path / "sources.yaml"
    assert "  en: " in text
    path.write_text(text.replace("  en: ", "  en: <script>x</script> ", 1), encoding="utf-8")
    sources, errors = read_sources(path)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  en: "))
    assert sources is None
    assert [str(error) for error in errors] == [
        f"{path}:{line}: source.en: HTML tags are not allowed: write plain text"
    ]


def test_a_misspelled_field_of_the_sources_is_named(tmp_path):
    # A helper's probe (stop 68): "organisations_totl" was read as nothing, its figure left the
    # page without a word.
    from stats.tables import read_sources

    text = (STATS / "sources.yaml").read_text(encoding="utf-8")
    path = tmp_path / "sources.yaml"
    path.write_text(text.replace("organizations_total:", "organisations_totl:"), encoding="utf-8")
    sources, errors = read_sources(path)
    line = text.splitlines().index("organizations_total: 5994") + 1
    assert sources is None
    assert [str(error) for error in errors] == [
        f"{path}:{line}: organisations_totl: unknown field 'organisations_totl' (did you mean 'organizations_total'?)"
    ]
