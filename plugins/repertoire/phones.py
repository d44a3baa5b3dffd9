"""Phone numbers: as people write them -> one stored form, one displayed form, one tel: link.

No territory in here: the numbering plan (country calling code, trunk prefix, what a
national number looks like, how to group it) comes from content/territories.yaml
(conventions.py reads it). Pages, offline records, lists and open data all call
Numbering.display and Numbering.tel, so a phone is written one way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_KEYPAD = {
    c: d
    for d, letters in {
        "2": "ABC",
        "3": "DEF",
        "4": "GHI",
        "5": "JKL",
        "6": "MNO",
        "7": "PQRS",
        "8": "TUV",
        "9": "WXYZ",
    }.items()
    for c in letters
}
# An extension as people write it after the number: "poste 12", ", poste 12", "ext. 219",
# "x 4", "#7", "p. 12", ", 12", "(poste 12)", "ext: 12", "poste #12", "x.12", "poste 12." A
# word or a comma is needed: "514 555 0123" has none.
_EXTENSION_WORD = r"(?:poste|post|p|ext|extension|x|#|local|loc)"
_EXTENSION = re.compile(
    rf"(?:\s*[,;]\s*\(?\s*(?:{_EXTENSION_WORD}[\s.:#]*)?|\s*\(?\s*{_EXTENSION_WORD}[\s.:#]*)([0-9]{{1,6}})\s*\)?\s*\.?\s*$",
    re.I,
)
# A phone menu's option after the number (and its extension): "811 option 2", "811, option 2",
# "1 800 555-0142 (option 1)", "opt. 3". Read only where the territory file says how to write one.
_OPTION = re.compile(r"\s*[,;]?\s*\(?\s*(?:option|opt\.?)\s*[#:]?\s*([0-9]{1,2})\s*\)?\s*\.?\s*$", re.I)
# Dashes a word processor or a web page puts between the groups (hyphen, non-breaking hyphen,
# figure dash, en dash, minus...): a hyphen, as typed on a keyboard.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))
_NOT_IN_A_NUMBER = re.compile(r"[^0-9A-Za-z\s().+\-/]")
# A number written twice, in letters and in digits, one in parentheses: "1 866 APPELLE
# (277-3553)", "1 866 277-3553 (APPELLE)". Read only if both say the same digits.
_SPELLED_TWICE = re.compile(r"(.*[0-9A-Za-z])\s*\(([0-9A-Za-z][0-9A-Za-z .\-]*)\)")
_UNSAID = object()  # not in Numbering's memo (None is a number that could not be read)
# A phone number has at most 15 digits, its country code included (ITU-T E.164): no pattern
# of the territory file is tried on more (a pattern that backtracks stays quick on 15).
MAX_DIGITS = 15
# Nor is a number written in more characters than this, the extension included: the extension's
# pattern is not run on longer text ("5", 1,000 spaces, "5" took 40 s).
MAX_WRITTEN = 100


@dataclass(frozen=True)
class Phone:
    """A parsed number: national digits (or a short code's), an extension, and the option to
    choose in its menu (`option_first`: written before the extension, so chosen before it)."""

    digits: str
    extension: str | None = None
    short: bool = False
    option: str | None = None
    option_first: bool = False


@dataclass(frozen=True)
class Numbering:
    """A territory's numbering plan, as content/territories.yaml states it."""

    country_code: str  # "1", "44"
    trunk_prefix: str  # dialled before a national number at home: "1", "0"
    national: re.Pattern  # a national significant number, without trunk prefix
    short_codes: re.Pattern | None  # 211, 988, 111...
    formats: tuple  # ((pattern, {lang: "{1} {2}-{3}"}), ...), first full match wins
    extension: dict  # {lang: "{number}, poste {extension}"}
    examples: tuple = ()  # how numbers are written there, for error messages
    fictitious: re.Pattern | None = None  # national numbers reserved for fiction (never duplicates)
    # Short codes that take text messages only (Jeunesse, J'écoute's 686868): read on a phone
    # of type text alone, where a voice line's five or six digits are a number cut short.
    text_short_codes: re.Pattern | None = None
    option: dict = field(default_factory=dict)  # {lang: "{number}, option {option}"}; none: refused
    # What parse, text_of and tel_of said of each number: a phone is read for its page, its
    # lists, the search index and the downloads, in both languages, and reading it takes
    # longer than looking it up (a Phone is frozen: one can be handed out again).
    _said: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def parse(self, written: str, kind: str = "voice") -> Phone | None:
        """A phone of `kind` (a record's phone type) as written by people; None if it is not a
        number of this plan."""
        texted = kind == "text"
        return self._memo((written, "", texted), lambda: self._parsed(written, texted))

    def texted_only(self, written: str) -> bool:
        """Whether a number is read only as a line for text messages (a text short code)."""
        return self.parse(written) is None and self.parse(written, "text") is not None

    def _parsed(self, written: str, texted: bool = False) -> Phone | None:
        if len(written) > MAX_WRITTEN:
            return None
        written = _spaced(written)
        option = None
        if self.option:
            option, written = _cut_end(_OPTION, written)
        extension, written = _cut_end(_EXTENSION, written)
        option_first = False
        if extension and self.option and option is None:
            # The option before the extension ("option 3, poste 12": the menu, then the
            # extension), or an HSDS package's extension, which the import writes after the number.
            option, written = _cut_end(_OPTION, written)
            option_first = option is not None
        twice = _SPELLED_TWICE.fullmatch(written)
        if twice:
            written = _one_of_twice(*twice.groups())
            if written is None:
                return None
        if _NOT_IN_A_NUMBER.search(written) or written.count("+") > 1 or "+" in written.strip()[1:]:
            return None
        if self.before_words(written) is not None:
            # Letters after a whole number are words, not a number's letters ("1 866 APPELLE"):
            # where no option is read, "811 option 2" is refused, not dialled as 811 678-4662.
            return None
        international = written.strip().startswith("+")
        digits = _keypad_digits(written)
        if not digits.isdigit() or len(digits) > MAX_DIGITS + len(self.country_code):
            return None
        if international:
            if not digits.startswith(self.country_code):
                return None
            digits = digits[len(self.country_code) :]
        elif any(codes and codes.fullmatch(digits) for codes in self._short_codes(texted)):
            # A short code (211, 911) reaches a service, not a switchboard: "911 poste 3" is a
            # mistake, and dialled as written it would key 3 into an emergency call.
            if extension:
                return None
            return Phone(digits, None, short=True, option=option, option_first=option_first)
        # "1 800 ..." at home, "+44 (0)20 ..." abroad: the trunk prefix is not part of the number.
        if self.trunk_prefix and digits.startswith(self.trunk_prefix) and not self.national.fullmatch(digits):
            digits = digits[len(self.trunk_prefix) :]
        return (
            Phone(digits, extension, option=option, option_first=option_first)
            if self.national.fullmatch(digits)
            else None
        )

    def _short_codes(self, texted: bool) -> tuple:
        return (self.short_codes, self.text_short_codes) if texted else (self.short_codes,)

    def short_with_extension(self, written: str) -> bool:
        """Whether a number is a short code written with an extension (refused by parse)."""
        extension, number = _cut_end(_EXTENSION, _spaced(written))
        phone = self.parse(number) if extension else None
        return bool(phone and phone.short)

    def before_words(self, written: str) -> Phone | None:
        """The whole number that words follow, if any ("811 option 2": 811)."""
        letter = next((i for i, c in enumerate(written) if c.isalpha()), None)
        return None if letter is None else self._parsed(written[:letter])

    def display(self, phone: Phone, lang: str, extension: bool = True, option: bool = True) -> str:
        """The number as pages, lists and printed entries write it in `lang` (without its
        extension or its menu's option when asked: HSDS has a field for the first)."""
        number = phone.digits if phone.short else self._grouped(phone.digits, lang)
        shown_option = option and phone.option
        # In the order they are keyed in: "option 3, poste 12" is not "poste 12, option 3".
        if shown_option and phone.option_first:
            number = _in(self.option, lang).format(number=number, option=phone.option)
        if extension and phone.extension:
            number = _in(self.extension, lang).format(number=number, extension=phone.extension)
        if shown_option and not phone.option_first:
            number = _in(self.option, lang).format(number=number, option=phone.option)
        return number

    def _grouped(self, digits: str, lang: str) -> str:
        for pattern, template in self.formats:
            match = pattern.fullmatch(digits)
            if match:
                return _in(template, lang).format(match.group(0), *match.groups())
        return self.trunk_prefix + digits

    def tel(self, phone: Phone) -> str:
        """The RFC 3966 address after tel: ("+15145550123;ext=12"; a short code stays local).
        A menu's option is not dialled: the menu may speak first, and the page says which. Nor
        is an extension to key after the option: keyed first, the menu reads it as a choice."""
        number = phone.digits if phone.short else f"+{self.country_code}{phone.digits}"
        return number + (f";ext={phone.extension}" if phone.extension and not phone.option_first else "")

    def text_of(self, written: str, lang: str, kind: str = "voice") -> str:
        """display() of a number of `kind` as written (as written when it cannot be read)."""
        return self._memo(
            (written, lang, kind == "text"),
            lambda: self.display(phone, lang) if (phone := self.parse(written, kind)) else written,
        )

    def tel_of(self, written: str, kind: str = "voice") -> str:
        """tel() of a number of `kind` as written (its digits when it cannot be read)."""
        return self._memo(
            (written, None, kind == "text"),
            lambda: (
                self.tel(phone) if (phone := self.parse(written, kind)) else "".join(c for c in written if c.isdigit())
            ),
        )

    def _memo(self, key: tuple, make: Callable[[], str | Phone | None]) -> str | Phone | None:
        """make(), remembered under `key`. Read once, never read back after it is stored: the
        PDFs' data is made in a thread of the build (processes.py) that may clear the memo."""
        said = self._said.get(key, _UNSAID)
        if said is _UNSAID:
            said = make()
            if len(self._said) >= 200_000:  # bounded: a few ways each of every phone of 50,000 records
                self._said.clear()
            self._said[key] = said
        return said

    def is_fictitious(self, phone: Phone) -> bool:
        return bool(self.fictitious and self.fictitious.fullmatch(phone.digits))


def _keypad_digits(written: str) -> str:
    """The digits a keypad dials for the letters and digits written ("APPELLE": 2773553)."""
    return "".join(_KEYPAD.get(c.upper(), c) for c in written if c.isalnum())


def _one_of_twice(first: str, second: str) -> str | None:
    """Of a number written twice (_SPELLED_TWICE), the one with more digits, when one spells
    it in letters, the other in digits, and the digits of the shorter end the longer's."""
    spelled = [any(c.isalpha() for c in part) for part in (first, second)]
    if spelled[0] == spelled[1]:
        return None
    digits = [_keypad_digits(part) for part in (first, second)]
    longer = 0 if len(digits[0]) >= len(digits[1]) else 1
    shorter = digits[1 - longer]
    if len(shorter) < 7 or not digits[longer].endswith(shorter):
        return None
    return (first, second)[longer]


def _spaced(written: str) -> str:
    """A number as written, its dashes read as spaces and one space between groups."""
    return " ".join(written.translate(_DASHES).split())


def _cut_end(pattern: re.Pattern, written: str) -> tuple[str | None, str]:
    """What `pattern` reads at the end of `written` (its group), and the text before it."""
    match = pattern.search(written)
    return (match.group(1), written[: match.start()]) if match else (None, written)


def _in(value: dict, lang: str) -> str:
    """A text of the territory file in `lang` (French when it has none in that language)."""
    return value.get(lang) or value["fr"]
