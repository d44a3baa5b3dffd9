"""Queries over the written search files, in Python: the steps of theme/static/js/search-engine.js.

Used by tests (the same queries must give the same hits in both) and by scripts/ that
search a built site. Reads the files exactly as a browser fetches them.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from .analysis import FAMILY_PATTERNS, WORD_FAMILIES, expanded_expressions, fold, term, words
from .closed import closed_named
from .documents import POSTAL_START, area_of, place_key
from .postings import weights_of
from .shards import utf16

# A word's terms weigh: itself, a word it starts (the last word, being typed), a word one typo
# away (only for a word the directory does not have). A guess at a third of the word: at a
# tenth, "aide alimantaire" was "aide" alone (home care first, no food bank in the first 20).
# A guess of another first letter, seldom the word meant ("fille" and "ville"), at a tenth.
EXACT, PREFIX, TYPO, FAR_TYPO = 10, 4, 3, 1
GUESSES = (TYPO, FAR_TYPO)
PREFIX_TERMS = 30
WHOLE_LAST_WORD = 4  # letters of a last word the directory has that is not completed (plan)
TYPO_MIN_LENGTH = 5
PLURAL_TYPO_MIN_LENGTH = 6  # letters of a singular (without its s or x) compared one typo away
STEM_TYPO_MIN_LENGTH = 7  # letters of a stem compared one typo away (near_in_stem)
FAMILY_TYPO_MIN_LENGTH = 6  # letters of a word compared one typo away from a family's forms
TWO_TYPOS_MIN_LENGTH = 9  # letters of a word compared two typos away, when nothing else is near
TYPO_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # what a typo adds or puts instead (folded words)


# A phone number typed in groups ("819 555-0101", "(819) 555 0101", "+1 819-555-0101"), with
# perhaps an extension after it ("poste 12", "ext. 12", "x12", "#12"): search-engine.js NUMBER.
_NUMBER = re.compile(
    r"\+?\(?[0-9]+(?:[ \u00a0\t().\u2010-\u2014-]+[0-9]+)+"
    r"(?:[ \u00a0\t]*[,;]?[ \u00a0\t]*(?:poste|post|ext|extension|x|p|#)\.?[ \u00a0\t]*[0-9]{1,6}(?![0-9]))?",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r"[,; \u00a0\t]*(?:poste|post|ext|extension|x|p|#)\.?[ \u00a0\t]*[0-9]{1,6}$", re.IGNORECASE)
PLACE_PIECES = 6  # the most pieces of a query one place name is ("city of Ville Saint-Laurent")
# A place's words weigh this much beside the words of a need (exact in binary: the same float
# sums in search-engine.js): they choose where, and tell apart what the need found alike. At an
# eighth, a town in a name (boost 10) outweighed the need: a sexual health clinic "de Montréal",
# found by its category's "shelter", came before a youth shelter of Montréal for "shelter montreal".
PLACE_WEIGHT = 0.0625
PLACE_FIELDS = ("place", "area", "name", "other_names")  # where a place's name says where a record is
WHERE_FIELDS = ("place", "area")  # where a record is, and serves
NUMBER_DIGITS = 10  # groups typed are one number from a whole one (area code and all)
_DIGIT = re.compile("[0-9]")
_NOT_LETTER = re.compile(r"[\W\d_]+")  # what is between runs of letters (str.isalpha's)
CODE_LETTERS = 4  # letters in a row that make a word, not a code ("LGBTQ2S+", "covid19")


def is_code(word: str) -> bool:
    """Whether a word is a number or code the directory has or has not (a phone number, a
    postal code): three digits or more, or a digit after a letter ("h2x") in a word without
    CODE_LETTERS letters in a row ("LGBTQ2S+" is a word; "SW1A" a code). A short number
    ("enceinte à 16 ans", "3 rivières") or an ordinal ("3e âge", "1er") is a word like others.
    A letter is what isalpha() says, as \\p{L} in search-engine.js isCode."""
    if len(_DIGIT.findall(word)) >= 3:
        return True
    lettered = any(a.isalpha() and "0" <= b <= "9" for a, b in zip(word, word[1:]))
    return lettered and max(len(run) for run in _NOT_LETTER.split(word)) < CODE_LETTERS


def is_amount(unit: list[Planned]) -> bool:
    """Whether words of a query (`units`) are a number beside a need's words ("loyer 1200 $",
    "Centre 2000"): it ranks first those that have it, and is not a word they must have (a
    street number is no reason to leave out the other tenants' associations)."""
    return bool(unit[0].place) and not any(c.isalpha() for p in unit for c in p.word) and is_code(unit[0].word)


def joined_numbers(query: str) -> str:
    """The query with each phone number typed in groups written as one word of its digits, as
    the index has it (documents.contact_words), without its extension: "819 555-0101" is
    found in the organizations that have that number, not in those that have its groups in
    different numbers. Fewer digits stay as typed: "555-0197" finds the numbers ending so,
    "2025-2026" its years."""

    def join(match: re.Match) -> str:
        number = _EXTENSION.sub("", match.group())
        digits = "".join(c for c in number if "0" <= c <= "9")
        return digits if len(digits) >= NUMBER_DIGITS else match.group()

    return _CODE.sub(lambda match: match.group(1) + match.group(2), _NUMBER.sub(join, query))


# A postal code typed in its two halves ("H2X 1Y4", "SW1A 1AA"): one word, as the index has it
# whole (documents.contact_words). search-engine.js CODE.
_CODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z0-9]*[A-Za-z][0-9][A-Za-z0-9]*)[ \u00a0\t-]+([0-9][A-Za-z][A-Za-z0-9])(?![A-Za-z0-9])"
)


# A typed word between others, after what is not a letter, digit or "_" of WORDS_APART (no
# lookbehind: Safari reads one from 16.4 only).
_BEFORE_WORD, _AFTER_WORD = "(^|[^0-9A-Za-z\u00c0-\u024f_])", "(?![0-9A-Za-z\u00c0-\u024f_])"
# Letters each followed by a period, two or more, and perhaps a last one without ("C.L.S.C.",
# "C.J.E"): search-engine.js INITIALS.
_INITIALS = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){2,}[^\W\d_]?(?![^\W_])")


def round_score(score: float) -> float:
    """As Math.round(score * 1e6) / 1e6 in JavaScript: ties broken the same way in both."""
    return math.floor(score * 1e6 + 0.5) / 1e6


# French articles and pronouns that lose their vowel before one ("d'impôt", "l'emploi",
# "qu'il"): typed without the apostrophe, as on a phone, they stick to the word.
_ELIDED = re.compile(r"(?:qu|[cdjlmnst])(?=[aeiouyhàâäéèêëîïôöùûü])", re.IGNORECASE)


_VOWEL = re.compile("[aeiouy]")  # in a folded word: one without any is an acronym
_SPOKEN_J = re.compile("j[bcdfghjklmnpqrstvwxz]")  # "j'veux": j' before a consonant, as spoken


def elided(word: str) -> str | None:
    """A French word of four letters or more that may be an elided article or pronoun stuck to
    the word after it ("dimpot", "lhopital", "quil"): that word; else None. Searched only when
    the directory has no word as typed."""
    found = _ELIDED.match(word) if len(word) >= 4 else None
    if not found:
        return None
    # A pronoun's (c', j', m', n', s', t') is a verb's, of four letters at least: "sors" is no
    # "s'ors", which listed the clubs de l'âge d'or first for "je sors de l'hôpital psychiatrique".
    bare = word[found.end() :]
    return bare if len(bare) >= 4 or found.group().lower() in ("d", "l", "qu") else None


def plural_of(folded: str) -> str | None:
    """The singular a folded word may be the plural of (its final s or x gone; Snowball leaves
    "ados", "jeux" as they are), if it keeps three letters; searched only when the directory
    does not have the word as typed."""
    return folded[:-1] if len(folded) >= 4 and folded[-1] in "sx" and not _DIGIT.search(folded) else None


def one_typo_apart(a: str, b: str) -> bool:
    """One letter added, removed, replaced, or two neighbours swapped (lunr's own fuzzy
    matching misses insertions and replacements)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        replaced = a[i + 1 :] == b[i + 1 :]
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        return replaced or swapped
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i:]


def typos_between(a: str, b: str, most: int = 2) -> int:
    """How many letters added, removed, replaced or neighbours swapped make `a` into `b` (the
    restricted Damerau-Levenshtein distance), counted up to most + 1: only the cells within
    `most` of the diagonal are worked out, a handful a letter (search-engine.js typosBetween)."""
    far = most + 1
    if abs(len(a) - len(b)) > most:
        return far
    before: list[int] = []
    above = [j if j <= most else far for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        row = [far] * (len(b) + 1)
        row[0] = i if i <= most else far
        for j in range(max(1, i - most), min(len(b), i + most) + 1):
            cost = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cost = min(cost, before[j - 2] + 1)
            row[j] = min(cost, far)
        if min(row) == far:
            return far
        before, above = above, row
    return above[len(b)]


def two_typos_apart(typed: str, word: str) -> bool:
    """A long word typed with two typos, its first letter right: "hebregment" for
    "hébergement", "imigrasion" for "immigration" (each found nothing). Not two letters
    replaced, which makes another word more often than a typo does ("depanneur" is not
    "demandeur")."""
    return (
        len(typed) >= TWO_TYPOS_MIN_LENGTH
        and typed[:1] == word[:1]
        and typed != word
        and not two_replaced(typed, word)
        and typos_between(typed, word) <= 2
    )


def two_replaced(a: str, b: str) -> bool:
    """Whether two words differ by two letters replaced, and nothing else (not two neighbours swapped)."""
    if len(a) != len(b):
        return False
    apart = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(apart) == 2 and not (
        apart[1] == apart[0] + 1 and a[apart[0]] == b[apart[1]] and a[apart[1]] == b[apart[0]]
    )


def one_typo_variants(word: str):
    """Every word one typo from a word but for a letter replaced, its first letter kept: a
    letter added (of TYPO_LETTERS), left out, or two neighbours swapped. A letter replaced made
    other words the families' ("artistes" autism's "autistes", "kittens" clothing's "mittens")."""
    for i in range(1, len(word) + 1):
        for letter in TYPO_LETTERS:
            yield word[:i] + letter + word[i:]
        if i < len(word):
            yield word[:i] + word[i + 1 :]
            if i + 1 < len(word):
                yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def family_one_typo_away(folded: str, families: list[tuple[re.Pattern, str]]) -> tuple[str, str] | None:
    """The word of the first family (WORD_FAMILIES) one of whose forms, of FAMILY_TYPO_MIN_LENGTH
    letters or more, is one typo from a word (one_typo_variants), and that form: "alcolisme" is
    "alcoolisme", which no record says (they say "toxicomanie"), and no word of the directory
    was near it. A family's forms are patterns, not a list: each word one typo from the typed
    one is tried (some 300 for ten letters). A short form is too near other words ("cokes" of
    "chokes", "botte" of "bottle")."""
    if len(folded) < FAMILY_TYPO_MIN_LENGTH:
        return None
    variants = [v for v in one_typo_variants(folded) if len(v) >= FAMILY_TYPO_MIN_LENGTH]
    for pattern, word in families:
        form = next((v for v in variants if pattern.match(v)), None)
        if form is not None:
            return word, form
    return None


def near_in_spelling(typed: str, word: str) -> bool:
    """A word of the directory that a typed word may stand for: one typo away, or one typo
    away from the typed word's singular ("autistes": no record has "autiste", "autisme" is one
    letter from it and two from the plural)."""
    if one_typo_apart(typed, word):
        return True
    # Two changes in all: only for a singular of six letters or more, where they rarely make
    # another word ("horses" is not one typo from "house"; "centers" is from "centre").
    singular = plural_of(typed)
    return singular is not None and len(typed) > PLURAL_TYPO_MIN_LENGTH and one_typo_apart(singular, word)


def starts_near(stem: str, word: str) -> bool:
    """Whether a word starts with letters one typo from a stem."""
    return any(one_typo_apart(stem, word[: len(stem) + more]) for more in (-1, 0, 1))


def name_boosts(planned: list) -> list[tuple[int, ...]]:
    """For each word searched, the kinds of its terms that put a name first (`named`): the
    word itself, not the words it starts or is one typo from ("or" alone put "Organisme..."
    above the organizations that have "or"); the last word of a name typed whole also by the
    words it starts ("Centre de jo" is "Centre de jour de Montréal" being typed); beside other
    words, a word the directory does not have by its guesses ("centre de crisse": the crisis
    centres, not a rehabilitation centre that has "crise" in its text). Alone, a guess names
    nothing: "ainee" would have named every Sainte-Anne ("anne" is one typo from "aine")."""
    return [
        ((EXACT, PREFIX) if number == len(planned) - 1 and number > 0 else (EXACT,))
        + ((TYPO,) if len(planned) > 1 and p.alternatives and EXACT not in p.alternatives.values() else ())
        for number, p in enumerate(planned)
    ]


def place_runs(count: int, is_place) -> list[tuple[int, int]]:
    """(start, size) of the runs of a query's `count` pieces that name a place, left to right,
    the longest first from each piece ("Ville Saint-Laurent" before "Ville"): `is_place(start,
    size)` says whether that run does."""
    runs, at = [], 0
    while at < count:
        size = next((size for size in range(min(PLACE_PIECES, count - at), 0, -1) if is_place(at, size)), 0)
        if size:
            runs.append((at, size))
        at += size or 1
    return runs


# What separates a query's pieces: the same characters as search-engine.js PIECE_SPACE (Python's
# and JavaScript's \s differ: U+001C-U+001F and U+0085 for one, U+FEFF for the other).
_PIECE_SPACE = re.compile(r"[\s\ufeff]+")


def untitled(key: str, titles: list[str], places: dict[str, str]) -> str | None:
    """The place a name said with a title is, as search reads it: "ville de laval" is "laval",
    "ville d alma" "alma" (documents.PLACE_TITLES); None when it is no place said so."""
    for title in titles:
        if key.startswith(title + " ") and key[len(title) + 1 :] in places:
            return key[len(title) + 1 :]
    return None


def pieces_of_title(pieces: list[str], title: int) -> int:
    """How many of a run's pieces hold only words of its title (`title` words): "ville de
    Verdun" two, "ville d'Alma" one ("d'Alma" holds the place's word)."""
    seen = 0
    for number, piece in enumerate(pieces):
        seen += len(place_key(piece).split())
        if seen > title:
            return number
    return len(pieces)


def after_words(text: str, count: int) -> str:
    """Text after its first `count` words (runs of letters and digits), trimmed: "Alma" of
    "ville d'Alma"."""
    at = 0
    for _ in range(count):
        while at < len(text) and not text[at].isalnum():
            at += 1
        while at < len(text) and text[at].isalnum():
            at += 1
    return trimmed(text[at:])


def trimmed(text: str) -> str:
    """Text without what is not a letter or digit at either end: « jonquière », not « jonquière, »."""
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def query_pieces(query: str) -> list[str]:
    return [piece for piece in _PIECE_SPACE.split(query) if piece]


def units(planned: list[Planned]) -> list[list[Planned]]:
    """The words of a query as `candidates` counts them: each word alone, the words of a place's
    name together ("logement Trois-Rivières" is two, not three)."""
    found: list[list[Planned]] = []
    places: dict[int, list[Planned]] = {}
    for p in planned:
        if not p.place:
            found.append([p])
        elif p.place in places:
            places[p.place].append(p)
        else:
            places[p.place] = [p]
            found.append(places[p.place])
    return found


@dataclass
class Planned:
    word: str
    alternatives: dict[int, int]  # term id -> boost
    # The start of a word still being typed, never "missing": the last letter typed alone, or
    # a query's last stop word when it has no other word ("Mon" of "Montréal").
    being_typed: bool = False
    # The number of the place's name this word is of (1, 2...; 0: none): "hébergement Montréal"
    # chooses where by "Montréal", which weighs little beside the need (a clinic "de Montréal"
    # came before the shelters), and a name of several words counts as one word (`units`).
    place: int = 0
    # A word added to a place typed, to tell it from others (the region of "Québec
    # (Capitale-Nationale)"): it puts that place's documents first, none needs it (`mark_qualifiers`).
    qualifier: bool = False
    # The directory's words (folded) one typo from a word it does not have, in the lexicon's
    # order: what `as_guessed` tries in its place.
    near: tuple[str, ...] = ()


# Fewer documents than this having every word of a need of WIDEN_FROM words or more: those with
# all but one of them are candidates too (SearchFolder.candidates).
WIDEN_BELOW, WIDEN_FROM = 10, 3
# Fewer documents than this having both words of a need of two: those with the rarer word too.
FEW_TOGETHER = 3


class Postings(dict):
    """A search's terms -> their flat postings, and whether the initials made from names count
    for it (search-engine.js sets the same on its Map)."""

    initials = True


class Candidates(NamedTuple):
    """The documents a search ranks (None: all that have its word); `partial`: none has every
    word; `widened`: few had every word, those with all but one are there too, ranked by score."""

    docs: set[int] | None
    partial: bool = False
    widened: bool = False


class SearchFolder:
    """One language's search files, as written in search/<lang>/."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.manifest = self._read("manifest.json")
        self.lang = self.manifest["lang"]
        self.stop_words = frozenset(self.manifest["stop_words"])
        self.place_titles = self.manifest.get("place_titles", [])
        self.shard_keys = [utf16(first) for first, _ in self.manifest["words"]]
        self.loaded: set[int] = set()
        self.term_ids: dict[str, int] = {}
        self.terms: dict[int, str] = {}
        self.word_terms: dict[str, int] = {}
        self.shard_words: dict[int, list[str]] = {}
        # Place names of the shards loaded (shards.add_places): name -> what it is searched as.
        self.places: dict[str, str] = {}
        self.wider: dict[str, str] = {}  # a municipality no record is in -> its region (documents.wider_places)
        # A place's name -> what is searched instead, whatever its words find (documents.py
        # run_together_places, named_instead): "val dor" -> "Val-d'Or", "Saint-Laurent" -> "Montréal".
        self.instead: dict[str, str] = {}
        # A municipality's or MRC's name -> its region's (documents.regions_of_places).
        self.regions: dict[str, str] = {}
        self.term_postings: Postings = {}

    def _read(self, name: str):
        return json.loads((self.folder / name).read_text(encoding="utf-8"))

    def expressed(self, query: str) -> str:
        """The query with each expression of its language (analysis.EXPRESSIONS, from the
        manifest) written as what it asks for: "médecin de famille" as "médecin"; and initials
        written with periods as one word ("C.L.S.C." as "CLSC": letters alone are no words).
        A typographic apostrophe (a phone's keyboard) is read as "'", the only one they write."""
        query = query.replace("\u2019", "'")
        for pattern, said in self.expressions:
            query = pattern.sub(said, query)
        return _INITIALS.sub(lambda match: match.group().replace(".", ""), query)

    @cached_property
    def expressions(self) -> list[tuple[re.Pattern, str]]:
        shipped = expanded_expressions(self.manifest.get("expressions", []), self.manifest.get("words_apart", "{}"))
        return [(re.compile(pattern, re.I), said) for pattern, said in shipped]

    def expressions_in(self, query: str) -> set[int]:
        """The expressions (by number) the query as typed says."""
        query = query.replace("\u2019", "'")
        return {number for number, (pattern, _) in enumerate(self.expressions) if pattern.search(query)}

    def as_guessed(self, query: str, planned: list[Planned]) -> str | None:
        """The query with a word found only by spelling guesses written as one of them, when
        that makes it say an expression it did not; else None. "depresion" is "dépression",
        which the expressions read as mental health's: it found 26 organizations of every
        kind, "dépression" 11, of mental health. A guess of the word's first letter only: "répression"
        is not "dépression"."""
        said, read = query, self.expressions_in(query)
        for p in planned:
            if not p.near or not all(boost in GUESSES for boost in p.alternatives.values()):
                continue
            typed = re.compile(_BEFORE_WORD + re.escape(p.word) + _AFTER_WORD, re.I)
            for word in (w for w in p.near if w[:1] == fold(p.word)[:1]):
                other = typed.sub(lambda match, word=word: match[1] + word, said)
                more = self.expressions_in(other)
                if more - read:
                    said, read = other, more
                    break
        return said if said != query else None

    @cached_property
    def lexicon_words(self) -> list[str]:
        """Every word of the directory (folded), in the shards' order."""
        return self._read(self.manifest["spelling"])

    def shard_of(self, key: str) -> int:
        """The word shard that holds `key` (a folded word or a term)."""
        return bisect.bisect_right(self.shard_keys, utf16(key)) - 1

    def shards_for(self, folded: str) -> list[int]:
        """The shards of a typed word (folded): its own and those of the words it starts."""
        first = self.shard_of(folded)
        found = [first]
        while first + len(found) < len(self.shard_keys) and self.manifest["words"][first + len(found)][0].startswith(
            folded
        ):
            found.append(first + len(found))
        return found

    def load(self, shards) -> None:
        for number in sorted(set(shards) - self.loaded):
            shard = self._read(self.manifest["words"][number][1])
            self.word_terms.update(zip(shard["words"], shard["word_terms"]))
            self.shard_words[number] = shard["words"]
            self.places.update(shard.get("places", {}))
            self.wider.update(shard.get("wider", {}))
            self.instead.update(shard.get("instead", {}))
            self.regions.update(shard.get("regions", {}))
            for term_id, term_, postings in shard["terms"]:
                self.term_ids[term_] = term_id
                self.terms[term_id] = term_
                self.term_postings[term_id] = postings
            self.loaded.add(number)

    def is_stop(self, folded: str) -> bool:
        """A stop word, or one with "j'" stuck before it as French is spoken and typed on a phone
        ("jveux mourir", "jsuis"): "jveux" was guessed as "jeux", and found youth centres only.
        Before a consonant only: "jeu" is not j' + "eu"."""
        return folded in self.stop_words or bool(_SPOKEN_J.match(folded) and folded[1:] in self.stop_words)

    def term(self, word: str) -> str | None:
        """A word's index term, None for a word queries leave out (the manifest's stop words,
        the other languages' too): search-terms.js term()."""
        return None if fold(word) in self.stop_words else term(word, self.lang)

    def plan(self, query: str) -> list[Planned]:
        """What each typed word stands for."""
        typed = [(word, fold(word)) for word in words(query) if not self.is_stop(fold(word))]
        only_stop_words = not typed and len(words(query)) == 1  # "Mon" of "Montréal", not "I need"
        if only_stop_words:
            typed = [(words(query)[-1], fold(words(query)[-1]))]
        stems = [self.term(word) for word, _ in typed]
        self.load(
            [n for _, folded in typed for n in self.shards_for(folded)]
            + [self.shard_of(stem) for stem in stems if stem is not None]
            + [self.shard_of(area) for area in (area_of(folded) for _, folded in typed) if area]
        )
        planned = []
        for number, ((word, folded), stem) in enumerate(zip(typed, stems)):
            alternatives: dict[int, int] = {}

            def add(term_id, boost):
                if term_id is not None and not alternatives.get(term_id, -1) >= boost:
                    alternatives[term_id] = boost

            # A French word the directory writes with accents, typed without them, is that word
            # alone: "refugie" is "réfugié", whose stem without the accents is also "refuge"'s
            # (shelters came among the immigration services).
            written = self.word_terms.get(folded)
            if written is None or word != folded or self.lang != "fr":
                add(self.term_ids.get(stem), EXACT)
            add(written, EXACT)
            last, start = number == len(typed) - 1, folded
            singular = plural_of(folded) if EXACT not in alternatives.values() and not only_stop_words else None
            if singular:  # a plural the directory has only in the singular ("CLSCs"), or its start ("ados")
                self.load([self.shard_of(singular), *self.shards_for(singular)])
                add(self.term_ids.get(self.term(singular)), EXACT)
                add(self.word_terms.get(singular), EXACT)
                start = singular
            # The last word may be the start of one still being typed, unless it is a word of
            # four letters or more that the directory has, after others: "je dors dans mon auto"
            # listed the Indigenous organizations first ("autochtone"). One word alone is being
            # typed ("franc" of "francisation", "home" of "homeless"). A word before it was typed whole,
            # and is a start only when the directory does not have it ("ado suicide", "alim"):
            # "jeu compulsif" found "jeunesse" first, "refuge" "refugee".
            whole = EXACT in alternatives.values()
            if len(start) >= 2 and (not whole or (last and (number == 0 or len(start) < WHOLE_LAST_WORD))):
                started = [w for n in self.shards_for(start) for w in self.shard_words[n] if w.startswith(start)]
                prefix_terms: list[int] = []
                for w in sorted(started, key=lambda w: (len(w), w)):
                    if not self.may_start_place(start, w, last, typed=folded if start != folded else None):
                        continue
                    if self.word_terms[w] not in prefix_terms:
                        prefix_terms.append(self.word_terms[w])
                    if len(prefix_terms) == PREFIX_TERMS:
                        break
                for term_id in prefix_terms:
                    add(term_id, PREFIX)
            unknown = EXACT not in alternatives.values() and not only_stop_words
            bare = elided(word) if self.lang == "fr" and unknown else None
            if bare:  # "dimpot": the word "impôt" after d' typed without its apostrophe
                bare_stem = self.term(bare)
                if bare_stem is not None:
                    self.load([self.shard_of(bare_stem), self.shard_of(fold(bare))])
                    add(self.term_ids.get(bare_stem), EXACT)
                    add(self.word_terms.get(fold(bare)), EXACT)
            # Never for a number (one digit off is another number), nor for a word without a
            # vowel: an acronym ("CHSLD" was searched as "child").
            typo = len(folded) >= TYPO_MIN_LENGTH and not only_stop_words and not _DIGIT.search(folded)
            typo = typo and bool(_VOWEL.search(folded))
            near = []
            if EXACT not in alternatives.values() and typo:
                # Only for words the directory does not have: "aines" must not also find "aides";
                # never for a number: one digit off is another number.
                near = [w for w in self.lexicon_words if near_in_spelling(folded, w)]
                if not near and stem is not None and len(stem) >= STEM_TYPO_MIN_LENGTH:
                    near = self.near_in_stem(stem)
                family = None if near else family_one_typo_away(folded, FAMILY_PATTERNS)
                if family is not None:
                    family_term = self.term(family[0])
                    self.load([self.shard_of(family_term)])
                    add(self.term_ids.get(family_term), TYPO)
                elif not near:  # the last guess: two typos in a long word
                    near = [w for w in self.lexicon_words if two_typos_apart(folded, w)]
                self.load(self.shard_of(w) for w in near)
                for w in near:
                    add(self.word_terms[w], TYPO if w[:1] == folded[:1] else FAR_TYPO)
                if family is not None:
                    near = [family[1]]  # the form guessed: its first letter, and what it reads as
            planned.append(
                Planned(word, alternatives, only_stop_words or (last and len(folded) == 1), near=tuple(near))
            )
        return planned

    def near_in_stem(self, stem: str) -> list[str]:
        """The words of the directory whose stem is one typo from a typed word's stem, for a word
        no word of the directory is one typo from: "psycologique" is two letters from
        "psychologue", its stem "psycolog" one from their "psycholog" (it found nothing: its
        other forms are words of no record). Found among the words that start so (a word's
        stem is its start), whose shards are then fetched. A word of a family (WORD_FAMILIES) is
        searched as the family's word, which is not its stem: one that starts so is taken
        ("psycological" found nothing, "psychologist" the family's 11)."""
        started = [w for w in self.lexicon_words if starts_near(stem, w)]
        self.load(self.shard_of(w) for w in started)
        return [
            w
            for w in started
            if one_typo_apart(stem, self.terms[self.word_terms[w]])
            or self.terms[self.word_terms[w]] in self.family_terms
        ]

    @cached_property
    def family_terms(self) -> frozenset[str]:
        """What a word of a family (WORD_FAMILIES) is searched as."""
        return frozenset(self.term(word) for _, word in WORD_FAMILIES) - {None}

    def postings(self, ids) -> Postings:
        """Each term's flat postings (its shard is loaded by plan())."""
        return Postings({term_id: self.term_postings[term_id] for term_id in ids})

    def fields_of(self, postings: Postings, term_id: int) -> list[tuple[str, list[int], list[float]]]:
        """A term's decoded postings as a search reads them: the initials made from names only
        when one word says what is searched (`Postings.initials`)."""
        decoded = self.decoded(postings[term_id])
        return decoded if postings.initials else [found for found in decoded if found[0] != "initials"]

    @cached_property
    def groups(self) -> list[list[int]]:
        """Documents sharing their category text (index.py), from their gaps."""
        return [list(accumulate(gaps)) for gaps in self._read(self.manifest["groups"])]

    @cached_property
    def lengths(self) -> list[list[int]]:
        """Each field's lengths, per document (per group for the grouped field)."""
        return self._read(self.manifest["lengths"])

    @cached_property
    def group_sizes(self) -> list[int]:
        return [len(docs) for docs in self.groups]

    def decoded(self, flat: list) -> list[tuple[str, list[int], list[float]]]:
        """A term's postings: (field, documents, weights) per field, groups expanded."""
        fields, documents = self.manifest["fields"], self.manifest["documents"]
        out = []
        for code, numbers, weights in weights_of(
            flat, documents, self.lengths, self.manifest["weights"]["averages"], self.group_sizes
        ):
            if code >= 0:
                out.append((fields[code], numbers, weights))
            else:
                pairs = sorted((doc, weight) for group, weight in zip(numbers, weights) for doc in self.groups[group])
                out.append((fields[-1 - code], [d for d, _ in pairs], [w for _, w in pairs]))
        return out

    def rank(self, planned: list[Planned], postings: Postings, candidates: set[int] | None) -> list[tuple[int, float]]:
        """(document, score) of the documents having a term of the query, scored as lunr's
        Index.query scores them, without building its index (#13: at 10,000 records that was
        most of a search on a phone). A query is one clause per (word, term); the query vector,
        the same in every field, sums each term's boosts; a document's score adds, field by
        field in lunr's order, the dot product of its weights with that vector over the
        vector's length. Float sums are made in lunr's order, so scores are bit for bit
        lunr's (tests/test_search.py compares them with lunr.py's index)."""
        fields = self.manifest["fields"]
        boosts: dict[int, float] = {}  # a place's words weigh PLACE_WEIGHT
        for p in planned:
            for term_id, boost in p.alternatives.items():
                boosts[term_id] = boosts.get(term_id, 0) + (boost * PLACE_WEIGHT if p.place else boost)
        length = math.sqrt(sum(boosts[t] ** 2 for t in sorted(boosts)))
        docs_of: dict[tuple[int, str], list[int]] = {}  # (term, field) -> its documents
        vectors: dict[tuple[str, int], float] = {}  # (field, doc) -> dot product
        for term_id in sorted(boosts):  # a field vector's terms are in id order
            for field, docs, weights in self.fields_of(postings, term_id):
                kept = []
                for doc, weight in zip(docs, weights):
                    if candidates is None or doc in candidates:
                        kept.append(doc)
                        vectors[field, doc] = vectors.get((field, doc), 0) + boosts[term_id] * weight
                docs_of[term_id, field] = kept
        # lunr meets (field, document) pairs clause by clause, field by field, documents in order.
        met: dict[tuple[str, int], None] = {}
        for p in planned:
            for term_id in p.alternatives:
                for field in fields:
                    for doc in docs_of.get((term_id, field), ()):
                        met.setdefault((field, doc))
        scores: dict[int, float] = {}
        for field, doc in met:
            score = vectors[field, doc] / length if length else 0
            scores[doc] = scores[doc] + score if doc in scores else score
        return list(scores.items())

    def candidates(self, planned: list[Planned], postings: Postings) -> Candidates:
        """With several words, the documents having the most of them (one of its terms each; a
        place's name of several words counts once, when it has them all: `units`): every word
        when a document has them all ("où dormir ce soir": none has the three, the ones with
        two are ranked), and always with a number typed alone; all with one word (docs None);
        of a need and a place, only documents with a word of the need. When fewer
        than WIDEN_BELOW have every word of a need of WIDEN_FROM words or more, those having
        all but one of them too (and the place's, if one is named): "hébergement d'urgence
        femmes" found the two organizations with the three words here and there in their
        texts, and none of the women's shelters, which do not say "urgence"."""
        counted = [unit for unit in units(planned) if not is_amount(unit)]
        if len(counted) < 2 and len(counted) == len(units(planned)):
            return Candidates(None)
        having: dict[int, int] = {}  # document -> how many of the words it has
        needed: dict[int, int] = {}  # document -> how many of the words that are no place's it has
        total = needs = 0  # how many a document has when it has every word; of them, no place's
        need_docs: list[set[int]] = []  # the documents of each of the need's words
        for unit in counted:
            each = [self.having(p, postings) for p in unit]
            together = set.intersection(*each)
            # A place's name that no document has whole ("Montréal-Nord"): its words count alone.
            parts = [together] if together or len(unit) == 1 else each
            total += len(parts)
            needs += 0 if unit[0].place else len(parts)
            need_docs += [] if unit[0].place else parts
            for docs in parts:
                for d in docs:
                    having[d] = having.get(d, 0) + 1
                    if not unit[0].place:
                        needed[d] = needed.get(d, 0) + 1
        # Of a need and where ("loyer Laval"), a document with none of the need's words is no answer.
        most = max((count for d, count in having.items() if d in needed or not needs), default=0)
        coded = any(is_code(p.word) and not p.place for p in planned)
        if most < total and coded:
            return Candidates(set())  # a phone number or a postal code is in the directory, or it is not
        best = {d for d, count in having.items() if count == most and (d in needed or not needs)}
        places = total - needs
        if most == total and len(best) < WIDEN_BELOW and needs >= WIDEN_FROM and not coded:
            return Candidates(
                {d for d, count in having.items() if count >= total - 1 and count - needed.get(d, 0) == places},
                widened=True,
            )
        if most == total and len(best) < FEW_TOGETHER and len(need_docs) == 2 and not coded:
            # Two words of a need that one or two documents have together: "je suis gai et j'ai
            # besoin de parler" found one self-help group, not the LGBTQ+ centre, whose text
            # does not say "parler". Those with the rarer word (what is asked, more often than
            # the common one), where the place is if one is named, are ranked with them by score.
            rarer = min(need_docs, key=len)
            return Candidates(
                best | {d for d in rarer if having[d] - needed.get(d, 0) == places},
                widened=True,
            )
        if most < total and places:
            # No document has every word: those of the place named first, with the most of the
            # need's words found there, or one less. A place counted as one word: a record far
            # away with the need's four words came before the town's own with three ("banque
            # alimentaire pour familles immigrantes laval" listed Longueuil, not Laval's food banks).
            there = {d: needed[d] for d, count in having.items() if d in needed and count - needed[d] == places}
            # Of a need of two words, the one that says what kind is an answer alone, the other
            # not: French says it second ("juridique" of "aide juridique gatineau": the town's legal
            # rights league; "aide" alone found the region's homework help and tax clinic),
            # English first ("food" of "food bank gaspesie": "bank" alone found a clothing bank).
            if len(need_docs) == 2:
                kind = need_docs[0 if self.manifest.get("kind_first") else -1]
                of_kind = {d: count for d, count in there.items() if count == 2 or d in kind}
                # The need's documents elsewhere, with the most of its words; when the kind's word
                # is nearly nowhere and never with the other, the place's with the other: "fod
                # bank montreal" ("fod", one record's initials, read as the kind) listed
                # Rimouski's food bank first, every record with "bank" alike.
                fullest = max(needed.values())
                if not of_kind and (len(kind) >= FEW_TOGETHER or fullest == 2 or not there):
                    return Candidates({d for d, count in needed.items() if count == fullest}, partial=True)
                there = of_kind or there
            if there:
                fewest = max(1, max(there.values()) - 1)
                return Candidates({d for d, count in there.items() if count >= fewest}, partial=True)
        return Candidates(best, partial=most < total)

    def having(self, p: Planned, postings: Postings, fields: tuple[str, ...] | None = None) -> set[int]:
        """The documents that have one of a word's terms; a place's word, where they are or in
        their name (PLACE_FIELDS: "Banque alimentaire du Plateau"): "food bank quebec" put
        first a food bank of Brossard whose category's keywords say "Services Québec", and a
        description's "partout au Québec" is no place. `fields`: in those only."""
        if fields is None:
            fields = PLACE_FIELDS if p.place and not is_code(p.word) else None
        return {
            d
            for term_id in p.alternatives
            for field, docs, _ in self.fields_of(postings, term_id)
            if fields is None or field in fields
            for d in docs
        }

    def without_far_guesses(
        self, planned: list[Planned], postings: Postings, found: Candidates
    ) -> tuple[list[Planned], Candidates]:
        """The words searched and their candidates, without the words found only by spelling
        guesses of another first letter (`far_guess`), when they leave fewer than WIDEN_BELOW
        documents and the other words of a need more: "ma fille fait une fugue" read "fille"
        as "ville", and 3 of the 174 organizations having "fugue" were found (the page then
        says the word was not found, as for a word the directory does not have)."""
        guesses = [p for p in planned if not p.place and self.far_guess(p)]
        rest = [p for p in planned if all(p is not guess for guess in guesses)]
        if not guesses or all(p.place for p in rest) or self.reach(found, planned, postings) >= WIDEN_BELOW:
            return planned, found
        other = self.candidates(rest, postings)
        if self.reach(other, rest, postings) > self.reach(found, planned, postings):
            return rest, other
        return planned, found

    def far_guess(self, p: Planned) -> bool:
        """Whether a word is found only by spelling guesses, each of another first letter (FAR_TYPO):
        a first letter is seldom mistyped, and changed it makes another word ("fille" and
        "ville", "tante" and "santé"), where "autistes" is the plural of "autisme"."""
        first = fold(p.word)[:1]
        # A word guessed of its first letter, searched as another's term ("alcoolisme": "toxicomanie").
        if any(w[:1] == first for w in p.near):
            return False
        return bool(p.alternatives) and all(
            boost in GUESSES and not self.terms[t].startswith(first) for t, boost in p.alternatives.items()
        )

    def reach(self, found: Candidates, planned: list[Planned], postings: Postings) -> int:
        """How many documents a search's candidates are (None: all that have its words)."""
        if found.docs is not None:
            return len(found.docs)
        return len(
            {d for p in planned for t in p.alternatives for _, docs, _ in self.fields_of(postings, t) for d in docs}
        )

    def searched(self, query: str, planned: list[Planned]) -> list[Planned]:
        """The words a search looks for: a piece of the query (between spaces) with a word the
        directory does not have at all is left out whole ("j'ai perdu mon emploi" finds by
        "emploi"; "Saint-Eustache" is not "saint"), the page says which; none when that piece
        has a code (`is_code`: a phone number or postal code is in the directory, or it is not)
        and no other word says a need. Of a query of stop words only, the start of a word being
        typed ("Mon", "par")."""
        if planned and all(self.is_stop(fold(word)) for word in words(query)):
            return planned if planned[0].alternatives else []  # a word being typed (plan)
        kept, code_missing = [], False
        for piece, group in self.pieces(query, planned):
            if all(p.alternatives for p in group):
                kept += group
            elif any(is_code(word) for word in words(piece)):
                code_missing = True
        # A number among the words of a need ("loyer 850 $", "banque alimentaire H9X 9Z9") is left
        # out like an unknown word; typed alone, it is in the directory or nothing is found.
        if code_missing and all(is_code(p.word) for p in kept):
            return []
        return kept

    def pieces(self, query: str, planned: list[Planned]) -> list[tuple[str, list[Planned]]]:
        """Each piece of the query (between spaces) with the words `planned` for it."""
        found, at = [], 0
        for piece in query_pieces(query):
            count = sum(not self.is_stop(fold(word)) for word in words(piece))
            found.append((piece, planned[at : at + count]))
            at += count
        return found

    def may_start_place(self, start: str, word: str, last: bool, typed: str | None = None) -> bool:
        """Whether a typed word may stand for a town's name it starts. Not when it is a
        town's whole name that records have ("aide alimentaire laval" listed Lavaltrie's), nor, before the last
        word, when it is less than half of it: a word the directory does not have ("je bois
        trop" listed Boischatel's organizations) rather than a name cut short ("sherb"); nor,
        when `start` is the singular of a word `typed` as a plural, a name (or its first word)
        that this word does not start: "je sors de prison" listed Sorel-Tracy's organizations
        ("sor" of "sors")."""
        if typed is not None and not word.startswith(typed) and self.starts_place_name(word):
            return False
        if word == start or word not in self.places:
            return True
        if start in self.places and start not in self.word_terms:
            return True  # a place no record names, and a town it starts does: "drummond" (its MRC)
        return start not in self.places if last else 2 * len(start) >= len(word)

    def starts_place_name(self, word: str) -> bool:
        """Whether a word is a place's name or the first word of one (of the shards loaded)."""
        return word in self.places or any(key.startswith(word + " ") for key in self.places)

    def with_places(self, query: str, planned: list[Planned]) -> tuple[str, list[tuple[str, str]]]:
        """The query with each other name of a municipality that the directory does not have
        (a town merged into it, a borough: shards.add_places) written as the
        municipality's own: "banque alimentaire Chicoutimi" searches Saguenay, where the
        records have their addresses; and a postal code it does not have, as its area's. A name
        whose words some record has is searched as typed. A place said with a title ("ville de
        Laval", `untitled`) is the place ("ville" is half of Ville-Marie). Also the names
        replaced, as typed, each with what it is searched as."""
        pieces = self.pieces(query, planned)
        typed = [piece for piece, _ in pieces]
        # A word the directory does not have itself (only words it starts, or one typo away:
        # "Cap" of "Capitale-Nationale", "Vanier" of "panier").
        unknown = [not all(EXACT in p.alternatives.values() for p in group) for _, group in pieces]

        def area(at: int) -> str | None:
            """A postal code the directory does not have, searched in its area ("H2X1Y4": "H2X"),
            or where that area's first characters are when it has not the area either
            ("J4W2T5": Montérégie; documents.postal_starts)."""
            group = pieces[at][1]
            if len(group) != 1 or group[0].alternatives:
                return None
            found = area_of(fold(group[0].word))
            if found and found in self.word_terms:
                return found.upper()  # as codes are written
            return self.manifest.get("postal_starts", {}).get(found[:POSTAL_START]) if found else None

        def searched_as(at: int, size: int) -> str:
            said = " ".join(typed[at : at + size])
            key = place_key(said)
            if key in self.instead:  # "val dor": Val-d'Or, whatever its pieces find
                return self.instead[key]
            place = untitled(key, self.place_titles, self.places)
            if place is not None:  # "ville de Laval": Laval, whatever the title's words find
                title = len(key.split()) - len(place.split())
                # Another name of a municipality, after its title: as without one ("ville de
                # Verdun" is Montréal unless a record says Verdun).
                other = any(unknown[at + pieces_of_title(typed[at : at + size], title) : at + size])
                return (
                    self.places.get(key)
                    or (other and self.places[place])
                    or self.instead.get(place)
                    or self.wider.get(place)
                    or after_words(said, title)
                )
            if any(unknown[at : at + size]) and ((size == 1 and area(at)) or self.places.get(key)):
                return (size == 1 and area(at)) or self.places[key]
            return self.wider.get(key)  # a town no record is in: its region ("Sept-Îles": Côte-Nord)

        def is_place(at: int, size: int) -> bool:
            # A longer name searched as typed first: "Quebec City" is not "Quebec" (the city as
            # documents.held_towns says it) and "City".
            return bool(searched_as(at, size)) or place_key(" ".join(typed[at : at + size])) in self.places

        runs = [(start, size) for start, size in place_runs(len(typed), is_place) if searched_as(start, size)]
        if not runs:
            return query, []
        out, replaced, at = [], [], 0
        for start, size in runs:
            name = searched_as(start, size)
            out += [*typed[at:start], name]
            replaced.append((trimmed(" ".join(typed[start : start + size])), name))
            at = start + size
        return " ".join(out + typed[at:]), replaced

    def mark_places(self, query: str, planned: list[Planned]) -> None:
        """Mark the words of the pieces of the query that together are a place's name (the
        word shards' "places": "Trois-Rivières", "quebec city") as places."""
        pieces = self.pieces(query, planned)
        typed = [piece for piece, _ in pieces]
        runs = place_runs(len(typed), lambda at, size: place_key(" ".join(typed[at : at + size])) in self.places)
        numbers: dict[str, int] = {}  # one place typed twice is one place
        for start, size in runs:
            number = numbers.setdefault(place_key(" ".join(typed[start : start + size])), len(numbers) + 1)
            for _, group in pieces[start : start + size]:
                for p in group:
                    p.place = number
        # A town's name of one word, one typo away and found only so ("gatinau"), is the town:
        # "aide juridique gatinau" counted it as a word of the need, at a guess's weight, and
        # listed the province's legal clinics.
        for _, group in pieces:
            town = self.misspelled_place(group[0]) if len(group) == 1 and not group[0].place else None
            if town is not None:
                group[0].place = numbers.setdefault(town, len(numbers) + 1)
        # A number or code besides the words of a need says where too (a postal code, a street
        # number) or is an amount ("loyer 1200 $"): it weighs as a place's name, and is no need.
        for p in planned:
            if not p.place and is_code(p.word):
                p.place = numbers.setdefault(fold(p.word), len(numbers) + 1)

    def misspelled_place(self, p: Planned) -> str | None:
        """The one place of one word (of the shards loaded) a word the directory does not have
        is one typo from, when it is found only by spelling guesses or by that name's own stem
        ("sherbrook", which Snowball makes of "Sherbrooke": searched as a word of the need, it
        listed the province's food banks); else None."""
        folded = fold(p.word)
        if len(folded) < TYPO_MIN_LENGTH or not p.alternatives or folded in self.word_terms:
            return None
        near = [key for key in self.places if " " not in key and one_typo_apart(folded, key)]
        if len(near) != 1:
            return None
        own = self.word_terms.get(near[0])
        return near[0] if all(boost in GUESSES or term_id == own for term_id, boost in p.alternatives.items()) else None

    def search(self, query: str, widen: bool = True) -> list[tuple[int, float]]:
        """(document number, score) of the documents matching every word searched (see
        `searched`), best first; else of those matching the most of them (see `candidates`).
        Words that name a place only choose where, when other words say what (`Planned.place`);
        a town where no organization meets the need is searched as its region (`in_region`)."""
        typed = self.plan(joined_numbers(self.expressed(query)))
        guessed = self.as_guessed(query, typed)
        if guessed is not None:
            return self.search(guessed, widen)
        query = joined_numbers(self.expressed(query))
        said, (query, replaced) = query, self.with_places(query, typed)
        plan = self.plan(query) if replaced else typed
        self.mark_places(query, plan)
        mark_qualifiers(replaced, plan, said)
        planned = self.searched(query, plan)
        # A place alone ("Laval") is what is searched; the documents where it is come first.
        alone = bool(planned) and all(p.place and not is_code(p.word) for p in planned)
        if all(p.place for p in planned):
            for p in planned:
                p.place = 0
        if not planned:
            return []
        ids = {term_id for p in planned for term_id in p.alternatives}
        postings = self.postings(ids)
        # Counted as typed, the words the directory has not too ("père" of "mon père me bat").
        postings.initials = sum(1 for p in plan if not p.place) <= 1 or self.initials_named(planned, postings)
        self.mark_labels(planned, postings)
        # The words a document must have: not a town's region said after it (`mark_qualifiers`),
        # which only puts the town's organizations first ("services quebec" must still find
        # Services Québec in Gatineau).
        qualifiers = [p for p in planned if p.qualifier]
        required = [p for p in planned if not p.qualifier]
        found = self.candidates(required, postings)
        required, found = self.without_far_guesses(required, postings, found)
        wider = self.in_region(query, plan, required, postings, found) if widen else None
        if wider is not None:
            return self.search(wider[0], widen=False)
        scored = [p for p in planned if p.qualifier or any(p is kept for kept in required)]
        docs = found.docs
        if docs is None and qualifiers:  # one word typed: a document has it, not only the region said for it
            docs = set().union(*(self.having(p, postings) for p in required))
        hits = [(doc, round_score(score)) for doc, score in self.rank(scored, postings, docs)]
        # Temporarily closed organizations (numbered from manifest["open"]) after every active
        # one; among each, those whose name has every word first (`named`), then those of the
        # place typed whose name has the need's words (`need_named_there`), then those of the
        # town whose region was said for it (`qualified`), then those that have every word
        # itself (`exact`), then by score.
        open_count = self.manifest.get("open", len(hits) + 10**9)
        # A name in the other language names it too: "Refuge de Laval" typed on the English site
        # put another shelter before the Refuge de Laval, "Homework Help" on the French one.
        named = self.named(required, postings, ("name", "other_names", "initials"))
        qualified = set.intersection(*(self.having(p, postings) for p in qualifiers)) if qualifiers else set()
        # Widened, the few with every word are not put first: most have them here and there.
        exact = set() if found.widened else self.having_every_word(required, postings, [(EXACT,)] * len(required))
        # A temporarily closed one whose whole name was typed is the one looked for: first,
        # where its page says it is closed (typed whole, it came 17th of 18). Not when active
        # ones are named by every word too: "banque alimentaire" typed, a closed "Banque
        # alimentaire" came before every open "Banque alimentaire de ...".
        kind_there = self.named_there(required, postings, open_count)
        active_named = any(doc < open_count for doc in named) or bool(kind_there)
        # Nor when a place typed is searched by another name ("ndg" as Montréal, "H2X1Y4" as
        # H2X, or a town as its region: `widen` off): "ndg food bank" put a closed "Montreal
        # Food Bank" first.
        said_otherwise = renamed(replaced) or not widen
        whole = set() if said_otherwise else self.named_whole(required, named)
        typed_whole = set() if active_named else whole
        # When active ones are named too, it comes right after them, before the rest: the
        # temporarily closed "Comité de citoyens de Montréal" typed whole came 33rd of 34, after
        # every active one with those words anywhere, and a counsellor took it as not listed.
        after_named = {doc for doc in whole if doc >= open_count} if active_named else set()
        named_first = {doc for doc in named | kind_there if doc < open_count}
        need_named = self.need_named_there(required + qualifiers, postings)

        def standing(doc: int) -> int:
            """Where a document stands before its score. With `after_named`: the active ones
            named, the closed one typed whole, the other active ones, the other closed ones.
            Else: the active ones (and a closed one typed whole), then the closed ones."""
            if after_named:
                return 0 if doc in named_first else 1 if doc in after_named else 2 + (doc >= open_count)
            return int(doc >= open_count and doc not in typed_whole)

        # A place alone: "Centre-du-Québec" listed Québec City's "Centre ... de Québec" first,
        # named by its words, before the organizations of the region.
        there = (
            set.intersection(*(self.having(p, postings, WHERE_FIELDS) for p in required))
            if alone and required
            else set()
        )
        return sorted(
            hits,
            key=lambda hit: (
                standing(hit[0]),
                alone and hit[0] not in there,
                hit[0] not in named,
                hit[0] not in need_named,
                bool(qualifiers) and hit[0] not in qualified,
                hit[0] not in exact,
                -hit[1],
                hit[0],
            ),
        )

    def mark_labels(self, planned: list[Planned], postings: Postings) -> None:
        """A whole phone number the directory has is what is searched: the words typed with it
        are its label ("Tél. :", "appeler", "call"), which only put first the documents that
        have them (`qualifier`). "Tél. : 514 555-0123" listed the 200 records that say "tél"
        first, and the 13 with that number from the 142nd."""

        def whole_number(p: Planned) -> bool:
            return p.word.isdigit() and len(p.word) >= NUMBER_DIGITS

        if any(whole_number(p) and self.having(p, postings) for p in planned):
            for p in planned:
                if whole_number(p):
                    p.place = 0  # what is searched, not where (a code besides a need's words is a place)
                else:
                    p.qualifier = True

    def in_region(
        self, query: str, plan: list[Planned], planned: list[Planned], postings: Postings, found: Candidates
    ) -> tuple[str, str, str] | None:
        """When organizations meet the need but none in the one town named with it, (the query
        with the town's region instead, the town as typed, the region): "banque alimentaire
        Gatineau" listed the province's food banks in no order of place, none in Gatineau, where
        those of the Outaouais are the nearest. None otherwise (the need met there, no town
        named or two, a town the regions do not know)."""
        if not found.partial or len({p.place for p in planned if p.place}) != 1:
            return None
        need = [p for p in planned if not p.place]
        if not need:
            return None

        def having(words: list[Planned]) -> set[int]:
            return set.intersection(*(self.having(p, postings) for p in words))

        met = having(need)
        if not met or met & having([p for p in planned if p.place]):
            return None
        pieces = self.pieces(query, plan)
        at = [n for n, (_, group) in enumerate(pieces) if any(p.place for p in group)]
        start, end = self.place_span(pieces, at)
        typed = " ".join(piece for piece, _ in pieces[start:end])
        region = self.regions.get(place_key(typed))
        if region is None and len(at) == 1:
            # A town typed one typo away ("gatneau"), or a postal code or area where none meets
            # the need: where the records' codes that start like it are ("banque alimentaire H2X
            # 1Y4" listed Laval's and Lévis's food banks).
            group = pieces[at[0]][1]
            town = self.misspelled_place(group[0]) if len(group) == 1 else None
            region = self.regions.get(town) if town else None
            region = region or self.manifest.get("postal_starts", {}).get(place_key(typed)[:POSTAL_START])
        if region is None or any(n not in at and pieces[n][1] for n in range(start, end)):
            return None
        widened = [piece for piece, _ in pieces[:start]] + [region] + [piece for piece, _ in pieces[end:]]
        return " ".join(widened), trimmed(typed), region

    def place_span(self, pieces: list[tuple[str, list[Planned]]], at: list[int]) -> tuple[int, int]:
        """The pieces of the query a place's words are in (`at`), with the stop words of its
        name that are among or before them: "La Tuque", "Saint-Jean sur Richelieu" typed
        without hyphens were looked up as "tuque" and in pieces, and the town was dropped."""
        start, end = at[0], at[-1] + 1
        while start > 0 and not pieces[start - 1][1]:
            before = place_key(" ".join(piece for piece, _ in pieces[start - 1 : end]))
            if before not in self.places and before not in self.regions:
                break
            start -= 1
        return start, end

    def initials_named(self, planned: list[Planned], postings: Postings) -> bool:
        """Whether a record has one word searched as the initials made from its names and every
        other in its names: "cje emploi" says the Carrefour jeunesse-emploi, where "mon père me
        bat" is a sentence (no record is named "père")."""
        need = [p for p in planned if not p.place]
        for p in need:
            others = [q for q in need if q is not p]
            initialled = {
                doc
                for term_id in p.alternatives
                for field, docs, _ in self.decoded(postings[term_id])
                if field == "initials"
                for doc in docs
            }
            if others and initialled & self.named(others, postings, ("name", "other_names")):
                return True
        return False

    def named_there(self, planned: list[Planned], postings: Postings, open_count: int) -> set[int]:
        """The active organizations of the place typed named by the need's words, each a word
        of their categories: then a need and a place were typed, not a name ("banque
        alimentaire montréal" put a closed "Banque alimentaire de Montréal" before Montréal's
        open food banks). A name says more than its kind ("Centre de prévention du suicide de
        Laval": "centre" is no category's word) and stays the one looked for."""
        need = [p for p in planned if not p.place]
        places = [p for p in planned if p.place]
        if not need or not places:
            return set()
        # Its name in the other language too: "food bank montreal" typed on the French site.
        named = self.named(need, postings, ("name", "other_names", "initials"))
        kind = self.having_every_word(need, postings, [(EXACT,)] * len(need), ("category",))
        return {doc for doc in named & kind & self.placed(places, postings) if doc < open_count}

    def need_named_there(self, planned: list[Planned], postings: Postings) -> set[int]:
        """The documents of the place typed whose name has every word of the need: after those
        named by every word, before the rest. "volunteer montreal" put the West Island's
        volunteer centres, whose names say their towns, after 300 organizations of Montréal
        whose texts say "volunteers". The place with its region said for it (qualifiers): "refuge
        quebec" is Québec City's, not Drummondville's "Refuge" of Centre-du-Québec."""
        need = [p for p in planned if not p.place]
        places = [p for p in planned if p.place]
        if not need or not places:
            return set()
        return self.named(need, postings, ("name", "other_names", "initials")) & self.placed(places, postings)

    def placed(self, places: list[Planned], postings: Postings) -> set[int]:
        """The documents in each of the places typed (where they are, or in their names)."""
        return set.intersection(*(self.having(p, postings) for p in places))

    def named_whole(self, planned: list[Planned], named: set[int]) -> set[int]:
        """Of the documents whose name has every word searched, those whose own name has no
        other (its terms, stop words left out, are no more than the words searched; its other
        names and glosses, in the name field too, are not counted: index.py)."""
        own_names = self.lengths[len(self.manifest["fields"])]
        return {doc for doc in named if own_names[doc] <= len(planned)}

    def named(self, planned: list[Planned], postings: Postings, fields: tuple[str, ...] = ("name",)) -> set[int]:
        """The documents whose name (or another name) has every word searched. The scores
        weigh a word by how rare it is and a name by how short: "community centre" put a
        "Community Garden" and a "Community Round Table" above the "Community Centre", and a
        counsellor checking a name looks for that one."""
        return self.having_every_word(planned, postings, name_boosts(planned), fields)

    def having_every_word(
        self,
        planned: list[Planned],
        postings: Postings,
        counted: list[tuple[int, ...]],
        fields: tuple[str, ...] | None = None,
    ) -> set[int]:
        """The documents that have each word searched by a term of the kinds `counted` for it
        (EXACT: the word itself; PREFIX: a word it starts), in one of `fields` or in any. A word typed
        whole finds itself before the longer words it starts: "trans" the trans people's
        resources before Transport adapté, "jeu" gambling before youth (jeunesse)."""
        found: set[int] | None = None
        for p, kinds in zip(planned, counted):
            having = {
                doc
                for term_id, boost in p.alternatives.items()
                if boost in kinds
                for name, docs, _ in self.fields_of(postings, term_id)
                if fields is None or name in fields
                for doc in docs
            }
            found = having if found is None else found & having
        return found or set()

    def rows(self, kind: str, docs: list[int]) -> dict[int, dict]:
        """The cards or details (index.py) of these documents."""
        size = self.manifest[f"{kind}_chunk"]
        out = {}
        for chunk in sorted({d // size for d in docs}):
            for k, row in enumerate(self._read(self.manifest[kind][chunk])):
                out[chunk * size + k] = row
        return out

    def records(self, docs: list[int]) -> dict[int, dict]:
        """The whole records of these documents (repertoire/compact.py), a closed one's
        alternatives named and numbered from their cards, as search-engine.js records() gives them."""
        cards, details = self.rows("cards", docs), self.rows("details", docs)
        records = {d: {**cards[d], **details[d]} for d in docs}
        others = {other for record in records.values() for other in record.get("alternatives") or []}
        named = self.rows("cards", sorted(others)) if others else {}
        for record in records.values():
            if "alternatives" in record:
                record["alternatives"] = [alternative(named[other]) for other in record["alternatives"]]
        return records

    def closed_named(self, query: str) -> list[tuple[str, str]]:
        """(id, name) of the organizations no longer active that a query names (closed.py)."""
        numbers = joined_numbers(query)
        plan = self.plan(numbers)
        missing = [p.word for p in plan if not p.alternatives and not p.being_typed]
        # A place's other name searched as its municipality's is not a word a closed one must have.
        missing += [word for typed, _ in self.with_places(numbers, plan)[1] for word in words(typed)]
        return closed_named(query, self._read(self.manifest["closed"]), self.stop_words, missing)


def alternative(card: dict) -> dict:
    """What a closed organization's page shows of another to turn to: its name and number."""
    call = card.get("call")
    return {"id": card["id"], "name": card["name"], **({"number": call["number"], "tel": call["tel"]} if call else {})}


def mark_qualifiers(replaced: list[tuple[str, str]], planned: list[Planned], said: str) -> None:
    """Mark the words of a place that were not typed but added to the words typed, which the
    name searched holds all of: a town's region or kind, said for a town's name that other
    places' names hold (documents.held_towns: "quebec" searched as "Québec (Capitale-Nationale)",
    "Quebec City"). They choose which of the documents having the words typed come first; a
    document need not have them ("services quebec" is Services Québec of Gatineau), nor a
    name typed whole ("Centre d'éducation populaire de Québec"). A word the query `said` itself
    is needed as typed ("famille Québec (Capitale-Nationale)")."""
    added: set[str] = set()
    for typed, name in replaced:
        typed_words, name_words = _folded_words(typed), _folded_words(name)
        if typed_words <= name_words:
            added |= name_words - typed_words
    added -= _folded_words(said)
    for p in planned:
        if p.place and fold(p.word) in added:
            p.qualifier = True


def _folded_words(text: str) -> set[str]:
    return {fold(word) for word in words(text)}


def renamed(replaced: list[tuple[str, str]]) -> bool:
    """Whether a place typed was searched by another name (with_places), not the same name
    written otherwise ("troisrivieres", "st-jerome") or with words added to tell it from others
    ("Québec (Capitale-Nationale)", `mark_qualifiers`)."""

    def compact(name: str) -> str:
        return place_key(name).replace(" ", "")

    return any(
        compact(typed) != compact(name) and not _folded_words(typed) <= _folded_words(name) for typed, name in replaced
    )
