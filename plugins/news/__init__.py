"""News bulletins in both languages: lists, category pages, Atom feeds, and alert banners."""

from pelican import signals

from . import templating
from .generator import NewsGenerator


def get_generators(pelican):
    """Add the news lists, feeds and alerts to the build."""
    return NewsGenerator


def prepare_environment(generator):
    """Give every generator's templates the alert helpers (the banner is on every page)."""
    templating.install(generator.env)


def default_key(generator, metadata):
    """A bulletin without `Key:` is its own translation group (Pelican needs one on each)."""
    if generator.settings.get("ARTICLE_TRANSLATION_ID") == "key" and "key" not in metadata:
        metadata["key"] = str(metadata.get("slug") or metadata.get("title") or id(metadata))


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
    signals.article_generator_context.connect(default_key)
