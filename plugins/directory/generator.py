"""The directory's pages: home, categories, regions, organizations, search, 404, per language."""

from __future__ import annotations

import functools
import gc
import json
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path

from markupsafe import escape
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from repertoire import urls
from repertoire.crisis import CrisisLinesInvalid, counts_for_the_browser, load_crisis_lines
from repertoire.directory_model import Directory
from repertoire.page_cache import (
    LATE_ALERTS,
    LATE_AS_OF,
    PageCache,
    digest,
    entry_digest,
    fill,
    late_name,
    late_part,
    late_source,
    tree_digest,
)
from repertoire.processes import in_parts
from repertoire.record_cache import RecordCache
from repertoire.records import (
    SCHEMA_PATH,
    RecordError,
    RecordsInvalid,
    load_directory,
    record_paths,
    with_misplaced,
)
from repertoire.taxonomy import load_taxonomy
from repertoire.today import build_today
from repertoire.vendor import copy_npm_files
from repertoire.wording import date_in, zone_offsets_json
from repertoire.written import Written
from repertoire.yamlfile import RECORD_LIMITS, TAXONOMY_LIMITS, YAMLFileError, read_bytes

from .i18n import in_language

logger = logging.getLogger(__name__)
PLUGINS = Path(__file__).resolve().parents[1]
# Settings that say where and how fast to build, not what: not part of a page's key.
BUILD_ONLY_SETTINGS = {
    "PATH",
    "OUTPUT_PATH",
    "CACHE_PATH",
    "PDF_CACHE_PATH",
    "BUILD_WORKERS",
    "PARALLEL_FROM_RECORDS",
    "DIRECTORY_TODAY",
    "REUSE_OUTPUTS",
    "KEEP_FRAGMENTS",  # the same pages, made faster
    "WRITE_SELECTED",
    "DELETE_OUTPUT_DIRECTORY",
    "DEBUG",
    "LOG_FILTER",
}
# What renders the pages and files besides the project's own (folium: the map set-up; orjson: JSON).
RENDERING_PACKAGES = ("pelican", "jinja2", "markupsafe", "babel", "minify-html", "folium", "orjson")
# The content folders whose changes pages follow one by one (records) or through placeholders
# and facts (news, statistics); any other content (taxonomy, crisis lines, pages) is in every key.
TRACKED_CONTENT = {"organizations", "news", "stats"}
# The directory's pages of the site as a whole, by setting prefix: template.
SITE_PAGES = {
    "HOME": "home",
    "SEARCH": "search",
    "REGIONS": "regions",
    "DIRECTORY_CATEGORIES": "categories",
    "OFFLINE_RECORD": "offline_organization",
    "OFFLINE": "offline",
    "NOT_SAVED": "not_saved",
    "STAFF": "staff",
    "OPEN_DATA": "open_data",
    "MY_LIST": "my_list",
    "PRINTED": "printed",
}


def _bytes_of(path: Path) -> bytes:
    """A content file's bytes for a hash, read as every file of content/ is (bounded, not through
    a link out of its folder); nothing for one that cannot be: its reader says why."""
    try:
        return read_bytes(path, TAXONOMY_LIMITS.max_bytes)
    except (OSError, YAMLFileError):
        return b""


@functools.lru_cache(maxsize=None)
def _site_from(depth: int) -> str:
    """The site's root relative to a page this many folders deep (as _late_fragments, by depth)."""
    return path_to_url(get_relative_path("x/" * depth + "index.html"))


class DirectoryGenerator(Generator):
    """Reads the records in generate_context, writes every directory page in generate_output."""

    def generate_context(self):
        content = Path(self.path)
        today = build_today(self.settings)
        taxonomy = load_taxonomy(content)
        record_cache = self._record_cache(content)
        folder = content / "organizations"
        try:
            if not folder.is_dir() or folder.is_symlink():  # a wrong content path, not an empty directory
                raise RecordsInvalid(
                    [RecordError(str(folder), 1, "(folder)", "missing: the records go in this folder")]
                )
            organizations = with_misplaced(
                folder, lambda: load_directory(record_paths(folder), taxonomy, today, record_cache)
            )
        except RecordsInvalid as invalid:
            raise invalid.told() from None  # one plain line per error: editors and CI jump to them
        directory = Directory(
            taxonomy,
            organizations,
            today,
            self.settings["REVIEW_PERIOD_DAYS"],
            known_digests=record_cache.digests if record_cache else {},
        )
        # The records live as long as the build: the garbage collector need never walk their
        # millions of objects again (it did at every collection; forked workers also keep
        # them shared instead of copying the pages the collector writes to).
        gc.freeze()
        self.directory = directory
        self.context["directory"] = directory
        # What this build writes into its output folder (every plugin's generator writes through it).
        reuse = self.settings.get("REUSE_OUTPUTS", True)
        self.written = self.context["written"] = Written(
            self.output_path, self.settings["CACHE_PATH"] if reuse else None
        )
        try:
            self.context["crisis_lines"] = load_crisis_lines(content, taxonomy, self.settings["LANGUAGES"])
        except CrisisLinesInvalid as invalid:
            raise invalid.told() from None  # in Pelican's log, a line's path was cut in two
        self.context["crisis_counts"] = counts_for_the_browser()
        self.context["page_links"] = self._page_links()
        logger.info(
            "Directory: %d organizations, %d categories, %d regions",
            len(organizations),
            len(taxonomy.categories),
            len(taxonomy.regions),
        )

    def _record_cache(self, content: Path) -> RecordCache | None:
        """Records checked by an earlier build, salted with what checking one depends on: the
        record code (repertoire's, where records are read and checked, and this plugin's), the
        schema and the taxonomy files. Salted with this plugin's alone, a new check of
        records.py let an incremental build publish records a full build refused."""
        if not self.settings.get("REUSE_OUTPUTS", True):
            return None
        shared = sorted(path for path in content.iterdir() if path.is_file())
        salt = digest(
            tree_digest(Path(__file__).parent, Path(__file__).parents[1] / "repertoire", suffixes=(".py", ".json")),
            SCHEMA_PATH.read_bytes().hex(),
            {path.name: _bytes_of(path).hex() for path in shared},
        )
        return RecordCache(Path(self.settings["CACHE_PATH"]) / "records", salt, RECORD_LIMITS.max_bytes)

    def _page_links(self) -> dict:
        """Addresses of the Markdown pages (guide, about) by their Key, per language."""
        links: dict = {}
        for page in [
            *self.context.get("pages", []),
            *self.context.get("hidden_pages", []),
            *self.context.get("translations", []),
        ]:
            for item in [page, *getattr(page, "translations", [])]:
                key = getattr(item, "key", None)
                if key:
                    links.setdefault(key, {})[item.lang] = item.url
        return links

    def generate_output(self, writer):
        settings, directory = self.settings, self.directory
        languages = settings["LANGUAGES"]
        self.page_cache = self.context["page_cache"] = self._open_page_cache()
        self._fragments: dict = {}
        self.context["late_parts"] = self.late_parts  # for the offline plugin
        self._counts = {"reused": 0, "rendered": 0}
        # Every page is kept by what it shows; these ones show the directory as a whole.
        self._digests = directory.digests
        # Lists and organization pages are most of the site: they render on every core, and a
        # page whose inputs did not change since an earlier build is copied from the cache.
        self._find_alternatives()
        pages = [functools.partial(self._write_organization, org) for org in directory.organizations]
        for lang in languages:
            for slug, category in directory.taxonomy.categories.items():
                pages += self._list_pages(
                    "DIRECTORY_CATEGORY",
                    "category",
                    lang,
                    slug,
                    directory.sorted_by_name(directory.by_category[slug], lang),
                    category=category,
                )
            for slug, members in directory.by_region.items():
                region = directory.taxonomy.territories.get(slug)
                pages += self._list_pages("REGION", "region", lang, slug, members, region=region)
        # The first page of each kind and language is written here, before the workers fork:
        # they inherit its templates compiled (and the catalogs, locales and fragments it
        # loaded), which each of them compiled again in a cold build: ~0.35 s of CPU a worker.
        first = list(
            {(job.keywords.get("template"), job.keywords.get("lang")): job for job in reversed(pages)}.values()
        )
        _, counts = self._write_pages(first)  # written here: already in self.written
        pages = [job for job in pages if job not in first]
        # Work of other plugins that needs the records and the alternatives found, not these
        # pages, runs in processes of its own (the search index, which the search page below
        # waits for; the downloads; the PDFs). It starts once the pages are written, before
        # their generators ask for it: the processes work while this one writes the pages
        # left. Started with the pages, they took turns with the pages' workers on the cores,
        # and every process went slower: a cold build of 10,000 records took ~9 % longer.
        # Meanwhile this process, idle else, prepares that work (the PDFs' data).
        prepare = self.context.get("prepare_early", [])
        parts = in_parts(pages, self._write_pages, settings.get("BUILD_WORKERS"), lambda: [work() for work in prepare])
        if (settings.get("BUILD_WORKERS") or os.cpu_count() or 1) > 1:
            for start in self.context.get("start_early", []):
                start()
        for written, part_counts in parts:
            self.written.add(written)
            counts = {kind: counts[kind] + part_counts[kind] for kind in counts}
        logger.info("Directory pages: %d reused, %d rendered", counts["reused"], counts["rendered"])
        everything = digest(self._digests, directory.today)
        for lang in languages:
            for kind, template in SITE_PAGES.items():
                self._write(kind, template, lang, {}, cache_key=self.page_cache.key(template, lang, everything))
        self.page_cache.prune()
        # The QR code of a shared "my list" is drawn on the phone (the licence is in the file).
        copy_npm_files({"qrcode-generator": ["dist/qrcode.mjs"]}, Path(self.output_path) / "theme" / "vendor")
        # Editors point their YAML plugin at the published schema.
        schema_out = Path(self.output_path) / "schema" / SCHEMA_PATH.name
        schema_out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCHEMA_PATH, schema_out)
        # One 404 and one language chooser at the root serve every language.
        root = {"lang": settings["DEFAULT_LANG"], "alternates": [], "page_url": ""}
        # The 404 is served from any depth: its links are absolute from the root.
        for name, template, relative in (("404.html", "404", False), ("index.html", "root", True)):
            writer.write_file(
                name,
                self.get_template(template),
                self.context,
                relative_urls=relative,
                override_output=True,
                page_kind=template,
                **root,
            )

    def _open_page_cache(self) -> PageCache:
        """The cache of pages, salted with everything every page is made from."""
        settings, directory = self.settings, self.directory
        folder = Path(settings["CACHE_PATH"]) / "pages" if settings.get("REUSE_OUTPUTS", True) else None
        content = Path(self.path)
        shared = [content / name for name in sorted(os.listdir(content)) if name not in TRACKED_CONTENT]
        news, stats = self.context.get("news"), self.context.get("stats")
        salt = digest(
            tree_digest(PLUGINS, Path(settings["THEME"])),  # code, templates, catalogs, styles
            tree_digest(*(path for path in shared if path.is_dir() and not path.is_symlink())),
            {path.name: entry_digest(path).hex() for path in shared if path.is_symlink() or path.is_file()},
            {key: value for key, value in settings.items() if key not in BUILD_ONLY_SETTINGS},
            {name: metadata.version(name) for name in RENDERING_PACKAGES},
            zone_offsets_json(settings["TIMEZONE"]),  # the system's time zone rules, not a package's
            # What list and organization pages show of the site around them.
            {
                "news_feeds": news["feeds"] if news else None,
                "stats": bool(stats),
                "page_links": self.context["page_links"],
                "whole": bool(directory.by_region[directory.taxonomy.whole.slug]),
            },
        )
        return PageCache(folder, salt)

    def _find_alternatives(self) -> None:
        """The nearest active organizations of each closed one, asked by its pages and the
        search index: found before the workers fork (they inherit them), and kept in the cache
        by category, by what they are found from (the closed records of the category, its
        active ones, in order). A cache file for each closed organization was ~820 files to
        create at 10,000 records, 0.1 s of CPU and 0.3 s of the disk's while the other core
        idles; an edit now finds again the ~40 of one category, a few milliseconds."""
        directory, cache = self.directory, self.page_cache
        closed: dict[str, list] = {}
        for org in directory.organizations:
            if org.closed:
                closed.setdefault(org.primary_category, []).append(org)
        for category, members in closed.items():
            key = cache.key(
                "alternatives",
                digest(
                    [self._digests[other.id] for other in directory.by_category[category] if other.status == "active"]
                ),
                digest({org.id: self._digests[org.id] for org in members}),
            )
            try:
                stored = json.loads(cache.get(key))
                found = {org.id: [directory.by_id[other] for other in stored[org.id]] for org in members}
            except (TypeError, ValueError, KeyError):
                found = {org.id: directory.alternatives(org) for org in members}
                cache.put(
                    key, json.dumps({name: [other.id for other in others] for name, others in found.items()}).encode()
                )
            for org in members:
                directory.remember_alternatives(org, found[org.id])

    def _write_pages(self, pages) -> tuple[dict, dict]:
        """Write some of the pages (in one worker process); what was written, and how many
        pages were reused and rendered."""
        self._counts = {"reused": 0, "rendered": 0}
        self.written.begin_part()
        self.page_cache.begin_pack()  # the pages made here are stored in one file
        try:
            for write_page in pages:
                write_page()
        finally:
            self.page_cache.end_pack()
        return self.written.taken(), self._counts

    def _write_organization(self, org):
        """An organization's page in every language."""
        directory = self.directory
        # What the page shows of the day and of other records, besides the record itself.
        special = directory.upcoming(org)
        others = [self._digests[o.id] for o in directory.alternatives(org)] if org.closed else []
        stale = directory.stale(org)
        shown = digest(self._digests[org.id], stale, special, others)
        for lang in self.settings["LANGUAGES"]:
            key = self.page_cache.key("organization", lang, shown)
            self._write("ORGANIZATION", "organization", lang, {"slug": org.id}, cache_key=key, org=org, stale=stale)

    def _list_pages(self, kind, template, lang, slug, members, **extra) -> list:
        """The pages of a category or region list (DIRECTORY_PAGE_SIZE entries each), to write."""
        size = self.settings["DIRECTORY_PAGE_SIZE"]
        count = max(1, -(-len(members) // size))
        base_url = urls.url_for(self.settings, kind, lang, slug=slug)
        pages = [(n, urls.paginated(base_url, n)) for n in range(1, count + 1)]
        jobs = []
        for number in range(1, count + 1):
            shown = members[(number - 1) * size : number * size]
            # Which are past their review date too, and the special hours ahead, which change
            # with the day alone (a card says them on paper: partials/org_list.html).
            key = self.page_cache.key(
                template,
                lang,
                slug,
                number,
                count,
                len(members),
                [self._digests[org.id] for org in shown],
                [org.id for org in shown if self.directory.stale(org)],
                [self.directory.upcoming(org) for org in shown],
            )
            jobs.append(
                functools.partial(
                    self._write,
                    kind=kind,
                    template=template,
                    lang=lang,
                    fields={"slug": slug},
                    page=urls.paginated("", number),
                    cache_key=key,
                    slug=slug,
                    members=shown,
                    total=len(members),
                    pagination={"number": number, "count": count, "pages": pages},
                    **extra,
                )
            )
        return jobs

    def _alternates(self, kind: str, fields: dict) -> list[tuple[str, str]]:
        return [(lang, urls.url_for(self.settings, kind, lang, **fields)) for lang in self.settings["LANGUAGES"]]

    def _write(self, kind, template, lang, fields, *, cache_key: str, page="", **extra):
        """One page of a kind in a language; `page` is the sub-path of a list's later pages.
        The page is stored under `cache_key` with its alert and date placeholders and reused:
        kept as it is when the site holds it filled in as today, else filled in from the cache."""
        name = urls.save_as(self.settings, kind, lang, **fields).replace("index.html", page + "index.html")
        fragments, filled_as, _ = self._late_fragments(lang, name)
        source = late_source(cache_key, filled_as)
        if self.written.holds(name, source=source):
            self.page_cache.touch(cache_key)
            self._counts["reused"] += 1
            return
        stored = self.page_cache.get(cache_key)
        if stored is not None:
            self.written.write(name, fill(stored, fragments), source, after_holds=True)
            self._counts["reused"] += 1
            return
        self._counts["rendered"] += 1
        page_url = urls.url_for(self.settings, kind, lang, **fields) + page
        alternates = [(other, url + page) for other, url in self._alternates(kind, fields)]
        late_bound = {"alerts": LATE_ALERTS, "as_of": LATE_AS_OF}
        rendered = self._render(
            name, template, lang=lang, alternates=alternates, page_url=page_url, late_bound=late_bound, **extra
        )
        # Stored with its placeholders, written filled in.
        self.page_cache.put(cache_key, rendered)
        self.written.write(name, fill(rendered, fragments), source)

    def _render(self, name: str, template: str, **variables) -> bytes:
        """A page's bytes, as Pelican's writer would make them (its context, the
        site's address relative to the page) but in memory: the page is written once, where
        the writer would write it, read it back for the cache and write it again filled in."""
        page = dict(localsiteurl=None, output_file=name, page_kind=template, **variables)
        if self.settings["RELATIVE_URLS"]:
            page["SITEURL"] = page["localsiteurl"] = _site_from(name.count("/"))
        # Not minified: the templates are trimmed when compiled (minify plugin).
        return (
            in_language(self.env, variables["lang"])
            .get_template(self.get_template(template).name)
            .render(self.context, **page)
            .encode()
        )

    def _late_fragments(self, lang: str, name: str) -> tuple[dict[bytes, bytes], str, dict[str, str]]:
        """The alert banner and the "data as of" date of a page (see page_cache), rendered once
        per language and folder depth (links are relative to the page): as the page holds
        them, their hash, and the text of each by name."""
        depth = name.count("/")  # what the page's relative links depend on
        if (lang, depth) in self._fragments:
            return self._fragments[(lang, depth)]
        siteurl = path_to_url(get_relative_path(name)) if self.settings["RELATIVE_URLS"] else self.context["SITEURL"]
        if (lang, siteurl) not in self._fragments:
            context = dict(self.context, lang=lang, SITEURL=siteurl, localsiteurl=siteurl)
            banner = self.env.get_template("partials/alert_banner.html").render(context).strip()
            minify = self.context.get("minify_html")
            date = date_in(self.directory.as_of, lang)
            parts = {
                late_name(LATE_ALERTS): (minify(banner) if minify and banner else banner).encode(),
                late_name(LATE_AS_OF): str(escape(date)).encode(),
            }
            fragments = {name: late_part(name, text) for name, text in parts.items()}
            self._fragments[(lang, siteurl)] = (
                fragments,
                digest([[k.decode(), v.decode()] for k, v in fragments.items()])[:16],
                {name.decode(): text.decode() for name, text in parts.items()},
            )
        self._fragments[(lang, depth)] = self._fragments[(lang, siteurl)]
        return self._fragments[(lang, depth)]

    def late_parts(self, lang: str, depth: int) -> dict[str, str]:
        """Today's alert banner and date, by name, for a page of `lang` this many folders deep:
        what the offline copy puts into the pages it kept from an earlier build."""
        return self._late_fragments(lang, "x/" * depth + "index.html")[2]
