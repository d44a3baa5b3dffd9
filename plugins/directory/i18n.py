"""UI strings from gettext catalogs (theme/translations/<lang>/LC_MESSAGES/messages.po).

Every template of every generator gets `_()` / `gettext()` / `ngettext()` that answer in
the language of the page being rendered, so one template serves all languages.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context

from repertoire.catalogs import load_catalog, page_lang


def install(env, translations_dir: Path) -> None:
    """Give a Jinja environment gettext functions that follow the page's language."""

    @pass_context
    def gettext(context, message):
        return load_catalog(str(translations_dir), page_lang(context)).gettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return load_catalog(str(translations_dir), page_lang(context)).ngettext(singular, plural, n)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
