"""Alert bulletins, without Pelican: the window an alert is shown in, and whether it is on.

A bulletin with `Alert: true` carries `Alert_start` and `Alert_end`, each a date
(YYYY-MM-DD: the start of that day, or the whole end day included) or a local time
(YYYY-MM-DD HH:MM, in the site's TIMEZONE; the end is excluded). The build decides which
alerts are on for its "today"; the page also carries the window as UTC instants, so that
the browser checks it again against its own clock (theme/static/js/alert-banner.js).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?")
TRUE = {"true", "yes", "oui", "1"}
FALSE = {"false", "no", "non", "0", ""}


@dataclass(frozen=True)
class Window:
    """From `start` (included) to `end` (excluded), as aware datetimes."""

    start: dt.datetime
    end: dt.datetime

    def state(self, today: dt.date, zone: ZoneInfo) -> str:
        """ "upcoming", "active" or "expired" on a local day (active: the window meets that day)."""
        day_start = dt.datetime.combine(today, dt.time(), zone)
        day_end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), zone)
        if self.end <= day_start:
            return "expired"
        if self.start >= day_end:
            return "upcoming"
        return "active"

    def state_at(self, instant: dt.datetime) -> str:
        """The state at an exact moment (what the browser computes)."""
        return "upcoming" if instant < self.start else "expired" if instant >= self.end else "active"

    @staticmethod
    def utc(moment: dt.datetime) -> str:
        return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def start_utc(self) -> str:
        return self.utc(self.start)

    @property
    def end_utc(self) -> str:
        return self.utc(self.end)


MAX_ALERT_DAYS = 366


def parse_moment(value, zone: ZoneInfo, *, end: bool) -> dt.datetime:
    """A date or local date-time as an aware datetime; a bare end date includes its whole day."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, dt.date):
        value = value.isoformat()
    match = _MOMENT.fullmatch(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or a time (YYYY-MM-DD HH:MM)")
    try:
        day = dt.date.fromisoformat(match.group(1))
    except ValueError:  # "day is out of range for month" said neither the value nor the form
        raise ValueError(f"{value!r} is not a date: no such day (YYYY-MM-DD)") from None
    if not 2000 <= day.year <= 2999:  # a typing error (9999-12-31 overflowed a day later)
        raise ValueError(f"{value!r}: an alert's date is between the years 2000 and 2999")
    if match.group(2) is None:
        return dt.datetime.combine(day + dt.timedelta(days=1 if end else 0), dt.time(), zone)
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise ValueError(f"{value!r}: no such time of day")
    return dt.datetime.combine(day, dt.time(hour, minute), zone)


def alert_window(metadata: dict, zone: ZoneInfo) -> tuple[Window | None, list[tuple[str, str]]]:
    """The alert window of a bulletin's metadata (None if it is no alert) and its problems as (field, message)."""
    flag = str(metadata.get("alert", "")).strip().lower()
    if flag not in TRUE | FALSE:
        return None, [("Alert", f"{metadata.get('alert')!r} is not true or false")]
    if flag in FALSE:
        stray = [name for name in ("alert_start", "alert_end") if name in metadata]
        return None, [(name.capitalize(), "only an alert (Alert: true) has a window") for name in stray]
    problems, moments = [], {}
    for name, is_end in (("alert_start", False), ("alert_end", True)):
        if not metadata.get(name):
            problems.append((name.capitalize(), "an alert needs a start and an end (YYYY-MM-DD)"))
            continue
        if isinstance(metadata[name], (list, tuple)):  # the line given again: Markdown's meta made a list
            problems.append((name.capitalize(), f"given {len(metadata[name])} times: keep one"))
            continue
        try:
            moments[name] = parse_moment(metadata[name], zone, end=is_end)
        except ValueError as exc:
            problems.append((name.capitalize(), str(exc)))
    if problems:
        return None, problems
    if moments["alert_end"] <= moments["alert_start"]:
        return None, [("Alert_end", "the end comes before the start")]
    days = (moments["alert_end"] - moments["alert_start"]).days
    if days > MAX_ALERT_DAYS:
        # From 2000 to 2999 built: a banner on every page, and in the offline copy, for ever.
        return None, [
            (
                "Alert_end",
                f"an alert of {days:,} days: at most {MAX_ALERT_DAYS} (an alert is for a passing emergency; "
                "a lasting notice is a bulletin without Alert)",
            )
        ]
    return Window(moments["alert_start"], moments["alert_end"]), []
