"""Opening hours: one table of cases, answered identically by Python (build) and JavaScript (browser)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from directory import hours

CASES_FILE = ROOT / "tests" / "hours_cases.json"
TABLE = json.loads(CASES_FILE.read_text(encoding="utf-8"))
CASES = TABLE["cases"]


def _now_local(case) -> str:
    from zoneinfo import ZoneInfo

    when = dt.datetime.fromisoformat(case["at"].replace("Z", "+00:00"))
    return when.astimezone(ZoneInfo(case["tz"])).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_python_status_and_text(case):
    when = dt.datetime.fromisoformat(case["at"].replace("Z", "+00:00"))
    status = hours.status_at(case["schedule"], when, case["tz"])
    assert status == case["expect"]
    for lang, expected in case["describe"].items():
        assert hours.describe(status, _now_local(case), lang, TABLE["labels"][lang]) == expected


def test_javascript_gives_the_same_answers(tmp_path):
    node = shutil.which("node")
    assert node, "node is required (the browser rules are tested with it)"
    shutil.copy(ROOT / "theme" / "static" / "js" / "hours.js", tmp_path / "hours.mjs")
    runner = tmp_path / "run.mjs"
    runner.write_text(
        """
import { statusAt, describe } from "./hours.mjs";
import { readFileSync } from "node:fs";
const table = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = table.cases.map((c) => {
  const status = statusAt(c.schedule, new Date(c.at), c.tz);
  const p = new Intl.DateTimeFormat("en-CA", {timeZone: c.tz, hourCycle: "h23", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit"}).formatToParts(new Date(c.at));
  const v = Object.fromEntries(p.map((x) => [x.type, x.value]));
  const nowLocal = `${v.year}-${v.month}-${v.day}T${v.hour}:${v.minute}`;
  return {status, describe: {fr: describe(status, nowLocal, "fr", table.labels.fr),
                             en: describe(status, nowLocal, "en", table.labels.en)}};
});
console.log(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    result = subprocess.run([node, str(runner), str(CASES_FILE)], capture_output=True, text=True, check=True)
    answers = json.loads(result.stdout)
    mismatches = [(c["name"], a) for c, a in zip(CASES, answers)
                  if a["status"] != c["expect"] or a["describe"] != c["describe"]]
    assert not mismatches, mismatches


@pytest.mark.parametrize(
    "hhmm, fr, en",
    [("09:00", "9 h", "9 a.m."), ("09:30", "9 h 30", "9:30 a.m."), ("12:00", "12 h", "12 p.m."),
     ("00:00", "0 h", "12 a.m."), ("17:15", "17 h 15", "5:15 p.m."), ("24:00", "24 h", "12 a.m."),
     ("13:05", "13 h 05", "1:05 p.m.")],
)
def test_format_time(hhmm, fr, en):
    assert hours.format_time(hhmm, "fr") == fr
    assert hours.format_time(hhmm, "en") == en


def test_week_rows_order_and_overnight():
    schedule = {"hours": [{"days": ["mo", "we"], "opens": "13:00", "closes": "17:00"},
                          {"days": ["mo"], "opens": "09:00", "closes": "12:00"},
                          {"days": ["fr"], "opens": "22:00", "closes": "06:00"}]}
    rows = hours.week_rows(schedule)
    assert [r["day"] for r in rows] == ["mo", "tu", "we", "th", "fr", "sa", "su"]
    assert [(i["opens"], i["closes"]) for i in rows[0]["intervals"]] == [("09:00", "12:00"), ("13:00", "17:00")]
    assert rows[1]["intervals"] == []
    assert rows[4]["intervals"] == [{"opens": "22:00", "closes": "06:00", "overnight": True}]


def test_upcoming_exceptions_window():
    schedule = {"exceptions": [{"date": "2027-03-01", "closed": True}, {"date": "2026-12-25", "closed": True},
                               {"date": "2026-11-01", "closed": True}]}
    assert [e["date"] for e in hours.upcoming_exceptions(schedule, dt.date(2026, 11, 23))] == ["2026-12-25"]
