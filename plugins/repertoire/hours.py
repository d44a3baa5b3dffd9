"""Opening hours: the week table and the "open now / closes at / opens at" line, in any time zone.

The same rules run in the browser (theme/static/js/hours.js); tests/hours_cases.json holds
the cases that both must answer identically. Change one, change the other.

Rules (docs/records.md, "Hours"):
- An interval {days, opens, closes} opens on each of its days. `closes` earlier than `opens`
  runs past midnight into the next day (`closes` equal to `opens` is refused by records.py;
  here it would read as 24 hours); "24:00" is accepted as a closing time only and means the
  end of that day.
- `open_24_7` is every day 00:00-24:00 (so an exception still applies to it).
- An exception for a date (or several: its hours in parts) replaces every interval that
  opens on that date (`closed: true` leaves none; special hours leave theirs). An
  overnight interval that opened the day before still runs on into that date.
- No regular hours and not 24/7: "unknown", never open, whatever the exceptions say (the
  page then shows "hours unknown" too).
- A public holiday (the territory's `holidays`) on a weekday a place opens, for which it
  declares no exception: if it is open every day of the week (or 24/7), its hours stand; else
  its hours that day are not known. While one of them would run, it is "holiday" (call before
  you go); closed before one, "holiday_next" (its next opening falls on the holiday: call),
  never "closed, opens Tuesday", which says it is closed on the holiday. An interval of another
  day still running into the holiday keeps it open.
- Intervals that touch or overlap, across midnight too, are one open period: 09:00-12:00 and
  12:00-17:00 close at 17:00.
- "Always open" is an open period that goes on more than 7 days past the moment asked
  about: a closing within the week is always named, even in a long run of open days.
- When closed, the next opening is looked for over the next 14 days; beyond, none is given.
- Wall times become instants with the zone's rules: a wall time that a DST change skips
  (02:30 on the spring-forward night) is the first instant after the gap (03:00); a wall
  time that happens twice (01:30 on the fall-back night) is its first occurrence.

The one-line text (`describe`) fills the site's translated templates (keys in LABEL_KEYS):
- open: "open_until" ("closes at 17 h") when the closing is the next time the clock shows
  that time (today, or tomorrow at an earlier clock time, as after an overnight interval),
  else "open_until_day" with {day} the weekday name, or, 7 days ahead, "weekday date"
  ("lundi 30 novembre");
- closed: "closed_opens_today", "closed_opens_tomorrow", "closed_opens_day" (2-6 days
  ahead, {day} the weekday name), "closed_opens_date" (7-14 days ahead, {date} from the
  "date" template, e.g. "{d} {month}" / "{month} {d}", with "months" January first);
  "closed" when no opening is in sight; "open_always"; "unknown"; "holiday"; "holiday_next".
A status of one of an organization's places (hours.js statusOfAny gives its "place" when the
others differ) is said with it: "at_place", "{status} ({place})".
Placeholders are {time}, {day}, {date} (and {d}, {month} in "date"); an unknown placeholder
is left as written rather than failing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
WHOLE_DAY = ("00:00", "24:00")  # an interval said "24 hours", not "midnight to midnight"
# Look this far ahead for the next opening; beyond, "closed" with no date.
HORIZON_DAYS = 14
# An open period still running this far ahead is "always open" (the labels name a weekday
# at most 6 days ahead, a date at 7).
ALWAYS_OPEN_DAYS = 7
LABEL_KEYS = (
    "open_until",
    "open_until_day",
    "open_always",
    "closed_opens_today",
    "closed_opens_tomorrow",
    "closed_opens_day",
    "closed_opens_date",
    "closed",
    "unknown",
    "holiday",
    "holiday_next",
    "at_place",
    "days",
    "months",
    "date",
)
_UTC = dt.timezone.utc
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def minutes(hhmm: str) -> int:
    """'09:30' -> 570; '24:00' -> 1440."""
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


_HHMM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d|24:00")


def weekly_schedule(intervals, setting: str) -> dict:
    """A schedule made of a setting's weekly hours, in a record's form ([{days, opens,
    closes}]), as hours.js reads it; ValueError naming the setting when it is not that."""
    if not isinstance(intervals, list) or not intervals:
        raise ValueError(f"{setting}: a list of {{days, opens, closes}}, as a record's hours")
    for n, interval in enumerate(intervals, 1):
        days = interval.get("days") if isinstance(interval, dict) else None
        times = [interval.get(key) for key in ("opens", "closes")] if isinstance(days, list) else []
        if not days or not set(days) <= set(DAYS) or not all(isinstance(t, str) and _HHMM.fullmatch(t) for t in times):
            raise ValueError(
                f"{setting}, interval {n}: days among {', '.join(DAYS)}, opens and closes as HH:MM ({interval!r})"
            )
    return {"open_24_7": False, "hours": intervals, "exceptions": []}


def _wall(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of a local wall time; minute may run past 1440 into the next day."""
    day += dt.timedelta(days=minute // 1440)
    minute %= 1440
    naive = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    # fold=0: the first occurrence of a repeated wall time.
    instant = naive.replace(tzinfo=zone).astimezone(_UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == naive:
        return instant
    # Skipped by DST: the two readings of the wall time straddle the change; find it.
    lo = naive.replace(tzinfo=zone, fold=1).astimezone(_UTC)
    lo, hi = min(lo, instant), max(lo, instant)
    while hi - lo > dt.timedelta(minutes=1):
        mid = lo + dt.timedelta(minutes=(hi - lo) // dt.timedelta(minutes=1) // 2)
        if mid.astimezone(zone).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid
    return hi


def open_every_day(schedule: dict) -> bool:
    """Whether a place opens on each day of the week (or round the clock): its hours stand on
    a public holiday."""
    return bool(schedule.get("open_24_7")) or set(DAYS) <= {
        code for i in schedule.get("hours") or [] for code in i["days"]
    }


def unsure_on(schedule: dict, day: dt.date, holidays) -> bool:
    """Whether a place's hours on a date are not known: a public holiday on a weekday it opens,
    that it declares no exception for, when it does not open every day."""
    date, code = day.isoformat(), DAYS[day.weekday()]
    return (
        date in holidays
        and not any(e["date"] == date for e in schedule.get("exceptions") or [])
        and not open_every_day(schedule)
        and any(code in i["days"] for i in schedule.get("hours") or [])
    )


def _intervals_opening_on(schedule: dict, day: dt.date, holidays=()) -> list[tuple[int, int]]:
    """(opens, closes) minutes of the intervals that open on a date, after exceptions (none
    on a public holiday of unsure hours)."""
    said = [exception for exception in schedule.get("exceptions") or [] if exception["date"] == day.isoformat()]
    if said:  # several: the day's special hours in parts (9:00-12:00 and 13:00-15:00)
        return [] if any(e.get("closed") for e in said) else [(minutes(e["opens"]), minutes(e["closes"])) for e in said]
    if holidays and unsure_on(schedule, day, holidays):
        return []
    if schedule.get("open_24_7"):
        return [(0, 1440)]
    code = DAYS[day.weekday()]
    return [(minutes(i["opens"]), minutes(i["closes"])) for i in schedule.get("hours") or [] if code in i["days"]]


def _open_periods(
    schedule: dict, first: dt.date, last: dt.date, zone: ZoneInfo, holidays=()
) -> list[list[dt.datetime]]:
    """Merged [start, end) UTC instants of the intervals opening between two dates."""
    periods = []
    day = first
    while day <= last:
        for opens, closes in _intervals_opening_on(schedule, day, holidays):
            # closes <= opens: runs into the next day (equal: 24 hours).
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


def zone_offsets(tz: str, start: dt.date, days: int) -> list[list]:
    """The zone's clock over `days` days from `start` (midnight UTC), for hours.js: [[instant
    (ms), minutes ahead of UTC], ...] from `start` and at each change, then [end, None]. The
    browser reads it instead of asking Intl, whose first use in a page costs tens of ms."""
    zone = ZoneInfo(tz)
    minute, day = dt.timedelta(minutes=1), dt.timedelta(days=1)

    def offset(instant: dt.datetime) -> int:
        return round(instant.astimezone(zone).utcoffset() / minute)

    def ms(instant: dt.datetime) -> int:
        return round(instant.timestamp() * 1000)

    first = dt.datetime.combine(start, dt.time(), tzinfo=_UTC)
    end = first + dt.timedelta(days=days)
    table = [[ms(first), offset(first)]]
    at = first
    # A zone changes its clock at most once a day (hours.js reads it so too): a day whose two
    # ends agree has no change.
    while at < end:
        if offset(at + day) != table[-1][1]:  # a change within this day: find its minute
            lo, hi = at, at + day
            while hi - lo > minute:
                mid = lo + (hi - lo) // minute // 2 * minute
                lo, hi = (lo, mid) if offset(mid) != table[-1][1] else (mid, hi)
            table.append([ms(hi), offset(hi)])
        at += day
    table.append([ms(end), None])
    return table


def _local_iso(instant: dt.datetime, zone: ZoneInfo) -> str:
    """An instant as local wall time, 'YYYY-MM-DDTHH:MM'."""
    return instant.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def status_at(schedule: dict, when: dt.datetime, tz: str, holidays=()) -> dict:
    """Open, closed, unknown or holiday at an aware instant, with the closing or next opening
    (local wall times in `tz`, the site's TIMEZONE: no zone is assumed here); `holidays`: the
    public holidays' dates, "YYYY-MM-DD"."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("status_at needs an aware datetime (with a time zone)")
    status = {"state": "unknown", "always_open": False, "closes_at": None, "opens_at": None}
    if not schedule.get("open_24_7") and not schedule.get("hours"):
        return status
    zone = ZoneInfo(tz)
    when = when.astimezone(_UTC)
    today = when.astimezone(zone).date()
    # From yesterday (an overnight interval still running) to one day past the horizon
    # (a 14-day look-ahead can end on the 15th calendar day).
    first, last = today - dt.timedelta(days=1), today + dt.timedelta(days=HORIZON_DAYS + 1)
    periods = _open_periods(schedule, first, last, zone, holidays)  # the hours it is sure of
    horizon = dt.timedelta(days=HORIZON_DAYS)
    for start, end in periods:
        if start <= when < end:
            if end - when > dt.timedelta(days=ALWAYS_OPEN_DAYS):
                return {**status, "state": "open", "always_open": True}
            return {**status, "state": "open", "closes_at": _local_iso(end, zone)}
    opens = next((start for start, _ in periods if when < start <= when + horizon), None)
    if holidays:
        # Its regular hours of a public holiday it is unsure of: running, or its next opening.
        regular = _open_periods(schedule, first, last, zone)
        if any(start <= when < end for start, end in regular):
            return {**status, "state": "holiday"}
        sooner = next((start for start, _ in regular if when < start <= when + horizon), None)
        if sooner is not None and (opens is None or sooner < opens):
            return {**status, "state": "holiday_next"}
    return {**status, "state": "closed", "opens_at": _local_iso(opens, zone) if opens else None}


def week_rows(schedule: dict) -> list[dict]:
    """The regular week, Monday first, each day's intervals in order, those that overlap as one
    (9:00-17:00 and 13:00-21:00 read "9 h à 17 h, 13 h à 21 h": as 9:00-21:00, which is what
    open now says); [] for 24/7 (callers say "24/7"). hours.js weekRows() gives the same."""
    if schedule.get("open_24_7"):
        return []
    rows = []
    for code in DAYS:
        intervals = sorted(
            (
                {"opens": i["opens"], "closes": i["closes"], "overnight": minutes(i["closes"]) <= minutes(i["opens"])}
                for i in schedule.get("hours") or []
                if code in i["days"]
            ),
            key=lambda i: (minutes(i["opens"]), minutes(i["closes"])),
        )
        rows.append({"day": code, "intervals": _joined(intervals)})
    return rows


def _joined(intervals: list[dict]) -> list[dict]:
    """A day's intervals, in order, with each one that opens before the one before closes
    merged into it (to the later closing; past midnight counts as after)."""
    joined: list[dict] = []
    for interval in intervals:
        last = joined[-1] if joined else None
        if last and minutes(interval["opens"]) < _end(last):
            if _end(interval) > _end(last):
                joined[-1] = {**last, "closes": interval["closes"], "overnight": interval["overnight"]}
        else:
            joined.append(interval)
    return joined


def _end(interval: dict) -> int:
    """Where an interval ends, in minutes from the start of its day (past 1440 overnight)."""
    return minutes(interval["closes"]) + (1440 if interval["overnight"] else 0)


def week_key(schedule: dict) -> tuple:
    """What a location's regular week is made of, hashable: the words of a week are made once
    for every location open the same hours (most share a few weeks), not once a page."""
    return bool(schedule.get("open_24_7")), tuple(
        (tuple(i["days"]), i["opens"], i["closes"]) for i in schedule.get("hours") or []
    )


def week_of(key: tuple) -> dict:
    """The schedule of a week_key (its regular week, no exceptions)."""
    always, intervals = key
    return {"open_24_7": always, "hours": [{"days": list(d), "opens": o, "closes": c} for d, o, c in intervals]}


def week_groups(schedule: dict) -> list[dict]:
    """The week in short: runs of consecutive days with the same intervals, Monday first,
    closed days left out ([{"first": "mo", "last": "fr", "intervals": [...]}]; [] for 24/7).
    hours.js weekGroups() gives the same (printed directories drawn in the browser)."""
    groups = []
    for row in week_rows(schedule):
        if not row["intervals"]:
            continue
        last = groups[-1] if groups else None
        if last and last["intervals"] == row["intervals"] and DAYS.index(last["last"]) + 1 == DAYS.index(row["day"]):
            last["last"] = row["day"]
        else:
            groups.append({"first": row["day"], "last": row["day"], "intervals": row["intervals"]})
    return groups


# How far ahead a place's special hours are listed: its page, and entries in short (lists, printouts).
UPCOMING_DAYS = 60


def upcoming_exceptions(schedule: dict, today: dt.date, days: int = UPCOMING_DAYS) -> list[dict]:
    """Exceptions dated from today to `days` ahead, by date; `overnight` when the special hours
    run past midnight (closes before it opens), as the week's intervals say; `until`, the last
    date they hold (the next one when overnight: a page read after them drops them, hours.js)."""
    exceptions = schedule.get("exceptions")
    if not exceptions:  # most places: asked for each place's entry, page, card and key
        return []
    first, last = _window(today, days)
    return sorted(
        (_with_end(e) for e in exceptions if first <= e["date"] <= last),
        key=lambda e: (e["date"], e.get("opens") or ""),  # a day's hours in parts, in order
    )


@functools.lru_cache(maxsize=4)
def _window(today: dt.date, days: int) -> tuple[str, str]:
    """The first and last dates listed, written once for the build's day rather than for
    every place (several times each: its page, card, printed entry and their keys)."""
    return today.isoformat(), (today + dt.timedelta(days=days)).isoformat()


def _with_end(exception: dict) -> dict:
    opens, closes = exception.get("opens"), exception.get("closes")
    overnight = bool(opens and closes) and minutes(closes) <= minutes(opens)
    end = dt.date.fromisoformat(exception["date"]) + dt.timedelta(days=1 if overnight else 0)
    return {**exception, "overnight": overnight, "until": end.isoformat()}


def upcoming_by_place(locations: list | None, today: dt.date) -> list[list[dict]]:
    """Each place's upcoming exceptions: what an organization's page, card and entry show that
    changes with the day alone (a key of the outputs kept between builds: page_cache.py)."""
    return [upcoming_exceptions(place, today) for place in locations or []]


# Between a time's parts: a time is never cut at the end of a line ("de 8 h 30 à 16 / h 30",
# "1 / p.m." on paper and on a phone).
TIME_SPACE = "\u00a0"


def format_time(hhmm: str, lang: str) -> str:
    """'09:30' as people read it: French '9 h 30' ('24:00' is '24 h'), English '9:30 a.m.',
    'noon' and 'midnight' ("12 a.m." is read as either); its parts joined by TIME_SPACE."""
    hour, minute = divmod(minutes(hhmm), 60)
    if lang == "fr":
        return f"{hour}{TIME_SPACE}h" + (f"{TIME_SPACE}{minute:02d}" if minute else "")
    if not minute and hour % 12 == 0:
        return "noon" if hour == 12 else "midnight"
    hour %= 24
    suffix = "a.m." if hour < 12 else "p.m."
    shown = hour % 12 or 12
    return f"{shown}:{minute:02d}{TIME_SPACE}{suffix}" if minute else f"{shown}{TIME_SPACE}{suffix}"


def _fill(template: str, values: dict) -> str:
    """Replace {name} placeholders; unknown ones stay as written (as in hours.js)."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def describe(status: dict, now_local_iso: str, lang: str, labels: dict) -> str:
    """The one-line text of a status at a local wall time 'YYYY-MM-DDTHH:MM' (rules in the module docstring)."""
    said = _said(status, now_local_iso, lang, labels)
    return _fill(labels["at_place"], {"status": said, "place": status["place"]}) if status.get("place") else said


def _said(status: dict, now_local_iso: str, lang: str, labels: dict) -> str:
    if status["state"] in ("unknown", "holiday", "holiday_next"):
        return labels[status["state"]]
    if status["state"] == "open":
        if status["always_open"] or not status["closes_at"]:
            return labels["open_always"]
        moment = status["closes_at"]
        ahead = _days_ahead(moment, now_local_iso)
        # "closes at 6 h" is clear when it is the next 6 h on the clock.
        if ahead <= 0 or (ahead == 1 and moment[11:16] < now_local_iso[11:16]):
            return _fill(labels["open_until"], _values(labels, moment, lang))
        values = _values(labels, moment, lang)
        if ahead > 6:
            values["day"] = f"{values['day']} {values['date']}"
        return _fill(labels["open_until_day"], values)
    if not status["opens_at"]:
        return labels["closed"]
    moment = status["opens_at"]
    ahead = _days_ahead(moment, now_local_iso)
    key = (
        "closed_opens_today"
        if ahead <= 0
        else "closed_opens_tomorrow"
        if ahead == 1
        else "closed_opens_day"
        if ahead <= 6
        else "closed_opens_date"
    )
    return _fill(labels[key], _values(labels, moment, lang))


def _days_ahead(moment: str, now_local_iso: str) -> int:
    """Calendar days from the local date of now to the date of a local wall time."""
    return (dt.date.fromisoformat(moment[:10]) - dt.date.fromisoformat(now_local_iso[:10])).days


def _values(labels: dict, moment: str, lang: str) -> dict:
    """The {time}, {day} and {date} of a local wall time, in the labels' language."""
    date = dt.date.fromisoformat(moment[:10])
    return {
        "time": format_time(moment[11:16], lang),
        "day": labels["days"][DAYS[date.weekday()]],
        "date": _fill(labels["date"], {"d": date.day, "month": labels["months"][date.month - 1]}),
    }
