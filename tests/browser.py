"""Headless Chromium (Debian's) driven by Playwright, against a site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))
from serve_site import HostHandler, HostServer, header_rules  # noqa: E402, F401  (the host's own server)

CHROMIUM = "/usr/bin/chromium"
STALL_SECONDS = 30
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _TestHandler(HostHandler):
    """The host's server (scripts/serve_site.py), with what tests add: fixed headers, a log
    of the requests, slow or stalled answers."""

    extra_headers: dict = {}

    def parse_request(self):
        understood = super().parse_request()
        log = getattr(self.server, "log", None)
        if understood and log is not None:
            log.append(self.path)
        return understood

    def do_GET(self):
        self.stall()
        return super().do_GET()

    def stall(self):
        """While the server's `stalled` event is set (serve(stalled=...)): a connection that
        takes requests and sends nothing back, for up to STALL_SECONDS. Each answer waits the
        server's `delay` (serve(delay=...)): a distant host, where downloads overlap; a delay
        given as a function of the path slows some files only."""
        delay = getattr(self.server, "delay", 0)
        time.sleep(delay(self.path) if callable(delay) else delay)
        stalled = getattr(self.server, "stalled", None)
        deadline = time.monotonic() + STALL_SECONDS
        while stalled is not None and stalled.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(
    folder: Path,
    headers: dict | None = None,
    port: int = 0,
    compress: bool = False,
    stalled: threading.Event | None = None,
    log: list | None = None,
    not_found: str | None = None,
    delay: float | Callable[[str], float] = 0,
):
    """Serve a folder on 127.0.0.1 (a free port unless given), optionally with extra headers
    and text compressed as a host sends it, answering nothing while `stalled` is set, adding
    the path of every request to `log`, sending the site's `not_found` page (404.html) with a
    404 as hosts do; yields the base URL."""
    attributes = {
        "extra_headers": dict(headers or {}),
        "not_found": folder / not_found if not_found else None,
        "compress": compress,
    }
    handler_class = type("Handler", (_TestHandler,), attributes)
    handler = functools.partial(handler_class, directory=str(folder))
    server = HostServer(("127.0.0.1", port), handler)
    server.stalled = stalled
    server.delay = delay
    server.log = log
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        if stalled is not None:
            stalled.clear()  # let waiting answers end before the server does
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium browser; fails clearly if Debian's chromium is missing."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: scripts/setup --dev installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


OFFLINE_READY = "() => document.documentElement.dataset.offline === 'ready'"
# axe-core, injected by the tests (never by a page: the CSP keeps pages free of inline script).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def visit_until_saved(page, url: str, timeout: int = 60000) -> None:
    """Open a page and wait until the service worker has saved its language for offline use."""
    page.goto(url)
    page.wait_for_function(OFFLINE_READY, timeout=timeout)


def csp_policy() -> str:
    """The Content-Security-Policy documented for hosts (deploy/_headers)."""
    text = (ROOT / "deploy" / "_headers").read_text(encoding="utf-8")
    return re.search(r"Content-Security-Policy: (.+)", text).group(1).strip()


# Chromium's "Slow 3G" profile, as DevTools applies it: 2 s round trips, 400 kbit/s each way.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
# When the first search result was put on the page, on the clock of the page's timings.
_FIRST_RESULT = """new MutationObserver((_, observer) => {
  if (document.querySelector('[data-search-list] .org-card')) {
    window.firstResultAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });"""
_TIMINGS = """() => ({
  load: performance.getEntriesByType('navigation')[0].loadEventStart,
  first: window.firstResultAt,
  requests: performance.getEntriesByType('resource').map((entry) => ({
    url: entry.name, start: entry.startTime, end: entry.responseEnd, bytes: entry.transferSize })),
})"""


def round_trips(requests: list[dict]) -> int:
    """The longest chain of requests each asked for once the one before had arrived."""
    depth: list[int] = []
    ordered = sorted(requests, key=lambda r: r["start"])
    for i, request in enumerate(ordered):
        before = [depth[k] for k in range(i) if ordered[k]["end"] <= request["start"]]
        depth.append(1 + max(before, default=0))
    return max(depth, default=0)


def slow_search(browser, url: str, viewport: dict | None = None) -> dict:
    """A search page opened on Slow 3G (no service worker): seconds from the address being
    opened to the load event ("load") and to the first result on the page ("first"), and
    the requests between the two, those under way at the load event included ("after_load":
    url, start, end in seconds, bytes), with their "round_trips"."""
    context = browser.new_context(viewport=viewport or {"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.add_init_script(_FIRST_RESULT)
    page.goto(url, wait_until="load", timeout=180_000)
    page.wait_for_function("() => window.firstResultAt !== undefined", timeout=180_000, polling=100)
    timings = page.evaluate(_TIMINGS)
    context.close()
    seconds = {key: timings[key] / 1000 for key in ("load", "first")}
    after = [
        {**r, "start": r["start"] / 1000, "end": r["end"] / 1000}
        for r in timings["requests"]
        if r["end"] / 1000 > seconds["load"] and r["start"] / 1000 < seconds["first"]
    ]
    return {**seconds, "after_load": after, "round_trips": round_trips(after)}
