"""Template helpers of the statistics pages, in the language of the page."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal, format_percent
from jinja2 import pass_context

from repertoire.catalogs import page_helper
from repertoire.wording import page_locale

from . import charts

# How a month is written under a chart and in a sentence (CLDR patterns).
MONTH_FORMS = {"short": "MMM y", "long": "MMMM y"}


@page_helper
@pass_context
def format_number(context, value) -> str:
    """A whole number as the page's language writes it (11 029 / 11,029)."""
    return format_decimal(value, locale=page_locale(context))


@page_helper
@pass_context
def format_share(context, part, whole) -> str:
    """part/whole as a rounded percentage (15 % / 15%)."""
    return format_percent(part / whole if whole else 0, locale=page_locale(context))


@page_helper
@pass_context
def format_month(context, month: str, form: str = "long") -> str:
    """A YYYY-MM month as words: avril 2018 / April 2018 (short: avr. 2018 / Apr. 2018)."""
    day = dt.date(int(month[:4]), int(month[5:7]), 1)
    return babel_format_date(day, format=MONTH_FORMS[form], locale=page_locale(context))


def install(env) -> None:
    """Register the helpers (and the chart geometry's number format) in a Jinja environment."""
    env.globals.update(
        format_number=format_number, format_share=format_share, format_month=format_month, month_labels=month_labels
    )
    env.filters.update(coord=charts.fmt)


@page_helper
@pass_context
def month_labels(context, months: list[str]) -> dict:
    """{month: [short, long]} for the browser, which draws the same labels as the build."""
    return {month: [format_month(context, month, "short"), format_month(context, month)] for month in months}
