"""Numbers and times kept on one line in the text people read.

No Pelican here. A phone broke "9-1-1" after a hyphen ("call 9-1-" at a line's end, "1 instead"
on the next), a title's "N-1-1" the same way and a French time between its parts ("8" / "h"): a
number read in haste is dialled wrong. A number written with hyphens or spaces is put in a
span that never wraps (site.css .nowrap); a French time's spaces become no-break spaces, as
hours.py writes hours (TIME_SPACE). Dates written with hyphens are kept whole as well.
"""

from __future__ import annotations

import re

# Short codes and numbers written with hyphens ("9-1-1", "N-1-1", "1-800-463-5060"), with
# spaces ("1 800 463-5060", "514 555 0100") or an area code in brackets ("(514) 555-0100");
# not part of a longer word or code.
_NUMBER = re.compile(
    r"(?<![\w-])(?:N|\d{1,4})(?:-\d{1,4}){1,3}(?![\w-])"
    r"|(?<![\w-])(?:\d{1,3}[ \u00a0])?(?:\d{3}|\(\d{3}\))[ \u00a0]?\d{3}[ \u00a0-]\d{4}(?![\w-])"
)
# A time as French writes it: "8 h", "8 h 30" ("8 heures" is left as it is).
_TIME = re.compile(r"(?<!\w)(\d{1,2}) h(?: (\d{2}))?(?!\w)")
_TAG = re.compile(r"(<[^>]*>)")


def _whole(text: str) -> str:
    """Text (HTML without its tags) with its numbers and times kept whole."""
    text = _TIME.sub(lambda m: f"{m[1]}\u00a0h" + (f"\u00a0{m[2]}" if m[2] else ""), text)
    return _NUMBER.sub(lambda m: f'<span class="nowrap">{m[0]}</span>', text)


def kept_whole_html(html: str) -> str:
    """HTML whose text, never its tags nor their attributes, has its numbers and times kept
    whole. Once only: its spans would be wrapped again."""
    return "".join(part if number % 2 else _whole(part) for number, part in enumerate(_TAG.split(html)))
