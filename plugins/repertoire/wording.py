"""How the directory words dates, language names, a week of hours and a zone's clock in a
language, with Babel and the territory's locale: the same words in pages, printed directories
and lists."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton

from . import hours
from .catalogs import N_, load_catalog, page_lang
from .jsontext import compact_json_text
from .records import text

# How a kind of phone other than a voice line is named beside its number (catalog messages).
PHONE_KINDS = {"text": N_("Text message"), "fax": N_("Fax"), "tty": N_("TTY"), "hotline": N_("Helpline")}


def phone_said(phone: dict, lang: str, gettext) -> tuple[str, str]:
    """What a list or a printed entry says beside a number, and the language it is in
    (record.js phoneSaid): the phone's own description in `lang`, which tells reception from
    the crisis line; else its kind ("Fax"); else its description in another language."""
    words, actual = text(phone.get("description"), lang)
    if words and actual == lang:
        return words, lang
    kind = PHONE_KINDS.get(phone.get("type") or "voice")
    return (gettext(kind), lang) if kind else (words, actual)


@lru_cache(maxsize=None)
def babel_locale(locale: str) -> Locale:
    """Babel's data for a locale (parsed once: it is used on every page)."""
    return Locale.parse(locale)


def page_locale(context) -> str:
    """The Babel locale of the page's language: the territory's (content/territories.yaml)."""
    directory, lang = context.get("directory"), page_lang(context)
    return directory.taxonomy.conventions.locale(lang) if directory else lang


@lru_cache(maxsize=8192)
def date_in(value, locale: str, form: str = "long") -> str:
    """format_date() outside a template (the printed directories), in a Babel locale. Kept:
    Babel takes 10 us a date, pages show two or three, and records share their dates."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return first_of_month(babel_format_date(value, format=form, locale=locale), locale)


def first_of_month(written: str, locale: str) -> str:
    """A French date of the first of a month as French writes it, "1er novembre 2026", which
    CLDR (Babel, the browsers' Intl) writes "1 novembre" (offline-record.js does the same)."""
    return "1er" + written[1:] if locale.startswith("fr") and written.startswith("1 ") else written


def language_name_in(code: str, locale: str) -> str:
    """The name of a language (ISO 639-1) in a Babel locale: "anglais" for en in fr_CA."""
    return babel_locale(locale).languages.get(code) or code


def address_line(location: dict, lang: str) -> str:
    """A location on one line, as entry.js address() writes it: "123 rue X, bureau 4, Laval
    H7N 1A1"; a place without an address (online, on wheels) by its name."""
    address = location.get("address")
    if not address:
        return text(location.get("name"), lang)[0]
    street = street_line(address)
    return f"{street}, {city_line(address)}" if street else city_line(address)


def street_line(address: dict) -> str:
    """An address's street and unit, either alone ("Bureau 5" of a building the city knows),
    as record.js streetLine writes them: "123 rue X, bureau 4"."""
    return ", ".join(part for part in (address.get("street"), address.get("unit")) if part)


def place_names(locations: list[dict], lang: str) -> list[str]:
    """Short names that tell an organization's places apart on one line (record.js placeNames):
    each one's city, its street where another place is in the same city, its name without an
    address (a mobile unit). An organization "open, closes at 9 p.m." said nothing of which of
    its places was."""
    addresses = [location.get("address") or {} for location in locations]
    cities = [address.get("city") or "" for address in addresses]
    return [
        (city if cities.count(city) == 1 else street_line(address) or city) or text(location.get("name"), lang)[0]
        for city, address, location in zip(cities, addresses, locations)
    ]


def city_line(address: dict) -> str:
    """An address's city, its region when given, and its postal code (record.js cityLine):
    "Laval (Montérégie) H7N 1A1"."""
    line = address.get("city", "")
    if address.get("region"):
        line += f" ({address['region']})"
    return line + (f" {address['postal_code']}" if address.get("postal_code") else "")


def week_in_short(location: dict, lang: str, translations_dir: str, locale: str) -> str:
    """A location's week on one line, as entry.js writes it ("lundi–vendredi : 9 h à 17 h"):
    printed entries and the lists' Hours column (day names of `locale`, the territory's for `lang`)."""
    return _week_in_short(hours.week_key(location), lang, translations_dir, locale)


@lru_cache(maxsize=4096)
def _week_in_short(week: tuple, lang: str, translations_dir: str, locale: str) -> str:
    say = load_catalog(translations_dir, lang).gettext
    schedule = hours.week_of(week)
    if schedule["open_24_7"]:
        return say("Open 24 hours a day, 7 days a week.")
    groups = hours.week_groups(schedule)
    if not groups:
        return say("Hours unknown: call before you go.")
    names = babel_locale(locale).days["format"]["wide"]
    day = lambda code: names[hours.DAYS.index(code)]  # noqa: E731
    parts = []
    for group in groups:
        days = day(group["first"]) if group["first"] == group["last"] else f"{day(group['first'])}–{day(group['last'])}"
        spans = ", ".join(interval_in(i["opens"], i["closes"], i["overnight"], lang, say) for i in group["intervals"])
        parts.append(say("%(days)s: %(hours)s") % {"days": days, "hours": spans})
    return "; ".join(parts)


@lru_cache(maxsize=1024)
def month_day(iso: str, locale: str) -> str:
    """A date of the coming weeks without its year: "24 décembre", "1er janvier", "December 24"
    (text.js dateWriter with { month: "long", day: "numeric" })."""
    return first_of_month(format_skeleton("MMMMd", dt.date.fromisoformat(iso), locale=locale), locale)


def special_in_short(location: dict, today: dt.date, lang: str, translations_dir: str, locale: str) -> str:
    """A location's special hours ahead (those its page lists: hours.upcoming_exceptions) on one
    line, as entry.js writes them: "24 décembre : de 9 h à 12 h; 25 décembre : fermé"; "" when
    none. A list handed over in December gave the week's hours only: a person walked to a door
    closed for the holidays."""
    return "; ".join(words for _, words in special_by_date(location, today, lang, translations_dir, locale))


def special_by_date(
    location: dict, today: dt.date, lang: str, translations_dir: str, locale: str
) -> list[tuple[str, str]]:
    """special_in_short's parts, each with the last date it holds ("2026-12-24", "24 décembre :
    fermé"; the next day for hours past midnight): a page marks each with it, for the browser to
    drop those past when it is read weeks later."""
    say = load_catalog(translations_dir, lang).gettext
    said = []
    for exception in hours.upcoming_exceptions(location, today):
        day = month_day(exception["date"], locale)
        if exception.get("closed"):
            said.append((exception["until"], say(N_("%(date)s: closed")) % {"date": day}))
            continue
        words = say(N_("%(date)s: %(opens)s to %(closes)s")) % {
            "date": day,
            "opens": hours.format_time(exception["opens"], lang),
            "closes": hours.format_time(exception["closes"], lang),
        }
        said.append((exception["until"], f"{words} {say(N_('(next day)'))}" if exception["overnight"] else words))
    return said


def interval_in(opens: str, closes: str, overnight: bool, lang: str, say) -> str:
    """An opening interval as people read it in `lang` ("9 h à 17 h", "10 p.m. to 2 a.m. (next
    day)", the whole day "24 h sur 24"), `say` being the language's gettext (hours.js intervalText)."""
    if (opens, closes) == hours.WHOLE_DAY:
        return say(N_("24 hours"))
    words = say(N_("%(opens)s to %(closes)s")) % {
        "opens": hours.format_time(opens, lang),
        "closes": hours.format_time(closes, lang),
    }
    return f"{words} {say(N_('(next day)'))}" if overnight else words


# The zone's clock a page gives hours.js, over fixed years rather than around the build's
# date: pages are kept from one build to the next (page_cache.py) and must not depend on the
# day. Outside these years hours.js asks Intl, as it would with no table.
OFFSETS_FROM, OFFSETS_YEARS = dt.date(2025, 1, 1), 15


@lru_cache(maxsize=None)
def zone_offsets_json(tz: str) -> str:
    """JSON of a time zone's offsets over the fixed years (hours.zone_offsets)."""
    end = OFFSETS_FROM.replace(year=OFFSETS_FROM.year + OFFSETS_YEARS)
    return _json(hours.zone_offsets(tz, OFFSETS_FROM, (end - OFFSETS_FROM).days))


def _json(value) -> str:
    return compact_json_text(value, sort_keys=True)
