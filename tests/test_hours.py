"""Opening hours: one table of cases, answered identically by Python (build) and JavaScript (browser)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT
from directory.templating import WEEK_BLANKS, WEEK_TEXTS
from repertoire import hours
from repertoire.catalogs import PROJECT_TRANSLATIONS, load_catalog
from repertoire.wording import interval_in, place_names, special_in_short

CASES_FILE = ROOT / "tests" / "hours_cases.json"
HOURS_JS = ROOT / "theme" / "static" / "js" / "hours.js"
TABLE = json.loads(CASES_FILE.read_text(encoding="utf-8"))
CASES = TABLE["cases"]

FORMAT_TIMES = [
    ("09:00", "9\u00a0h", "9\u00a0a.m."),
    ("09:30", "9\u00a0h\u00a030", "9:30\u00a0a.m."),
    ("12:00", "12\u00a0h", "noon"),  # "12 a.m." and "12 p.m." are read either way
    ("00:00", "0\u00a0h", "midnight"),
    ("00:30", "0\u00a0h\u00a030", "12:30\u00a0a.m."),
    ("17:15", "17\u00a0h\u00a015", "5:15\u00a0p.m."),
    ("13:05", "13\u00a0h\u00a005", "1:05\u00a0p.m."),
    ("23:59", "23\u00a0h\u00a059", "11:59\u00a0p.m."),
    ("24:00", "24\u00a0h", "midnight"),
]
# (opens, closes, overnight) of week rows: each as pages (wording.interval_in) and hours.js say it.
INTERVALS = [
    ("09:00", "17:00", False),
    ("22:00", "02:00", True),
    ("10:00", "24:00", False),
    ("00:00", "24:00", False),  # the whole day: "24 h sur 24", not "12 a.m. to 12 a.m."
]

# Runs every case through the ES module, the way the page does, and prints the answers as JSON.
JS_RUNNER = """
import { statusAt, describe, formatTime, intervalText, specialInShort, useOffsets, weekRows } from "./hours.mjs";
import { dateWriter, MONTH_DAY } from "./text.js";
import { readFileSync } from "node:fs";
const table = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { times, intervals, texts, weeks, specials, days } = JSON.parse(process.argv[3]);
const zones = process.argv[4] ? JSON.parse(readFileSync(process.argv[4], "utf8")) : null;
const localIso = (date, tz) => {
  const parts = new Intl.DateTimeFormat("en-CA", {timeZone: tz, hourCycle: "h23", year: "numeric",
    month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"}).formatToParts(date);
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day}T${String(+v.hour % 24).padStart(2, "0")}:${v.minute}`;
};
const nows = table.cases.map((c) => localIso(new Date(c.at), c.tz));
const dayWriters = { fr: dateWriter("fr-CA", "fr", MONTH_DAY), en: dateWriter("en-CA", "en", MONTH_DAY) };  // dates need Intl
if (zones) {
  // The zones' clocks as a page gives them: hours.js must then never need Intl.
  for (const [tz, offsets] of Object.entries(zones)) useOffsets(tz, offsets);
  Intl.DateTimeFormat = function () { throw new Error("Intl asked despite the zone table"); };
}
const cases = table.cases.map((c, i) => {
  const status = statusAt(c.schedule, new Date(c.at), c.tz, c.holidays);
  const now = nows[i];
  return {status, describe: {fr: describe(status, now, "fr", table.labels.fr), en: describe(status, now, "en", table.labels.en)}};
});
const formatted = times.map((t) => [formatTime(t, "fr"), formatTime(t, "en")]);
const said = intervals.map(([opens, closes, overnight]) => ["fr", "en"].map((lang) =>
  intervalText({ opens, closes, overnight }, texts[lang], lang)));
const rows = weeks.map((schedule) => weekRows(schedule));
const special = specials.map(([schedule, today]) => ["fr", "en"].map((lang) =>
  specialInShort(schedule, texts[lang], days, lang, today, dayWriters[lang])));
console.log(JSON.stringify({cases, formatted, said, rows, special}));
"""


def _instant(case) -> dt.datetime:
    return dt.datetime.fromisoformat(case["at"].replace("Z", "+00:00"))


def _now_local(case) -> str:
    return _instant(case).astimezone(ZoneInfo(case["tz"])).strftime("%Y-%m-%dT%H:%M")


def test_the_table_is_big_enough_and_well_formed():
    assert len(CASES) >= 40
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    for lang in ("fr", "en"):
        assert set(TABLE["labels"][lang]) == set(hours.LABEL_KEYS)
    for case in CASES:
        assert case["at"].endswith("Z"), case["name"]
        assert set(case["expect"]) == {"state", "always_open", "closes_at", "opens_at"}, case["name"]
        assert set(case["describe"]) == {"fr", "en"}, case["name"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_python_status_and_text(case):
    status = hours.status_at(case["schedule"], _instant(case), case["tz"], case.get("holidays", ()))
    assert status == case["expect"]
    for lang, expected in case["describe"].items():
        assert hours.describe(status, _now_local(case), lang, TABLE["labels"][lang]) == expected


def _zone_tables(path):
    """Each case zone's clock as a page gives it (hours.zone_offsets), over all the cases' dates."""
    dates = [_instant(case).date() for case in CASES]
    start, days = min(dates) - dt.timedelta(days=20), (max(dates) - min(dates)).days + 40
    path.write_text(json.dumps({tz: hours.zone_offsets(tz, start, days) for tz in {c["tz"] for c in CASES}}))
    return [str(path)]


@pytest.mark.parametrize("zones", ["intl", "table"])
def test_javascript_gives_the_same_answers(tmp_path, zones):
    """With Intl, as a page without the zone's table; with the table a page gives (search)."""
    node = shutil.which("node")
    assert node, "node is required: the browser's hours.js is tested with it (install Node.js 20 or later)"
    shutil.copy(HOURS_JS, tmp_path / "hours.mjs")
    shutil.copy(HOURS_JS.with_name("text.js"), tmp_path / "text.js")  # hours.js imports it
    runner = tmp_path / "run.mjs"
    runner.write_text(JS_RUNNER, encoding="utf-8")
    times = json.dumps(
        {
            "times": [t for t, _, _ in FORMAT_TIMES],
            "intervals": INTERVALS,
            "texts": _interval_texts(),
            "weeks": WEEKS,
            "specials": SPECIALS,
            "days": hours.UPCOMING_DAYS,
        }
    )
    tables = _zone_tables(tmp_path / "zones.json") if zones == "table" else []
    result = subprocess.run(
        [node, str(runner), str(CASES_FILE), times, *tables], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, f"node failed:\n{result.stderr}"
    answers = json.loads(result.stdout)
    mismatches = [
        {"case": c["name"], "got": a, "expected": {"status": c["expect"], "describe": c["describe"]}}
        for c, a in zip(CASES, answers["cases"])
        if a["status"] != c["expect"] or a["describe"] != c["describe"]
    ]
    assert len(answers["cases"]) == len(CASES)
    assert not mismatches, json.dumps(mismatches, ensure_ascii=False, indent=1)
    assert answers["formatted"] == [[fr, en] for _, fr, en in FORMAT_TIMES]
    assert answers["said"] == [[_interval(interval, lang) for lang in ("fr", "en")] for interval in INTERVALS]
    assert answers["rows"] == [hours.week_rows(week) for week in WEEKS]  # overlapping intervals joined alike
    assert answers["special"] == [[_special(*special, lang) for lang in ("fr", "en")] for special in SPECIALS]


def _interval_texts() -> dict:
    """The words hours.js is given for a week and its special hours, as the templates give
    them (templating.week_words, in entry_config.html and the search page)."""
    texts = {}
    for lang in ("fr", "en"):
        say = load_catalog(str(PROJECT_TRANSLATIONS), lang).gettext
        texts[lang] = {
            key: say(message) % WEEK_BLANKS if "%" in message else say(message) for key, message in WEEK_TEXTS.items()
        }
    return texts


def _interval(interval: tuple, lang: str) -> str:
    return interval_in(*interval, lang, load_catalog(str(PROJECT_TRANSLATIONS), lang).gettext)


def _special(schedule: dict, today: str, lang: str) -> str:
    return special_in_short(schedule, dt.date.fromisoformat(today), lang, str(PROJECT_TRANSLATIONS), f"{lang}_CA")


# (schedule, the day printed) of special hours in short: each as entries printed by the build
# (wording.special_in_short) and by the browser (hours.js specialInShort) say it.
SPECIALS = [
    (
        {
            "exceptions": [
                {
                    "date": "2026-12-24",
                    "opens": "13:00",
                    "closes": "16:00",
                },  # a day in two parts, the file's order reversed
                {"date": "2026-12-24", "opens": "09:00", "closes": "12:00"},
                {"date": "2026-12-25", "closed": True, "description": {"fr": "Noël", "en": "Christmas"}},
                {"date": "2026-12-31", "opens": "20:00", "closes": "02:00"},  # past midnight
                {"date": "2027-01-01", "closed": True},  # "1er janvier"
                {"date": "2026-12-05", "closed": True},  # the day before: gone
                {"date": "2027-02-04", "closed": True},  # the 60th day: listed
                {"date": "2027-02-05", "closed": True},  # the 61st: not yet
            ]
        },
        "2026-12-06",
    ),
    ({"exceptions": [{"date": "2026-12-06", "opens": "10:00", "closes": "12:00"}]}, "2026-12-06"),  # today's
    ({"exceptions": [{"date": "2026-11-30", "closed": True}]}, "2026-12-06"),  # all past: nothing said
    ({"hours": [{"days": ["mo"], "opens": "09:00", "closes": "17:00"}]}, "2026-12-06"),  # none
]


def test_special_hours_in_short_say_the_days_ahead():
    assert _special(*SPECIALS[0], "fr") == (
        "24 décembre\u00a0: de 9 h à 12 h; 24 décembre\u00a0: de 13 h à 16 h; 25 décembre\u00a0: fermé; "
        "31 décembre\u00a0: de 20 h à 2 h (le lendemain); 1er janvier\u00a0: fermé; 4 février\u00a0: fermé"
    )
    assert _special(*SPECIALS[0], "en") == (
        "December 24: 9 a.m. to noon; December 24: 1 p.m. to 4 p.m.; December 25: closed; "
        "December 31: 8 p.m. to 2 a.m. (next day); January 1: closed; February 4: closed"
    )
    assert _special(*SPECIALS[1], "en") == "December 6: 10 a.m. to noon"
    assert _special(*SPECIALS[2], "fr") == _special(*SPECIALS[3], "fr") == ""


def test_intervals_read_as_people_say_them():
    assert [_interval(i, "fr") for i in INTERVALS] == [
        "de 9\u00a0h à 17\u00a0h",
        "de 22\u00a0h à 2\u00a0h (le lendemain)",
        "de 10\u00a0h à 24\u00a0h",
        "24 h sur 24",
    ]
    assert [_interval(i, "en") for i in INTERVALS] == [
        "9\u00a0a.m. to 5\u00a0p.m.",
        "10\u00a0p.m. to 2\u00a0a.m. (next day)",
        "10\u00a0a.m. to midnight",
        "24 hours",
    ]


def test_the_module_loads_without_a_page():
    text = HOURS_JS.read_text(encoding="utf-8")
    assert 'typeof document !== "undefined"' in text
    assert "eval(" not in text and ".style" not in text


@pytest.mark.parametrize("hhmm, fr, en", FORMAT_TIMES)
def test_format_time(hhmm, fr, en):
    assert hours.format_time(hhmm, "fr") == fr
    assert hours.format_time(hhmm, "en") == en


def test_status_needs_an_aware_instant():
    with pytest.raises(ValueError):
        hours.status_at({"open_24_7": True}, dt.datetime(2026, 11, 23, 10, 0), "America/Toronto")


def test_status_does_not_depend_on_the_zone_of_the_instant():
    schedule = {"hours": [{"days": ["mo"], "opens": "09:00", "closes": "17:00"}]}
    utc = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)
    zone = "America/Toronto"
    assert hours.status_at(schedule, utc, zone) == hours.status_at(
        schedule, utc.astimezone(ZoneInfo("Asia/Tokyo")), zone
    )


def test_week_rows_order_and_overnight():
    schedule = {
        "hours": [
            {"days": ["mo", "we"], "opens": "13:00", "closes": "17:00"},
            {"days": ["mo"], "opens": "09:00", "closes": "12:00"},
            {"days": ["fr"], "opens": "22:00", "closes": "06:00"},
            {"days": ["sa"], "opens": "08:00", "closes": "08:00"},
            {"days": ["su"], "opens": "18:00", "closes": "24:00"},
        ],
        "exceptions": [{"date": "2026-11-23", "closed": True}],
    }
    rows = hours.week_rows(schedule)
    assert [r["day"] for r in rows] == ["mo", "tu", "we", "th", "fr", "sa", "su"]
    assert rows[0]["intervals"] == [
        {"opens": "09:00", "closes": "12:00", "overnight": False},
        {"opens": "13:00", "closes": "17:00", "overnight": False},
    ]
    assert rows[1]["intervals"] == []
    assert rows[2]["intervals"] == [{"opens": "13:00", "closes": "17:00", "overnight": False}]
    assert rows[4]["intervals"] == [{"opens": "22:00", "closes": "06:00", "overnight": True}]
    assert rows[5]["intervals"] == [{"opens": "08:00", "closes": "08:00", "overnight": True}]
    assert rows[6]["intervals"] == [{"opens": "18:00", "closes": "24:00", "overnight": False}]


# Weeks whose intervals overlap, as records (and imported packages) give them.
def _week(*intervals) -> dict:
    return {"hours": [{"days": days, "opens": opens, "closes": closes} for days, opens, closes in intervals]}


WEEKS = [
    _week((["mo", "tu"], "09:00", "17:00"), (["mo"], "13:00", "21:00")),
    _week((["sa"], "12:00", "18:00"), (["sa"], "10:00", "16:00")),
    _week((["fr"], "10:00", "12:00"), (["fr"], "12:00", "14:00")),  # they only meet
    _week((["fr"], "09:00", "17:00"), (["fr"], "10:00", "11:00")),
    _week((["fr"], "20:00", "02:00"), (["fr"], "22:00", "06:00")),  # both past midnight
    _week((["fr"], "18:00", "23:00"), (["fr"], "22:00", "02:00")),
    _week((["su"], "00:00", "24:00"), (["su"], "09:00", "17:00")),
]


def test_intervals_that_overlap_are_shown_as_one():
    """ "lundi 9 h à 17 h, 13 h à 21 h" said the place closed at 17 h and opened again at 13 h:
    one interval, 9 h to 21 h, as open now reads the hours. Intervals that only meet stay two."""
    rows = [
        [(r["day"], [(i["opens"], i["closes"], i["overnight"]) for i in r["intervals"]]) for r in hours.week_rows(w)]
        for w in WEEKS
    ]
    assert rows[0][:3] == [("mo", [("09:00", "21:00", False)]), ("tu", [("09:00", "17:00", False)]), ("we", [])]
    assert rows[1][5] == ("sa", [("10:00", "18:00", False)])
    assert rows[2][4] == ("fr", [("10:00", "12:00", False), ("12:00", "14:00", False)])
    assert rows[3][4] == ("fr", [("09:00", "17:00", False)])
    assert rows[4][4] == ("fr", [("20:00", "06:00", True)])
    assert rows[5][4] == ("fr", [("18:00", "02:00", True)])
    assert rows[6][6] == ("su", [("00:00", "24:00", False)])


def test_week_rows_of_24_7_and_of_nothing():
    assert hours.week_rows({"open_24_7": True}) == []
    assert [r["intervals"] for r in hours.week_rows({})] == [[]] * 7


def test_upcoming_exceptions_window():
    schedule = {
        "exceptions": [
            {"date": "2027-01-22", "closed": True},
            {"date": "2026-12-25", "closed": True},
            {"date": "2027-01-23", "closed": True},
            {"date": "2026-11-23", "opens": "10:00", "closes": "12:00"},
            {"date": "2026-11-22", "closed": True},
        ]
    }
    found = hours.upcoming_exceptions(schedule, dt.date(2026, 11, 23))
    assert [e["date"] for e in found] == ["2026-11-23", "2026-12-25", "2027-01-22"]
    assert [e["date"] for e in hours.upcoming_exceptions(schedule, dt.date(2026, 11, 23), days=10)] == ["2026-11-23"]
    assert hours.upcoming_exceptions({}, dt.date(2026, 11, 23)) == []
    # Special hours past midnight are said to be.
    late = {"exceptions": [{"date": "2026-12-31", "opens": "20:00", "closes": "3:00"}, *schedule["exceptions"]]}
    assert [e["overnight"] for e in hours.upcoming_exceptions(late, dt.date(2026, 12, 24))] == [
        False,
        True,
        False,
        False,
    ]


def test_describe_leaves_unknown_placeholders_alone():
    labels = {**TABLE["labels"]["en"], "open_until": "Open until {time} {oops}"}
    status = {"state": "open", "always_open": False, "closes_at": "2026-11-23T17:00", "opens_at": None}
    assert hours.describe(status, "2026-11-23T10:00", "en", labels) == "Open until 5\u00a0p.m. {oops}"


def test_zone_offsets_name_each_change_of_the_clock():
    def ms(text):
        return int(dt.datetime.fromisoformat(text).timestamp() * 1000)

    # Newfoundland changes its clock at 2:00 local, 5:30 UTC: a table to the minute.
    assert hours.zone_offsets("America/St_Johns", dt.date(2026, 3, 1), 30) == [
        [ms("2026-03-01T00:00+00:00"), -210],
        [ms("2026-03-08T05:30+00:00"), -150],
        [ms("2026-03-31T00:00+00:00"), None],
    ]
    assert hours.zone_offsets("Asia/Kolkata", dt.date(2026, 3, 1), 400) == [
        [ms("2026-03-01T00:00+00:00"), 330],
        [ms("2027-04-05T00:00+00:00"), None],
    ]


def test_an_organization_of_several_places_is_open_when_any_is(tmp_path):
    """hours.js statusOfAny: open at another place than the first (a helper's probe, stop 76);
    closing at the latest of those open; else the soonest sure opening, before a holiday's
    unsure one (the reviewer's: "jour férié ensuite" though a shelter opened at 22 h)."""
    node = shutil.which("node")
    assert node, "node is required: the browser's hours.js is tested with it (install Node.js 20 or later)"
    shutil.copy(HOURS_JS, tmp_path / "hours.mjs")
    shutil.copy(HOURS_JS.with_name("text.js"), tmp_path / "text.js")
    week = ["mo", "tu", "we", "th", "fr", "sa", "su"]
    day = {"open_24_7": False, "hours": [{"days": week, "opens": "09:00", "closes": "12:00"}], "exceptions": []}
    evening = {"open_24_7": False, "hours": [{"days": week, "opens": "13:00", "closes": "21:00"}], "exceptions": []}
    night = {"open_24_7": False, "hours": [{"days": week, "opens": "22:00", "closes": "07:00"}], "exceptions": []}
    weekdays = {
        "open_24_7": False,
        "hours": [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}],
        "exceptions": [],
    }
    cases = [
        # Wednesday 2026-11-25, 15:00 in Montréal: the first place closed, the second open.
        ([day, evening], "2026-11-25T20:00:00Z", [], {"state": "open", "closes_at": "2026-11-25T21:00"}),
        ([evening, day], "2026-11-25T15:00:00Z", [], {"state": "open", "closes_at": "2026-11-25T12:00"}),
        ([day, night], "2026-11-25T23:30:00Z", [], {"state": "closed", "opens_at": "2026-11-25T22:00"}),
        # Christmas Eve 18:00, the 25th a holiday: the shelter's sure 22 h before the office's unsure opening.
        (
            [weekdays, night],
            "2026-12-24T23:00:00Z",
            ["2026-12-25"],
            {"state": "closed", "opens_at": "2026-12-24T22:00"},
        ),
    ]
    script = tmp_path / "any.mjs"
    script.write_text(
        'import { statusOfAny } from "./hours.mjs";\n'
        f"const cases = {json.dumps(cases)};\n"
        'console.log(JSON.stringify(cases.map(([s, at, h]) => statusOfAny(s, new Date(at), "America/Toronto", h))));\n',
        encoding="utf-8",
    )
    result = subprocess.run([node, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    for (_, at, _, expected), got in zip(cases, json.loads(result.stdout)):
        assert {key: got[key] for key in expected} == expected, (at, got)


def test_the_line_of_several_places_names_the_one_it_speaks_of(tmp_path):
    """ "Ouvert · ferme à 21 h" on the card of an organization of three places sent a person to
    the nearest, closed (noticed at stop 76): when its places differ, the line names the one it
    speaks of, by its city, or its street where two share a city (record.js placeNames and
    wording.place_names alike); when they agree, no place is named."""
    node = shutil.which("node")
    assert node, "node is required: the browser's hours.js is tested with it (install Node.js 20 or later)"
    for name in ("hours.js", "text.js", "record.js"):
        shutil.copy(HOURS_JS.with_name(name), tmp_path / name.replace("hours.js", "hours.mjs"))
    week = ["mo", "tu", "we", "th", "fr", "sa", "su"]

    def place(city, street, opens, closes):
        return {
            "address": {"street": street, "city": city},
            "hours": [{"days": week, "opens": opens, "closes": closes}],
        }

    record = {
        "locations": [
            place("Montréal", "10 rue Ontario Est", "09:00", "12:00"),
            place("Laval", "5 boulevard Cartier", "13:00", "21:00"),
            place("Montréal", "200 rue Jarry", "09:00", "12:00"),
            # A mobile unit has no address: its name (a reviewer's: it was named "").
            {
                "name": {"fr": "Unité mobile", "en": "Mobile unit"},
                "hours": [{"days": week, "opens": "22:00", "closes": "23:00"}],
            },
        ]
    }
    alike = {"locations": [place("Montréal", "1 rue A", "09:00", "17:00"), place("Laval", "2 rue B", "09:00", "17:00")]}
    script = tmp_path / "places.mjs"
    script.write_text(
        'import { statusOfAny, describe } from "./hours.mjs";\n'
        'import { schedulesOf, placeNames } from "./record.js";\n'
        f"const [record, alike, labels] = {json.dumps([record, alike, TABLE['labels']])};\n"
        "const at = (iso) => new Date(iso);\n"
        "const said = (r, iso, lang) => describe(statusOfAny(schedulesOf(r), at(iso), 'America/Toronto'), "
        "'2026-11-25T' + new Date(Date.parse(iso) - 5 * 3600e3).toISOString().slice(11, 16), lang, labels[lang]);\n"
        "console.log(JSON.stringify({names: placeNames(record.locations), lines: ["
        "said(record, '2026-11-25T20:00:00Z', 'fr'), said(record, '2026-11-25T15:00:00Z', 'en'), "
        "said(alike, '2026-11-25T15:00:00Z', 'en')]}));\n",
        encoding="utf-8",
    )
    result = subprocess.run([node, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["names"] == ["10 rue Ontario Est", "Laval", "200 rue Jarry", "Unité mobile"]
    assert got["names"] == place_names(record["locations"], "fr")
    assert got["lines"] == [
        "Ouvert · ferme à 21\u00a0h (Laval)",
        "Open · closes at noon (10 rue Ontario Est)",  # both Montréal places close at noon: the first
        "Open · closes at 5\u00a0p.m.",
    ]
    status = {
        "state": "open",
        "always_open": False,
        "closes_at": "2026-11-25T21:00",
        "opens_at": None,
        "place": "Laval",
    }
    assert (
        hours.describe(status, "2026-11-25T15:00", "fr", TABLE["labels"]["fr"]) == "Ouvert · ferme à 21\u00a0h (Laval)"
    )


@pytest.mark.parametrize(
    "given",
    [
        [],
        {"days": ["mo"], "opens": "08:00", "closes": "18:00"},
        [{"days": ["monday"], "opens": "08:00", "closes": "18:00"}],
        [{"days": ["mo"], "opens": "8:00", "closes": "18:00"}],
        [{"days": ["mo"], "opens": "08:00"}],
        [{"days": [], "opens": "08:00", "closes": "18:00"}],
        ["mo 08:00-18:00"],
    ],
)
def test_a_helplines_hours_not_given_as_a_records_are_refused_by_name(given):
    # HELPLINE_SCHEDULE, mistyped, left the helpline's open-now line hidden and said nothing.
    with pytest.raises(ValueError, match="HELPLINE_SCHEDULE"):
        hours.weekly_schedule(given, "HELPLINE_SCHEDULE")
    week = [{"days": ["mo", "tu"], "opens": "08:00", "closes": "24:00"}]
    assert hours.weekly_schedule(week, "HELPLINE_SCHEDULE")["hours"] == week
