"""The directory as a whole: every record, the ones listed, by category and region, the
nearest active alternatives of one, freshness counts. Built once per build; every plugin
reads it (search, maps, offline, exports, printed directories)."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
from dataclasses import dataclass, field

from .hours import upcoming_by_place
from .records import Organization, closed_last, sorted_by_name
from .taxonomy import Taxonomy

EARTH_RADIUS_KM = 6371.0  # as records.distance_km has it


@dataclass
class Directory:
    """Everything the other plugins (search, maps, offline, exports) need, built once."""

    taxonomy: Taxonomy
    organizations: list[Organization]
    today: dt.date
    review_days: int
    by_id: dict[str, Organization] = field(default_factory=dict)
    listed: list[Organization] = field(default_factory=list)  # all but those no longer active
    known_digests: dict[str, str] = field(default_factory=dict, repr=False)  # id -> digest, from the record cache
    _alternatives: dict = field(default_factory=dict, repr=False)
    _sites: dict = field(default_factory=dict, repr=False)
    _unplaced: dict = field(default_factory=dict, repr=False)
    _latitudes: dict = field(default_factory=dict, repr=False)  # category -> (latitudes, sites), see _active_sites
    _name_keys: dict = field(default_factory=dict, repr=False)
    _upcoming: dict = field(default_factory=dict, repr=False)  # id -> upcoming_by_place
    _stale: dict = field(default_factory=dict, repr=False)  # id -> stale()
    by_category: dict[str, list[Organization]] = field(default_factory=dict)
    by_region: dict[str, list[Organization]] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        """Language codes spoken somewhere in the directory, the most common first."""
        counts: dict[str, int] = {}
        for org in self.organizations:
            for code in org.data.get("languages") or []:
                counts[code] = counts.get(code, 0) + 1
        return sorted(counts, key=lambda code: (-counts[code], code))

    @functools.cached_property
    def data_date(self) -> dt.date | None:
        """The date of the data: the newest confirmation of a record (None when empty)."""
        return max((org.last_verified for org in self.organizations), default=None)

    @property
    def as_of(self) -> dt.date:
        """The one "data as of" date of the site, its lists and printed directories: the data's
        own date (it changes when the records do, so unchanged PDFs are not reprinted daily)."""
        return self.data_date or self.today

    def __post_init__(self):
        self.by_id = {org.id: org for org in self.organizations}
        # Lists, maps, downloads, printed directories and search show the organizations still
        # running; one no longer active keeps its own page (old links) and nothing else.
        self.listed = [org for org in self.organizations if org.status != "inactive"]
        self.by_category = {slug: [] for slug in self.taxonomy.categories}
        whole = self.taxonomy.whole.slug
        self.by_region = {region.slug: [] for region in self.taxonomy.regions}
        self.by_region[whole] = []
        for org in self.listed:
            for slug in org.categories:
                self.by_category[slug].append(org)
            for slug in org.regions:
                self.by_region[slug].append(org)
            if whole in org.data["service_area"]:
                self.by_region[whole].append(org)
        order = {slug: i for i, slug in enumerate(self.taxonomy.categories)}
        for members in self.by_category.values():
            members.sort(key=closed_last)  # stable: names stay sorted
        for slug, members in self.by_region.items():
            members.sort(key=lambda org: (order[org.primary_category], closed_last(org)))

    @functools.cached_property
    def digests(self) -> dict[str, str]:
        """Each record's hash: what an output made from it is stored under (page_cache)."""
        known = self.known_digests
        return {org.id: known.get(org.id) or org.digest for org in self.organizations}

    def alternatives(self, org: Organization, count: int = 5) -> list[Organization]:
        """Active organizations of `org`'s primary category, nearest first (those serving its
        regions when it has no position): where to send someone who finds it closed.
        Remembered: its page and its offline record both ask."""
        key = (org.id, count)
        if key not in self._alternatives:
            self._alternatives[key] = self._nearest_active(org, count)
        return self._alternatives[key]

    def remember_alternatives(self, org: Organization, others: list[Organization], count: int = 5) -> None:
        """`alternatives` of an organization, as found by an earlier build."""
        self._alternatives[(org.id, count)] = others

    def _nearest_active(self, org: Organization, count: int) -> list[Organization]:
        sites = self._active_sites(org.primary_category)
        here = next((loc["coordinates"] for loc in org.data.get("locations", []) if loc.get("coordinates")), None)
        shared = set(org.regions) | set(org.data["service_area"])
        # Sites without a position (or all, from an organization without one) are as near as
        # can be when they serve the same places.
        ranked = [
            (0.0, i, sites[i][0])
            for i in (self._unplaced[org.primary_category] if here else range(len(sites)))
            if sites[i][0].id != org.id and shared & sites[i][2]
        ]
        if here:
            p1, lon1 = math.radians(here[0]), here[1]
            cos1 = math.cos(p1)
            sin, asin, sqrt, radians = math.sin, math.asin, math.sqrt, math.radians
            # A site is no nearer than its nearest latitude (haversine's first term alone; a
            # little less, for rounding): the sites' points are visited from this latitude
            # outwards, nearer side first, and only the sites that may rank are measured. Every
            # site's bound computed and sorted for each closed organization was 0.3 s of CPU
            # at 10,000 records, before the page workers start; the walk measures ~50 sites.
            latitudes, owners = self._latitudes[org.primary_category]
            scale = EARTH_RADIUS_KM * (1 - 1e-9)
            nearest = sorted(distance for distance, _, _ in ranked)[:count]
            measured = set()
            above = bisect.bisect_left(latitudes, p1)
            below = above - 1
            while True:
                if above < len(latitudes) and (below < 0 or latitudes[above] - p1 <= p1 - latitudes[below]):
                    bound, i = (latitudes[above] - p1) * scale, owners[above]
                    above += 1
                elif below >= 0:
                    bound, i = (p1 - latitudes[below]) * scale, owners[below]
                    below -= 1
                else:
                    break
                if len(nearest) == count and bound > nearest[-1]:
                    break
                if i in measured:
                    continue
                measured.add(i)
                other, points = sites[i][:2]
                if other.id == org.id:
                    continue
                # distance_km's own steps, with each point's share computed once: the same floats.
                distance = min(
                    [
                        2
                        * EARTH_RADIUS_KM
                        * asin(sqrt(sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon2 - lon1) / 2) ** 2))
                        for p2, cos2, lon2 in points
                    ]
                )
                ranked.append((distance, i, other))
                bisect.insort(nearest, distance)
                del nearest[count:]
        ranked.sort(key=lambda t: t[:2])
        return [other for _, _, other in ranked[:count]]

    def _active_sites(self, category: str) -> list[tuple]:
        """The active organizations of a category with what `_nearest_active` measures: their
        points (latitude in radians, its cosine, longitude) and the places they serve; and,
        for its walk, every point's latitude in order with the site it is of."""
        if category not in self._sites:
            self._sites[category] = []
            for other in self.by_category.get(category, []):
                if other.status != "active":
                    continue
                points = [
                    (math.radians(lat), math.cos(math.radians(lat)), lon)
                    for lat, lon in (
                        loc["coordinates"] for loc in other.data.get("locations", []) if loc.get("coordinates")
                    )
                ]
                self._sites[category].append(
                    (other, points, frozenset(other.regions) | frozenset(other.data["service_area"]))
                )
            self._unplaced[category] = [i for i, site in enumerate(self._sites[category]) if not site[1]]
            by_latitude = sorted((point[0], i) for i, site in enumerate(self._sites[category]) for point in site[1])
            self._latitudes[category] = ([latitude for latitude, _ in by_latitude], [i for _, i in by_latitude])
        return self._sites[category]

    def sorted_by_name(self, members: list[Organization], lang: str) -> list[Organization]:
        """records.sorted_by_name, each name folded once per language for every list."""
        return sorted_by_name(members, lang, self._name_keys.setdefault(lang, {}))

    def stale(self, org: Organization) -> bool:
        """Whether an organization is past its review date (Organization.is_stale), its date
        read once a build rather than for each key and entry that says it (~140,000 times)."""
        found = self._stale.get(org.id)
        if found is None:
            found = self._stale[org.id] = org.is_stale(self.today, self.review_days)
        return found

    def upcoming(self, org: Organization) -> list[list[dict]]:
        """hours.upcoming_by_place of an organization's places on the build's day, worked out
        once: the keys of its page, of each list page that shows it and of each printed
        directory it is in, in both languages, hold it (some 120,000 calls at 10,000 records)."""
        found = self._upcoming.get(org.id)
        if found is None:
            found = self._upcoming[org.id] = upcoming_by_place(org.data.get("locations"), self.today)
        return found

    @functools.cached_property
    def freshness(self) -> dict:
        """Counts of records by time since last confirmation, overall, per category and region."""
        bounds = (self.review_days // 2, self.review_days)

        def bucket(org):
            age = (self.today - org.last_verified).days
            return "recent" if age <= bounds[0] else "due" if age <= bounds[1] else "stale"

        def count(members):
            counts = {"recent": 0, "due": 0, "stale": 0}
            for org in members:
                counts[bucket(org)] += 1
            return counts

        stale = sorted((o for o in self.organizations if bucket(o) == "stale"), key=lambda o: o.last_verified)
        return {
            "bounds": bounds,
            "total": count(self.organizations),
            "categories": {slug: count(members) for slug, members in self.by_category.items()},
            "regions": {slug: count(members) for slug, members in self.by_region.items()},
            "stale": stale,
        }
