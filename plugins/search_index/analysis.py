"""Text to search terms, the same way in Python (index) and in the browser (queries).

The steps, for both languages: split on anything that is not a letter or a digit,
lower-case, drop stop words, stem, then fold accents. theme/static/js/search-terms.js
does the same steps with lunr.js; tests/test_search.py checks both give the same terms.

French stems come from snowballstemmer 2.2.0, the generation of the Snowball French
algorithm that lunr-languages' lunr.fr.js was made from (they agree on ~100,000 words
once the diaeresis is folded first, which the older JavaScript treats differently).
English stems come from lunr.py's port of lunr's Porter stemmer, with lunr.js's own step
1c (a final y after a consonant becomes i): they then agree on ~44,000 words.
Accents are folded after stemming because the French stemmer reads them (é, è).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse

import snowballstemmer
from lunr.stemmer import PorterStemmer

from repertoire.folding import fold, words
from repertoire.stop_words import stop_words

LANGUAGES = ("fr", "en")
# Folded before stemming: lunr.fr.js and Snowball disagree on words with a diaeresis.
DIAERESIS = str.maketrans("ëïüÿ", "eiuy")


class _LunrJsPorter(PorterStemmer):
    """Porter as lunr.js runs it: its step 1c reads /^(.+?[^aeiou])y$/, not "a vowel in the stem"."""

    def step1c(self):
        if self.b[self.k] == "y" and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_english_stemmer = _LunrJsPorter()


@lru_cache(maxsize=1)
def _french_stemmer():
    return snowballstemmer.stemmer("french")


# Words a stemmer cuts down to the stem of an unrelated word, kept whole: Snowball makes
# "repas" (meal) "rep", the stem of "répit" (respite), and a search for a meal found respite
# homes first; Porter makes "housing" "hous", and every "Maison" called a House in English
# came before the housing services; "mari" (husband) is "mar", as "Marée" is, and "finir"
# (to end it) "fin", as the "fin de semaine" of respite weekends; "loyer" (rent) "loi" (law),
# and a tenant found the thrift stores' "loi" first; "mère" (mother) "mer" (sea), and
# "ma mère a l'alzheimer" found a clinic in Carleton-sur-Mer; "cours" (classes) "cour" (court),
# and "cours de français" found the justice organizations; "roulant" (a wheelchair's) and
# "roulante" (meals on wheels, "popote roulante") one stem, and "fauteuil roulant" found the
# popotes first; "habits" (clothes) "habit", as "habitation" is, and found the housing co-ops.
# The browser reads the same list from the search manifest.
WHOLE_WORDS = {
    "fr": frozenset(
        {"repas", "mari", "maris", "finir", "loyer", "mère", "cours", "roulant", "roulante", "habits"}
        # A warm welcome is no warming centre: "halte chaleur" found 1,715 of 1,955 records whose
        # text says "accueil chaleureux" (a phone probe's, stop 81).
        | {"chaleureux", "chaleureuse", "chaleureuses", "chaleureusement"}
        # Snowball makes "hiv" of "hiver" and "aid" of "aidants": "hiv" (HIV) typed on the French
        # site listed the winter coats, "proches aidants laval" the employment services ("aide")
        # before the caregivers' groups (stop 82's search probe).
        | {"hiver", "aidant"}
    ),
    "en": frozenset({"housing"}),
}

# The languages that say what kind of thing first, before the thing ("food bank", where French
# says "banque alimentaire"): of a need of two words, that one is an answer alone (query.py
# candidates; the browser reads it from the manifest).
KIND_FIRST = frozenset({"en"})

# Words spelled two ways, stemmed as one: records say "Community Centre", people type "community
# center", and a typo weighs a third of the word (query.py TYPO). Canadian spelling first, then
# the American (or British) ones. The browser reads the same table from the search manifest.
_SPELLED_ALIKE = {
    # A word kept whole is one word with its plural, and typed without its accent.
    "fr": [
        ("mère", "mères", "mere", "meres"),
        ("roulant", "roulants"),
        ("roulante", "roulantes"),
        ("hiver", "hivers"),
        ("aidant", "aidants", "aidante", "aidantes"),
    ],
    "en": [
        ("centre", "center"),
        ("centres", "centers"),
        ("theatre", "theater"),
        ("theatres", "theaters"),
        ("licence", "license"),
        ("licences", "licenses"),
        ("counselling", "counseling"),
        ("counsellor", "counselor"),
        ("counsellors", "counselors"),
        ("program", "programme"),
        ("programs", "programmes"),
        ("neighbourhood", "neighborhood"),
        ("neighbourhoods", "neighborhoods"),
        ("neighbour", "neighbor"),
        ("neighbours", "neighbors"),
        ("labour", "labor"),
        ("behaviour", "behavior"),
        ("behaviours", "behaviors"),
        ("behavioural", "behavioral"),
        ("organization", "organisation"),
        ("organizations", "organisations"),
        ("defence", "defense"),
        ("favour", "favor"),
        ("colour", "color"),
        ("honour", "honor"),
        ("harbour", "harbor"),
        ("catalogue", "catalog"),
        ("fibre", "fiber"),
        ("litre", "liter"),
        ("paediatric", "pediatric"),
        ("paediatrician", "pediatrician"),
        ("ageing", "aging"),
        ("enrolment", "enrollment"),
        ("jewellery", "jewelry"),
        ("analyse", "analyze"),
        ("practice", "practise"),
        ("travelling", "traveling"),
        ("traveller", "traveler"),
        ("travellers", "travelers"),
        ("judgement", "judgment"),
    ],
}
SPELLINGS = {
    lang: {other: first for first, *others in pairs for other in others if other != first}
    for lang, pairs in _SPELLED_ALIKE.items()
}

# Acronyms written many ways for the same people, each searched as one word: records and people
# each pick their own ("LGBTQ+", "LGBTQ2S+", "2SLGBTQIA+", "LGBT"), and "LGBTQ2S+" found nothing.
# (pattern, word): a regular expression both Python and JavaScript read (the browser reads
# them from the search manifest), over a lower-cased word.
# A word's forms that stemmers keep apart are one word too: "aide psychologique" did not find
# the records' "psychologue", nor "besoin aide urgent" their "urgence".
WORD_FAMILIES = [
    ("^(?:2s)?(?:lgbt|glbt)[2aiqpst]*$", "lgbtq"),
    ("^psycholog(?:ue|ues|ie|ies|ique|iques|ist|ists|ical|ically|y)$", "psychologie"),
    ("^urgen(?:t|te|ts|tes|ce|ces|cy)$", "urgence"),
    # "enfant autiste" found 2 of 15 Sociétés de l'autisme, "autistic" the first 80th.
    ("^autis(?:me|mes|m|ms|te|tes|tic|tics|tique|tiques)$", "autisme"),
    # People say the drug, records the dependence: "drogue" found the whole category of mental
    # health and addictions alike (its keyword), suicide prevention centres first, and the
    # addiction centres after them. (Not "depend": the English "fees depend on income".)
    # And the drug by its name: "cocaïne", "crack", "je suis accro à la coke" found nothing (the
    # drug line in the crisis box, no addiction centre under it).
    (
        "^(?:drogue|drug|toxicomanie|d[eé]pendance|addiction|coca[iï]ne|cocaine|coke|crack|h[eé]ro[iï]ne|heroin"
        "|opio[iï]de|opioid|meth|d[eé]sintox(?:ication)?|detox|rehab|cannabis|marijuana|weed|pot|narcoti(?:c|que))s?$",
        "toxicomanie",
    ),
    # Detox and rehab said so ("désintox", "rehab") listed the suicide prevention centres first
    # by the category's keyword, as "drogue" did; "mon ado fume du pot" too.
    # Alcohol too: "alcool" listed the suicide prevention centres first, by the category's
    # keyword, before the addiction centres ("Centre de réadaptation en dépendance").
    ("^(?:alcools?|alcoolismes?|alcooliques?|alcohols?|alcoholisms?|alcoholics?)$", "toxicomanie"),
    # Clothes by their kind: "manteau d'hiver", "bottes", "winter coat" found only the material
    # help category's keywords, its housing committees first (December's probe).
    ("^(?:v[eê]tements?|manteaux?|bottes?|mitaines?|clothes|clothing|coats?|boots?|mittens?)$", "vetement"),
    # Who the LGBTQ+ centres are for, by their names: "trans support" listed men's groups
    # ("support"), "homophobie" nothing, "gai" the whole category in file order (a helper's probe).
    (
        "^(?:trans|transgenres?|transgenders?|non-?binaires?|nonbinary|homophobies?|transphobies?|homophobia|transphobia"
        "|gai|gais|gaie|gaies|gays?|lesbiennes?|lesbians?|homosexuel(?:le)?s?|homosexuals?|bisexuel(?:le)?s?|bisexuals?"
        "|queers?)$",
        "lgbtq",
    ),
]
FAMILY_PATTERNS = [(re.compile(pattern), word) for pattern, word in WORD_FAMILIES]  # compiled, as the words are read

# Expressions whose words together ask for something else than each does, as (pattern, what
# is searched instead), over the query as typed, case ignored: "médecin de famille" listed the
# Maisons de la famille, "je cherche un travail" the street workers' "Travail de rue". Regular
# expressions both Python and JavaScript read alike (the browser reads them from the search
# manifest): ASCII letters at the ends of each \b.
# Words between what is no letter of either language (the start or end of the query, a space,
# a comma): \b is ASCII in the browser, where "grâce soir" held "ce soir" and "soirée" "soir".
# The letter before is replaced with the words: replace with spaces around.
WORDS_APART = "(?:^|[^0-9A-Za-z\u00c0-\u024f_])(?:{})(?![0-9A-Za-z\u00c0-\u024f_])"
_BEFORE_APART, _AFTER_APART = WORDS_APART.split("{}")


def shipped_expressions(lang: str) -> list[list]:
    """A language's EXPRESSIONS as the search manifest carries them: one written with
    WORDS_APART as what it holds and a 1 ([inner, said, 1]), the rest as they are ([pattern,
    said]); each space between words (\\s+) as a space, which no pattern has. (An apostrophe is
    written "'" alone: the query's typographic ones are read as it, query.py expressed.) The manifest is in
    the search page: its 8 KiB held the boundaries twenty times over (some 1.2 KB of the French
    one), and the spaces, escaped in JSON, some 300 bytes. `expanded_expressions` reads them back."""
    shipped = []
    for pattern, said in EXPRESSIONS.get(lang, []):
        apart = pattern.startswith(_BEFORE_APART) and pattern.endswith(_AFTER_APART)
        inner = pattern[len(_BEFORE_APART) : len(pattern) - len(_AFTER_APART)] if apart else pattern
        inner = inner.replace(SPACE_BETWEEN, " ")
        shipped.append([inner, said, 1] if apart else [inner, said])
    return shipped


def expressions_searched(lang: str, known=None) -> list[list]:
    """What a site in `lang` reads queries with (`shipped_expressions`): its own language's
    expressions, then the other languages'. "mon mari me frappe" typed on the English site and
    "free food" on the French one were not understood; what they are written as is in the
    categories' words of every language (documents.category_words). `known`: the site's words
    (folded); another language's expression whose words are not all there is left out ("washing
    clothes" was " laundry " on the French site, and found nothing where "clothes" found 1,771)."""
    own = shipped_expressions(lang)
    others = [
        shipped
        for language in sorted(EXPRESSIONS.keys() - {lang})
        for shipped in shipped_expressions(language)
        if known is None or all(fold(word) in known for word in words(shipped[1]))
    ]
    return own + others


SPACE_BETWEEN = r"\s+"


def expanded_expressions(shipped: list[list], apart: str) -> list[tuple[str, str]]:
    """(pattern, said) of a manifest's expressions (`shipped_expressions`), `apart` its
    "words_apart" (the boundaries around "{}")."""
    return [
        (
            apart.replace("{}", pattern.replace(" ", SPACE_BETWEEN))
            if len(rest) > 1
            else pattern.replace(" ", SPACE_BETWEEN),
            rest[0],
        )
        for pattern, *rest in shipped
    ]


EXPRESSIONS = {
    "fr": [
        # Distress said as felt, by stop 83's search probe: "il me menace" found nothing,
        # "suicidaire" and "urgence psychiatrique" peer groups or everything, "aidez-moi" homework
        # help ("aide aux devoirs"). Under the crisis line shown, the kind of service that answers
        # (not for "danger": 9-1-1 is the answer, test_crisis.py). Not help asked for something.
        # Said alone: "il me menace d'expulsion" is a housing matter (a reviewer's).
        (
            r"^\s*(?:il|elle)\s+(?:me\s+menace|m'\s*a\s+menac[ée]e?)(?:\s+de\s+(?:mort|me\s+tuer|me\s+frapper))?[\s!.?]*$",
            " violence conjugale ",
        ),
        (WORDS_APART.format(r"suicidaires?|suicidal"), " suicide "),
        (WORDS_APART.format(r"urgences?\s+psychiatriques?"), " crise "),
        # Who it is for is not what is asked, where the records name the kind of service: "emploi
        # jeunes" listed youth clubs before the Carrefours jeunesse-emploi, "vêtements pour
        # enfants" toy libraries, "avocat gratuit" victims' centres before legal clinics, "repas
        # gratuit" meals on wheels before soup kitchens (stop 83's probe).
        (
            WORDS_APART.format(
                r"(?:emplois?|jobs?|jobines?|travail)\s+(?:pour\s+(?:les\s+|des\s+)?)?(?:jeunes?|ados?|adolescents?)"
                r"|(?:jeunes?|ados?|adolescents?)\s+(?:emplois?|jobs?|travail)(?!\s+de\s+(?:rue|milieu))"
            ),
            " jeunesse emploi ",
        ),
        # Winter clothes are clothes (the season's word is in no clothing bank's text).
        (WORDS_APART.format(r"(?:v[êe]tements?|linge)\s+(?:chauds?\s+)?(?:d'\s*|d)hiver"), " vêtements "),
        (
            WORDS_APART.format(
                r"v[êe]tements?\s+(?:pour\s+)?(?:les\s+|mes\s+|des\s+|d'\s*)?(?:enfants?|b[ée]b[ée]s?|jeunes|ados?)"
            ),
            " vêtements ",
        ),
        (
            WORDS_APART.format(
                r"avocat(?:e|s|es)?(?:\s+(?:gratuit(?:e|s|es)?|pas\s+chers?|[àa]\s+faible\s+co[uû]t))?|(?:free\s+)?lawyers?(?:\s+free)?"
            ),
            " juridique ",
        ),
        (
            WORDS_APART.format(
                r"(?:repas\s+gratuits?|manger\s+gratuitement|o[ùu]\s+manger(?:\s+gratuitement)?)(?!\s+(?:[àa]\s+domicile|livr))"
            ),
            " soupe populaire ",
        ),
        # The whole query: "ma mère a besoin d'aide" is help for her (a reviewer's).
        (
            r"^\s*(?:(?:aidez|aide)[\s-]*(?:moi|moé|nous)|au\s+secours|(?:j'?\s*ai\s+)?besoin\s+d'?\s*aide"
            r"(?:\s+urgente?(?:ment)?)?)(?:\s+(?:svp|stp|s'il\s+vous\s+pla[îi]t|please))?[\s!.?]*$",
            " écoute ",
        ),
        # Unwell said alone is the listening lines' (the whole query): "je vais mal" listed
        # Malartic's organizations first ("mal" completed), under the 8-1-1 it shows.
        (
            r"^\s*(?:(?:je\s+|j'\s*)?(?:ne\s+|n'\s*)?(?:vais|me\s+sens|file)|(?:ça|ca|sa)\s+(?:ne\s+)?va)\s+"
            r"(?:(?:vraiment|tr[eè]s|tellement|super|full)\s+)?(?:mal|pas\s+bien|pas\s+fort|pas|plus)"
            r"(?:\s+(?:du\s+tout|pantoute|ces\s+temps-ci|depuis\s+(?:(?:des|quelques|plusieurs|deux|trois|[0-9]+)\s+)?"
            r"(?:jours?|semaines?|mois|ans?|temps|longtemps)))*[\s!.?]*$",
            " écoute ",
        ),
        # Said as lived, by stop 82's search probe: a man violent with his partner asking for help
        # got the women's services ("je suis violent avec ma femme": the men's groups 46th); a
        # spouse's dementia the women's shelters ("ma femme a l'alzheimer"), never a caregivers'
        # group; sexual abuse the sexual health clinics, incest nothing; a breakup and dropping
        # out nothing ("ma copine m'a quitté", "j'ai décroché"); the casino a toy library ("joue").
        # First: the expressions below take "ma blonde", "ma femme" away.
        (
            WORDS_APART.format(
                # A man's words ("violente" may be a woman's, or "violentée" typed without its accent).
                r"(?:je\s+suis|chu|suis)\s+(?:violent|agressif)(?:\s+avec\s+(?:ma|mon|mes)\s+\S+)?"
                r"|(?:je\s+|j'\s*)(?:frappe|bats?|ai\s+frapp[ée]|ai\s+battu)\s+(?:ma|mon|mes)\s+"
                r"(?:femme|blonde|conjointe?|chum|mari|copine|enfants?|fils|filles?)"
            ),
            " groupe aide hommes violence ",
        ),
        (
            WORDS_APART.format(
                r"(?:ma|mon|mes)\s+(?:femme|mari|conjointe?|chum|blonde|m[èe]re|p[èe]re|parents)\s+"
                r"(?:a|ont|fait|font|souffre(?:nt)?\s+d[e'])\s*(?:de\s+)?(?:l'\s*|la\s+)?(?:maladie\s+d[e']\s*)?"
                r"(?:alzheimer|d[ée]mence|parkinson)"
            ),
            " proche aidant alzheimer ",
        ),
        (WORDS_APART.format(r"abus\s+sexuels?|incestes?|attouchements?(?:\s+sexuels?)?"), " agression sexuelle "),
        (
            WORDS_APART.format(
                r"(?:ma|mon)\s+(?:blonde|chum|copine|copain|conjointe?|femme|mari)\s+(?:m'\s*a|ma|vient\s+de\s+me)\s+"
                r"(?:quitt(?:er|[ée]e?)|laiss(?:er|[ée]e?)|l[âa]ch(?:er|[ée]e?)|domp(?:er|[ée]e?)|sacr(?:er|[ée]e?)\s+l[àa])"
            ),
            " rupture amoureuse ",
        ),
        (
            WORDS_APART.format(
                # Not a job, a phone ("j'ai décroché un emploi", "il a décroché le téléphone").
                r"(?:j'\s*ai|jai|a)\s+d[ée]croch[ée]e?(?!\s+(?:un|une|le|la|les|l'|du|des|mon|ma|son|sa)\b)"
                r"|(?:l[âa]ch(?:er|[ée]e?)|abandonn(?:er|[ée]e?)|quitt(?:er|[ée]e?))\s+(?:l'\s*|l)?[ée]cole"
            ),
            " décrochage scolaire ",
        ),
        (
            WORDS_APART.format(r"(?:je\s+)?jou(?:e|es|ent)\s+(?:au|aux)\s+(?:casino|machines?|loto|poker|vlt)"),
            " dépendance jeu ",
        ),
        # Words read as others: "né" is the stop word "ne" ("nouveau-né" listed the newcomers'
        # centres), "sais" the start of "saint" ("je sais pas lire"), meals and care at home the
        # food banks and palliative care homes, before the meals on wheels and home support.
        (WORDS_APART.format(r"nouveaux?[\s-]+n[ée]e?s?"), " bébé "),
        (
            WORDS_APART.format(
                r"(?:je\s+|j'\s*)?(?:sais|sait|savent)\s+pas\s+(?:lire|[ée]crire)(?:\s+(?:ni|et)\s+[ée]crire)?"
            ),
            " alphabétisation ",
        ),
        (WORDS_APART.format(r"repas\s+(?:[àa]\s+domicile|livr[ée]s)|livraisons?\s+de\s+repas"), " popote roulante "),
        (WORDS_APART.format(r"(?:soins|services?)\s+[àa]\s+domicile"), " aide domicile "),
        (r"\bm[eé]decins?\s+(?:de\s+)?famille\b", "médecin"),
        (
            r"\b(?:cherche|cherches|chercher|trouver|trouve|besoin\s+d'?\s*un|veux\s+un|perdu\s+mon|perte\s+de)"
            r"\s+(?:un\s+|du\s+|mon\s+|de\s+)?(?:travail|job|jobine)\b(?!\s+de\s+(?:rue|milieu|proximit))",
            "emploi",
        ),
        # The workers are named by their work in the records ("Travail de rue"): the stemmer
        # keeps "travailleur" apart, and youth shelters whose texts say "travailleurs" came first.
        (r"\btravailleu(?:r|se)s?\s+de\s+rue\b", "travail de rue"),
        # A car said as in Québec: "je dors dans mon char" found one warming centre, where "dans
        # mon auto" finds the shelters.
        (WORDS_APART.format(r"(?:mon|un|le|du|en)\s+chars?"), " auto "),
        # A wheelchair said as in Québec: the records and categories say "fauteuil roulant".
        (WORDS_APART.format(r"chaises?\s+roulantes?"), " fauteuil roulant "),
        (r"\btravailleu(?:r|se)s?\s+de\s+milieu\b", "travail de milieu"),
        # Put out by a landlord is an eviction, for the tenants' committees: the words of a
        # person on the street ("dehors") listed shelters and warming centres.
        # (No \b before "à": in the browser's regular expressions a word is ASCII letters.)
        (
            r"\b(?:proprio|propri[ée]taire|locat(?:eur|rice))\b.*?(?:\bdehors|[àa]\s+la\s+porte|\bme\s+sortir|\bnous\s+sortir"
            r"|\bm'\s*expulser|\bnous\s+expulser|\bm'\s*[ée]vincer|\bnous\s+[ée]vincer)\b",
            "expulsion logement",
        ),
        (r"(?:\bdehors|[àa]\s+la\s+porte)\s+de\s+(?:mon|notre)\s+(?:appart\w*|logement|loyer)\b", "expulsion logement"),
        # When the need is ("besoin de manger ce soir à gatineau"): no record's word. "soir" found
        # the town's evening French classes before its food banks.
        (
            WORDS_APART.format(
                r"(?:ce|[àa])\s+soir|cette\s+nuit|aujourd'?\s*hui|tout\s+de\s+suite|d[eè]s\s+que\s+possible"
                r"|ce\s+mois-ci|cette\s+semaine|le\s+mois\s+prochain|la\s+semaine\s+prochaine"
            ),
            " ",
        ),
        # "J'en peux plus" is despair, before "peux plus" goes below: it found nothing under 9-8-8
        # (stop 77's probe). Not what one cannot stand ("j'en peux plus de mon voisin").
        # A burden too, before "je me sens" goes below (a reviewer's: "je me sens comme un fardeau").
        (
            WORDS_APART.format(
                r"j?'?\s*en\s+peux\s+(?:pu|plus|pus)(?!\s+(?:de|d'|du|des|avec)\b)"
                r"|(?:suis|sens)\s+(?:comme\s+)?un\s+fardeau"
            ),
            " suicide ",
        ),
        # That one cannot, not what: "j'arrive pas à payer mon loyer" listed the centres for
        # newcomers ("arrivants") first, "je peux pas" one of them too.
        (
            WORDS_APART.format(
                r"(?:j'?\s*|je\s+)?(?:n'?\s*|ne\s+)?(?:arrive|peux|parviens)\s+(?:pas|plus|pu|pus)(?:\s+[àa])?"
                r"|(?:pas|pu|plus)\s+capables?\s+de"
            ),
            " ",
        ),
        # ... before a vowel ("plus capable d'aller"): no letter-less end after the apostrophe.
        (r"\b(?:pas|pu|plus)\s+capables?\s+d'\s*", " "),
        # A spot in a daycare, a residence...: the need is the place's kind. "une place en
        # garderie" found one shelter, whose category's English keywords say "no place to sleep".
        (WORDS_APART.format(r"(?:une?\s+)?places?\s+(?:en|dans\s+(?:une?|les?|la))"), " "),
        # Without papers is without status (immigration's keywords), not the identity papers of
        # the government offices: "sans papiers" listed them first.
        (WORDS_APART.format(r"sans[\s-]+papiers?"), " sans statut "),
        # Paying the rent is the rent: "payer" is in no housing committee's text.
        (r"\bpay(?:er|e|é)\s+(?:mon\s+|le\s+|notre\s+|son\s+)?loyers?\b", "loyer"),
        # Money for food is food aid: "j'ai pas d'argent pour manger" listed a job search club first,
        # or one fridge ("argent" and "manger" both needed).
        (
            WORDS_APART.format(
                r"(?:(?:pas|plus|pu|sans|manque)\s+(?:d'\s*|de\s+l'\s*)?)?argent\s+pour\s+(?:manger|nourrir\s+(?:(?:ma|mon|mes|la|les|sa|ses|nos|notre)\s+)?\S+"
                r"|(?:faire\s+)?(?:l'\s*|mon\s+|mes\s+|son\s+|ses\s+)?[ée]picerie|(?:la\s+|de\s+la\s+)?(?:nourriture|bouffe))"
            ),
            " aide alimentaire ",
        ),
        # Somewhere to stay is a roof: "un endroit pour rester" found one organization.
        (
            WORDS_APART.format(
                # Not active, in shape, or near a hospital: "un endroit pour rester actif".
                r"(?:une?\s+)?(?:endroit|place|lieu)\s+(?:o[uù]\s+|pour\s+)(?:rester|cr[ée]cher)"
                r"(?!\s+(?:actif|active|actifs|en\s+forme|en\s+sant[ée]|pr[èe]s|pendant|durant|[àa]\s+c[ôo]t[ée]))"
                r"|nulle\s+part\s+o[uù]\s+(?:aller|dormir|rester)|(?:aucun|pas\s+d'|plus\s+d')\s*endroit\s+o[uù]\s+(?:aller|rester)"
            ),
            " sans-abri ",
        ),
        # Pregnant and alone is the pregnancy's need: "je suis enceinte et seule" listed the
        # caregivers' and seniors' groups ("seule") first, the perinatal centre fifth.
        (WORDS_APART.format(r"enceinte\s+(?:et\s+)?(?:toute\s+)?seule|seule\s+et\s+enceinte"), " enceinte "),
        # Learning French is francization: "je veux apprendre le français" listed a computer workshop first.
        (
            WORDS_APART.format(r"apprendre\s+(?:le\s+)?fran[cç]ais|cours?\s+de\s+fran[cç]ais(?:\s+langue\s+seconde)?"),
            " francisation ",
        ),
        # A stop 91 probe's: an idiom ("jusqu'au cou": "cou" read as "coup", "cours"), bed bugs
        # ("lit" completed to "littératie"), anger ("colère": nothing), bullying said as lived (a
        # daycare first), hunger without money (a job club), a newcomer to the country ("québec"
        # read as the region), where to find it ("trouver" needed in every record).
        (WORDS_APART.format(r"jusqu'?\s*au\s+cou"), " "),
        # A third probe's: drinking said as lived (a daycare first), gambling debts ("jeu"
        # completed to "jeunesse"), a flu shot ("contre" read in "centre d'aide contre les
        # agressions"), condoms and ADHD (nothing, or youth centres), a fine (nothing).
        (
            WORDS_APART.format(
                # Someone's, not a baby's or a dog's, nor of something else ("boit trop de café").
                r"(?:(?:mari|chum|femme|conjointe?|blonde|copain|copine|p[èe]re|m[èe]re|fils|ado|fr[èe]re|ex|il|elle|je)"
                r"\s+boi[st]|parents\s+boivent)\s+(?:tous\s+les\s+jours|tout\s+le\s+temps|trop|chaque\s+(?:jour|soir))"
                r"(?!\s+(?:de|d'|du|des)\b)"
            ),
            " alcool ",
        ),
        (WORDS_APART.format(r"dettes?\s+de\s+jeu"), " jeu compulsif "),
        (
            WORDS_APART.format(
                r"(?:me\s+|se\s+|nous\s+)?faire\s+vacciner(?:\s+contre\s+(?:la\s+|le\s+)?(?:grippe|covid\S*|zona))?"
                r"|vaccins?\s+contre\s+(?:la\s+|le\s+)?(?:grippe|covid\S*|zona)"
            ),
            " vaccination ",
        ),
        (WORDS_APART.format(r"condoms?|pr[ée]servatifs?"), " santé sexuelle "),
        (
            WORDS_APART.format(r"tdah|d[ée]ficit\s+de\s+l'\s*attention(?:\s+avec\s+hyperactivit[ée])?"),
            " santé mentale ",
        ),
        (
            WORDS_APART.format(
                r"(?:contraventions?|constats?\s+d'\s*infraction|amendes?\s+(?:impay[ée]es?|[àa]\s+payer)"
                r"|tickets?\s+de\s+(?:stationnement|vitesse|police))(?:\s+que\s+(?:je\s+)?(?:(?:ne\s+)?peux\s+pas\s+)?payer)?"
            ),
            " juridique ",
        ),
        (WORDS_APART.format(r"punaises?\s+de\s+lits?"), " punaises "),
        (
            WORDS_APART.format(
                # One's own (a child's temper is the family centres'): "gérer la colère de mon enfant".
                r"(?:(?:gestion|contr[ôo]le)\s+de\s+(?:la\s+|ma\s+)?|g[ée]rer\s+ma\s+|contr[ôo]ler\s+ma\s+"
                r"|(?:je\s+)?(?:ne\s+)?g[èe]re\s+pas\s+ma\s+)col[èe]re(?!\s+(?:de|d'|du|des|chez)\b)"
            ),
            " groupe aide hommes violence ",
        ),
        # A child's is the parents' to help with, at the family centres.
        (
            WORDS_APART.format(
                # Not another crisis ("des crises d'angoisse", "de panique": mental health's).
                r"(?:(?:fai[st]|font)\s+des\s+crises(?:\s+de\s+col[èe]re)?|crises\s+de\s+col[èe]re)"
                r"(?!\s+(?:d'|(?:de|du|des|[àa])(?![0-9A-Za-z\u00c0-\u024f_])))"
                r"|col[èe]re\s+(?:de|d'|chez)\s*(?:mon|ma|mes|l'|les|un|une)\s*(?:enfants?|fils|filles?|ados?|petite?s?)"
            ),
            " parents ",
        ),
        (
            WORDS_APART.format(
                r"(?:(?:mon|ma|mes|notre|nos)\s+(?:enfants?|fils|filles?|ados?|jeunes?|gars|grand)\s+)?"
                r"(?:se\s+fai[st]|se\s+font|me\s+fai[st]|est|sont|suis)\s+intimid(?:er|[ée]e?s?)"
                r"(?:\s+[àa]\s+l'?\s*[ée]cole)?"
            ),
            " intimidation ",
        ),
        (
            WORDS_APART.format(
                r"faim\s+(?:et|pis|puis)\s+(?:j'?\s*ai\s+)?(?:pu|plus|pas)\s+(?:d'\s*|d)argent"
                r"|(?:pu|plus|pas)\s+(?:d'\s*|d)argent\s+(?:et|pis|puis)\s+(?:j'?\s*ai\s+)?faim"
            ),
            " aide alimentaire ",
        ),
        (
            WORDS_APART.format(
                # "au Québec" is the province, "à Québec" the city.
                r"(?:je\s+)?viens\s+(?:d'\s*|d)arriver\s+(?:au|en)\s+(?:canada|qu[ée]bec)"
                r"|(?:r[ée]cemment\s+)?arriv[ée]e?s?\s+au\s+(?:canada|qu[ée]bec)"
            ),
            " nouveaux arrivants ",
        ),
        (
            # (Not "faire une demande": it finds the government offices that take the applications.)
            r"^\s*(?:o[uù]|comment)\s+(?:(?:est-ce\s+que\s+)?(?:je\s+peux|on\s+peut|puis-je)\s+)?(?:trouver|obtenir)\s+",
            " ",
        ),
        # Violence said as it is lived, by the words the records use: "mon chum me frappe" and
        # "j'ai été violée" listed the category's records by file order (an LGBTQ+ centre, a
        # men's group) before the women's shelters and the sexual assault centres.
        (
            WORDS_APART.format(
                r"(?:chum|mari|conjointe?|copain|copine|blonde|femme|ex|partenaire)\s+"
                r"(?:(?:me|m'?\s*a|m'?\s*avait)\s+(?:frapp|bat|brutalis|violent|menac|bless|maltrait|tabass)\S*"
                r"|m'?\s*a\s+pouss[ée]e?"  # "me pousse à retourner aux études" is no violence
                # Hurt said plainly: "mon chum me fait mal" listed an adapted transport first.
                r"|(?:me|m'?\s*a)\s+(?:fai[st]|fait)\s+(?:du\s+)?mal)"
                r"|(?:me\s+)?fai[st]\s+(?:battre|frapper|tabasser|brutaliser)\s+par\s+"
                r"(?:mon|ma)\s+(?:chum|mari|conjointe?|copain|copine|blonde|femme|ex|partenaire)"
                # Said in the passive: "je suis battue par mon conjoint" listed a sexual health clinic first.
                r"|(?:battue?|frapp[ée]e?|brutalis[ée]e?|maltrait[ée]e?|violent[ée]e|tabass[ée]e?|menac[ée]e?"
                r"|bless[ée]e?)\s+par\s+(?:mon|ma)\s+(?:chum|mari|conjointe?|copain|copine|blonde|femme|ex|partenaire)"
                r"|peur\s+de\s+(?:mon|ma)\s+(?:chum|mari|conjointe?|ex|copain|blonde)"
            ),
            " violence conjugale ",
        ),
        # A parent's (a brother's): "mon père me frappe" found nothing (the for-whom words below took
        # "mon père").
        (
            WORDS_APART.format(
                r"(?:mon|ma|mes)\s+(?:beau-|belle-)?(?:p[eè]re|m[eè]re|parents|fr[eè]re|s(?:oe|œ)ur)\s+(?:me|m'?\s*(?:a|ont|avait))\s+"
                r"(?:frapp|bat|battu|brutalis|maltrait)\S*"
                r"|me\s+fai[st]\s+(?:battre|frapper|tabasser|brutaliser)\s+par\s+"
                r"(?:mon|ma|mes)\s+(?:beau-|belle-)?(?:p[eè]re|m[eè]re|parents|fr[eè]re|s(?:oe|œ)ur)"
            ),
            " enfant maltraité ",
        ),
        # Rights, a lease, a law violated are no assault: "mes droits ont été violés" listed a
        # CALACS first (as crisis-lines.yaml's except_in says for the line).
        (
            WORDS_APART.format(
                r"droits?\s+(?:(?:ont|a)\s+(?:été|ete)\s+|(?:sont|est)\s+)?viol[ée]e?s?"
                r"|viol(?:[ée]e?s?|e|er)\s+(?:le|la|l'\s*|mes|mon|ma|ses|son|sa|nos|notre|leurs?)\s*"
                r"(?:bail|loi|contrat|droits?|entente|r[eè]glements?)"
            ),
            " droits ",
        ),
        # "viol", "violée", "je me suis fait violer" listed the category by file order (an LGBTQ+
        # centre, a sexual health clinic) before the centres against sexual assault (stop 69).
        # Not "violé" alone: a lease, a law is "violé".
        (
            WORDS_APART.format(
                r"(?:été|ete|fait|fais|faite)\s+viol(?:[ée]e?s?|er)|m'?\s*a\s+viol[ée]e?|viols?|viol[ée]es?"
            ),
            " agression sexuelle ",
        ),
        # A suicide said as lived, with whose: "mon père s'est suicidé" showed no line to call, "il
        # s'est enlevé la vie" community groups first, "mon ado veut se tuer" youth job centres,
        # "mon frère" the words of no such centre. (Not "s'est tué": an accident's too.)
        (
            WORDS_APART.format(
                r"(?:(?:mon|ma|mes|notre|nos)\s+\S+\s+|il\s+|elle\s+)?s'?\s*est\s+(?:suicid|enlev[ée]e?\s+la\s+vie)\S*"
                r"|(?:mon|ma|mes|notre|nos)\s+\S+\s+veu(?:[tx]|lent)\s+(?:se\s+(?:tuer|suicider)|mourir(?!\s+dans\s+la\s+dign))"
            ),
            " suicide ",
        ),
        # A death in the family is grief: "mon mari est mort" listed the same as "mon mari me frappe".
        # Killed in an accident too ("mon frère s'est tué en voiture": the suicide prevention centres).
        (
            WORDS_APART.format(
                r"(?:mari|femme|conjointe?|chum|blonde|m[eè]re|p[eè]re|fils|fille|enfant|b[ée]b[ée]|fr[eè]re|s(?:oe|œ)ur)"
                r"\s+(?:est|sont|vient\s+de)\s+(?:mort|morte|morts|d[ée]c[ée]d[ée]e?s?|mourir|d[ée]c[ée]der)"
                r"|s'\s*est\s+tu[ée]e?\s+(?:en|dans|au)"
            ),
            " deuil ",
        ),
        # For whom, when what is asked says what: "aide à domicile pour ma mère" found no home
        # care service, only family ones, whose texts say "mère".
        (
            WORDS_APART.format(
                r"pour\s+(?:ma|mon|mes|notre|nos)\s+(?:m[eè]re|p[eè]re|parents?|fils|fille|filles|enfants?|b[ée]b[ée]"
                r"|conjointe?|mari|femme|chum|blonde|grand-m[eè]re|grand-p[eè]re|grands-parents)"
            ),
            " ",
        ),
        # Who it is about, a friend or a neighbour, is not what is asked: "mon ami a fait une
        # od" listed the Centres d'amitié autochtone ("ami" read as the start of "amitié").
        (
            WORDS_APART.format(
                r"(?:mon|ma|mes|notre|nos)\s+(?:amie?s?|voisine?s?|coll[eè]gues?|coloc(?:ataire)?s?|fr[eè]res?|s(?:oe|œ)urs?"
                r"|chum|blonde)"
            ),
            " ",
        ),
        (WORDS_APART.format(r"(?:fait|faire|fais|faite)\s+une?\s+(?:od|o\.d\.?)"), " surdose "),
        # Loneliness said as felt, before how one feels goes: "je me sens seul", "seul pour Noël"
        # listed meals on wheels and Christmas baskets, where "solitude" finds the listening lines
        # (not "seule avec mes enfants").
        (
            WORDS_APART.format(
                r"(?:me\s+sens|me\s+sentir|suis|sens|chu)\s+(?:(?:tr[eè]s|tellement|tout|toute|si|trop|vraiment)\s+)?seule?s?"
                r"(?:\s+(?:pour|[àa]|durant|pendant)\s+(?:no[eë]l|les\s+f[eê]tes))?"
                r"(?!\s+(?:avec|[àa]\s+(?:m'|[ée]lever|payer|faire|g[ée]rer|m\s)|responsables?|parents?|mères?|pères?))"
                r"|seule?s?\s+(?:pour|[àa]|durant|pendant)\s+(?:no[eë]l|les\s+f[eê]tes)"
            ),
            " solitude ",
        ),
        # Alone with one's children is a single parent: "je suis seule avec mes enfants" listed meals on wheels.
        (
            WORDS_APART.format(
                r"seule?s?\s+(?:avec|[àa]\s+[ée]lever)\s+(?:mes|mon|ma|mes\s+\S+)\s+(?:enfants?|b[ée]b[ée]s?|fils|filles?|jumeaux|kids?)"
                r"|(?:suis|chu)\s+(?:une?\s+)?(?:seule?s?\s+(?:parents?|m[èe]res?|p[èe]res?)|(?:parents?|m[èe]res?|p[èe]res?)\s+seule?s?)"
            ),
            " monoparentale ",
        ),
        # How one feels is no word of a record: "je me sens pas bien dans ma tête" read "sens" as
        # the start of "senior" and listed an ACEF and seniors' associations.
        (
            WORDS_APART.format(r"(?:pas\s+bien|mal)\s+dans\s+(?:ma|sa|ta|mon|son|ton)\s+(?:t[eê]te|peau)"),
            " santé mentale ",
        ),
        (WORDS_APART.format(r"(?:j'?\s*|je\s+)?(?:me|m'\s*)\s*sens"), " "),
        # Drinking too much is alcohol: "mon chum boit trop" listed suicide prevention centres.
        (WORDS_APART.format(r"(?:boi[st]|boivent|boire)\s+trop"), " alcool "),
        # Child support is the legal clinics': "pension alimentaire" listed the food banks.
        (WORDS_APART.format(r"pensions?\s+alimentaires?"), " juridique pension "),
        # Depression is mental health's: "dépression" listed the perinatal centres first, by their
        # category's "dépression post-partum" (a shorter keyword list than mental health's).
        (WORDS_APART.format(r"d[ée]pr[ée]ssion(?![\s-]+post)"), " santé mentale dépression "),
        # Social assistance said so: "aide" and "sociale" are in most records, "bien-être social" not.
        (WORDS_APART.format(r"aide\s+sociale"), " bien-être social "),
        # The housing tribunal by its initials: "TAL" found the adapted transport "TALA".
        (WORDS_APART.format(r"tal"), " tribunal administratif logement "),
        # Gambling is treated where drugs and alcohol are: "jeu compulsif" listed suicide prevention centres.
        # Said as lived too: "je joue trop" found a day care ("jouets"), "loterie" nothing. (Not
        # "casino": a place, an employer.)
        (
            WORDS_APART.format(
                r"jeux?\s+(?:compulsifs?|pathologiques?|excessifs?)|gambling|(?:je\s+)?jou(?:e|es|ent)\s+trop"
                r"|loteries?|machines?\s+[àa]\s+sous"
            ),
            " dépendance jeu ",
        ),
        # The centres against sexual assault by their initials: "CALACS" listed their category by
        # file order (an LGBTQ+ centre first).
        (WORDS_APART.format(r"calacs"), " agression sexuelle "),
        # Put out of school, of a job, of one's home by a partner, said as lived, in that order
        # (each takes its words from the next): "renvoyé de l'école" matched nearly every record
        # faintly, "je me suis fait renvoyer" nothing, "mis à la porte de mon travail" a tax
        # clinic in Saint-Jean-Port-Joli ("porte"), "je me suis fait mettre dehors par mon chum"
        # gender centres by file order. By parents, the youth category's own keywords say it.
        (
            WORDS_APART.format(
                r"(?:renvoy|expuls|suspend)[éeus]*\s+d[eu]\s+(?:\S+\s+|l')?(?:[ée]cole|c[ée]gep|classe|cours)"
            ),
            " décrochage scolaire ",
        ),
        (
            WORDS_APART.format(
                r"fai(?:te?)?\s+(?:renvoyer|virer(?!\s+(?:de\s+l'|l')?argent))|(?:été|ete)\s+(?:renvoy|vir)[ée]e?s?"
                r"|(?:mise?|mettre)\s+(?:[àa]\s+la\s+porte|dehors)\s+d[eu]\s+\S*\s*(?:job|travail|emploi)"
            ),
            " congédié ",
        ),
        (
            WORDS_APART.format(r"(?:m'?\s*a|fai(?:te?))\s+(?:mis|mett|jet|sacr)\S*\s+(?:dehors|[àa]\s+la\s+porte)"),
            " hébergement ",
        ),
        # A roof tonight said as a home: "logement d'urgence" listed tenants' committees first.
        (WORDS_APART.format(r"logements?\s+(?:d'\s*)?urgence"), " hébergement urgence "),
        # Washing one's clothes is the records' laundry ("buanderie"): "laver mes vêtements"
        # matched nearly every record faintly ("mes"), "lessive" nothing.
        (WORDS_APART.format(r"laver\s+(?:\S+\s+)?(?:v[êe]tements|linge)|lessives?|laveries?"), " buanderie "),
        # An age says who asks, not what for: "j'ai 16 ans mes parents mont mis dehors" found a
        # Maison de la culture first ("mont" read as Mont-Royal). "m'ont" typed "mont" too.
        (r"\b[0-9]{1,3}\s*ans\b", " "),
        (r"\bmont\s+mis", "mis"),
        # A theft or an attack said as lived is a crime's victim: "je me suis fait voler mon
        # portefeuille" found nothing, "je me suis fait agresser dans la rue" a sexual health
        # clinic, where the centres for victims of crime (CAVAC) are. (A sexual one is the CALACS'.)
        (
            WORDS_APART.format(
                r"(?:me\s+suis|s'?\s*est)\s+fait[es]?\s+(?:voler|agresser|attaquer|cambrioler)(?!\s+sexuel)"
                r"|on\s+m'?\s*a\s+(?:vol|agress|attaqu|cambriol)[ée]e?s?(?!\s+sexuel)|cambriolage"
            ),
            " victime acte criminel ",
        ),
        # A tax return is what the tax clinics do: "déclaration de revenus" listed 5 of 14
        # clinics, after a ressourcerie (December's probe).
        (WORDS_APART.format(r"d[ée]clarations?\s+de\s+revenus?"), " impôts "),
        # Despair said without the word, and self-harm: "je veux en finir", "ma fille se
        # scarifie" showed 9-8-8 over no result (a helper's probe): the suicide prevention centres.
        # Not ending something else ("en finir avec l'alcool", "avec mes dettes": a reviewer's).
        (
            WORDS_APART.format(
                r"(?:veux|veut|voudrais|vais|envie\s+d'?)\s*en\s+finir(?:\s+avec\s+(?:la\s+vie|ma\s+vie|tout|moi))?(?!\s+avec\s)"
                r"|(?:veux|veut|voudrais|envie\s+de)\s+dispara[iî]tre|(?:se|me|te)\s+(?:scarifi|mutil)\S*"
                r"|scarifications?|automutilations?|(?:me|se)\s+fai[st]\s+du\s+mal"
            ),
            " suicide ",
        ),
        # The words of the category themselves, said of oneself: "je veux mourir", "idées
        # suicidaires", "je veux me tuer", "idées noires" listed the mental-health category in
        # the directory's order (a search probe, stop 80); "suicide" finds the prevention centres.
        # Not a death in dignity (palliative care), nor "suicidaire" of someone else's worry.
        (
            WORDS_APART.format(
                r"j?'?\s*(?:veux|voudrais|ai\s+envie\s+de|envie\s+de)\s+mourir"
                r"(?!\s+(?:dans\s+la\s+dign|[àa]\s+(?:la\s+maison|domicile)|chez|en\s+paix|de\s+rire))"
                r"|(?:veux|vais|voudrais|envie\s+de)\s+me\s+(?:tuer|suicider)"
                r"|(?:id[ée]es?|pens[ée]es?)\s+(?:suicidaires?|noires)"
            ),
            " suicide ",
        ),
        # Despair said as it is lived (stop 77's probe): "j'en peux plus", "je suis un fardeau"
        # showed 9-8-8 over no result, "ma vie vaut rien" over neighbourhood round tables ("vie
        # de quartier"), "je me coupe les bras" over mutual-aid groups. Not what one cannot
        # stand ("j'en peux plus de mon voisin"), nor where one does not want to live.
        (
            WORDS_APART.format(
                r"ma\s+vie\s+(?:vaut|valait)\s+(?:pu\s+|plus\s+)?rien"
                r"|m'?\s*enlever\s+la\s+vie"
                r"|(?:j'?\s*)?veux\s+(?:pu|pus|plus|pas)\s+vivre(?!\s+(?:ici|l[àa]|dans|avec|chez|[àa]|en|au|seule?s?|sans|comme)\b)"
                r"|je\s+me\s+coupe(?:\s+(?:les|aux)\s+(?:bras|poignets?|veines|cuisses|jambes))?(?=\s*[.!]*\s*$)"
            ),
            " suicide ",
        ),
        # Violence said as it is lived, by whom not said: "il m'a frappée", "j'ai été battue hier
        # soir" found nothing or a diabetes association; "mon chum est arrivé avec un couteau"
        # the newcomers' centres ("arrivé"). The women's shelters.
        (
            WORDS_APART.format(
                # not urged ("il m'a poussé à retourner aux études": a reviewer's)
                r"(?:il|elle)\s+m'?\s*a\s+(?:frapp|battu|[ée]trangl|pouss|brutalis|gifl|viol|tabass)\S*(?!\s+(?:[àa]|au|aux)\b)"
                # "y me bat", "on me bat" as said (its initials B.A.T. found a food bank first: a probe's)
                r"|(?:il|elle|on|y|i)\s+me\s+(?:frapp|bat\b|bats\b|battait|tabass|brutalis|gifl|[ée]trangl)\S*(?!\s+(?:[àa]|au|aux)\b)"
                r"|(?:j'?\s*ai\s+(?:[ée]t[ée]|ete)|je\s+suis|me\s+suis\s+fait)\s+(?:battue?|frapp[ée]e?|battre)"
                # found nothing; not at chess, at school ("aux échecs", "à l'école": a reviewer's)
                r"|me\s+fai[st]\s+(?:battre|frapper|tabasser|brutaliser)(?!\s+(?:par|[àa]|au|aux)\b)"
                # whose, said first ("mon chum"), is taken out above: anyone arrived armed
                r"|(?:(?:il|elle)\s+)?(?:est\s+)?arriv[ée]e?\s+avec\s+un"
                r"(?:e\s+arme|\s+(?:couteau|fusil|arme))"
            ),
            " violence conjugale ",
        ),
        # A test is a screening: "test VIH" found one women's shelter, "dépistage vih" 105 (stop 77's probe).
        (
            WORDS_APART.format(r"tests?\s+(?:de\s+(?:d[ée]pistage\s+)?(?:des?\s+)?)?(?:vih|sida|itss?|ists?|mts)"),
            " dépistage itss ",
        ),
        # Touching said without its name: "attouchements quand j'étais petite" listed family centres.
        (WORDS_APART.format(r"attouchements?"), " agression sexuelle "),
        # Taking a drug is the drug: "mon fils prend de la drogue" found one home-care service,
        # whose respite text says "une intervenante prend le relais" ("prend" was a word every
        # result needed; a search probe, stop 80).
        (
            WORDS_APART.format(
                r"(?:prend|prends|prendre|prenait|consomme|consommes|consommer)\s+(?:de\s+la|du|des|de\s+l(?='))"
                r"(?=\s*'?\s*(?:drogues?|coke|coca[iï]ne|crack|meth|speed|h[ée]ro[iï]ne|fentanyl|opio[iï]des?|pot"
                r"|cannabis|ghb|ecstasy|mush)(?![0-9A-Za-z\u00c0-\u024f_]))"
            ),
            " ",
        ),
        # A plan said as a place or a thing: "jvais sauter du pont" listed Pont-Rouge's
        # organizations, "j'ai acheté une corde" nothing (a helper's probe, stop 76).
        (
            WORDS_APART.format(
                r"sauter\s+(?:du|d'\s*un|en\s+bas\s+(?:du|d'\s*un))\s+(?:pont|toit|immeuble)"
                r"|achet[ée]r?\s+une\s+corde(?!\s+(?:[àa]|de|pour)\s|\s+d')"  # not firewood, a clothesline
                r"|(?:veux|veut|voudrais)\s+(?:pus?|plus|pas)\s+[êe]tre\s+(?:l[àa]|ici)(?=\s*[.!]*\s*$)"
            ),
            " suicide ",
        ),
        # A life's end is the palliative care homes': "ma mère est en fin de vie" listed respite.
        (WORDS_APART.format(r"fin\s+de\s+vie|phase\s+terminale|mourante?s?"), " soins palliatifs "),
        # Words no record writes: the youth centres by their initials, bullying online, the
        # province's last-resort assistance ("mdj", "cyberintimidation" found nothing, "aide de
        # dernier recours" homework help).
        (WORDS_APART.format(r"mdj"), " maison des jeunes "),
        (WORDS_APART.format(r"cyber[\s-]?intimidation"), " intimidation "),
        (WORDS_APART.format(r"aide\s+(?:de\s+)?dernier\s+recours"), " aide sociale "),
        # Touched by a relative is a sexual assault: "mon oncle me touche" showed the line over no result.
        (
            WORDS_APART.format(
                r"(?:oncle|p[eè]re|fr[eè]re|cousin|voisin|prof|professeur|entra[iî]neur|coach|patron|gardien)"
                r"\s+(?:me\s+(?:touche|tripote)|m'?\s*a\s+(?:touch|tripot)[ée]e?)"
            ),
            " agression sexuelle ",
        ),
        # A shelter for men is a shelter: "refuge pour hommes longueuil" listed men's groups, none
        # of the town's three shelters.
        (
            # "refuge pour homme" too: the men's groups again (stop 77's probe)
            WORDS_APART.format(r"(?:refuges?|h[ée]bergement)\s+(?:pour\s+)?(?:les\s+|un\s+)?hommes?"),
            " refuge itinérance ",
        ),
        # Without a home said by its name, its initials, a runaway by herself: "sans domicile fixe"
        # listed home-care services ("domicile"), "sdf" and "je suis une fugueuse" nothing, where
        # the records say homelessness and runaways ("fugue": the youth category's keywords).
        (WORDS_APART.format(r"sans[\s-]+domicile(?:[\s-]+fixe)?|sdf"), " itinérance "),
        (WORDS_APART.format(r"fugu(?:eu(?:r|se)s?|er|é|ée|ait)|en\s+fugue"), " fugue "),
        # A search probe's (stop 79). "3e âge" found two unrelated records ("3e" read as the start
        # of postal codes), where "troisième âge" finds the clubs de l'âge d'or.
        (r"\b3\s*(?:e|i?[eè]me)\s+[âa]ge\b", "troisième âge"),
        # A fridge where anyone takes food is a "frigo solidaire" in the records: "frigo partagé"
        # found one record that had both words apart, and none of the fourteen.
        (
            WORDS_APART.format(
                r"(?:frigo|r[ée]frig[ée]rateur)s?\s+(?:partag|communautaire|libre|collecti|gratuit)[a-zé]*"
            ),
            " frigo solidaire ",
        ),
        # To stop smoking is "tabagisme" in a record: "arrêter de fumer" searched "arrêter" alone
        # ("fumer" no record's word), and found every "arrêt d'autobus", 1,744 records.
        (r"\b(?:arr[êe]ter|cesser|l[âa]cher)\s+de\s+fumer\b", "tabagisme"),
        # The CSST is the CNESST since 2016: "CSST" found a clinic by its initials alone.
        (r"\bcsst\b", "cnesst"),
        # "Cour" for "cours", as heard: "cour de français" found two legal services (a court).
        (WORDS_APART.format(r"cour\s+(?:de\s+fran[cç]ais|de\s+francisation)"), " cours de français "),
        (WORDS_APART.format(r"cour\s+d'\s*anglais"), " cours d'anglais "),
    ],
    "en": [
        # A word written in two: "wheel chair" found the meals on wheels first.
        (WORDS_APART.format(r"wheel[\s-]+chairs?"), " wheelchair "),
        # As in French (stop 83's probe): "i feel unsafe" and "he threatens me" found nothing,
        # "psychiatric emergency" no crisis centre first.
        (
            WORDS_APART.format(
                r"(?:feel|feeling|am|i'?m|im)\s+(?:so\s+|very\s+|really\s+)?"
                r"unsafe(?:\s+(?:at\s+home|here))?|(?:don'?t|do\s+not)\s+feel\s+safe(?:\s+(?:at\s+home|here))?"
            ),
            " crisis ",
        ),
        (
            r"^\s*(?:he|she)\s+(?:threatens|threatened|is\s+threatening|keeps\s+threatening)\s+me"
            r"(?:\s+(?:with\s+(?:death|violence)|every\s+day|all\s+the\s+time))?[\s!.?]*$",
            " domestic violence ",
        ),
        (WORDS_APART.format(r"(?:psychiatric|mental\s+health)\s+emergenc(?:y|ies)"), " crisis "),
        # As in French (stop 83's probe): who it is for is not what is asked.
        (
            WORDS_APART.format(
                r"(?:jobs?|employment)\s+for\s+(?:youth|young\s+people|teens?|teenagers|students?)"
                r"|(?:teen|teenager|student)\s+(?:jobs?|employment)"
            ),
            " youth employment ",
        ),
        (WORDS_APART.format(r"(?:warm\s+)?winter\s+(?:clothes|clothing)"), " clothing "),
        (
            WORDS_APART.format(
                r"(?:clothes|clothing)\s+for\s+(?:the\s+|my\s+|our\s+)?(?:kids|children|babies|baby|teens?)"
                r"|(?:kids|children'?s|baby|babies)\s+(?:clothes|clothing)"
            ),
            " clothing ",
        ),
        (WORDS_APART.format(r"(?:free\s+|cheap\s+)?lawyers?(?:\s+for\s+free|\s+free)?"), " legal aid "),
        (
            WORDS_APART.format(
                r"free\s+(?:hot\s+)?meals?(?!\s+deliver)|where\s+(?:can\s+i|to)\s+eat(?:\s+for\s+free)?"
            ),
            " soup kitchen ",
        ),
        (
            r"^\s*(?:(?:please\s+)?help\s+me(?:\s+please)?|i\s+need\s+help(?:\s+(?:now|please|urgently))?"
            r"|where\s+can\s+i\s+get\s+help)[\s!.?]*$",
            " listening ",
        ),
        (
            r"^\s*(?:i'?\s*m|im|i\s+am|i\s+feel|feeling)\s+(?:(?:so|really|very)\s+)?(?:not\s+(?:ok|okay|well|good|doing\s+well)"
            r"|awful|terrible|horrible|struggling|lost)(?:\s+(?:at\s+all|lately|right\s+now))?[\s!.?]*$",
            " listening ",
        ),
        (r"\bfamily\s+(?:doctor|physician|dr|md|gp)s?\b", "doctor"),
        # Food help when it is urgent, which the food banks give: "emergency food" listed the
        # emergency shelters first ("food" in their donations' sentence); "food aid", the
        # caregivers' groups ("aidants").
        (WORDS_APART.format(r"emergency\s+(?:food|groceries)"), " food bank "),
        (r"\b(?:looking\s+for|find|need|lost\s+my)\s+(?:a\s+|my\s+)?work\b(?!\s+integration)", "job"),
        (r"\blandlords?\b.*?\b(?:kick\w*|throw\w*|put\w*|forc\w*)\s+(?:me|us)\s+out\b", "eviction housing"),
        # Put out of school is a dropping out: "expelled from school" matched nearly every record.
        # Before a home's: "kicked out of high school" is no need of a roof.
        (
            WORDS_APART.format(
                r"(?:kicked\s+out|expelled|suspended|thrown\s+out)\s+(?:of|from)\s+(?:the\s+|my\s+|his\s+|her\s+)?"
                r"(?:school|class|college|cegep|high\s+school)"
            ),
            " school dropout ",
        ),
        # Put out of one's home is a need of a roof: "16 year old kicked out of house" listed the
        # First Nations Houses ("house"), and "kicked out" the youth category's recreation
        # centres, all alike. Searched as shelter (a teen's: "teen kicked out" finds the youth
        # shelters). An age says who asks, not what for. Out of school is not out of a home.
        (
            WORDS_APART.format(
                r"kicked\s+(?:me\s+|him\s+|her\s+|us\s+|them\s+)?out(?!\s+of\s+(?:school|class|college|cegep))"
                r"(?:\s+of\s+(?:the\s+|my\s+|our\s+)?(?:house|home|place|apartment))?"
            ),
            " shelter ",
        ),
        (r"\b[0-9]{1,3}\s*(?:years?|yrs?|yo)(?:[\s-]+old)?\b", " "),
        (
            WORDS_APART.format(
                r"(?:i\s+was|i\s+got|i'?\s*ve\s+been|we\s+were|got)\s+(?:robbed|mugged|attacked|burglarized|assaulted)"
                r"(?!\s+sexually)|break-ins?|broke\s+in(?:to)?\s+(?:my|our)\s+(?:house|home|apartment|place|car)"
                r"|burglary|mugging"
            ),
            " victim crime ",
        ),
        # The brand is what people say: "narcan kit" listed soup kitchens ("kit" as "kitchen").
        (WORDS_APART.format(r"(?:naloxone|narcan)(?:\s+kits?)?"), " naloxone "),
        # A ride to an appointment is the records' transport: "ride to medical appointment" found
        # community clinics by "medical" alone.
        (
            WORDS_APART.format(
                r"rides?\s+to\s+(?:a\s+|an\s+|my\s+|the\s+)?(?:medical\s+|doctor'?s?\s+|hospital\s+)?"
                r"(?:appointments?|doctors?|hospitals?|clinics?)"
            ),
            " medical transport ",
        ),
        # Washing one's clothes is the records' laundry: "wash my clothes" found nothing of it.
        (WORDS_APART.format(r"wash(?:ing)?\s+(?:my\s+|our\s+|the\s+)?clothes|laundromats?"), " laundry "),
        (WORDS_APART.format(r"rape[ds]?|raping"), " sexual assault "),
        (WORDS_APART.format(r"tonight|today|right\s+now|asap|as\s+soon\s+as\s+possible"), " "),
        (WORDS_APART.format(r"(?:no|without)\s+papers"), " no status "),
        # How one asks is not what: "find a family doctor" listed palliative care first ("find"
        # needed), "how to apply for welfare" clothing banks ("apply"), "help paying rent" the
        # community groups ("help"), "can't pay my rent this month" a fridge ("month"), "used
        # wheelchair" a housing co-op ("used" as "us"). A stop 91 probe's, as the French above.
        (
            r"^\s*(?:(?:where|how)\s+(?:can|do|could|would)\s+i\s+|how\s+to\s+|i\s+(?:want|need)\s+to\s+|help\s+me\s+"
            r"|trying\s+to\s+)?(?:find|look\s+for|search\s+for|locate)\s+"
            r"|^\s*(?:how\s+(?:do\s+i|to|can\s+i)\s+)?(?:apply|sign\s+up|register|qualify)\s+(?:for|to)\s+"
            r"|^\s*(?:(?:i\s+)?need\s+|looking\s+for\s+|get(?:ting)?\s+)?help\s+(?:with|paying|to\s+pay|getting|finding)\s+"
            r"(?:my\s+|the\s+|a\s+|an\s+)?",
            " ",
        ),
        (WORDS_APART.format(r"this\s+(?:month|week|weekend)|next\s+(?:month|week)"), " "),
        (
            r"\bused\s+(?=(?:wheelchairs?|walkers?|furniture|clothes|clothing|appliances?|computers?"
            r"|beds?|mattress(?:es)?|cribs?|strollers?|car\s+seats?)\b)",
            "",
        ),
        # "I can't pay my rent" found a community fridge ("Pay what you can") alone.
        (r"\bpay(?:ing|s)?\s+(?:my\s+|the\s+|our\s+)?rent\b", "rent"),
        # A bill to pay is the bill: "i can't pay my hydro bill" listed food banks ("pay what you can").
        (
            r"\bpay(?:ing|s)?\s+(?:for\s+)?(?:my\s+|the\s+|our\s+)?(?=(?:hydro|electricity|electric|heating|power|energy)\s+bills?\b)",
            "",
        ),
        # As in French: money for food is food aid, somewhere to stay a roof, pregnant and alone a
        # pregnancy ("i'm pregnant and alone" listed seniors' groups).
        (
            WORDS_APART.format(
                r"(?:(?:no|not\s+enough|without|need|needs)\s+)?money\s+for\s+(?:food|groceries|meals?(?!\s+on\s+wheels))"
                r"|(?:can'?t|cannot|can\s+not|couldn'?t)\s+afford\s+(?:food|groceries|to\s+eat|meals?(?!\s+on\s+wheels))"
            ),
            " food bank ",
        ),
        (
            WORDS_APART.format(
                r"(?:a\s+)?(?:place|somewhere|anywhere|nowhere)\s+to\s+(?:stay|crash)"
                r"(?!\s+(?:active|fit|healthy|in\s+shape|while|during|near|close))(?:\s+for\s+the\s+night)?"
                r"|nowhere\s+to\s+(?:go|live|sleep)|no\s+where\s+to\s+(?:go|stay|sleep)"
            ),
            " homeless ",
        ),
        (
            WORDS_APART.format(
                r"pregnant\s+(?:and\s+)?(?:alone|single|on\s+my\s+own)|(?:alone|single)\s+and\s+pregnant"
            ),
            " pregnant ",
        ),
        # A stop 91 probe's: a baby's fever (the for-whom words left "fever", which no record has),
        # a baby crying (nothing of the family centres), reading (literacy: "read" as "readapt"),
        # anger ("anger" guessed as "manger": food banks), hunger without money.
        (
            WORDS_APART.format(
                r"(?:(?:my|our)\s+)?(?:baby|babies|child|kid|son|daughter|toddler|newborn)\s+(?:has|have|got|is\s+running"
                r"|is\s+having)\s+(?:a\s+)?(?:high\s+|bad\s+)?fever"
            ),
            " health ",
        ),
        (
            WORDS_APART.format(
                r"(?:(?:my|our)\s+)?(?:baby|newborn)\s+(?:won'?t|will\s+not|doesn'?t|does\s+not)\s+stop\s+crying"
                r"|(?:(?:my|our)\s+)?(?:baby|newborn)\s+cries\s+all\s+(?:the\s+time|night)"
            ),
            " parents baby ",
        ),
        # A third probe's, as the French: drinking said as lived, condoms, custody, a ticket.
        (
            WORDS_APART.format(
                r"(?:husband|wife|boyfriend|girlfriend|partner|dad|father|mom|mother|son|daughter|brother|sister|he|she|i)"
                r"\s+(?:drinks|drink|is\s+drinking)\s+(?:every\s+(?:day|night)|all\s+(?:the\s+time|day)|too\s+much)(?!\s+of\b)"
            ),
            " alcohol ",
        ),
        (WORDS_APART.format(r"condoms?"), " sexual health "),
        (WORDS_APART.format(r"(?:child\s+)?custody(?:\s+(?:help|battle|case|issues?))?"), " custody "),
        (
            WORDS_APART.format(
                # Not a concert's or the bus's: a fine, or one that cannot be paid.
                r"(?:(?:got|have|received|get)\s+an?\s+)?(?:(?:parking|speeding|traffic)\s+tickets?"
                r"|tickets?\s+(?:that\s+)?(?:i|we)\s+(?:can'?t|cannot|can\s+not)\s+pay)"
                r"|(?:unpaid|parking|speeding|traffic)\s+(?:tickets?|fines?)"
            ),
            " legal aid ",
        ),
        (
            WORDS_APART.format(
                r"(?:can'?t|cannot|can\s+not|don'?t\s+know\s+how\s+to)\s+read(?:\s+(?:or|and|nor)\s+write)?"
                r"|learn(?:ing)?\s+(?:how\s+)?to\s+read"
            ),
            " literacy ",
        ),
        (
            WORDS_APART.format(
                r"anger\s+management(?!\s+for\s+(?:my\s+|a\s+)?(?:kids?|child|children|son|daughter|teens?|toddler))"
                r"|(?:manage|control)\s+my\s+(?:anger|temper)|my\s+anger\s+(?:issues?|problems?)"
            ),
            " men support group ",
        ),
        # A child's is the parents' to help with, at the family centres ("anger" was "manger").
        (
            WORDS_APART.format(
                r"(?:son|daughter|kids?|child|children|toddler|teen(?:ager)?)\s+(?:has|have|with|gets)\s+"
                r"(?:anger\s+(?:issues?|problems?)|(?:temper\s+)?tantrums?)|(?:temper\s+)?tantrums?"
                r"|anger\s+management\s+for\s+(?:my\s+|a\s+)?(?:kids?|child|children|son|daughter|teens?|toddler)"
            ),
            " family ",  # not "parents": "my parents" is for whom, taken away below
        ),
        (
            WORDS_APART.format(
                r"hungry\s+and\s+(?:i\s+)?(?:have\s+)?no\s+money|no\s+money\s+and\s+(?:i'?\s*m\s+|i\s+am\s+)?hungry"
            ),
            " food bank ",
        ),
        # Bankruptcy is debt, which the budget co-operatives (ACEF) and the category say: "bankruptcy"
        # found nothing (as a keyword it was the start of "bank", and "bank" found it).
        (WORDS_APART.format(r"bankrupt(?:cy|cies)?|insolven(?:cy|t)|consumer\s+proposals?"), " debt "),
        # Violence, a death and gambling said as they are lived (the French expressions say why).
        (
            WORDS_APART.format(
                r"(?:husband|wife|boyfriend|girlfriend|partner|spouse|ex|bf|gf|hubby)\s+(?:hits|hit|beats|beat|is\s+beating"
                r"|is\s+hitting|abuses|abused|is\s+abusing|is\s+abusive|threatens|threatened|is\s+threatening|hurts|hurt"
                r"|is\s+hurting|hurting|chokes|choked|is\s+choking|punches|punched|kicks|kicked|slaps|slapped|pushes|pushed"
                r"|shoves|shoved|strangled)\s+me(?!\s+(?:at|to|into|out|off)\b)"
                # Said in the passive: "i'm being abused by my partner" listed a sexual health clinic first.
                r"|(?:abused|beaten|hit|hurt|threatened|attacked|assaulted|choked|strangled|battered)\s+by\s+(?:my|our|her|his)\s+"
                r"(?:husband|wife|boyfriend|girlfriend|partner|spouse|ex|bf|gf|hubby)"
                r"|(?:husband|wife|boyfriend|girlfriend|partner|spouse|ex)\s+is\s+(?:violent|abusive)"
                r"|abusive\s+(?:husband|wife|boyfriend|girlfriend|partner|spouse|relationship)"
                r"|(?:afraid|scared)\s+of\s+my\s+(?:husband|wife|boyfriend|girlfriend|partner|spouse|ex)"
            ),
            " domestic violence ",
        ),
        # A parent's, before the for-whom words below take "my dad": "my dad hits me" found nothing.
        (
            WORDS_APART.format(
                r"(?:my\s+)?(?:step)?(?:mom|mother|mum|dad|father|parents|brother|sister)\s+(?:hits?|beats?|abuses?|abused|hurts?"
                r"|is\s+(?:hitting|beating|abusing|hurting))\s+(?:me|us)"
            ),
            " child abuse ",
        ),
        # A suicide said as lived, with whose: "my dad killed himself" showed no line to call,
        # "he took his own life" found nothing, "lost my brother to suicide" an immigration centre.
        (
            WORDS_APART.format(
                r"(?:(?:my|our)\s+\S+\s+|he\s+|she\s+)?(?:killed\s+(?:him|her|them)sel(?:f|ves)"
                r"|took\s+(?:his|her|their)\s+own\s+life|committed\s+suicide|is\s+suicidal"
                r"|wants?\s+to\s+(?:die|kill\s+(?:him|her|them)sel(?:f|ves)))"
                r"|lost\s+(?:my|our|a)\s+\S+\s+to\s+suicide|(?:thinking\s+(?:of|about)\s+)?ending\s+it\s+all"
            ),
            " suicide ",
        ),
        # The same said of oneself: "i want to kill myself", "dark thoughts", "end my life" listed
        # the mental-health category in the directory's order (a search probe, stop 80), a job
        # search club first; the suicide prevention centres are what "suicide" finds.
        (
            WORDS_APART.format(
                r"kill(?:ing)?\s+my\s*self|(?:end|take|ending|taking)\s+my\s+(?:own\s+)?life(?!\s+(?:back|insurance|savings))"
                r"|dark\s+thoughts"
            ),
            " suicide ",
        ),
        # Despair said as it is lived (stop 77's probe): "no reason to live", "tired of living",
        # "i don't want to live anymore" listed shelters ("living in my car").
        (
            WORDS_APART.format(
                r"no\s+reason\s+to\s+(?:live|be\s+alive)"
                r"|(?:tired|sick)\s+of\s+living(?!\s+(?:in|with|at|here|there|alone|on|paycheck|like|off|by|near)\b)"
                r"|(?:don'?t|do\s+not)\s+(?:want|wanna)\s+to\s+(?:live|be\s+alive)(?:\s+anymore)?"
                r"(?!\s+(?:in|with|at|here|there|alone|on|like|near|far|by|without|off)\b)"
                r"|(?:i'?m|i\s+am)\s+a\s+burden"
            ),
            " suicide ",
        ),
        # "he strangled me", "he beat me last night" found nothing, or a diabetes association.
        # Not a game won ("he beat me at chess").
        (
            WORDS_APART.format(
                r"(?:he|she)\s+(?:strangled|choked|beat|hit|pushed|slapped|punched|kicked)\s+me(?!\s+(?:at|to|into)\b)"
                r"|(?:he|she)(?:'?s|\s+is)?\s+(?:hits|hitting|beats|beating|chokes|choking|strangling|slaps|slapping"
                r"|punches|punching|kicks|kicking)\s+me(?!\s+at\b)"
            ),
            " domestic violence ",
        ),
        # "new immigrant help" listed New Richmond's organizations: every word is needed, "new" too.
        (
            WORDS_APART.format(
                r"new\s+(?:immigrants?|arrivals?|(?:in|to)\s+(?:canada|qu[ée]bec)(?!\s+city))|recent\s+immigrants?"
                # Moved or came there, not back from a hospital or out of prison; Québec City is a town.
                r"|just\s+(?:arrived|immigrated)(?:\s+(?:here\s+)?(?:in|to)\s+(?:canada|qu[ée]bec)(?!\s+city))?"
                r"|(?:just\s+)?(?:arrived|immigrated|moved|came)\s+(?:here\s+)?(?:in|to)\s+(?:canada|qu[ée]bec)(?!\s+city)"
            ),
            " newcomer ",
        ),
        # "my coach is touching me" found nothing.
        (
            WORDS_APART.format(
                r"(?:coach|teacher|stepdad|stepfather|uncle|cousin|brother|neighbou?r|boss|grandpa|grandfather)"
                r"\s+(?:is\s+)?touch(?:es|ing|ed)\s+me"
            ),
            " sexual assault ",
        ),
        # "abuse at home" listed home care services ("home") first; "elder abuse" the Indigenous
        # peoples' ("Elders").
        (WORDS_APART.format(r"(?:abuse|violence)\s+(?:at|in\s+the)\s+home"), " domestic violence "),
        (
            WORDS_APART.format(r"elder(?:ly)?\s+abuse|abuse\s+of\s+(?:the\s+)?(?:elderly|elders|seniors)"),
            " seniors abuse ",
        ),
        (WORDS_APART.format(r"(?:was|been|got|being)\s+raped|calacs"), " sexual assault "),
        # Child support is the legal clinics': it listed the drop-in daycares ("child").
        (WORDS_APART.format(r"child\s+support"), " legal child support "),
        # "coming out" listed the outdoor clubs ("out"); "my son ran away" found nothing.
        (WORDS_APART.format(r"c(?:oming|ame)\s+out(?!\s+of)"), " lgbtq "),  # not "out of prison"
        (WORDS_APART.format(r"(?:ran|run|running)\s+away(?:\s+from\s+home)?"), " runaway "),
        (WORDS_APART.format(r"flu\s+(?:shots?|vaccines?)"), " vaccination "),
        (
            WORDS_APART.format(
                r"(?:husband|wife|partner|spouse|mother|mom|father|dad|son|daughter|child|baby|brother|sister)"
                r"\s+(?:died|passed\s+away|is\s+dead|has\s+died|just\s+died)"
            ),
            " grief ",
        ),
        (
            # Said alone too: "gambling" listed suicide prevention centres by file order.
            WORDS_APART.format(
                r"(?:(?:problem|compulsive|pathological)\s+)?gambl(?:ing|ers?)(?:\s+(?:problem|addiction)s?)?"
                r"|lotter(?:y|ies)|slot\s+machines?"
            ),
            " addiction gambling ",
        ),
        # Said as lived (stop 82's search probe: as the French ones above). Before "for whom",
        # which takes "my wife" away.
        (
            WORDS_APART.format(
                r"(?:i\s+am|i'?m|im)\s+(?:violent|abusive)(?:\s+(?:with|to)\s+my\s+\S+)?"
                r"|i\s+(?:hit|beat|hurt)\s+my\s+(?:wife|girlfriend|partner|husband|boyfriend|kids?|children)(?!'s)"
            ),
            " men support group ",
        ),
        (
            WORDS_APART.format(
                r"my\s+(?:wife|husband|partner|mother|father|mom|dad|parents?)\s+(?:has|have|with)\s+"
                r"(?:alzheimer'?s?|dementia|parkinson'?s?)"
            ),
            " caregiver alzheimer ",
        ),
        (WORDS_APART.format(r"sexual(?:ly)?\s+abuse[ds]?|incest|molested"), " sexual assault "),
        (
            WORDS_APART.format(
                r"(?:my\s+)?(?:girlfriend|boyfriend|wife|husband|partner)\s+(?:left|dumped)\s+me"
                r"|(?:i|we|they|she|he)\s+broke\s+up|broke\s+up\s+with\s+me"
            ),
            " breakup ",
        ),
        (WORDS_APART.format(r"dropped\s+out(?:\s+of\s+school)?|quit\s+school"), " school perseverance dropout "),
        (WORDS_APART.format(r"meals?\s+deliver(?:y|ed|ies)|deliver(?:ed|y\s+of)\s+meals?"), " meals on wheels "),
        (WORDS_APART.format(r"home\s+care|in[\s-]+home\s+(?:care|help|services?)"), " home support "),
        # A life's end is the palliative care homes': "my dad is dying" found nothing.
        # Before "for whom", which takes "my dad is" away.
        (
            WORDS_APART.format(
                r"(?:mom|mother|mum|dad|father|parents?|wife|husband|partner|grandma|grandmother|grandpa|grandfather"
                r"|brother|sister|son|daughter|friend|he|she)\s+(?:is|was)\s+dying(?!\s+(?:to|of\s+(?:laughter|boredom))\b)"
                r"|end[\s-]+of[\s-]+life(?![\s-]+vehicles?)|terminally\s+ill|terminal\s+(?:cancer|illness)"
            ),
            " palliative care ",
        ),
        # An aging parent is the seniors' services, before the for-whom words take the parent:
        # "help for my elderly mother" listed the community groups first (their texts say "help"),
        # or an employment service (help wanted, alone, as much as the seniors).
        (
            WORDS_APART.format(
                r"(?:help\s+)?(?:for\s+)?(?:(?:my|our|an?)\s+)?(?:elderly|aging|ageing|old|senior|older)\s+(?:mom|mother|mum|dad|father"
                r"|parents?|grandmother|grandma|grandfather|grandpa|grandparents?|neighbou?rs?|relatives?)"
                r"(?:\s+(?:needs?|wants?)\s+(?:some\s+)?help)?"
            ),
            " seniors ",
        ),
        # For whom, when what is asked says what: "my son needs tutoring" found a French record
        # whose text says "à son rythme", "my mom has dementia" the family organizations.
        (
            WORDS_APART.format(
                r"(?:for\s+)?(?:my|our)\s+(?:mom|mother|mum|dad|father|parents?|son|daughter|kids?|child|children"
                r"|baby|wife|husband|partner|grandmother|grandma|grandfather|grandpa|friends?|neighbou?rs?|roommates?"
                r"|brothers?|sisters?|boyfriend|girlfriend)"
                r"(?:\s+(?:needs?|wants?|has|is))?"
            ),
            " ",
        ),
        # Despair said without the word, and self-harm: "i want to disappear" showed 9-8-8 over
        # no result, "i'm thinking of ending it" a recreation centre (a helper's probe). Said to
        # the end of the query: "my benefits are going to disappear", "end it early (a lease)"
        # are no despair (a reviewer's).
        (
            WORDS_APART.format(
                r"(?:(?:want|wanna)\s+to\s+(?:disappear|end\s+it)|(?:thinking|thought|think)\s+(?:of|about)\s+ending\s+it)"
                r"(?:\s+(?:all|forever|now|tonight|today))?(?=\s*[.!]*\s*$)|self[\s-]?harm(?:ing)?"
                r"|(?:cuts?|cutting)\s+(?:my|her|him|them)sel(?:f|ves)"
            ),
            " suicide ",
        ),
        # A plan or worthlessness said otherwise: "jump off the bridge" found no result, "what's the
        # point of living" Pointe-Claire's organizations (a helper's probe, stop 76).
        (
            WORDS_APART.format(
                r"jump(?:ing)?\s+off\s+(?:a|the|this|that)\s+(?:bridge|roof|building)|(?:point|reason)\s+(?:of|in|to)\s+living"
                r"|(?:my\s+)?life\s+is\s+worthless|bought\s+a\s+rope(?!\s+(?:for|ladder|swing|to)\b)"
                r"|(?:don'?t|do\s+not)\s+want\s+to\s+be\s+(?:here|alive)(?:\s+(?:anymore|any\s+more))?(?=\s*[.!]*\s*$)"
            ),
            " suicide ",
        ),
        # Loneliness said as felt: "i feel alone", "lonely at christmas" listed meals on wheels
        # and Christmas baskets, where "lonely" finds the listening lines.
        (
            WORDS_APART.format(
                r"(?:feel(?:ing)?|am|i'?m|im)\s+(?:(?:so|very|really|all)\s+)?(?:alone|lonely)(?!\s+with)"
                r"(?:\s+(?:for|at|on|over|during)\s+(?:christmas|the\s+holidays))?"
                r"|(?:alone|lonely)\s+(?:for|at|on|over|during)\s+(?:christmas|the\s+holidays)"
            ),
            " lonely ",
        ),
        # A shelter for men is a shelter: "men's shelter longueuil" listed men's groups.
        (
            WORDS_APART.format(r"men'?s\s+shelters?|shelters?\s+for\s+(?:homeless\s+)?men|homeless\s+men"),
            " homeless shelter ",
        ),
        (WORDS_APART.format(r"cyber[\s-]?bull(?:y|ying|ied)"), " bullying "),
        # Finding work is the job search: "find a job" listed newcomers' centres and a clothing bank.
        (
            WORDS_APART.format(r"(?:find|get|looking\s+for|need|want)\s+(?:a\s+)?(?:job|work)(?!\s+permit)"),
            " job search ",
        ),
    ],
}


def stem(word: str, lang: str) -> str:
    """The stem of a lower-cased word, as lunr.js's stemmer for the language gives it (but
    for the WHOLE_WORDS), a word spelled two ways as its first spelling's (SPELLINGS), an
    acronym's variants as the acronym (WORD_FAMILIES)."""
    word = SPELLINGS.get(lang, {}).get(word, word)
    word = next((family for pattern, family in FAMILY_PATTERNS if pattern.match(word)), word)
    if word in WHOLE_WORDS.get(lang, ()):
        return word
    if lang == "fr":
        plain = word.translate(DIAERESIS)
        return plain if stays_whole_in_french(plain) else _french_stemmer().stemWord(plain)
    # Porter's suffixes all end in a letter: a word ending in a digit keeps its own.
    return word if word[-1:] in DIGITS else _english_stemmer.stem(word)


# The letters Snowball's French stemmer takes for vowels (its grouping v).
FRENCH_VOWELS = frozenset("aeiouyâàëéêèïîôûù")
DIGITS = frozenset("0123456789")


def stays_whole_in_french(word: str) -> bool:
    """Whether the French stemmer gives the word back unchanged without running it: each of
    its steps needs a vowel but the one that drops a final "s"; and every suffix it takes off
    ends in a letter, so that a word ending in a digit changes only by its last step, which
    writes an "é" or "è" before final consonants as "e" ("g4wé0" is "g4we0"). Postal codes
    and numbers, most of a directory's words, then skip its pure-Python run (0.6 s of 1 at
    10,000 records; half of the rest was the postal codes with a vowel, "h2y1a4")."""
    if word[-1:] in DIGITS:
        return "é" not in word and "è" not in word
    return not word.endswith("s") and FRENCH_VOWELS.isdisjoint(word)


_TERMS: dict[str, dict[str, str | None]] = {}  # lang -> word -> term: a directory repeats the same words


def known_terms(lang: str) -> dict[str, str | None]:
    """The terms of the words met so far in a language (the build keeps them between builds:
    stemming is most of the index's work)."""
    return _TERMS.setdefault(lang, {})


def term(word: str, lang: str) -> str | None:
    """The index term of one lower-cased word, or None for a stop word."""
    known = known_terms(lang)
    if word not in known:
        known[word] = None if fold(word) in stop_words(lang) else fold(stem(word, lang))
    return known[word]


def terms(text: str, lang: str) -> list[str]:
    """The index terms of a text, in order (stop words dropped)."""
    return terms_of_words(words(text), lang)


def terms_of_words(found: list[str], lang: str) -> list[str]:
    """terms() of a text whose words (folding.words) are known already."""
    known = known_terms(lang)
    # Most words are known: looked up, not called for (4 million at 10,000 records), in C
    # loops (filterfalse, filter) rather than Python ones.
    for word in filterfalse(known.__contains__, found):
        term(word, lang)
    return list(filter(None, map(known.__getitem__, found)))
