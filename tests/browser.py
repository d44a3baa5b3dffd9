"""Headless Chromium (Debian's) driven by Playwright, against a site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection mid-download (a context closed, a worker
        # stopped) is not an error of the site.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path, headers: dict | None = None, port: int = 0):
    """Serve a folder on 127.0.0.1 (a free port unless given), optionally with extra headers;
    yields the base URL."""
    handler_class = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(folder))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
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


def visit_until_saved(page, url: str, timeout: int = 60000) -> None:
    """Open a page and wait until the service worker has saved its language for offline use."""
    page.goto(url)
    page.wait_for_function(OFFLINE_READY, timeout=timeout)


def csp_policy() -> str:
    """The Content-Security-Policy documented for hosts (deploy/_headers)."""
    text = (ROOT / "deploy" / "_headers").read_text(encoding="utf-8")
    return re.search(r"Content-Security-Policy: (.+)", text).group(1).strip()
