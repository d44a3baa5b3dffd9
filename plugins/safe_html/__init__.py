"""Bulletins and pages (content/news, content/pages) are Markdown from contributors: their
HTML is cut down to an allow-list before any page, feed or alert shows it.

Markdown lets raw HTML through, and the "extra" extension's attribute lists add any
attribute; either could bring a script, an event handler, a javascript: or data: link, an
iframe or a form to people's phones. The allow-list keeps what writing needs (headings,
lists, tables, links, images from the site, emphasis, code) and drops the rest,
the content of <script> and <style> included. Control characters are removed too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import nh3
from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import truncate_html_words

from repertoire.problems import HELD_PROBLEMS
from repertoire.typography import kept_whole_html
from repertoire.untrusted import NOT_IN_RECORDS, SURROGATES

from .sources import (
    ContentInvalid,
    ReadingWatch,
    copying_files,
    escaped_names,
    foreign_files,
    foreign_languages,
    links_in,
    long_addresses,
    oversized_files,
    refused_copies,
    same_addresses,
    shared_keys,
    taken_addresses,
    unpublishable,
    unread_markdown,
)

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
# What Pelican's generators write bulletins and pages from (each by its own address).
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)
# The site's styles and templates: the build's THEME (check_folders), the project's until then.
_THEME = [Path(__file__).resolve().parents[2] / "theme"]
_CSS_CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
_ID = re.compile(r"""\bid=["']?([A-Za-z0-9_:.-]+)""")
# The start of a text its summary is cut from (a summary is some fifty words).
SUMMARY_SOURCE = 20_000
# No javascript:, data:, vbscript: or any other scheme; relative links stay.
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
# An address on another host, as a browser reads it: a scheme, or two slashes either way.
_FROM_ELSEWHERE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)


def plain_text(text: str) -> str:
    """A contributor's text without the characters records refuse (control characters and
    the like) nor surrogates: what no XML may hold either (the Atom feeds would not parse)."""
    return SURROGATES.sub("", NOT_IN_RECORDS.sub("", text))


def clean_html(html: str) -> str:
    """HTML from Markdown, reduced to the allow-list (tags, attributes, link schemes), without
    the site's own classes and ids (`_not_the_site_s`)."""
    return nh3.clean(
        plain_text(html),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel=None,
        strip_comments=True,
        attribute_filter=_not_the_site_s,
    )


_TABLE_START, _TABLE_END = re.compile(r"<table(?=[\s>])"), re.compile(r"</table>")


def framed_tables(html: str) -> str:
    """Cleaned HTML with each table in the site's scrolling frame (a class no bulletin may
    write: added after cleaning): a bulletin's table of four columns made a 320 px page 464 px
    wide. The frame takes the keyboard's focus, to scroll it without a pointer."""
    return _TABLE_END.sub("</table></div>", _TABLE_START.sub('<div class="table-frame" tabindex="0"><table', html))


def _not_the_site_s(tag: str, attribute: str, value: str) -> str | None:
    """An attribute as a bulletin may have it: a class the site's styles do not use ('<a
    class="call-link button">' looked like the site's call button, leading elsewhere), an id
    no page of the site has ('id="main"' twice on a page: the skip link went to the bulletin's)."""
    if attribute == "src" and _FROM_ELSEWHERE.match(value):
        # An image from another site: the pages' policy blocks it, not the Atom feeds, which
        # carried it to feed readers ("![x][r]" with "[r]: https://...", "&#104;ttps://",
        # "http:evil.example/x"); sources.py asks for a {static} image where it can tell.
        return None
    classes, ids = _site_names(_THEME[0])
    if attribute == "class":
        kept = [name for name in value.split() if name not in classes]
        return " ".join(kept) or None
    if attribute == "id":  # "alert-" of 'id="alert-{{ ... }}"': every id it starts
        return None if value in ids or any(name.endswith("-") and value.startswith(name) for name in ids) else value
    return value


@lru_cache(maxsize=4)
def _site_names(theme: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The class names of the theme's style sheets and the ids written in its templates."""
    classes = {
        name
        for sheet in sorted((theme / "static").rglob("*.css"))
        for name in _CSS_CLASS.findall(sheet.read_text("utf-8"))
    }
    ids = {
        name for page in sorted((theme / "templates").rglob("*.html")) for name in _ID.findall(page.read_text("utf-8"))
    }
    return frozenset(classes), frozenset(ids)


def clean_content(instance) -> None:
    """A bulletin's or page's body, and its text metadata, before templates or feeds use them."""
    if not isinstance(instance, (Article, Page)):
        return
    for key in ("date", "modified"):
        try:  # sorting compares them: an offset of a day or more ("+99:00") raised there, naming no file
            getattr(getattr(instance, key, None), "utcoffset", lambda: None)()
        except (ValueError, OverflowError):
            raise ValueError(f"{key.capitalize()}: no such time") from None  # sources.py says where
    if not instance.metadata.get("key"):
        # Translations are paired by Key: Pelican stops with a traceback when one item has
        # none and others have one. Without a key, a file pairs with nothing.
        instance.metadata["key"] = instance.key = f"(no key) {instance.source_path}"
    # Links and {static} files outside the content folder: sources.py stops the build on them,
    # before Pelican follows one or writes anything.
    # Its numbers and times kept on one line (typography.py), after cleaning: a bulletin may
    # not write the site's classes.
    if getattr(instance, "_content", None):
        instance._content = framed_tables(kept_whole_html(clean_html(instance._content)))
        # The files Pelican will copy for its links, as it reads them: the build stops on one
        # it must not publish (the file is not read, so nothing of it is copied).
        refused = refused_copies(instance, Path(instance.settings["PATH"]))
        if refused:
            raise ValueError("; ".join(refused))
    if "summary" not in instance.metadata:
        instance.get_summary = _bounded_summary(instance)
    for key, value in list(instance.metadata.items()):
        if isinstance(value, str):
            value = plain_text(value)
            if key == "summary":  # rendered from Markdown, shown as HTML
                value = kept_whole_html(clean_html(value))
            instance.metadata[key] = value
            if key == "summary":
                instance._summary = value
            elif isinstance(instance.__dict__.get(key), str):  # Pelican copies metadata to attributes
                setattr(instance, key, value)


def _bounded_summary(instance):
    """Pelican's summary of a bulletin or page that has no Summary:, cut from the start of its
    text only: Pelican's word cutter reads all of it, in a time that grows with the square of
    its size when it finds no words to stop at (41 s for 30 lines of "|", a 290 KB table of
    empty cells; hours for a file near MAX_BYTES)."""
    made: dict[str, str] = {}

    def get_summary(siteurl: str) -> str:
        if siteurl not in made:
            content, settings = instance.get_content(siteurl), instance.settings
            long = len(content) > SUMMARY_SOURCE
            if long:  # cut after a tag; the allow-list closes what is left open
                content = content[: content.rfind(">", 0, SUMMARY_SOURCE) + 1 or SUMMARY_SOURCE]
            if settings.get("SUMMARY_MAX_LENGTH") is not None:
                content = truncate_html_words(
                    content, settings["SUMMARY_MAX_LENGTH"], settings.get("SUMMARY_END_SUFFIX", "…")
                )
            # Cleaned again, its spans lose their class (a site's): the numbers are kept whole anew.
            made[siteurl] = kept_whole_html(clean_html(content)) if long else content
        return made[siteurl]

    return get_summary


# One for the build (the plugin registers once per process, builds may follow one another).
_WATCH = ReadingWatch()


def check_folders(pelican) -> None:
    """Before Pelican walks the bulletins and pages: no link there (it follows them), and no
    file another reader than Markdown's would read."""
    _WATCH.reasons.clear()
    _WATCH.spent = 0.0  # each build's own reading
    settings = pelican.settings
    _THEME[0] = Path(settings["THEME"])
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    problems = links_in(Path(settings["PATH"]), folders)
    problems += foreign_files(Path(settings["PATH"]), folders, settings.get("IGNORE_FILES") or [])
    problems += unread_markdown(Path(settings["PATH"]), folders, settings.get("IGNORE_FILES") or [])
    problems += oversized_files(Path(settings["PATH"]), folders, settings.get("IGNORE_FILES") or [])
    problems += copying_files(Path(settings["PATH"]), folders, settings.get("IGNORE_FILES") or [])
    problems += escaped_names(
        Path(settings["PATH"]), [*folders, *settings["STATIC_PATHS"]], settings.get("IGNORE_FILES") or []
    )
    _stop(problems)


def check_read(generators) -> None:
    """Once every file is read: each bulletin or page published, or the build stops."""
    _WATCH.disarm()
    settings, context = generators[0].settings, generators[0].context
    folders = {**dict.fromkeys(settings["PAGE_PATHS"], False), **dict.fromkeys(settings["ARTICLE_PATHS"], True)}
    problems = unpublishable(context, Path(settings["PATH"]), folders, _WATCH.reasons)
    written = [item for generator in generators for name in CONTENT_LISTS for item in getattr(generator, name, [])]
    problems += foreign_languages(written, settings["LANGUAGES"])
    problems += same_addresses(written) + taken_addresses(written, settings) + shared_keys(written)
    problems += long_addresses(written)
    problems += context.get(HELD_PROBLEMS) or []  # a bulletin's, found before all was read
    _stop(problems)


def hold_problems_found(generator) -> None:
    """Before the bulletins are read: a generator that finds problems in them leaves them to
    check_read, which says them with every other file's (repertoire.problems.hold_problems)."""
    generator.context.setdefault(HELD_PROBLEMS, [])


def _stop(problems) -> None:
    if problems:
        raise ContentInvalid(problems).told()  # one plain line per problem: editors and CI jump to them


def register():
    signals.content_object_init.connect(clean_content)
    signals.initialized.connect(check_folders)
    signals.readers_init.connect(_WATCH.watch)
    for before in (signals.article_generator_preread, signals.page_generator_preread):
        before.connect(_WATCH.arm)
        before.connect(hold_problems_found)
    for after in (
        signals.article_generator_context,
        signals.page_generator_context,
        signals.article_generator_finalized,
        signals.page_generator_finalized,
    ):
        after.connect(_WATCH.disarm)
    signals.all_generators_finalized.connect(check_read)
