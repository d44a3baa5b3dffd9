"""Bulletins and pages (content/news, content/pages) are Markdown from contributors: their
HTML is cut down to an allow-list before any page, feed or alert shows it.

Markdown lets raw HTML through, and the "extra" extension's attribute lists add any
attribute; either could bring a script, an event handler, a javascript: or data: link, an
iframe or a form to people's phones. The allow-list keeps what writing needs (headings,
lists, tables, links, images from the site or the web, emphasis, code) and drops the rest,
the content of <script> and <style> included. Control characters are removed too.
"""

from __future__ import annotations

from pathlib import Path

import nh3
from pelican import signals
from pelican.contents import Article, Page

from repertoire.untrusted import CONTROL_CHARACTERS, leaves_folder

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
# No javascript:, data:, vbscript: or any other scheme; relative links stay.
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


def clean_html(html: str) -> str:
    """HTML from Markdown, reduced to the allow-list (tags, attributes, link schemes)."""
    return nh3.clean(
        CONTROL_CHARACTERS.sub("", html),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel=None,
        strip_comments=True,
    )


def clean_content(instance) -> None:
    """A bulletin's or page's body, and its text metadata, before templates or feeds use them."""
    if not isinstance(instance, (Article, Page)):
        return
    if instance.source_path and leaves_folder(Path(instance.source_path)):
        # Pelican follows links: one to /etc/passwd.md would be published. It skips a file
        # whose reading fails, and says which.
        raise ValueError(f"{instance.source_path}: a link to a file outside its folder: not published")
    if getattr(instance, "_content", None):
        instance._content = clean_html(instance._content)
    for key, value in list(instance.metadata.items()):
        if isinstance(value, str):
            value = CONTROL_CHARACTERS.sub("", value)
            if key == "summary":  # rendered from Markdown, shown as HTML
                value = clean_html(value)
            instance.metadata[key] = value
            if key == "summary":
                instance._summary = value
            elif isinstance(instance.__dict__.get(key), str):  # Pelican copies metadata to attributes
                setattr(instance, key, value)


def register():
    signals.content_object_init.connect(clean_content)
