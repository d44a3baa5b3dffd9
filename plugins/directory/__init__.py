"""Répertoire's directory: validated YAML records rendered as bilingual pages.

Only hooks here: Pelican, the generator and the templates' helpers are imported when a
build asks for them, so that the contributor tools (scripts/validate...) start without them."""

import gc
import logging
import sys
from pathlib import Path

from repertoire.catalogs import load_catalog
from repertoire.problems import ProblemsFound, Refused
from repertoire.taxonomy import TaxonomyError

# Errors in the sources, or folders and settings refused, already worded for the person who
# must fix them.
SOURCE_ERRORS = (ProblemsFound, TaxonomyError, Refused)


class _NoTracebackForSourceErrors(logging.Filter):
    """`pelican content` logs whatever stopped the build with its traceback: for a broken
    record, bulletin or statistic the message already names every file, line and field, and
    the traceback (hundreds of lines of Pelican internals) only hides it. Problems already
    written one per line (ProblemsFound.told) are only counted: the log wraps its lines. A
    broken categories or territories file, or a folder refused, is told so first: its path
    was cut in two at 80 columns, on standard output only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], SOURCE_ERRORS):
            record.exc_info = None
        if isinstance(record.args, tuple) and any(isinstance(arg, SOURCE_ERRORS) for arg in record.args):
            record.args = tuple(_said(arg) for arg in record.args)
        return True


def _told(value) -> bool:
    return isinstance(value, ProblemsFound) and value.told_already


def _said(value):
    """A source error as the log says it once it is on standard error, one plain line."""
    if _told(value):
        return value.counted()
    if isinstance(value, (TaxonomyError, Refused)):
        if not getattr(value, "told_already", False):
            sys.stderr.write(" ".join(str(value).split()) + "\n")
            value.told_already = True
        return "see the line above"
    return value


def get_generators(pelican):
    """Add the directory's pages to the build."""
    from .generator import DirectoryGenerator

    return DirectoryGenerator


def prepare_environment(generator):
    """Give every generator's templates the language-aware helpers and UI catalogs."""
    from . import fragments, i18n, templating

    theme = Path(generator.settings["THEME"])
    i18n.install(generator.env, theme / "translations")
    templating.install(generator.env)
    fragments.install(generator.env, keep=generator.settings.get("KEEP_FRAGMENTS", True))
    if generator.settings.get("REUSE_OUTPUTS", True):
        # Every generator has its own environment, and so compiled every template again (a
        # second or two per build): the compiled code is kept by template source.
        from .compiled import CompiledTemplates

        folder = Path(generator.settings["CACHE_PATH"]) / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        generator.env.bytecode_cache = CompiledTemplates(str(folder))


def refuse_cache_in_project(pelican):
    """The caches hold pickles and compiled templates the build loads as its own: never from
    a folder a pull request could commit files into (the project's, the content's)."""
    settings = pelican.settings
    if not settings.get("REUSE_OUTPUTS", True):
        return
    project, content = Path(__file__).resolve().parents[2], Path(settings["PATH"]).resolve()
    for name in ("CACHE_PATH", "PDF_CACHE_PATH"):
        if not settings.get(name):
            continue
        folder = Path(settings[name]).resolve()
        for inside in (project, content):
            if folder == inside or inside in folder.parents:
                raise Refused(
                    f"{name} {settings[name]} is inside {inside}: a file committed there would be loaded"
                    " (and run) as the build's own cache; leave the default or set REPERTOIRE_CACHE outside"
                )


# The addresses the settings put on every page, and the schemes each may have: the quick
# exit set to "javascript:…" (an environment variable, a forked configuration) was a button that
# did nothing on 444 pages, its script blocked by the pages' policy (stop 83's hostile probe).
LINK_SETTINGS = {
    "QUICK_EXIT_URL": ("https",),
    "HELPLINE_CHAT_URL": ("https", "http"),
    "RECORD_HISTORY_URL": ("https", "http"),
    "PUBLIC_URL": ("https", "http"),
    "CORRECTION_URL": ("https", "http", "mailto"),
}


def refuse_unsafe_links(pelican):
    """Each address setting, if set, is a web address (or a mail one where said)."""
    for name, schemes in LINK_SETTINGS.items():
        value = pelican.settings.get(name)
        if not value:
            continue
        scheme = str(value).split(":", 1)[0].strip().lower() if ":" in str(value) else ""
        if scheme not in schemes or any(c.isspace() or ord(c) < 32 for c in str(value)):
            raise Refused(
                f"{name} {str(value)[:80]!r}: expected an address starting {' or '.join(s + ':' for s in schemes)}"
            )


def quiet_source_errors() -> None:
    """Install the log filter, once (the plugin is registered by every build of a process)."""
    log = logging.getLogger("pelican")
    if not any(isinstance(f, _NoTracebackForSourceErrors) for f in log.filters):
        log.addFilter(_NoTracebackForSourceErrors())


class _Build:
    """The build's context, kept from the generators for `finalized`."""

    context: dict = {}

    def keep(self, generators):
        self.context = generators[0].context if generators else {}

    def finish(self, pelican):
        """Remember how this build left each file it wrote (repertoire/written.py), for the next."""
        written = self.context.get("written")
        if written is not None:
            written.save()


def release_earlier_builds(pelican):
    """The records of a build are kept from the garbage collector's walks (gc.freeze: see the
    generator); a later build in the same process (the tests, `pelican --autoreload`) lets it
    free them. And reads the catalogs again: an earlier build's words, kept in memory, were
    written into pages that the page cache then kept under the new catalogs' name. Called as
    each build asks for its generators (get_generators: --autoreload runs the same Pelican
    again, without a new `initialized`); it adds none."""
    gc.unfreeze()
    load_catalog.cache_clear()


BUILD = _Build()


def register():
    from pelican import signals

    quiet_source_errors()  # now: a folder refused as a build starts is said without a traceback too
    signals.initialized.connect(refuse_cache_in_project)
    signals.initialized.connect(refuse_unsafe_links)
    signals.get_generators.connect(release_earlier_builds)
    signals.all_generators_finalized.connect(BUILD.keep)
    signals.finalized.connect(BUILD.finish)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
