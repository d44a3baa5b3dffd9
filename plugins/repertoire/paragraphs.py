"""A record's text as people read it: paragraphs at blank lines, a list's items on lines of
their own, any other line break a space (the text wrapped in its file). Pages draw the
paragraphs (macros.html, record.js paragraphsOf); records are kept in the form
`as_shown` writes, so that lists, open data and the browser get the same text."""

from __future__ import annotations

import re

# The start of a list's item on a line of its own: "- repas", "• vêtements", "2. Appeler".
_LIST_ITEM = re.compile(r"(?:[-–—•*·]|[0-9]{1,2}[.)])\s")


def paragraphs_of(text: str) -> list[list[str]]:
    """A record text as its paragraphs (split at blank lines), each as the lines it is shown
    in: a line break is kept before a list's item and after a line that ends with a colon
    ("Services :" then "- repas"); any other is a space, the text wrapped in its file. An
    imported list ran together as "Services : - repas - vêtements" (record.js paragraphsOf)."""
    found = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines: list[str] = []
        for line in (line.strip() for line in paragraph.split("\n")):
            if not line:
                continue
            if lines and not _LIST_ITEM.match(line) and not lines[-1].endswith(":"):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            found.append(lines)
    return found


def as_shown(text: str) -> str:
    """The text with only the line breaks it is shown with: paragraphs apart by a blank line,
    a list's items each on its line. A text of one line is returned as it is. A description
    wrapped at 80 characters in its file was, in the HSDS export and the lists, broken in the
    middle of its sentences."""
    if "\n" not in text:
        return text
    return "\n\n".join("\n".join(lines) for lines in paragraphs_of(text))
