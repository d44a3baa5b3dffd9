"""UI strings from gettext catalogs (theme/translations/<lang>/LC_MESSAGES/messages.po), and
the language of the page being rendered: read by templates, printed directories, lists and
news alike."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po


def N_(message: str) -> str:
    """Marks a catalog message where it is declared (pybabel extracts N_ calls); it is
    translated where it is shown, in that page's or file's language."""
    return message


# The project's own catalogs: what a core module says when no build passes the site's.
PROJECT_TRANSLATIONS = Path(__file__).resolve().parents[2] / "theme" / "translations"


class Catalog:
    """The messages of one language; a missing message falls back to the msgid."""

    def __init__(self, lang: str, messages: dict):
        self.lang = lang
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get((singular, plural))
        if forms:
            # fr and en both use one form for 1; French also for 0.
            return forms[0] if n == 1 or (n == 0 and len(forms) > 1 and self.lang == "fr") else forms[-1]
        return singular if n == 1 else plural


@lru_cache(maxsize=None)
def load_catalog(translations_dir: str, lang: str) -> Catalog:
    """Read one language's .po file (no compiled .mo needed)."""
    path = Path(translations_dir) / lang / "LC_MESSAGES" / "messages.po"
    messages: dict = {}
    if path.exists():
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if not message.id or message.fuzzy:
                    continue
                if isinstance(message.id, tuple):
                    if all(message.string):
                        messages[message.id[:2]] = tuple(message.string)
                elif message.string:
                    messages[message.id] = message.string
    return Catalog(lang, messages)


def page_helper(function):
    """Marks a template helper (Jinja's pass_context) that reads only the variables of the page
    as a whole (its language, the settings, the directory), never those of the loops and
    blocks around the call: the directory's pages pass it their context as it is, not a copy
    with the loop's variables added (directory/page_context.py)."""
    function.page_helper = True
    return function


def page_lang(context) -> str:
    """The language of the page being rendered: our pages set `lang`, Pelican's have page.lang."""
    lang = context.get("lang")
    if lang:
        return lang
    for name in ("page", "article"):
        item = context.get(name)
        if item is not None and getattr(item, "lang", None):
            return item.lang
    return context.get("DEFAULT_LANG", "fr")
