"""Offline: app icons and manifests, and the service worker with its precache lists.

Runs on `finalized`, once every page is written (and minified), so that the revisions are
the hashes of the bytes served. List it after "minify" and before "atomic_output".
"""

import hashlib
import json
import logging
from pathlib import Path

from pelican import signals

from repertoire import urls
from repertoire.catalogs import N_, load_catalog
from repertoire.downloads import HSDS_JSON, HSDS_ZIP
from repertoire.jsontext import compact_json
from repertoire.page_cache import PageCache, page_revision

from .icons import icon
from .precache import Precache, path_order, site_files, split
from .twins import twins

logger = logging.getLogger(__name__)
SOURCE = Path(__file__).with_name("service-worker.js")
SW_PREFIX = "const PRECACHE = "
ICONS = {"icon-192.png": (192, False), "icon-512.png": (512, False), "maskable-512.png": (512, True)}
NOT_CACHED = {"sw.js", "offline.json"}  # the worker itself, and what the "save" page reads fresh
TWINS = "offline/twins.json"  # each page's translations, for the "not saved" page
LATE = "offline/late.json"  # today's alert banner and date, for the pages kept from earlier builds


class BuildContext:
    """What the generators knew (records, pages), kept for `finalized`."""

    context: dict = {}

    def keep(self, generators):
        self.context = generators[0].context if generators else {}


BUILD = BuildContext()


def _json(data) -> bytes:
    return compact_json(data, sort_keys=True)


def web_manifest(settings, lang: str, names: dict) -> dict:
    """The installable app of one language."""
    root = "../"  # the manifest sits in <lang>/: URLs are relative to it
    return {
        "id": root + urls.url_for(settings, "HOME", lang),
        "name": names["name"],
        "short_name": names["short_name"],
        "description": names["description"],
        "lang": lang,
        "dir": "ltr",
        "start_url": root + urls.url_for(settings, "HOME", lang),
        "scope": root,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f6c",
        "icons": [
            {"src": root + "theme/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": root + "theme/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": root + "theme/icons/maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }


# The installable app's names (catalog messages).
MANIFEST_NAMES = {
    "name": N_("Répertoire 211 — community resources"),
    "short_name": N_("Répertoire 211"),
    "description": N_("Food aid, housing, health, employment and more, near you, even offline."),
}


def _shell_urls(settings, languages) -> set[str]:
    found = {"", "404.html"}
    for lang in languages:
        found |= {
            urls.url_for(settings, kind, lang)
            for kind in ("HOME", "SEARCH", "REGIONS", "OFFLINE", "NOT_SAVED", "OFFLINE_RECORD", "MY_LIST", "PRINTED")
        }
        found.add(f"{lang}/manifest.webmanifest")
    found |= {TWINS, LATE}
    return found


def _pack_urls(settings, context, lang: str) -> set[str]:
    directory = context["directory"]
    found = {urls.url_for(settings, "DIRECTORY_CATEGORY", lang, slug=slug) for slug in directory.taxonomy.categories}
    found.add(urls.url_for(settings, "DIRECTORY_CATEGORIES", lang))  # with the pages it lists
    regions = [r.slug for r in directory.taxonomy.regions] + [directory.taxonomy.whole.slug]
    found |= {urls.url_for(settings, "REGION", lang, slug=slug) for slug in regions}
    # The pages (the N-1-1 guide, about), in either language: Pelican lists the translations of
    # a page with it, not among the pages (the English guide was not saved).
    pages = [item for page in context.get("pages", []) for item in (page, *getattr(page, "translations", []))]
    found |= {page.url for page in pages if getattr(page, "lang", None) == lang}
    # The bulletin each alert banner links to: an ice storm or a flood is when phones lose
    # their connection, and the banner shows only the alert's title on a small screen.
    found |= {alert.item(lang).url for alert in context.get("news_alerts", [])}
    # And the list of bulletins, which the menu links to: offline, "Nouvelles" said "not saved",
    # where the summaries say what to do ("Appelez le 2-1-1 ..."). A few KiB a language.
    if context.get("news"):
        found.add(urls.url_for(settings, "NEWS", lang))
    return found


def _search_files(output: Path, context, lang: str) -> tuple[set[str], set[str]]:
    """A language's search files: those the offline copy keeps, and those its manifest says
    are for reading online only (the records cut small, which it holds another way)."""
    folder = f"{context.get('SEARCH_INDEX_DIR', 'search')}/{lang}/"
    manifest_path = output / folder / "manifest.json"
    if not manifest_path.exists():
        return set(), set()
    manifest = json.loads(manifest_path.read_bytes())
    online = {name for kind in manifest.get("online_only", []) for name in manifest[kind]}
    present = {path.name for path in manifest_path.parent.iterdir()}
    return {folder + name for name in present - online}, {folder + name for name in present & online}


def _revisions(written):
    """What each file's revision is made from, when the build knows it without reading the file:
    for a directory page, the key of what it shows but its alert banner and date (a phone
    keeps the page it saved, with today's banner and date put in: late_parts); for any other
    file, the SHA-256 of its bytes."""

    def known(name, info):
        return page_revision(written.made_from(name, info)) or written.digest(name, info)

    return known


def late_parts(context, languages, depths) -> dict:
    """Today's alert banner and "data as of" date of a page, by language and folder depth
    (their links are relative): the service worker puts them into the saved pages it kept."""
    parts = context.get("late_parts")
    if not parts:
        return {}
    return {lang: {str(depth): parts(lang, depth) for depth in sorted(depths)} for lang in languages}


def precache_lists(output: Path, settings, context, files: dict | None = None) -> Precache:
    languages = settings["LANGUAGES"]
    files = files if files is not None else site_files(output)
    search = {lang: _search_files(output, context, lang) for lang in languages}
    packs = {lang: _pack_urls(settings, context, lang) | search[lang][0] for lang in languages}
    # The open-data dumps are for other systems, not for reading offline (tens of MB).
    dumps = {urls.url_for(settings, "EXPORTS", lang) + name for lang in languages for name in (HSDS_JSON, HSDS_ZIP)}
    online_only = {url for lang in languages for url in search[lang][1]}
    return split(files, _shell_urls(settings, languages), packs, languages, NOT_CACHED | dumps | online_only)


def read_precache(output: Path) -> dict:
    """The lists a built site's sw.js holds (for tests and benchmarks)."""
    source = (Path(output) / "sw.js").read_text(encoding="utf-8")
    return json.loads(source[len(SW_PREFIX) : source.index(";\n")])


def saved_revisions(output: Path) -> dict[str, str]:
    """Every file a device that saved everything of every language holds, with its revision, by
    URL (for tests and benchmarks: what an update downloads is what changed here)."""
    precache = read_precache(output)
    found = dict(precache["shell"]) | {url: revision for pack in precache["packs"].values() for url, revision in pack}
    for name in precache["everything"].values():
        found |= {url: revision for url, _, revision in json.loads((Path(output) / name).read_bytes())}
    return found


def write_offline(pelican):
    """Icons, web manifests, the "everything" lists and sw.js, into the finished output."""
    if "directory" not in BUILD.context:
        return
    settings, output = pelican.settings, Path(pelican.output_path)
    (output / "theme" / "icons").mkdir(parents=True, exist_ok=True)
    cache = BUILD.context.get("page_cache") or PageCache(None, "")
    for name, (size, maskable) in ICONS.items():
        # Drawn in Python (0.1 to 0.2 s for the three): drawn again only when the code changes.
        key = cache.key("icon", size, maskable)
        drawn = cache.get(key)
        if drawn is None:
            drawn = icon(size, maskable)
            cache.put(key, drawn)
        (output / "theme" / "icons" / name).write_bytes(drawn)
    for lang in settings["LANGUAGES"]:
        say = load_catalog(str(Path(settings["THEME"]) / "translations"), lang).gettext
        (output / lang).mkdir(exist_ok=True)
        (output / lang / "manifest.webmanifest").write_bytes(
            _json(web_manifest(settings, lang, {key: say(words) for key, words in MANIFEST_NAMES.items()}))
        )

    (output / "offline").mkdir(exist_ok=True)
    # Before the lists: the "not saved" page reads it offline, so it is in the shell.
    organizations = tuple(
        urls.url_for(settings, "ORGANIZATION", lang, slug="SLUG").split("SLUG")[0] for lang in settings["LANGUAGES"]
    )
    written = BUILD.context.get("written")
    files = site_files(output, known=_revisions(written) if written else None)
    pages = {f.url: f.path for f in files.values() if f.url.endswith("/") or f.url.endswith(".html")}
    (output / TWINS).write_bytes(_json(twins(pages, organizations, settings.get("PUBLIC_URL") or "")))
    depths = {url.count("/") for url in pages}
    (output / LATE).write_bytes(_json(late_parts(BUILD.context, settings["LANGUAGES"], depths)))
    for name in (TWINS, LATE):  # the only files written since
        files.update(site_files(output, under=name))
    files = dict(sorted(files.items(), key=lambda item: path_order(item[1].path)))  # in file order, as site_files gives
    lists = precache_lists(output, settings, BUILD.context, files)
    everything = {}
    for lang, files in lists.everything.items():
        content = _json([[f.url, f.size, f.revision] for f in files])
        name = f"offline/everything-{lang}-{hashlib.sha256(content).hexdigest()[:12]}.json"
        (output / name).write_bytes(content)
        everything[lang] = {"list": name, "files": len(files), "bytes": sum(f.size for f in files)}
    precache = {
        "shell": [[f.url, f.revision] for f in lists.shell],
        "packs": {lang: [[f.url, f.revision] for f in files] for lang, files in lists.packs.items()},
        "everything": {lang: item["list"] for lang, item in everything.items()},
        "organizations": {lang: urls.url_for(settings, "ORGANIZATION", lang, slug="SLUG") for lang in lists.packs},
        "record_page": {lang: urls.url_for(settings, "OFFLINE_RECORD", lang) for lang in lists.packs},
        "not_found": "404.html",
        "late": LATE,
        "not_saved": {lang: urls.url_for(settings, "NOT_SAVED", lang) for lang in lists.packs},
    }
    precache["version"] = hashlib.sha256(_json(precache)).hexdigest()[:12]
    source = SOURCE.read_text(encoding="utf-8")
    minify = BUILD.context.get("minify_script")  # offered by the minify plugin, when on
    if minify:
        source = minify(source)
        source = source if source.endswith("\n") else source + "\n"
    (output / "sw.js").write_text(f"{SW_PREFIX}{json.dumps(precache, ensure_ascii=False)};\n{source}", encoding="utf-8")
    pack_bytes = {lang: sum(f.size for f in files) for lang, files in lists.packs.items()}
    (output / "offline.json").write_bytes(
        _json({"version": precache["version"], "everything": everything, "packs": pack_bytes})
    )
    logger.info(
        "Offline: %d shell files, packs of %s files",
        len(lists.shell),
        {lang: len(files) for lang, files in lists.packs.items()},
    )


def register():
    signals.all_generators_finalized.connect(BUILD.keep)
    signals.finalized.connect(write_offline)
