"""Organization lists as rows for spreadsheets: one row per organization, in one language.

No Pelican here: the build writes these rows as CSV and XLSX, and tests read them back.
"""

from __future__ import annotations

from directory import hours
from directory.records import Organization, text
from directory.taxonomy import Taxonomy

# Column headers per language; a third language falls back to English.
HEADERS = {
    "fr": ["Identifiant", "Nom", "Catégorie principale", "Autres catégories", "Téléphone", "Autres téléphones",
           "Courriel", "Site Web", "Adresse", "Municipalité", "Code postal", "Régions", "Heures",
           "Langues parlées", "Statut", "Vérifié le", "Page"],
    "en": ["Id", "Name", "Primary category", "Other categories", "Phone", "Other phones", "Email", "Website",
           "Address", "Municipality", "Postal code", "Regions", "Hours", "Languages spoken", "Status",
           "Verified on", "Page"],
}
STATUS = {"fr": {"active": "actif", "inactive": "inactif", "temporarily_closed": "fermé temporairement"},
          "en": {"active": "active", "inactive": "inactive", "temporarily_closed": "temporarily closed"}}
HOURS_WORDS = {"fr": ("24 h sur 24, 7 jours sur 7", "à"), "en": ("24 hours a day, 7 days a week", "to")}


def hours_summary(location: dict, lang: str) -> str:
    """A location's week in one line: 'mo 9 h à 17 h; sa 10 h à 14 h'."""
    always, to = HOURS_WORDS.get(lang, HOURS_WORDS["en"])
    if location.get("open_24_7"):
        return always
    parts = []
    for row in hours.week_rows(location):
        if row["intervals"]:
            spans = ", ".join(f"{hours.format_time(i['opens'], lang)} {to} {hours.format_time(i['closes'], lang)}"
                              for i in row["intervals"])
            parts.append(f"{row['day']} {spans}")
    return "; ".join(parts)


def organization_row(org: Organization, lang: str, taxonomy: Taxonomy, page_url: str) -> list[str]:
    """One organization as the columns of HEADERS, first location for the address and hours."""
    data = org.data
    name = lambda value: text(value, lang)[0]  # noqa: E731
    numbering = taxonomy.conventions.phones
    phones = [numbering.text_of(p["number"], lang) for p in data.get("phones", [])]
    location = (data.get("locations") or [{}])[0]
    address = location.get("address") or {}
    street = ", ".join(part for part in (address.get("street"), address.get("unit")) if part)
    return [
        org.id,
        name(data["name"]),
        name(taxonomy.categories[org.primary_category].name),
        "; ".join(name(taxonomy.categories[slug].name) for slug in org.categories[1:]),
        phones[0] if phones else "",
        "; ".join(phones[1:]),
        data.get("email", ""),
        data.get("website", ""),
        street,
        address.get("city", ""),
        address.get("postal_code", ""),
        "; ".join(name(taxonomy.territories[slug].name) for slug in org.regions),
        hours_summary(location, lang),
        "; ".join(data.get("languages", [])),
        STATUS.get(lang, STATUS["en"])[org.status],
        data["last_verified"],
        page_url,
    ]
