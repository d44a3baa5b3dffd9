"""What a printed directory holds: the organizations of a territory, by category.

No Pelican here. theme/static/js/printed.js applies the same rules in the browser for the
directory a counsellor composes; the build prints one per region with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.records import Organization, sorted_by_name, text
from directory.taxonomy import Taxonomy


@dataclass
class Section:
    slug: str
    name: str
    organizations: list[Organization]


def sections(organizations: list[Organization], taxonomy: Taxonomy, lang: str,
             categories: list[str] | None = None) -> list[Section]:
    """One section per chosen category (all by default), in the taxonomy's order.

    Each organization appears once: under its primary category if chosen, else under the
    first of its categories that is; sections are alphabetical, empty ones left out."""
    chosen = [slug for slug in taxonomy.categories if not categories or slug in categories]
    members: dict[str, list[Organization]] = {slug: [] for slug in chosen}
    for org in organizations:
        home = next((slug for slug in org.categories if slug in members), None)
        if home:
            members[home].append(org)
    return [Section(slug, text(taxonomy.categories[slug].name, lang)[0],
                    sorted_by_name(members[slug], lang))
            for slug in chosen if members[slug]]
