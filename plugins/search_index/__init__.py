"""Search: per-language index files built from the records, and the vendored lunr.js."""

import json
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from repertoire.collector import collector_paused
from repertoire.derived import Derived
from repertoire.jsontext import compact_json
from repertoire.page_cache import PageCache
from repertoire.processes import preload_in_fresh_processes, start_sharing
from repertoire.vendor import copy_npm_files, join_npm_scripts

from .analysis import known_terms
from .index import build_search_files

# lunr.js and the French stemmer, minified, as one script (search-engine.js SCRIPTS): three
# were a round trip more on Slow 3G (a host on HTTP/1.1 opens six connections, and they came
# with the query's word files); with their licences.
LUNR = "lunr/lunr-fr.js"
LUNR_SCRIPTS = [
    ("lunr", "lunr.min.js"),
    ("lunr-languages", "min/lunr.stemmer.support.min.js"),
    ("lunr-languages", "min/lunr.fr.min.js"),
]
VENDOR_FILES = {"lunr": ["LICENSE"], "lunr-languages": ["LICENSE"]}
INDEX_DIR = "search"


def _build(job, shared) -> tuple[bytes, dict]:
    """One language's search files (in a worker process), from what earlier builds kept: each
    record's search text and compact form, and the terms of the words (stemming is most of
    the work). `job`: the language, the cache and the files' key there, the site's files
    (repertoire/written.py); `shared`: the records and what every language's index reads of
    them. The files are written into the site and stored in the cache here; the manifest
    comes back, and what was written (repertoire/written.py). The build's own process read
    them back from the cache to write them, its last second alone on the machine at 10,000
    records, and held them (~150 MB with long texts) when there was no cache."""
    lang, cache, key, written = job
    written.begin_part()
    organizations, taxonomy, stale, alternatives, digests = shared
    parts, words = Derived(cache, f"search-{lang}"), Derived(cache, f"search-terms-{lang}")
    known_terms(lang).update(words.get("terms", dict))
    with collector_paused():  # millions of words, postings and record parts, in no cycle
        built = build_search_files(organizations, taxonomy, lang, stale, alternatives, (digests, parts))
    words.put("terms", dict(known_terms(lang)))
    parts.save()
    words.save()
    manifest = compact_json(built.manifest, sort_keys=True)
    cache.put_written({**built.files, "manifest.json": manifest}, written, _place(lang), key)
    return manifest, written.taken()


def _place(lang: str):
    """Where a language's search file goes in the site, by its name."""
    return lambda name: f"{INDEX_DIR}/{lang}/{name}"


class SearchGenerator(Generator):
    """Writes search/<lang>/manifest.json and the content-named files it lists; the search
    page carries its language's manifest (search_manifest(lang) in templates)."""

    def generate_context(self):
        self.context["SEARCH_INDEX_DIR"] = INDEX_DIR
        self.context["search_manifest"] = self.manifest
        # Started once the directory's pages are written (see its generator).
        self.context.setdefault("start_early", []).append(self.start)
        self._manifests: dict[str, dict] | None = None
        self._started = None

    def start(self) -> None:
        """Start making the files (once the page cache is open) in processes of their own: the
        directory's last pages are written meanwhile, and the first call of `manifest` takes them."""
        if self._started is None and self._manifests is None:
            self._started = self._start_files()

    def manifest(self, lang: str) -> dict:
        """A language's manifest, for the search page: a query from the address then starts
        its downloads without asking for the manifest first. The files are made then (the
        page cache is open by then), unless `start` started them."""
        if self._manifests is None:
            started, self._started = self._started or self._start_files(), None
            self._manifests = {lang: json.loads(manifest) for lang, manifest in started().items()}
        return self._manifests[lang]

    def _start_files(self):
        """Make each language's search files, written into the site by the processes that make
        them, or from the cache when it holds them (made of the same records); what gives
        each language's manifest once they are done."""
        directory = self.context["directory"]
        languages = self.settings["LANGUAGES"]
        stale = frozenset(org.id for org in directory.organizations if directory.stale(org))
        alternatives = {org.id: directory.alternatives(org) for org in directory.organizations if org.closed}
        # An index is made of every record: it is reused whole when none of them changed.
        cache = self.context.get("page_cache") or PageCache(None, "")
        keys = {
            lang: cache.key(
                "search",
                lang,
                [directory.digests[org.id] for org in directory.organizations],
                sorted(stale),
                {k: [o.id for o in v] for k, v in alternatives.items()},
            )
            for lang in languages
        }
        written = self.context["written"]
        stored = {
            lang: None
            if cache.write_stored(keys[lang], written, _place(lang)) is None
            else cache.get_file(keys[lang], "manifest.json")
            for lang in languages
        }
        missing = [lang for lang in languages if stored[lang] is None]
        jobs = [(lang, cache, keys[lang], written) for lang in missing]
        shared = (directory.organizations, directory.taxonomy, stale, alternatives, directory.digests)
        # Each language's index is pure CPU: one process per language.
        started = start_sharing(_build, jobs, shared, self.settings, len(directory.organizations))

        def made() -> dict[str, bytes]:
            for lang, (manifest, entries) in zip(missing, started.results()):
                written.add(entries)
                stored[lang] = manifest
            return stored

        return made

    def generate_output(self, writer):
        copy_npm_files(VENDOR_FILES, Path(self.output_path) / "theme" / "vendor")
        join_npm_scripts(LUNR_SCRIPTS, Path(self.output_path) / "theme" / "vendor" / LUNR)
        if self._manifests is None:  # no page asked (the search page was kept): made now, or ended
            self.manifest(self.settings["LANGUAGES"][0])


def get_generators(pelican):
    return SearchGenerator


def register():
    preload_in_fresh_processes(__name__)  # each language's index is made in a new process
    signals.get_generators.connect(get_generators)
