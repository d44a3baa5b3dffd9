"""What search reads of an organization, per language: weighted text fields and result data."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

from repertoire.folding import ascii_words, fold
from repertoire.languages import LANGUAGES
from repertoire.records import Organization, text
from repertoire.stop_words import query_stop_words
from repertoire.taxonomy import Taxonomy
from repertoire.wording import language_name_in

from .analysis import stop_words, term

# Field -> boost. Names weigh most; the long description least.
FIELDS = {
    "name": 10,  # name, alternate names
    # The names in the other languages ("Head & Hands" on the French site): found, but after
    # the names people read on the page (a word they start would otherwise count twice).
    "other_names": 1,
    # The initials made from its names ("acef"): a field of their own, read only when typed
    # alone (query.py), as "mal", "bat" or "sac" in a sentence are words.
    "initials": 1,
    "keywords": 4,  # the record's keywords
    "service": 3,  # service names
    "category": 2,  # its categories' names and keywords
    "place": 2,  # cities, regions and territories served
    # The names of its areas (taxonomy.Area: "Rive-Sud"), a field of their own: in the place
    # field they lengthened it, and a West Island shelter came after a clinic "de Montréal"
    # for "shelter montreal".
    "area": 2,
    "description": 1,  # the organization's and its services' descriptions
    "contact": 1,  # postal codes and phone numbers, as people type them
    # The languages it serves in, by name, but the site's own (almost every organization speaks
    # them): "services en arabe", "help in spanish" dropped the language and listed homework help.
    "spoken": 2,
}


def category_words(category, lang: str) -> str:
    """A category's name and search words in `lang`, then in the other languages: on the French
    site, "food bank" or "homeless" typed by someone who reads English found nothing. The
    field is shared by the category's documents (postings.GROUPED_FIELD): it costs no more
    for 10,000 records than for one."""
    words = [category.name[lang], *_keywords(category.keywords, lang)]
    for other, name in category.name.items():
        if other != lang:
            said = [name, *(category.keywords.get(other) or [] if isinstance(category.keywords, dict) else [])]
            words += [word for word in said if word not in words]
    return " ".join(words)


def place_key(text: str) -> str:
    """A place's name as search compares it: ASCII words, anything but a letter or digit
    between two ("Saguenay–Lac-Saint-Jean", "L’Île-des-Sœurs" typed on a phone), "St"/"Ste"
    as "saint"/"sainte" ("St-Hubert" is Saint-Hubert). search-engine.js placeKey."""
    spaced = "".join(c if c.isalnum() else " " for c in unicodedata.normalize("NFC", text))
    return " ".join(SAINTS.get(word, word) for word in ascii_words(spaced).split())


SAINTS = {"st": "saint", "ste": "sainte"}
# "St-Jérôme", "Ste-Agathe": how people write the "Saint-" and "Sainte-" of place names.
_SAINT = re.compile(r"\b(saint|sainte)\b", re.IGNORECASE)
SHORT_SAINTS = {"saint": "St", "sainte": "Ste"}


def short_saints(places: list[str]) -> list[str]:
    """The short forms of the saints' names in these places, each once."""
    return list(dict.fromkeys(SHORT_SAINTS[m.group(1).lower()] for place in places for m in _SAINT.finditer(place)))


def _texts(values, lang: str) -> str:
    return " ".join(text(v, lang)[0] for v in values if v)


def _other_languages(values, lang: str) -> str:
    """Texts as the languages other than `lang` write them, where they differ: an organization
    is searched by the name people know ("Head & Hands" on the French site)."""
    shown = {text(v, lang)[0] for v in values if v}
    others = [other for v in values if isinstance(v, dict) for other in v.values() if isinstance(other, str)]
    return " ".join(dict.fromkeys(other for other in others if other and other not in shown))


# What the names of organizations say of their kind, in French and in English: a name written
# in one language only is also found by the other's words ("food bank laval" on the English
# site put "Banque alimentaire de Laval" fourth, behind a shelter named "Laval").
NAME_GLOSSARY = [
    ("banque alimentaire", "food bank"),
    ("comptoir alimentaire", "food pantry"),
    ("dépannage alimentaire", "emergency food"),
    ("cuisine collective", "community kitchen"),
    ("cuisines collectives", "community kitchens"),
    ("soupe populaire", "soup kitchen"),
    ("popote roulante", "meals on wheels"),
    ("frigo solidaire", "community fridge"),
    ("frigo communautaire", "community fridge"),
    ("jardin communautaire", "community garden"),
    ("jardin collectif", "community garden"),
    ("friperie", "thrift store"),
    ("comptoir vestimentaire", "clothing bank"),
    ("maison d'hébergement pour femmes", "women's shelter"),
    ("maison d'hébergement pour hommes", "men's shelter"),
    ("maison d'hébergement", "shelter"),
    ("refuge", "shelter"),
    ("halte-chaleur", "warming centre"),
    ("centre de jour", "day centre"),
    ("maison des jeunes", "youth centre"),
    ("maison de la famille", "family centre"),
    ("aide aux devoirs", "homework help"),
    ("centre d'action bénévole", "volunteer centre"),
    ("centre d'amitié autochtone", "native friendship centre"),
    ("coopérative d'habitation", "housing co-operative"),
    ("association des locataires", "tenants association"),
    ("clinique juridique", "legal clinic"),
    ("clinique d'impôts", "tax clinic"),
    ("centre de femmes", "women's centre"),
    ("ligne d'écoute", "helpline"),
    ("centre d'écoute", "listening centre"),
    ("proches aidants", "caregivers"),
    ("club de l'âge d'or", "seniors club"),
    ("centre de jour pour aînés", "seniors day centre"),
    ("service d'aide à domicile", "home care service"),
    ("carrefour jeunesse-emploi", "youth employment centre"),
    ("service d'aide à l'emploi", "employment service"),
    ("centre d'éducation populaire", "popular education centre"),
    ("centre d'alphabétisation", "literacy centre"),
    ("halte-garderie", "drop-in daycare"),
    ("travail de rue", "street outreach"),
]


@lru_cache(maxsize=2)
def _glossary(lang: str) -> tuple[re.Pattern, dict[str, str]]:
    """The kinds of the other language as a pattern over ascii_words, and each one's words in
    `lang`."""
    pairs = [(en, fr) for fr, en in NAME_GLOSSARY] if lang == "fr" else NAME_GLOSSARY
    said = {ascii_words(other): words for other, words in pairs}
    # Longest first: "centre de jour pour aines" before "centre de jour".
    kinds = sorted(said, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, kinds)) + r")\b"), said


def _glossed(values, lang: str) -> str:
    """The kinds that names written in another language say, in `lang`'s words (NAME_GLOSSARY):
    "food bank" for "Banque alimentaire de Laval" on the English site. A name the same in both
    languages (a plain text) is glossed from the other one, which it may be written in."""
    pattern, said = _glossary(lang)
    found = []
    for value in values:
        if not value or (isinstance(value, dict) and value.get(lang)):
            continue  # written in this language
        found += [said[kind] for kind in pattern.findall(ascii_words(text(value, lang)[0]))]
    return " ".join(dict.fromkeys(found))


# Words a name's initials skip, in either language: "Centre d'aide et de lutte contre les
# agressions à caractère sexuel" is the CALACS, "Société de l'assurance automobile du Québec"
# the SAAQ.
_NOT_INITIALLED = frozenset(
    "a à au aux avec contre d de des du en et l la le les ou par pour sur and for in of on or the to".split()
)
_NAME_WORD = re.compile(r"[^\W\d_]+")
_NAME_AND_PLACE = re.compile(r"\s[–—-]\s")
_PLACE_AFTER = frozenset(("de", "du", "des", "d", "of"))
INITIALS_LETTERS = (3, 8)  # shorter is too often a word, longer no one types


def _named(words: list[str]) -> bool:
    """Whether words start with a name (a capital letter), after an article: "l'Estrie"."""
    after = [word for word in words[:2] if word.lower() not in ("l", "la", "le", "les", "the")]
    return bool(after) and after[0][:1].isupper()


_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9][A-Z0-9.&]{1,9}")


def _acronym(value, lang: str) -> str:
    """Another name as its initials are searched, when it is written as initials ("CAVAC",
    "A.C.E.F.": "cavac", "acef"), else ""."""
    written = text(value, lang)[0] if value else ""
    return fold(written.replace(".", "").replace("&", "")).lower() if _ACRONYM.fullmatch(written or "") else ""


def initials(values, lang: str) -> str:
    """The initials organizations are known by, from their names: "ACEF" for "Association
    coopérative d'économie familiale de l'Estrie", whole and without the place after its last
    "de" ("CJE" for "Carrefour jeunesse-emploi de Saguenay"). "ACEF" and "SAAQ" found nothing,
    "CJE" only the records whose other name was written with it: counsellors type them."""
    found = []
    for value in values:
        if not value:
            continue
        for made in _initials_made(text(value, lang)[0]):
            # As long searched as written: "cvs" (Clinique de vaccination La Source) was searched
            # as "cv", the clinic listed first for "CV".
            if INITIALS_LETTERS[0] <= len(term(made, lang) or ""):
                found.append(made)
    return " ".join(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def _initials_made(name: str) -> tuple[str, ...]:
    """The initials a name may be known by, as long as they are searched (INITIALS_LETTERS),
    before their term is: both languages' initials read a name the same in both (a third of
    them), and the stemmer need not read the others."""
    # What follows a dash between spaces is a place or a branch ("Le Tournesol –
    # Saint-Apollinaire" made "TSA", which a counsellor types for autism).
    words = _NAME_WORD.findall(_NAME_AND_PLACE.split(name)[0])
    kept = [word for word in words if word.lower() not in _NOT_INITIALLED]
    # The name without its place: the words before the last "de X" ("de l'X"), X written as a name.
    cut = max(
        (n for n in range(len(words) - 1) if words[n].lower() in _PLACE_AFTER and _named(words[n + 1 :])),
        default=None,
    )
    core = [word for word in words[:cut] if word.lower() not in _NOT_INITIALLED] if cut else kept
    made = []
    for part in (kept, core) if core != kept else (kept,):
        letters = fold("".join(word[0] for word in part)).lower()
        if INITIALS_LETTERS[0] <= len(letters) <= INITIALS_LETTERS[1] and len(part) == len(letters):
            made.append(letters)
    return tuple(made)


def _keywords(value, lang: str) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    return value.get(lang) or value.get("fr") or value.get("en") or []


_DIGIT_RUNS = re.compile("[0-9]+")  # the groups of a phone number as displayed


def contact_words(data: dict, conventions, shared: dict | None = None) -> str:
    """Postal codes and phone numbers as a search finds them: "H2X 1Y4" by its two halves and
    as one word (its first half finds the area by prefix), a number by its groups
    ("514 555-0123", with "+1" or "1" before it), its digits ("5145550123", "15145550123":
    a search joins the groups of a number typed) and its last two groups joined, as a number
    is noted without its area code ("5550123"), whatever the territory's formats. `shared`:
    each number's words, kept by the caller (search_fields)."""
    shared = {} if shared is None else shared
    found = []
    for location in data.get("locations") or []:
        code = (location.get("address") or {}).get("postal_code")
        if code:
            found += [code, "".join(code.split())]
    owners = [data, *(data.get("locations") or []), *(data.get("services") or [])]
    for phone in (phone for owner in owners for phone in owner.get("phones") or []):
        number, kind = phone["number"], phone.get("type", "voice")
        # A third of the numbers at 10,000 records are distinct: the rest are read once.
        found += _once(shared, ("phone", number, kind), lambda: _number_words(number, kind, conventions.phones))
    return " ".join(dict.fromkeys(found))


def _number_words(number: str, kind: str, phones) -> list[str]:
    """The words of one phone number of `kind` (contact_words)."""
    parsed = phones.parse(number, kind)
    if parsed is None:
        return []
    shown = phones.display(parsed, "fr", extension=False, option=False)
    found = [shown, parsed.digits]
    groups = _DIGIT_RUNS.findall(shown)
    if len(groups) > 2:
        found.append("".join(groups[-2:]))
    # "+1 514 555 0123", "1 514 555 0123": the country code and trunk prefix typed too,
    # apart or joined to the number (query.py joined_numbers).
    for before in (phones.country_code, phones.trunk_prefix):
        found += [before, before + parsed.digits] if before and not parsed.short else [before]
    return found


def search_fields(org: Organization, taxonomy: Taxonomy, lang: str, shared: dict | None = None) -> dict[str, str]:
    """The text of each search field of one organization, in one language (French where missing).
    `shared`: the texts that records share, by what they are made of, kept by the caller for
    the taxonomy and language (at 10,000 records, 1,000 texts of categories and 1,200 of
    places: made for each record, they were a quarter of the time of this)."""
    shared = {} if shared is None else shared
    data = org.data
    services = data.get("services") or []
    # Another name written in capitals ("BAR", "CAVAC") is searched as the initials made from
    # the names are: "je me suis fait droguer dans un bar" listed the Banque alimentaire de
    # Rimouski (also known as "BAR") first, as a name.
    acronyms = [name for name in data.get("alternate_names") or [] if _acronym(name, lang)]
    names = [data.get("name")] + [name for name in data.get("alternate_names") or [] if name not in acronyms]
    places = [loc.get("address", {}).get("city", "") for loc in data.get("locations") or []]
    places += [
        taxonomy.territories[slug].name[lang]
        for slug in (data.get("service_area") or [])
        if slug in taxonomy.territories
    ]
    places += [
        taxonomy.territories[slug].name[lang]
        for slug in org.regions + org.municipalities
        if slug in taxonomy.territories
    ]
    # Every name of its areas, in both languages: "South Shore" is said on the French site too.
    areas = dict.fromkeys(name for area in taxonomy.areas_of(data, org.municipalities) for name in area.names())
    other_codes = [code for code in LANGUAGES if code != lang]
    return {
        "name": " ".join(filter(None, [_texts(names, lang), _glossed(names, lang)])),
        "other_names": _other_languages(names, lang),
        # The initials of its names in every language: a counsellor on the English site types
        # the French ones ("acef laval" missed the ACEF whose English name is "Laval Family
        # Budget Cooperative": a search probe's, stop 81).
        "initials": " ".join(
            dict.fromkeys(
                " ".join(
                    [*(initials(names, code) for code in (lang, *other_codes)), *(_acronym(n, lang) for n in acronyms)]
                ).split()
            )
        ),
        "keywords": " ".join(_keywords(data.get("keywords"), lang)),
        "service": _texts([s.get("name") for s in services], lang),
        "category": _once(
            shared,
            ("category", *org.categories),
            lambda: " ".join(category_words(taxonomy.categories[slug], lang) for slug in org.categories),
        ),
        "place": _once(
            shared,
            ("place", *places),
            lambda: " ".join(_distinct_places([*(p for p in places if p), *short_saints(places)], lang)),
        ),
        "area": " ".join(areas),
        "description": _texts([data.get("description")] + [s.get("description") for s in services], lang),
        "contact": contact_words(data, taxonomy.conventions, shared),
        "spoken": spoken_words(data, taxonomy),
    }


def _once(shared: dict, key: tuple, make):
    """`make()`, made once for `key` in `shared`."""
    if key not in shared:
        shared[key] = make()
    return shared[key]


def spoken_words(data: dict, taxonomy: Taxonomy) -> str:
    """The names, in every language of the site, of the languages an organization and its
    services are offered in, other than the site's own: "arabe arabic espagnol spanish"."""
    codes = dict.fromkeys(
        code
        for owner in [data, *(data.get("services") or [])]
        for code in owner.get("languages") or []
        if code not in LANGUAGES
    )
    locales = tuple(taxonomy.conventions.locale(lang) for lang in LANGUAGES)
    return " ".join(_language_names(code, locales) for code in codes)


@lru_cache(maxsize=512)
def _language_names(code: str, locales: tuple[str, ...]) -> str:
    return " ".join(dict.fromkeys(language_name_in(code, locale) for locale in locales))


def other_place_names(taxonomy: Taxonomy, lang: str) -> dict[str, str]:
    """The other names of municipalities (a town merged into it, a borough), as search reads
    them (place_key), each with what is searched for it: its municipality's name, "chicoutimi"
    -> "Saguenay". People search by the name they live under, and records give the
    municipality's. A name that is also a territory's own, or that two municipalities give,
    is left out."""
    own = {place_key(name) for territory in taxonomy.territories.values() for name in territory.name.values()}
    searched_name = searched_names(taxonomy, lang)
    found: dict[str, str] = {}
    twice: set[str] = set()
    for territory in taxonomy.territories.values():
        for other in (spelling for name in territory.also for spelling in spellings(name)):
            key = place_key(other)
            if not key or key in own:
                continue
            searched = searched_name(territory)
            if found.get(key, searched) != searched:
                twice.add(key)
            found[key] = searched
    return {key: name for key, name in sorted(found.items()) if key not in twice}


# "L'Île-des-Sœurs" is "Île-des-Sœurs" to most, "La Petite-Patrie" "Petite-Patrie".
_ARTICLE = re.compile(r"^(?:l['’]\s*|(?:la|le|les)[\s-]+)(?=\w+[-‐‑–][\w])", re.IGNORECASE)


def spellings(name: str) -> list[str]:
    """An other name of a municipality as people write it: also without its article when the
    rest is a compound name of its own ("Île-des-Sœurs"; not "Baie" for "La Baie")."""
    bare = _ARTICLE.sub("", name)
    return [name] if bare == name else [name, bare]


def searched_names(taxonomy: Taxonomy, lang: str):
    """What gives a municipality's name as search looks for it: with its region's in brackets
    when the name is part of another place's outside that region, "Québec (Capitale-Nationale)"
    (the words of "Québec" are the province's, Centre-du-Québec's, Services Québec's)."""
    held = held_elsewhere(taxonomy, lang)

    def searched_name(town) -> str:
        name, region = town.name[lang], taxonomy.territories.get(town.region)
        if region is None or not held(name, town.region):
            return name
        return f"{name} ({region.name[lang]})"

    return searched_name


def held_elsewhere(taxonomy: Taxonomy, lang: str):
    """What says whether a name's words are part of another place's name outside a region, or
    of the whole territory's ("Québec" of "Centre-du-Québec"); `whole_only`, whether they are
    all of another place's ("Matapédia", "La Matapédia"; not the whole territory's: in a
    directory of Québec, a query's "Québec" is the city). Every place's words are read
    once: reading them again for each town was half a second a language."""
    stop = query_stop_words(lang)
    # Two names alike but for an article, in either language ("Matapédia", "La Matapédia").
    articles = stop_words("fr") | stop_words("en")

    def searched(text: str, stop=stop) -> str:  # the words a query of it looks for ("Quebec City": "quebec")
        return " " + " ".join(word for word in place_key(text).split() if word not in stop) + " "

    names = [(territory.region, territory.name[lang]) for territory in taxonomy.territories.values()]
    places = [(region, searched(name)) for region, name in names]
    bare = [(region, searched(name, articles)) for region, name in names]
    whole = [searched(name) for name in taxonomy.whole.name.values()]

    def held(name: str, region: str, whole_only: bool = False) -> bool:
        if whole_only:
            words_ = searched(name, articles)
            return any(words_ == other for other_region, other in bare if other_region != region)
        words_ = searched(name)
        elsewhere = (other for other_region, other in places if other_region != region)
        return any(words_ in other for other in chain(elsewhere, whole))

    return held


def held_towns(taxonomy: Taxonomy, lang: str) -> dict[str, str]:
    """A municipality's name whose words are part of other places' names outside its region,
    said alone, as search reads it -> the municipality's name as search looks for it
    (`searched_names`): "refuge quebec" listed Drummondville's shelters first (Centre-du-Québec),
    and Nord-du-Québec's came before the city's. Not a name another place has too, whole: two
    places named alike (the town of Matapédia, the MRC of La Matapédia) stay as typed, found
    in both."""
    searched_name, held = searched_names(taxonomy, lang), held_elsewhere(taxonomy, lang)
    found = {}
    for town in (t for t in taxonomy.territories.values() if t.kind == "municipality"):
        searched = searched_name(town)
        for name in town.name.values():
            key = place_key(name)
            if key != place_key(searched) and held(name, town.region) and not held(name, town.region, True):
                found[key] = searched
    return found


def other_language_names(taxonomy: Taxonomy, lang: str) -> dict[str, str]:
    """A territory's name in another language that differs from `lang`'s, as search reads it,
    with the name search looks for (the records' places are in `lang`): "refuge québec city" on
    the French site listed Drummondville's shelters first ("city" in no record), "montreal east"
    searched all of Montréal. Not a name another place has in `lang`."""
    searched_name = searched_names(taxonomy, lang)
    own = {place_key(territory.name[lang]) for territory in taxonomy.territories.values()}
    found = {}
    for territory in taxonomy.territories.values():
        said = searched_name(territory) if territory.kind == "municipality" else territory.name[lang]
        for other in territory.name.values():
            key = place_key(other)
            if key and key not in own:
                found[key] = said
    return found


def names_of(territory) -> tuple[str, ...]:
    """A territory's names in every language, then its other names (`also`) as they are spelled."""
    return (*territory.name.values(), *(spelling for also in territory.also for spelling in spellings(also)))


def every_place_name(taxonomy: Taxonomy) -> list[str]:
    """Every name of a region, MRC, municipality or area (taxonomy.Area), in either language or
    another (`also`), and the whole territory's."""
    names = [name for territory in taxonomy.territories.values() for name in names_of(territory)]
    names += [*taxonomy.whole.name.values(), *(name for area in taxonomy.areas for name in area.names())]
    return names


def place_names(taxonomy: Taxonomy) -> list[str]:
    """Every place's name as search reads it (place_key): a query's words that name a place
    choose where, not what."""
    return sorted({key for name in every_place_name(taxonomy) if (key := place_key(name))})


def place_entries(taxonomy: Taxonomy, lang: str) -> dict[str, str]:
    """Every place's name as search reads it, with the municipality's name it is searched as
    when it is another name of one (`other_place_names`) or its name said with a title that
    tells it from the other places of that name (`titled_towns`), else "" (index.py puts each
    in the word shard of its first word that is not a stop word)."""
    return (
        {name: "" for name in place_names(taxonomy)} | other_place_names(taxonomy, lang) | titled_towns(taxonomy, lang)
    )


def wider_places(taxonomy: Taxonomy, lang: str, organizations: list[Organization]) -> dict[str, str]:
    """Each name of a municipality no organization is in nor serves (by its slug), as search
    reads it, with its region's name, which search looks for instead: "banque alimentaire
    Sept-Îles" searched food banks everywhere (no record says Sept-Îles), now those of the
    Côte-Nord. A name that is also another place's own stays as typed."""
    present = {slug for org in organizations for slug in [*org.municipalities, *(org.data.get("service_area") or [])]}
    missing = [t for t in taxonomy.territories.values() if t.kind == "municipality" and t.slug not in present]
    gone = {t.slug for t in missing}
    taken = {
        place_key(name)
        for territory in taxonomy.territories.values()
        if territory.slug not in gone
        for name in (*territory.name.values(), *territory.also)
    } | {place_key(name) for name in taxonomy.whole.name.values()}
    found: dict[str, str] = {}
    for town in missing:
        region = taxonomy.territories.get(town.region)
        names = names_of(town)
        for key in {place_key(name) for name in names} - taken:
            if key and region is not None:
                found[key] = region.name[lang]
    return dict(sorted(found.items()))


def regions_of_places(taxonomy: Taxonomy, lang: str) -> dict[str, str]:
    """Each name of a municipality or an MRC, as search reads it, with its region's name: where
    search looks for a need that no organization of the town meets ("banque alimentaire
    Gatineau" listed the province's food banks in no order of place, not the Outaouais's)."""
    found: dict[str, str] = {}
    for territory in taxonomy.territories.values():
        region = taxonomy.territories.get(territory.region) if territory.kind != "region" else None
        if region is None:
            continue
        names = names_of(territory)
        for key in {place_key(name) for name in names} - {place_key(name) for name in region.name.values()}:
            found.setdefault(key, region.name[lang])
    # An area's names with its region's, when all its areas of that name lie in one region
    # ("West Island": Montréal; not "Rive-Sud", said of Montréal's and of Québec's).
    regions: dict[str, set] = {}
    for area in taxonomy.areas:
        for key in {place_key(name) for name in area.names()}:
            regions.setdefault(key, set()).add(taxonomy.region_of_area(area))
    for key, slugs in regions.items():
        if len(slugs) == 1 and (slug := next(iter(slugs))) is not None:
            found.setdefault(key, taxonomy.territories[slug].name[lang])
    return dict(sorted(found.items()))


_LETTER_DIGIT = re.compile("[a-z][0-9]")  # in a folded word: a postal code's first half
# The second half of a postal code: three characters (Canada's, the United Kingdom's...); the
# first says the area ("H2X": a part of Montréal), which the index has as a word of its own.
AREA_CUT = 3


def area_of(word: str) -> str | None:
    """The area a whole postal code (folded) is in: its first half; None for a word that is not
    one (a phone number has no letter)."""
    area = word[:-AREA_CUT]
    return area if len(word) > AREA_CUT + 1 and _LETTER_DIGIT.search(area) else None


POSTAL_START = 2  # a postal area's first characters: a part of a territory ("H2": Montréal's centre)


def postal_starts(taxonomy: Taxonomy, lang: str, organizations: list[Organization]) -> dict[str, str]:
    """Where the records' postal areas' first POSTAL_START characters are ("j4": Montérégie),
    as search looks for a place: the municipality when every address whose code starts so is
    in one, else the region when in one. For a code whose area no address has: "banque
    alimentaire J4W 2T5" listed the province's food banks in no order of place, Laval's first."""
    searched_name = searched_names(taxonomy, lang)
    towns: dict[str, set] = {}
    for org in organizations:
        for location in org.data.get("locations") or []:
            address = location.get("address") or {}
            area = area_of("".join(ascii_words(address.get("postal_code") or "").split()))
            # By its city's name only: the nearest town to a point, for every location of every
            # record in each language, was seconds at 10,000 records.
            town = taxonomy.municipality(address["city"]) if area and address.get("city") else None
            if town is not None:
                towns.setdefault(area[:POSTAL_START], set()).add(town.slug)
    found = {}
    for start, slugs in sorted(towns.items()):
        regions = {taxonomy.territories[slug].region for slug in slugs}
        if len(slugs) == 1:
            found[start] = searched_name(taxonomy.territories[slugs.pop()])
        elif len(regions) == 1:
            found[start] = taxonomy.territories[regions.pop()].name[lang]
    return found


def run_together_places(taxonomy: Taxonomy, searched: dict[str, str]) -> dict[str, str]:
    """Place names as phones and hurried people type them, as search reads them: run together
    ("valdor", "troisrivieres"), with an elided letter stuck to the word after it ("val
    dor", "lancienne lorette"), a word's plural s left out ("trois riviere", "ile de la
    madeleine"), or a number in digits ("3-Rivières", "7 iles"), each with what search looks for instead: what `searched` (a name as search
    reads it -> what it is searched as, "" for itself: place_entries, then wider_places) says
    of the name, else the name written out. "val dor" found Val-des-Monts's organizations and
    the shelters' "dortoir", never Val-d'Or; "soupe populaire trois-riviere" the soup
    kitchens of the whole province. A form that is a place's own name, or that two places
    give, is left out."""
    names = {place_key(name): name for name in every_place_name(taxonomy)}
    found: dict[str, str] = {}
    twice: set[str] = set()
    for key, name in names.items():
        for typed in {_elided_joined(key), key.replace(" ", ""), *_without_a_plural(key), *_in_digits(key)} - set(
            names
        ):
            instead = searched.get(key) or name
            if found.get(typed, instead) != instead:
                twice.add(typed)
            found[typed] = instead
    return {typed: instead for typed, instead in sorted(found.items()) if typed not in twice}


def named_instead(taxonomy: Taxonomy, searched: dict[str, str], organizations: list[Organization]) -> dict[str, str]:
    """The other names of municipalities (`searched`: place_entries then wider_places, as search
    reads them, with what each is searched as) that search looks for as their municipality
    whatever their words find, because no record gives that name as its city or in its own
    name. "banque alimentaire Saint-Laurent" (a borough of Montréal) found the food banks of
    the Bas-Saint-Laurent, whose name has its words."""
    # Each text once: records repeat their cities (half the time of this at 10,000 records).
    said = "\n".join(
        map(
            _name_pieces,
            dict.fromkeys(
                said
                for org in organizations
                for said in chain(
                    ((location.get("address") or {}).get("city") or "" for location in org.data.get("locations") or []),
                    _all_texts([org.data.get("name"), *(org.data.get("alternate_names") or [])]),
                )
            ),
        )
    )
    found = {}
    for territory in taxonomy.territories.values():
        for name in (spelling for also in territory.also for spelling in spellings(also)):
            key = place_key(name)
            if searched.get(key) and _name_pieces(name) not in said:
                found[key] = searched[key]
    return found


def _distinct_places(names: list[str], lang: str) -> list[str]:
    """Place names each once as a query reads them, without its stop words: "Montréal-Est"
    with its region "Montréal" was "montreal" twice on the French site ("est" left out), and
    its organizations came before Montréal's for "montreal" and every borough searched as
    Montréal ("verdun", "ndg": stop 83's search probe)."""
    stop, seen, kept = query_stop_words(lang), set(), []
    for name in names:
        read = tuple(word for word in place_key(name).split() if word not in stop) or (name,)
        if read not in seen:
            seen.add(read)
            kept.append(name)
    return kept


def _all_texts(values: list) -> list[str]:
    """Every language's text of some bilingual values ({fr, en} or a plain string)."""
    return [text for value in values for text in (value.values() if isinstance(value, dict) else [value]) if text]


_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _name_pieces(text: str) -> str:
    """A name's words as a place's name is told from a longer one: ASCII, hyphens kept,
    "St-" as "Saint-", between spaces (" saint-laurent " is in " ville saint-laurent ", not in
    " bas-saint-laurent ")."""
    spaced = "".join(c if c.isalnum() or c in _DASHES else " " for c in unicodedata.normalize("NFC", text))
    words = []
    for word in spaced.split():
        parts = [SAINTS.get(part, part) for part in map(ascii_words, re.split(f"[{_DASHES}]", word)) if part]
        words += ["-".join(parts)] if parts else []
    return " " + " ".join(words) + " "


def _without_a_plural(key: str) -> list[str]:
    """A place's name (place_key) with one of its words' final s left out, each way: "trois
    rivieres" -> "troi rivieres", "trois riviere"."""
    words = key.split()
    return [
        " ".join([*words[:at], word[:-1], *words[at + 1 :]])
        for at, word in enumerate(words)
        if len(word) > 3 and word.endswith("s")
    ]


# A number's word at the start of a place's name, as people write it in digits ("3-Rivières").
NUMBER_WORDS = {"deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6", "sept": "7", "huit": "8"}


def _in_digits(key: str) -> list[str]:
    """A place's name (place_key) that starts with a number's word, with the number in digits,
    apart and joined: "trois rivieres" -> "3 rivieres", "3rivieres"."""
    first, _, rest = key.partition(" ")
    if first not in NUMBER_WORDS or not rest:
        return []
    return [f"{NUMBER_WORDS[first]} {rest}", NUMBER_WORDS[first] + rest.replace(" ", "")]


def _elided_joined(key: str) -> str:
    """A place's name (place_key) with each one-letter word joined to the next: "val dor"."""
    words, out = key.split(), []
    for at, word in enumerate(words):
        if out and len(words[at - 1]) == 1:
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


# How people say that a place is a town, before its name ("ville de Laval", "city of Laval"):
# search reads the name after one as the place (query.py untitled), in either language's site.
PLACE_TITLES = ("ville de", "ville d", "municipalite de", "municipalite d", "city of", "town of", "municipality of")


def titled_towns(taxonomy: Taxonomy, lang: str) -> dict[str, str]:
    """A municipality's name that is also another place's, said with a title ("ville de Québec",
    "city of Quebec": the city, not the province) -> the municipality's name as search looks
    for it. A name searched as it is needs no entry: the title is read off (query.py untitled)."""
    found = {}
    searched_name = searched_names(taxonomy, lang)
    for territory in taxonomy.territories.values():
        if territory.kind == "municipality":
            searched = searched_name(territory)
            for name in {place_key(name) for name in territory.name.values()} - {place_key(searched)}:
                found |= {f"{title} {name}": searched for title in PLACE_TITLES}
    return found
