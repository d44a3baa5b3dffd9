"""Build settings for Répertoire (development: relative to the folder served)."""

import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The project (publishconf imports this file) and the record model the plugins share
# (plugins/repertoire: a library, not a plugin, so Pelican would not put it on the path).
sys.path[:0] = [HERE, os.path.join(HERE, "plugins")]

SITENAME = "Répertoire 211"
SITEURL = ""
# The public address, when known: hreflang alternates must be absolute URLs (search
# engines, Lighthouse), while every other link stays relative so a saved copy works.
PUBLIC_URL = os.environ.get("REPERTOIRE_SITEURL", "").rstrip("/")
AUTHOR = "Répertoire"
PATH = "content"
THEME = "theme"
TIMEZONE = "America/Toronto"
# The languages the site is published in, default first: the records' text languages, one
# list in plugins/repertoire/languages.py (see README, "Languages").
from repertoire.languages import LANGUAGES as record_languages  # noqa: E402 (the path above first)

LANGUAGES = list(record_languages)
DEFAULT_LANG = LANGUAGES[0]

PLUGIN_PATHS = ["plugins"]
# atomic_output must come last: it swaps the finished build into place on `finalized`.
PLUGINS = [
    "directory",
    "search_index",
    "maps",
    "exports",
    "printed",
    "stats",
    "news",
    "safe_html",
    "minify",
    "offline",
    "atomic_output",
]

# Records, categories and territories are read by the directory plugin, not as pages.
IGNORE_FILES = [".#*", "organizations", "stats"]
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
# Bulletins and pages are Markdown, and only Markdown is checked (plugins/safe_html): the
# reStructuredText and HTML readers are off (an .rst page could include any file of the machine).
READERS = {"html": None, "htm": None, "rst": None}

# Directory pages. As in Pelican: X_URL for the default language, X_LANG_URL for others.
HOME_URL = "fr/"
HOME_SAVE_AS = "fr/index.html"
HOME_LANG_URL = "{lang}/"
HOME_LANG_SAVE_AS = "{lang}/index.html"
ORGANIZATION_URL = "fr/organismes/{slug}/"
ORGANIZATION_SAVE_AS = "fr/organismes/{slug}/index.html"
ORGANIZATION_LANG_URL = "{lang}/organizations/{slug}/"
ORGANIZATION_LANG_SAVE_AS = "{lang}/organizations/{slug}/index.html"
DIRECTORY_CATEGORY_URL = "fr/categories/{slug}/"
DIRECTORY_CATEGORY_SAVE_AS = "fr/categories/{slug}/index.html"
DIRECTORY_CATEGORY_LANG_URL = "{lang}/categories/{slug}/"
DIRECTORY_CATEGORY_LANG_SAVE_AS = "{lang}/categories/{slug}/index.html"
REGION_URL = "fr/regions/{slug}/"
REGION_SAVE_AS = "fr/regions/{slug}/index.html"
REGION_LANG_URL = "{lang}/regions/{slug}/"
REGION_LANG_SAVE_AS = "{lang}/regions/{slug}/index.html"
# A category's address without its name: the list of every category.
DIRECTORY_CATEGORIES_URL = "fr/categories/"
DIRECTORY_CATEGORIES_SAVE_AS = "fr/categories/index.html"
DIRECTORY_CATEGORIES_LANG_URL = "{lang}/categories/"
DIRECTORY_CATEGORIES_LANG_SAVE_AS = "{lang}/categories/index.html"
REGIONS_URL = "fr/regions/"
REGIONS_SAVE_AS = "fr/regions/index.html"
REGIONS_LANG_URL = "{lang}/regions/"
REGIONS_LANG_SAVE_AS = "{lang}/regions/index.html"
SEARCH_URL = "fr/recherche/"
SEARCH_SAVE_AS = "fr/recherche/index.html"
SEARCH_LANG_URL = "{lang}/search/"
SEARCH_LANG_SAVE_AS = "{lang}/search/index.html"
# Offline: "save for offline", and the page that shows any organization from saved data.
OFFLINE_URL = "fr/hors-ligne/"
OFFLINE_SAVE_AS = "fr/hors-ligne/index.html"
OFFLINE_LANG_URL = "{lang}/offline/"
OFFLINE_LANG_SAVE_AS = "{lang}/offline/index.html"
# Offline, for a page this device never saved (the service worker sends the visitor there).
NOT_SAVED_URL = "fr/hors-ligne/non-enregistree/"
NOT_SAVED_SAVE_AS = "fr/hors-ligne/non-enregistree/index.html"
NOT_SAVED_LANG_URL = "{lang}/offline/not-saved/"
NOT_SAVED_LANG_SAVE_AS = "{lang}/offline/not-saved/index.html"
OFFLINE_RECORD_URL = "fr/hors-ligne/organisme/"
OFFLINE_RECORD_SAVE_AS = "fr/hors-ligne/organisme/index.html"
OFFLINE_RECORD_LANG_URL = "{lang}/offline/organization/"
OFFLINE_RECORD_LANG_SAVE_AS = "{lang}/offline/organization/index.html"
# The staff view (not linked from the menus): records by freshness.
STAFF_URL = "fr/personnel/"
STAFF_SAVE_AS = "fr/personnel/index.html"
STAFF_LANG_URL = "{lang}/staff/"
STAFF_LANG_SAVE_AS = "{lang}/staff/index.html"
# Lists to download (CSV, Excel): category-<slug>, region-<slug> and all, per language.
EXPORTS_URL = "fr/telechargements/"
EXPORTS_LANG_URL = "{lang}/downloads/"
# The licence of the open data (lists, HSDS packages), stated in every package and on the open-data page.
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# The open-data page, "my list" (kept on the device) and the printable directory a counsellor composes.
OPEN_DATA_URL = "fr/donnees-ouvertes/"
OPEN_DATA_SAVE_AS = "fr/donnees-ouvertes/index.html"
OPEN_DATA_LANG_URL = "{lang}/open-data/"
OPEN_DATA_LANG_SAVE_AS = "{lang}/open-data/index.html"
MY_LIST_URL = "fr/ma-liste/"
MY_LIST_SAVE_AS = "fr/ma-liste/index.html"
MY_LIST_LANG_URL = "{lang}/my-list/"
MY_LIST_LANG_SAVE_AS = "{lang}/my-list/index.html"
PRINTED_URL = "fr/repertoire-imprimable/"
PRINTED_SAVE_AS = "fr/repertoire-imprimable/index.html"
PRINTED_LANG_URL = "{lang}/printable-directory/"
PRINTED_LANG_SAVE_AS = "{lang}/printable-directory/index.html"
PAGE_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
# A page and its translation share a `Key:`; their slugs differ (a-propos / about).
PAGE_TRANSLATION_ID = "key"
# Processes that render organization pages (None: one per core).
BUILD_WORKERS = None
# From this many records, each language's search index and downloads are made in a process of
# its own (started afresh, given the records): below, starting one costs more than it saves.
PARALLEL_FROM_RECORDS = 500
# Entries per page of a category or region list: 50 keeps a page light on a weak
# connection, and the offline pack (which holds each list's first page) small.
DIRECTORY_PAGE_SIZE = 50
# Records not confirmed for this many days are flagged to readers.
REVIEW_PERIOD_DAYS = 365
# Fix "today" (YYYY-MM-DD) for reproducible builds and tests; None means the build date.
DIRECTORY_TODAY = os.environ.get("REPERTOIRE_TODAY") or None

# Where people send corrections: {id}, {name} and {url} are filled in per organization
# (an e-mail, or a prefilled issue: "https://github.com/OWNER/REPO/issues/new?title=Correction%20{id}").
# The page's address is absolute when the public address (REPERTOIRE_SITEURL) is known.
CORRECTION_URL = "mailto:corrections@example.org?subject=Correction%20{id}&body=Page%3A%20{url}%0ARecord%3A%20{id}"
# When the site knows its repository, each organization links its record's history; {id} is filled in.
# e.g. "https://github.com/OWNER/REPO/commits/main/content/organizations/{id}.yaml"
RECORD_HISTORY_URL = os.environ.get("REPERTOIRE_HISTORY_URL") or None
# The 211 service the site belongs to, shown beside its "call" button on the home page and
# in the N-1-1 guide: its number, when it answers (text per language), the languages it
# answers in (ISO 639-1 codes), whether interpreters extend them, and its chat address
# ("" or None: no chat link; REPERTOIRE_CHAT_URL sets it at build time).
HELPLINE_NUMBER = "211"
HELPLINE_LABEL = "2-1-1"
HELPLINE_HOURS = {"fr": "7 jours sur 7, de 8 h à 18 h", "en": "7 days a week, 8 a.m. to 6 p.m."}
# The same hours as a record gives them (say the same as the words above): the helpline's box
# then says whether it answers now ("Closed · opens tomorrow at 8:00"), in TIMEZONE. None: the
# words above alone.
HELPLINE_SCHEDULE = [{"days": ["mo", "tu", "we", "th", "fr", "sa", "su"], "opens": "08:00", "closes": "18:00"}]
HELPLINE_LANGUAGES = ["fr", "en"]
HELPLINE_INTERPRETERS = True
HELPLINE_CHAT_URL = os.environ.get("REPERTOIRE_CHAT_URL") or None
# The territory's emergency number (police, ambulance, fire), next to "In danger? Call" on the
# home page and the "not saved" page.
EMERGENCY_NUMBER = "911"
EMERGENCY_LABEL = "9-1-1"
# Map background tiles: a Folium/xyzservices provider name or a URL template. They are the
# only outside address the site uses, and only once a visitor opens a map.
MAP_TILES = "OpenStreetMap"
MAP_ATTRIBUTION = None  # None: the provider's own

# The quick-exit control leaves for this neutral address.
QUICK_EXIT_URL = "https://www.google.ca/"

# News bulletins: Pelican articles in content/news/, one file per language, linked as
# translations by a shared `Key:`. The news plugin writes the news pages, the category
# pages and one Atom feed per language; `Alert: true` with `Alert_start`/`Alert_end`
# (YYYY-MM-DD, or YYYY-MM-DD HH:MM in TIMEZONE) puts a banner on every page meanwhile
# (a new `Modified:` date shows it again to readers who dismissed it).
ARTICLE_URL = "fr/nouvelles/{slug}/"
ARTICLE_SAVE_AS = "fr/nouvelles/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/news/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/news/{slug}/index.html"
ARTICLE_TRANSLATION_ID = "key"
NEWS_URL = "fr/nouvelles/"
NEWS_SAVE_AS = "fr/nouvelles/index.html"
NEWS_LANG_URL = "{lang}/news/"
NEWS_LANG_SAVE_AS = "{lang}/news/index.html"
NEWS_CATEGORY_URL = "fr/nouvelles/categories/{slug}/"
NEWS_CATEGORY_SAVE_AS = "fr/nouvelles/categories/{slug}/index.html"
NEWS_CATEGORY_LANG_URL = "{lang}/news/categories/{slug}/"
NEWS_CATEGORY_LANG_SAVE_AS = "{lang}/news/categories/{slug}/index.html"
NEWS_FEED_URL = "fr/nouvelles/atom.xml"
NEWS_FEED_SAVE_AS = "fr/nouvelles/atom.xml"
NEWS_FEED_LANG_URL = "{lang}/news/atom.xml"
NEWS_FEED_LANG_SAVE_AS = "{lang}/news/atom.xml"
# Atom entry ids are tag: URIs under this authority (RFC 4151): stable whatever SITEURL is.
FEED_ID_AUTHORITY = "repertoire211.example.org,2026"
FEED_MAX_ITEMS = 20
# Statistics of needs, from the CSV files in content/stats/ (the stats plugin).
STATS_URL = "fr/statistiques/"
STATS_SAVE_AS = "fr/statistiques/index.html"
STATS_LANG_URL = "{lang}/statistics/"
STATS_LANG_SAVE_AS = "{lang}/statistics/index.html"
# The figures as CSV files and the filters' data (JSON), shared by every language.
STATS_DATA_URL = "stats/{name}"
STATS_DATA_SAVE_AS = "stats/{name}"
DIRECT_TEMPLATES = []
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {
    # Record text is always escaped; only trusted HTML (rendered Markdown) is marked safe.
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
}
RELATIVE_URLS = True
MINIFY_HTML = True
# The theme's own scripts and styles minified at build (esbuild, installed by scripts/setup);
# REPERTOIRE_ESBUILD names another esbuild binary (None: node_modules/.bin/esbuild).
MINIFY_ASSETS = True
ESBUILD = os.environ.get("REPERTOIRE_ESBUILD") or None
# Page scripts served with the modules they import as one file: search.js needs ten, which
# a server speaking HTTP/1.1 (six connections) delivers in three round trips, 6 s on Slow 3G.
# Page scripts served each as one file with their modules: a phone that kept the last build's
# modules in its memory cache, before it takes the update, ran a new page script with an old
# module (my list blank: "text.js does not provide an export named MONTH_DAY").
BUNDLED_SCRIPTS = ["search.js", "my-list.js", "printed.js", "offline-record.js"]
LOAD_CONTENT_CACHE = False
# What a build keeps for the next (records, pages, lists, PDFs: see README, "Rebuilds")
# lives outside the checkout: it holds pickles, which the build loads as its own, and a file
# a pull request committed under cache/ would run code there. REPERTOIRE_CACHE names another
# folder (CI keeps it between runs); each checkout has its own.
CACHE_PATH = os.environ.get("REPERTOIRE_CACHE") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
    "repertoire",
    hashlib.sha256(HERE.encode()).hexdigest()[:16],
)
