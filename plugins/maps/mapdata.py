"""What the maps show, as small JSON: points of a list or an organization, and the map set-up.

No Pelican here. The map set-up (tiles, attribution, zoom limits, clustering) is what
Folium produces for the configured tile provider; the browser draws it with one shared
script (theme/static/js/map.js) and self-hosted Leaflet, so pages carry only coordinates.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from repertoire.records import Organization, text

# Folium's own assets, by the names it gives them, and our vendored copies (paths under
# the site's vendor folder). Anything else Folium would load from a CDN is not used.
VENDORED = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "markerclusterjs": "leaflet.markercluster/leaflet.markercluster.js",
    "markerclustercss": "leaflet.markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/MarkerCluster.Default.css",
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def map_setup(tiles: str, attribution: str | None = None, cluster_from: int = 2) -> dict:
    """The map set-up Folium builds for a tile provider name ('OpenStreetMap') or URL template.

    Markers are grouped from two points (`cluster_from`): two places a street apart were drawn
    one over the other, a target no finger could choose (the clustering script is only loaded
    for a map with that many points)."""
    import folium  # a second or more to import (it compiles its templates): only when needed
    from folium.plugins import MarkerCluster

    fmap = folium.Map(tiles=None, control_scale=True, prefer_canvas=False)
    layer = folium.raster_layers.TileLayer(tiles=tiles, attr=attribution)
    cluster = MarkerCluster(options={"showCoverageOnHover": False, "maxClusterRadius": 50})
    layer.add_to(fmap)
    cluster.add_to(fmap)
    used = [name for name, _ in [*fmap.default_js, *fmap.default_css, *cluster.default_js, *cluster.default_css]]
    return {
        "tiles": layer.tiles,
        "tileOptions": {_camel(k): v for k, v in layer.options.items() if v is not None},
        "mapOptions": {_camel(k): v for k, v in fmap.options.items() if k != "zoom"},  # zoom: fitted to the points
        "clusterOptions": {**cluster.options},
        "clusterFrom": cluster_from,
        "assets": {name: VENDORED[name] for name in used if name in VENDORED},
    }


def tile_host(template: str) -> str:
    """The host a tile template loads from ({s} subdomains included), for the CSP and tests."""
    return urlsplit(template).netloc


def content_security_policy(tiles: str) -> str:
    """The policy every page carries (a <meta> in base.html, for hosts that send no header;
    deploy/_headers and deploy/nginx.conf send the same plus frame-ancestors): the site's own
    files only, and the tile host for map images."""
    parts = urlsplit(tiles)
    tile_origin = f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}" if parts.netloc else ""
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data:{' ' + tile_origin if tile_origin else ''}; font-src 'self'; connect-src 'self'; "
        "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def organization_points(org: Organization, lang: str, url: str) -> list[list]:
    """[lat, lon, name, url, city] for each located site of an organization, then the name's
    language when it is not the page's (an English-only name on a French map: lang="en")."""
    name, shown_in = text(org.data["name"], lang)
    points = []
    for location in org.data.get("locations", []):
        if location.get("coordinates"):
            lat, lon = location["coordinates"]
            place = text(location.get("name"), lang)[0] or (location.get("address") or {}).get("city", "")
            points.append([round(lat, 5), round(lon, 5), name, url, place, *([shown_in] if shown_in != lang else [])])
    return points
