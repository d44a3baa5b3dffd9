"""UI strings from gettext catalogs (theme/translations/<lang>/LC_MESSAGES/messages.po).

Every template of every generator gets `_()` / `gettext()` / `ngettext()` that answer in
the language of the page being rendered, so one template serves all languages.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup

from repertoire.catalogs import load_catalog, page_lang


def install(env, translations_dir: Path) -> None:
    """Give a Jinja environment gettext functions that follow the page's language."""
    folder = str(translations_dir)

    @pass_context
    def gettext(context, message):
        return load_catalog(folder, page_lang(context)).gettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return load_catalog(folder, page_lang(context)).ngettext(singular, plural, n)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["_"] = env.globals["gettext"] = _remembered(gettext)


def _remembered(gettext):
    """Jinja's "newstyle" gettext (a message marked safe when autoescaping, then `% variables`,
    which also turns "%%" into "%"), with the result of a message without variables kept per
    language: `_()` is called some seventy times a page, through three calls each, and the
    directory has tens of thousands of pages."""
    known: dict = {}

    @pass_context
    def remembered(context, message, **variables):
        autoescape = context.eval_ctx.autoescape
        if variables:
            translated = gettext(context, message)
            return (Markup(translated) if autoescape else translated) % variables
        key = (page_lang(context), autoescape, message)
        if key not in known:
            translated = gettext(context, message)
            known[key] = (Markup(translated) if autoescape else translated) % {}
        return known[key]

    return remembered
