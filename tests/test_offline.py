"""Offline: the installable app, the service worker's copy, pages drawn from saved data, updates."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import struct
import time
from pathlib import Path

import pytest
import yaml
from pages import read

from browser import AXE, AXE_TAGS, OFFLINE_READY, header_rules, serve
from conftest import FIXTURES, build_site, first_record, make_content, run_in_node
from offline import read_precache, saved_revisions
from repertoire.compact import INSTALLED_TEXTS, first_call, installed_record, summary
from repertoire.records import text
from search_index import columns

ORG_PAGES = {"fr": "fr/organismes/", "en": "en/organizations/"}
SHELLS = {"fr": "fr/hors-ligne/organisme/", "en": "en/offline/organization/"}


def visit_and_keep(context, base, path="fr/"):
    """A first visit online; returns the page once the language pack is saved."""
    page = context.new_page()
    page.goto(base + path)
    page.wait_for_function(OFFLINE_READY, timeout=30000)
    return page


PHONES = [  # (a record's phones, the number its call button calls)
    ({"phones": [{"number": "514 555-0101", "type": "text"}, {"number": "514 555-0102"}]}, "514 555-0102"),
    ({"phones": [{"number": "514 555-0101", "type": "tty"}, {"number": "211", "type": "hotline"}]}, "211"),
    (
        {"phones": [{"number": "514 555-0101", "type": "fax"}, {"number": "514 555-0102", "type": "voice"}]},
        "514 555-0102",
    ),
    ({"phones": [{"number": "514 555-0101", "type": "text"}, {"number": "514 555-0103", "type": "tty"}]}, None),
    ({"phones": []}, None),
    ({}, None),
    # Numbers at its places and services only (the contract allows it): it had no call button.
    (
        {
            "locations": [
                {"phones": [{"number": "514 555-0104", "type": "tty"}]},
                {"phones": [{"number": "514 555-0105"}]},
            ],
            "services": [{"phones": [{"number": "514 555-0106"}]}],
        },
        "514 555-0105",
    ),
    ({"phones": [{"number": "514 555-0107"}], "locations": [{"phones": [{"number": "514 555-0105"}]}]}, "514 555-0107"),
    # One number, a text line and a voice line: the voice line is called.
    ({"phones": [{"number": "450 555-0130", "type": "text"}, {"number": "(450) 555-0130"}]}, "(450) 555-0130"),
]


def test_the_call_button_calls_a_voice_line(tmp_path):
    # A record whose first phone was its text line or TTY: the big button dialled it (a tester's
    # record). Pages and search cards (compact.py) and pages drawn offline (record.js) alike.
    called = [(first_call(record) or {}).get("number") for record, _ in PHONES]
    assert called == [number for _, number in PHONES]
    script = 'import { firstCall } from "./module.mjs";\n' + (
        "console.log(JSON.stringify(JSON.parse(process.argv[2]).map((p) => (firstCall(p) || {}).number ?? null)));\n"
    )
    assert run_in_node(tmp_path, "record.js", script, [record for record, _ in PHONES]) == called


# --- what the build writes --------------------------------------------------------------


def test_every_precached_file_exists_with_its_revision(built_site):
    precache = read_precache(built_site)
    entries = precache["shell"] + [e for pack in precache["packs"].values() for e in pack]
    assert len(entries) > 50
    for url, revision in entries:
        path = built_site / (url + "index.html" if url == "" or url.endswith("/") else url)
        assert path.is_file(), url
        content = path.read_bytes()
        if b"<!--alerts-->" in content:  # a directory page: revised by what it shows but its banner and date
            assert re.fullmatch("[0-9a-f]{12}", revision), url
        elif revision:
            assert hashlib.sha256(content).hexdigest()[:12] == revision, url
    fr = {url for url, _ in precache["packs"]["fr"]}
    assert "fr/categories/alimentation/" in fr and "fr/regions/montreal/" in fr and "search/fr/manifest.json" in fr
    assert not any(url.startswith(("en/", "search/en/")) for url in fr)
    # The pages in both languages: the English N-1-1 guide, a translation, was not saved.
    en = {url for url, _ in precache["packs"]["en"]}
    assert "fr/guide-n11/" in fr and "en/n11-guide/" in en and "en/about/" in en
    assert not any(url.startswith("fr/organismes/") for url in fr)  # drawn from data, not stored twice
    everything = json.loads((built_site / precache["everything"]["fr"]).read_text())
    assert any(url.startswith("fr/organismes/") for url, _, _ in everything)
    # The search engine is installed, its licences are saved with everything else.
    shell = {url for url, _ in precache["shell"]}
    assert "theme/vendor/lunr/lunr-fr.js" in shell
    licences = {url for url in shell | {url for url, _, _ in everything} if "LICENSE" in url}
    assert {"theme/vendor/lunr/LICENSE", "theme/vendor/lunr-languages/LICENSE"} <= licences
    assert not licences & shell


DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
CONTENT_NAMED = re.compile(r"-[0-9a-f]{12}\.json$")
# What names the current build's files, or is read as this build's: a phone keeping an older
# one would offer or show what is no longer there. A page is asked for by its folder's address
# ("/fr/organismes/x/": hosts match their rules against that, and Cloudflare Pages even
# redirects ".../index.html" there): a page kept for an hour hid a new alert for an hour.
ALWAYS_FRESH = re.compile(r"(/$|\.html$|^/sw\.js$|^/offline\.json$|/manifest\.json$|^/offline/(twins|late)\.json$)")


def _netlify_cache_control(uri: str) -> list[str]:
    """The Cache-Control values deploy/_headers gives a path (every matching rule's), read as
    scripts/serve reads them."""
    rules = header_rules((DEPLOY / "_headers").read_text(encoding="utf-8"))
    return [
        value
        for pattern, headers in rules
        if pattern.fullmatch(uri)
        for name, value in headers
        if name == "Cache-Control"
    ]


def _nginx_cache_control(uri: str) -> str:
    """The Cache-Control deploy/nginx.conf gives a path (its map: the first regex that matches)."""
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    block = text[text.index("map $uri $repertoire_cache_control {") :].split("}", 1)[0]
    default = re.search(r'^\s*default\s+"([^"]*)"', block, re.M).group(1)
    for pattern, value in re.findall(r'^\s*~(\S+)\s+"([^"]*)"', block, re.M):
        if re.search(pattern, uri):
            return value
    return default


def test_hosts_keep_for_a_year_only_files_named_by_their_content(built_site):
    # deploy/_headers kept everything under offline/ for a year, twins.json among them: a phone
    # would have read an old build's list of page translations (and alert banner) for a year.
    uris = ["/" + path.relative_to(built_site).as_posix() for path in built_site.rglob("*") if path.is_file()]
    uris += [uri.removesuffix("index.html") for uri in uris if uri.endswith("/index.html")]
    assert "/offline/late.json" in uris and "/offline/twins.json" in uris
    # Cloudflare Pages makes each "*" a capture group of one name: two, and the rule is dropped.
    rules = [line for line in (DEPLOY / "_headers").read_text(encoding="utf-8").splitlines() if line.startswith("/")]
    assert all(rule.count("*") <= 1 for rule in rules), rules
    listed = {path.name.rsplit("-", 1)[0] for path in built_site.glob("search/*/*-*.json")}
    assert {f"/search/{lang}/{kind}-*" for lang in ("fr", "en") for kind in listed} <= set(rules)
    for uri in uris:
        netlify, nginx = _netlify_cache_control(uri), _nginx_cache_control(uri)
        kept = [value for value in netlify + [nginx] if "immutable" in value]
        assert not kept or (CONTENT_NAMED.search(uri) and "no-cache" not in netlify), (uri, netlify, nginx)
        if ALWAYS_FRESH.search(uri):
            assert "no-cache" in netlify and nginx == "no-cache", (uri, netlify, nginx)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_offline_copy_keeps_every_record_once_and_no_online_cut(built_site):
    # A phone's offline copy holds the records by column (smaller), not the cards and details
    # that pages read online: both say the same of every organization.
    precache = read_precache(built_site)
    for lang, pack in precache["packs"].items():
        folder = built_site / "search" / lang
        manifest = json.loads((folder / "manifest.json").read_text())
        urls = {url for url, _ in pack}
        online = {f"search/{lang}/{name}" for name in manifest["cards"] + manifest["details"]}
        assert not online & urls
        assert not online & {url for other in precache["packs"].values() for url, _ in other}
        assert {
            f"search/{lang}/{name}"
            for name in manifest["records"]
            + [manifest[kind] for kind in ("facets", "spelling", "ids", "groups", "lengths")]
        } <= urls

        def rows(kind):
            return [row for name in manifest[kind] for row in json.loads((folder / name).read_text())]

        kept = []
        ids = json.loads((folder / manifest["ids"]).read_text())
        for name in manifest["records"]:
            stored = columns.rows(json.loads((folder / name).read_text()))
            assert len(stored) <= manifest["records_chunk"]
            kept += [{"id": ids[len(kept) + k], **row} for k, row in enumerate(stored)]
        # The card's number to call is left out: it is the first phone that is not a fax.
        cards = [{key: value for key, value in card.items() if key != "call"} for card in rows("cards")]
        assert all(
            card.get("call") == ({"number": call["number"], "tel": call["tel"]} if call else None)
            for card, call in zip(rows("cards"), (first_call(r) for r in kept))
        )
        assert kept == [
            installed_record({**card, **details}) for card, details in zip(cards, rows("details"), strict=True)
        ]
        assert len(kept) == manifest["documents"]


def test_each_language_installs_as_an_app_with_its_icons(built_site):
    for lang, home in (("fr", "fr/"), ("en", "en/")):
        manifest = json.loads((built_site / lang / "manifest.webmanifest").read_text())
        assert manifest["lang"] == lang and manifest["start_url"] == "../" + home
        assert manifest["display"] == "standalone" and manifest["theme_color"]
        purposes = {icon["purpose"] for icon in manifest["icons"]}
        assert purposes == {"any", "maskable"}
        for icon in manifest["icons"]:
            width, height = _png_size(built_site / lang / icon["src"])
            assert f"{width}x{height}" == icon["sizes"]
        link = read(built_site / home / "index.html").find("link", rel="manifest")
        assert link.attrs["href"] == f"../{lang}/manifest.webmanifest"


# --- pages drawn from saved data -------------------------------------------------------------

COMPARE = """async ([lang, slugs, shell, orgPages, saved]) => {
  const m = await import('/theme/js/offline-record.js');
  const doc = new DOMParser().parseFromString(await (await fetch(shell)).text(), 'text/html');
  const page = new m.RecordPage(doc.querySelector('[data-module="offline-record"]'));
  const engine = await import('/theme/js/search-engine.js');
  const base = new URL('/search/' + lang + '/', location.href);
  const index = new engine.SearchIndex(base, new URL('/', location.href));
  const manifest = await index.described();
  if (saved) {  // the records as the offline copy keeps them: read from the device, not fetched
    const cache = await caches.open('test-saved');
    for (const name of [...manifest.records, manifest.ids]) await cache.add(new URL(name, base));
    performance.clearResourceTimings();
    const before = performance.getEntriesByType('resource').length;
    await index.records([0]);
    if (performance.getEntriesByType('resource').length !== before) return ['fetched instead of read from the device'];
  }
  // What the page says: the built page keeps its templates' line breaks between elements,
  // where the drawn one has none (neither shows them); spaces between words count.
  const text = (node) => {
    const copy = node.cloneNode(true);
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const between = [];
    while (walker.nextNode()) if (/^\\s*\\n\\s*$/.test(walker.currentNode.data)) between.push(walker.currentNode);
    between.forEach((blank) => blank.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const marks = (node) => [...node.querySelectorAll('[lang]')].map((e) => e.lang + ':' + text(e)).join('|')
    // and what its numbers call (tel:) or text (sms:), and where its mails go, a correction's
    // too (the drawn one kept a "{id}" of the site's mail unfilled)
    + [...node.querySelectorAll('a[href^="tel:"], a[href^="sms:"], a[href^="mailto:"]')].map((a) => a.getAttribute('href')).join('|');
  const differ = [];
  for (const slug of slugs) {
    const record = await index.record(slug);
    const drawn = document.createElement('main');
    drawn.append(...page.render(record));
    const built = new DOMParser().parseFromString(await (await fetch(orgPages + slug + '/')).text(), 'text/html').querySelector('main');
    built.querySelectorAll('.map-block').forEach((e) => e.remove());  // maps need the network: not drawn offline
    // The site's footer as printed: the offline page has its own, around what it draws (base.html).
    built.querySelectorAll('.print-footer').forEach((e) => e.remove());
    if (text(built) !== text(drawn) || marks(built) !== marks(drawn)) differ.push([slug, text(built), text(drawn)]);
  }
  return differ; }"""


@pytest.mark.parametrize("read", ["online", "saved"])
@pytest.mark.parametrize("records", ["demonstration", "fixtures"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_page_drawn_from_saved_data_says_what_the_built_page_says(
    browser, demo_site, built_site, lang, records, read
):
    # The demonstration set (160 varied records) and the fixtures (odd shapes, the minimal record),
    # read as a page online reads them (cards and details) and as the offline copy keeps them.
    site = demo_site if records == "demonstration" else built_site
    slugs = sorted(p.parent.name for p in (site / ORG_PAGES[lang]).glob("*/index.html"))
    assert len(slugs) >= (150 if records == "demonstration" else 6)
    with serve(site) as base:
        # A storage of its own and no worker: "online" then has no saved record to read.
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(base + "404.html")
        differ = page.evaluate(COMPARE, [lang, slugs, "/" + SHELLS[lang], "/" + ORG_PAGES[lang], read == "saved"])
        context.close()
    assert differ == [], differ[:1]


def test_a_closed_organization_is_drawn_when_its_alternatives_cannot_be_read(browser, demo_site, demo_url):
    # Its alternatives are document numbers, named from their cards: offline, an install cut
    # short may hold the closed record's chunk and not theirs. The page is drawn without them,
    # with its "call 2-1-1" and its category, rather than "unavailable".
    closed = "aide-aux-devoirs-de-levis"
    assert "alternatives" in (demo_site / ORG_PAGES["fr"] / closed / "index.html").read_text()
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(demo_url + "404.html")
    found = page.evaluate(
        """async (slug) => {
      const engine = await import('/theme/js/search-engine.js');
      const read = async (unreachable) => {
        const index = new engine.SearchIndex(new URL('/search/fr/', location.href), new URL('/', location.href));
        await index.described();
        if (unreachable) index.cards = async (docs) => { throw new TypeError('Failed to fetch'); };
        return index.record(slug);
      };
      const whole = await read(false);
      const cut = await read(true).catch((error) => 'failed: ' + error.message);
      return [whole.alternatives, cut];
    }""",
        closed,
    )
    context.close()
    whole, cut = found
    assert whole and all(other["id"] and other["name"] for other in whole)
    assert isinstance(cut, dict), cut
    assert cut["id"] == closed and cut["alternatives"] == []


# --- long texts: the install keeps their start ----------------------------------------------------

LONG = {
    "fr": "Première phrase qui dit ce que fait l'organisme. "
    + "Une phrase de plus sur ses services, son quartier et les personnes qu'il accueille. " * 12
    + "\n\nDernier paragraphe : la phrase finale que seule la page complète montre.",
    "en": "First sentence saying what the organization does. "
    + "One more sentence about its services, its neighbourhood and who it welcomes. " * 12
    + "\n\nLast paragraph: the final sentence only the whole page shows.",
}


def test_a_summary_ends_after_a_whole_sentence_within_its_limit():
    for text_ in LONG.values():
        cut = summary(text_, 400)
        assert len(cut) <= 400 and cut.endswith(".") and text_.startswith(cut)
        assert "final" not in cut
    assert summary("Court.", 400) is None
    # A first sentence longer than the limit: whole words, and a mark that it goes on.
    cut = summary("mot " * 300, 100)
    assert cut.endswith("mot…") and len(cut) <= 100
    # A text missing in the page's language keeps the language it is in.
    record = installed_record({"description": {"fr": LONG["fr"]}, "services": [{"name": "x"}]})
    assert record["description"] == {"fr": summary(LONG["fr"], INSTALLED_TEXTS["organization"])}
    assert record["description_cut"] and "description_cut" not in record["services"][0]


def test_a_long_description_is_shortened_offline_and_whole_online(browser, tmp_path):
    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    path = records / "cuisine-collective-du-quartier.yaml"
    data = yaml.safe_load(path.read_text())
    data["description"] = LONG
    data["services"][0]["description"] = {"fr": LONG["fr"][:600], "en": LONG["en"][:600]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    site = build_site(make_content(tmp_path, organizations=records), tmp_path / "output")
    with serve(site) as base:
        context = browser.new_context()
        visit_and_keep(context, base, "en/")
        page = visit_and_keep(context, base, "fr/")
        for lang in ("fr", "en"):
            url = f"{base}{ORG_PAGES[lang]}cuisine-collective-du-quartier/"
            context.set_offline(True)
            page.goto(url)
            page.locator("h1").wait_for()
            drawn = page.locator("main").inner_text()
            assert LONG[lang][:40] in drawn and LONG[lang][-30:] not in drawn, lang
            assert page.locator(".cut-note").count() == 2, lang  # the organization's and the service's
            context.set_offline(False)
            page.goto(url)
            assert LONG[lang][-30:] in page.locator("main").inner_text(), lang
            assert page.locator(".cut-note").count() == 0
        context.close()


# --- in the browser, with the network cut -------------------------------------------------------


def test_a_save_cut_short_offers_no_language_and_says_whom_to_call(browser, demo_url):
    # A helper's probe (stop 80): the connection lost 30 s into the first save, each language's
    # search page was saved without its index, and each one offered the other ("search the
    # same words in the language below"), which did not work either.
    context = browser.new_context()
    page = visit_and_keep(context, demo_url, "fr/")
    visit_and_keep(context, demo_url, "en/").close()
    page.evaluate("""async () => {
        const state = new URL("__state", document.baseURI.split("/fr/")[0] + "/").href;
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                if (/\\/search\\/(fr|en)\\/./.test(request.url)) await cache.delete(request);
            }
            const kept = await cache.match(state);
            if (kept) await cache.put(state, new Response(JSON.stringify({ ...(await kept.json()), langs: [], full: [] })));
        }
    }""")
    context.set_offline(True)
    for path, said in (
        ("fr/recherche/?q=aines", "La recherche n'est pas encore enregistrée sur cet appareil"),
        ("en/search/?q=food+bank", "Search is not saved on this device yet: connect to the internet, or call"),
    ):
        page.goto(demo_url + path)
        status = page.locator("[data-search-status]")
        page.wait_for_function(
            "() => document.querySelector('[data-search-status]').textContent.includes('ncore') || "
            "document.querySelector('[data-search-status]').textContent.includes('yet')",
            timeout=15000,
        )
        assert said in status.inner_text(), status.inner_text()
        assert page.locator("[data-search-other]:visible").count() == 0
        assert page.locator("[data-search-empty] a[href^='tel:']").first.is_visible()
    context.close()


# The device's data of a language as in the seconds after a first visit: its search files not
# saved yet (put aside), the service worker's state not counting the language; or saved (put
# back), the state counting it.
_UNSAVED = """async (done) => {
    const state = new URL("__state", document.baseURI.split("/fr/")[0] + "/").href;
    const aside = await caches.open("test-aside");
    const where = new URL("/test-aside-where", document.baseURI).href;  // [url, cache] of each
    const moved = done ? await (await aside.match(where)).json() : [];
    for (const name of await caches.keys()) {
        if (name === "test-aside") continue;
        const cache = await caches.open(name);
        if (!done) {
            for (const request of await cache.keys()) {
                if (!/\\/search\\/fr\\/./.test(request.url)) continue;
                await aside.put(request.url, await cache.match(request));
                moved.push([request.url, name]);
                await cache.delete(request);
            }
        }
        const kept = await cache.match(state);
        const now = { langs: done ? ["fr"] : [] };
        if (kept) await cache.put(state, new Response(JSON.stringify({ ...(await kept.json()), ...now })));
    }
    if (done) {
        for (const [url, name] of moved) await (await caches.open(name)).put(url, await aside.match(url));
        await caches.delete("test-aside");
    } else {
        await aside.put(where, new Response(JSON.stringify(moved)));
    }
}"""


def test_an_organization_still_being_saved_says_so_and_shows_itself_once_saved(browser, demo_url, demo_records):
    # Stop 83's phone probe: offline in the seconds after a first visit (the French data saved
    # some 5 s after the worker is ready), every organization page said "not in the data saved
    # on this device", with no number to call and nothing to try; and the page of what is saved
    # listed "Search · every organization" while the search could find nothing.
    context = browser.new_context(viewport={"width": 320, "height": 568})
    page = visit_and_keep(context, demo_url, "fr/")
    # Offline first, a moment: a save still under way can then put nothing back.
    context.set_offline(True)
    page.wait_for_timeout(500)
    page.evaluate(_UNSAVED, False)
    # Nor in the browser's own cache, which the worker's fetch reached offline (it failed so in
    # the whole suite, not alone).
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    org = demo_records[-1]
    page.goto(f"{demo_url}fr/nulle-part/")
    page.locator("h1").wait_for()
    page.wait_for_function("() => document.querySelector('[data-not-saved-every]')?.hidden === true")
    page.goto(f"{demo_url}fr/organismes/{org.id}/")
    heading = page.locator("h1")
    heading.wait_for()
    assert heading.inner_text() == "Pas encore enregistrée sur cet appareil"
    assert "peu après une première visite" in page.locator("[data-offline-record-status]").inner_text()
    assert page.get_by_role("link", name="Réessayer").is_visible()
    call = page.locator("main a[href='tel:211']").bounding_box()  # on a small phone's first screen
    assert call is not None and call["y"] + call["height"] <= 568, call
    # Saved meanwhile: the organization is drawn in place, the page not reloaded under a reader.
    page.evaluate("window.stillThisPage = true")
    page.evaluate(_UNSAVED, True)
    name = text(org.data["name"], "fr")[0]
    page.wait_for_function("name => document.querySelector('h1')?.textContent === name", arg=name, timeout=15000)
    assert page.evaluate("window.stillThisPage") is True
    assert page.locator("main .quick-actions, main .call-link").count() > 0
    page.goto(f"{demo_url}fr/nulle-part/")
    page.wait_for_function("() => document.querySelector('[data-not-saved-every]')?.hidden === false")
    context.close()


def test_after_one_visit_the_directory_works_offline(browser, demo_site, demo_url, demo_records):
    context = browser.new_context()
    requests, loaded = [], []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("load", lambda: loaded.append(len(requests)))
    page.goto(demo_url + "fr/")
    before_load = requests[: loaded[0]]
    assert not any("/search/" in url for url in before_load), "the pack must wait for the page to load"
    page.wait_for_function(OFFLINE_READY, timeout=30000)
    context.set_offline(True)

    page.goto(demo_url + "fr/")
    assert page.locator("[data-offline-indicator]").is_visible()
    assert page.locator(".category-grid a, .category-list a").count() >= 20
    page.goto(demo_url + "fr/categories/alimentation/")
    assert page.locator("h1").inner_text() == "Alimentation"
    assert page.locator(".org-list .org-card").count() > 3
    page.goto(demo_url + "fr/recherche/?q=aines")
    page.locator("[data-search-list] li").first.wait_for()
    assert "aînés" in page.locator("[data-search-list]").inner_text().lower()
    # The English search, never saved here, offers the same words on the French one, which is.
    page.goto(demo_url + "en/search/?q=food+bank")
    other = page.locator("[data-search-other]:visible a")
    other.wait_for(timeout=15000)
    assert other.get_attribute("href").endswith("/fr/recherche/?q=food+bank"), other.get_attribute("href")
    # Said as it is: not "browse the categories below", which this device did not save either.
    assert page.locator("[data-search-status]").inner_text() == (
        "Search in this language is not saved on this device: search the same words in the language below, "
        "or connect to the internet."
    )
    other.click()
    page.locator("[data-search-list] li").first.wait_for()

    # Any organization with a description: its page was never visited, so it is drawn from the saved data.
    org = first_record(demo_records, "described", lambda org: org.data.get("description"))
    name, description = text(org.data["name"], "fr")[0], text(org.data["description"], "fr")[0]
    page.goto(f"{demo_url}fr/organismes/{org.id}/")
    page.locator("h1").wait_for()
    assert page.locator("h1").inner_text() == name
    assert description[:40] in page.locator("main").inner_text()
    assert page.title().startswith(name)
    assert page.locator(".language-switch a").get_attribute("href").endswith(f"/en/organizations/{org.id}/")

    # The English list (that language never saved here): an organization kept leads to its
    # saved French page, with its number to call. It showed its id, and nothing to call.
    called = first_record(
        demo_records,
        "active, with a number to call",
        lambda org: (
            org.status == "active"
            and any(p.get("type", "voice") in ("voice", "hotline") for p in org.data.get("phones") or [])
        ),
    )
    page.goto(f"{demo_url}en/my-list/?ids={called.id}")
    saved = page.locator(".entry a[hreflang='fr']")
    saved.wait_for(timeout=15000)
    assert saved.get_attribute("href").endswith(f"/fr/organismes/{called.id}/")
    assert saved.inner_text() == text(called.data["name"], "fr")[0]
    assert "This organization is saved in another language:" in page.locator(".entry").inner_text()
    assert page.locator(".entry .entry__number").get_attribute("href").startswith("tel:")
    # Its row is in the list's CSV, as its number is on the printed list: it was left out.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert [row[:2] for row in rows[1:]] == [[called.id, text(called.data["name"], "fr")[0]]]
    context.close()


def cache_name(version: str, path: str = "/") -> str:
    """The service worker's cache of a build (or "state") of the site served at `path`."""
    return f"repertoire-{path}-{version}"


def _served_copy(site: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(site, folder)
    return folder


def _build_with_name(tmp: Path, name: str) -> Path:
    records = tmp / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    path = records / "cuisine-collective-du-quartier.yaml"
    data = yaml.safe_load(path.read_text())
    data["name"]["fr"] = name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return build_site(make_content(tmp, organizations=records), tmp / "output")


def _swap(served: Path, site: Path) -> None:
    """Deploy `site` in place of what is served. The files get the time of the deployment, as
    an upload gives them: with the build's own times, two builds made within one second (the
    small fixture site builds that fast) kept one Last-Modified, the server answered the
    browser's update check with 304, and no update was ever found."""
    for child in served.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    for child in site.iterdir():
        if child.is_dir():
            shutil.copytree(child, served / child.name, copy_function=shutil.copy)
        else:
            shutil.copy(child, served / child.name)


@contextlib.contextmanager
def a_new_build_deployed(browser, built_site, tmp_path, new_name, log=None):
    """A visitor with the offline copy of one build, then a build renaming an organization is
    deployed at the same address: yields (base URL, context, page, version of the first build)."""
    served = _served_copy(built_site, tmp_path / "served")
    changed = _build_with_name(tmp_path / "b", new_name)
    with serve(served, log=log) as base:
        context = browser.new_context()
        page = visit_and_keep(context, base)
        first = json.loads((served / "offline.json").read_text())["version"]
        _swap(served, changed)
        yield base, context, page, first, served
        context.close()


def test_a_new_build_replaces_the_offline_copy_whole(browser, built_site, tmp_path):
    with a_new_build_deployed(browser, built_site, tmp_path, "Cuisine collective Nouvelle-Ère") as (
        base,
        context,
        page,
        first,
        served,
    ):
        page.reload()
        banner = page.locator("[data-update-banner]")
        banner.wait_for(state="visible", timeout=30000)
        # The next page finds the update already waiting: it offers it too, and does not
        # reload itself under the visitor's finger.
        page.goto(base + "fr/regions/")
        banner.wait_for(state="visible", timeout=30000)
        assert json.loads(page.evaluate("JSON.stringify(performance.getEntriesByType('navigation').length)")) == 1
        with page.expect_navigation():
            banner.locator("[data-update-now]").click()
        page.wait_for_function(OFFLINE_READY, timeout=30000)
        second = json.loads((served / "offline.json").read_text())["version"]
        assert second != first
        assert sorted(page.evaluate("caches.keys()")) == sorted([cache_name(second), cache_name("state")])

        context.set_offline(True)
        page.goto(base + "fr/organismes/cuisine-collective-du-quartier/")
        page.locator("h1").wait_for()
        assert page.locator("h1").inner_text() == "Cuisine collective Nouvelle-Ère"
        page.goto(base + "fr/recherche/?q=nouvelle")
        page.locator("[data-search-list] li").first.wait_for()
        assert page.locator("[data-search-list] li").first.inner_text().startswith("Cuisine collective Nouvelle-Ère")


NEWS = Path(__file__).resolve().parent.parent / "content" / "news"
ALERT_TITLE = "Mesures d'urgence"  # the ice storm bulletin's French title starts so


def _news_site(tmp: Path, *, alert: bool, verified: str | None = None) -> Path:
    """The fixture records with the project's bulletins, with or without the ice storm's alert
    (on at the tests' day); `verified`: a new last_verified for one record (the data's date)."""
    news = tmp / "news"
    news.mkdir(parents=True)
    for source in NEWS.glob("*.md"):
        if alert or not source.name.startswith("mesures-urgence-verglas."):
            shutil.copy(source, news / source.name)
    records = tmp / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    if verified:
        path = records / "cuisine-collective-du-quartier.yaml"
        path.write_text(re.sub(r"(?m)^last_verified: .*$", f"last_verified: {verified}", path.read_text()))
    return build_site(make_content(tmp, organizations=records, news=news), tmp / "output")


def test_an_alert_or_a_reverified_record_changes_no_other_saved_page(tmp_path):
    # Each page shows the alert banner and the directory's "data as of" date: one alert, or one
    # record re-verified, changed every page's bytes, and a phone that saved everything
    # downloaded the whole directory again (5.6 MB, 235 s on slow 3G, for the demonstration).
    before = _news_site(tmp_path / "a", alert=False)
    after = _news_site(tmp_path / "b", alert=True, verified="2026-11-22")
    was, now = saved_revisions(before), saved_revisions(after)
    edited = {ORG_PAGES[lang] + "cuisine-collective-du-quartier/" for lang in ORG_PAGES}
    pages = [url for url in was if url.startswith(tuple(ORG_PAGES.values())) and url not in edited]
    assert len(pages) >= 8
    for url in pages:
        assert was[url] == now[url], url
        assert (before / url / "index.html").read_bytes() != (after / url / "index.html").read_bytes(), url
    for url in edited:
        assert was[url] != now[url], url
    # Shown on a page from either build: today's banner and date are in the small file every
    # update installs.
    assert was["offline/late.json"] != now["offline/late.json"]
    late = json.loads((after / "offline/late.json").read_text())
    assert ALERT_TITLE in late["fr"]["3"]["alerts"] and "22 novembre 2026" in late["fr"]["3"]["as-of"]
    page = (after / ORG_PAGES["fr"] / "odd-shapes" / "index.html").read_text()
    assert f"<!--alerts-->{late['fr']['3']['alerts']}<!--/alerts-->" in page


def test_a_saved_page_shows_todays_alert_without_being_downloaded_again(browser, tmp_path):
    before = _news_site(tmp_path / "a", alert=False)
    after = _news_site(tmp_path / "b", alert=True, verified="2026-11-22")
    served = _served_copy(before, tmp_path / "served")
    log: list[str] = []
    with serve(served, log=log) as base:
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        # What a screen reader hears of the save (the status line): its quarters, not every file.
        page.evaluate("""() => { window.said = []; new MutationObserver(() => window.said.push(
            document.querySelector('[data-offline-save-status]').textContent)).observe(
            document.querySelector('[data-offline-save-status]'), { childList: true, characterData: true, subtree: true }); }""")
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr'", timeout=60000
        )
        assert len(page.evaluate("window.said")) <= 7, page.evaluate("window.said")
        other = "fr/organismes/ligne-ecoute-provinciale/"
        page.goto(base + other)
        assert page.locator(".alert-banner", has_text=ALERT_TITLE).count() == 0
        _swap(served, after)
        del log[:]
        page.reload()
        banner = page.locator("[data-update-banner]")
        banner.wait_for(state="visible", timeout=30000)
        with page.expect_navigation():
            banner.locator("[data-update-now]").click()
        page.wait_for_function(OFFLINE_READY, timeout=30000)
        version = json.loads((served / "offline.json").read_text())["version"]
        page.wait_for_function(f"() => caches.keys().then((names) => names.includes('{cache_name(version)}'))")
        fetched = {path.split("?")[0] for path in log}
        # The organization pages fetched again: the re-verified one, and the one open meanwhile.
        assert {path for path in fetched if path.startswith("/fr/organismes/")} <= {
            "/" + other,
            "/fr/organismes/cuisine-collective-du-quartier/",
        }, sorted(fetched)
        context.set_offline(True)
        page.clock.install(time="2026-11-23T15:00:00Z")  # within the alert's window, as the build's day
        page.goto(base + "fr/organismes/odd-shapes/")
        page.locator(".alert-banner", has_text=ALERT_TITLE).wait_for(timeout=10000)  # visible
        assert "22 novembre 2026" in page.locator(".data-date").inner_text()
        assert page.locator("h1").inner_text() == "Formes « bizarres » & cie"
        context.close()


def test_an_update_can_wait_and_its_offer_does_not_stick_to_a_small_screen(browser, built_site, tmp_path):
    # The offer sat in the sticky header (37 % of a 320 px screen with it, on every page) and
    # only updating took it away.
    with a_new_build_deployed(browser, built_site, tmp_path, "Cuisine collective Plus-Tard") as (
        base,
        context,
        page,
        first,
        served,
    ):
        page.set_viewport_size({"width": 320, "height": 640})
        page.reload()
        banner = page.locator("[data-update-banner]")
        banner.wait_for(state="visible", timeout=30000)
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < 0.2 * 640, header
        page.mouse.wheel(0, 400)
        page.wait_for_function("() => window.scrollY >= 300")
        assert banner.bounding_box()["y"] + banner.bounding_box()["height"] <= 0, "the offer follows the page"
        page.evaluate("window.scrollTo(0, 0)")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: tags})).violations.map((v) => v.id)", AXE_TAGS
        )
        assert not violations, violations
        banner.locator("[data-update-later]").click()
        assert banner.is_hidden()
        assert page.evaluate("document.activeElement.id") == "main"
        # Not offered again on the next pages of this visit, and not applied: it waits.
        page.goto(base + "fr/regions/")
        page.wait_for_function("() => document.querySelector('[data-update-banner]').dataset.offered === 'later'")
        assert banner.is_hidden()
        assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => Boolean(r.waiting))")
        # An hour later, in the same tab (a phone's, kept open for days): offered again when the
        # reader comes back to the page, and on the next page opened.
        an_hour_ago = "sessionStorage.setItem('repertoire-update-later', String(Date.now() - 3601 * 1000))"
        page.evaluate(an_hour_ago)
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        banner.wait_for(state="visible", timeout=30000)
        banner.locator("[data-update-later]").click()
        page.evaluate(an_hour_ago)
        page.goto(base + "fr/")
        banner.wait_for(state="visible", timeout=30000)


UPDATE_NOW = """async () => { const registration = await navigator.serviceWorker.getRegistration();
    try { await registration.update(); } catch (error) { /* a failed install may reject */ }
    while (registration.installing) await new Promise((r) => setTimeout(r, 50));
    return Boolean(registration.waiting); }"""


def test_an_interrupted_update_leaves_the_previous_copy_usable_and_goes_on_where_it_stopped(
    browser, built_site, tmp_path
):
    log: list[str] = []
    with a_new_build_deployed(browser, built_site, tmp_path, "Cuisine collective Autre-Nom", log) as (
        base,
        context,
        page,
        version,
        served,
    ):

        def cut() -> dict[str, bytes]:
            """The new build cannot be fetched whole: the files that changed (new records) are missing."""
            renamed = {p.name for p in (served / "search" / "fr").iterdir()} - {
                p.name for p in (built_site / "search" / "fr").iterdir()
            }
            assert renamed
            kept = {name: (served / "search" / "fr" / name).read_bytes() for name in renamed}
            for name in renamed:
                (served / "search" / "fr" / name).unlink()
            return kept

        cut()
        # Look for the update now and wait until the new worker's install has ended (failed).
        assert not page.evaluate(UPDATE_NOW)
        assert page.locator("[data-update-banner]").is_hidden()
        unfinished = cache_name(json.loads((served / "offline.json").read_text())["version"])
        assert {cache_name(version), unfinished} <= set(page.evaluate("caches.keys()"))
        context.set_offline(True)
        page.goto(base + "fr/organismes/cuisine-collective-du-quartier/")
        page.locator("h1").wait_for()
        assert page.locator("h1").inner_text() == "Cuisine collective du quartier"
        # Another build deployed meanwhile, cut too: the first one's unfinished copy goes (daily
        # builds on a flaky connection kept a copy of the site each), the one in use stays.
        context.set_offline(False)
        _swap(served, _build_with_name(tmp_path / "c", "Cuisine collective Troisième"))
        # Deployed within the second the worker's script was last asked for, it kept its
        # Last-Modified, the server answered 304, and no update was found: a later time.
        later = time.time() + 5
        os.utime(served / "sw.js", (later, later))
        kept = cut()
        log.clear()
        assert not page.evaluate(UPDATE_NOW)
        first_try = {path.split("?")[0] for path in log}
        names = page.evaluate("caches.keys()")
        assert unfinished not in names and cache_name(version) in names, names
        # The files there again: the update goes on where it stopped. It started again from
        # nothing, and a connection that dropped every minute never finished one.
        for name, data in kept.items():
            (served / "search" / "fr" / name).write_bytes(data)
        log.clear()
        assert page.evaluate(UPDATE_NOW)
        second_try = {path.split("?")[0] for path in log}
        missing = {f"/search/fr/{name}" for name in kept}
        assert missing & second_try
        # Nothing the first try saved is downloaded again (the worker's script is looked at each time).
        fetched_twice = {path for path in (first_try & second_try) - missing if not path.endswith("sw.js")}
        assert not fetched_twice, fetched_twice


def test_a_connection_that_answers_nothing_shows_the_saved_copy_within_seconds(browser, built_site):
    # Connected, and no data coming back (a weak signal): pages gave up after 4 s, but the
    # style sheet, the scripts and the search manifest waited for the network for ever.
    import threading
    import time

    stalled = threading.Event()
    with serve(built_site, headers={"Cache-Control": "no-cache"}, stalled=stalled) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        visit_and_keep(context, base, "fr/")
        stalled.set()
        page = context.new_page()
        started = time.monotonic()
        # Not visited: drawn from the saved records, by scripts and the search manifest.
        org_id = sorted(path.name for path in (built_site / ORG_PAGES["fr"]).iterdir() if path.is_dir())[0]
        page.goto(base + ORG_PAGES["fr"] + org_id + "/", timeout=30000)
        page.locator(".call-link, a[href^='tel:']").first.wait_for(timeout=20000)
        drawn = time.monotonic() - started
        # Styled: the saved style sheet, not the browser's defaults.
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
        started = time.monotonic()
        page.goto(base + "fr/categories/alimentation/", timeout=30000)
        page.locator(".org-card").first.wait_for(timeout=20000)
        listed = time.monotonic() - started
        stalled.clear()
        context.close()
    # Each page waits for the network as long as a page does (4 s); its files then come from
    # the copy at once.
    assert drawn < 9 and listed < 9, (drawn, listed)


def test_on_a_slow_connection_a_page_never_saved_waits_for_the_network(browser, published_site):
    # Connected but slow: a page this device never saved went to "not saved" after 4 s, whose
    # own check came back, and round again (a tester's phone loaded a bulletin 112 times and
    # never showed it). Without a copy to show, the worker waits for the network.
    import threading

    stalled = threading.Event()
    with serve(published_site, headers={"Cache-Control": "no-cache"}, stalled=stalled) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        visit_and_keep(context, base, "fr/")
        page = context.new_page()
        went = []
        page.on("framenavigated", lambda frame: went.append(frame.url))
        stalled.set()
        threading.Timer(7, stalled.clear).start()  # the network answers after 7 s
        page.goto(base + "fr/nouvelles/paniers-de-noel/", timeout=30000)
        page.locator("h1").wait_for(timeout=20000)
        context.close()
    assert not [url for url in went if "non-enregistree" in url], went
    assert went and went[-1].endswith("fr/nouvelles/paniers-de-noel/"), went


def test_save_for_offline_downloads_every_page_with_progress(browser, built_site):
    with serve(built_site) as base:
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        assert "Mo" in page.locator("[data-offline-save-size]").inner_text()
        # What a screen reader hears of the save (the status line): its quarters, not every file.
        page.evaluate("""() => { window.said = []; new MutationObserver(() => window.said.push(
            document.querySelector('[data-offline-save-status]').textContent)).observe(
            document.querySelector('[data-offline-save-status]'), { childList: true, characterData: true, subtree: true }); }""")
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr'", timeout=60000
        )
        assert len(page.evaluate("window.said")) <= 7, page.evaluate("window.said")
        progress = page.locator("[data-offline-save-progress]")
        assert progress.get_attribute("value") == progress.get_attribute("max")
        # Saved, it no longer says how much it would download.
        assert page.locator("[data-offline-save-size]").is_hidden()
        context.set_offline(True)
        page.goto(base + "fr/organismes/cuisine-collective-du-quartier/")
        assert page.locator(".map-block").count() == 1  # the built page itself, saved
        csv = page.evaluate("fetch('../../telechargements/all.csv').then((r) => r.text())")  # a download, saved too
        assert csv.lstrip("\ufeff").startswith("Identifiant")
        context.close()


def test_the_offline_page_says_what_already_works_without_a_connection(browser, built_site):
    # Offline, the page said only that saving needs a connection: a person did not know that
    # search and every organization of their language were saved already (a phone probe's).
    with serve(built_site) as base:
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        kept = page.locator("[data-offline-kept]")
        kept.wait_for(state="visible", timeout=10000)
        assert "la recherche et tous les organismes en français." in kept.inner_text()
        page.locator("#save-en").check()  # both languages saved: each said with its word
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr en'", timeout=60000
        )
        assert "tous les organismes en français et en anglais." in kept.inner_text()
        context.set_offline(True)
        page.reload()
        kept.wait_for(state="visible", timeout=10000)
        assert "en français et en anglais." in kept.inner_text()
        context.close()
        context = browser.new_context()  # nothing saved yet: nothing said
        page = context.new_page()
        page.route("**/sw.js", lambda route: route.abort())
        page.goto(base + "fr/hors-ligne/")
        page.wait_for_timeout(500)
        assert page.locator("[data-offline-kept]").is_hidden()
        context.close()


def test_a_save_cut_off_goes_on_where_it_stopped_and_a_full_device_is_said(browser, built_site):
    # Tried again after the connection dropped, a save fetched every file again (what it had
    # saved was noted only at its end); a full device was said to be a lost connection.
    log: list = []
    with serve(built_site, log=log) as base:
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => Number(document.querySelector('[data-offline-save-progress]').value) >= 50", timeout=60000
        )
        context.set_offline(True)
        page.locator("[data-offline-save-status]").filter(has_text="connexion perdue").wait_for(timeout=30000)
        context.set_offline(False)
        before = set(log)
        log.clear()
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr'", timeout=60000
        )
        again = set(log)
        # Fetched again: the six under way when it stopped, and the list of files to save.
        assert len(before) >= 50 and len(before & again) <= 6 + 1, (len(before), sorted(before & again))
        context.close()
        # A device with room for what a visit saves and half of the rest.
        rest = json.loads((built_site / "offline.json").read_text())["everything"]["fr"]["bytes"]
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        used = page.evaluate("navigator.storage.estimate().then((estimate) => estimate.usage)")
        cdp = context.new_cdp_session(page)
        cdp.send("Storage.overrideQuotaForOrigin", {"origin": base.rstrip("/"), "quotaSize": used + rest // 2})
        page.locator("[data-offline-save-start]").click()
        status = page.locator("[data-offline-save-status]").filter(has_text="n’a plus de place")
        status.wait_for(timeout=60000)
        assert "connexion perdue" not in status.inner_text()
        context.close()


def test_the_megabytes_counted_are_those_the_save_said_it_would_download(browser, built_site):
    # An offline probe's: "791 / 791 · 10 Mo" where 14.4 MB were downloaded: the files of the
    # language pack of a language not kept yet were not counted.
    def megabytes(text: str) -> float:
        return float(
            re.findall(r"([\d,]+)\s*Mo", text.replace("\u202f", "").replace("\u00a0", ""))[-1].replace(",", ".")
        )

    with serve(built_site) as base:
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        page.locator("#save-fr").uncheck()
        page.locator("#save-en").check()
        size = page.locator("[data-offline-save-size]").filter(has_text="Mo")
        size.wait_for(timeout=30000)
        info = json.loads((built_site / "offline.json").read_text())
        to_download = info["everything"]["en"]["bytes"] + info["packs"]["en"]
        assert abs(megabytes(size.inner_text()) - to_download / 1048576) <= 0.05, size.inner_text()
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved?.includes('en')", timeout=60000
        )
        counted = megabytes(page.locator("[data-offline-save-count]").inner_text())
        assert abs(counted - to_download / 1048576) <= 0.05, (counted, to_download / 1048576)
        context.close()


def test_save_everything_after_a_new_build_saves_the_new_one(browser, built_site, tmp_path):
    # The site was rebuilt since the phone's last update: "save everything" asked the old
    # worker, which fetched its build's list of files, gone from the site, and said the
    # connection was lost, every time (a tester's phone).
    with a_new_build_deployed(browser, built_site, tmp_path, "Cuisine collective Tout-Neuf") as (
        base,
        context,
        page,
        first,
        served,
    ):
        page.goto(base + "fr/hors-ligne/")
        page.locator("[data-offline-save-size]").filter(has_text="Mo").wait_for(timeout=30000)
        with page.expect_navigation(timeout=120000):  # saved by the new build's worker, which takes over
            page.locator("[data-offline-save-start]").click()
        page.wait_for_function(OFFLINE_READY, timeout=30000)
        second = json.loads((served / "offline.json").read_text())["version"]
        assert second != first
        assert sorted(page.evaluate("caches.keys()")) == sorted([cache_name(second), cache_name("state")])
        # Come back to the page: it says what is saved, rather than offering it again.
        page.locator("[data-offline-save-status]").filter(has_text="Tout est enregistré").wait_for(timeout=10000)
        context.set_offline(True)
        page.goto(base + "fr/organismes/cuisine-collective-du-quartier/")
        assert page.locator("h1").inner_text() == "Cuisine collective Tout-Neuf"
        assert page.locator(".map-block").count() == 1  # the built page itself, saved
        page.goto(base + "fr/hors-ligne/")
        page.locator("[data-offline-save-status]").filter(has_text="Tout est enregistré").wait_for(timeout=10000)


def test_the_worker_keeps_the_site_two_files_at_a_time_unless_asked_to_save(browser, built_site):
    # Six downloads at once kept the language pack after a first visit: on slow 3G the person's
    # next pages took three times as long, for minutes (stop 78's offline probe). Two, then;
    # "save everything", asked for, goes on six.
    with serve(built_site, delay=0.05) as base:  # a distant host: downloads overlap
        context = browser.new_context()
        flying, most = set(), {"kept": 0}

        def started(request):
            if request.service_worker is not None:
                flying.add(request)
                most["now"] = max(most.get("now", 0), len(flying))

        context.on("request", started)
        context.on("requestfinished", lambda request: flying.discard(request))
        context.on("requestfailed", lambda request: flying.discard(request))
        page = visit_and_keep(context, base, "fr/")
        most["kept"], most["now"] = most.get("now", 0), 0
        assert 1 <= most["kept"] <= 2, most
        page.goto(base + "fr/hors-ligne/")
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr'", timeout=120000
        )
        assert most["now"] > 2, most
        context.close()


def test_save_pressed_before_the_size_is_known_still_saves(browser, built_site):
    # The button shows from the start, but listened only once offline.json had come: pressed
    # earlier (a slow connection; CI's slow machine), it did nothing and the save never began.
    def delay(path):
        return 4 if path.startswith("/offline.json") else 0

    with serve(built_site, delay=delay) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "fr/hors-ligne/")
        assert page.locator("[data-offline-save-size]").inner_text() == ""  # the size not yet known
        page.locator("[data-offline-save-start]").click()
        # The focus follows: on Stop while it saves, back on the button once saved (the button,
        # disabled, dropped it to the page's top: a phone probe's, stop 81).
        assert page.evaluate("document.activeElement.hasAttribute('data-offline-save-stop')")
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr'", timeout=60000
        )
        assert page.evaluate("document.activeElement.hasAttribute('data-offline-save-start')")
        context.close()


def test_a_browser_set_to_save_data_gets_no_pack_unasked(browser, built_site):
    # Megabytes downloaded after a first visit, unasked (stop 78's offline probe): a browser
    # set to save data (Save-Data) keeps the site's shell only; the offline page saves the rest.
    with serve(built_site) as base:
        for save_data in (True, False):
            context = browser.new_context()
            context.add_init_script(
                f"Object.defineProperty(navigator, 'connection', {{value: {{saveData: {str(save_data).lower()}}}}})"
            )
            fetched = []
            context.on("request", lambda r: fetched.append(r.url) if r.service_worker is not None else None)
            page = context.new_page()
            page.goto(base + "fr/")
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            if save_data:
                page.wait_for_timeout(3000)
            else:
                page.wait_for_function(OFFLINE_READY, timeout=30000)
            pack = [url for url in fetched if "/fr/categories/" in url]
            assert bool(pack) is not save_data, (save_data, len(pack))
            context.close()


def test_a_save_can_be_stopped(browser, built_site):
    # Tens of megabytes on a metered connection, with no way to stop them (stop 78's offline
    # probe). Stopped, what was saved stays, and saving again goes on from there.
    def asked(log):  # the files asked for so far
        return len(log)

    log: list = []
    with serve(built_site, delay=0.2, log=log) as base:  # slow: the save is under way for a while
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        # The pack kept after the visit is not counted again in what is left to download.
        info = json.loads((built_site / "offline.json").read_text())
        size = page.locator("[data-offline-save-size]").filter(has_text="Mo")
        size.wait_for(timeout=30000)
        expected = info["everything"]["fr"]["bytes"] / 1048576
        page.wait_for_function(
            "(mb) => document.querySelector('[data-offline-save-size]').textContent.includes("
            "new Intl.NumberFormat('fr', { maximumFractionDigits: 1 }).format(mb))",
            arg=expected,
            timeout=10000,
        )
        stop = page.locator("[data-offline-save-stop]")
        assert stop.is_hidden()
        page.locator("[data-offline-save-start]").click()
        stop.wait_for(state="visible", timeout=30000)
        page.wait_for_function("() => document.querySelector('progress').value > 0", timeout=30000)
        # Each file counted on the screen, and the megabytes (the status is read at each quarter).
        counted = page.locator("[data-offline-save-count]")
        page.wait_for_function(
            "() => /^\\d+ \\/ \\d+ · [\\d,]+ Mo$/.test(document.querySelector('[data-offline-save-count]').textContent)",
            timeout=30000,
        )
        first = counted.inner_text()
        # The save button, which can do nothing meanwhile, does not look as ready as Stop.
        faded = "(b) => getComputedStyle(b).opacity"
        assert float(page.locator("[data-offline-save-start]").evaluate(faded)) < float(stop.evaluate(faded))
        page.wait_for_function(
            "(was) => document.querySelector('[data-offline-save-count]').textContent !== was", arg=first
        )
        stop.click()
        status = page.locator("[data-offline-save-status]")
        status.filter(has_text="Enregistrement arrêté").wait_for(timeout=30000)
        assert stop.is_hidden() and page.locator("[data-offline-save-start]").is_enabled()
        page.wait_for_timeout(1000)
        before = asked(log)
        page.wait_for_timeout(2000)
        assert asked(log) == before  # nothing more downloaded
        page.locator("[data-offline-save-start]").click()
        page.wait_for_function(
            "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr'", timeout=120000
        )
        context.close()
    # Stopped at once, while the page still looks for the newest worker (an update checked, on a
    # slow host): nothing is saved (a reviewer's: the save ran to its end).
    log.clear()
    with serve(built_site, delay=0.5, log=log) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "fr/hors-ligne/")
        page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        log.clear()
        page.locator("[data-offline-save-start]").click()
        page.locator("[data-offline-save-stop]").click()
        page.locator("[data-offline-save-status]").filter(has_text="Enregistrement arrêté").wait_for(timeout=30000)
        page.wait_for_timeout(3000)
        assert not [path for path in log if "/organismes/" in path], log[:5]
        context.close()


def test_a_second_request_to_save_joins_the_save_under_way(browser, built_site):
    # Leaving the page during a save and asking again fetched 340 of 347 files twice.
    with serve(built_site) as base:
        context = browser.new_context()
        page = visit_and_keep(context, base, "fr/hors-ligne/")
        fetched = []
        context.on("request", lambda request: fetched.append(request.url) if request.url.endswith("/") else None)
        page.locator("[data-offline-save-start]").click()
        other = context.new_page()
        other.goto(base + "fr/hors-ligne/")
        button = other.locator("[data-offline-save-start]")
        button.wait_for()
        if button.is_enabled():  # the save may already show as under way: then no button to press
            button.click()
        for each in (page, other):
            each.wait_for_function(
                "() => document.querySelector('[data-module=offline-save]').dataset.saved === 'fr'", timeout=60000
            )
        pages = [url for url in fetched if "/organismes/" in url]
        assert pages and len(pages) == len(set(pages)), sorted(pages)[:5]
        context.close()


def test_a_save_of_another_language_asked_meanwhile_follows_the_first(browser, built_site):
    # A French save under way, then an English one asked from another tab: the English tab was
    # told it was saved, with no English file kept.
    with serve(built_site) as base:
        context = browser.new_context()
        french = visit_and_keep(context, base, "fr/hors-ligne/")
        english = visit_and_keep(context, base, "en/offline/")
        french.locator("[data-offline-save-start]").click()
        button = english.locator("[data-offline-save-start]")
        if button.is_enabled():
            button.click()
        else:  # shown as under way: asked once the French save ends
            button.wait_for(state="attached")
            english.wait_for_function(
                "() => !document.querySelector('[data-offline-save-start]').disabled", timeout=60000
            )
            button.click()
        for page, lang in ((french, "fr"), (english, "en")):
            page.wait_for_function(
                f"() => document.querySelector('[data-module=offline-save]').dataset.saved === '{lang}'", timeout=60000
            )
        kept = english.evaluate(
            f"async () => (await Promise.all((await caches.keys()).filter((n) => n !== '{cache_name('state')}')"
            ".map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))).flat()"
        )
        assert any("/en/organizations/cuisine-collective-du-quartier/" in url for url in kept)
        assert any("/fr/organismes/cuisine-collective-du-quartier/" in url for url in kept)
        context.close()


def test_a_drawn_page_passes_the_accessibility_checks(browser, built_site):
    axe = (Path(__file__).parents[1] / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    with serve(built_site) as base:
        context = browser.new_context()
        visit_and_keep(context, base, "en/")
        page = visit_and_keep(context, base, "fr/")
        context.set_offline(True)
        found = {}
        for path in (
            "fr/organismes/odd-shapes/",
            "en/organizations/cuisine-collective-du-quartier/",
            "fr/organismes/halte-de-nuit-l-escale/",
        ):
            page.goto(base + path)
            page.locator("h1").wait_for()
            assert page.locator('[data-module="offline-record"]').count() == 0  # drawn, not the built page
            page.evaluate(axe)
            violations = page.evaluate(
                "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}))"
                ".violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"
            )
            if violations:
                found[path] = violations
        context.close()
    assert not found, found


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            '<html><head><link rel="alternate" hreflang="en" href="../en/x/"><link rel=stylesheet href=a.css></head>'
            '<body><link rel="alternate" hreflang="de" href="de/"></body>',
            {"en": "../en/x/"},
        ),
        (
            '<HEAD><LINK HREF="/fr/" HREFLANG="fr" REL="Alternate"><link rel="alternate" href="no-lang/"></HEAD><BODY>',
            {"fr": "/fr/"},
        ),
        ('<link rel="alternate" hreflang="en" href="a&amp;b/">', {"en": "a&b/"}),  # no body: the whole page
    ],
)
def test_a_pages_twins_are_read_from_the_links_of_its_head(html, expected):
    from offline.twins import page_alternates

    assert page_alternates(html) == expected


def test_an_organization_deleted_by_a_new_build_is_not_shown_from_the_copy_while_online(browser, built_site, tmp_path):
    # The update waits for the visitor (or is put off an hour): meanwhile, online, a deleted
    # organization's page came from the copy, active, its number to call, where the site
    # answers 404; and a mistyped address said "not saved" (offline probe, stop 69).
    served = _served_copy(built_site, tmp_path / "served")
    records = tmp_path / "b" / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    (records / "cuisine-collective-du-quartier.yaml").unlink()
    changed = build_site(make_content(tmp_path / "b", organizations=records), tmp_path / "b" / "output")
    # Pages asked again of the site each time, as deploy/_headers has them: not kept by the
    # browser; a page that is not there answered with the site's 404.html, as hosts do.
    with serve(served, headers={"Cache-Control": "no-cache"}, not_found="404.html") as base:
        context = browser.new_context()
        page = visit_and_keep(context, base)
        page.goto(base + "fr/organismes/cuisine-collective-du-quartier/")
        assert page.locator("h1").inner_text() == "Cuisine collective du quartier"
        _swap(served, changed)
        for gone in ("fr/organismes/cuisine-collective-du-quartier/", "fr/organismes/cuisine-collective-du-quartie/"):
            response = page.goto(base + gone)
            assert response.status == 404, gone
            assert page.locator("h1").inner_text() == "Page introuvable"
        context.close()
    # A host's own 404 (a site unpublished, misconfigured) is no answer of the site: the copy.
    with serve(served, headers={"Cache-Control": "no-cache"}) as base_again:
        assert base_again  # another port: its own worker, which saves its copy first
        context = browser.new_context()
        page = visit_and_keep(context, base_again)
        shutil.rmtree(served / "fr" / "organismes" / "halte-de-nuit-l-escale")
        page.goto(base_again + "fr/organismes/halte-de-nuit-l-escale/")
        assert "L'Escale" in page.locator("h1").inner_text()
        context.close()


def test_two_sites_of_one_origin_keep_their_own_copies(browser, built_site, tmp_path):
    # A preview beside the published site, two project sites of one GitHub account: each
    # worker deleted the other's copy, and the first site opened offline on a browser error.
    root = tmp_path / "origin"
    for path in ("a", "b"):
        _served_copy(built_site, root / path)
    with serve(root) as base:
        context = browser.new_context()
        visit_and_keep(context, base, "a/fr/").close()
        visit_and_keep(context, base, "b/fr/").close()
        names = context.new_page()
        names.goto(base + "b/fr/")
        kept = names.evaluate("caches.keys()")
        assert any(name.startswith("repertoire-/a/-") for name in kept), kept
        assert any(name.startswith("repertoire-/b/-") for name in kept), kept
        context.set_offline(True)
        for path in ("a", "b"):
            names.goto(base + f"{path}/fr/organismes/cuisine-collective-du-quartier/")
            assert names.locator("h1").inner_text() == "Cuisine collective du quartier"
        context.close()
