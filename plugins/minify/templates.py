"""Template text trimmed once, when a template is compiled: the indentation and blank lines a
template is written with never reach a page, at no cost per page.

The directory's pages are not passed through the HTML minifier one by one: at 10,000 records
minify-html took a third of a millisecond for each of 20,000 organization pages (7 CPU-seconds
of a cold build) to make them 5 % smaller once gzipped, where trimmed templates come within 4 %.
What a page holds from a record is written as the record gives it.
"""

import re

from jinja2.ext import Extension
from jinja2.lexer import Token

# ASCII blanks only: a no-break space (French punctuation, "211") is text, never layout.
_BLANKS = re.compile(r"[ \t\n\r\f]{2,}")


def _one_blank(match: re.Match) -> str:
    # A run of blanks shows as one space in HTML (the theme has no <pre>, no <textarea> and no
    # "white-space: pre"); a line break is kept where there was one, for scripts' statements.
    return "\n" if "\n" in match.group() or "\r" in match.group() else " "


def trimmed(text: str) -> str:
    """Template text with each run of blanks as one line break (it held one) or one space. Text
    that starts with an indentation follows a tag whose line break Jinja took (trim_blocks):
    that indentation is the line break."""
    stripped = text.lstrip(" \t")
    if len(text) - len(stripped) >= 2 and not text.startswith("\n"):
        text = "\n" + stripped
    return _BLANKS.sub(_one_blank, text)


class TrimmedText(Extension):
    """Trims the text between a template's tags and expressions (not the strings inside them)."""

    def filter_stream(self, stream):
        for token in stream:
            yield Token(token.lineno, "data", trimmed(token.value)) if token.type == "data" else token
