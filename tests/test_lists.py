"""My list (kept on the device, shared by link or QR code) and the printed directories."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from conftest import ROOT

READY = "() => document.documentElement.dataset.offline === 'ready'"
RECORDS = ROOT / "content" / "organizations"
FIRST, SECOND, THIRD = "aide-aux-devoirs-de-levis", "centre-d-ecoute-de-laval", "popote-roulante-de-montreal"


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


def test_kept_organizations_make_a_list_to_reorder_remove_and_download(browser, demo_url):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    for org_id in (FIRST, SECOND, THIRD):
        keep(page, demo_url, org_id)
    page.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(page) == [record_name(FIRST), record_name(SECOND), record_name(THIRD)]
    assert page.locator("[data-list-status]").inner_text() == "3 organismes dans votre liste."
    first_entry = page.locator("[data-list] li").first
    assert "(418) 555-0197" in first_entry.inner_text()
    assert "samedi–dimanche : de 10 h à 16 h" in first_entry.inner_text()

    page.get_by_role("button", name=f"Descendre : {record_name(FIRST)}").click()
    assert names_in_list(page) == [record_name(SECOND), record_name(FIRST), record_name(THIRD)]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Descendre : {record_name(FIRST)}"
    page.get_by_role("button", name=f"Retirer : {record_name(THIRD)}").click()
    assert names_in_list(page) == [record_name(SECOND), record_name(FIRST)]
    assert "retiré de votre liste" in page.locator("[data-list-status]").inner_text()

    # The order and the removal are kept on the device.
    page.reload()
    assert names_in_list(page) == [record_name(SECOND), record_name(FIRST)]
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["Nom", "Catégorie", "Téléphones"]
    assert [row[0] for row in rows[1:]] == [record_name(SECOND), record_name(FIRST)]
    assert rows[2][-1].endswith(f"/fr/organismes/{FIRST}/")

    # The toggle on an organization page says it is kept, and takes it out.
    page.goto(f"{demo_url}fr/organismes/{FIRST}/")
    page.locator(f'[data-list-toggle="{FIRST}"][aria-pressed="true"]').click()
    page.goto(demo_url + "en/my-list/")
    assert names_in_list(page) == [record_name(SECOND, "en")]
    context.close()


def test_a_shared_link_opens_the_same_list_on_another_phone(browser, demo_url):
    first = browser.new_context()
    page = first.new_page()
    for org_id in (THIRD, FIRST):
        keep(page, demo_url, org_id)
    page.goto(demo_url + "fr/ma-liste/")
    names_in_list(page)
    link = page.locator("[data-share-link]").input_value()
    assert link.startswith(demo_url + "fr/ma-liste/?ids=")
    qr = page.locator("[data-qr] svg")
    assert qr.get_attribute("aria-label") == "Code QR du lien vers cette liste"
    assert qr.locator("path, rect").count() >= 1
    first.close()

    other = browser.new_context()  # another phone: nothing kept there
    phone = other.new_page()
    phone.goto(link)
    assert names_in_list(phone) == [record_name(THIRD), record_name(FIRST)]
    assert "On vous a partagé une liste de 2 organismes." in phone.locator("[data-shared]").inner_text()
    phone.goto(demo_url + "fr/ma-liste/")
    assert "Votre liste est vide" in phone.locator("[data-list-status]").inner_text()
    phone.goto(link)
    phone.get_by_role("button", name="Garder cette liste sur cet appareil").click()
    assert "?ids=" not in phone.url
    phone.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(phone) == [record_name(THIRD), record_name(FIRST)]
    other.close()


def test_the_list_works_offline_with_search_results(browser, demo_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_url + "fr/")
    page.wait_for_function(READY, timeout=30000)
    context.set_offline(True)
    page.goto(demo_url + "fr/recherche/?q=popote")
    toggle = page.locator(f'[data-search-list] [data-list-toggle="{THIRD}"]')
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    page.goto(f"{demo_url}fr/organismes/{SECOND}/")  # never visited: drawn from the saved data
    page.locator(f'[data-list-toggle="{SECOND}"]').click()
    page.goto(demo_url + "fr/ma-liste/")
    assert names_in_list(page) == [record_name(THIRD), record_name(SECOND)]
    assert page.locator("[data-qr] svg").count() == 1
    context.close()
