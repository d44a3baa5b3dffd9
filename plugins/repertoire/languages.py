"""The languages a record's texts are written in, and the site's (pelicanconf.py reads this
list), the default first: the language a text falls back to. The schema's follow
(scripts/update_schema). No import here: the settings file reads it."""

LANGUAGES = ("fr", "en")


def in_every_language(value) -> dict:
    """A text the same in every language ("211") as {lang: text}; a {lang: text} as it is."""
    return {lang: value for lang in LANGUAGES} if isinstance(value, str) else dict(value)
