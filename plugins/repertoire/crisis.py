"""The crisis lines of the territory (content/crisis-lines.yaml), and which words call for them.

No Pelican here. A search that has the words of one of a line's phrases one after the other,
in either language, shows that line first; so does the page of each of its categories.
Words are compared after key_words(): the search's own words and folding (folding.py:
lower case, no accents or ligatures), a final s or x dropped (the plural of most French and
English words); a long word also matches with one typing slip (SLIP_FROM), and an elided
word typed without its apostrophe with the next one ("jai été violée", "il ma frappée"); a
count of ten or more in a phrase stands for any such count, in figures or words, with a few
small words around it ("took 10 pills" says "took like 30 of my pills": COUNT).
theme/static/js/crisis.js does the same in the browser (tests/test_crisis.py runs one table
through both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .folding import fold, words
from .problems import FileProblem, ProblemsFound, unknown_fields
from .records import HTML_TAG, HTML_TAG_MESSAGE
from .shapes import describe
from .stop_words import common_words
from .taxonomy import Taxonomy
from .yamlfile import YAMLFileError, dotted, line_of, load

FILE_NAME = "crisis-lines.yaml"


class CrisisLinesInvalid(ProblemsFound):
    what = "the crisis lines"


@dataclass(frozen=True)
class CrisisLine:
    """One line: its name and hours per language, the number to dial, and what calls for it."""

    id: str
    name: dict
    number: str
    tel: str
    hours: dict
    phrases: tuple[tuple[str, ...], ...]  # key words of each phrase, all languages together
    categories: tuple[str, ...]
    when_nothing_found: bool = False  # also offered, with the 211, when a search finds nothing
    # Phrases whose words never call for the line ("crise du logement" is not a crisis to call
    # 9-8-8 for; "hébergement d'urgence" is not 9-1-1's).
    unless: tuple[tuple[str, ...], ...] = ()
    # The number as each language writes it ("1-800-463-5060" in English); a short code as the
    # file writes it ("9-8-8", as it is said). Pages and printouts show this, not `number`.
    shown: dict = field(default_factory=dict)


def key_words(text: str) -> list[str]:
    """The words of a text as crisis phrases are compared: 'Idées suicidaires' -> ['idee', 'suicidaire'];
    an age left out ("ma fille de 15 ans est pas rentrée" says "ma fille est pas rentrée": the
    age said who, and the line was not shown)."""
    keys = [w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in map(fold, words(text))]
    kept, i = [], 0
    while i < len(keys):
        if keys[i] == "de" and i + 2 < len(keys) and keys[i + 1].isdigit() and keys[i + 2] in ("an", "ans"):
            i += 3
            continue
        kept.append(keys[i])
        i += 1
    return kept


# A phrase's word of at least this many letters is also said by a word typed with one slip:
# "sucide" and "suicde" are typed in distress, and the search they go to forgives them too.
# A slip is a letter left out or added, or two neighbours swapped, never a letter changed:
# words one changed letter apart are often both words ("insured" and "injured", "danser" and
# "danger"), and the box would call 9-1-1 for them. Shorter words would meet other words, and
# the first letter is never the slip.
SLIP_FROM = 6
# A shorter word of three letters or more, in a phrase of several words, is said with one of
# its letters typed twice, or a doubled one typed once: "i want to kil myself" and "he wil kil
# me" called for no line (a search probe's). Not a phrase of one word, whose slip is often
# another word ("teen" and "ten", "crise" and "crisse", "accro" and "acro"), nor a number
# ("911" and "91 ans": a review's).
DOUBLED_FROM = 3


def one_slip(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one letter left out or added, or two neighbours swapped,
    the first letter being right."""
    if typed == word or typed[:1] != word[:1] or abs(len(typed) - len(word)) > 1:
        return False
    i = 0
    while i < len(typed) and i < len(word) and typed[i] == word[i]:
        i += 1
    if len(typed) == len(word):
        return typed[i : i + 2] == word[i : i + 2][::-1] and typed[i + 2 :] == word[i + 2 :]
    short, long = (typed, word) if len(typed) < len(word) else (word, typed)
    return short[i:] == long[i + 1 :]


def doubled_slip(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one letter typed twice, or with a doubled letter typed once."""
    if abs(len(typed) - len(word)) != 1:
        return False
    short, long = (typed, word) if len(typed) < len(word) else (word, typed)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    # long[i] is the letter too many: the same as one beside it.
    return short[i:] == long[i + 1 :] and long[i] in (long[i - 1 : i] + long[i + 1 : i + 2])


# A count in a phrase of several words ("took 10 pills", "pris 10 comprimés") stands for any
# count from ten up: "i took 30 pills" said no line, its number between the words. Fewer is a
# dose ("took 2 tylenol"), not an overdose. Written so that no typed word is it.
COUNT = "10+"
COUNT_FROM = 10
COUNT_DIGITS = 6  # longer is no count of pills or anything else one takes


# A count said in words, as key words: "a dozen pills", "une trentaine de comprimés". Not "all",
# "tous", "a bottle", "une boîte": "took all my meds today", "a pris une boîte de tylenol"
# (bought) are ordinary; the lines' own phrases say "all my pills", "a bottle of pills".
COUNT_WORDS = frozenset(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty"
    " forty fifty sixty seventy eighty ninety hundred dozen handful dix onze douze treize quatorze"
    " quinze seize vingt trente quarante cinquante soixante cent dizaine douzaine quinzaine"
    " vingtaine trentaine quarantaine cinquantaine centaine poignee".split()
)
# Small words a count comes with, before it or after it ("took like 30 pills", "took 30 of my
# pills", "pris environ 20 de mes comprimés", "twenty five"): up to AROUND_COUNT of them.
NEAR_COUNT = frozenset(
    "like about around over almost nearly maybe at least more than a an the of my his her their"
    " these those whole or and one two three four five six seven eight nine environ genre comme"
    " presque au moin plu pre de des du un une la le les mes ses ma mon sa son leur ce ces ou et"
    " deux troi quatre cinq six sept huit neuf".split()
)
AROUND_COUNT = 3


def counts_for_the_browser() -> dict[str, str]:
    """COUNT_WORDS and NEAR_COUNT as the search page's crisis box gives them to crisis.js."""
    return {"words": " ".join(sorted(COUNT_WORDS)), "near": " ".join(sorted(NEAR_COUNT))}


def phrase_key_words(text: str) -> tuple[str, ...]:
    """A phrase's key words, a count among them written COUNT (see above)."""
    keys = key_words(text)
    if len(keys) < 2:
        return tuple(keys)  # "911", "988": a number called, not a count
    return tuple(COUNT if _is_number_count(key) else key for key in keys)


def _is_number_count(word: str) -> bool:
    return word.isascii() and word.isdigit() and len(word) <= COUNT_DIGITS and int(word) >= COUNT_FROM


def _is_count(typed: str) -> bool:
    """Whether a typed key word is a count a phrase's COUNT stands for: a number, or in words."""
    return typed in COUNT_WORDS or _is_number_count(typed)


def says(typed: str, word: str, among: int = 1) -> bool:
    """Whether a typed key word says a phrase's word, the phrase being of `among` words (see
    SLIP_FROM, DOUBLED_FROM and COUNT)."""
    if word == COUNT:
        return _is_count(typed)
    if typed == word:
        return True
    if len(word) >= SLIP_FROM and one_slip(typed, word):
        return True
    number = word.isascii() and word.isdigit()
    return among > 1 and len(word) >= DOUBLED_FROM and not number and doubled_slip(typed, word)


def _said_at(typed: list[str], phrase: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where in a query's key words the phrase's words are, one after the other: (first, how
    many typed words say them)."""
    found = []
    for start in range(len(typed)):
        end = _end_of(typed, start, phrase, 0)
        if end is not None and phrase:
            found.append((start, end - start))
    return found


def _end_of(typed: list[str], at: int, phrase: tuple[str, ...], word: int) -> int | None:
    """Where the typed words from `at` stop saying the phrase's words from `word` on (None:
    they do not). An elided word typed without its apostrophe ("jai", "ma frappée", "jen
    peux plus": a phone's keyboard, or haste) says it and the next word together."""
    if word == len(phrase):
        return at
    if at == len(typed):
        return None
    if phrase[word] == COUNT:
        return _end_of_count(typed, at, phrase, word)
    if says(typed[at], phrase[word], len(phrase)):
        end = _end_of(typed, at + 1, phrase, word + 1)
        if end is not None:
            return end
    joined = phrase[word] + phrase[word + 1] if len(phrase[word]) == 1 and word + 1 < len(phrase) else None
    if joined and says(typed[at], joined, len(phrase)):
        return _end_of(typed, at + 1, phrase, word + 2)
    return None


def _end_of_count(typed: list[str], at: int, phrase: tuple[str, ...], word: int) -> int | None:
    """_end_of() at a phrase's COUNT: a count, with a few small words before it and after it
    (NEAR_COUNT); the words after it may be counts too ("30 or 40", "twenty five")."""
    before = at
    while at < len(typed) and at - before < AROUND_COUNT and not _is_count(typed[at]) and typed[at] in NEAR_COUNT:
        at += 1
    if at == len(typed) or not _is_count(typed[at]):
        return None
    at += 1
    for _ in range(AROUND_COUNT + 1):
        end = _end_of(typed, at, phrase, word + 1)
        if end is not None:
            return end
        if at == len(typed) or not (typed[at] in NEAR_COUNT or _is_count(typed[at])):
            return None
        at += 1
    return None


def says_phrase(typed: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether a query's key words have the phrase's words one after the other: "il me bat",
    not "je me bats pour mon fils"; "end it all", not "end my lease, can I end it early"."""
    return bool(phrase) and bool(_said_at(typed, phrase))


def without(typed: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[str]:
    """A query's key words, those said as part of one of some phrases blanked: "je suis en crise
    à cause de la crise du logement" still says "crise" once."""
    kept = list(typed)
    for phrase in phrases:
        for i, size in _said_at(typed, phrase):
            kept[i : i + size] = [""] * size
    return kept


def matching(lines: list[CrisisLine], query: str) -> list[CrisisLine]:
    """The lines one of whose phrases the query says (but not within one of its `unless`
    phrases), in the file's order."""
    typed = key_words(query)
    found = []
    for line in lines:
        said = without(typed, line.unless)
        if any(says_phrase(said, phrase) for phrase in line.phrases):
            found.append(line)
    return found


# A line's fields: one misspelled ("exept_in", "catgories") was read as nothing, and the line
# came where its exceptions said not, or left the pages its categories named.
FIELDS = ("id", "name", "number", "hours", "words", "except_in", "categories", "when_nothing_found")


def load_crisis_lines(content: Path, taxonomy: Taxonomy, languages: list[str]) -> list[CrisisLine]:
    """The lines of content/crisis-lines.yaml (none when the file is absent); CrisisLinesInvalid
    names every problem by line and field. A phrase that is one word nearly every search has
    (stop_words.py) is refused: "de" among the emergency line's words showed 9-1-1 over
    "paniers de Noël" (a helper's probe, stop 80). Several say something one after the other
    ("in trouble", "what do i do")."""
    common = common_words(languages)
    path = Path(content) / FILE_NAME
    if not path.exists():
        # Saved under a name near it ("crisis-lines.yml", "Crisis-Lines.yaml"): no line was
        # shown, without a word (a hostile-input probe's, stop 81).
        near = [
            other
            for other in sorted(Path(content).iterdir())
            if other.stem.lower().replace("_", "-") == path.stem and other.suffix.lower() in (".yaml", ".yml")
        ]
        if near:
            said = f"not read: the crisis lines are read from {FILE_NAME}: rename it"
            raise CrisisLinesInvalid([FileProblem(str(other), 1, "(file)", said) for other in near])
        return []
    try:
        data, lines = load(path)
    except YAMLFileError as exc:
        raise CrisisLinesInvalid([FileProblem(str(path), exc.line, exc.field, exc.message)]) from None
    problems, found = [], []

    def problem(where: tuple, message: str) -> None:
        problems.append(FileProblem(str(path), line_of(lines, where), dotted(where), message))

    if not isinstance(data, list):
        problem((), "expected a list of crisis lines (- id: ..., name: ..., number: ...)")
        raise CrisisLinesInvalid(problems)
    ids: set[str] = set()
    for i, entry in enumerate(data):
        at = (i,)
        if not isinstance(entry, dict):
            problem(at, "expected a mapping (id, name, number, hours, words, categories)")
            continue
        for key, message in unknown_fields(entry, FIELDS):
            problem(at + (key,), message)
        if isinstance(entry.get("id"), str):
            if entry["id"] in ids:
                problem(at + ("id",), f"the id '{entry['id']}' is another line's: each line has its own")
            ids.add(entry["id"])
        texts = {}
        for key in ("name", "hours"):
            value = entry.get(key)
            if not (
                isinstance(value, dict)
                and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in languages)
            ):
                problem(at + (key,), f"expected a text in each language ({', '.join(languages)})")
            else:
                # Escaped, a tag shows as it is typed: "<img src=x ...>Urgence" to a person in crisis.
                for lang, text in value.items():
                    if isinstance(text, str) and HTML_TAG.search(text):
                        problem(at + (key, lang), HTML_TAG_MESSAGE)
            texts[key] = value
        number = entry.get("number")
        parsed = taxonomy.conventions.phones.parse(number) if isinstance(number, str) else None
        if parsed is None and isinstance(number, int) and not isinstance(number, bool):
            problem(at + ("number",), f'YAML reads {number} as a number: write it in quotes ("1 800 463-5060")')
        elif parsed is None:
            problem(at + ("number",), f"{number!r} is not a phone number (e.g. 9-8-8 or 1 866 277-3553)")
        said = entry.get("words")
        if not _phrases_in_each(said, languages):
            problem(at + ("words",), f"expected a list of words or phrases in each language ({', '.join(languages)})")
            said = {}
        for lang, phrases in said.items():
            for j, phrase in enumerate(phrases):
                typed = words(phrase)
                if lang in common and len(typed) == 1 and fold(typed[0]) in common[lang]:
                    problem(
                        at + ("words", lang, j),
                        f"{phrase!r}: a word nearly every search has; the line would show for them all (write the "
                        "words that say the need)",
                    )
        unless = entry.get("except_in") or {}
        if not _phrases_in_each(unless, [lang for lang in languages if lang in unless]):
            problem(at + ("except_in",), "expected, for some languages, a list of phrases (fr: [...], en: [...])")
            unless = {}
        categories = entry.get("categories") or []
        if not isinstance(categories, list):
            problem(at + ("categories",), "expected a list of category slugs")
            categories = []
        for j, slug in enumerate(categories):
            if not isinstance(slug, str):
                problem(at + ("categories", j), f"expected a category slug, found {describe(slug)}")
            elif slug not in taxonomy.categories:
                problem(at + ("categories", j), f"unknown category '{slug}'; see content/categories.yaml")
        fallback = entry.get("when_nothing_found", False)
        if not isinstance(fallback, bool):
            problem(at + ("when_nothing_found",), "expected true or false")
        if not isinstance(entry.get("id"), str):
            problem(at + ("id",), "expected an id (lowercase words joined by hyphens)")
        if parsed is not None and isinstance(entry.get("id"), str):
            phrases = tuple(phrase_key_words(w) for ws in said.values() for w in ws)
            exceptions = tuple(phrase_key_words(w) for ws in unless.values() for w in ws)
            found.append(
                CrisisLine(
                    entry["id"],
                    texts["name"],
                    number,
                    taxonomy.conventions.phones.tel(parsed),
                    texts["hours"],
                    phrases,
                    tuple(categories),
                    fallback is True,
                    exceptions,
                    {
                        lang: number if parsed.short else taxonomy.conventions.phones.display(parsed, lang)
                        for lang in languages
                    },
                )
            )
    if problems:
        raise CrisisLinesInvalid(problems)
    return found


def _phrases_in_each(value, languages: list[str]) -> bool:
    """Whether a value is, for each of these languages, a list of texts with words."""
    return (
        isinstance(value, dict)
        and all(isinstance(value.get(lang), list) for lang in languages)
        and all(isinstance(ws, list) and all(isinstance(w, str) and key_words(w) for w in ws) for ws in value.values())
    )
