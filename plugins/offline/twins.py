"""Which page is which in another language, for the "not saved on this device" page offline.

Read from the written pages' own <link rel="alternate" hreflang> (whatever wrote them: the
directory, news, statistics, Markdown pages), so that no generator has to report its pages.
Organization pages are left out: offline they are drawn from the saved records in any case.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser


class _Alternates(HTMLParser):
    """The hreflang alternates of a page's <head>; stops reading at <body>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self.done = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.done = True
            return
        values = dict(attrs)
        if (
            tag == "link"
            and (values.get("rel") or "").lower() == "alternate"
            and values.get("hreflang")
            and values.get("href")
        ):
            self.found[values["hreflang"]] = values["href"]


HEAD_CHARACTERS = 8192  # our pages' heads take ~1,500
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_BODY = re.compile(r"<body\b", re.I)


def page_alternates(html: str) -> dict[str, str]:
    """The alternates of a page: only the <link> tags of its head are parsed (our pages' heads
    carry no script or comment that could hold one)."""
    body = _BODY.search(html)
    links = _LINK_TAG.findall(html, 0, body.start() if body else len(html))
    parser = _Alternates()
    parser.feed("".join(tag for tag in links if "hreflang" in tag.lower()))
    return parser.found


def site_url(page_url: str, href: str, public_url: str = "") -> str | None:
    """A link written in the page at `page_url` ("fr/x/", "404.html") as a URL from the site
    root; None if it leaves the site. Links may be relative, from the root, or absolute under
    the public address."""
    if public_url and href.startswith(public_url.rstrip("/") + "/"):
        href = "/" + href[len(public_url.rstrip("/")) + 1 :]
    if "://" in href or href.startswith(("//", "#")) or ":" in href.split("/")[0]:
        return None
    if href.startswith("/"):
        joined = posixpath.normpath(href.lstrip("/") or ".")
    else:
        base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
        joined = posixpath.normpath(posixpath.join(base, href))
    if joined.startswith(".."):
        return None
    if joined == ".":
        return ""
    return joined + ("/" if href.endswith("/") else "")


def twins(pages: dict[str, str], skip_prefixes: tuple[str, ...], public_url: str = "") -> dict[str, dict[str, str]]:
    """{page URL: {lang: twin URL}} for the HTML pages given as {URL from the root: file}."""
    found = {}
    for url, path in pages.items():
        if url.startswith(skip_prefixes) or not (url.endswith("/") or url.endswith(".html")):
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            html = handle.read(HEAD_CHARACTERS)  # the head is at the start
            if not _BODY.search(html):
                html += handle.read()
        alternates = page_alternates(html)
        others = {
            lang: twin
            for lang, href in alternates.items()
            if (twin := site_url(url, href, public_url)) is not None and twin != url
        }
        if others:
            found[url] = others
    return found
