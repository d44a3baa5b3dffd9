"""UI strings from gettext catalogs (theme/translations/<lang>/LC_MESSAGES/messages.po).

Every template of every generator gets `_()` / `gettext()` / `ngettext()` that answer in
the language of the page being rendered, so one template serves all languages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup

from repertoire.catalogs import load_catalog, page_helper, page_lang

from .compiled import CompiledTemplates
from .page_context import PageContext, PageTemplate


def install(env, translations_dir: Path) -> None:
    """Give a Jinja environment gettext functions that follow the page's language."""
    folder = str(translations_dir)

    @page_helper
    @pass_context
    def gettext(context, message):
        return load_catalog(folder, page_lang(context)).gettext(message)

    @page_helper
    @pass_context
    def ngettext(context, singular, plural, n):
        return load_catalog(folder, page_lang(context)).ngettext(singular, plural, n)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["_"] = env.globals["gettext"] = _remembered(gettext)
    env.globals["ngettext"] = _plural(ngettext)
    env.translations_folder = folder  # for in_language


def _remembered(gettext):
    """Jinja's "newstyle" gettext (a message marked safe when autoescaping, then `% variables`,
    which also turns "%%" into "%"), with the result of a message without variables kept per
    language: `_()` is called some seventy times a page, through three calls each, and the
    directory has tens of thousands of pages."""
    known: dict = {}

    @page_helper
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


def _plural(ngettext):
    """Jinja's "newstyle" ngettext (`num` among the variables, the message marked safe when
    autoescaping, then `% variables`) as a page helper: Jinja's own is called with a copy of
    the page's context, and pages call it for each list of services and locations."""

    @page_helper
    @pass_context
    def plural(context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        translated = ngettext(context, singular, plural, num)
        return (Markup(translated) if context.eval_ctx.autoescape else translated) % variables

    return plural


def in_language(env, lang: str):
    """The environment's templates as compiled for pages in one language: each plain
    `{{ _('message') }}` (no variables) is its translation, written in at compile time. The
    directory's tens of thousands of pages each call `_()` some seventy times, and a call
    through the template's context costs more than the text it returns. Kept per language,
    with its own compiled-code cache (the same source compiles differently per language)."""
    if not hasattr(env, "language_overlays"):
        env.language_overlays = {}
    overlays = env.language_overlays
    if lang not in overlays:
        bytecode = env.bytecode_cache
        if isinstance(bytecode, FileSystemBytecodeCache):
            # Named by the catalog too: compiled code holds its words, and Jinja knows a
            # template's code by the template's source only.
            words = _catalog_digest(getattr(env, "translations_folder", ""), lang)
            bytecode = CompiledTemplates(bytecode.directory, pattern=f"__jinja2_{lang}_{words}_%s.cache")
        else:  # another kind would hand one language's code to the other: none
            bytecode = None
        # No reload: templates do not change during a build, and checking meant a stat() of
        # each included template at every page. Kept in a plain dict, not Jinja's LRU cache,
        # which reorders its queue at each of a page's dozen includes and imports: a theme
        # has some fifty templates.
        overlay = env.overlay(
            extensions=[_TranslatedAtCompileTime], bytecode_cache=bytecode, auto_reload=False, cache_size=-1
        )
        overlay.context_class = PageContext  # the helpers called with the page's context as it is
        overlay.template_class = PageTemplate  # what it outputs escaped at less cost
        overlay.translated_language = lang
        overlays[lang] = overlay
    return overlays[lang]


def _catalog_digest(folder: str, lang: str) -> str:
    """What a language's catalog says, hashed: its compiled templates are named by it."""
    messages = load_catalog(folder, lang).messages
    return hashlib.sha256(repr(sorted((repr(key), value) for key, value in messages.items())).encode()).hexdigest()[:16]


class _TranslatedAtCompileTime(Extension):
    """Writes in the translation of `{{ _('message') }}` as template text, as the runtime `_`
    would output it: the catalog's text marked safe, `% {}` applied (so "%%" is "%"). Any
    other use of `_` (with variables, inside an expression) stays a call."""

    PATTERN = ("variable_begin", "name", "lparen", "string", "rparen", "variable_end")

    def filter_stream(self, stream):
        lang = getattr(self.environment, "translated_language", None)
        folder = getattr(self.environment, "translations_folder", None)
        tokens = list(stream)
        if not lang or not folder:
            return iter(tokens)
        catalog = load_catalog(folder, lang)
        out, i = [], 0
        while i < len(tokens):
            window = tokens[i : i + len(self.PATTERN)]
            if tuple(token.type for token in window) == self.PATTERN and window[1].value == "_":
                try:
                    text = catalog.gettext(window[3].value) % {}
                except (TypeError, ValueError, KeyError):
                    text = None  # left to fail (or not) at render time, as before
                if text is not None:
                    out.append(Token(window[0].lineno, "data", text))
                    i += len(self.PATTERN)
                    continue
            out.append(tokens[i])
            i += 1
        return iter(out)
