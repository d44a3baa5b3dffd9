"""What search reads of an organization, per language: weighted text fields and result data."""

from __future__ import annotations

from directory.records import Organization, text
from directory.taxonomy import Taxonomy

# Field -> boost. Names weigh most; the long description least.
FIELDS = {
    "name": 10,         # name, alternate names
    "keywords": 4,      # the record's keywords
    "service": 3,       # service names
    "category": 2,      # its categories' names and keywords
    "place": 2,         # cities, regions and territories served
    "description": 1,   # the organization's and its services' descriptions
}


def _texts(values, lang: str) -> str:
    return " ".join(text(v, lang)[0] for v in values if v)


def _keywords(value, lang: str) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    return value.get(lang) or value.get("fr") or value.get("en") or []


def search_fields(org: Organization, taxonomy: Taxonomy, lang: str) -> dict[str, str]:
    """The text of each search field of one organization, in one language (French where missing)."""
    data = org.data
    services = data.get("services") or []
    categories = [taxonomy.categories[slug] for slug in org.categories]
    places = [loc.get("address", {}).get("city", "") for loc in data.get("locations") or []]
    places += [taxonomy.territories[slug].name[lang] for slug in (data.get("service_area") or [])
               if slug in taxonomy.territories]
    places += [taxonomy.territories[slug].name[lang] for slug in org.regions + org.municipalities
               if slug in taxonomy.territories]
    return {
        "name": _texts([data.get("name")] + list(data.get("alternate_names") or []), lang),
        "keywords": " ".join(_keywords(data.get("keywords"), lang)),
        "service": _texts([s.get("name") for s in services], lang),
        "category": " ".join(f"{c.name[lang]} {' '.join(_keywords(c.keywords, lang))}" for c in categories),
        "place": " ".join(dict.fromkeys(p for p in places if p)),
        "description": _texts([data.get("description")] + [s.get("description") for s in services], lang),
    }
