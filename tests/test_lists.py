"""My list (kept on the device, shared by link or QR code) and the printed directories."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
import yaml

from browser import OFFLINE_READY, serve
from conftest import ROOT, first_record

RECORDS = ROOT / "content" / "organizations"


@pytest.fixture(scope="module")
def kept(demo_records) -> tuple:
    """Three organizations to keep in a list: active ones, which search finds and the lists
    hold; the first has a phone and hours at its first place, which its entry shows; the second
    several places, which a list's row gives all of."""
    active = [org for org in demo_records if org.status == "active"]
    first = first_record(
        active,
        "active with a phone and hours at its first place",
        lambda org: org.data.get("phones") and (org.data.get("locations") or [{}])[0].get("hours"),
    )
    second = first_record(
        [org for org in active if org is not first],
        "active with three places",
        lambda org: len(org.data.get("locations") or []) >= 3,
    )
    third = next(org for org in active if org not in (first, second))
    return first, second, third


def record_name(org_id: str, lang: str = "fr") -> str:
    name = yaml.safe_load((RECORDS / f"{org_id}.yaml").read_text(encoding="utf-8"))["name"]
    return name if isinstance(name, str) else name.get(lang) or name["fr"]


def keep(page, base: str, org_id: str) -> None:
    page.goto(f"{base}fr/organismes/{org_id}/")
    toggle = page.locator(f'[data-list-toggle="{org_id}"]')
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"


def names_in_list(page) -> list[str]:
    page.locator("[data-list] .entry__name").first.wait_for()
    return page.locator("[data-list] .entry__name").all_inner_texts()


def test_kept_organizations_make_a_list_to_reorder_remove_and_download(browser, demo_url, kept, taxonomy):
    from repertoire.wording import week_in_short

    first_id, second_id, third_id = (org.id for org in kept)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    for org_id in (first_id, second_id, third_id):
        keep(page, demo_url, org_id)
    page.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(page) == [record_name(first_id), record_name(second_id), record_name(third_id)]
    assert page.locator("[data-list-status]").inner_text() == "3 organismes dans votre liste."
    first_entry = page.locator("[data-list] li").first
    # Its phone and its hours, written as the build writes them (the PDFs).
    first, conventions = kept[0].data, taxonomy.conventions
    assert conventions.phones.text_of(first["phones"][0]["number"], "fr") in first_entry.inner_text()
    # "To call them later": each number is a call to make, as on the organization's page.
    calls = first_entry.locator(".entry__phones a").evaluate_all("links => links.map(a => a.href)")
    voices = [p for p in first["phones"] if p.get("type") != "fax"]
    assert calls == [f"tel:{conventions.phones.tel_of(p['number'])}" for p in voices] != [], calls
    # The numbers come before the places: with several places they fell below a phone's screen.
    text = first_entry.inner_text()
    assert text.index(first_entry.locator(".entry__phones").inner_text()) < text.index(
        first_entry.locator(".entry__location").first.inner_text()
    )
    assert (
        week_in_short(first["locations"][0], "fr", str(ROOT / "theme" / "translations"), conventions.locale("fr"))
        in first_entry.inner_text()
    )

    page.get_by_role("button", name=f"Descendre\u00a0: {record_name(first_id)}", exact=True).click()
    assert names_in_list(page) == [record_name(second_id), record_name(first_id), record_name(third_id)]
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')")
        == f"Descendre\u00a0: {record_name(first_id)}"
    )
    # Moved to the end, it keeps the focus: the focus went to the item now in its place, and the
    # next press moved that one (stop 77's probe); then to "up", and the next Enter moved it back
    # (stop 82's). At the end, "down" says so, and the status how many there are.
    page.keyboard.press("Enter")
    assert names_in_list(page) == [record_name(second_id), record_name(third_id), record_name(first_id)]
    focused = "document.activeElement.getAttribute('aria-label')"
    page.wait_for_function(f"() => {focused} === 'Descendre\u00a0: ' + {json.dumps(record_name(first_id))}")
    assert page.locator("[data-list-status]").inner_text() == f"{record_name(first_id)} déplacé en position 3 sur 3."
    page.keyboard.press("Enter")
    assert names_in_list(page) == [record_name(second_id), record_name(third_id), record_name(first_id)]
    # Said again at each press: the status is emptied, then filled a moment later.
    already = f"{record_name(first_id)} est déjà en dernière position."
    page.wait_for_function(
        "said => document.querySelector('[data-list-status]').textContent === said", arg=already, timeout=5000
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert names_in_list(page) == [record_name(second_id), record_name(first_id), record_name(third_id)]
    page.get_by_role("button", name=f"Retirer\u00a0: {record_name(third_id)}", exact=True).click()
    assert names_in_list(page) == [record_name(second_id), record_name(first_id)]
    assert "retiré de votre liste" in page.locator("[data-list-status]").inner_text()
    # The focus stays in the list, on the button of the item now in its place: it fell to the
    # page (the first item's "up", tried next, is disabled), and Tab started over.
    page.wait_for_function("() => document.activeElement !== document.body")
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Retirer\u00a0: {record_name(first_id)}"
    )
    # A removal is undone where it was (one tap beside "down" took one away for good: a
    # helper's probe, stop 80); what is undone is said, and the button goes.
    undo = page.get_by_role("button", name=f"Annuler\u00a0: remettre {record_name(third_id)} dans votre liste")
    undo.click()
    assert names_in_list(page) == [record_name(second_id), record_name(first_id), record_name(third_id)]
    assert page.locator("[data-list-status]").inner_text() == f"{record_name(third_id)} est de retour dans votre liste."
    assert not undo.is_visible()
    page.get_by_role("button", name=f"Retirer\u00a0: {record_name(third_id)}", exact=True).click()
    assert names_in_list(page) == [record_name(second_id), record_name(first_id)]

    # The order and the removal are kept on the device.
    page.reload()
    assert names_in_list(page) == [record_name(second_id), record_name(first_id)]
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [record_name(second_id), record_name(first_id)]
    assert rows[2][-1] == f"{demo_url}fr/organismes/{first_id}/"  # the page itself, absolute
    # The same columns, in the same order and words, as the build's lists (but for the address,
    # absolute here).
    built = list(csv.reader(io.StringIO(urlopen(demo_url + "fr/telechargements/all.csv").read().decode("utf-8-sig"))))
    assert rows[0] == built[0]
    by_id = {row[0]: row for row in built[1:]}
    for row in rows[1:]:
        assert row[:-1] == by_id[row[0]][:-1], (row, by_id[row[0]])
    # Every place of an organization, in order (a list gave the first's only: a helper's check).
    places = kept[1].data["locations"]
    streets = [", ".join(filter(None, [(p.get("address") or {}).get(k) for k in ("street", "unit")])) for p in places]
    assert by_id[second_id][rows[0].index("Adresse")] == " | ".join(streets)
    assert len(by_id[second_id][rows[0].index("Heures")].split(" | ")) == len(places)

    # The toggle on an organization page says it is kept, and takes it out.
    page.goto(f"{demo_url}fr/organismes/{first_id}/")
    page.locator(f'[data-list-toggle="{first_id}"][aria-pressed="true"]').click()
    page.goto(demo_url + "en/my-list/")
    assert names_in_list(page) == [record_name(second_id, "en")]
    context.close()


def test_an_organization_no_longer_active_is_kept_without_its_hours(browser, demo_url, demo_records):
    # A counsellor's printout of a list: one that closed since it was kept gave its hours as if
    # open; its page gives its former addresses only.
    closed = first_record(
        [org for org in demo_records if org.status == "inactive"],
        "no longer active, with hours at an address",
        lambda org: any(place.get("hours") and place.get("address") for place in org.data.get("locations") or []),
    )
    context = browser.new_context()
    page = context.new_page()
    keep(page, demo_url, closed.id)
    page.goto(demo_url + "fr/ma-liste/")
    names_in_list(page)
    entry = page.locator(f"[data-list] #entry-{closed.id}")
    assert "N’est plus en activité" in entry.inner_text() or "N'est plus en activité" in entry.inner_text()
    assert entry.locator(".entry__address").count() >= 1
    assert entry.locator(".entry__hours, .entry__stale, a[href^='tel:']").count() == 0
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 568}, {"width": 390, "height": 844}], ids=["320", "390"])
def test_undo_is_offered_on_the_screen_where_the_removal_was_tapped(browser, demo_url, demo_records, viewport):
    # "Undo" sat at the top of the list: removing the sixth entry on a phone, it was screens
    # above, and the person never saw it (stop 80's phone probe).
    ids = [org.id for org in demo_records if org.status == "active"][:8]
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    context.add_init_script(f"localStorage.setItem('repertoire-my-list', {json.dumps(json.dumps(ids))})")
    page = context.new_page()
    page.goto(demo_url + "fr/ma-liste/")
    assert len(names_in_list(page)) == 8
    removed = record_name(ids[6])
    page.get_by_role("button", name=f"Retirer\u00a0: {removed}", exact=True).tap()
    assert page.locator("[data-list-status]").evaluate("e => e.getBoundingClientRect().bottom < 0")  # off screen
    undo = page.get_by_role("button", name=f"Annuler\u00a0: remettre {removed} dans votre liste")
    box = undo.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box
    assert removed in page.locator("[data-undo-box]").inner_text()
    # What the removal focused (the next entry's button) is not hidden under it.
    hidden = page.evaluate(
        """() => { const focused = document.activeElement.getBoundingClientRect();
                   return focused.bottom > document.querySelector('[data-undo-box]').getBoundingClientRect().top; }"""
    )
    assert not hidden
    undo.tap()
    assert names_in_list(page)[6] == removed
    assert not page.locator("[data-undo-box]").is_visible()
    # The focus on the entry put back, on the screen: on the status, the page jumped to the top.
    page.wait_for_function("() => document.activeElement.closest('li') !== null")
    focused = page.evaluate(
        """() => { const e = document.activeElement, box = e.getBoundingClientRect();
                   return [e.closest('li').dataset.id, e.dataset.action, box.top >= 0 && box.bottom <= innerHeight]; }"""
    )
    assert focused == [ids[6], "remove", True], focused
    context.close()


def test_an_undo_offered_goes_when_another_tab_changes_the_list(browser, demo_url, kept):
    # A reviewer's (stop 80): removed in one tab, the list changed in another, "Undo" put back
    # the list of before and dropped what the other tab did.
    first_id, second_id, third_id = (org.id for org in kept)
    context = browser.new_context()
    page = context.new_page()
    for org_id in (first_id, second_id, third_id):
        keep(page, demo_url, org_id)
    page.goto(demo_url + "fr/ma-liste/")
    page.get_by_role("button", name=f"Retirer\u00a0: {record_name(third_id)}", exact=True).click()
    undo = page.locator("[data-undo]")
    assert undo.is_visible()
    other = context.new_page()
    other.goto(demo_url + "fr/ma-liste/")
    other.get_by_role("button", name=f"Retirer\u00a0: {record_name(first_id)}", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('[data-list] li').length === 1")
    assert not undo.is_visible()
    assert names_in_list(page) == [record_name(second_id)]
    context.close()


def test_a_shared_link_opens_the_same_list_on_another_phone(browser, demo_url, kept):
    first_id, _, third_id = (org.id for org in kept)
    first = browser.new_context()
    page = first.new_page()
    for org_id in (third_id, first_id):
        keep(page, demo_url, org_id)
    page.goto(demo_url + "fr/ma-liste/")
    names_in_list(page)
    link = page.locator("[data-share-link]").input_value()
    assert link.startswith(demo_url + "fr/ma-liste/?ids=")
    qr = page.locator("[data-qr] svg")
    assert qr.get_attribute("aria-label") == "Code QR du lien vers cette liste"
    assert qr.locator("path, rect").count() >= 1
    # Markup an HTML checker accepts: the library's own tag gave its rect cx and cy.
    assert qr.locator("rect[cx], rect[cy]").count() == 0 and qr.get_attribute("viewBox")
    first.close()

    other = browser.new_context()  # another phone: nothing kept there
    phone = other.new_page()
    phone.goto(link)
    assert names_in_list(phone) == [record_name(third_id), record_name(first_id)]
    assert "On vous a partagé une liste de 2 organismes." in phone.locator("[data-list-status]").inner_text()
    phone.goto(demo_url + "fr/ma-liste/")
    assert "Votre liste est vide" in phone.locator("[data-list-status]").inner_text()
    phone.goto(link)
    phone.get_by_role("button", name="Garder cette liste sur cet appareil").click()
    assert "?ids=" not in phone.url
    phone.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(phone) == [record_name(third_id), record_name(first_id)]
    other.close()


def test_a_shared_link_on_a_slow_connection_says_it_is_loading_and_asks_all_it_can_at_once(browser, demo_site, kept):
    # On slow 3G the page said nothing for 15 s (stop 81's probe), and the QR code's library
    # was asked for only once the list's script had come: a round trip more before the data.
    asked: dict[str, float] = {}

    def slow(path: str) -> float:
        asked.setdefault(path.split("?")[0].rsplit("/", 1)[-1], time.monotonic())
        return 2.0 if path.startswith(("/theme/js/my-list.js", "/search/fr/details-")) else 0.0

    ids = ",".join(org.id for org in kept[:2])
    with serve(demo_site, delay=slow) as base:
        page = browser.new_page()
        page.goto(base + f"fr/ma-liste/?ids={ids}", wait_until="commit")
        page.wait_for_selector("[data-list-status]:has-text('Chargement de la liste…')", timeout=20000)
        assert page.locator("[data-list] li").count() == 0
        assert names_in_list(page) == [record_name(org.id) for org in kept[:2]]
        # Whose list it is, said once drawn (it said "Chargement..." and no more).
        assert page.locator("[data-list-status]").inner_text() == "On vous a partagé une liste de 2 organismes."
        page.close()
    assert asked["qrcode.js"] < asked["my-list.js"] + 1.0, asked


def test_a_shared_list_shows_its_first_number_on_a_small_phone_s_first_screen(browser, demo_url, kept):
    # At 320 x 568 with the alerts showing, the shared list's number was at y = 786 (stop 82's
    # probe): the device's own list's words and the keep buttons came first. What it is, its
    # organizations, then what to do with it.
    context = browser.new_context(viewport={"width": 320, "height": 568}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(demo_url + "fr/ma-liste/?ids=" + ",".join(org.id for org in kept[:2]))
    names_in_list(page)
    number = page.locator("[data-list] a[href^='tel:']").first.bounding_box()
    assert number["y"] + number["height"] <= 568, number
    assert page.locator("[data-own-lead]").is_hidden()
    keep = page.get_by_role("button", name="Garder cette liste sur cet appareil").bounding_box()
    last = page.locator("[data-list] > li").last.bounding_box()
    assert keep["y"] > last["y"]
    context.close()


def test_a_shared_list_leaves_the_device_s_own_list_as_it_is_until_asked(browser, demo_url, kept):
    # A helper's probe (stop 76): "Vider la liste" on a shared link emptied the person's own list
    # (the shared organizations stayed on screen); "Garder cette liste" replaced it unasked; the
    # language switch lost the shared organizations ("Your list is empty").
    first_id, second_id, third_id = (org.id for org in kept)
    context = browser.new_context()
    page = context.new_page()
    for org_id in (first_id, second_id):
        keep(page, demo_url, org_id)
    page.goto(demo_url + f"fr/ma-liste/?ids={third_id}")
    assert names_in_list(page) == [record_name(third_id)]
    assert page.get_by_role("button", name="Vider la liste").is_hidden()
    assert "dans votre liste" not in page.locator("[data-list-status]").inner_text()
    english = page.locator(".language-switch a").get_attribute("href")
    assert english.endswith(f"/en/my-list/?ids={third_id}"), english
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Garder cette liste sur cet appareil").click()
    assert asked and "Les ajouter à ma liste" in asked[0]
    page.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(page) == [record_name(first_id), record_name(second_id)]  # kept as it was
    page.goto(demo_url + f"fr/ma-liste/?ids={third_id}")
    names_in_list(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Garder cette liste sur cet appareil").click()
    # The focus on what was done, not fallen to the page with the button (stop 77's probe).
    on_status = "() => document.activeElement.matches('[data-list-status]')"
    page.wait_for_function(on_status)
    page.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(page) == [record_name(third_id)]
    assert page.get_by_role("button", name="Vider la liste").is_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Vider la liste").click()
    page.wait_for_function(on_status)
    # The printable directory's choices go to the other language too.
    page.goto(demo_url + "fr/repertoire-imprimable/?category=alimentation")
    page.locator("[data-printed-status]").filter(has_text="organisme").wait_for()
    assert "category=alimentation" in page.locator(".language-switch a").get_attribute("href")
    context.close()


def test_a_printed_list_carries_its_code_to_open_it_on_a_phone(browser, demo_url, kept):
    # The printout handed to someone had no way back to the list (stop 77's print probe): its
    # QR code is printed, said, without the buttons and the link's box.
    context = browser.new_context()
    page = context.new_page()
    for org in kept[:2]:
        keep(page, demo_url, org.id)
    page.goto(demo_url + "fr/ma-liste/")
    names_in_list(page)
    page.emulate_media(media="print")
    code = page.locator("[data-qr] svg")
    assert code.is_visible() and code.bounding_box()["width"] >= 100
    assert page.get_by_text("Balayez ce code avec l’appareil photo d’un téléphone").is_visible()
    for hidden in ("Imprimer", "Copier le lien", "Vider la liste"):
        assert page.get_by_role("button", name=hidden).is_hidden(), hidden
    assert page.locator("[data-share-link]").is_hidden()
    assert page.get_by_text("Ou balayez ce code").is_hidden()
    context.close()


def test_a_list_too_long_for_a_code_offers_its_link_and_keeps_the_focus(browser, demo_url, demo_records):
    # About 70 organizations made a link no QR code holds: the library threw, the code stayed
    # empty, and a keyboard user's focus fell to the page after each "remove".
    ids = [org.id for org in demo_records if org.status == "active"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_url + "fr/ma-liste/?ids=" + ",".join(ids))
    page.get_by_role("button", name="Garder cette liste sur cet appareil").click()
    assert len(names_in_list(page)) == len(ids) and len(page.locator("[data-share-link]").input_value()) > 3000
    assert page.locator("[data-qr-too-long]").is_visible()
    assert "trop longue pour un code" in page.locator("[data-qr-too-long]").inner_text()
    assert not page.locator(".share__qr").is_visible()
    remove = page.locator("[data-list] li").first.locator('[data-action="remove"]')
    remove.focus()
    page.keyboard.press("Enter")
    assert len(names_in_list(page)) == len(ids) - 1
    assert page.evaluate("document.activeElement.closest('[data-list]') !== null")
    assert page.evaluate("document.activeElement.dataset.action") == "remove"
    # Short enough again: the code is back.
    page.goto(demo_url + "fr/ma-liste/?ids=" + ",".join(ids[:20]))
    assert len(names_in_list(page)) == 20
    assert page.locator("[data-qr] svg").is_visible() and page.locator("[data-qr-too-long]").is_hidden()
    # Three pixels a module at least, or a camera cannot read it from a computer's screen (20
    # organizations drawn 192 px wide: 1.6 px a module); within a phone's width still.
    qr = page.locator("[data-qr] svg")
    modules = int(qr.get_attribute("viewBox").split()[2])
    assert qr.bounding_box()["width"] >= 3 * modules > 192, (modules, qr.bounding_box())
    page.set_viewport_size({"width": 320, "height": 640})
    assert qr.bounding_box()["width"] <= 320 - 2 * 16
    context.close()


def test_the_list_works_offline_with_search_results(browser, demo_url, kept):
    _, second_id, third_id = (org.id for org in kept)
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_url + "fr/")
    page.wait_for_function(OFFLINE_READY, timeout=30000)
    context.set_offline(True)
    page.goto(demo_url + "fr/recherche/?" + urlencode({"q": record_name(third_id)}))  # its name finds it
    toggle = page.locator(f'[data-search-list] [data-list-toggle="{third_id}"]')
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    page.goto(f"{demo_url}fr/organismes/{second_id}/")  # never visited: drawn from the saved data
    page.locator(f'[data-list-toggle="{second_id}"]').click()
    page.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(page) == [record_name(third_id), record_name(second_id)]
    assert page.locator("[data-qr] svg").count() == 1
    context.close()


# --- printed directories -------------------------------------------------------------------


def directory_in(taxonomy):
    from repertoire.records import load_directory, record_paths

    # What printed directories hold: every organization but those no longer active.
    return [org for org in load_directory(record_paths(RECORDS), taxonomy) if org.status != "inactive"]


def expected_sections(organizations, taxonomy, lang="fr", categories=None):
    from printed.document import sections

    return [
        (s.name, [record_name(o.id, lang) for o in s.organizations])
        for s in sections(organizations, taxonomy, lang, categories)
    ]


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def text_off_the_page(reader) -> list:
    """(page, text) of each piece of text a PDF places outside its page, where no one reads it."""
    found = []
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, width=width, height=height):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and not (0 <= x <= width and 0 <= y <= height):
                found.append((number, text))

        page.extract_text(visitor_text=visit)
    return found


def lines_too_close(page) -> list:
    """(text, text) of lines of a page whose baselines are nearer than most of the lower
    one's size, as when one is printed over the other."""
    runs = []

    def visit(text, cm, tm, font, size, runs=runs):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((round(y, 1), size * abs(tm[3] or 1) * abs(cm[3] or 1), text.strip()))

    page.extract_text(visitor_text=visit)
    lines = sorted({(y, size, text) for y, size, text in runs}, key=lambda run: -run[0])
    return [
        (upper[2], lower[2])
        for upper, lower in zip(lines, lines[1:])
        if 0 < upper[0] - lower[0] < 0.8 * max(upper[1], lower[1])
    ]


def test_each_region_has_a_pdf_directory_with_every_organization(demo_site, taxonomy):
    organizations = directory_in(taxonomy)
    montreal = [o for o in organizations if "montreal" in o.regions]
    pdf = demo_site / "fr/telechargements/region-montreal.pdf"
    text = pdf_text(pdf)
    assert "Territoire\u00a0: Montréal" in text and "Catégories\u00a0: Toutes les catégories" in text
    assert f"{len(montreal)} organismes" in text and "Données au " in text
    sections = expected_sections(montreal, taxonomy)
    assert sum(len(names) for _, names in sections) == len(montreal)
    flat = " ".join(text.split())
    position = 0
    for section, names in sections:  # the sections and their entries, in order
        for name in [section, *names]:
            found = flat.find(" ".join(name.split()), position)
            assert found >= 0, name
            position = found
    english = pdf_text(demo_site / "en/downloads/region-montreal.pdf")
    assert "Territory: Montréal" in english and "All categories" in english
    assert record_name(montreal[0].id, "en") in english
    region_page = (demo_site / "fr/regions/montreal/index.html").read_text(encoding="utf-8")
    assert "telechargements/region-montreal.pdf" in region_page
    empty = [r.slug for r in taxonomy.regions if not any(r.slug in o.regions for o in organizations)]
    assert all(not (demo_site / f"fr/telechargements/region-{slug}.pdf").exists() for slug in empty)


def test_an_entry_written_for_the_whole_territory_is_the_one_its_region_prints(taxonomy):
    """The build writes an organization's entry once per language (document(entries=...)) for
    the whole territory's PDF and its regions': the same words as written for each alone."""
    import datetime as dt

    from printed.document import Helpline, Wording, document, sections

    organizations = directory_in(taxonomy)
    montreal = [o for o in organizations if "montreal" in o.regions]
    wording = Wording(
        "fr",
        lambda message: message,
        lambda one, many, n: one if n == 1 else many,
        date=str,
        language=str,
        week=lambda location: f"{len(location.get('hours') or [])} jours",
        phone=lambda number, kind: number,
        page=lambda org_id: f"/{org_id}/",
    )

    def printed(members, entries=None):
        found = sections(members, taxonomy, "fr")
        return document("Ici", found, taxonomy, wording, dt.date(2026, 1, 1), Helpline("211"), [], entries)

    shared: dict = {}
    printed(organizations, shared)
    assert sorted(shared) == sorted(org.id for org in organizations)
    assert printed(montreal, shared) == printed(montreal)


@pytest.mark.parametrize("lang, said", [("fr", "Clavardage"), ("en", "Chat")])
def test_a_place_without_an_address_prints_its_name_before_its_hours(taxonomy, lang, said):
    # A chat or a van has hours but no address: printed, its hours stood on a line of their own.
    from printed.document import Wording, entry
    from repertoire.records import Organization

    data = {
        "id": "x",
        "name": {"fr": "Organisme", "en": "Organization"},
        "categories": ["alimentation"],
        "locations": [
            {
                "id": "chat",
                "name": {"fr": "Clavardage", "en": "Chat"},
                "hours": [{"days": ["mo"], "opens": "10:00", "closes": "22:00"}],
            },
            {"id": "office", "name": {"fr": "Bureau"}, "address": {"street": "1, rue A", "city": "Laval"}},
        ],
    }
    wording = Wording(
        lang,
        str,
        lambda one, many, n: one,
        date=str,
        language=str,
        week=lambda location: "h",
        phone=lambda number, kind: number,
        page=str,
    )
    printed = entry(Organization("x", "x.yaml", data), taxonomy, wording)
    assert [location["address"] for location in printed["locations"]] == [said, "1, rue A, Laval"]


CRISIS = {"fr": "Ligne d'intervention 24/7", "en": "24/7 crisis line"}


@pytest.mark.parametrize(
    "phone, lang, said",
    [
        ({"type": "hotline", "description": CRISIS}, "fr", "514 555-0130 (Ligne d'intervention 24/7)"),
        ({"description": {"fr": "Accueil", "en": "Reception"}}, "en", "514 555-0130 (Reception)"),
        ({"description": {"fr": "Sans frais"}}, "fr", "514 555-0130 (Sans frais)"),
        # Described in another language only: its kind, in the reader's; or the words it has.
        ({"type": "fax", "description": {"fr": "Télécopieur"}}, "en", "514 555-0130 (Fax)"),
        ({"description": {"fr": "Administration"}}, "en", "514 555-0130 (Administration)"),
        ({"type": "tty"}, "fr", "514 555-0130 (TTY)"),
        ({}, "fr", "514 555-0130"),
    ],
)
def test_a_printed_entry_says_what_each_number_is(taxonomy, phone, lang, said):
    # A regional PDF gave a crisis line as "(Ligne d'aide)" and reception, administration and
    # toll-free numbers bare, side by side: no one could tell which number to call.
    from printed.document import Wording, entry
    from repertoire.records import Organization

    data = {
        "id": "x",
        "name": "Organisme",
        "categories": ["alimentation"],
        "phones": [{"number": "514 555-0130", **phone}],
    }
    wording = Wording(lang, str, lambda one, many, n: one, str, str, str, lambda number, kind: number, str)
    assert entry(Organization("x", "x.yaml", data), taxonomy, wording)["phones"] == said


def test_a_composed_directory_says_what_each_number_is_as_the_pdf_does(browser, demo_url, demo_site, taxonomy):
    # The same printouts from the browser (the printable directory; my list writes its entries
    # alike): "(Ligne d'aide)" beside a line its page calls "Ligne d'intervention 24/7".
    from repertoire.compact import every_phone
    from repertoire.records import text

    montreal = [o for o in directory_in(taxonomy) if "montreal" in o.regions and o.status == "active"]

    def described(kind):
        return lambda o: any((p.get("type") or "voice") == kind and p.get("description") for p in every_phone(o.data))

    chosen = [
        first_record(montreal, f"in Montréal with a {kind} line described", described(kind))
        for kind in ("hotline", "voice")
    ]
    context = browser.new_context()
    page = context.new_page()
    composed(page, demo_url, "territory=montreal")
    pdf = " ".join(pdf_text(demo_site / "fr/telechargements/region-montreal.pdf").split())
    for org in chosen:
        line = page.locator(f"[data-printed-output] #entry-{org.id} .entry__phones").inner_text()
        for phone in every_phone(org.data):
            if phone.get("description"):
                assert f"({text(phone['description'], 'fr')[0]})" in line, line
        assert line in pdf
    context.close()


def test_pdfs_are_printed_in_batches_of_bounded_data_each_once_in_order():
    # Short PDFs share a process (one each cost more than printing it); a long one is alone, and
    # no process is given more data than a batch holds (Typst keeps all it compiled).
    from printed import in_batches

    sizes = [900, 500, 300, 200, 100, 100, 50, 700]
    jobs = [("source", "x" * size, f"{number}.pdf") for number, size in enumerate(sizes)]
    batches = in_batches(jobs, most=600)
    assert [job for batch in batches for job in batch] == jobs
    assert [[int(job[2].split(".")[0]) for job in batch] for batch in batches] == [[0], [1], [2, 3, 4], [5, 6], [7]]
    assert all(len(batch) == 1 or sum(len(job[1]) for job in batch) <= 600 for batch in batches)
    assert in_batches([]) == []


def test_unchanged_pdfs_are_reused_and_a_changed_region_is_printed_again(tmp_path, caplog):
    import logging
    import shutil

    from conftest import FIXTURES, build_site, make_content

    caplog.set_level(logging.INFO, logger="printed")
    cache = tmp_path / "pdf-cache"
    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "organizations", records)

    def build(name):
        caplog.clear()
        out = build_site(
            make_content(tmp_path / name, organizations=records), tmp_path / name / "out", PDF_CACHE_PATH=str(cache)
        )
        said = next((r.getMessage() for r in caplog.records if r.getMessage().startswith("Printed directories")), "")
        return out, said.rsplit(", in ", 1)[0]  # the seconds it took aside

    first, said = build("one")
    pdfs = sorted(p.relative_to(first) for p in first.glob("*/*/region-*.pdf"))
    assert len(pdfs) > 4 and said == f"Printed directories: {len(pdfs)} PDFs printed, 0 unchanged ones reused"
    assert len(list(cache.glob("*.sealed-pdf"))) == len(pdfs)
    second, said = build("two")
    assert said == f"Printed directories: 0 PDFs printed, {len(pdfs)} unchanged ones reused"
    assert all((second / pdf).read_bytes() == (first / pdf).read_bytes() for pdf in pdfs)
    # One organization renamed: only the PDFs of its regions, in each language, are printed.
    path = records / "cuisine-collective-du-quartier.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = {"fr": "Cuisine collective renommée", "en": "Renamed Community Kitchen"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    third, said = build("three")
    changed = [pdf for pdf in pdfs if (third / pdf).read_bytes() != (first / pdf).read_bytes()]
    regions = {pdf.name for pdf in changed}
    assert changed and len(changed) == 2 * len(regions)  # both languages
    assert said == f"Printed directories: {len(changed)} PDFs printed, {len(pdfs) - len(changed)} unchanged ones reused"
    assert all("renommée" in pdf_text(third / pdf) or "Renamed" in pdf_text(third / pdf) for pdf in changed)
    # A damaged cache (a CI's, restored) into a new site: every PDF was published as the cache
    # held it, one cut to 1,000 bytes (incremental builds' probe, stop 69). Printed again.
    for cached in cache.glob("*.sealed-pdf"):
        cached.write_bytes(cached.read_bytes()[:1000])
    fourth, _ = build("four")
    assert all((fourth / pdf).read_bytes() == (third / pdf).read_bytes() for pdf in pdfs)


def composed(page, base: str, query: str):
    page.goto(f"{base}fr/repertoire-imprimable/?{query}")
    page.wait_for_function(
        "() => document.querySelector('[data-printed-status]').textContent.includes('organisme')"
        " || document.querySelector('[data-printed-status]').textContent.includes('Aucun')"
    )
    return page.evaluate("""() => [...document.querySelectorAll('[data-printed-output] .printed__section')].map(s =>
        [s.querySelector('h2').textContent, [...s.querySelectorAll('.entry__name')].map(n => n.textContent)])""")


def test_a_composed_directory_has_the_same_entries_as_the_region_pdf(browser, demo_url, demo_site, taxonomy):
    from conftest import TODAY

    organizations = directory_in(taxonomy)
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=f"{TODAY}T17:00:00Z")  # printed on the day the PDF was: the same special hours ahead
    shown = composed(page, demo_url, "territory=montreal&title=Pour+le+CLSC")
    montreal = [o for o in organizations if "montreal" in o.regions]
    assert [tuple(s) for s in shown] == [(name, names) for name, names in expected_sections(montreal, taxonomy)]
    cover = page.locator(".printed__cover").inner_text()
    assert "Pour le CLSC" in cover and "Territoire\u00a0: Montréal" in cover and f"{len(montreal)} organismes" in cover
    # Each entry says what the PDF says.
    pdf = " ".join(pdf_text(demo_site / "fr/telechargements/region-montreal.pdf").split())
    for entry in page.locator("[data-printed-output] .entry").all()[:8]:
        for line in entry.inner_text().split("\n"):
            if line.strip() and "@" not in line and "http" not in line:  # the PDF may wrap long addresses
                assert " ".join(line.split()) in pdf, line
    assert page.locator("[data-print]").is_visible()
    context.close()


def test_a_directory_handed_to_someone_says_which_organizations_to_call_before_going(
    browser, demo_url, demo_site, taxonomy
):
    # A counsellor's printout (composed, or the region's PDF) gave the address and hours of a
    # record past its review date as if current; its page says to call before going.
    import datetime as dt

    from conftest import TODAY

    today = dt.date.fromisoformat(TODAY)
    montreal = [o for o in directory_in(taxonomy) if "montreal" in o.regions]
    stale = [o for o in montreal if o.is_stale(today, 365)]
    fresh = [o for o in montreal if not o.is_stale(today, 365)]
    assert stale and fresh, "the demonstration data has both in Montréal"
    context = browser.new_context()
    page = context.new_page()
    composed(page, demo_url, "territory=montreal")
    pdf = " ".join(pdf_text(demo_site / "fr/telechargements/region-montreal.pdf").split())
    for org in stale:
        said = page.locator(f"[data-printed-output] #entry-{org.id} .entry__stale").inner_text()
        day = org.last_verified
        date = f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"
        assert said == (
            f"Ces renseignements pourraient ne plus être à jour. Dernière confirmation le {date}\u00a0:"
            " appelez avant de vous déplacer."
        )
        assert " ".join(said.split()) in pdf  # read with plain spaces, as `pdf`
    for org in fresh:
        assert page.locator(f"[data-printed-output] #entry-{org.id}").count() == 1
        assert page.locator(f"[data-printed-output] #entry-{org.id} .entry__stale").count() == 0
    assert pdf.count("Dernière confirmation le") == len(stale)
    context.close()


def test_a_directory_handed_over_says_the_special_hours_ahead(browser, demo_url, demo_site, taxonomy):
    # December: a printout gave each place's week only; the person walked to a door closed for
    # Christmas. The composed directory (the day it is printed) and the region's PDF (the day it
    # was built) list the special hours ahead, as the organization's page does.
    import datetime as dt

    from conftest import TODAY
    from repertoire.wording import special_in_short

    today = dt.date.fromisoformat(TODAY)

    def special(org) -> list[str]:
        said = [
            special_in_short(loc, today, "fr", str(ROOT / "theme/translations"), "fr_CA")
            for loc in org.data["locations"]
        ]
        return [f"Heures particulières\u00a0: {words}" for words in said if words]

    montreal = [o for o in directory_in(taxonomy) if "montreal" in o.regions]
    ahead = {org.id: special(org) for org in montreal if special(org)}
    assert len(ahead) >= 3 and len(ahead) < len(montreal), "the demonstration has Montréal's holidays ahead"
    pdf = " ".join(pdf_text(demo_site / "fr/telechargements/region-montreal.pdf").split())
    context = browser.new_context()
    page = context.new_page()
    page.clock.install(time=f"{TODAY}T17:00:00Z")
    composed(page, demo_url, "territory=montreal")
    for org in montreal:
        shown = page.locator(f"[data-printed-output] #entry-{org.id} .entry__special").all_inner_texts()
        assert [" ".join(line.split()) for line in shown] == [" ".join(line.split()) for line in ahead.get(org.id, [])]
        for line in shown:
            assert " ".join(line.split()) in pdf, (org.id, line)
    # Printed in June, the holidays are past and none is ahead: none is listed.
    page.clock.set_fixed_time("2027-06-01T16:00:00Z")
    composed(page, demo_url, "territory=montreal")
    assert page.locator("[data-printed-output] .entry").count() == len(montreal)
    assert page.locator("[data-printed-output] .entry__special").count() == 0
    context.close()


MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()


def test_a_municipality_and_categories_choose_the_organizations(browser, demo_url, taxonomy):
    organizations = directory_in(taxonomy)
    town = taxonomy.territories["ville-de-laval"]
    chosen = ["sante-mentale-et-dependances", "aines", "alimentation"]
    expected = [
        o
        for o in organizations
        if (town.slug in o.municipalities or {town.slug, town.mrc, town.region} & set(o.data["service_area"]))
        and set(chosen) & set(o.categories)
    ]
    context = browser.new_context()
    page = context.new_page()
    shown = composed(page, demo_url, "territory=ville-de-laval&" + "&".join(f"category={c}" for c in chosen))
    assert expected, "the demonstration data has organizations for this choice"
    assert [tuple(s) for s in shown] == [(n, names) for n, names in expected_sections(expected, taxonomy, "fr", chosen)]
    assert page.locator("#printed-territory").input_value() == "ville-de-laval"
    assert page.locator('input[name="category"]:checked').count() == 3
    context.close()


def test_the_printable_directory_works_offline(browser, demo_url, taxonomy):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_url + "fr/")
    page.wait_for_function(OFFLINE_READY, timeout=30000)
    context.set_offline(True)
    shown = composed(page, demo_url, "territory=levis")
    assert shown and all(names for _, names in shown)
    page.emulate_media(media="print")
    assert not page.locator(".printed-form").is_visible() and not page.locator(".site-header").is_visible()
    assert page.locator(".printed__cover").is_visible()
    context.close()


def test_a_regional_pdf_is_ready_to_hand_to_someone(published_site, taxonomy):
    import re

    from pypdf import PdfReader

    reader = PdfReader(published_site / "fr/telechargements/region-montreal.pdf")
    title = reader.metadata.title
    assert "Montréal" in title and "None" not in title and reader.metadata.author == "Répertoire 211"
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    pages = [page.extract_text() for page in reader.pages]
    # Categories follow one another: about three entries a page or more, not a page each.
    organizations = int(re.search(r"(\d+) organismes", pages[0]).group(1))
    assert len(pages) <= organizations / 2.5 + 3, (len(pages), organizations)
    # The contents give the page where each category starts.
    contents = re.findall(r"^(.+?) \(\d+\) \.+ (\d+)$", pages[1], re.MULTILINE)
    assert len(contents) >= 5
    for name, number in contents:
        starts = next(
            i + 1 for i, text in enumerate(pages[2:], start=2) if re.search(rf"^{re.escape(name)}$", text, re.MULTILINE)
        )
        assert int(number) == starts, (name, number, starts)
    # Entries are kept whole: every page after the contents starts with a category or an
    # organization's name, never inside an entry.
    montreal = [o for o in directory_in(taxonomy) if "montreal" in o.regions]
    heads = [
        " ".join(name.split()) for section, names in expected_sections(montreal, taxonomy) for name in [section, *names]
    ]
    for number, text in enumerate(pages[2:-1], start=3):
        first = next(
            line.strip() for line in text.split("\n") if line.strip() and not re.fullmatch(r"\d+ / \d+", line.strip())
        )
        assert any(head.startswith(first) for head in heads), (number, first)
    assert not text_off_the_page(reader)
    # One date, the site's; the last page leads to the 211 and the crisis lines; no alert.
    home = re.sub("<!--.*?-->", "", (published_site / "fr/index.html").read_text(encoding="utf-8"))
    site_date = re.search(r"Données du répertoire au (.+?)\.", home)
    assert site_date and f"Données au {site_date.group(1)}." in pages[0]
    assert "2-1-1 · 7 jours sur 7" in pages[-1] and "9-8-8" in pages[-1]
    assert not any("Mesures d'urgence" in text for text in pages)
    # No line printed over another (a counsellor's printout: the crisis lines' title over the
    # 211's line on every region's last page).
    assert lines_too_close(reader.pages[-1]) == []
    # The fonts travel in the file.
    for font in (f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()):
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
            "/FontDescriptor"
        ]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


# Typst markup a record's text must not set off, and a run of letters with nowhere to break.
HOSTILE = '#set page(fill: red) *gras* _penché_ $x^2$ @ref <étiquette> [crochet] ] \\ // `code` #"texte" = titre'
LONG_RUN = "x" * 150


def test_a_record_prints_as_written_whatever_its_text(tmp_path):
    import copy
    import shutil

    from pypdf import PdfReader

    from conftest import FIXTURES, build_site, make_content

    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    path = records / "cuisine-collective-du-quartier.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = {"fr": f"Cuisine {HOSTILE}", "en": "Kitchen #panic() ]["}
    data["services"][0]["name"] = {"fr": "Œuvre « Bouffe & partage » $ @ < > _ * \\", "en": "Food aid"}
    # Emoji have no glyph in the wheel's fonts: each printed as an empty box; the symbols do.
    data["services"].append({"name": {"fr": "Frigo 🍎 partagé ☎️ 👨‍👩‍👧 ♿ ✓", "en": "Fridge"}})
    data["website"] = f"https://example.org/{LONG_RUN}"
    # More places than a page holds: this entry breaks over pages rather than running off one.
    first = data["locations"][0]
    data["locations"] += [
        {
            **copy.deepcopy(first),
            "id": f"lieu-{i}",
            "name": {"fr": f"Lieu {i}", "en": f"Site {i}"},
            "address": {**first["address"], "street": f"{i}, rue des Lieux"},
        }
        for i in range(2, 42)
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = build_site(
        make_content(tmp_path / "site", organizations=records),
        tmp_path / "site" / "output",
        PUBLIC_URL="https://repertoire.example.org",
        PDF_CACHE_PATH=str(tmp_path / "pdf-cache"),
    )
    reader = PdfReader(site / "fr/telechargements/region-montreal.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert f"Cuisine {HOSTILE}" in flat and "Services : Œuvre « Bouffe & partage » $ @ < > _ * \\" in flat
    assert "Frigo partagé ☎ ♿ ✓" in flat and "\x00" not in text
    assert "Kitchen #panic() ][" in pdf_text(site / "en/downloads/region-montreal.pdf")
    assert all(f"{i}, rue des Lieux, Montréal H2L 1R4" in flat for i in range(2, 42)) and not text_off_the_page(reader)
    # The long run wraps within the page: split over lines, whole once they are joined.
    lines = text.split("\n")
    assert not any(LONG_RUN in line for line in lines) and f"https://example.org/{LONG_RUN}" in "".join(lines)
    # The name leads to the organization's page, at its public address.
    links = [
        annotation.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert "https://repertoire.example.org/fr/organismes/cuisine-collective-du-quartier/" in links
    # A temporarily closed organization is there, marked as such.
    assert "Ancien comptoir vestimentaire Assistance matérielle et logement · Fermé temporairement" in flat


def test_a_composed_directory_prints_with_the_pages_of_its_contents(browser, demo_url):
    """Printed (to PDF, as the print window's 'Save as PDF' does), the contents of a composed
    directory give the page where each category starts: its heading and first entry are on
    that page, and that first entry is not on the page before."""
    import unicodedata

    from pypdf import PdfReader

    page = browser.new_page()
    shown = composed(page, demo_url, "territory=")
    assert len(shown) >= 8
    contents = page.evaluate("""() => [...document.querySelectorAll('.printed__toc li')].map(li =>
        [li.querySelector('a').textContent, li.querySelector('.printed__page').textContent.replace(/\\D/g, '')])""")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    # As read back: ligatures (ﬁ) as letters, lines joined.
    pages = [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages]
    numbers = [int(number) for _, number in contents]
    assert numbers == sorted(numbers) and numbers[0] == 3 and numbers[-1] <= len(pages)
    for (heading, names), (label, number) in zip(shown, contents):
        assert label.startswith(heading)
        first = " ".join(names[0].split())
        here, before = pages[int(number) - 1], pages[int(number) - 2]
        assert heading in here and first in here, (heading, number)
        assert first not in before, (heading, number)
    # Entries are whole: an organization's name and its first line are on the same page.
    assert len(pages) <= sum(len(names) for _, names in shown) / 2 + 3
    # How much paper is said before printing (everything made 649 pages unsaid: stop 82's probe).
    assert f"Il compte {len(pages)} pages." in page.locator("[data-printed-status]").inner_text()
    # An entry is measured as tall as it prints: measured with the screen's 44 px a number, each
    # was 23 px taller, and Laval's directory took 40 pages for 36 (stop 77's print probe).
    entry = "document.querySelector('.printed__entries > *')"
    measured = page.evaluate(
        f"""() => {{ const copy = {entry}.cloneNode(true), box = document.createElement('div');
        box.className = 'printed-measure'; box.append(copy); document.body.append(box);
        const height = copy.getBoundingClientRect().height; box.remove(); return height; }}"""
    )
    page.emulate_media(media="print")
    printed = page.evaluate(f"() => {entry}.getBoundingClientRect().height")
    assert abs(measured - printed) <= 2, (measured, printed)
    page.close()


def test_letters_no_font_of_the_pdfs_draws_are_left_out_and_said(tmp_path, caplog):
    # A name with its Chinese half, a service in Hindi and Inuktitut: each letter printed as an
    # empty box (a helper's probe). Left out of the PDF, and the build's log names them.
    import io
    import logging

    from pypdf import PdfReader

    from conftest import FIXTURES, build_site, make_content

    records = tmp_path / "records"
    records.mkdir()
    (records / "minimal.yml").write_bytes((FIXTURES / "organizations" / "minimal.yml").read_bytes())
    (records / "chinois.yaml").write_text(
        "id: chinois\nname: Centre communautaire chinois 华人社区中心\ndescription: Accueil.\n"
        "categories: [immigration-et-communautes-culturelles]\nservice_area: [quebec]\nlast_verified: 2026-01-01\n"
        "services:\n  - name: {fr: 'Aide हिंदी ᐃᓄᒃᑎᑐᑦ en russe Русский', en: Help}\n",
        encoding="utf-8",
    )
    # A name no font draws at all: the entry began with its category, no name. Its name in
    # another language, or its id, is printed instead.
    for number, name in ((2, "{fr: 华人社区中心, en: Chinese Community Centre}"), (3, "华人服务中心")):
        (records / f"chinois-{number}.yaml").write_text(
            f"id: chinois-{number}\nname: {name}\ndescription: Accueil.\n"
            "categories: [immigration-et-communautes-culturelles]\nservice_area: [quebec]\nlast_verified: 2026-01-01\n",
            encoding="utf-8",
        )
    caplog.set_level(logging.WARNING, logger="printed")
    # A cache of its own: a PDF an earlier run printed is reused, and says nothing again.
    output = build_site(make_content(tmp_path, records), tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    pdf = (output / "fr/telechargements/region-quebec.pdf").read_bytes()
    printed = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Centre communautaire chinois" in printed and "Русский" in printed
    assert "Chinese Community Centre" in printed and "chinois-3" in printed
    assert "\x00" not in printed and "华" not in printed
    said = " ".join(record.getMessage() for record in caplog.records)
    assert "华人社区中心" in said and "ᐃᓄᒃᑎᑐᑦ" in said and "left out" in said


def test_a_list_fits_a_phone_with_its_text_enlarged(browser, demo_url, demo_records):
    # Text set to 200% (Android's font size, "zoom text only"): a number with its extension
    # that would not wrap and the 12rem share code made the list wider than the phone, which
    # scrolled sideways with numbers cut at its edge (accessibility probe, stop 69).
    with_extension = [
        org.id
        for org in demo_records
        if org.status == "active" and any("poste" in p["number"] for p in org.data.get("phones") or [])
    ]
    assert with_extension, "the demo has numbers with an extension"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{demo_url}fr/ma-liste/?ids={','.join(with_extension[:3])}")
    page.evaluate("document.documentElement.style.setProperty('font-size', '200%', 'important')")
    names_in_list(page)
    page.locator("[data-qr] svg").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The printable directory a counsellor composes shows the same entries.
    page.goto(f"{demo_url}fr/repertoire-imprimable/?territory=quebec")
    page.evaluate("document.documentElement.style.setProperty('font-size', '200%', 'important')")
    page.locator(".entry__number").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_every_printed_sheet_says_which_directory_it_is_from(browser, demo_url, demo_site):
    # A printing probe (stop 79): past the cover, a sheet said "40 / 88" and nothing else, in
    # the regional PDFs and in a directory composed in the browser; handed over alone, it was
    # anonymous. Each sheet's foot names the territory and the data's date.
    import unicodedata

    from pypdf import PdfReader

    def sheets(data) -> list[str]:
        reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
        return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in reader.pages]

    built = sheets(demo_site / "fr/telechargements/region-montreal.pdf")
    assert len(built) > 3
    for number, sheet in enumerate(built, start=1):
        assert "Répertoire 211 · Montréal · Données au" in sheet and f"{number} / {len(built)}" in sheet
    context = browser.new_context()
    page = context.new_page()
    composed(page, demo_url, "territory=laval")
    page.emulate_media(media="print")
    printed = sheets(page.pdf(format="Letter"))
    assert len(printed) > 2
    assert all("Répertoire 211 · Laval · Données au" in sheet for sheet in printed), printed[-1][-300:]
    # Drawn again for another territory: its own name, once.
    composed(page, demo_url, "territory=montreal")
    again = sheets(page.pdf(format="Letter"))
    assert all("· Montréal · Données au" in sheet and "· Laval ·" not in sheet for sheet in again)
    context.close()
