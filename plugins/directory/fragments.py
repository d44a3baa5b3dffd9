"""`{% fragment 'name', value, ... %}...{% endfragment %}`: a part of a template that is the
same on every page that gives it the same values, rendered once per build and process.

The site's header, menu and footer are some fifteen percent of an organization's page, and
the same on twenty thousand of them: links (relative to the page's depth), the menu's words,
the search box. A fragment's values must name everything it shows that may differ from one
page to another (its language, SITEURL, the kind of page...); what is the same for the whole
build (settings, page links, news feeds) need not be named. KEEP_FRAGMENTS = False renders
every fragment on every page: tests/test_incremental.py builds the site both ways and
compares every file."""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension

# Kept at most per process (about a kilobyte each): the cards of 25,000 organizations in both
# languages; past that, fragments are rendered each time, memory does not grow with the directory.
LIMIT = 50_000


class Fragments(Extension):
    tags = {"fragment"}

    def __init__(self, environment):
        super().__init__(environment)
        # Shared by the environment's overlays (one per language): their keys name the language.
        environment.extend(kept_fragments={}, keep_fragments=True)  # install() may turn keeping off

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        call = self.call_method("_render", [nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, key: tuple, caller):
        if not self.environment.keep_fragments:
            return caller()
        kept = self.environment.kept_fragments
        made = kept.get(key)
        if made is None:
            made = caller()
            if len(kept) < LIMIT:
                kept[key] = made
        return made


def install(env, keep: bool = True) -> None:
    """Give an environment the tag, its fragments kept (or, for a check, rendered every time)."""
    env.add_extension(Fragments)
    env.keep_fragments = keep
