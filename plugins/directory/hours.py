"""Opening hours: the week table, "open now / closes at / opens at", in any time zone.

The same rules run in the browser (theme/static/js/hours.js); tests/hours_cases.json
holds the cases both must answer identically.

Rules (records.md): intervals {days, opens, closes}; closes earlier than opens runs past
midnight, closes equal to opens means 24 hours, "24:00" closes at the end of the day.
An exception replaces every interval that opens on its date (an overnight interval that
opened the day before still runs on). No hours and not 24/7 is "unknown", never open.
Wall times are converted with the zone's rules; a time that DST skips (02:30 on the
spring-forward night) is read with the offset in force before the change (03:30), and a
time that happens twice takes its first occurrence.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
# Look this far ahead for the next opening; beyond, "closed" with no date.
HORIZON_DAYS = 14
# An open stretch longer than this is shown as "open 24 hours".
ALWAYS_OPEN_DAYS = 7
LABEL_KEYS = ("open_until", "open_until_day", "open_always", "closed_opens_today", "closed_opens_tomorrow",
              "closed_opens_day", "closed_opens_date", "closed", "unknown", "days", "months", "date")


def minutes(hhmm: str) -> int:
    """'09:30' -> 570; '24:00' -> 1440."""
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def _wall(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    """The instant of a local wall time (minute may be 1440: midnight ending the day)."""
    day += dt.timedelta(days=minute // 1440)
    minute %= 1440
    naive = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    return naive.replace(tzinfo=zone).astimezone(dt.timezone.utc)


def _intervals_opening_on(schedule: dict, day: dt.date) -> list[tuple[int, int]]:
    """(opens, closes) minutes of the intervals that open on a date, after exceptions."""
    for exception in schedule.get("exceptions") or []:
        if exception["date"] == day.isoformat():
            return [] if exception.get("closed") else [(minutes(exception["opens"]), minutes(exception["closes"]))]
    code = DAYS[day.weekday()]
    return [(minutes(i["opens"]), minutes(i["closes"])) for i in schedule.get("hours") or [] if code in i["days"]]


def _open_periods(schedule: dict, first: dt.date, last: dt.date, zone: ZoneInfo) -> list[list[dt.datetime]]:
    """Merged [start, end) instants of the periods opening between two dates."""
    periods = []
    day = first
    while day <= last:
        for opens, closes in _intervals_opening_on(schedule, day):
            end = closes if closes > opens else closes + 1440
            periods.append([_wall(day, opens, zone), _wall(day, end, zone)])
        day += dt.timedelta(days=1)
    periods.sort()
    merged: list[list[dt.datetime]] = []
    for start, end in periods:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _local_iso(instant: dt.datetime, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def _has_hours(schedule: dict) -> bool:
    return bool(schedule.get("hours")) or any(not e.get("closed") for e in schedule.get("exceptions") or [])


def status_at(schedule: dict, when: dt.datetime, tz: str = "America/Toronto") -> dict:
    """Open or closed at an instant, until when, or from when (local wall times)."""
    status = {"state": "unknown", "always_open": False, "closes_at": None, "opens_at": None}
    if schedule.get("open_24_7"):
        return {**status, "state": "open", "always_open": True}
    if not _has_hours(schedule):
        return status
    zone = ZoneInfo(tz)
    today = when.astimezone(zone).date()
    periods = _open_periods(schedule, today - dt.timedelta(days=1), today + dt.timedelta(days=HORIZON_DAYS), zone)
    for start, end in periods:
        if start <= when < end:
            if end - start > dt.timedelta(days=ALWAYS_OPEN_DAYS):
                return {**status, "state": "open", "always_open": True}
            return {**status, "state": "open", "closes_at": _local_iso(end, zone)}
        if start > when:
            if start - when <= dt.timedelta(days=HORIZON_DAYS):
                return {**status, "state": "closed", "opens_at": _local_iso(start, zone)}
            break
    return {**status, "state": "closed"}


def week_rows(schedule: dict) -> list[dict]:
    """The regular week, Monday first: each day's intervals in opening order."""
    rows = []
    for code in DAYS:
        intervals = sorted(
            ({"opens": i["opens"], "closes": i["closes"],
              "overnight": minutes(i["closes"]) <= minutes(i["opens"])}
             for i in schedule.get("hours") or [] if code in i["days"]),
            key=lambda i: i["opens"],
        )
        rows.append({"day": code, "intervals": intervals})
    return rows


def upcoming_exceptions(schedule: dict, today: dt.date, days: int = 60) -> list[dict]:
    """Exceptions dated from today to `days` ahead, by date."""
    last = today + dt.timedelta(days=days)
    return sorted((e for e in schedule.get("exceptions") or []
                   if today.isoformat() <= e["date"] <= last.isoformat()), key=lambda e: e["date"])


def format_time(hhmm: str, lang: str) -> str:
    """'09:30' as people read it: French '9 h 30', English '9:30 a.m.'."""
    total = minutes(hhmm)
    hour, minute = divmod(total, 60)
    if lang == "fr":
        return f"{hour} h" + (f" {minute:02d}" if minute else "")
    hour %= 24
    suffix = "a.m." if hour < 12 else "p.m."
    shown = hour % 12 or 12
    return f"{shown}:{minute:02d} {suffix}" if minute else f"{shown} {suffix}"


def describe(status: dict, now_local: str, lang: str, labels: dict) -> str:
    """The one-line text of a status, from the site's translated labels (see LABEL_KEYS).

    {day} is used up to 6 days ahead, a date ("3 janvier" / "January 3") beyond.
    """
    if status["state"] == "unknown":
        return labels["unknown"]
    if status["state"] == "open":
        if status["always_open"] or not status["closes_at"]:
            return labels["open_always"]
        return _when(labels, "open_until", "open_until", "open_until_day", "open_until_day",
                     status["closes_at"], now_local, lang)
    if not status["opens_at"]:
        return labels["closed"]
    return _when(labels, "closed_opens_today", "closed_opens_tomorrow", "closed_opens_day", "closed_opens_date",
                 status["opens_at"], now_local, lang)


def _when(labels, today_key, tomorrow_key, day_key, date_key, moment: str, now_local: str, lang: str) -> str:
    """Fill a label with the time, and the day or date when it is not today."""
    date = dt.date.fromisoformat(moment[:10])
    ahead = (date - dt.date.fromisoformat(now_local[:10])).days
    time = format_time(moment[11:16], lang)
    day = labels["days"][DAYS[date.weekday()]]
    if ahead <= 0:
        key = today_key
    elif ahead == 1:
        key = tomorrow_key
    elif ahead <= 6:
        key = day_key
    else:
        key = date_key
    when_date = labels["date"].format(d=date.day, month=labels["months"][date.month - 1])
    return labels[key].format(time=time, day=day, date=when_date)
