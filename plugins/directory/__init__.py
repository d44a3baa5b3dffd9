"""Répertoire's directory: validated YAML records rendered as bilingual pages."""

from pathlib import Path

from pelican import signals

from . import i18n, templating
from .generator import DirectoryGenerator


def get_generators(pelican):
    """Add the directory's pages to the build."""
    return DirectoryGenerator


def prepare_environment(generator):
    """Give every generator's templates the language-aware helpers and UI catalogs."""
    theme = Path(generator.settings["THEME"])
    i18n.install(generator.env, theme / "translations")
    templating.install(generator.env)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
