"""Template helpers that answer in the language of the page being rendered."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from babel import Locale
from jinja2 import pass_context
from markupsafe import Markup, escape

from repertoire import fields, hours, records, urls
from repertoire.catalogs import load_catalog, page_helper, page_lang
from repertoire.compact import every_phone, first_call
from repertoire.data_attributes import attribute_json, json_attribute_text
from repertoire.paragraphs import paragraphs_of
from repertoire.tables import STATUS, headers
from repertoire.typography import kept_whole_html
from repertoire.wording import (
    PHONE_KINDS,
    address_line,
    babel_locale,
    city_line,
    date_in,
    interval_in,
    language_name_in,
    page_locale,
    phone_said,
    place_names,
    special_by_date,
    special_in_short,
    street_line,
    week_in_short,
    zone_offsets_json,
)

from .modules import module_graph
from .page_context import page_escape


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
    "holiday": _("Public holiday: call before you go"),
    "holiday_next": _("Closed · a public holiday next: call first"),
    # One of an organization's places: "Open · closes at 9 p.m. (Laval)".
    "at_place": _("{status} ({place})"),
    # An organization with a helpline, whose hours no record gives: its places' status is
    # said as theirs ("Fermé" under a crisis line's number read as no one answering), unless
    # they are open round the clock.
    "on_site": _("On site: {status}"),
    "date": _("{month} {d}"),
}


# A week in short in the browser (entry.js hours()): the words of wording.week_in_short.
WEEK_TEXTS = {
    "always": _("Open 24 hours a day, 7 days a week."),
    "unknown": _("Hours unknown: call before you go."),
    "group": _("%(days)s: %(hours)s"),
    "interval": _("%(opens)s to %(closes)s"),
    "next_day": _("(next day)"),
    "whole_day": _("24 hours"),
    # A place's special hours ahead, after its week (wording.py special_in_short)
    "special": _("Special hours:"),
    "exception_closed": _("%(date)s: closed"),
    "exception_hours": _("%(date)s: %(opens)s to %(closes)s"),
}
# The blanks entry.js fills (text.js fill()) where the catalog's messages have theirs.
WEEK_BLANKS = {"days": "{days}", "hours": "{hours}", "opens": "{opens}", "closes": "{closes}", "date": "{date}"}


def to_json(value) -> Markup:
    """A value as JSON for a data attribute between single quotes (data_attributes.py)."""
    return Markup(attribute_json(value))


# Where a page's part begins: a level-2 heading at a line's start (as Markdown writes it).
_PART = re.compile(r"^(?=<h2[\s>])", re.MULTILINE)


def sectioned(html: str) -> Markup:
    """A page's text with each part under a level-2 heading in a <section>, which print keeps
    on one sheet: the N-1-1 guide printed "9-8-8" as a heading at a sheet's foot and its
    number on the next (a counsellor's print probe)."""
    head, *parts = _PART.split(str(html))
    return Markup(head + "".join(f'<section class="prose__part">\n{part}</section>\n' for part in parts))


def kept_whole(text) -> Markup:
    """A plain text (a title) escaped, its numbers and times kept on one line (typography.py)."""
    return Markup(kept_whole_html(str(escape(text))))


def json_attribute(text: str) -> Markup:
    """A JSON text for a data attribute between single quotes (data_attributes.py)."""
    return Markup(json_attribute_text(text))


@lru_cache(maxsize=None)
def _translations(theme: str) -> str:
    """The theme's catalogs folder, as load_catalog knows it: asked by helpers called some
    thirty times a page, where making the path cost more than the rest of the helper."""
    return str(Path(theme) / "translations")


@page_helper
@pass_context
def locale_tag(context) -> str:
    """The page's locale as the browser's Intl names it (fr-CA): scripts write dates and numbers as the build does."""
    return page_locale(context).replace("_", "-")


def has_helpline(data: dict) -> bool:
    """Whether a record gives a helpline (a phone of type hotline) among its numbers."""
    return any(phone.get("type") == "hotline" for phone in every_phone(data))


@lru_cache(maxsize=None)
def hours_labels_json(translations_dir: str, lang: str, locale: str) -> Markup:
    """The labels hours.js needs, as JSON, for one language (day and month names of `locale`)."""
    catalog = load_catalog(translations_dir, lang)
    labels = {key: catalog.gettext(message) for key, message in HOURS_LABELS.items()}
    wide = babel_locale(locale).days["format"]["wide"]  # keyed 0 (Monday) to 6
    labels["days"] = {code: wide[i] for i, code in enumerate(hours.DAYS)}
    labels["months"] = [babel_locale(locale).months["format"]["wide"][i] for i in range(1, 13)]
    return to_json(labels)


@page_helper
@pass_context
def current_lang(context) -> str:
    """The language of the page being rendered."""
    return page_lang(context)


@page_helper
@pass_context
def tr(context, value) -> Markup:
    """Bilingual text in the page's language; French fallback is marked lang="fr"."""
    lang = page_lang(context)
    text, actual = records.text(value, lang)
    if actual != lang:
        return Markup('<span lang="%s">%s</span>') % (actual, text)
    return page_escape(text)  # markupsafe's escape, at less cost (some thirty a page)


@page_helper
@pass_context
def tr_lang(context, value) -> str:
    """The language a bilingual value is shown in on this page (for lang attributes)."""
    return records.text(value, page_lang(context))[1]


@page_helper
@pass_context
def plain(context, value) -> str:
    """Bilingual text as plain text (titles, attributes)."""
    return records.text(value, page_lang(context))[0]


@page_helper
@pass_context
def url_for(context, kind: str, lang: str | None = None, **fields) -> str:
    """A page's address relative to the site root, in this page's language by default."""
    return urls.url_for(context, kind, lang or page_lang(context), **fields)


# The lists whose pages after the first are not in a language's offline pack, and the search
# filter that gives each whole (not-saved.js).
LIST_FILTERS = (("DIRECTORY_CATEGORY", "category"), ("REGION", "region"))


@page_helper
@pass_context
def list_searches(context) -> Markup:
    """For each language, each list's address (SLUG for its own), its search filter, the
    language's search page and the language, as JSON for a data attribute."""
    return to_json(
        [
            [urls.url_for(context, kind, code, slug="SLUG"), search_filter, urls.url_for(context, "SEARCH", code), code]
            for code in context["LANGUAGES"]
            for kind, search_filter in LIST_FILTERS
        ]
    )


@page_helper
@pass_context
def format_date(context, value, form: str = "long") -> str:
    """A date as people of the page's language write it (14 septembre 2026 / September 14, 2026)."""
    return date_in(value, page_locale(context), form)


@page_helper
@pass_context
def language_name(context, code: str) -> str:
    """The name of a language (ISO 639-1) in the page's language."""
    return language_name_in(code, page_locale(context))


@lru_cache(maxsize=None)
def endonym(code: str) -> str:
    """A language's name in that language (for the language switch). Kept: Babel parses the
    locale at each call, and every page of the directory names the other language."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@page_helper
@pass_context
def day_name(context, day: str) -> str:
    """A weekday (mo..su) in the page's language."""
    return babel_locale(page_locale(context)).days["format"]["wide"][hours.DAYS.index(day)]


@page_helper
@pass_context
def location_in_short(context, location: dict) -> tuple[str, str, str]:
    """A location's address, week and special hours ahead, as a printed list gives them
    (entry.js address(), hours() and special(), printed/document.py entry())."""
    lang, folder = page_lang(context), _translations(context["THEME"])
    return (
        address_line(location, lang),
        week_in_short(location, lang, folder, page_locale(context)),
        special_hours_ahead(context, location),
    )


@page_helper
@pass_context
def special_hours_ahead(context, location: dict) -> str:
    """A location's special hours of the coming weeks on one line (wording.special_in_short)."""
    folder = _translations(context["THEME"])
    return special_in_short(location, context["directory"].today, page_lang(context), folder, page_locale(context))


@page_helper
@pass_context
def special_hours_by_date(context, location: dict) -> list[tuple[str, str]]:
    """special_hours_ahead's parts with their dates (wording.special_by_date)."""
    folder = _translations(context["THEME"])
    return special_by_date(location, context["directory"].today, page_lang(context), folder, page_locale(context))


@page_helper
@pass_context
def week_words(context) -> dict:
    """What entry.js needs to write a week and its special hours in short in the page's
    language: {texts, names: {days}, special_days}."""
    gettext = load_catalog(_translations(context["THEME"]), page_lang(context)).gettext
    days = babel_locale(page_locale(context)).days["format"]["wide"]
    return {
        "texts": {
            key: gettext(message) % WEEK_BLANKS if "%" in message else gettext(message)
            for key, message in WEEK_TEXTS.items()
        },
        "names": {"days": {code: days[number] for number, code in enumerate(hours.DAYS)}},
        "special_days": hours.UPCOMING_DAYS,  # how far ahead special hours are listed, as pages do
    }


@page_helper
@pass_context
def opening_hours(context, schedule: dict) -> tuple[tuple[str, tuple[Markup, ...]], ...]:
    """The regular week as a location's hours table shows it: each day's name and the words of
    its intervals, in the page's language. Made here rather than in the template: a day row
    made four calls through the template's context, and the locations with their hours were
    a quarter of an organization page's time."""
    return _week_table(hours.week_key(schedule), page_lang(context), page_locale(context), context["THEME"])


@lru_cache(maxsize=4096)
def _week_table(week: tuple, lang: str, locale: str, theme: str) -> tuple[tuple[str, tuple[Markup, ...]], ...]:
    days = babel_locale(locale).days["format"]["wide"]
    folder = _translations(theme)
    return tuple(
        (
            days[hours.DAYS.index(row["day"])],
            tuple(_interval(folder, lang, i["opens"], i["closes"], i["overnight"]) for i in row["intervals"]),
        )
        for row in hours.week_rows(hours.week_of(week))
    )


@lru_cache(maxsize=4096)
def _interval(folder: str, lang: str, opens: str, closes: str, overnight: bool) -> Markup:
    # Markup: the catalog's words as the template's _() outputs them (times are digits and letters).
    return Markup(interval_in(opens, closes, overnight, lang, load_catalog(folder, lang).gettext))


def schedule_json(location: dict) -> Markup:
    """A location's schedule as hours.js reads it (data-schedule): made once for the pages of
    both languages, which render one after the other (the location is a record's, unchanged)."""
    known = _SCHEDULES.get(id(location))
    if known is not None and known[0] is location:
        return known[1]
    if len(_SCHEDULES) >= 256:
        _SCHEDULES.clear()
    made = to_json(_schedule(location))
    _SCHEDULES[id(location)] = (location, made)  # the location kept: its id is not reused meanwhile
    return made


def _schedule(location: dict) -> dict:
    return {
        "open_24_7": location.get("open_24_7") or False,
        "hours": location.get("hours") or [],
        "exceptions": location.get("exceptions") or [],
    }


_SCHEDULES: dict[int, tuple[dict, Markup]] = {}


def schedules_json(locations: list | None, lang: str) -> Markup:
    """The schedules of an organization's places that give hours, as its top line and its card
    read them (hours.js: open when any is): that of its one place, a list when there are several,
    "" when none gives hours. The first place alone said "closed, opens tomorrow" while another
    was open, and the "open now" filter left the organization out (a helper's probe). In a list,
    each names its place (wording.place_names): the line says which one is open."""
    timed = [loc for loc in locations or [] if isinstance(loc, dict) and (loc.get("hours") or loc.get("open_24_7"))]
    if len(timed) <= 1:
        return schedule_json(timed[0]) if timed else Markup("")
    return to_json([{**_schedule(loc), "place": name} for loc, name in zip(timed, place_names(timed, lang))])


@page_helper
@pass_context
def phone_kind(context, kind: str | None) -> Markup | str:
    """How a phone other than a voice line is named beside its number ("" for a voice line)."""
    message = PHONE_KINDS.get(kind or "voice")
    if not message:
        return ""
    # Marked safe, as the template's _() outputs a catalog's words.
    return Markup(load_catalog(_translations(context["THEME"]), page_lang(context)).gettext(message))


@page_helper
@pass_context
def say_in(context, lang: str, message: str) -> Markup:
    """A catalog message in another language than the page's: a page for every language (the
    root, the 404) says its own words in each."""
    return Markup(load_catalog(_translations(context["THEME"]), lang).gettext(message))


@page_helper
@pass_context
def hours_labels(context) -> Markup:
    """JSON of the open-now texts in the page's language (computed once per language)."""
    return hours_labels_json(_translations(context["THEME"]), page_lang(context), page_locale(context))


@page_helper
@pass_context
def tz_offsets(context) -> Markup:
    """JSON of the site's time zone offsets, for hours.js (data-tz-offsets)."""
    return json_attribute(zone_offsets_json(context["TIMEZONE"]))


@page_helper
@pass_context
def helpline_schedule(context) -> Markup:
    """JSON of when the helpline answers (HELPLINE_SCHEDULE), for its open-now line; "" when
    the setting gives no hours. At night the box said "Call 2-1-1" and no more than its hours
    in words: a person called a line that was closed."""
    given = context.get("HELPLINE_SCHEDULE")
    return to_json(hours.weekly_schedule(given, "HELPLINE_SCHEDULE")) if given else Markup("")


@page_helper
@pass_context
def public_holidays(context) -> Markup:
    """JSON of the territory's public holidays, for hours.js (data-holidays)."""
    return to_json(list(context["directory"].taxonomy.conventions.holidays))


@page_helper
@pass_context
def format_time(context, value: str) -> str:
    """A time "HH:MM" as the page's language writes it (9 h 30 / 9:30 a.m.)."""
    return hours.format_time(value, page_lang(context))


def _numbering(context):
    return context["directory"].taxonomy.conventions.phones


def card_points(locations) -> str:
    """A list card's data-points (near-me.js): "lat,lon;lat,lon" of the located locations."""
    return ";".join(
        f"{loc['coordinates'][0]},{loc['coordinates'][1]}" for loc in locations or [] if loc.get("coordinates")
    )


@page_helper
@pass_context
def phone_link(context, number: str, kind: str = "voice") -> str:
    """The tel: address (RFC 3966) of a stored phone; the sms: address (RFC 5724) of a line
    for text messages, which a tap would otherwise call (record.js phoneHref)."""
    tel = _numbering(context).tel_of(number, kind)
    return f"sms:{tel.split(';')[0]}" if kind == "text" else f"tel:{tel}"


@page_helper
@pass_context
def phone_text(context, number: str, kind: str = "voice") -> str:
    """A stored phone as the page's language writes it (514 555-0123, poste 12 / 514-555-0123 ext. 12)."""
    return _numbering(context).text_of(number, page_lang(context), kind or "voice")


@page_helper
@pass_context
def printed_contact(context, data: dict) -> Markup:
    """A list card's contact line on paper: every number (compact.every_phone) with what it is
    (wording.phone_said), then the website and the e-mail, joined by " · " (a number kept on
    one line). Empty for a record that gives none. In Python: a card of every list."""
    numbering, lang = _numbering(context), page_lang(context)
    catalog = load_catalog(_translations(context["THEME"]), lang)
    parts = []
    # Markup's %, not its format(): the same escaping, without string.Formatter's Python steps.
    for phone in every_phone(data):
        said, actual = phone_said(phone, lang, catalog.gettext)
        if actual != lang:
            said = Markup('<span lang="%s">%s</span>') % (actual, said)
        number = numbering.text_of(phone["number"], lang, phone.get("type") or "voice")
        parts.append(Markup("<span>%s</span> (%s)") % (number, said) if said else Markup("<span>%s</span>") % number)
    parts += [escape(web) for web in (data.get("website"), data.get("email")) if web]
    return Markup(" · ").join(parts)


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


@page_helper
@pass_context
def theme_modules(context, entry: str) -> tuple[str, ...]:
    """What theme/js/<entry> imports, transitively (for <link rel="modulepreload">)."""
    return module_graph(str(Path(context["THEME"]) / "static" / "js"), entry)


@page_helper
@pass_context
def list_columns(context, lang: str) -> dict:
    """The build's list headers and status words in `lang`, and the declared facts that are
    columns, for the browser's "my list" CSV (entry.js row(), as tables.organization_row)."""
    gettext = load_catalog(_translations(context["THEME"]), lang).gettext
    return {
        "headers": headers(gettext),
        "status": {status: gettext(words) for status, words in STATUS.items()},
        "facts": [[field.name, field.kind, field.owner] for field in fields.columns()],
        "short": [
            [field.name, field.kind, gettext(field.label)] for field in fields.fields_of("location") if field.short
        ],
        "yes_no": [gettext(fields.YES_NO[True]), gettext(fields.YES_NO[False])],
    }


def install(env) -> None:
    """Register the helpers in a Jinja environment."""
    env.globals.update(
        current_lang=current_lang,
        tr=tr,
        tr_lang=tr_lang,
        plain=plain,
        paragraphs_of=paragraphs_of,
        street_line=street_line,
        city_line=city_line,
        url_for=url_for,
        list_searches=list_searches,
        format_date=format_date,
        language_name=language_name,
        endonym=endonym,
        day_name=day_name,
        hours_labels=hours_labels,
        tz_offsets=tz_offsets,
        public_holidays=public_holidays,
        helpline_schedule=helpline_schedule,
        format_time=format_time,
        opening_hours=opening_hours,
        location_in_short=location_in_short,
        special_hours_by_date=special_hours_by_date,
        week_words=week_words,
        schedule_json=schedule_json,
        schedules_json=schedules_json,
        phone_kind=phone_kind,
        say_in=say_in,
        phone_link=phone_link,
        first_call=first_call,
        has_helpline=has_helpline,
        printed_contact=printed_contact,
        card_points=card_points,
        phone_text=phone_text,
        locale_tag=locale_tag,
        module_graph=theme_modules,
        list_columns=list_columns,
        record_fields=fields.fields_of,
        week_rows=hours.week_rows,
        page_alternates=page_alternates,
        upcoming_exceptions=hours.upcoming_exceptions,
    )
    env.filters.update(to_json=to_json, groupby_primary=groupby_primary, sectioned=sectioned, kept_whole=kept_whole)
    env.tests["containing"] = lambda collection, item: item in collection
    env.getattr = _fields_first(env.getattr, env)


# What `{{ d.name }}` finds on a plain dict as an attribute (its methods): anything else is a key.
_DICT_ATTRIBUTES = frozenset(dir(dict))


def _fields_first(getattr_, env):
    """Jinja's `a.b` for a record's fields: a plain dict has no attribute but its methods, so
    a name that is none of them is looked up as a key at once. Jinja asks the attribute first
    and takes the key after the AttributeError: some 250 times a page, eight times slower. A
    field the record does not give (`loc.name`, `phone.description`: a dozen a page) is
    Jinja's undefined at once, as its getattr makes it after two more exceptions."""

    def fields_first(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
            except TypeError:
                pass
        try:  # Jinja's first step, without a call to it (a record's own attributes, a loop's)
            return getattr(obj, attribute)
        except AttributeError:
            return getattr_(obj, attribute)

    return fields_first
