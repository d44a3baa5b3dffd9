"""Write N fictitious organization records, for demonstrations and scale tests.

Usage: python scripts/generate_records.py N OUTDIR [--seed S] [--force]

Every record follows the data contract (docs/records.md): its categories come
from content/categories.yaml, its service area, cities and coordinates from
content/territories.yaml. The same N and seed always give byte-identical files. The
records are spread over the regions roughly like Quebec's population, and any run of
150 records or more (in fact of 20 or more) uses all 20 categories and all 17 regions.

The YAML is written as text (strings through json.dumps, which YAML reads back
unchanged): 20,000 records take a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
MAX_RECORDS = 50_000
MAX_ID = 80
# Records verified more than REVIEW_DAYS before this date are stale (about 15 % of them).
REFERENCE_DATE = dt.date(2026, 11, 23)
REVIEW_DAYS = 365
FIRST_DATE = dt.date(2024, 1, 1)
LAST_DATE = dt.date(2026, 11, 15)
HEADER = (
    "# yaml-language-server: $schema=../../schema/organization.schema.json\n"
    "# Organisme fictif — données de démonstration / Fictitious organization — demonstration data\n"
)

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def q(value: str) -> str:
    """A string as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def make_id(name: str) -> str:
    """The id a French name gives: ASCII lowercase words joined by hyphens, at most 80 characters."""
    text = unicodedata.normalize("NFKD", name.translate(_LIGATURES)).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[: MAX_ID + 1].rsplit("-", 1)[0].strip("-")
    return slug


def de(place: str) -> str:
    """French 'of' before a place name: de Rimouski, d'Alma, des Escoumins, du Bic."""
    if place.startswith("Les "):
        return "des " + place[4:]
    if place.startswith("Le "):
        return "du " + place[3:]
    if unicodedata.normalize("NFKD", place[0])[0] in "AEIOUY":
        return "d'" + place
    return "de " + place


# --- the vocabulary of the records ---------------------------------------------------
# Each category: kinds of organizations (name heads), what they offer, for whom, the
# services they run (name, description) and related categories for secondary ones.

CATEGORY_TEXT = {
    "action-communautaire": {
        "kinds": [
            ("Centre communautaire", "Community Centre"),
            ("Comité de citoyens", "Citizens' Committee"),
            ("Centre d'action bénévole", "Volunteer Centre"),
            ("Entraide & Partage", "Help & Share"),
            ("Carrefour communautaire", "Community Hub"),
            ("Table de concertation", "Community Round Table"),
        ],
        "offers": [
            ("des activités d'éducation populaire", "popular education activities"),
            ("un jumelage de bénévoles", "volunteer matching"),
            ("des comités de citoyens sur l'aménagement du quartier", "citizens' committees on neighbourhood planning"),
            ("un café communautaire", "a community café"),
            ("des fêtes de quartier", "neighbourhood festivals"),
            ("de l'accompagnement pour les projets collectifs", "support for collective projects"),
        ],
        "publics": [
            ("les résidents du quartier", "neighbourhood residents"),
            ("les citoyens engagés", "engaged citizens"),
        ],
        "services": [
            (
                "Bénévolat",
                "Volunteering",
                "Jumelage de bénévoles avec les organismes et les personnes qui ont besoin d'un coup de main.",
                "Matching volunteers with organizations and people who need a hand.",
            ),
            (
                "Accompagnement-transport",
                "Volunteer drivers",
                "Des bénévoles conduisent les personnes à leurs rendez-vous médicaux.",
                "Volunteers drive people to their medical appointments.",
            ),
            (
                "Café communautaire",
                "Community café",
                "Un lieu pour se rencontrer autour d'un café à prix modique.",
                "A place to meet over an inexpensive coffee.",
            ),
            (
                "Comité citoyen",
                "Citizens' committee",
                "Rencontres mensuelles pour agir ensemble sur les enjeux du quartier.",
                "Monthly meetings to act together on neighbourhood issues.",
            ),
        ],
        "related": [
            "alimentation",
            "aines",
            "soutien-psychosocial",
            "assistance-materielle-et-logement",
            "sports-et-loisirs",
        ],
    },
    "aines": {
        "kinds": [
            ("Popote roulante", "Meals on Wheels"),
            ("Association des aînés", "Seniors' Association"),
            ("Centre de jour pour aînés", "Seniors' Day Centre"),
            ("Service d'aide à domicile", "Home Support Service"),
            ("Regroupement des proches aidants", "Caregivers' Network"),
            ("Club de l'âge d'or", "Golden Age Club"),
        ],
        "offers": [
            ("des repas livrés à domicile", "home-delivered meals"),
            ("des visites d'amitié", "friendly visits"),
            ("des appels de bienveillance", "wellness check calls"),
            ("de l'aide aux tâches domestiques", "help with housekeeping"),
            ("du répit pour les proches aidants", "respite for caregivers"),
            ("des ateliers de prévention des chutes", "fall prevention workshops"),
        ],
        "publics": [
            ("les personnes aînées", "seniors"),
            ("les proches aidants", "caregivers"),
            ("les aînés qui vivent seuls", "seniors living alone"),
        ],
        "services": [
            (
                "Popote roulante",
                "Meals on wheels",
                "Repas chauds livrés le midi, trois fois par semaine.",
                "Hot lunches delivered three times a week.",
                65,
                None,
            ),
            (
                "Visites d'amitié",
                "Friendly visits",
                "Un bénévole rend visite chaque semaine aux personnes seules.",
                "A volunteer visits people living alone every week.",
                60,
                None,
            ),
            (
                "Appels de bienveillance",
                "Wellness calls",
                "Un appel chaque matin pour s'assurer que tout va bien.",
                "A call every morning to make sure all is well.",
                65,
                None,
            ),
            (
                "Répit aux proches aidants",
                "Caregiver respite",
                "Quelques heures de répit pendant qu'une intervenante prend le relais.",
                "A few hours off while a support worker takes over.",
            ),
        ],
        "related": ["sante", "soutien-psychosocial", "alimentation", "action-communautaire", "handicap-physique"],
    },
    "alimentation": {
        "kinds": [
            ("Cuisine collective", "Community Kitchen"),
            ("Banque alimentaire", "Food Bank"),
            ("Comptoir alimentaire", "Food Pantry"),
            ("Frigo solidaire", "Community Fridge"),
            ("Jardin collectif", "Community Garden"),
            ("Soupe populaire", "Soup Kitchen"),
        ],
        "offers": [
            ("du dépannage alimentaire d'urgence", "emergency food aid"),
            ("des paniers d'épicerie", "grocery baskets"),
            ("des cuisines collectives", "collective cooking groups"),
            ("des repas communautaires à prix modique", "low-cost community meals"),
            ("des ateliers de nutrition", "nutrition workshops"),
            ("des paniers de Noël", "Christmas baskets"),
        ],
        "publics": [
            ("les familles", "families"),
            ("les personnes à faible revenu", "people with low income"),
            ("les étudiants", "students"),
        ],
        "services": [
            (
                "Dépannage alimentaire",
                "Emergency food aid",
                "Un panier d'épicerie par mois, sur présentation d'une preuve d'adresse.",
                "One grocery basket a month, with proof of address.",
            ),
            (
                "Cuisine collective",
                "Collective kitchen",
                "Des groupes cuisinent ensemble des repas économiques à rapporter à la maison.",
                "Groups cook affordable meals together to take home.",
            ),
            (
                "Repas communautaire",
                "Community meal",
                "Un repas chaud servi le midi, à contribution volontaire.",
                "A hot lunch, pay what you can.",
            ),
            (
                "Paniers de Noël",
                "Christmas baskets",
                "Inscription en novembre pour un panier des Fêtes.",
                "Register in November for a holiday basket.",
            ),
        ],
        "related": [
            "enfance-et-famille",
            "itinerance",
            "aines",
            "action-communautaire",
            "assistance-materielle-et-logement",
        ],
    },
    "assistance-materielle-et-logement": {
        "kinds": [
            ("Comité logement", "Housing Committee"),
            ("Friperie", "Thrift Shop"),
            ("Coopérative d'habitation", "Housing Co-operative"),
            ("Ressourcerie", "Reuse Centre"),
            ("Association des locataires", "Tenants' Association"),
            ("Comptoir vestimentaire", "Clothing Bank"),
        ],
        "offers": [
            ("de l'information sur les droits des locataires", "information on tenants' rights"),
            ("de l'aide à la recherche de logement", "help finding housing"),
            ("des vêtements à petit prix", "low-cost clothing"),
            ("des meubles usagés", "used furniture"),
            ("un accompagnement au Tribunal administratif du logement", "support at the housing tribunal"),
            ("de l'aide pour les demandes de HLM", "help applying for low-rent housing"),
        ],
        "publics": [("les locataires", "tenants"), ("les ménages à faible revenu", "low-income households")],
        "services": [
            (
                "Information aux locataires",
                "Tenant information",
                "Réponses aux questions sur le bail, les hausses de loyer et les réparations.",
                "Answers to questions about leases, rent increases and repairs.",
            ),
            (
                "Recherche de logement",
                "Housing search",
                "Aide pour trouver un logement abordable, surtout autour du 1er juillet.",
                "Help finding affordable housing, especially around July 1.",
            ),
            (
                "Friperie",
                "Thrift shop",
                "Vêtements et articles de maison à petit prix.",
                "Low-cost clothing and household items.",
            ),
            (
                "Meubles usagés",
                "Used furniture",
                "Meubles offerts aux ménages à faible revenu, livraison possible.",
                "Furniture for low-income households, delivery available.",
            ),
        ],
        "related": ["itinerance", "alimentation", "justice-et-defense-des-droits", "emploi-et-revenu"],
    },
    "autochtones": {
        "kinds": [
            ("Centre d'amitié autochtone", "Native Friendship Centre"),
            ("Cercle de guérison", "Healing Circle"),
            ("Maison des Premières Nations", "First Nations House"),
            ("Regroupement des femmes autochtones", "Indigenous Women's Network"),
            ("Centre culturel autochtone", "Indigenous Cultural Centre"),
        ],
        "offers": [
            ("un accueil culturellement sécurisant", "a culturally safe welcome"),
            ("de l'accompagnement en santé et en services sociaux", "help with health and social services"),
            ("des activités culturelles et des cercles de partage", "cultural activities and sharing circles"),
            ("de l'hébergement de transition", "transitional housing"),
            ("du soutien aux étudiants autochtones", "support for Indigenous students"),
        ],
        "publics": [
            ("les membres des Premières Nations et les Inuit", "First Nations and Inuit people"),
            ("les familles autochtones", "Indigenous families"),
        ],
        "services": [
            (
                "Accompagnement",
                "Navigation support",
                "Une intervenante accompagne les personnes dans leurs démarches de santé et de services sociaux.",
                "A worker helps people through health and social service procedures.",
            ),
            (
                "Cercle de partage",
                "Sharing circle",
                "Rencontre hebdomadaire animée par un aîné.",
                "Weekly gathering led by an Elder.",
            ),
            (
                "Hébergement de transition",
                "Transitional housing",
                "Chambres pour les personnes venues en ville pour des soins.",
                "Rooms for people who come to the city for medical care.",
            ),
        ],
        "related": ["sante", "soutien-psychosocial", "itinerance", "education", "jeunesse"],
    },
    "education": {
        "kinds": [
            ("Centre d'alphabétisation", "Literacy Centre"),
            ("Aide aux devoirs", "Homework Help"),
            ("Centre d'éducation populaire", "Popular Education Centre"),
            ("Carrefour de la persévérance scolaire", "School Perseverance Hub"),
            ("Atelier d'informatique", "Computer Skills Workshop"),
        ],
        "offers": [
            ("des ateliers d'alphabétisation", "literacy workshops"),
            ("de l'aide aux devoirs", "homework help"),
            ("des cours de francisation", "French classes"),
            ("des ateliers d'informatique", "computer workshops"),
            ("du tutorat individuel", "one-on-one tutoring"),
            ("un soutien au retour aux études", "help going back to school"),
        ],
        "publics": [
            ("les enfants et les adultes", "children and adults"),
            ("les familles", "families"),
            ("les adultes qui veulent apprendre", "adults who want to learn"),
        ],
        "services": [
            (
                "Alphabétisation",
                "Literacy",
                "Ateliers en petits groupes pour apprendre à lire, écrire et compter.",
                "Small-group workshops to learn reading, writing and arithmetic.",
                16,
                None,
            ),
            (
                "Aide aux devoirs",
                "Homework help",
                "Des bénévoles aident les élèves du primaire après l'école.",
                "Volunteers help elementary students after school.",
                6,
                12,
            ),
            (
                "Initiation à l'informatique",
                "Computer basics",
                "Courriel, Internet et services en ligne, à son rythme.",
                "Email, the Internet and online services, at your own pace.",
            ),
        ],
        "related": ["jeunesse", "immigration-et-communautes-culturelles", "emploi-et-revenu", "enfance-et-famille"],
    },
    "emploi-et-revenu": {
        "kinds": [
            ("Service d'aide à l'emploi", "Employment Help Centre"),
            ("Clinique d'impôts", "Tax Clinic"),
            ("Association coopérative d'économie familiale", "Family Budget Co-operative"),
            ("Entreprise d'insertion", "Work Integration Enterprise"),
            ("Club de recherche d'emploi", "Job Search Club"),
        ],
        "offers": [
            ("de l'aide à la recherche d'emploi", "job search help"),
            ("des ateliers de rédaction de CV", "resume-writing workshops"),
            ("des consultations budgétaires", "budget counselling"),
            ("une clinique d'impôts gratuite", "a free tax clinic"),
            ("des stages en entreprise d'insertion", "work integration placements"),
            ("de l'information sur l'aide sociale", "information on social assistance"),
        ],
        "publics": [
            ("les personnes sans emploi", "unemployed people"),
            ("les personnes à faible revenu", "people with low income"),
        ],
        "services": [
            (
                "Clinique d'impôts",
                "Tax clinic",
                "Des bénévoles remplissent les déclarations de revenus des personnes à faible revenu.",
                "Volunteers prepare tax returns for people with low income.",
            ),
            (
                "Consultation budgétaire",
                "Budget counselling",
                "Rencontres confidentielles pour faire un budget ou régler des dettes.",
                "Confidential meetings to set a budget or deal with debt.",
            ),
            (
                "Recherche d'emploi",
                "Job search",
                "CV, lettre de présentation et préparation aux entrevues.",
                "Resume, cover letter and interview preparation.",
                16,
                None,
            ),
        ],
        "related": ["education", "jeunesse", "immigration-et-communautes-culturelles", "justice-et-defense-des-droits"],
    },
    "enfance-et-famille": {
        "kinds": [
            ("Maison de la famille", "Family Resource Centre"),
            ("Halte-garderie", "Drop-in Daycare"),
            ("Centre de ressources périnatales", "Perinatal Resource Centre"),
            ("Association des familles monoparentales", "Single Parents' Association"),
            ("Joujouthèque", "Toy Library"),
        ],
        "offers": [
            ("des ateliers parents-enfants", "parent-child workshops"),
            ("une halte-garderie", "a drop-in daycare"),
            ("des rencontres prénatales", "prenatal classes"),
            ("du soutien à l'allaitement", "breastfeeding support"),
            ("de l'aide à domicile après l'accouchement", "in-home help after childbirth"),
            ("des vêtements et articles pour bébés", "baby clothing and supplies"),
        ],
        "publics": [
            ("les familles", "families"),
            ("les futurs parents", "expectant parents"),
            ("les familles monoparentales", "single-parent families"),
        ],
        "services": [
            (
                "Halte-garderie",
                "Drop-in daycare",
                "Garde à l'heure des enfants de 18 mois à 5 ans pendant que les parents font leurs courses ou se reposent.",
                "Hourly care for children aged 18 months to 5 years while parents run errands or rest.",
                1,
                5,
            ),
            (
                "Ateliers parents-enfants",
                "Parent-child workshops",
                "Jeux, chansons et causeries pour les parents et leurs tout-petits.",
                "Games, songs and talks for parents and their little ones.",
                0,
                5,
            ),
            (
                "Relevailles",
                "Postpartum help",
                "Une aide à domicile pendant les premières semaines après la naissance.",
                "In-home help in the first weeks after birth.",
            ),
            (
                "Groupe d'allaitement",
                "Breastfeeding group",
                "Rencontres entre mères avec une marraine d'allaitement.",
                "Meetings between mothers with a breastfeeding mentor.",
            ),
        ],
        "related": ["alimentation", "education", "sexe-et-genre", "soutien-psychosocial", "sante"],
    },
    "handicap-intellectuel": {
        "kinds": [
            ("Association pour la déficience intellectuelle", "Intellectual Disability Association"),
            ("Centre de jour", "Day Centre"),
            ("Maison de répit", "Respite House"),
            ("Société de l'autisme", "Autism Society"),
            ("Camp adapté", "Adapted Camp"),
        ],
        "offers": [
            ("du répit pour les familles", "respite for families"),
            ("des activités de jour", "day activities"),
            ("un camp de jour adapté", "an adapted day camp"),
            ("des ateliers d'autonomie", "independent living workshops"),
            ("de la défense des droits", "rights advocacy"),
        ],
        "publics": [
            ("les personnes ayant une déficience intellectuelle", "people with an intellectual disability"),
            ("les personnes autistes et leurs familles", "autistic people and their families"),
        ],
        "services": [
            (
                "Répit de fin de semaine",
                "Weekend respite",
                "Séjours de fin de semaine encadrés par des éducateurs.",
                "Weekend stays supervised by educators.",
            ),
            (
                "Activités de jour",
                "Day program",
                "Ateliers, sorties et activités adaptées en petits groupes.",
                "Workshops, outings and adapted activities in small groups.",
                21,
                None,
            ),
            (
                "Camp d'été adapté",
                "Adapted summer camp",
                "Camp de jour avec un accompagnateur pour chaque enfant.",
                "Day camp with a companion for each child.",
                5,
                21,
            ),
        ],
        "related": ["handicap-physique", "enfance-et-famille", "sports-et-loisirs", "justice-et-defense-des-droits"],
    },
    "handicap-physique": {
        "kinds": [
            ("Association des personnes handicapées", "Association for People with Disabilities"),
            ("Transport adapté", "Paratransit"),
            ("Centre des sourds", "Deaf Centre"),
            ("Regroupement des personnes aveugles", "Blind People's Association"),
            ("Maison de l'accessibilité", "Accessibility House"),
        ],
        "offers": [
            ("du transport adapté", "paratransit"),
            ("des prêts d'équipement", "equipment loans"),
            ("de l'interprétation en LSQ", "Quebec Sign Language interpreting"),
            ("de la défense des droits", "rights advocacy"),
            ("des loisirs adaptés", "adapted recreation"),
        ],
        "publics": [
            ("les personnes ayant une limitation physique", "people with a physical disability"),
            ("les personnes sourdes ou malentendantes", "deaf and hard-of-hearing people"),
        ],
        "services": [
            (
                "Transport adapté",
                "Paratransit",
                "Transport porte-à-porte sur réservation la veille.",
                "Door-to-door rides booked the day before.",
            ),
            (
                "Prêt d'équipement",
                "Equipment loans",
                "Fauteuils roulants, marchettes et aides techniques prêtés gratuitement.",
                "Wheelchairs, walkers and assistive devices lent free of charge.",
            ),
            (
                "Interprétation LSQ",
                "LSQ interpreting",
                "Interprètes pour les rendez-vous médicaux et juridiques.",
                "Interpreters for medical and legal appointments.",
            ),
        ],
        "related": ["handicap-intellectuel", "sante", "sports-et-loisirs", "justice-et-defense-des-droits", "aines"],
    },
    "immigration-et-communautes-culturelles": {
        "kinds": [
            ("Centre d'accueil des nouveaux arrivants", "Newcomers' Welcome Centre"),
            ("Carrefour interculturel", "Intercultural Hub"),
            ("Service d'aide aux réfugiés", "Refugee Assistance Service"),
            ("Maison internationale", "International House"),
            ("Comité d'accueil", "Welcome Committee"),
        ],
        "offers": [
            ("de l'accueil et de l'orientation", "welcome and orientation"),
            ("de l'aide pour les démarches d'immigration", "help with immigration procedures"),
            ("des cours de francisation", "French classes"),
            ("des services d'interprète", "interpreting services"),
            ("du jumelage interculturel", "intercultural matching"),
            ("de l'aide à la recherche de logement", "help finding housing"),
        ],
        "publics": [
            ("les personnes immigrantes et réfugiées", "immigrants and refugees"),
            ("les demandeurs d'asile", "asylum seekers"),
            ("les travailleurs étrangers temporaires", "temporary foreign workers"),
        ],
        "services": [
            (
                "Accueil et installation",
                "Settlement services",
                "Aide pour les premières démarches : logement, école, assurance maladie.",
                "Help with first steps: housing, school, health insurance.",
            ),
            (
                "Francisation",
                "French classes",
                "Cours de français à temps partiel, le jour ou le soir.",
                "Part-time French classes, daytime or evening.",
                16,
                None,
            ),
            (
                "Interprétariat",
                "Interpreting",
                "Interprètes bénévoles en plus de 20 langues.",
                "Volunteer interpreters in over 20 languages.",
            ),
        ],
        "related": [
            "education",
            "emploi-et-revenu",
            "justice-et-defense-des-droits",
            "assistance-materielle-et-logement",
        ],
    },
    "itinerance": {
        "kinds": [
            ("Refuge", "Shelter"),
            ("Halte-chaleur", "Warming Centre"),
            ("Maison d'hébergement", "Emergency Housing"),
            ("Travail de rue", "Street Outreach"),
            ("Halte de nuit", "Overnight Drop-in"),
            ("Mission", "Mission"),
        ],
        "offers": [
            ("de l'hébergement d'urgence", "emergency shelter"),
            ("des repas chauds", "hot meals"),
            ("des douches et une buanderie", "showers and laundry"),
            ("du travail de rue", "street outreach"),
            ("de l'accompagnement vers un logement", "help moving into housing"),
            ("un casier et une adresse postale", "a locker and a mailing address"),
        ],
        "publics": [
            ("les personnes en situation d'itinérance", "people experiencing homelessness"),
            ("les personnes à risque de perdre leur logement", "people at risk of losing their housing"),
        ],
        "services": [
            (
                "Hébergement d'urgence",
                "Emergency shelter",
                "Lits pour la nuit, premier arrivé, premier servi.",
                "Beds for the night, first come, first served.",
                18,
                None,
            ),
            (
                "Halte-chaleur",
                "Warming centre",
                "Un endroit chaud, une soupe et un café pendant les grands froids.",
                "A warm place, soup and coffee during cold snaps.",
            ),
            (
                "Travail de rue",
                "Street outreach",
                "Des intervenants vont à la rencontre des personnes là où elles sont.",
                "Outreach workers meet people where they are.",
            ),
            (
                "Douches et buanderie",
                "Showers and laundry",
                "Douches, produits d'hygiène et lavage de vêtements.",
                "Showers, hygiene products and laundry.",
            ),
        ],
        "related": [
            "alimentation",
            "sante-mentale-et-dependances",
            "assistance-materielle-et-logement",
            "soutien-psychosocial",
        ],
    },
    "jeunesse": {
        "kinds": [
            ("Maison des jeunes", "Youth Centre"),
            ("Carrefour jeunesse-emploi", "Youth Employment Centre"),
            ("Auberge du cœur", "Youth Shelter"),
            ("Travail de milieu jeunesse", "Youth Outreach"),
            ("Club des jeunes", "Youth Club"),
        ],
        "offers": [
            ("un lieu de rencontre animé", "a supervised drop-in space"),
            ("de l'aide à l'emploi", "employment help"),
            ("de l'hébergement pour les jeunes en difficulté", "housing for youth in difficulty"),
            ("des ateliers de prévention", "prevention workshops"),
            ("du soutien au raccrochage scolaire", "help returning to school"),
        ],
        "publics": [("les jeunes de 12 à 17 ans", "youth aged 12 to 17"), ("les jeunes adultes", "young adults")],
        "services": [
            (
                "Maison des jeunes",
                "Youth drop-in",
                "Jeux, projets et discussions avec des animateurs, après l'école.",
                "Games, projects and discussions with youth workers, after school.",
                12,
                17,
            ),
            (
                "Aide à l'emploi jeunesse",
                "Youth employment help",
                "Accompagnement vers un premier emploi ou un retour aux études.",
                "Support toward a first job or going back to school.",
                16,
                35,
            ),
            (
                "Hébergement jeunesse",
                "Youth shelter",
                "Quelques semaines d'hébergement et de soutien pour se remettre sur pied.",
                "A few weeks of housing and support to get back on one's feet.",
                18,
                30,
            ),
        ],
        "related": ["education", "emploi-et-revenu", "sports-et-loisirs", "sante-mentale-et-dependances", "itinerance"],
    },
    "justice-et-defense-des-droits": {
        "kinds": [
            ("Centre d'aide aux victimes d'actes criminels", "Crime Victims Assistance Centre"),
            ("Clinique juridique", "Legal Clinic"),
            ("Organisme de justice alternative", "Restorative Justice Organization"),
            ("Service de médiation citoyenne", "Community Mediation Service"),
            ("Ligue des droits", "Rights League"),
        ],
        "offers": [
            ("de l'information juridique", "legal information"),
            ("du soutien aux victimes d'actes criminels", "support for victims of crime"),
            ("de la médiation entre voisins", "neighbour mediation"),
            ("de l'accompagnement à la cour", "court accompaniment"),
            ("des ateliers sur les droits", "rights workshops"),
        ],
        "publics": [("toute personne", "everyone"), ("les victimes et les témoins", "victims and witnesses")],
        "services": [
            (
                "Information juridique",
                "Legal information",
                "Une avocate répond aux questions, sans frais, sur rendez-vous.",
                "A lawyer answers questions, free of charge, by appointment.",
            ),
            (
                "Médiation citoyenne",
                "Community mediation",
                "Des médiateurs bénévoles aident à régler les conflits de voisinage.",
                "Volunteer mediators help settle disputes between neighbours.",
            ),
            (
                "Accompagnement à la cour",
                "Court accompaniment",
                "Préparation au témoignage et présence au palais de justice.",
                "Preparation to testify and support at the courthouse.",
            ),
        ],
        "related": [
            "sexe-et-genre",
            "assistance-materielle-et-logement",
            "immigration-et-communautes-culturelles",
            "emploi-et-revenu",
        ],
    },
    "sante": {
        "kinds": [
            ("Clinique communautaire", "Community Clinic"),
            ("Centre de santé", "Health Centre"),
            ("Maison de soins palliatifs", "Palliative Care Home"),
            ("Clinique de vaccination", "Vaccination Clinic"),
            ("Association des personnes diabétiques", "Diabetes Association"),
        ],
        "offers": [
            ("des consultations infirmières sans rendez-vous", "walk-in nursing consultations"),
            ("de la vaccination", "vaccination"),
            ("des soins palliatifs", "palliative care"),
            ("des groupes de soutien pour les personnes malades", "support groups for people living with illness"),
            ("des ateliers de prévention", "prevention workshops"),
            ("du transport pour les rendez-vous médicaux", "rides to medical appointments"),
        ],
        "publics": [
            ("les personnes sans médecin de famille", "people without a family doctor"),
            ("les personnes atteintes de maladies chroniques", "people with chronic illnesses"),
        ],
        "services": [
            (
                "Clinique sans rendez-vous",
                "Walk-in clinic",
                "Consultations infirmières pour les problèmes de santé courants.",
                "Nursing consultations for common health problems.",
            ),
            (
                "Vaccination",
                "Vaccination",
                "Vaccins de routine et vaccin antigrippal, avec la carte d'assurance maladie.",
                "Routine vaccines and flu shots, with a health insurance card.",
            ),
            (
                "Groupe de soutien",
                "Support group",
                "Rencontres mensuelles entre personnes qui vivent avec la même maladie.",
                "Monthly meetings of people living with the same illness.",
            ),
        ],
        "related": ["sante-mentale-et-dependances", "aines", "handicap-physique", "soutien-psychosocial"],
    },
    "sante-mentale-et-dependances": {
        "kinds": [
            ("Centre de prévention du suicide", "Suicide Prevention Centre"),
            ("Centre de crise", "Crisis Centre"),
            ("Groupe d'entraide en santé mentale", "Mental Health Peer Support Group"),
            ("Centre de réadaptation en dépendance", "Addiction Recovery Centre"),
            ("Ressource alternative en santé mentale", "Alternative Mental Health Resource"),
        ],
        "offers": [
            ("de l'intervention de crise 24 heures sur 24", "24-hour crisis intervention"),
            ("une ligne de prévention du suicide", "a suicide prevention line"),
            ("des groupes d'entraide", "peer support groups"),
            ("de l'accompagnement pour réduire la consommation", "help to cut down on substance use"),
            ("du matériel de réduction des méfaits", "harm reduction supplies"),
            ("du soutien aux proches", "support for family and friends"),
        ],
        "publics": [
            ("les personnes en détresse", "people in distress"),
            ("les proches de personnes atteintes", "families and friends"),
            ("les personnes aux prises avec une dépendance", "people living with an addiction"),
        ],
        "services": [
            (
                "Intervention de crise",
                "Crisis intervention",
                "Une équipe répond au téléphone et se déplace au besoin, jour et nuit.",
                "A team answers the phone and comes to you if needed, day and night.",
            ),
            (
                "Groupe d'entraide",
                "Peer support group",
                "Rencontres entre pairs animées par une intervenante.",
                "Peer meetings facilitated by a worker.",
                18,
                None,
            ),
            (
                "Réduction des méfaits",
                "Harm reduction",
                "Matériel stérile, naloxone et écoute, sans jugement.",
                "Sterile supplies, naloxone and a listening ear, without judgment.",
            ),
        ],
        "related": ["soutien-psychosocial", "itinerance", "sante", "jeunesse"],
    },
    "services-gouvernementaux": {
        "kinds": [
            ("Bureau de services aux citoyens", "Citizen Services Office"),
            ("Point de service municipal", "Municipal Service Point"),
            ("Comptoir d'information citoyenne", "Citizen Information Desk"),
            ("Bureau d'accès aux programmes", "Program Access Office"),
        ],
        "offers": [
            ("de l'aide pour remplir les formulaires gouvernementaux", "help filling in government forms"),
            ("de l'information sur les prestations", "information on benefits"),
            ("le renouvellement de documents officiels", "renewal of official documents"),
            ("un accès à des ordinateurs publics", "public computer access"),
        ],
        "publics": [("tous les citoyens", "all residents"), ("les nouveaux résidents", "new residents")],
        "services": [
            (
                "Aide aux formulaires",
                "Form-filling help",
                "Un agent aide à remplir les demandes de prestations et de documents.",
                "A clerk helps with applications for benefits and documents.",
            ),
            (
                "Documents officiels",
                "Official documents",
                "Demandes de certificats, permis et cartes, avec ou sans rendez-vous.",
                "Applications for certificates, licences and cards, with or without an appointment.",
            ),
        ],
        "related": ["emploi-et-revenu", "immigration-et-communautes-culturelles", "aines"],
    },
    "sexe-et-genre": {
        "kinds": [
            ("Centre de femmes", "Women's Centre"),
            ("Maison d'hébergement pour femmes", "Women's Shelter"),
            ("Centre d'aide contre les agressions sexuelles", "Sexual Assault Centre"),
            ("Groupe d'aide aux hommes", "Men's Support Group"),
            ("Centre communautaire LGBTQ+", "LGBTQ+ Community Centre"),
            ("Clinique de santé sexuelle", "Sexual Health Clinic"),
        ],
        "offers": [
            (
                "de l'hébergement pour les femmes victimes de violence conjugale",
                "shelter for women experiencing domestic violence",
            ),
            ("des groupes de soutien", "support groups"),
            ("une ligne d'écoute confidentielle", "a confidential listening line"),
            ("du dépistage des ITSS", "STBBI testing"),
            ("des ateliers sur les relations égalitaires", "workshops on healthy relationships"),
            ("de l'accompagnement dans les démarches judiciaires", "support through legal procedures"),
        ],
        "publics": [
            ("les femmes", "women"),
            ("les hommes en difficulté", "men going through hard times"),
            ("les personnes LGBTQ+", "LGBTQ+ people"),
        ],
        "services": [
            (
                "Hébergement sécuritaire",
                "Safe shelter",
                "Hébergement confidentiel pour les femmes et leurs enfants, adresse tenue secrète.",
                "Confidential shelter for women and their children, at an undisclosed address.",
            ),
            (
                "Groupe de soutien",
                "Support group",
                "Rencontres hebdomadaires en petit groupe, confidentielles.",
                "Weekly small-group meetings, confidential.",
                18,
                None,
            ),
            (
                "Dépistage ITSS",
                "STBBI testing",
                "Dépistage anonyme et gratuit, avec ou sans rendez-vous.",
                "Free, anonymous testing, with or without an appointment.",
                14,
                None,
            ),
        ],
        "related": ["justice-et-defense-des-droits", "soutien-psychosocial", "sante", "enfance-et-famille"],
    },
    "soutien-psychosocial": {
        "kinds": [
            ("Centre d'écoute", "Listening Centre"),
            ("Groupe d'entraide", "Self-Help Group"),
            ("Service de soutien au deuil", "Grief Support Service"),
            ("Ligne d'écoute", "Helpline"),
            ("Maison de la solidarité", "Solidarity House"),
        ],
        "offers": [
            ("de l'écoute téléphonique", "a telephone listening line"),
            ("des groupes de soutien au deuil", "grief support groups"),
            ("des rencontres individuelles", "one-on-one meetings"),
            ("des activités pour briser l'isolement", "activities to break isolation"),
            ("de la référence vers les bonnes ressources", "referrals to the right services"),
        ],
        "publics": [
            ("toute personne qui a besoin de parler", "anyone who needs to talk"),
            ("les personnes endeuillées", "bereaved people"),
            ("les personnes isolées", "isolated people"),
        ],
        "services": [
            (
                "Écoute téléphonique",
                "Listening line",
                "Des bénévoles formés écoutent, sans jugement et en toute confidentialité.",
                "Trained volunteers listen, without judgment and in confidence.",
            ),
            (
                "Groupe de deuil",
                "Grief group",
                "Huit rencontres en petit groupe pour traverser le deuil.",
                "Eight small-group meetings to get through grief.",
                18,
                None,
            ),
            (
                "Rencontres individuelles",
                "One-on-one meetings",
                "Une intervenante vous reçoit pour faire le point et trouver des pistes.",
                "A worker meets with you to take stock and find a way forward.",
            ),
        ],
        "related": ["sante-mentale-et-dependances", "aines", "sexe-et-genre", "action-communautaire"],
    },
    "sports-et-loisirs": {
        "kinds": [
            ("Club de plein air", "Outdoor Club"),
            ("Centre de loisirs", "Recreation Centre"),
            ("Association sportive", "Sports Association"),
            ("Camp de jour", "Day Camp"),
            ("Maison de la culture", "Arts Centre"),
        ],
        "offers": [
            ("des activités sportives à faible coût", "low-cost sports"),
            ("un camp de jour estival", "a summer day camp"),
            ("des sorties de plein air", "outdoor outings"),
            ("des ateliers d'art", "art workshops"),
            ("le prêt d'équipement sportif", "sports equipment loans"),
        ],
        "publics": [
            ("les familles", "families"),
            ("les jeunes", "young people"),
            ("les adultes de tous âges", "adults of all ages"),
        ],
        "services": [
            (
                "Camp de jour",
                "Day camp",
                "Camp d'été de huit semaines, tarif réduit selon le revenu.",
                "Eight-week summer camp, with income-based rates.",
                5,
                12,
            ),
            (
                "Accès-Loisirs",
                "Free recreation",
                "Activités sportives et culturelles gratuites pour les personnes à faible revenu.",
                "Free sports and cultural activities for people with low income.",
            ),
            (
                "Prêt d'équipement",
                "Equipment lending",
                "Raquettes, skis et vélos prêtés à la journée.",
                "Snowshoes, skis and bikes lent by the day.",
            ),
        ],
        "related": ["jeunesse", "enfance-et-famille", "handicap-intellectuel", "action-communautaire"],
    },
}

PROPER_NAMES = [
    "L'Escale",
    "Le Phare",
    "La Passerelle",
    "Le Tournesol",
    "L'Envol",
    "La Boussole",
    "Le Relais",
    "L'Oasis",
    "Le Havre",
    "La Source",
    "L'Entre-Deux",
    "Le Carrefour",
    "La Ruche",
    "Le Pignon",
    "L'Arc-en-ciel",
    "La Maisonnée",
    "Le Grenier",
    "L'Accalmie",
    "La Chrysalide",
    "Le Quai",
    "L'Îlot",
    "La Traversée",
    "Le Sillon",
    "L'Élan",
    "La Marée",
    "Le Fanal",
    "Le Nid",
    "L'Ancrage",
]

GENERIC_SENTENCES = [
    (
        "L'accueil est chaleureux, confidentiel et sans jugement.",
        "Everyone is welcomed warmly, confidentially and without judgment.",
    ),
    (
        "« Ici, personne n'est laissé de côté », résume la coordonnatrice.",
        '"Here, no one is left behind," says the coordinator.',
    ),
    (
        "Les personnes à mobilité réduite & leurs proches sont les bienvenus.",
        "People with reduced mobility & their families are welcome.",
    ),
    (
        "L'organisme travaille avec le CLSC et les écoles du secteur.",
        "The organization works with the local CLSC and schools.",
    ),
    ("Les activités sont gratuites ou à faible coût.", "Activities are free or low-cost."),
    ("Une intervenante peut vous rencontrer à domicile au besoin.", "A worker can meet you at home if needed."),
    (
        "Les dons d'argent, de nourriture & de vêtements sont acceptés toute l'année.",
        "Donations of money, food & clothing are welcome all year round.",
    ),
    (
        "L'organisme est membre du regroupement régional des organismes communautaires.",
        "The organization is a member of the regional network of community groups.",
    ),
]
FICTITIOUS = [
    ("Organisme fictif — données de démonstration.", "Fictitious organization — demonstration data."),
    (
        "Organisme fictif : cette fiche sert uniquement à la démonstration du répertoire.",
        "Fictitious organization: this record only demonstrates the directory.",
    ),
]

ELIGIBILITY = [
    ("Résidents du territoire desservi", "Residents of the area served"),
    (
        "Personnes à faible revenu, sur présentation d'une preuve de revenu",
        "People with low income, with proof of income",
    ),
    ("Sur référence d'un CLSC ou d'un organisme partenaire", "By referral from a CLSC or a partner organization"),
    ("Ouvert à tous", "Open to everyone"),
    ("Membres de l'organisme", "Members of the organization"),
]
FEES = [
    ("Gratuit", "Free"),
    ("Contribution volontaire", "Pay what you can"),
    ("5 $ par visite", "$5 per visit"),
    ("Carte de membre : 10 $ par année", "Membership: $10 a year"),
    ("Tarif selon le revenu", "Sliding scale based on income"),
]
APPLICATION = [
    ("Sans rendez-vous", "Walk in"),
    ("Sur rendez-vous, par téléphone", "By appointment, by phone"),
    ("Inscription en ligne ou par téléphone", "Register online or by phone"),
    ("Présentez-vous à l'accueil avec une pièce d'identité", "Come to the front desk with an ID"),
    ("Appelez d'abord : une intervenante évalue vos besoins", "Call first: a worker will assess your needs"),
]
ACCESSIBILITY = [
    ("Entrée accessible en fauteuil roulant", "Wheelchair-accessible entrance"),
    ("Ascenseur et toilettes adaptées", "Elevator and accessible washrooms"),
    ("Accès par l'arrière du bâtiment, rampe d'accès", "Ramp at the back of the building"),
    ("Escalier seulement : pas d'accès en fauteuil roulant", "Stairs only: not wheelchair accessible"),
    ("Près d'un arrêt d'autobus, stationnement gratuit", "Near a bus stop, free parking"),
]
MAIN_SITE = [
    ("Point de service principal", "Main site"),
    ("Siège social", "Head office"),
    ("Bureau principal", "Main office"),
]
OTHER_SITE = [
    ("Point de service", "service point"),
    ("Halte-accueil", "drop-in centre"),
    ("Bureau de quartier", "neighbourhood office"),
]
STREET_KINDS = ["rue"] * 12 + ["boulevard"] * 3 + ["avenue"] * 3 + ["chemin"] * 2 + ["route"]
STREET_NAMES = [
    "Principale",
    "Saint-Jean",
    "Notre-Dame",
    "de l'Église",
    "des Érables",
    "Champlain",
    "Laurier",
    "King",
    "Wellington",
    "du Couvent",
    "Saint-Laurent",
    "Cartier",
    "Racine",
    "des Pins",
    "du Moulin",
    "Sainte-Anne",
    "Papineau",
    "Dufferin",
    "de la Gare",
    "du Parc",
    "Saint-Georges",
    "Frontenac",
    "des Écoles",
    "Victoria",
    "Jacques-Cartier",
    "de la Fabrique",
    "Radisson",
    "Marie-Victorin",
    "Sherbrooke",
    "Ontario",
    "Belvédère",
]
UNITS = ["bureau 200", "local 104", "2e étage", "bureau 3", "porte C"]
EMAIL_BOXES = ["info", "accueil", "direction", "benevolat", "coordination", "intervention"]
OTHER_LANGUAGES = ["es", "ar", "zh", "vi", "pt", "ht", "fa", "ru", "it", "ta", "pa", "tl", "uk", "ro", "sw"]

# Population of each region (thousands, rounded): records follow it.
REGION_WEIGHTS = {
    "bas-saint-laurent": 197,
    "saguenay-lac-saint-jean": 277,
    "capitale-nationale": 752,
    "mauricie": 273,
    "estrie": 334,
    "montreal": 2004,
    "outaouais": 402,
    "abitibi-temiscamingue": 148,
    "cote-nord": 91,
    "nord-du-quebec": 46,
    "gaspesie-iles-de-la-madeleine": 91,
    "chaudiere-appalaches": 434,
    "laval": 438,
    "lanaudiere": 532,
    "laurentides": 634,
    "monteregie": 1550,
    "centre-du-quebec": 253,
}
AREA_CODES = {
    "montreal": ("514", "438"),
    "laval": ("450", "579"),
    "monteregie": ("450", "579"),
    "laurentides": ("450", "579"),
    "lanaudiere": ("450", "579"),
    "bas-saint-laurent": ("418", "581"),
    "saguenay-lac-saint-jean": ("418", "581"),
    "capitale-nationale": ("418", "581"),
    "chaudiere-appalaches": ("418", "581"),
    "cote-nord": ("418", "581"),
    "gaspesie-iles-de-la-madeleine": ("418", "581"),
    "mauricie": ("819", "873"),
    "estrie": ("819", "873"),
    "outaouais": ("819", "873"),
    "abitibi-temiscamingue": ("819", "873"),
    "nord-du-quebec": ("819", "873"),
    "centre-du-quebec": ("819", "873"),
}
# First two characters of the postal codes of each region.
POSTAL_PREFIXES = {
    "bas-saint-laurent": ["G5", "G0"],
    "saguenay-lac-saint-jean": ["G7", "G8"],
    "capitale-nationale": ["G1", "G2", "G3"],
    "mauricie": ["G8", "G9"],
    "estrie": ["J1", "J0"],
    "montreal": ["H1", "H2", "H3", "H4", "H8", "H9"],
    "outaouais": ["J8", "J9"],
    "abitibi-temiscamingue": ["J9", "J0"],
    "cote-nord": ["G4", "G5"],
    "nord-du-quebec": ["G8", "J0"],
    "gaspesie-iles-de-la-madeleine": ["G4", "G0"],
    "chaudiere-appalaches": ["G6"],
    "laval": ["H7"],
    "lanaudiere": ["J5", "J6", "J0"],
    "laurentides": ["J7", "J8"],
    "monteregie": ["J2", "J3", "J4", "J6"],
    "centre-du-quebec": ["J2", "G6"],
}
POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"
TOLL_FREE = ("800", "888", "877", "866")
# Holidays: (date, closed?, fr, en); the others are half days.
HOLIDAYS = [
    ("2026-12-24", False, "Veille de Noël", "Christmas Eve"),
    ("2026-12-25", True, "Noël", "Christmas Day"),
    ("2026-12-26", True, "Lendemain de Noël", "Boxing Day"),
    ("2026-12-31", False, "Veille du jour de l'An", "New Year's Eve"),
    ("2027-01-01", True, "Jour de l'An", "New Year's Day"),
    ("2027-01-02", True, "Lendemain du jour de l'An", "Day after New Year's Day"),
    ("2027-03-26", True, "Vendredi saint", "Good Friday"),
    ("2027-05-24", True, "Journée nationale des patriotes", "National Patriots' Day"),
]
WEEKDAYS = ["mo", "tu", "we", "th", "fr"]
ALL_DAYS = WEEKDAYS + ["sa", "su"]
ROUND_THE_CLOCK = {"itinerance", "sante-mentale-et-dependances", "soutien-psychosocial", "sexe-et-genre"}


# --- reading the vocabularies -------------------------------------------------------


def load_vocabularies(content: Path = CONTENT) -> tuple[list[str], list[dict], str]:
    """Category slugs, regions (with their municipalities) and the whole territory's slug from content/."""

    def read(name):
        with open(content / name, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    categories = [item["slug"] for item in read("categories.yaml")]
    missing = [slug for slug in categories if slug not in CATEGORY_TEXT]
    if missing:
        raise SystemExit(f"generate_records: no texts for categories {', '.join(missing)}; add them to CATEGORY_TEXT")
    territories = read("territories.yaml")
    regions = []
    for region in territories["regions"]:
        towns = []
        for town in region.get("municipalities") or []:
            name = town["name"] if isinstance(town["name"], str) else town["name"]["fr"]
            towns.append(
                {
                    "slug": town["slug"],
                    "name": name,
                    "mrc": town.get("mrc"),
                    "lat": float(town["coordinates"][0]),
                    "lon": float(town["coordinates"][1]),
                }
            )
        if not towns:
            raise SystemExit(f"generate_records: region {region['slug']} has no municipality in territories.yaml")
        regions.append(
            {
                "slug": region["slug"],
                "towns": towns,
                # the main city (listed first) gets about half of a region's records
                "town_weights": [len(towns)] + [1] * (len(towns) - 1),
            }
        )
    return categories, regions, territories["territory"]["whole"]["slug"]


# --- one record -------------------------------------------------------------------


class RecordMaker:
    """Builds records one after the other; keeps the ids unique."""

    def __init__(self, seed: int, content: Path = CONTENT):
        self.rng = random.Random(seed)
        self.categories, self.regions, self.whole = load_vocabularies(content)
        self.region_weights = [REGION_WEIGHTS.get(r["slug"], 100) for r in self.regions]
        self.used_ids: set[str] = set()
        self.next_number: dict[str, int] = {}
        self.first_stale = REFERENCE_DATE - dt.timedelta(days=REVIEW_DAYS + 1)

    # helpers
    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def unique_id(self, name: str) -> str:
        """The id of a French name, with -2, -3... when another record already has it."""
        base = make_id(name) or "organisme"
        candidate, number = base, self.next_number.get(base, 1)
        if number > 1 or candidate in self.used_ids:
            while True:
                number += 1
                suffix = f"-{number}"
                candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
                if candidate not in self.used_ids:
                    break
        self.next_number[base] = number
        self.used_ids.add(candidate)
        return candidate

    def make(self, index: int) -> tuple[str, str]:
        """Record number `index`: (id, YAML text)."""
        rng = self.rng
        # The first records go through every category and every region, so that any run of
        # 20 records or more has them all; then categories are uniform, regions by population.
        primary = self.categories[index] if index < len(self.categories) else self.pick(self.categories)
        region = self.regions[index] if index < len(self.regions) else rng.choices(self.regions, self.region_weights)[0]
        home = rng.choices(region["towns"], region["town_weights"])[0]
        text = CATEGORY_TEXT[primary]
        english = not self.chance(0.10)

        categories = [primary]
        for _ in range(rng.choices([0, 1, 2], [45, 40, 15])[0]):
            pool = text["related"] if self.chance(0.8) else self.categories
            other = self.pick(pool)
            if other not in categories:
                categories.append(other)

        # name
        kind_fr, kind_en = self.pick(text["kinds"])
        style = rng.random()
        if style < 0.06:
            proper = self.pick(PROPER_NAMES)
            name = self.pick([proper, f"{proper} & Cie", f"{proper} – {home['name']}"])
            name_fr = name_en = name
        elif style < 0.50:
            name = None
            name_fr, name_en = f"{kind_fr} {de(home['name'])}", f"{home['name']} {kind_en}"
        else:
            name = None
            proper = self.pick(PROPER_NAMES)
            if self.chance(0.1):
                name_fr, name_en = f"{kind_fr} « {proper} »", f'"{proper}" {kind_en}'
            else:
                name_fr, name_en = f"{kind_fr} {proper}", f"{proper} {kind_en}"
        record_id = self.unique_id(name_fr)

        out = [HEADER, f"id: {record_id}\n"]
        if name is not None:
            out.append(f"name: {q(name)}\n")
        else:
            out.append(self.block("name", name_fr, name_en, english))
        if self.chance(0.2):
            acronym = "".join(
                word[0]
                for word in re.split(r"[\s'’-]+", name_fr)
                if word[:1].isalpha() and (word[0].isupper() or len(word) > 3)
            ).upper()
            if 2 <= len(acronym) <= 8:
                out.append(f"alternate_names: [{q(acronym)}]\n")

        # description
        territory_wide = index >= len(self.regions) and self.chance(0.05)
        offers = rng.sample(text["offers"], min(len(text["offers"]), 3))
        public = self.pick(text["publics"])
        if territory_wide:
            area = ("de partout au Québec", "across Quebec")
        else:
            area = self.pick([(de(home["name"]), f"in {home['name']}"), ("du secteur", "in the area"), ("", "")])
        year = rng.randrange(1972, 2023)
        first = rng.randrange(3)
        if first == 0:
            fr = f"L'organisme offre {offers[0][0]} et {offers[1][0]} pour {public[0]} {area[0]}".rstrip() + "."
            en = f"The organization offers {offers[0][1]} and {offers[1][1]} for {public[1]} {area[1]}".rstrip() + "."
        elif first == 1:
            fr = f"On y trouve {offers[0][0]}, {offers[1][0]} et {offers[2][0]}."
            en = f"It provides {offers[0][1]}, {offers[1][1]} and {offers[2][1]}."
        else:
            fr = f"Depuis {year}, l'organisme offre {offers[0][0]} pour {public[0]} {area[0]}".rstrip() + "."
            en = f"Since {year}, the organization has offered {offers[0][1]} for {public[1]} {area[1]}".rstrip() + "."
        sentences = [(fr, en)]
        if first != 1 and self.chance(0.5):
            sentences.append((f"L'équipe propose aussi {offers[2][0]}.", f"The team also provides {offers[2][1]}."))
        if self.chance(0.45):
            sentences.append(self.pick(GENERIC_SENTENCES))
        sentences.append(self.pick(FICTITIOUS))
        out.append(
            self.block("description", " ".join(s[0] for s in sentences), " ".join(s[1] for s in sentences), english)
        )

        out.append(f"categories: [{', '.join(categories)}]\n")
        out.append(self.keywords(categories, kind_fr, kind_en, english))
        out.append(f"website: https://example.org/{record_id}\n")
        if self.chance(0.9):
            out.append(f"email: {self.pick(EMAIL_BOXES)}.{record_id[:40].rstrip('-')}@example.org\n")
        out.append(self.phones(region["slug"], primary, territory_wide, english))
        out.append(f"languages: [{', '.join(self.languages(primary, region['slug'], english))}]\n")

        if territory_wide:
            area_slugs = [self.whole]
        else:
            roll = rng.random()
            others = [t for t in region["towns"] if t is not home]
            if roll < 0.58:
                area_slugs = [region["slug"]]
            elif roll < 0.84 or (roll < 0.92 and not home["mrc"]) or not others:
                area_slugs = [home["slug"]]
            elif roll < 0.92:
                area_slugs = [home["mrc"]]
            else:
                area_slugs = [home["slug"], self.pick(others)["slug"]]
        out.append(f"service_area: [{', '.join(area_slugs)}]\n")
        out.append(f"status: {rng.choices(['active', 'temporarily_closed', 'inactive'], [92, 5, 3])[0]}\n")
        out.append(f"last_verified: {self.verified_date().isoformat()}\n")

        location_ids = []
        out.append("locations:\n")
        for k in range(rng.choices([1, 2, 3], [70, 22, 8])[0]):
            town = home if k == 0 or self.chance(0.5) else self.pick(region["towns"])
            location_ids.append(self.location(out, k, town, region["slug"], primary, english, location_ids))

        out.append("services:\n")
        pool = list(text["services"])
        if len(categories) > 1:
            pool += CATEGORY_TEXT[categories[1]]["services"][:2]
        seen = set()
        for service in rng.sample(pool, min(len(pool), rng.choices([1, 2, 3], [55, 33, 12])[0])):
            if service[0] in seen:
                continue
            seen.add(service[0])
            self.service(out, service, location_ids, english)
        return record_id, "".join(out)

    # parts of a record
    @staticmethod
    def inline(fr: str, en: str, english: bool) -> str:
        return f"{{fr: {q(fr)}, en: {q(en)}}}" if english else f"{{fr: {q(fr)}}}"

    @staticmethod
    def block(key: str, fr: str, en: str, english: bool, indent: str = "") -> str:
        text = f"{indent}{key}:\n{indent}  fr: {q(fr)}\n"
        return text + f"{indent}  en: {q(en)}\n" if english else text

    def keywords(self, categories, kind_fr, kind_en, english) -> str:
        text = CATEGORY_TEXT[categories[0]]
        pairs = [(kind_fr.lower(), kind_en.lower())] + [(s[0].lower(), s[1].lower()) for s in text["services"]]
        if len(categories) > 1:
            pairs += [(s[0].lower(), s[1].lower()) for s in CATEGORY_TEXT[categories[1]]["services"][:1]]
        chosen, seen = [], set()
        for fr, en in self.rng.sample(pairs, min(len(pairs), self.rng.randrange(2, 6))):
            if fr not in seen:
                seen.add(fr)
                chosen.append((fr, en))
        out = "keywords:\n  fr: [" + ", ".join(q(fr) for fr, _ in chosen) + "]\n"
        if english:
            out += "  en: [" + ", ".join(q(en) for _, en in chosen) + "]\n"
        return out

    def phone_number(self, region_slug: str, toll_free: bool = False) -> str:
        rng = self.rng
        line = f"555-01{rng.randrange(100):02d}"
        if toll_free:
            area = self.pick(TOLL_FREE)
            return self.pick([f"1 {area} {line}", f"1-{area}-{line}", f"1 {area} {line.replace('-', ' ')}"])
        area = rng.choices(AREA_CODES.get(region_slug, ("514", "438")), [80, 20])[0]
        number = self.pick([f"{area} {line}", f"({area}) {line}", f"{area}-{line}"])
        if self.chance(0.12):
            number += f" poste {rng.randrange(10, 400)}"
        return number

    def phones(self, region_slug, primary, territory_wide, english) -> str:
        rng = self.rng
        crisis = primary in ROUND_THE_CLOCK
        entries = []
        if territory_wide:
            entries.append(
                (
                    self.phone_number(region_slug, True),
                    "hotline" if crisis else "voice",
                    ("Ligne sans frais", "Toll-free line"),
                )
            )
        else:
            kind = "hotline" if crisis and self.chance(0.5) else "voice"
            label = (
                ("Ligne d'intervention 24/7", "24/7 crisis line")
                if kind == "hotline"
                else self.pick([("Accueil", "Reception"), ("Administration", "Administration"), None, None])
            )
            entries.append((self.phone_number(region_slug), kind, label))
        for _ in range(rng.choices([0, 1, 2], [55, 33, 12])[0]):
            extra = rng.random()
            if extra < 0.3:
                entries.append((self.phone_number(region_slug, True), "voice", ("Sans frais", "Toll-free")))
            elif extra < 0.55:
                entries.append((self.phone_number(region_slug), "fax", ("Télécopieur", "Fax")))
            elif extra < 0.8:
                entries.append((self.phone_number(region_slug), "text", ("Texto", "Text messages")))
            else:
                entries.append(
                    (self.phone_number(region_slug), "tty", ("ATS pour personnes sourdes", "TTY for deaf people"))
                )
        out = ["phones:\n"]
        for number, kind, label in entries:
            out.append(f"  - number: {q(number)}\n    type: {kind}\n")
            if label:
                out.append(f"    description: {self.inline(label[0], label[1], english)}\n")
        return "".join(out)

    def languages(self, primary, region_slug, english) -> list[str]:
        rng = self.rng
        codes = ["fr"] if self.chance(0.98) or not english else []
        if self.chance(0.6 if english else 0.15) or not codes:
            codes.append("en")
        if primary == "autochtones" or region_slug == "nord-du-quebec" and self.chance(0.5):
            codes.append(self.pick(["iu", "cr"]))
        share = 0.75 if primary == "immigration-et-communautes-culturelles" else 0.15
        if self.chance(share):
            for code in rng.sample(OTHER_LANGUAGES, rng.randrange(1, 4)):
                if code not in codes:
                    codes.append(code)
        return codes

    def verified_date(self) -> dt.date:
        # About 15 % are stale: verified more than a year before the reference date.
        if self.chance(0.15):
            start, end = FIRST_DATE, self.first_stale
        else:
            start, end = self.first_stale + dt.timedelta(days=2), LAST_DATE
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def postal_code(self, region_slug: str) -> str:
        rng, letters = self.rng, POSTAL_LETTERS
        prefix = self.pick(POSTAL_PREFIXES.get(region_slug, ["H2"]))
        return f"{prefix}{self.pick(letters)} {rng.randrange(10)}{self.pick(letters)}{rng.randrange(10)}"

    def location(
        self, out: list, k: int, town: dict, region_slug: str, primary: str, english: bool, taken: list
    ) -> str:
        rng = self.rng
        if k == 0:
            location_id = "principal"
            label = self.pick(MAIN_SITE)
        else:
            location_id = town["slug"] if town["slug"] not in taken else f"point-{k + 1}"
            site_fr, site_en = self.pick(OTHER_SITE)
            label = (f"{site_fr} {de(town['name'])}", f"{town['name']} {site_en}")
            if location_id.startswith("point-"):
                label = (f"{label[0]} ({k + 1})", f"{label[1]} ({k + 1})")
        out.append(f"  - id: {location_id}\n    name: {self.inline(label[0], label[1], english)}\n")
        street = f"{rng.randrange(10, 9999)}, {self.pick(STREET_KINDS)} {self.pick(STREET_NAMES)}"
        if self.chance(0.15):
            street += " " + self.pick(["Est", "Ouest", "Nord", "Sud"])
        out.append(f"    address:\n      street: {q(street)}\n")
        if self.chance(0.12):
            out.append(f"      unit: {q(self.pick(UNITS))}\n")
        out.append(f"      city: {q(town['name'])}\n      postal_code: {self.postal_code(region_slug)}\n")
        lat = town["lat"] + rng.uniform(-0.02, 0.02)
        lon = town["lon"] + rng.uniform(-0.02, 0.02)
        out.append(f"    coordinates: [{lat:.4f}, {lon:.4f}]\n")
        if self.chance(0.4):
            out.append(f"    accessibility: {self.inline(*self.pick(ACCESSIBILITY), english)}\n")
        self.hours(out, primary, english)
        return location_id

    def hours(self, out: list, primary: str, english: bool) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return  # hours unknown
        if primary in ROUND_THE_CLOCK and roll < 0.30:
            out.append("    open_24_7: true\n")
            return
        pattern = rng.choices(
            ["office", "split", "evening", "overnight", "weekend", "varied"],
            [30, 25, 15, 14 if primary in ROUND_THE_CLOCK else 0, 6, 20],
        )[0]
        if pattern == "office":
            opens, closes = self.pick([("09:00", "17:00"), ("08:30", "16:30"), ("08:00", "16:00"), ("09:00", "16:00")])
            days = WEEKDAYS if self.chance(0.75) else WEEKDAYS[:4]
            hours = [(days, opens, closes)]
        elif pattern == "split":
            morning, afternoon = self.pick(
                [
                    (("09:00", "12:00"), ("13:00", "17:00")),
                    (("08:30", "12:00"), ("13:00", "16:30")),
                    (("09:30", "12:30"), ("13:30", "16:00")),
                ]
            )
            hours = [(WEEKDAYS, *morning), (WEEKDAYS, *afternoon)]
        elif pattern == "evening":
            hours = [(WEEKDAYS[:4], "13:00", "21:00")] if self.chance(0.4) else [(["tu", "th"], "18:00", "21:00")]
            if self.chance(0.5):
                hours.insert(0, (WEEKDAYS, "09:00", "17:00"))
        elif pattern == "overnight":
            opens, closes = self.pick([("22:00", "07:00"), ("21:30", "07:00"), ("20:00", "08:00"), ("23:00", "06:00")])
            hours = [(ALL_DAYS if self.chance(0.7) else ["fr", "sa"], opens, closes)]
        elif pattern == "weekend":
            hours = [(["sa", "su"], "10:00", "16:00")] if self.chance(0.6) else [(["sa"], "09:00", "12:00")]
        else:
            hours = [(["mo", "we", "fr"], "09:00", "16:00"), (["tu", "th"], "12:00", "20:00")]
            if self.chance(0.6):
                hours.append((["sa"], "10:00", "14:00"))
        out.append("    hours:\n")
        for days, opens, closes in hours:
            out.append(f'      - {{days: [{", ".join(days)}], opens: "{opens}", closes: "{closes}"}}\n')
        if self.chance(0.35):
            out.append("    exceptions:\n")
            for date, closed, fr, en in sorted(rng.sample(HOLIDAYS, rng.randrange(1, 5))):
                label = f", description: {self.inline(fr, en, english)}" if self.chance(0.3) else ""
                if closed:
                    out.append(f"      - {{date: {date}, closed: true{label}}}\n")
                else:
                    out.append(f'      - {{date: {date}, opens: "09:00", closes: "12:00"{label}}}\n')

    def service(self, out: list, service: tuple, location_ids: list, english: bool) -> None:
        rng = self.rng
        name_fr, name_en, desc_fr, desc_en = service[:4]
        out.append(f"  - name: {self.inline(name_fr, name_en, english)}\n")
        out.append(self.block("description", desc_fr, desc_en, english, "    "))
        if self.chance(0.4):
            out.append(f"    eligibility: {self.inline(*self.pick(ELIGIBILITY), english)}\n")
        if self.chance(0.5):
            out.append(f"    fees: {self.inline(*self.pick(FEES), english)}\n")
        if self.chance(0.5):
            out.append(f"    application_process: {self.inline(*self.pick(APPLICATION), english)}\n")
        if len(service) > 4 and self.chance(0.8):
            low, high = service[4], service[5]
            out.append(f"    minimum_age: {low}\n")
            if high is not None:
                out.append(f"    maximum_age: {high}\n")
        elif self.chance(0.05):
            out.append("    minimum_age: 18\n")
        chosen = (
            location_ids
            if len(location_ids) == 1 or self.chance(0.5)
            else sorted(rng.sample(location_ids, rng.randrange(1, len(location_ids) + 1)), key=location_ids.index)
        )
        out.append(f"    locations: [{', '.join(chosen)}]\n")


def generate(n: int, seed: int, content: Path = CONTENT):
    """Yield (id, YAML text) for n records."""
    maker = RecordMaker(seed, content)
    for index in range(n):
        yield maker.make(index)


# --- command line -------------------------------------------------------------------


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="generate_records.py",
        description="Write N fictitious organization records (deterministic) as OUTDIR/<id>.yaml.",
    )
    parser.add_argument("n", metavar="N", help=f"number of records, 1 to {MAX_RECORDS:,}")
    parser.add_argument(
        "outdir", metavar="OUTDIR", type=Path, help="folder to write to (created if missing; must be empty)"
    )
    parser.add_argument("--seed", default="1", help="random seed, an integer (default: 1); same N and seed, same files")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty (files with the same names are overwritten, "
        "the others are left alone)",
    )
    args = parser.parse_args(argv)
    try:
        args.n = int(args.n)
    except ValueError:
        parser.error(f"N must be a whole number, not {args.n!r}")
    if not 1 <= args.n <= MAX_RECORDS:
        parser.error(f"N must be between 1 and {MAX_RECORDS:,}, not {args.n}")
    try:
        args.seed = int(args.seed)
    except ValueError:
        parser.error(f"--seed must be a whole number, not {args.seed!r}")
    if args.outdir.exists() and not args.outdir.is_dir():
        parser.error(f"OUTDIR {args.outdir} exists and is not a folder")
    if args.outdir.is_dir() and any(args.outdir.iterdir()) and not args.force:
        parser.error(f"OUTDIR {args.outdir} is not empty; choose an empty folder or add --force to write into it")
    return args


def main(argv=None) -> int:
    args = parse_arguments(argv)
    started = time.perf_counter()
    args.outdir.mkdir(parents=True, exist_ok=True)
    written = set()
    for record_id, text in generate(args.n, args.seed):
        path = args.outdir / f"{record_id}.yaml"
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.add(path.name)
    others = [p.name for p in args.outdir.glob("*.y*ml") if p.name not in written]
    elapsed = time.perf_counter() - started
    print(f"wrote {args.n} records to {args.outdir} in {elapsed:.1f} s (seed {args.seed})")
    if others:
        print(
            f"note: {len(others)} other record file(s) were already in {args.outdir} and are left as they were",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
