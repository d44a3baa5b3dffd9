"""Template helpers of the news pages and the alert banner."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from jinja2 import pass_context

from repertoire.catalogs import page_helper
from repertoire.today import build_today

from .alerts import alert_window


@page_helper
@pass_context
def alert_period(context, article) -> dict | None:
    """An alert bulletin's window for people: first and last day (local), and its state on the build's day."""
    zone = ZoneInfo(context.get("TIMEZONE") or "UTC")
    window, _ = alert_window(article.metadata, zone)
    if window is None:
        return None
    last = (window.end - dt.timedelta(minutes=1)).astimezone(zone)
    return {
        "first": window.start.astimezone(zone).date(),
        "last": last.date(),
        "state": window.state(build_today(context), zone),
    }


def install(env) -> None:
    """Register the helpers in a Jinja environment."""
    env.globals.update(alert_period=alert_period)
