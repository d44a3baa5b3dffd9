"""Template helpers that answer in the language of the page being rendered."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from jinja2 import pass_context
from markupsafe import Markup, escape

from . import hours, records, urls
from .modules import module_graph
from .i18n import load_catalog, page_lang


@lru_cache(maxsize=None)
def _babel(locale: str) -> Locale:
    """Babel's data for a locale (parsed once: it is used on every page)."""
    return Locale.parse(locale)


def page_locale(context) -> str:
    """The Babel locale of the page's language: the territory's (content/territories.yaml)."""
    directory, lang = context.get("directory"), page_lang(context)
    return directory.taxonomy.conventions.locale(lang) if directory else lang


def _(message: str) -> str:
    """Marks a UI string for extraction into the catalogs; translated where it is used."""
    return message


# The live "open now" line's texts (hours.LABEL_KEYS), translated once per language.
HOURS_LABELS = {
    "open_until": _("Open · closes at {time}"),
    "open_until_day": _("Open · closes {day} at {time}"),
    "open_always": _("Open 24 hours a day"),
    "closed_opens_today": _("Closed · opens at {time}"),
    "closed_opens_tomorrow": _("Closed · opens tomorrow at {time}"),
    "closed_opens_day": _("Closed · opens {day} at {time}"),
    "closed_opens_date": _("Closed · opens on {date} at {time}"),
    "closed": _("Closed"),
    "unknown": _("Hours unknown: call before you go"),
    "date": _("{month} {d}"),
}


@pass_context
def locale_tag(context) -> str:
    """The page's locale as the browser's Intl names it (fr-CA): scripts write dates and numbers as the build does."""
    return page_locale(context).replace("_", "-")


@lru_cache(maxsize=None)
def hours_labels_json(translations_dir: str, lang: str, locale: str) -> str:
    """The labels hours.js needs, as JSON, for one language (day and month names of `locale`)."""
    catalog = load_catalog(translations_dir, lang)
    labels = {key: catalog.gettext(message) for key, message in HOURS_LABELS.items()}
    wide = _babel(locale).days["format"]["wide"]  # keyed 0 (Monday) to 6
    labels["days"] = {code: wide[i] for i, code in enumerate(hours.DAYS)}
    labels["months"] = [_babel(locale).months["format"]["wide"][i] for i in range(1, 13)]
    return to_json(labels)


@pass_context
def current_lang(context) -> str:
    """The language of the page being rendered."""
    return page_lang(context)


@pass_context
def tr(context, value) -> Markup:
    """Bilingual text in the page's language; French fallback is marked lang="fr"."""
    lang = page_lang(context)
    text, actual = records.text(value, lang)
    if actual != lang:
        return Markup('<span lang="{}">{}</span>').format(actual, text)
    return escape(text)


@pass_context
def tr_lang(context, value) -> str:
    """The language a bilingual value is shown in on this page (for lang attributes)."""
    return records.text(value, page_lang(context))[1]


@pass_context
def plain(context, value) -> str:
    """Bilingual text as plain text (titles, attributes)."""
    return records.text(value, page_lang(context))[0]


@pass_context
def url_for(context, kind: str, lang: str | None = None, **fields) -> str:
    """A page's address relative to the site root, in this page's language by default."""
    return urls.url_for(context, kind, lang or page_lang(context), **fields)


@pass_context
def format_date(context, value, form: str = "long") -> str:
    """A date as people of the page's language write it (14 septembre 2026 / September 14, 2026)."""
    return date_in(value, page_locale(context), form)


def date_in(value, locale: str, form: str = "long") -> str:
    """format_date() outside a template (the printed directories), in a Babel locale."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return babel_format_date(value, format=form, locale=locale)


@pass_context
def language_name(context, code: str) -> str:
    """The name of a language (ISO 639-1) in the page's language."""
    return language_name_in(code, page_locale(context))


def language_name_in(code: str, locale: str) -> str:
    """The name of a language (ISO 639-1) in a Babel locale: "anglais" for en in fr_CA."""
    return _babel(locale).languages.get(code) or code


def endonym(code: str) -> str:
    """A language's name in that language (for the language switch)."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@pass_context
def day_name(context, day: str) -> str:
    """A weekday (mo..su) in the page's language."""
    return _babel(page_locale(context)).days["format"]["wide"][hours.DAYS.index(day)]


@pass_context
def hours_labels(context) -> str:
    """JSON of the open-now texts in the page's language (computed once per language)."""
    return hours_labels_json(str(Path(context["THEME"]) / "translations"), page_lang(context), page_locale(context))


# The zone's clock a page gives hours.js, over fixed years rather than around the build's
# date: pages are kept from one build to the next (page_cache.py) and must not depend on the
# day. Outside these years hours.js asks Intl, as it would with no table.
OFFSETS_FROM, OFFSETS_YEARS = dt.date(2025, 1, 1), 15


@lru_cache(maxsize=None)
def zone_offsets_json(tz: str) -> str:
    """JSON of a time zone's offsets over the fixed years (hours.zone_offsets)."""
    end = OFFSETS_FROM.replace(year=OFFSETS_FROM.year + OFFSETS_YEARS)
    return to_json(hours.zone_offsets(tz, OFFSETS_FROM, (end - OFFSETS_FROM).days))


@pass_context
def tz_offsets(context) -> str:
    """JSON of the site's time zone offsets, for hours.js (data-tz-offsets)."""
    return zone_offsets_json(context["TIMEZONE"])


@pass_context
def format_time(context, value: str) -> str:
    """A time "HH:MM" as the page's language writes it (9 h 30 / 9:30 a.m.)."""
    return hours.format_time(value, page_lang(context))


@pass_context
def hours_in_short(context, location: dict) -> str:
    """A location's week on one line, as entry.js writes it ("lundi–vendredi : 9 h à 17 h")."""
    return week_in_short(location, page_lang(context), str(Path(context["THEME"]) / "translations"),
                         page_locale(context))


def week_in_short(location: dict, lang: str, translations_dir: str, locale: str) -> str:
    """hours_in_short() outside a template: printed entries and the lists' Hours column (day
    names of `locale`, the territory's for `lang`)."""
    say = load_catalog(translations_dir, lang).gettext
    if location.get("open_24_7"):
        return say("Open 24 hours a day, 7 days a week.")
    groups = hours.week_groups(location)
    if not groups:
        return say("Hours unknown: call before you go.")
    names = _babel(locale).days["format"]["wide"]
    day = lambda code: names[hours.DAYS.index(code)]  # noqa: E731
    parts = []
    for group in groups:
        days = day(group["first"]) if group["first"] == group["last"] else f"{day(group['first'])}–{day(group['last'])}"
        spans = ", ".join(
            say("%(opens)s to %(closes)s") % {"opens": hours.format_time(i["opens"], lang),
                                              "closes": hours.format_time(i["closes"], lang)}
            + (f" {say('(next day)')}" if i["overnight"] else "") for i in group["intervals"])
        parts.append(say("%(days)s: %(hours)s") % {"days": days, "hours": spans})
    return "; ".join(parts)


def _numbering(context):
    return context["directory"].taxonomy.conventions.phones


@pass_context
def phone_link(context, number: str) -> str:
    """The tel: address (RFC 3966) of a stored phone."""
    return "tel:" + _numbering(context).tel_of(number)


@pass_context
def phone_text(context, number: str) -> str:
    """A stored phone as the page's language writes it (514 555-0123, poste 12 / 514-555-0123 ext. 12)."""
    return _numbering(context).text_of(number, page_lang(context))


def page_alternates(page) -> list[tuple[str, str]]:
    """(lang, url) of a Markdown page and its translations, for hreflang and the language switch."""
    return sorted([(item.lang, item.url) for item in [page, *page.translations]])


def groupby_primary(organizations) -> list:
    """Consecutive runs of organizations sharing a primary category (lists come sorted by it)."""
    groups: list = []
    for org in organizations:
        if not groups or groups[-1][0] != org.primary_category:
            groups.append((org.primary_category, []))
        groups[-1][1].append(org)
    return groups


def to_json(value) -> str:
    """Compact JSON for data attributes (escaped by Jinja when placed in an attribute)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@pass_context
def theme_modules(context, entry: str) -> tuple[str, ...]:
    """What theme/js/<entry> imports, transitively (for <link rel="modulepreload">)."""
    return module_graph(str(Path(context["THEME"]) / "static" / "js"), entry)


def list_columns(lang: str) -> dict:
    """The build's list headers and status words in `lang`, for the browser's "my list" CSV."""
    from exports.tables import HEADERS, STATUS  # the exports plugin owns the lists' columns

    return {"headers": HEADERS.get(lang, HEADERS["en"]), "status": STATUS.get(lang, STATUS["en"])}


def install(env) -> None:
    """Register the helpers in a Jinja environment."""
    env.globals.update(
        current_lang=current_lang, tr=tr, tr_lang=tr_lang, plain=plain, url_for=url_for, format_date=format_date,
        language_name=language_name, endonym=endonym, day_name=day_name, hours_labels=hours_labels, tz_offsets=tz_offsets, format_time=format_time, phone_link=phone_link,
        phone_text=phone_text, locale_tag=locale_tag,
        hours_in_short=hours_in_short, module_graph=theme_modules, list_columns=list_columns,
        week_rows=hours.week_rows, page_alternates=page_alternates, upcoming_exceptions=hours.upcoming_exceptions,
    )
    env.filters.update(to_json=to_json, groupby_primary=groupby_primary)
    env.tests["containing"] = lambda collection, item: item in collection
