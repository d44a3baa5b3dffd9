"""Printed directories: one PDF per region and language, from the same HTML and print
stylesheet as the directory a counsellor composes in the browser (theme/templates/printed.html).

WeasyPrint turns the HTML into PDF. It is the slow part of the build (about a second per
few dozen pages), so a PDF is kept in a cache under the hash of its HTML, stylesheets and
WeasyPrint version: a build where a region's organizations did not change copies the PDF
from there instead of printing it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import time
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

from directory import urls
from directory.processes import map_in_processes
from directory.i18n import load_catalog, page_lang
from directory.records import text
from directory.taxonomy import WHOLE_PROVINCE
from exports import export_name

from .document import sections

logger = logging.getLogger(__name__)
# The site's stylesheet has screen rules WeasyPrint does not know (media features, clip-path):
# it says so for every PDF. Its errors still show.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
STYLESHEETS = ("site.css", "lists.css")
CACHE_DAYS = 7


def pdf_name(slug: str) -> str:
    return f"{export_name('region', slug)}.pdf"


class PrintedGenerator(Generator):
    """Writes EXPORTS/region-<slug>.pdf for every region with organizations, per language."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        import weasyprint  # noqa: F401  (fail before any work if Pango is missing)

        directory = self.context["directory"]
        cache = Path(self.settings.get("PDF_CACHE_PATH") or Path(self.settings["CACHE_PATH"]) / "pdf")
        cache.mkdir(parents=True, exist_ok=True)
        css = "\n".join((Path(self.settings["THEME"]) / "static" / "css" / name).read_text(encoding="utf-8")
                        for name in STYLESHEETS)
        version = weasyprint.__version__
        jobs, reused = [], 0
        for lang in self.settings["LANGUAGES"]:
            folder = Path(self.output_path) / urls.url_for(self.settings, "EXPORTS", lang)
            folder.mkdir(parents=True, exist_ok=True)
            places = [(region.slug, text(region.name, lang)[0]) for region in directory.taxonomy.regions]
            places.append((WHOLE_PROVINCE, self._say(lang, "All of Quebec")))
            for slug, name in places:
                members = directory.by_region.get(slug) or []
                if not members:
                    continue
                html = self._html(lang, name, members, css)
                key = hashlib.sha256(f"{version}\n{html}".encode("utf-8")).hexdigest()[:24]
                cached = cache / f"{key}.pdf"
                target = folder / pdf_name(slug)
                if cached.exists():
                    shutil.copyfile(cached, target)
                    os.utime(cached)  # used: kept (see below)
                    reused += 1
                else:
                    jobs.append((html, str(cached), str(target)))
        # Each PDF is independent CPU work: one process per core.
        map_in_processes(_print_pdf, jobs, self.settings.get("BUILD_WORKERS"))
        # PDFs no build used for a week go: the cache stays about one site's worth, yet two
        # sites built in turn (a preview and the published one, the tests) keep theirs.
        limit = time.time() - CACHE_DAYS * 86400
        for stale in cache.glob("*.pdf"):
            if stale.stat().st_mtime < limit:
                stale.unlink(missing_ok=True)
        logger.info("Printed directories: %d PDFs printed, %d unchanged ones reused", len(jobs), reused)

    def _say(self, lang: str, message: str) -> str:
        return load_catalog(str(Path(self.settings["THEME"]) / "translations"), lang).gettext(message)

    def _html(self, lang: str, territory: str, members: list, css: str) -> str:
        directory = self.context["directory"]
        found = sections(members, directory.taxonomy, lang)
        context = dict(self.context)
        context.update(
            lang=lang, page_kind="printed_region", title=None, territory_name=territory,
            categories_label=self._say(lang, "All categories"), count=sum(len(s.organizations) for s in found),
            sections=found, printed_css=css,
            # Links in a PDF must be absolute to lead anywhere: the public address when known.
            SITEURL=self.settings.get("PUBLIC_URL") or "",
        )
        return self.get_template("printed_region").render(context)


def _print_pdf(job: tuple[str, str, str]) -> None:
    """HTML -> PDF, into the cache (written whole, then renamed) and the site."""
    import weasyprint

    html, cached, target = job
    temporary = Path(f"{cached}.tmp")
    weasyprint.HTML(string=html).write_pdf(temporary)
    temporary.replace(cached)
    shutil.copyfile(cached, target)


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
