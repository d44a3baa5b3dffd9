"""Printed directories: one PDF per region and language, typeset by Typst (the compiler ships
in the `typst` wheel, with the fonts it uses) from theme/templates/printed_region.typ.

The words of a directory (document.py) go to the template as JSON that it reads with
json(): record text is data there, never markup. A PDF is kept in a cache under the hash of
that JSON, the template and Typst's version: a build where a region's organizations did not
change copies the PDF from there instead of printing it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path

import typst
from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

from repertoire import urls
from repertoire.catalogs import load_catalog, page_helper, page_lang
from repertoire.downloads import export_name
from repertoire.jsontext import compact_json_text
from repertoire.page_cache import PageCache
from repertoire.processes import (
    StartedOnce,
    preload_in_fresh_processes,
    start_in_fresh_processes,
    start_server_early,
)
from repertoire.records import text
from repertoire.sealed import read_sealed_bytes, write_sealed_bytes
from repertoire.wording import date_in, language_name_in, special_in_short, week_in_short

from .document import Helpline, Wording, document, sections
from .fonts import LEFT_OUT_SHOWN, printable

logger = logging.getLogger(__name__)
TEMPLATE = "printed_region.typ"
CACHE_DAYS = 7
# The data of the PDFs one process prints, in all: Typst keeps every document it compiled in
# its caches (one process printing a language's 36 grew past 1 GB at 10,000 records), yet a
# process for each short PDF took longer to start and end than to print it: the last ones of
# a 10,000-record build (40 KB of data, 60 ms of Typst) kept two cores a third busy.
BATCH_BYTES = 600_000


def cached_name(key: str) -> str:
    """A printed directory's file in the cache: sealed (repertoire/sealed.py), a damaged copy
    is printed again (one cut to 1,000 bytes was published)."""
    return f"{key}.sealed-pdf"


def pdf_name(slug: str) -> str:
    return f"{export_name('region', slug)}.pdf"


class PrintedGenerator(Generator):
    """Writes EXPORTS/region-<slug>.pdf for every region with organizations, per language."""

    def generate_context(self):
        self._printing, self._entries = StartedOnce(self._start), {}
        self._left_out: set[str] = set()  # letters no font draws, left out of the PDFs (printable)
        self._prepared: tuple | None = None  # see _prepare
        # Prepared while the directory's pages render, started once they are written (see
        # its generator), ended here.
        self.context.setdefault("prepare_early", []).append(self._prepare)
        self.context.setdefault("start_early", []).insert(0, self._printing.start)

    def _prepare(self) -> None:
        """Copy the PDFs printed by an earlier build, make the data of the others: done by the
        build's process while the pages render on the other cores, it kept them waiting after
        (each PDF's data was made as a process could take it: the last, short PDFs of a
        10,000-record build waited for theirs, two cores a third busy for ~2 s)."""
        if self._prepared is None:
            self._prepared = self._to_print()

    def generate_output(self, writer):
        self._printing.finish()

    def _to_print(self) -> tuple[Path, int, list]:
        """Copy the PDFs printed by an earlier build; the cache, how many were copied, and
        the others as (target, key, job), the longest first."""
        directory = self.context["directory"]
        cache = Path(self.settings.get("PDF_CACHE_PATH") or Path(self.settings["CACHE_PATH"]) / "pdf")
        cache.mkdir(parents=True, exist_ok=True)
        source = (Path(self.settings["THEME"]) / "templates" / TEMPLATE).read_text(encoding="utf-8")
        version = typst.__version__
        salted = self.context.get("page_cache") or PageCache(None, "")
        written = self.context["written"]
        self._began = time.perf_counter()
        self._entries = {lang: {} for lang in self.settings["LANGUAGES"]}  # see document()
        reused, missing = 0, []  # missing: (lang, name, members, key or None, data or None, target)
        for lang in self.settings["LANGUAGES"]:
            folder = urls.url_for(self.settings, "EXPORTS", lang)
            places = [(region.slug, text(region.name, lang)[0]) for region in directory.taxonomy.regions]
            places.append((directory.taxonomy.whole.slug, text(directory.taxonomy.whole.name, lang)[0]))
            for slug, name in places:
                members = directory.by_region.get(slug) or []
                if not members:
                    continue
                target = folder + pdf_name(slug)
                # Known before writing the data (10 s for every PDF of 10,000 records): the
                # build's salt (template, catalogs, settings, crisis lines...), the records, and
                # what changes with the day alone: which are past their review date, which
                # special hours are ahead.
                key = (
                    salted.key(
                        "pdf",
                        version,
                        lang,
                        slug,
                        [directory.digests[org.id] for org in members],
                        directory.as_of,
                        [org.id for org in members if directory.stale(org)],
                        # and the special hours ahead of the day, which entries list
                        [directory.upcoming(org) for org in members],
                    )[:24]
                    if salted.folder
                    else None
                )
                data = None
                if key is None:  # no cache of pages: the PDF is known by its data
                    data = self._data_json(lang, name, members)
                    key = hashlib.sha256(f"{version}\n{source}\n{data}".encode("utf-8")).hexdigest()[:24]
                cached = cache / cached_name(key)
                # Reused when the site holds it already, or else when its copy in the cache is whole.
                held = cached.exists() and written.holds(target, source=key)
                pdf = None if held else read_sealed_bytes(cached)
                if held or pdf is not None:
                    if pdf is not None:
                        written.write(target, pdf, key)
                    os.utime(cached)  # used: kept (see below)
                    reused += 1
                else:
                    missing.append((lang, name, members, key, data, target))
        # The longest first (the whole territory's, 10,000 entries): the last ones to start
        # are short, and no core waits for the other at the end.
        missing.sort(key=lambda item: -len(item[2]))
        if missing:  # their processes' server imports its modules while the data is made
            start_server_early()
        return (
            cache,
            reused,
            [
                (
                    target,
                    key,
                    (
                        source,
                        data if data is not None else self._data_json(lang, name, members),
                        str(cache / cached_name(key)),
                    ),
                )
                for lang, name, members, key, data, target in missing
            ],
        )

    def _start(self):
        """Start printing the PDFs no earlier build printed (independent CPU work: one process
        per core, a new one for each batch); what waits for them and writes them."""
        cache, reused, missing = self._prepared or self._to_print()
        self._prepared = None
        printing = start_in_fresh_processes(
            print_pdfs, in_batches([job for _, _, job in missing]), self.settings.get("BUILD_WORKERS")
        )
        written = self.context["written"]

        def made() -> None:
            printing.results()
            self._entries = {}
            for target, key, _ in missing:
                pdf = read_sealed_bytes(cache / cached_name(key))
                if pdf is None:
                    raise OSError(f"the printed directory {target} was not written whole to {cache}")
                written.write(target, pdf, key)
            # PDFs no build used for a week go: the cache stays about one site's worth, yet two
            # sites built in turn (a preview and the published one, the tests) keep theirs.
            limit = time.time() - CACHE_DAYS * 86400
            for stale in [*cache.glob("*.sealed-pdf"), *cache.glob("*.pdf")]:  # .pdf: unsealed, of older builds
                if stale.stat().st_mtime < limit:
                    stale.unlink(missing_ok=True)
            logger.info(
                "Printed directories: %d PDFs printed, %d unchanged ones reused, in %.1f s",
                len(missing),
                reused,
                time.perf_counter() - self._began,  # their data made too
            )
            if self._left_out:
                shown = sorted(self._left_out)
                logger.warning(
                    "Printed directories: no font of the PDFs draws %s%s: left out of them (the pages show them)",
                    ", ".join(shown[:LEFT_OUT_SHOWN]),
                    f" and {len(shown) - LEFT_OUT_SHOWN} more" if len(shown) > LEFT_OUT_SHOWN else "",
                )

        return made

    def _data_json(self, lang: str, territory: str, members: list) -> str:
        """data_for() as the template reads it, without what no font of the typst wheel draws
        (`printable`: each was printed as an empty box, "Frigo partagé 🍎", "华人社区中心")."""
        return printable(compact_json_text(self.data_for(lang, territory, members), sort_keys=True), self._left_out)

    def data_for(self, lang: str, territory: str, members: list) -> dict:
        """Everything one printed directory says, in `lang`, for the Typst template."""
        directory, settings = self.context["directory"], self.settings
        translations = str(Path(settings["THEME"]) / "translations")
        catalog = load_catalog(translations, lang)
        numbering, locale = directory.taxonomy.conventions.phones, directory.taxonomy.conventions.locale(lang)
        # Links in a PDF must be absolute to lead anywhere: only when the public address is known.
        public = settings.get("PUBLIC_URL") or ""
        wording = Wording(
            lang,
            catalog.gettext,
            catalog.ngettext,
            date=lambda day: date_in(day, locale),
            language=lambda code: language_name_in(code, locale),
            week=lambda location: week_in_short(location, lang, translations, locale),
            phone=lambda number, kind: numbering.text_of(number, lang, kind),
            page=lambda org_id: (
                f"{public}/{urls.url_for(settings, 'ORGANIZATION', lang, slug=org_id)}" if public else ""
            ),
            special=lambda location: special_in_short(location, directory.today, lang, translations, locale),
        )
        helpline = Helpline(
            settings.get("HELPLINE_LABEL") or settings.get("HELPLINE_NUMBER") or "",
            settings.get("HELPLINE_HOURS"),
            tuple(settings.get("HELPLINE_LANGUAGES") or ()),
            bool(settings.get("HELPLINE_INTERPRETERS")),
        )
        return document(
            territory,
            sections(members, directory.taxonomy, lang, by_name=directory.sorted_by_name),
            directory.taxonomy,
            wording,
            directory.as_of,
            helpline,
            self.context.get("crisis_lines") or [],
            self._entries.setdefault(lang, {}),
            directory.stale,
        )


def in_batches(jobs: list[tuple[str, str, str]], most: int = BATCH_BYTES) -> list[list]:
    """The PDFs' jobs (the longest first) in batches of consecutive ones whose data hold `most`
    bytes in all, or a single job over that: a process each (print_pdfs)."""
    batches: list[list] = []
    size = most
    for job in jobs:
        if size + len(job[1]) > most:
            batches.append([])
            size = 0
        batches[-1].append(job)
        size += len(job[1])
    return batches


def print_pdfs(jobs: list[tuple[str, str, str]]) -> None:
    """Typst source and JSON data -> PDF, into the cache, for each job."""
    for source, data, cached in jobs:
        # Only the fonts in the typst wheel: the same PDF on every machine, nothing looked up.
        pdf = typst.compile(source.encode("utf-8"), sys_inputs={"data": data}, ignore_system_fonts=True)
        write_sealed_bytes(cached, pdf)


@page_helper
@pass_context
def pdf_url(context, slug: str) -> str:
    """The address of a region's printed directory (PDF) in the page's language."""
    return urls.url_for(context, "EXPORTS", page_lang(context)) + pdf_name(slug)


def prepare_environment(generator):
    generator.env.globals["pdf_url"] = pdf_url


def get_generators(pelican):
    return PrintedGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
    preload_in_fresh_processes(__name__)  # each PDF is printed in a new process
