"""What the fonts of the typst wheel draw, and a text without the rest: the PDFs use only those
fonts (the same PDF on every machine), and a letter none of them has was an empty box."""

from __future__ import annotations

import re

# Emoji (pictographs, flags, skin tones, with what joins them): outside every font in the
# wheel; the symbols before them (☎ ✓ ♿ ⚠) are drawn.
UNPRINTABLE = re.compile(" ?[\U0001f000-\U0001faff](?:[\u200d\ufe0f]*[\U0001f000-\U0001faff])*[\u200d\ufe0f]*|\ufe0f")
PICTOGRAPH = re.compile("[\U0001f000-\U0001faff\ufe0f]")  # what every match of UNPRINTABLE holds


# The scripts no font of the wheel draws (tried one by one: Indic, Thai, Tibetan, Myanmar,
# Ethiopic, Canadian syllabics (Inuktitut), Khmer, Mongolian, Tifinagh, the Chinese, Japanese
# and Korean ones, fullwidth forms), each letter printed as an empty box. Latin, Greek,
# Cyrillic, Armenian, Georgian, Hebrew, Arabic, Lao and Cherokee are drawn.
UNDRAWN = re.compile(
    "[\u0900-\u0e7f\u0f00-\u109f\u1100-\u11ff\u1200-\u139f\u1400-\u167f\u1780-\u18ff\u2d30-\u2ddf"
    "\u2e80-\u2fdf\u3000-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00011000-\U00011fff\U00020000-\U0003ffff]+"
)
LEFT_OUT_SHOWN = 10  # of the texts left out, named in the build's log


def printable(text: str, left_out: set[str]) -> str:
    """A text without what no font of the wheel draws: pictographs (without_pictographs) and
    the letters of the scripts UNDRAWN names, each run of them noted in `left_out` (the log
    says which: a printed name without its Chinese half must not go unnoticed)."""
    text = without_pictographs(text)
    if not UNDRAWN.search(text):
        return text
    left_out.update(match.group() for match in UNDRAWN.finditer(text))
    return UNDRAWN.sub("", text)


def without_pictographs(text: str) -> str:
    """A text without what UNPRINTABLE matches. Most directories hold none: one scan for a
    pictograph first (the substitution, which tries its optional space at every character,
    took 0.5 s of CPU over the 36 PDFs' data of 10,000 records; the scan, 0.1 s)."""
    return UNPRINTABLE.sub("", text) if PICTOGRAPH.search(text) else text


def prints_nothing(text: str) -> bool:
    """Whether nothing of a text would be on paper (a name all in Chinese, or emoji)."""
    return not printable(text, set()).strip()
