"""News bulletins: both languages linked, news and category pages, Atom feeds, alert banners."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from pages import read

from conftest import ROOT, build_site, known_news, make_content
from news.alerts import Window, alert_window, parse_moment
from news.generator import rebase_links
from offline import read_precache

NEWS = ROOT / "content" / "news"
ATOM = "{http://www.w3.org/2005/Atom}"
ZONE = ZoneInfo("America/Toronto")
FEEDS = {"fr": "fr/nouvelles/atom.xml", "en": "en/news/atom.xml"}
ALERT = {
    "fr": "fr/nouvelles/mesures-urgence-verglas/index.html",
    "en": "en/news/emergency-measures-ice-storm/index.html",
}


def with_news(target: Path, news: Path | None = None) -> Path:
    return make_content(target, news=news or known_news(target))


@pytest.fixture(scope="module")
def news_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("news-site")
    return build_site(with_news(base), base / "output")  # today: 2026-11-23, the alert is on


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def banners(path: Path):
    return read(path).find_all("aside", **{"class": "alert-banner"})


# --- Bulletins and their pages -----------------------------------------------------------


def test_every_bulletin_exists_in_both_languages_and_links_its_translation(news_site):
    fr = sorted(p for p in (news_site / "fr/nouvelles").glob("*/index.html") if p.parent.name != "categories")
    en = sorted(p for p in (news_site / "en/news").glob("*/index.html") if p.parent.name != "categories")
    assert len(fr) == len(en) == 4
    for path in fr:
        doc = read(path)
        alternates = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in doc.find_all("link", rel="alternate")
            if "hreflang" in link.attrs
        }
        target = (path.parent / alternates["en"]).resolve() / "index.html"
        assert target in en, path
        back = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in read(target).find_all("link", rel="alternate")
            if "hreflang" in link.attrs
        }
        assert (target.parent / back["fr"]).resolve() / "index.html" == path
        switch = doc.find("nav", **{"class": "language-switch"}).find("a")
        assert switch.attrs["hreflang"] == "en" and (path.parent / switch.attrs["href"]).resolve() == target.parent
        assert doc.find("html").attrs["lang"] == "fr"


def test_news_page_lists_its_language_newest_first(news_site):
    for lang, page, first, last in (
        ("fr", "fr/nouvelles/index.html", "Mesures d'urgence", "Accueil des personnes réfugiées"),
        ("en", "en/news/index.html", "Emergency measures", "Welcoming refugees"),
    ):
        doc = read(news_site / page)
        titles = [h.text for h in doc.find_all("h2", **{"class": "bulletin-card__title"})]
        assert len(titles) == 4 and titles[0].startswith(first) and titles[-1].startswith(last), titles
        dates = [t.attrs["datetime"] for t in doc.find("ol", **{"class": "bulletin-list"}).find_all("time")]
        assert dates == sorted(dates, reverse=True)
        feed = doc.find("a", type="application/atom+xml")
        assert (news_site / page).parent.joinpath(feed.attrs["href"]).resolve() == (news_site / FEEDS[lang]).resolve()
    assert "Alerte" in read(news_site / "fr/nouvelles/index.html").find("ol", **{"class": "bulletin-list"}).text


def test_categories_have_a_page_per_language_paired_across_languages(news_site):
    pairs = {
        "sante": "health",
        "alimentation": "food",
        "immigration": "immigration",
        "mesures-durgence": "emergency-measures",
    }
    for fr_slug, en_slug in pairs.items():
        fr_page = news_site / f"fr/nouvelles/categories/{fr_slug}/index.html"
        en_page = news_site / f"en/news/categories/{en_slug}/index.html"
        doc = read(fr_page)
        alternates = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in doc.find_all("link", rel="alternate")
            if "hreflang" in link.attrs
        }
        assert (fr_page.parent / alternates["en"]).resolve() == en_page.parent
        assert len(doc.find_all("li", **{"class": "bulletin-card"})) == 1
        current = [
            a for a in doc.find("nav", **{"class": "news-categories"}).find_all("a") if "aria-current" in a.attrs
        ]
        assert len(current) == 1 and fr_slug in current[0].attrs["href"]
    article = read(news_site / "fr/nouvelles/vaccination-grippe-covid/index.html")
    link = next(a for a in article.find("p", **{"class": "bulletin__meta"}).find_all("a"))
    assert link.text == "Santé" and link.attrs["href"].endswith("nouvelles/categories/sante/")


def test_alert_bulletin_states_its_window(news_site):
    text = " ".join(read(news_site / ALERT["fr"]).find("main").text.split())
    assert "En vigueur du 21 novembre 2026 au 30 novembre 2026." in text
    assert (
        "Centres d'hébergement temporaires"
        not in read(news_site / "fr/nouvelles/paniers-de-noel/index.html").find("main").text
    )


def test_news_pages_pass_the_site_checks(news_site):
    import test_site

    test_site.test_pages_declare_their_language(news_site)
    test_site.test_hreflang_pairs_point_at_each_other_and_switch_lands_on_same_page(news_site)
    test_site.test_internal_links_lead_to_existing_pages(news_site)
    test_site.test_no_external_resource_anywhere_in_the_output(news_site)
    test_site.test_quick_exit_and_call_links_on_every_page(news_site)


# --- Atom feeds --------------------------------------------------------------------------


def rfc3339(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert value.tzinfo is not None, text
    return value


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_feeds_are_valid_atom_one_per_language(news_site, lang):
    path = news_site / FEEDS[lang]
    root = ET.parse(path).getroot()
    assert root.tag == ATOM + "feed"
    assert root.attrib["{http://www.w3.org/XML/1998/namespace}lang"] == lang
    for name in ("id", "title", "updated"):  # required by RFC 4287, once each
        assert len(root.findall(ATOM + name)) == 1 and root.find(ATOM + name).text.strip(), name
    assert root.find(ATOM + "id").text.startswith("tag:")
    assert root.find(ATOM + "author/" + ATOM + "name").text  # entries inherit the feed's author
    self_link = next(link for link in root.findall(ATOM + "link") if link.attrib.get("rel") == "self")
    feed_url = "http://127.0.0.1/" + FEEDS[lang]
    assert urljoin(feed_url, self_link.attrib["href"]) == feed_url
    entries = root.findall(ATOM + "entry")
    assert len(entries) == 4
    ids, updated = set(), []
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(ATOM + name)) == 1 and entry.find(ATOM + name).text.strip(), name
        entry_id = entry.find(ATOM + "id").text
        assert entry_id.startswith("tag:repertoire211.example.org,2026:news/" + lang + "/") and entry_id not in ids
        ids.add(entry_id)
        updated.append(rfc3339(entry.find(ATOM + "updated").text))
        link = next(link for link in entry.findall(ATOM + "link") if link.attrib.get("rel", "alternate") == "alternate")
        target = urlsplit(urljoin(feed_url, link.attrib["href"])).path.lstrip("/")
        assert target.startswith(FEEDS[lang].split("atom.xml")[0]) and (news_site / target / "index.html").is_file()
        content = entry.find(ATOM + "content")
        assert content.attrib["type"] == "html" and "2-1-1" in content.text
        assert entry.find(ATOM + "category").attrib["term"]
        # Links inside the content still lead to the right pages from the feed's address.
        for href in [part.split('"')[0] for part in content.text.split('href="')[1:]]:
            if not href.startswith(("tel:", "mailto:", "http")):
                resolved = urlsplit(urljoin(feed_url, href)).path.lstrip("/")
                assert (news_site / resolved / "index.html").is_file(), href
    assert rfc3339(root.find(ATOM + "updated").text) == max(updated)
    assert updated == sorted(updated, reverse=True)


def test_published_feeds_use_absolute_links_and_keep_their_ids(tmp_path):
    site = build_site(
        with_news(tmp_path), tmp_path / "output", SITEURL="https://repertoire.example.org", RELATIVE_URLS=False
    )
    root = ET.parse(site / FEEDS["en"]).getroot()
    links = [link.attrib["href"] for link in root.iter(ATOM + "link")]
    assert links and all(href.startswith("https://repertoire.example.org/en/news/") for href in links)
    assert root.find(ATOM + "entry/" + ATOM + "id").text.startswith("tag:repertoire211.example.org,2026:news/en/")
    content = root.find(ATOM + "entry/" + ATOM + "content").text
    assert 'href="https://repertoire.example.org/en/categories/' in content


def test_links_are_rebased_for_the_feed():
    html = '<a href="../../categories/sante/">x</a> <a href="tel:211">y</a> <a href="#top">z</a> <img src="a.png">'
    out = rebase_links(html, "fr/nouvelles/vaccination", "fr/nouvelles")
    assert 'href="../categories/sante/"' in out and 'href="tel:211"' in out and 'href="#top"' in out
    assert 'src="vaccination/a.png"' in out
    assert 'href="https://x.org/fr/categories/sante/"' in rebase_links(html, "fr/nouvelles/v", "", "https://x.org")


# --- The alert banner's window -----------------------------------------------------------


@pytest.mark.parametrize(
    "today, state",
    [
        ("2026-11-20", "upcoming"),
        ("2026-11-21", "active"),
        ("2026-11-30", "active"),
        ("2026-12-01", "expired"),
    ],
)
def test_alert_banner_on_every_page_only_while_the_alert_is_on(tmp_path, today, state):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    for name in ("mesures-urgence-verglas.fr.md", "mesures-urgence-verglas.en.md"):
        shutil.copy(NEWS / name, content / "news" / name)
    site = build_site(content, tmp_path / "output", DIRECTORY_TODAY=today)
    pages = html_pages(site)
    assert len(pages) > 40
    for path in pages:
        found = banners(path)
        if state == "expired":
            assert found == [], path
            continue
        assert len(found) == 1, path
        banner = found[0]
        assert ("hidden" in banner.attrs) == (state == "upcoming"), path
        assert (
            banner.attrs["data-start"] == "2026-11-21T05:00:00Z" and banner.attrs["data-end"] == "2026-12-01T05:00:00Z"
        )
        assert banner.attrs["data-alert-id"] == "verglas-2026-202611210800"
        rel = path.relative_to(site).as_posix()
        title = banner.find("a").text
        assert title.startswith("Emergency measures" if rel.startswith("en/") else "Mesures d'urgence"), rel
        links = banner.find_all("a")
        if rel in ("index.html", "404.html"):  # pages of every language: the alert in each
            assert [link.attrs.get("lang") for link in links] == [None, "en"], rel
            assert links[1].text.startswith("Emergency measures"), rel
            # Its label and its button's words too: an English reader read "Alerte" alone.
            for words in (banner.find(class_="alert-banner__word"), banner.find("button")):
                assert [(part.attrs.get("lang"), part.text) for part in words.find_all(lang="en")] == [
                    ("en", "Alert" if words.tag != "button" else "Hide this alert")
                ], rel
        else:
            assert len(links) == 1, rel
        if rel != "404.html":  # its links are root-relative
            for link in links:
                assert (path.parent / link.attrs["href"] / "index.html").resolve().is_file(), rel
        button = banner.find("button")
        assert "hidden" in button.attrs  # shown by alert-banner.js, which alone can dismiss
    article = " ".join(read(site / ALERT["en"]).find("main").text.split())
    assert ("This alert has ended." in article) == (state == "expired")
    # The bulletin a banner links to is in its language's offline pack while the banner may show;
    # the list of bulletins always (the menu's "News" said "not saved" offline).
    packs = read_precache(site)["packs"]
    for lang, page in ALERT.items():
        saved = page.removesuffix("index.html") in {url for url, _ in packs[lang]}
        assert saved == (state != "expired"), lang
        assert FEEDS[lang].removesuffix("atom.xml") in {url for url, _ in packs[lang]}, lang


def test_banner_comes_right_after_the_header_and_quick_exit_stays_first(news_site):
    body = read(news_site / "en/index.html").find("body")
    elements = [child for child in body.children if not isinstance(child, str)]
    assert elements[0].attrs.get("class") == "skip-link"
    assert elements[1].tag == "header"
    assert elements[1].find("a", **{"data-module": "quick-exit"}) is not None
    assert elements[2].attrs.get("data-module") == "alert-banner"
    assert elements[2].find("script").attrs["src"].endswith("theme/js/alert-banner.js")


WINDOWS = [
    (
        {"alert": "true", "alert_start": "2026-11-21", "alert_end": "2026-11-30"},
        ("2026-11-21T05:00:00Z", "2026-12-01T05:00:00Z"),
        [],
    ),
    (
        {"alert": "yes", "alert_start": "2026-03-08 01:30", "alert_end": "2026-03-08 03:30"},  # across the DST change
        ("2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z"),
        [],
    ),
    ({"alert": "false"}, None, []),
    ({}, None, []),
    ({"alert": "true", "alert_start": "2026-11-21"}, None, [("Alert_end", "an alert needs a start and an end")]),
    (
        {"alert": "true", "alert_start": "21/11/2026", "alert_end": "2026-11-30"},
        None,
        [("Alert_start", "'21/11/2026' is not a date (YYYY-MM-DD) or a time (YYYY-MM-DD HH:MM)")],
    ),
    # "day is out of range for month" said neither the value nor its form (stop 77's probe).
    (
        {"alert": "true", "alert_start": "2026-02-30", "alert_end": "2026-03-02"},
        None,
        [("Alert_start", "'2026-02-30' is not a date: no such day (YYYY-MM-DD)")],
    ),
    (
        {"alert": "true", "alert_start": "2026-11-30", "alert_end": "2026-11-21"},
        None,
        [("Alert_end", "the end comes before the start")],
    ),
    ({"alert": "sometimes"}, None, [("Alert", "'sometimes' is not true or false")]),
    ({"alert": "no", "alert_end": "2026-11-21"}, None, [("Alert_end", "only an alert (Alert: true) has a window")]),
]


@pytest.mark.parametrize("metadata, instants, problems", WINDOWS)
def test_alert_metadata(metadata, instants, problems):
    window, found = alert_window(metadata, ZONE)
    assert [(field, message[: len(expected)]) for (field, message), (_, expected) in zip(found, problems)] == problems
    assert len(found) == len(problems)
    assert (window.start_utc, window.end_utc) == instants if instants else window is None


def test_window_states_by_day_and_by_instant():
    window = Window(parse_moment("2026-11-21 18:00", ZONE, end=False), parse_moment("2026-11-30", ZONE, end=True))
    days = {
        day: window.state(dt.date.fromisoformat(day), ZONE)
        for day in ("2026-11-20", "2026-11-21", "2026-11-30", "2026-12-01")
    }
    assert days == {"2026-11-20": "upcoming", "2026-11-21": "active", "2026-11-30": "active", "2026-12-01": "expired"}
    at = lambda text: window.state_at(dt.datetime.fromisoformat(text))  # noqa: E731
    assert at("2026-11-21T22:59:59+00:00") == "upcoming" and at("2026-11-21T23:00:00+00:00") == "active"
    assert at("2026-12-01T04:59:59+00:00") == "active" and at("2026-12-01T05:00:00+00:00") == "expired"


BAD_BULLETINS = [
    ("Alert: true\nAlert_start: 2026-11-21\n", "bulletin.fr.md:6: Alert_end: an alert needs a start and an end"),
    (
        "Alert: true\nAlert_start: 2026-11-21\nAlert_end: demain\n",
        "bulletin.fr.md:8: Alert_end: 'demain' is not a date",
    ),
    ("Alert: peut-être\n", "bulletin.fr.md:6: Alert: 'peut-être' is not true or false"),
    (
        "Alert: true\nAlert_start: 2026-11-21\nAlert_end: 9999-12-31\n",
        "bulletin.fr.md:8: Alert_end: '9999-12-31': an alert's date is between the years 2000 and 2999",
    ),
    # A helper's probe (stop 80): a thousand years built (a banner on every page for ever), and
    # an end given twice was "['2026-01-02', '2999-01-01'] is not a date".
    (
        "Alert: true\nAlert_start: 2000-01-01\nAlert_end: 2999-12-31\n",
        "bulletin.fr.md:8: Alert_end: an alert of 365,243 days: at most 366",
    ),
    (
        "Alert: true\nAlert_start: 2026-11-21\nAlert_end: 2026-11-22\nAlert_end: 2999-01-01\n",
        "Alert_end: given 2 times: keep one",
    ),
]


@pytest.mark.parametrize("extra, message", BAD_BULLETINS)
def test_bad_alert_metadata_fails_the_build(tmp_path, extra, message):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(
        "Title: Essai\nSlug: essai\nLang: fr\nDate: 2026-11-01\nCategory: Essais\n" + extra + "\nTexte.\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert message in str(caught.value)


HEAD = "Title: Essai\nSlug: essai\nLang: fr\nDate: 2026-11-01\nCategory: Essais\n"
UNREADABLE = [  # (the bulletin's bytes, what the build says); Pelican alone skipped each one
    (HEAD.replace("2026-11-01", "demain"), "bulletin.fr.md:4: Date: 'demain' is not a date"),
    (HEAD.replace("2026-11-01", "2026-02-30"), "bulletin.fr.md:4: Date: '2026-02-30' is not a date"),
    (
        HEAD.replace("2026-11-01", "2026-11-20T08:00:00+99:00"),
        "bulletin.fr.md:4: Date: '2026-11-20T08:00:00+99:00' is not",
    ),
    (
        HEAD.replace("2026-11-01\n", "2026-11-01\nModified: 2026-11-02 08:00 -25:00\n"),
        "bulletin.fr.md:5: Modified: '2026",
    ),
    (HEAD + "\n![Affiche](https://example.org/affiche.png)", "bulletin.fr.md:7: (file): an image from another site"),
    (HEAD + '\n<p><IMG alt="x" SRC="//example.org/a.png"></p>', "bulletin.fr.md:7: (file): an image from another site"),
    (HEAD.replace("2026-11-01", "0001-01-01"), "bulletin.fr.md:4: Date: '0001-01-01': a bulletin's date is between"),
    (HEAD.replace("2026-11-01", "9999-12-31"), "bulletin.fr.md:4: Date: '9999-12-31': a bulletin's date is between"),
    (HEAD.replace("Title: Essai\n", ""), "bulletin.fr.md:1: Title: missing"),
    (HEAD + "Status: publie\n", "bulletin.fr.md:6: Status: 'publie' is not one of published, hidden, draft"),
    (HEAD.replace("Slug: essai", "Slug: ../../fr"), "bulletin.fr.md:2: Slug: '../../fr': letters, digits, hyphens"),
    (HEAD + "Save_as: fr/index.html\n", "bulletin.fr.md:6: Save_as: the site decides where"),
    (HEAD + "\n[x]({static}/../secret.txt)\n", "bulletin.fr.md:7: (file): {static}/../secret.txt: a file outside"),
    # A page or a script published from the content folder would run on the site's address.
    (HEAD + "\n[Formulaire]({static}aide.html)\n", "bulletin.fr.md:7: (file): {static}aide.html: only images and"),
    (HEAD + "\n![carte]({static}/news/carte.svg)\n", "bulletin.fr.md:7: (file): {static}/news/carte.svg: only images"),
    (HEAD + "\n[s]({attach}aide.js)\n", "bulletin.fr.md:7: (file): {attach}aide.js: only images and"),
    # Its name read to the first space ("aide.png"), Pelican copied "aide.png x.html": a page
    # and its script, run on the site's address (stop 77's probe).
    (HEAD + "\n[x](<{static}/aide.png x.html>)\n", "bulletin.fr.md:7: (file): {static}/aide.png x.html: only images"),
    (
        HEAD + '\n<a href="{static}/aide.png x.js">x</a>\n',
        "bulletin.fr.md:7: (file): {static}/aide.png x.js: only images",
    ),
    (
        HEAD + "\n[x][r]\n\n[r]: <{static}/aide.png x.html>\n",
        "bulletin.fr.md:9: (file): {static}/aide.png x.html: only",
    ),
    # Links to nothing, published without a word (Pelican's warning is hidden by -q).
    (HEAD + "\n[x]({category}aide)\n", "bulletin.fr.md:7: (file): {category}aide: the site has no category"),
    (HEAD + "\n![x]({static}/news/absente.png)\n", "bulletin.fr.md:7: (file): {static}/news/absente.png: no such file"),
    (HEAD + "\n[x]({filename}/news/absent.fr.md)\n", "bulletin.fr.md:7: (file): {filename}/news/absent.fr.md: no such"),
    # Metadata as Markdown reads it: up to three spaces before the key.
    (HEAD + " Save_as: fr/index.html\n", "bulletin.fr.md:6: Save_as: the site decides where"),
    # A carriage return alone ends a line for Pelican: the line after it is metadata too (a fake
    # organization page was published where it said).
    (HEAD + "Key: k\rSave_as: fr/organismes/faux/index.html\n", "bulletin.fr.md:7: Save_as: the site decides"),
    (HEAD.replace("Title: Essai\n", "Title: Essai\rTemplate: stats\n"), "bulletin.fr.md:2: Template: the site decides"),
    (HEAD.replace("Date: 2026-11-01\n", "Date: 2026-11-01\r\nModified: 9999-12-31\r"), "bulletin.fr.md:5: Modified:"),
    (HEAD.replace("Category: Essais\n", ""), "bulletin.fr.md:1: Category: missing"),
    # Elements nested by the thousand crashed the HTML minifier without a word.
    (HEAD + "\n" + "<div>" * 150 + "x" + "</div>" * 150 + "\n", "bulletin.fr.md:7: (file): HTML elements 150 deep"),
    ((HEAD + "\nCafé\n").encode("latin-1"), "bulletin.fr.md:7: (file): not UTF-8 text"),
    # "<div/>" opens a div all the same (HTML ignores the slash): 60,000 crashed the minifier.
    (HEAD + "\n" + "<div/>" * 150 + "x\n", "bulletin.fr.md:7: (file): HTML elements 150 deep"),
    # A folder's name is made of these: over 255 bytes stopped the build with a traceback.
    (HEAD.replace("Slug: essai", "Slug: " + "a" * 300), "bulletin.fr.md:2: Slug: 'aaaa"),
    (
        HEAD.replace("Category: Essais", "Category: " + "Essais " * 50),
        "bulletin.fr.md:5: Category: its address would be",
    ),
    (
        HEAD.replace("Title: Essai\n", "Title: " + "Essai " * 60 + "\n").replace("Slug: essai\n", ""),
        "Title: its address",
    ),
    # A title in Chinese makes a slug many times its length (Pelican spells it in Latin letters).
    (HEAD.replace("Title: Essai\n", "Title: " + "标题" * 70 + "\n").replace("Slug: essai\n", ""), "Title: its address"),
    (HEAD.replace("Lang: fr", "Lang: de"), "bulletin.fr.md:3: Lang: 'de' is not one of the site's languages (fr, en)"),
    # Markdown made the two a list: "unhashable type: 'list'", nothing at all with -q.
    (HEAD + "Lang: en\n", "bulletin.fr.md:6: Lang: given twice (lines 3 and 6): keep one"),
    # An alert shows them on every page: a summary of 480 KB made the site 231 MB (stop 83's probe).
    (
        HEAD + "Summary: " + "mot " * 200 + "\n",
        "bulletin.fr.md:6: Summary: 799 characters, at most 600: an alert shows it on every page",
    ),
    (HEAD.replace("Title: Essai", "Title: " + "Essai " * 40), "bulletin.fr.md:1: Title: 239 characters, at most 200"),
    # Its list was published at nouvelles/categories//.
    (HEAD.replace("Category: Essais", "Category: !!!"), "bulletin.fr.md:5: Category: '!!!' has no letter or digit"),
    # A title of no letter or digit, no Slug: its links led to the news list (a hostile-input
    # probe's, stop 81; a page so named was written at fr//index.html, under the home page).
    (
        HEAD.replace("Title: Essai\n", "Title: \U0001f642\n").replace("Slug: essai\n", ""),
        "bulletin.fr.md:1: Title: has no letter or digit to make its address of: add a line Slug:",
    ),
    (HEAD.replace("Slug: essai", "Slug: ---"), "bulletin.fr.md:2: Slug: has no letter or digit"),
]


@pytest.mark.parametrize("source, message", UNREADABLE)
def test_a_bulletin_pelican_cannot_read_stops_the_build_and_says_why(tmp_path, source, message):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    path = content / "news" / "bulletin.fr.md"
    path.write_bytes(source if isinstance(source, bytes) else (source + "\nTexte.\n").encode())
    (tmp_path / "secret.txt").write_text("not for the site")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert message in str(caught.value)
    assert not (tmp_path / "output" / "fr").exists() and not list(tmp_path.glob("**/output/**/secret.txt"))


@pytest.mark.parametrize("key", ["Date", "Modified"])
def test_a_time_zone_offset_of_a_day_or_more_among_other_bulletins_is_named(tmp_path, key):
    # Alone it was named; beside another bulletin, sorting them stopped the build with a
    # traceback that named no file (a hostile-input probe's).
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "autre.fr.md").write_text(HEAD.replace("essai", "autre") + "\nTexte.\n")
    line = f"{key}: 2026-11-20T08:00:00+99:00\n"
    head = HEAD.replace("Date: 2026-11-01\n", line) if key == "Date" else HEAD + line
    (content / "news" / "bulletin.fr.md").write_text(head + "\nTexte.\n")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    at = 4 if key == "Date" else 6
    assert f"bulletin.fr.md:{at}: {key}: '2026-11-20T08:00:00+99:00' is not a date" in str(caught.value)
    assert "Traceback" not in str(caught.value) and not (tmp_path / "output" / "fr").exists()


def test_a_bulletin_pelican_cannot_read_is_named_beside_another_bulletins_problem(tmp_path):
    # A missing category stopped the build first, and the other bulletin's unreadable date was
    # never said: the contributor fixed one, pushed, and only then learned of the other.
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "sans.fr.md").write_text(HEAD.replace("essai", "sans").replace("Category: Essais\n", ""))
    (content / "news" / "bulletin.fr.md").write_text(HEAD.replace("2026-11-01", "demain") + "\nTexte.\n")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    said = str(caught.value)
    assert "sans.fr.md:1: Category: missing" in said
    assert "bulletin.fr.md:4: Date: 'demain' is not a date" in said
    assert "2 error(s)" in said and not (tmp_path / "output" / "fr").exists()


@pytest.mark.parametrize(
    "where, message",
    [
        (
            "news/alerte.fr.MD",
            "alerte.fr.MD:1: (file): not read: Pelican reads a Markdown file's name ending in lowercase",
        ),
        ("news/alerte.fr.Markdown", "alerte.fr.Markdown:1: (file): not read: Pelican reads"),
        ("pages/guide.fr.MD", "guide.fr.MD:1: (file): not read: Pelican reads"),
        ("alerte.fr.md", "content/alerte.fr.md:1: (file): not read here: a bulletin goes in news/, a page in pages/"),
        ("organizations/alerte.fr.md", "organizations/alerte.fr.md:1: (file): not read here: a bulletin goes in news/"),
        # A folder named like news/ but not it (a reviewer's).
        ("News/alerte.fr.md", "News/alerte.fr.md:1: (file): not read here"),
        ("nouvelles/2026/alerte.fr.md", "nouvelles/2026/alerte.fr.md:1: (file): not read here"),
    ],
)
def test_a_bulletin_pelican_would_pass_over_stops_the_build(tmp_path, where, message):
    # An alert saved as "alerte.fr.MD", or put beside the records, was on no page, and the build
    # said nothing (a hostile-input probe's, stop 81).
    content = make_content(tmp_path)
    path = content / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + "\nTexte.\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert message in str(caught.value), str(caught.value)
    assert not (tmp_path / "output" / "fr").exists()


def test_the_files_pelican_would_copy_are_checked_as_it_reads_them(tmp_path):
    # Behind the Markdown's check: the links Pelican finds in the HTML, as it finds them.
    from safe_html.sources import refused_copies

    class Bulletin:
        def get_static_links(self):
            return {"news/affiche.png", "aide.png x.html", "../secret.png"}

    assert refused_copies(Bulletin(), tmp_path) == [
        "a {static} link to '../secret.png': a file outside the content folder or through a link",
        "a {static} link to 'aide.png x.html': only images and documents may be published"
        " (PNG, JPG, JPEG, GIF, WEBP, AVIF, PDF)",
    ]


@pytest.mark.parametrize("lang", ["de", "fr/organismes", "xx"])
def test_a_page_in_a_language_the_site_does_not_have_stops_the_build(tmp_path, lang):
    # "Lang: de" published de/seite/ beside the site; "fr/organismes" and "xx" stopped the build
    # with a traceback where the page's dates are written.
    content = make_content(tmp_path)
    (content / "pages" / "seite.de.md").write_text(
        f"Title: Seite\nLang: {lang}\nSlug: seite\n\nText.\n", encoding="utf-8"
    )
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert f"seite.de.md:2: Lang: {lang!r} is not one of the site's languages (fr, en)" in str(caught.value)
    assert not (tmp_path / "output").exists()


def test_a_pipe_among_the_bulletins_stops_the_build_instead_of_hanging_it(tmp_path):
    # A named pipe (mkfifo) among the bulletins: the check after Pelican's reading waited on it
    # for ever.
    content = make_content(tmp_path)
    (content / "news").mkdir()
    os.mkfifo(content / "news" / "tuyau.fr.md")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert "tuyau.fr.md:1: (file): not a regular file" in str(caught.value)


def test_a_bulletin_too_big_is_refused_before_pelican_reads_it(tmp_path, monkeypatch):
    # A helper's probe (stop 68): a 487 MB bulletin was refused only once Pelican had read it
    # whole, at 2.1 GB of memory. Its size is checked first: Markdown is never asked to read it.
    import markdown

    from safe_html import sources

    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "gros.fr.md").write_text(HEAD + "\n" + "Texte. " * 80_000, encoding="utf-8")
    read = []
    monkeypatch.setattr(markdown.Markdown, "convert", lambda self, text: read.append(len(text)) or "")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert (
        f"gros.fr.md:1: (file): the file is {len(HEAD) + 1 + 7 * 80_000:,} bytes; at most {sources.MAX_BYTES:,} are read"
        in str(caught.value)
    ), str(caught.value)
    assert not [size for size in read if size > sources.MAX_BYTES]


def test_an_image_too_big_for_a_phone_is_refused_before_it_is_read(tmp_path, monkeypatch):
    # A hostile-input probe's: a 3 GB image linked by a bulletin was published, the build taking
    # 3.2 GB of memory to hash it, and the offline copy would have saved it on every phone.
    from safe_html import sources

    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "affiche.fr.md").write_text(HEAD + "\n![Affiche]({static}affiche.png)\n", encoding="utf-8")
    with open(content / "news" / "affiche.png", "wb") as image:
        image.truncate(sources.MAX_FILE_BYTES + 1)  # sparse: no disk taken
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert (
        f"affiche.png:1: (file): the file is {sources.MAX_FILE_BYTES + 1:,} bytes; an image or document is at most"
        in (str(caught.value))
    ), str(caught.value)
    assert not (tmp_path / "output").exists()


def test_a_translation_without_a_category_stops_the_build_and_says_why(tmp_path):
    # Alone, a bulletin without Category was named; with its translation, pairing the two
    # languages' categories stopped the build with a traceback.
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "avis.fr.md").write_text(HEAD + "Key: avis\n\nTexte.\n", encoding="utf-8")
    english = HEAD.replace("Lang: fr", "Lang: en").replace("Category: Essais\n", "") + "Key: avis\n\nText.\n"
    (content / "news" / "avis.en.md").write_text(english, encoding="utf-8")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert "avis.en.md:1: Category: missing" in str(caught.value)


def test_two_bulletins_of_one_language_with_one_key_stop_the_build(tmp_path):
    # Both were published with a Pelican warning, and the English translation was linked to
    # either of them.
    content = make_content(tmp_path)
    (content / "news").mkdir()
    for name, title in (("premier", "Premier"), ("second", "Second")):
        (content / "news" / f"{name}.fr.md").write_text(
            f"Title: {title}\nSlug: {name}\nLang: fr\nDate: 2026-11-01\nCategory: Essais\nKey: commun\n\nTexte.\n",
            encoding="utf-8",
        )
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert "second.fr.md:6: Key: 'commun' is also the Key of " in str(caught.value)
    assert not (tmp_path / "output" / "fr").exists()


def test_autolinks_and_a_draft_sharing_a_key_do_not_stop_the_build(tmp_path):
    # 120 autolinks ("<https://...>") were counted as elements 120 deep; a draft of a page
    # shares its key (Pelican pairs drafts apart).
    content = make_content(tmp_path)
    (content / "news").mkdir()
    links = "".join(f"<https://example.org/{i}/>\n\n" for i in range(120))
    (content / "news" / "liens.fr.md").write_text(HEAD + "\n" + links, encoding="utf-8")
    about = (content / "pages" / "about.fr.md").read_text(encoding="utf-8")
    (content / "pages" / "about-brouillon.fr.md").write_text(
        about.replace("Slug: ", "Status: draft\nSlug: brouillon-"), encoding="utf-8"
    )
    site = build_site(content, tmp_path / "output")
    assert "https://example.org/119/" in (site / "fr" / "nouvelles" / "essai" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_page_without_key_is_published_alone(tmp_path):
    # The sample pages have a Key: Pelican stopped with a traceback on one without.
    content = make_content(tmp_path)
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / "seule.fr.md").write_text("Title: Seule\nLang: fr\nSlug: seule\n\nTexte.\n", encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    assert "Texte." in (site / "fr" / "seule" / "index.html").read_text(encoding="utf-8")


def test_a_page_at_the_address_of_one_of_the_sites_pages_stops_the_build(tmp_path):
    # The site's search page replaced it without a word.
    content = make_content(tmp_path)
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / "recherche.fr.md").write_text(
        "Title: Recherche\nLang: fr\nSlug: recherche\nKey: recherche\n\nTexte.\n", encoding="utf-8"
    )
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert "recherche.fr.md:3: Slug: the address of the site's own search page (fr/recherche/index.html)" in str(
        caught.value
    )


@pytest.mark.parametrize(
    "slug, said",
    [
        # Published as the directory's own list of organizations, which the site does not write.
        ("organismes", "the address of the site's own folder of the organization pages (fr/organismes/index.html)"),
        ("telechargements", "the address of the site's own exports folder (fr/telechargements/index.html)"),
    ],
)
def test_a_page_at_the_index_of_one_of_the_sites_folders_stops_the_build(tmp_path, slug, said):
    content = make_content(tmp_path)
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / "liste.fr.md").write_text(
        f"Title: Tous les organismes\nLang: fr\nSlug: {slug}\nKey: liste\n\nTexte.\n", encoding="utf-8"
    )
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert f"liste.fr.md:3: Slug: {said}" in str(caught.value)
    assert not (tmp_path / "output" / "fr").exists()


def test_a_line_of_spaces_ends_the_metadata_as_markdown_reads_it(tmp_path):
    # The body's first line says "Template: ...": text, not metadata, after a blank line.
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(HEAD + "    \nTemplate: le modèle de lettre.\n", encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    assert "le modèle de lettre" in (site / "fr" / "nouvelles" / "essai" / "index.html").read_text(encoding="utf-8")


def test_a_bulletin_saved_with_a_byte_order_mark_is_published(tmp_path):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_bytes(("\ufeff" + HEAD + "\nTexte.\n").encode())
    site = build_site(content, tmp_path / "output")
    assert (site / "fr" / "nouvelles" / "essai" / "index.html").is_file()


def test_a_bulletin_s_table_scrolls_in_its_frame_on_a_phone(tmp_path, browser):
    # A helper's probe (stop 68): a bulletin's Markdown table of four columns (neighbourhood,
    # organization, phone, deadline) made a 320 px page 464 px wide.
    from browser import serve

    content = make_content(tmp_path)
    (content / "news").mkdir()
    table = "| Quartier | Organisme | Téléphone | Date limite |\n|---|---|---|---|\n"
    table += "| Hochelaga-Maisonneuve | Centre communautaire Hochelaga | 514 555-0123 | 4 décembre |\n"
    (content / "news" / "bulletin.fr.md").write_text(HEAD + "\nInscriptions :\n\n" + table, encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    frame = read(site / "fr" / "nouvelles" / "essai" / "index.html").find("table").parent
    assert frame.attrs.get("class") == "table-frame" and frame.attrs.get("tabindex") == "0"
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 320, "height": 640})
        page.goto(base + "fr/nouvelles/essai/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert page.evaluate("document.querySelector('.table-frame').scrollWidth") > 320 - 2 * 16
        page.close()


def test_links_and_two_bulletins_at_one_address_stop_the_build(tmp_path):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    for name in ("a.fr.md", "b.fr.md"):
        (content / "news" / name).write_text(HEAD + "\nTexte.\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"b\.fr\.md:1: Slug: the same address as .*a\.fr\.md"):
        build_site(content, tmp_path / "output")
    (content / "news" / "b.fr.md").unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.md").write_text(HEAD.replace("essai", "notes") + "\nInterne.\n", encoding="utf-8")
    (content / "news" / "archives").symlink_to(elsewhere)
    with pytest.raises(Exception, match=r"news/archives:1: \(file\): a link: bulletins and pages must be plain files"):
        build_site(content, tmp_path / "output")


@pytest.mark.parametrize("quiet", [False, True])
def test_markdown_that_takes_too_long_to_read_stops_the_build(tmp_path, monkeypatch, request, quiet):
    # Quiet (pelican -q), the log recorded no error, and the reason went with it: "Pelican could
    # not read it: `pelican --debug` says why" (a helper's probe, stop 68).
    import functools
    import logging

    import safe_html

    monkeypatch.setattr(safe_html._WATCH, "seconds", 0.5)
    if quiet:  # as pelican -q sets it (setLevel: the loggers' cache of levels is cleared)
        pelican_log = logging.getLogger("pelican")
        request.addfinalizer(functools.partial(pelican_log.setLevel, pelican_log.level))
        pelican_log.setLevel(logging.CRITICAL)
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(HEAD + "\n" + "[" * 30000 + "\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(
        Exception,
        match=r"bulletin\.fr\.md:1: \(file\): Pelican could not read it: reading its Markdown took over 0\.5 s",
    ):
        build_site(content, tmp_path / "output")
    assert time.monotonic() - started < 30


def test_the_markdown_of_every_file_has_one_time_limit_together(tmp_path, monkeypatch):
    # Stop 83's hostile probe: 31 bulletins of 20,000 "[" took 10 s each, over 5 minutes, and
    # said nothing until then. Past the build's budget, the files left are not read.
    import safe_html

    monkeypatch.setattr(safe_html._WATCH, "seconds", 0.5)
    monkeypatch.setattr(safe_html._WATCH, "budget", 1.2)
    content = make_content(tmp_path)
    (content / "news").mkdir()
    for n in range(12):
        head = HEAD.replace("Slug: essai", f"Slug: essai-{n}").replace("Title: Essai", f"Title: Essai {n}")
        (content / "news" / f"b{n}.fr.md").write_text(head + "\n" + "[" * 30000 + "\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(Exception, match=r"took over 1\.2 s in all, this one not read") as caught:
        build_site(content, tmp_path / "output")
    assert time.monotonic() - started < 30
    assert str(caught.value).count("took over 0.5 s:") <= 3, caught.value


@pytest.mark.parametrize(
    "body, said",
    [
        # A link's address copied at each use: 800 MB of page and feed from 180 KB (a helper's
        # probe, stop 80); at this size, 80 MB and some 20 s.
        (
            "[r]: https://example.org/" + "a" * 4000 + "\n\n" + "[a][R] " * 20000,
            r"bulletin\.fr\.md:7: \(file\): the link \[r\] of 4,020 characters is used 20,000 times",
        ),
        # The address on the line after the label, as Markdown reads it too (a reviewer's).
        (
            "[r]:\n    https://example.org/" + "a" * 4000 + "\n\n" + "[a][r] " * 20000,
            r"bulletin\.fr\.md:7: \(file\): the link \[r\] of 4,020 characters is used 20,000 times",
        ),
        # Many definitions, each under the cap, are counted together (a reviewer's).
        (
            "".join(f"[l{i}]: https://example.org/{'a' * 2000}\n" for i in range(60))
            + "".join(f"[l{i}] " * 500 for i in range(60)),
            r"characters is used 500 times: Markdown copies it each time \(with the file's other definitions, "
            r"60,600,000 characters",
        ),
        # An abbreviation's title, on each of its words.
        ("*[Z]: " + "t" * 4000 + "\n\n" + "Z " * 20000, r"bulletin\.fr\.md:7: \(file\): the abbreviation \[Z\]"),
    ],
)
def test_a_definition_markdown_would_copy_into_a_huge_page_stops_the_build(tmp_path, body, said):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(HEAD + "\n" + body + "\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(Exception, match=said):
        build_site(content, tmp_path / "output")
    assert time.monotonic() - started < 30
    assert not (tmp_path / "output").exists()


def test_definitions_used_as_writing_needs_them_are_published(tmp_path):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    body = "*[CLSC]: Centre local de services communautaires\n[info]: https://example.org/info\n\n"
    body += "Le CLSC [ouvre][info] ses portes. " * 200
    (content / "news" / "bulletin.fr.md").write_text(HEAD + "\n" + body + "\n", encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    page = next((site / "fr").rglob("essai/index.html")).read_text(encoding="utf-8")
    assert page.count("https://example.org/info") == 200 and page.count("<abbr") == 200


def test_characters_no_xml_may_hold_leave_bulletins_and_feeds(tmp_path):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(
        HEAD.replace("Title: Essai", "Title: Essai\uffff") + "\nTexte\ufffe ici.\n", encoding="utf-8"
    )
    site = build_site(content, tmp_path / "output")
    feed = (site / FEEDS["fr"]).read_text(encoding="utf-8")
    ET.fromstring(feed)  # well-formed: a feed reader can read it
    assert "Texte ici." in feed and "\uffff" not in feed and "\ufffe" not in feed


def test_translations_must_share_their_alert_window(tmp_path):
    content = make_content(tmp_path)
    (content / "news").mkdir()
    head = "Title: {t}\nSlug: {t}\nLang: {lang}\nKey: k\nDate: 2026-11-01\nCategory: {c}\nAlert: true\nAlert_start: 2026-11-01\n"
    (content / "news" / "a.fr.md").write_text(
        head.format(t="a", lang="fr", c="Essais") + "Alert_end: 2026-11-05\n\nx\n"
    )
    (content / "news" / "a.en.md").write_text(head.format(t="b", lang="en", c="Tests") + "Alert_end: 2026-11-06\n\nx\n")
    with pytest.raises(Exception, match=r"a\.fr\.md:7: Alert: its translations must have the same"):
        build_site(content, tmp_path / "output")


def test_every_page_announces_its_language_feed(news_site):
    for page, feed in (("fr/index.html", "fr/nouvelles/atom.xml"), ("en/regions/index.html", "en/news/atom.xml")):
        links = [
            link
            for link in read(news_site / page).find_all("link", rel="alternate")
            if link.attrs.get("type") == "application/atom+xml"
        ]
        assert len(links) == 1 and links[0].attrs["href"].endswith(feed), page
        assert (news_site / feed).is_file()


def test_a_feed_with_no_bulletin_yet_is_the_same_at_every_build(tmp_path):
    """A language with no bulletin yet has an empty feed: dated by the site's newest bulletin,
    not by the build (each build changed it, and so the offline copy's revision: phones were
    offered an update where nothing had changed)."""
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(HEAD + "\nTexte.\n", encoding="utf-8")
    first = (build_site(content, tmp_path / "one") / FEEDS["en"]).read_bytes()
    time.sleep(1.1)  # the time of a build shows to the second
    again = build_site(content, tmp_path / "two")
    assert (again / FEEDS["en"]).read_bytes() == first
    root = ET.parse(again / FEEDS["en"]).getroot()
    assert root.findall(ATOM + "entry") == []
    french = ET.parse(again / FEEDS["fr"]).getroot()
    assert root.find(ATOM + "updated").text == french.find(ATOM + "updated").text


@pytest.mark.parametrize(
    "folder, name, source",
    [
        # reStructuredText's include directive published the build's environment (its secrets).
        ("pages", "fuite.rst", "Fuite\n=====\n\n.. include:: /proc/self/environ\n   :literal:\n"),
        # The HTML reader read ".htm" files, whose <meta> chose where the page was written.
        (
            "news",
            "faux.fr.htm",
            '<html><head><title>Faux</title><meta name="date" content="2026-11-01">'
            '<meta name="save_as" content="fr/organismes/faux/index.html"></head><body>x</body></html>\n',
        ),
    ],
)
def test_a_bulletin_or_page_in_another_format_than_markdown_stops_the_build(tmp_path, folder, name, source):
    content = make_content(tmp_path)
    (content / folder).mkdir(exist_ok=True)
    (content / folder / name).write_text(source, encoding="utf-8")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    assert f"{name}:1: (file): not a Markdown file (.md)" in str(caught.value)
    assert not (tmp_path / "output").exists()


def test_a_bulletin_without_summary_is_summed_up_in_bounded_time(tmp_path):
    # 30 lines of 1,000 "|" (a 290 KB table of empty cells, no word to stop at): Pelican's
    # summary took 41 s, and its time grows with the square of the size.
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(HEAD + "\n" + ("|" * 1000 + "\n") * 30, encoding="utf-8")
    (content / "news" / "court.fr.md").write_text(
        HEAD.replace("essai", "court") + "\n" + " ".join(f"mot{n}" for n in range(80)) + "\n", encoding="utf-8"
    )
    started = time.monotonic()
    site = build_site(content, tmp_path / "output")
    assert time.monotonic() - started < 30
    listed = (site / "fr" / "nouvelles" / "index.html").read_text(encoding="utf-8")
    # A bulletin of ordinary length is summed up by its first words, as Pelican does.
    assert "mot49" in listed and "mot50" not in listed


def test_numbers_and_times_of_a_text_are_kept_on_one_line():
    # A phone broke "9-1-1" after a hyphen ("call 9-1-" / "1"), "8 h" between its parts.
    from directory.templating import kept_whole
    from repertoire.typography import kept_whole_html

    html = (
        '<p title="9-1-1 at 8 h">Call <a href="tel:911">9-1-1</a>, 2-1-1 or 1 800 463-5060 from 8 h 30 to 17 h;'
        " COVID-19, H2X-1Y4 and 8 heures stay as they are.</p>"
    )
    assert kept_whole_html(html) == (
        '<p title="9-1-1 at 8 h">Call <a href="tel:911"><span class="nowrap">9-1-1</span></a>,'
        ' <span class="nowrap">2-1-1</span> or <span class="nowrap">1 800 463-5060</span>'
        " from 8\u00a0h\u00a030 to 17\u00a0h; COVID-19, H2X-1Y4 and 8 heures stay as they are.</p>"
    )
    assert kept_whole_html("(514) 555-0100, 514 555 0100") == (
        '<span class="nowrap">(514) 555-0100</span>, <span class="nowrap">514 555 0100</span>'
    )
    # A title is text: escaped, then kept whole.
    assert (
        str(kept_whole("Guide des numéros N-1-1 <b>"))
        == 'Guide des numéros <span class="nowrap">N-1-1</span> &lt;b&gt;'
    )


@pytest.mark.parametrize("name", ["t&x.fr.md", "l'hiver.fr.md", 'a"b.png', "a%2e.png", "a\u202eb.png"])
def test_a_file_whose_name_a_link_escapes_stops_the_build(tmp_path, name):
    # A helper's probe (stop 75): a bulletin linking "{filename}t&x.fr.md?"><meta ...>" put a
    # meta refresh in its page and its feed once a file "t&x.fr.md" was there: Pelican found
    # the file by its unescaped name and wrote the rest of the link unescaped.
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "lien.fr.md").write_text(
        HEAD + "\nVoir <a href='{filename}" + name.replace("'", "&#39;") + '?"><meta http-equiv="refresh" '
        'content="0;url=https://example.org/"><a href="\'>ce bulletin</a>.\n',
        encoding="utf-8",
    )
    (content / "news" / name).write_text(HEAD.replace("essai", "autre") + "\nTexte.\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        build_site(content, tmp_path / "output")
    # "%2e" is decoded to "." by a server (a 404); a right-to-left mark was left out of the link.
    shown = name.encode("ascii", "backslashreplace").decode()  # an invisible character written so
    assert f"{shown}:1: (file): its name has a character a link escapes" in str(caught.value), str(caught.value)
    assert not (tmp_path / "output").exists()


def test_a_bulletin_of_unclosed_image_tags_is_checked_in_bounded_time(tmp_path):
    # A helper's probe: 493 KB of "a <img " with no ">" took 12 minutes 51 seconds to refuse,
    # the check for images from elsewhere reading to the end of the file from each one.
    from safe_html import sources
    from safe_html.sources import file_problems

    path = tmp_path / "content" / "news" / "imgs.fr.md"
    path.parent.mkdir(parents=True)
    path.write_text(HEAD + "\n" + ("a <img " * 20 + "\n") * 3000 + "![a" * 10_000, encoding="utf-8")  # under MAX_BYTES
    assert path.stat().st_size < sources.MAX_BYTES  # read, not refused for its size
    started = time.perf_counter()
    assert file_problems(path, tmp_path / "content", True) == []
    assert time.perf_counter() - started < 5


def test_feeds_give_titles_and_summaries_as_written(tmp_path):
    """A title or summary written with characters HTML escapes (or as entities) reads in a feed
    reader as it does on the page, not as "&amp;quot;"."""
    content = make_content(tmp_path)
    (content / "news").mkdir()
    (content / "news" / "bulletin.fr.md").write_text(
        HEAD.replace("Title: Essai", 'Title: Paniers "Noël" &amp; <em>dons</em> & co')
        + "Summary: Écoles &laquo; fermées &raquo; <b>jeudi</b> & vendredi\n\nTexte ici.\n",
        encoding="utf-8",
    )
    site = build_site(content, tmp_path / "output")
    entry = ET.parse(site / FEEDS["fr"]).getroot().find(ATOM + "entry")
    assert entry.find(ATOM + "title").text == 'Paniers "Noël" & dons & co'
    assert entry.find(ATOM + "summary").text == "Écoles « fermées » jeudi & vendredi"
    page = read(site / "fr" / "nouvelles" / "essai" / "index.html")
    assert " ".join(page.find("h1").text.split()) == 'Paniers "Noël" & dons & co'
