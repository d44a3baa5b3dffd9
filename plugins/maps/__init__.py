"""Maps: the points of every category, region and organization, and self-hosted Leaflet."""

import json
import logging
from importlib import metadata
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator

from repertoire import urls
from repertoire.catalogs import page_helper, page_lang
from repertoire.data_attributes import attribute_json
from repertoire.jsontext import compact_json
from repertoire.page_cache import PageCache
from repertoire.vendor import copy_npm_files

from . import mapdata
from .mapdata import content_security_policy, map_setup, organization_points, tile_host

logger = logging.getLogger(__name__)
# Files copied from the npm packages, with their licences.
VENDOR_FILES = {
    "leaflet": [
        "dist/leaflet.js",
        "dist/leaflet.css",
        "dist/images/marker-icon.png",
        "dist/images/marker-icon-2x.png",
        "dist/images/marker-shadow.png",
        "dist/images/layers.png",
        "dist/images/layers-2x.png",
        "LICENSE",
    ],
    "leaflet.markercluster": [
        "dist/leaflet.markercluster.js",
        "dist/MarkerCluster.css",
        "dist/MarkerCluster.Default.css",
        "MIT-LICENCE.txt",
    ],
}


class MapsGenerator(Generator):
    """Writes map points (one small JSON per list and language) and the vendored map library."""

    def generate_context(self):
        setup = self._setup()
        self.context["map_setup"] = setup
        # What every map block writes of it, made once rather than on each of 20,000 pages.
        self.context["map_setup_json"] = Markup(attribute_json(setup))
        self.context["map_tiles_host"] = tile_host(setup["tiles"])
        # Its single quotes written as they are in base.html's double-quoted attribute (as
        # &#39;, twenty of them were a hundred bytes of every page).
        policy = content_security_policy(setup["tiles"])
        self.context["content_security_policy"] = Markup(str(escape(policy)).replace("&#39;", "'"))

    def _setup(self) -> dict:
        """The map set-up of the tiles, kept by tile provider and Folium version: importing Folium
        costs more than a rebuild after an alert should."""
        tiles, attribution = self.settings["MAP_TILES"], self.settings.get("MAP_ATTRIBUTION")
        reuse = self.settings.get("REUSE_OUTPUTS", True)
        cache = PageCache(Path(self.settings["CACHE_PATH"]) / "pages" if reuse else None, metadata.version("folium"))
        key = cache.key("map-setup", Path(mapdata.__file__).read_text(encoding="utf-8"), tiles, attribution)
        stored = cache.get(key)
        if stored is not None:
            return json.loads(stored)
        setup = map_setup(tiles, attribution)
        cache.put(key, json.dumps(setup).encode("utf-8"))
        return setup

    def generate_output(self, writer):
        directory, written = self.context["directory"], self.context["written"]
        copy_npm_files(VENDOR_FILES, Path(self.output_path) / "theme" / "vendor")
        cache = self.context.get("page_cache") or PageCache(None, "")
        for lang in self.settings["LANGUAGES"]:
            points: dict = {}  # each organization is in several lists: its points are made once

            def points_of(org, lang=lang):
                if org.id not in points:
                    points[org.id] = organization_points(
                        org, lang, urls.url_for(self.settings, "ORGANIZATION", lang, slug=org.id)
                    )
                return points[org.id]

            for kind, lists in (("DIRECTORY_CATEGORY", directory.by_category), ("REGION", directory.by_region)):
                for slug, members in lists.items():
                    name = urls.save_as(self.settings, kind, lang, slug=slug).replace("index.html", "map.json")
                    # Known by the records it shows: made again only when one of them changed.
                    key = cache.key("map", lang, [directory.digests[org.id] for org in members])
                    if not written.holds(name, source=key):
                        written.write(name, _json([p for org in members for p in points_of(org)]), key)
        towns = sorted(
            (t for t in directory.taxonomy.territories.values() if t.kind == "municipality"), key=lambda t: t.name["fr"]
        )
        # For "near me" without sharing a position: [French name, English name, lat, lon].
        written.write(
            "theme/data/municipalities.json",
            _json(
                [[t.name["fr"], t.name["en"], round(t.coordinates[0], 4), round(t.coordinates[1], 4)] for t in towns]
            ),
        )


def _json(data) -> bytes:
    return compact_json(data)


@page_helper
@pass_context
def points_of(context, org, url: str) -> list[list]:
    """An organization's located sites, for its page's small map, in the page's language."""
    return organization_points(org, page_lang(context), url)


def prepare_environment(generator):
    """Templates get organization_points()."""
    generator.env.globals["organization_points"] = points_of


def get_generators(pelican):
    """Add the map data to the build."""
    return MapsGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
