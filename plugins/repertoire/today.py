"""The date a build treats as today: labels such as "open now", "stale" and the alerts in force
depend on it."""

from __future__ import annotations

import datetime as dt


def build_today(settings) -> dt.date:
    """The date the build treats as today (settable for reproducible builds)."""
    fixed = settings.get("DIRECTORY_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
