"""Search: per-language index files built from the records, and the vendored lunr.js."""

import json
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from directory.processes import map_in_processes
from directory.vendor import copy_npm_files

from .index import build_search_files

# lunr.js and the French stemmer, minified, with their licences.
VENDOR_FILES = {
    "lunr": ["lunr.min.js", "LICENSE"],
    "lunr-languages": ["min/lunr.stemmer.support.min.js", "min/lunr.fr.min.js", "LICENSE"],
}
INDEX_DIR = "search"


def _build(args):
    return build_search_files(*args)


class SearchGenerator(Generator):
    """Writes search/<lang>/manifest.json and the content-named files it lists."""

    def generate_context(self):
        self.context["SEARCH_INDEX_DIR"] = INDEX_DIR

    def generate_output(self, writer):
        directory = self.context["directory"]
        out = Path(self.output_path)
        copy_npm_files(VENDOR_FILES, out / "theme" / "vendor")
        languages = self.settings["LANGUAGES"]
        stale = frozenset(org.id for org in directory.organizations
                          if org.is_stale(directory.today, directory.review_days))
        alternatives = {org.id: directory.alternatives(org) for org in directory.organizations
                        if org.status == "inactive"}
        jobs = [(directory.organizations, directory.taxonomy, lang, stale, alternatives) for lang in languages]
        # Each language's index is pure CPU (lunr.py): one process per language.
        workers = self.settings.get("BUILD_WORKERS") if len(directory.organizations) >= 500 else 1
        built = map_in_processes(_build, jobs, workers)
        for lang, search_files in zip(languages, built):
            folder = out / INDEX_DIR / lang
            folder.mkdir(parents=True, exist_ok=True)
            for name, content in search_files.files.items():
                (folder / name).write_bytes(content)
            manifest = json.dumps(search_files.manifest, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            (folder / "manifest.json").write_text(manifest, encoding="utf-8")


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(get_generators)
