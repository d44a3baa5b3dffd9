"""List the records past their review period and prepare the update requests to send.

Records are grouped by the organization's e-mail address (those without one together,
with their phone numbers, to be called). With --out, one message per organization is
written there (French, then English when the record has English text), listing what the
directory says and how to answer, with review.csv (one row per organization) for a
mail merge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import runpy
import sys
import textwrap
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from repertoire.catalogs import N_, load_catalog  # noqa: E402
from repertoire.files import chosen_records, write_atomic  # noqa: E402
from repertoire.hours import DAYS, format_time, week_rows  # noqa: E402
from repertoire.languages import LANGUAGES  # noqa: E402
from repertoire.records import read_record, text  # noqa: E402
from repertoire.spreadsheets import to_csv  # noqa: E402
from repertoire.taxonomy import TaxonomyError, load_taxonomy  # noqa: E402
from repertoire.urls import url_for  # noqa: E402
from repertoire.wording import date_in  # noqa: E402

NO_EMAIL = "sans courriel"
WRAP = 78
CSV_COLUMNS = ("id", "name_fr", "email", "phone", "last_verified", "days_since", "page_url", "message_file")


# The words of the messages (catalog messages: a language's catalog writes its messages).
WORDS = {
    "subject": N_("Subject: Is your {site} record up to date? ({name})"),
    "hello": N_("Hello,"),
    "intro": N_(
        "Your organization is listed in the {site}, the directory of community resources "
        "used by our information and referral staff and by the public. The information "
        "below was last confirmed on {date}. Could you check it?"
    ),
    "labelled": N_("{label}: {value}"),
    "name": N_("Name"),
    "alternate_names": N_("Other names"),
    "description": N_("Description"),
    "phones": N_("Phones"),
    "email": N_("E-mail"),
    "website": N_("Website"),
    "status": N_("Status"),
    "address": N_("Address"),
    "hours": N_("Hours"),
    "special": N_("Special hours"),
    "services": N_("Services"),
    "location": N_("Location {number}"),
    "closed": N_("closed"),
    "to": N_("to"),
    "next_day": N_("(next day)"),
    "always": N_("Open 24 hours a day, 7 days a week."),
    "unknown": N_("Hours unknown."),
    "statuses": {"inactive": N_("inactive"), "temporarily_closed": N_("temporarily closed")},
    "phone_types": {"fax": N_("fax"), "text": N_("text"), "tty": N_("TTY"), "hotline": N_("hotline")},
    "answer": N_(
        "To answer: reply to this e-mail with the corrections to make, or simply confirm "
        "that nothing has changed. Your record online:"
    ),
    "thanks": N_("Thank you for your help,"),
    "signature": N_("The {site} team"),
}


def words_in(lang: str) -> dict:
    """WORDS in `lang`, from its catalog."""
    say = load_catalog(str(ROOT / "theme" / "translations"), lang).gettext
    return {
        key: {k: say(v) for k, v in value.items()} if isinstance(value, dict) else say(value)
        for key, value in WORDS.items()
    }


def load_settings(path: Path) -> dict:
    """The site's settings (page addresses, review period) from a Pelican settings file."""
    return runpy.run_path(str(path))


def page_url(settings: dict, record_id: str, lang: str, site_url: str) -> str:
    """A record's page address, from the ORGANIZATION_URL settings."""
    path = url_for(settings, "ORGANIZATION", lang, slug=record_id)
    return f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"


def has_own_text(data: dict, lang: str) -> bool:
    """Whether the record has text of its own in `lang` (not only another language's fallback)."""
    return any(isinstance(data.get(key), dict) and data[key].get(lang) for key in ("name", "description"))


def schedule_lines(location: dict, lang: str, today: dt.date, locale: str) -> list[str]:
    """A location's hours as lines of text: one per day, then the special dates to come (dates
    and day names as `locale`, the territory's for `lang`, writes them)."""
    words = words_in(lang)
    if location.get("open_24_7"):
        return [words["always"]]
    if not location.get("hours"):
        return [words["unknown"]]
    schedule = {
        "open_24_7": False,
        "hours": location.get("hours") or [],
        "exceptions": location.get("exceptions") or [],
    }
    day_names = Locale.parse(locale).days["format"]["wide"]
    lines = [heading(words["hours"], words)]
    for row in week_rows(schedule):
        spans = [
            f"{format_time(i['opens'], lang)} {words['to']} {format_time(i['closes'], lang)}"
            + (f" {words['next_day']}" if i.get("overnight") else "")
            for i in row["intervals"]
        ]
        lines.append("  " + said(day_names[DAYS.index(row["day"])], ", ".join(spans) or words["closed"], words))
    special = [e for e in schedule["exceptions"] if dt.date.fromisoformat(e["date"]) >= today]
    if special:
        lines.append(heading(words["special"], words))
        for exception in sorted(special, key=lambda e: e["date"]):
            date = date_in(exception["date"], locale)
            what = (
                words["closed"]
                if exception.get("closed")
                else f"{format_time(exception['opens'], lang)} {words['to']} {format_time(exception['closes'], lang)}"
            )
            lines.append("  " + said(date, what, words))
    return lines


def phone_line(phone: dict, lang: str) -> str:
    details = [words_in(lang)["phone_types"].get(phone.get("type"), "")]
    if phone.get("description"):
        details.insert(0, text(phone["description"], lang)[0])
    # Said once: a description that is its type's word ("Texto") read "(Texto, texto)".
    details = list({d.casefold(): d for d in reversed(details) if d}.values())[::-1]
    return phone["number"] + (f" ({', '.join(details)})" if details else "")


def wrap(paragraph: str, indent: str = "") -> list[str]:
    """Lines of at most WRAP characters, never cutting a word or an address."""
    return textwrap.wrap(paragraph, WRAP, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def said(label: str, value: str, words: dict) -> str:
    """'Label: value' as the language writes it ('Label : value' in French)."""
    return words["labelled"].format(label=label, value=value)


def heading(label: str, words: dict) -> str:
    """'Label:' before the lines it heads."""
    return said(label, "", words).rstrip()


def labelled(label: str, value: str, words: dict) -> list[str]:
    """'Label: value', wrapped, continuation lines indented."""
    return wrap(said(label, value, words), "  ") or [heading(label, words)]


def message(data: dict, lang: str, url: str, site: str, today: dt.date, locale: str) -> str:
    """The update request for one organization, in one language (`locale`: the territory's for it)."""
    words = words_in(lang)
    name = text(data["name"], lang)[0]
    verified = date_in(data["last_verified"], locale)  # "1er janvier", as the pages write it
    lines = [words["subject"].format(site=site, name=name), "", words["hello"], ""]
    lines += wrap(words["intro"].format(site=site, date=verified)) + [""]
    lines += labelled(words["name"], name, words)
    if data.get("alternate_names"):
        lines += labelled(words["alternate_names"], ", ".join(text(n, lang)[0] for n in data["alternate_names"]), words)
    lines += labelled(words["description"], " ".join(text(data["description"], lang)[0].split()), words)
    if data.get("phones"):
        lines += labelled(words["phones"], " ; ".join(phone_line(p, lang) for p in data["phones"]), words)
    for key in ("email", "website"):
        if data.get(key):
            lines += labelled(words[key], data[key], words)
    if data.get("status", "active") != "active":
        lines += labelled(words["status"], words["statuses"][data["status"]], words)
    for number, location in enumerate(data.get("locations", []), 1):
        lines.append("")
        address = location.get("address")
        if location.get("name"):
            lines.append(text(location["name"], lang)[0])
        else:
            lines.append((address or {}).get("city") or words["location"].format(number=number))
        if address:
            parts = [
                address.get("street"),
                address.get("unit"),
                " ".join(p for p in (address.get("city"), address.get("postal_code")) if p),
            ]
            lines += ["  " + line for line in labelled(words["address"], ", ".join(p for p in parts if p), words)]
        lines += ["  " + line for line in schedule_lines(location, lang, today, locale)]
    if data.get("services"):
        lines += ["", heading(words["services"], words)]
        lines += [f"  - {text(s['name'], lang)[0]}" for s in data["services"]]
    lines += [""] + wrap(words["answer"]) + [url, "", words["thanks"], words["signature"].format(site=site)]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="record files (default: every record of the content folder)"
    )
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument(
        "--settings",
        type=Path,
        default=ROOT / "publishconf.py",
        help="Pelican settings giving the page addresses and the review period (default: publishconf.py)",
    )
    parser.add_argument("--days", type=int, help="review period in days (default: REVIEW_PERIOD_DAYS, 365)")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help="count from this date instead of today (reproducible lists)",
    )
    parser.add_argument("--site-url", help="public address of the site, for absolute links (default: SITEURL)")
    parser.add_argument("--out", type=Path, help="folder where the messages and review.csv are written")
    args = parser.parse_args(argv)
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        print(f"error: --out: {args.out} is a file; give a folder (it is created if missing)", file=sys.stderr)
        return 2
    if args.days is not None and args.days < 0:
        print(f"error: --days must be 0 or more, not {args.days}", file=sys.stderr)
        return 2
    if not args.settings.is_file():
        print(f"error: no such file: {args.settings}", file=sys.stderr)
        return 2
    try:
        paths = chosen_records(args.files, args.content)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        taxonomy = load_taxonomy(args.content)
    except TaxonomyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = load_settings(args.settings)
    days = args.days if args.days is not None else settings.get("REVIEW_PERIOD_DAYS", 365)
    site_url = args.site_url if args.site_url is not None else settings.get("SITEURL", "")
    site = settings.get("SITENAME", "Répertoire")
    if args.out is not None and not site_url:
        print(
            "warning: no --site-url (nor REPERTOIRE_SITEURL): the messages give page paths, not full addresses",
            file=sys.stderr,
        )

    stale, invalid = [], 0
    for path in paths:
        org, errors = read_record(path, taxonomy)
        if org is None:
            invalid += 1
            print(f"warning: skipped (run scripts/validate): {errors[0]}", file=sys.stderr)
        elif org.is_stale(args.today, days):
            stale.append(org)
    groups: dict[str, list] = {}
    for org in sorted(stale, key=lambda o: o.id):
        groups.setdefault((org.data.get("email") or "").lower() or NO_EMAIL, []).append(org)
    order = sorted(groups, key=lambda g: (g == NO_EMAIL, g))

    print(
        f"{len(stale)} fiche(s) à faire confirmer, vérifiées il y a plus de {days} jours "
        f"/ record(s) past the {days}-day review period ({args.today})"
    )
    rows = []
    for group in order:
        print(f"\n{group}" + (" (à appeler / to call)" if group == NO_EMAIL else ""))
        for org in groups[group]:
            since = (args.today - org.last_verified).days
            phones = " ; ".join(p["number"] for p in org.data.get("phones", []))
            print(
                f"  {org.id}  {text(org.data['name'], 'fr')[0]}  {org.data['last_verified']} ({since} j)"
                + (f"  {phones}" if group == NO_EMAIL and phones else "")
            )
            rows.append((org, since))

    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        table = []
        for org, since in rows:
            data = org.data
            parts = [
                message(
                    data,
                    lang,
                    page_url(settings, org.id, lang, site_url),
                    site,
                    args.today,
                    taxonomy.conventions.locale(lang),
                )
                for lang in LANGUAGES
                if lang == LANGUAGES[0] or has_own_text(data, lang)
            ]
            name = f"{org.id}.txt"
            write_atomic(args.out / name, ("\n" + "-" * 40 + "\n\n").join(parts).encode("utf-8"))
            phone = next((p["number"] for p in data.get("phones", []) if p.get("type") not in ("fax",)), "")
            table.append(
                [
                    org.id,
                    text(data["name"], "fr")[0],
                    data.get("email", ""),
                    phone,
                    data["last_verified"],
                    since,
                    page_url(settings, org.id, "fr", site_url),
                    name,
                ]
            )
        write_atomic(args.out / "review.csv", to_csv(CSV_COLUMNS, table))
        print(f"\n{len(rows)} message(s) and review.csv written in {args.out}", file=sys.stderr)
    if invalid:
        print(f"{invalid} invalid record(s) skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
