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


def _build(job, shared) -> tuple[bytes, dict[str, bytes] | None]:
    """One language's search files (in a worker process), from what earlier builds kept: each
    record's search text and compact form, and the terms of the words (stemming is most of
    the work). `job`: the language, the cache and the files' key there; `shared`: the records
    and what every language's index reads of them. The files go into the cache, and only the
    manifest comes back (tens of MB less to send, held twice while sent); with no cache
    folder, the files too."""
    lang, cache, key = job
    organizations, taxonomy, stale, alternatives, digests = shared
    parts, words = Derived(cache, f"search-{lang}"), Derived(cache, f"search-terms-{lang}")
    known_terms(lang).update(words.get("terms", dict))
    with collector_paused():  # millions of words, postings and record parts, in no cycle
        built = build_search_files(organizations, taxonomy, lang, stale, alternatives, (digests, parts))
    words.put("terms", dict(known_terms(lang)))
    parts.save()
    words.save()
    manifest = compact_json(built.manifest, sort_keys=True)
    files = {**built.files, "manifest.json": manifest}
    if getattr(cache, "folder", None) is None:
        return manifest, files
    cache.put_files(key, files)
    return manifest, None


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
        self._files: dict[str, dict[str, bytes]] | None = None
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
        page cache is open by then), unless `start` started them, and stored in it; the build
        keeps only the manifests until the output writes the files from the cache: ~150 MB at
        10,000 records with long texts, that every process forked in between (pages,
        downloads) would count too."""
        if self._manifests is None:
            started, self._started = self._started or self._start_files(), None
            files = started()
            self._manifests = {lang: json.loads(made["manifest.json"]) for lang, made in files.items()}
            if getattr(self.context.get("page_cache"), "folder", None) is None:
                self._files = files  # no cache to write them from
        return self._manifests[lang]

    def _make_files(self, written=None) -> dict[str, dict[str, bytes]]:
        """Each language's search files by name. With `written` (repertoire/written.py), the files
        of a language the cache holds are written into the site from there, one at a time, and
        given as none: no page asked for them."""
        return self._start_files(written)()

    def _start_files(self, written=None):
        """_make_files, started: what gives its result once the processes are done."""
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
        if written is None:  # the manifests only
            manifests = {lang: cache.get_file(keys[lang], "manifest.json") for lang in languages}
            stored = {lang: None if m is None else {"manifest.json": m} for lang, m in manifests.items()}
        else:
            stored = {
                lang: None if cache.write_stored(keys[lang], written, _place(lang)) is None else {}
                for lang in languages
            }
        missing = [lang for lang in languages if stored[lang] is None]
        jobs = [(lang, cache, keys[lang]) for lang in missing]
        shared = (directory.organizations, directory.taxonomy, stale, alternatives, directory.digests)
        # Each language's index is pure CPU: one process per language.
        started = start_sharing(_build, jobs, shared, self.settings, len(directory.organizations))

        def made() -> dict[str, dict[str, bytes]]:
            for lang, (manifest, files) in zip(missing, started.results()):
                if files is not None:  # no cache folder: the files themselves
                    stored[lang] = files
                elif written is None:  # only the manifest is read before the output is written
                    stored[lang] = {"manifest.json": manifest}
                else:
                    cache.write_stored(keys[lang], written, _place(lang))
                    stored[lang] = {}
            return stored

        return made

    def generate_output(self, writer):
        copy_npm_files(VENDOR_FILES, Path(self.output_path) / "theme" / "vendor")
        join_npm_scripts(LUNR_SCRIPTS, Path(self.output_path) / "theme" / "vendor" / LUNR)
        written = self.context["written"]
        if self._started is not None:  # started after the pages, yet no page asked (the search page was kept)
            started, self._started = self._started, None
            files = started()  # in the cache now, or here when there is none
            if getattr(self.context.get("page_cache"), "folder", None) is None:
                self._files = files
        made = self._files if self._files is not None else self._make_files(written)
        for lang, files in made.items():
            place = _place(lang)
            for name, content in files.items():
                written.write(place(name), content)


def get_generators(pelican):
    return SearchGenerator


def register():
    preload_in_fresh_processes(__name__)  # each language's index is made in a new process
    signals.get_generators.connect(get_generators)
