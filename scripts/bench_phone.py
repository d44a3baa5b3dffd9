"""A person on a phone, measured on a built site: where the first number to call sits at
390x844 on a category, a search result and an organization page, and how long the first
results take on Chromium's "Slow 3G" profile (2 s round trips, 400 kbit/s): seconds to the load
event, then to the first result on the page (both read from the page's own clock), and the
requests made in between.

Usage: .venv/bin/python scripts/bench_phone.py OUTPUT   (scripts/bench.py prints the same rows)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from browser import chromium, serve, slow_search  # noqa: E402

PHONE = {"width": 390, "height": 844}
FIRST_CALL = """() => {
  const call = document.querySelector('main .org-card .call-link, main .quick-actions .call-link');
  return call ? call.getBoundingClientRect().bottom : null;
}"""


def pages(output: Path) -> dict[str, str]:
    org = sorted((output / "fr" / "organismes").iterdir())[0].name
    return {
        "category": "fr/categories/alimentation/",
        "search": "fr/recherche/?q=banque+alimentaire",
        "organization": f"fr/organismes/{org}/",
    }


def first_call_bottom(browser, base: str, path: str) -> float | None:
    """The bottom edge (px from the top of the screen) of the first number to call."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    page.goto(base + path)
    if "recherche" in path:
        page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=60000)
    bottom = page.evaluate(FIRST_CALL)
    context.close()
    return bottom


def measure(browser, base: str, output: Path) -> dict:
    kinds = pages(output)
    return {
        "first_call": {kind: first_call_bottom(browser, base, path) for kind, path in kinds.items()},
        "slow_3g": slow_search(browser, base + kinds["search"], PHONE),
    }


def main() -> None:
    output = Path(sys.argv[1])
    with serve(output, compress=True) as base, chromium() as browser:  # as a host sends it
        figures = measure(browser, base, output)
    for kind, bottom in figures["first_call"].items():
        where = "none" if bottom is None else f"{bottom:.0f} px"
        print(f"first number to call, {kind} page at 390x844: {where} (screen: {PHONE['height']} px)")
    slow = figures["slow_3g"]
    print(
        f"Slow 3G search: page loaded in {slow['load']:.1f} s, first results {slow['first'] - slow['load']:.1f} s "
        f"later (target <= 3 s), {slow['first']:.1f} s after the address was opened"
    )
    after = slow["after_load"]
    print(
        f"  between the two (those under way at the load event included): {len(after)} requests, {sum(r['bytes'] for r in after) / 1024:.1f} KiB, "
        f"{slow['round_trips']} round trip(s)"
    )
    for request in after:
        print(
            f"    {request['start']:5.1f}-{request['end']:5.1f} s {request['bytes'] / 1024:6.1f} KiB  "
            f"{request['url'].split('/', 3)[-1]}"
        )


if __name__ == "__main__":
    main()
