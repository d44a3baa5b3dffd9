"""Page addresses from settings, the Pelican way: X_URL for the default language, X_LANG_URL for others."""

from __future__ import annotations


def url_for(settings, kind: str, lang: str, **fields) -> str:
    """The URL (relative to the site root) of a page kind in a language, e.g. ('ORGANIZATION', 'en', slug=...)."""
    return _pattern(settings, kind, lang, "URL").format(lang=lang, **fields)


def save_as(settings, kind: str, lang: str, **fields) -> str:
    """The output file of a page kind in a language."""
    return _pattern(settings, kind, lang, "SAVE_AS").format(lang=lang, **fields)


def _pattern(settings, kind: str, lang: str, suffix: str) -> str:
    if lang == settings["DEFAULT_LANG"]:
        return settings[f"{kind}_{suffix}"]
    return settings[f"{kind}_LANG_{suffix}"]


def paginated(url: str, number: int, suffix: str = "page-{number}/") -> str:
    """The address of page `number` of a list (page 1 is the list's own address)."""
    return url if number == 1 else url + suffix.format(number=number)
