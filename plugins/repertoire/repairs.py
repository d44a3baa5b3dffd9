"""Safe repairs of what other publishers write: each function takes a source value and gives
the value our records expect, or None when it cannot be read without guessing.

Pure functions, no reporting: hsds_import.py calls them and reports every repair it made
(what was written, what it became). Only repairs that cannot change the meaning are here:
`9:00am` is 09:00, `www.x.org` is https://www.x.org, "Spanish" is es.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

import nh3
from babel import Locale, UnknownLocaleError

from repertoire.folding import ascii_words
from repertoire.records import HTML_TAG
from repertoire.websites import web_address

# 09:00, 9:00, 09:00:00, 09:00:00.000, with a UTC offset (HSDS 3), 9h30 / 17 h (French).
_TIME_24 = re.compile(
    r"([01]?[0-9]|2[0-4])\s*(?::|h|H)\s*([0-5][0-9])?(?::[0-5][0-9](?:\.[0-9]+)?)?"
    r"(?:z|[+-][0-9]{2}:?[0-9]{2})?"
)
# 9am, 9:00am, 9:00 a.m., 830am, 5 PM, 12 noon.
_TIME_12 = re.compile(r"(1[0-2]|0?[1-9])(?::?([0-5][0-9]))?\s*([ap])\.?\s*m\.?")
# Ohana's times are dates of 2000-01-01: 2000-01-01T09:00:00.000Z.
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[t ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:z|[+-]\d{2}:?\d{2})?")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?", re.I)
_SCHEME = re.compile(r"https?://", re.I)


def time_24h(value) -> str | None:
    """A time of day as HH:MM (24 h), from the ways schedules write it; None if unreadable."""
    text = " ".join(str(value or "").split()).lower()
    moment = _DATETIME.fullmatch(text)
    if moment:
        text = moment.group(1)
    if text in ("noon", "midi", "12 noon"):
        return "12:00"
    if text in ("midnight", "minuit"):
        return "00:00"
    match = _TIME_12.fullmatch(text)
    if match:
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        hour = hour % 12 + (12 if half == "p" else 0)
        return f"{hour:02d}:{minute:02d}"
    match = _TIME_24.fullmatch(text)
    if match and (match.group(2) is not None or "h" in text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour == 24 and minute:
            return None
        return f"{hour:02d}:{minute:02d}"
    # 0900 / 1730, as some exports write it
    if re.fullmatch(r"([01][0-9]|2[0-3])[0-5][0-9]", text):
        return f"{text[:2]}:{text[2:]}"
    return None


def website(value) -> str | None:
    """An http(s) address: `www.x.org` and `x.org/page` get https://; None if not an address."""
    text = str(value or "").strip()
    if _SCHEME.match(text):
        return web_address(text) if _HOST.fullmatch(text.split("://", 1)[1]) else None
    if "@" in text or not _HOST.fullmatch(text):
        return None
    return web_address(text)


# A note written with a phone number: before it and a colon ("Sans frais : 1 800 555-0142"),
# or after it in brackets or after a dash, comma or colon ("514 555-0123 (ligne d'écoute)",
# "514 555-0123 - administration"). A note holds a letter and no digit: "514 555-0123 /
# 514 555-0124" is two numbers (phones_in_one).
_NOTE_BEFORE = re.compile(r"(?P<note>[^\W\d_][^\d:()]*?)\s*:\s*(?P<number>[^:]*\d[^:]*)")
_NOTE_AFTER = re.compile(r"(?P<number>.*\d.*?)\s*(?:\((?P<bracketed>[^\d()]*)\)|[-–—,;:]\s+(?P<note>[^\d()]*))")
NOTED_PHONE_LENGTH = 200  # longer is no phone: the patterns would take time on a hostile package's cell
# A note that only says that this is a phone number: dropped, not made a description.
_PHONE_LABEL = re.compile(r"t[eé]l(?:[eé]phone)?|phone|num[eé]ro|number|no|n°", re.I)


def phone_with_note(value, is_number) -> tuple[str, str] | None:
    """A phone written with a note, as (number, note) when `is_number` (the territory's
    numbering) reads the rest as one number and the note has a letter; the note is "" when it
    only says "Tél.". None when the value is a number already, or is not one with a note."""
    text = " ".join(str(value or "").split())
    if len(text) > NOTED_PHONE_LENGTH or is_number(text):
        return None
    for pattern in (_NOTE_BEFORE, _NOTE_AFTER):
        found = pattern.fullmatch(text)
        if not found:
            continue
        note = next(part for part in (found.group("note"), found.groupdict().get("bracketed")) if part is not None)
        note = note.strip(" .-–—,;:")
        number = found.group("number").strip(" -–—,;:")
        if is_number(number) and any(c.isalpha() for c in note):
            return number, "" if _PHONE_LABEL.fullmatch(note.rstrip(".").strip()) else note
    return None


# A note that only says what kind of line a number is ("514 555-0124 (fax)", "Téléc. : ..."):
# the phone's type, which pages show as such, rather than a description beside a call button.
_KIND_NOTES = {
    "fax": re.compile(r"fax|t[eé]l[eé]c(?:opieur|opie)?", re.I),
    "tty": re.compile(r"tty|ats|atme|ats\s*/\s*tty|tty\s*/\s*ats|teletype|t[eé]l[eé]scripteur", re.I),
    "text": re.compile(r"textos?|sms|textes?|texting|message texte|text message", re.I),
}


def kind_of_note(note: str) -> str | None:
    """The phone type a note written with a number says, when that is all it says: "fax",
    "Téléc.", "ATS", "texto"; None for any other note ("ligne d'écoute", "fax du bureau")."""
    bare = " ".join(note.split()).strip(" .:-–—()")
    return next((kind for kind, words in _KIND_NOTES.items() if words.fullmatch(bare)), None)


# Where a cell that holds several numbers separates them: a slash, a semicolon, a line, a
# comma, or a word ("ou", "or", "et", "and").
_BETWEEN_NUMBERS = re.compile(r"(\s*(?:[/;|\n,]|\s(?:ou|or|et|and)\s)\s*)", re.I)
_DIGITS_OF_A_NUMBER = 7  # fewer: a piece of the number before it ("poste 22", "(277-3553)")


def phones_in_one(value, is_number) -> list[tuple[str, str]] | None:
    """The numbers of a phone cell that holds several ("514 555-0123 / 1 800 555-0142",
    "514 555-0123 (jour) ou 514 555-0199 (soir)"), each as (number, note) as phone_with_note
    reads it; None when the cell is one number, or anything that is not only numbers. A
    piece too short to be a number stays with the one before it: "514 555-0123, poste 22"."""
    text = str(value or "").strip()
    if len(text) > NOTED_PHONE_LENGTH or is_number(" ".join(text.split())):
        return None
    cut = _BETWEEN_NUMBERS.split(text)
    pieces = [cut[0]]
    for separator, piece in zip(cut[1::2], cut[2::2]):
        if sum(c.isdigit() for c in piece) < _DIGITS_OF_A_NUMBER:
            pieces[-1] += separator + piece
        else:
            pieces.append(piece)
    if len(pieces) < 2:
        return None
    numbers = []
    for piece in pieces:
        piece = " ".join(piece.split()).strip(" -–—,;:")
        read = (piece, "") if is_number(piece) else phone_with_note(piece, is_number)
        if read is None:
            return None
        numbers.append(read)
    return numbers


# A date as a spreadsheet program writes it in the publisher's locale: 25/11/2025 (day first,
# as French and British ones do), 11/25/2025 (month first, American), with slashes, dots or
# dashes. Which comes first is told by the package's own dates (date_order), never guessed.
DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})(?:[ t](.*))?", re.I)
_YEAR_FIRST = re.compile(r"([0-9]{4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,2})(?:[ t](.*))?", re.I)
DAY_FIRST, MONTH_FIRST = "day first", "month first"


def date_order(values) -> str | None:
    """Whether a package's dates written 25/11/2025 put the day first or the month: a date
    whose first number is over 12 says day first, its second over 12 says month first. None
    when none says (05/11/2025 only), or when some say one and some the other."""
    said = set()
    for value in values:
        found = DAY_MONTH_YEAR.fullmatch(str(value or "").strip())
        if found:
            first, second = int(found.group(1)), int(found.group(2))
            if first > 12 >= second:
                said.add(DAY_FIRST)
            elif second > 12 >= first:
                said.add(MONTH_FIRST)
    return said.pop() if len(said) == 1 else None


def iso_date(value, order: str | None = None) -> str | None:
    """A date as YYYY-MM-DD: from 2025-11-25 (a time after it is dropped), 2025/11/25, or
    25/11/2025 when `order` (date_order) says the day comes first (11/25/2025: the month).
    None if it is no date, or one of two numbers up to 12 in no known order."""
    text = str(value or "").strip()
    found = _YEAR_FIRST.fullmatch(text)
    if found:
        year, month, day, time = found.groups()
    else:
        found = DAY_MONTH_YEAR.fullmatch(text)
        if not found or order is None:
            return None
        day, month, year = found.groups()[:3] if order == DAY_FIRST else (found[2], found[1], found[3])
        time = found[4]
    if time is not None and _no_time(time):  # "T25:00": no day of ours, a broken value
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _no_time(text: str) -> bool:
    """Whether what follows a date starts with a time that is none ("25:00", "12:60"); any
    other ("9:30", "12:00 PM", "00:00:00 UTC", what a spreadsheet writes) is dropped unread."""
    found = _CLOCK.match(text.strip())
    return bool(found) and (int(found[1]) > 24 or int(found[2]) > 59)


_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def language_code(value) -> str | None:
    """An ISO 639-1 code from a code or a name in English, French or the language itself:
    en, eng, English, anglais, Français, Spanish, español... None if unknown."""
    folded = _fold(value)
    if not folded:
        return None
    names = _language_names()
    found = names.get(folded)
    # A tag with its region or script (BCP 47: "fr-CA", "en_US", "zh-Hant"): its language.
    tag = _TAG_WITH_SUBTAGS.fullmatch(str(value).strip())
    return found if found is not None or tag is None else names.get(tag.group(1).lower())


# A language's code, then subtags of two letters (a region), four (a script) or three digits.
_TAG_WITH_SUBTAGS = re.compile(r"([A-Za-z]{2,3})(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|[0-9]{3}))+")


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Folded name or code -> two-letter code, for every language babel names."""
    names: dict[str, str] = {}
    english, french = Locale("en"), Locale("fr")
    for code in english.languages:
        if len(code) != 2:
            continue
        for name in (english.languages.get(code), french.languages.get(code), _own_name(code)):
            if name:
                names.setdefault(_fold(name), code)
        names.setdefault(code, code)
    for code, three in {
        "en": "eng",
        "fr": ("fra", "fre"),
        "es": "spa",
        "pt": "por",
        "zh": ("zho", "chi", "cmn", "yue"),  # and Mandarin's and Cantonese's own
        "ar": "ara",
        "de": ("deu", "ger"),
        "it": "ita",
        "ru": "rus",
        "vi": "vie",
        "ht": "hat",
        "ko": "kor",
        "ja": "jpn",
        "pl": "pol",
        "tl": "tgl",
        "fa": ("fas", "per"),
        "uk": "ukr",
        "hi": "hin",
        "pa": "pan",
        "ur": "urd",
        "ro": ("ron", "rum"),
    }.items():
        for name in (three,) if isinstance(three, str) else three:
            names.setdefault(name, code)
    # Names people use that babel spells otherwise.
    names.update(
        {
            "mandarin": "zh",
            "cantonese": "zh",
            "creole": "ht",
            "haitian creole": "ht",
            "farsi": "fa",
            "tagalog": "tl",
            "filipino": "tl",
            "francais": "fr",
            "french canadian": "fr",
            "american sign language": None,
            "sign language": None,
            "asl": None,
        }
    )
    return {name: code for name, code in names.items() if code}


def _own_name(code: str) -> str | None:
    try:
        return Locale(code).get_display_name(code)
    except (UnknownLocaleError, ValueError, TypeError, LookupError):
        return None


def _fold(value) -> str:
    return ascii_words(str(value or ""))


# --- markup ---------------------------------------------------------------------------

# The elements of HTML (and of its SVG and MathML): a "<" before one of their names starts a
# tag, which nh3 drops with what follows up to its ">"; any other "<" is a character of the
# text ("revenu familial<seuil de faible revenu ... Écrivez à <inscription@example.org> pour"
# lost two sentences and the address between them).
_ELEMENTS = (
    "a|abbr|acronym|address|applet|area|article|aside|audio|b|base|basefont|bdi|bdo|bgsound|big|blink|"
    "blockquote|body|br|button|canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|"
    "dfn|dialog|dir|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|frame|frameset|h[1-6]|"
    "head|header|hgroup|hr|html|i|iframe|image|img|input|ins|isindex|kbd|keygen|label|legend|li|link|"
    "listing|main|map|mark|marquee|math|menu|menuitem|meta|meter|nav|nobr|noembed|noframes|noscript|"
    "object|ol|optgroup|option|output|p|param|picture|plaintext|pre|progress|q|rb|rp|rt|rtc|ruby|s|samp|"
    "script|search|section|select|slot|small|source|span|strike|strong|style|sub|summary|sup|svg|table|"
    "tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr|xmp|o:p"
)
_ANY_TAG = re.compile(r"<[A-Za-z/!?]")  # what may start a tag: the text is cleaned
_NOT_A_TAG = re.compile(rf"<(?!/?(?:{_ELEMENTS})(?=[\s/>]|$)|!|\?)", re.I)
_BREAK = re.compile(r"<\s*(?:br\s*/?|/h[1-6]|/tr)\s*>", re.I)
_PARAGRAPH = re.compile(r"<\s*/(?:p|div|ul|ol)\s*>", re.I)
_ITEM = re.compile(r"<\s*li\b[^>]*>", re.I)
_MARKERS = re.compile(r"#{2,}\s*([^#\n]{1,40}?)\s*#{2,}")  # ###MON### section markers
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|www\.)[^)\s]+)\)")
_BULLET = re.compile(r"^\s*[*+]\s+", re.M)
_PARAGRAPHS = re.compile(r"\n{3,}")
# A character without which none of the rules below changes a text (beyond its spaces).
_MARKUP_SIGN = re.compile(r"[<&\\#*_\[+\r]")


def plain_text(value) -> str:
    """Text with its markup reduced to plain text: HTML tags and entities, Markdown emphasis,
    headings and links, literal "\\n" escapes and ###MON### markers; paragraphs kept."""
    text = str(value or "")
    if not _MARKUP_SIGN.search(text):  # most texts: only their spaces to tidy (what the rest would do)
        return _PARAGRAPHS.sub("\n\n", "\n".join(" ".join(line.split()) for line in text.split("\n"))).strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", " ")
    if _ANY_TAG.search(text) or "&" in text:
        text = _ITEM.sub("\n- ", _BREAK.sub("\n", _PARAGRAPH.sub("\n\n", _NOT_A_TAG.sub("&lt;", text))))
        # nh3 drops every tag (and the content of <script> and <style>); entities are then read back.
        text = html.unescape(nh3.clean(text, tags=set()))
    text = _MARKERS.sub(lambda m: m.group(1).strip() + ":", text)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = _BULLET.sub("- ", _HEADING.sub("", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = _PARAGRAPHS.sub("\n\n", "\n".join(lines)).strip()
    # Whatever still reads as a tag (a lone "<b" in text) is written as a guillemet-free "< b".
    return HTML_TAG.sub(lambda m: "< " + m.group(0)[1:], text)
