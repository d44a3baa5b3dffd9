"""scripts/serve's server (scripts/serve_site.py): the built site answered as its host answers."""

from __future__ import annotations

import contextlib
import gzip
import subprocess
import sys
import urllib.error
import urllib.request

from browser import csp_policy
from conftest import ROOT

SERVER = ROOT / "scripts" / "serve_site.py"


@contextlib.contextmanager
def served(folder):
    """scripts/serve_site.py run on a free port, as scripts/serve runs it; yields its address."""
    process = subprocess.Popen(
        [sys.executable, str(SERVER), str(folder), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = process.stdout.readline()
        assert said.startswith("Serving http://127.0.0.1:"), (said, process.stderr.read())
        yield said.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str, compressed: bool = True):
    """(status, headers, body as sent) of a GET, as a browser asks (gzip accepted)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"} if compressed else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_served_site_travels_compressed_with_its_hosts_headers(built_site):
    words = next((built_site / "search" / "fr").glob("words-*.json"))
    with served(built_site) as base:
        status, headers, body = fetch(base + "fr/recherche/?q=banque")
        page = (built_site / "fr" / "recherche" / "index.html").read_bytes()
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == page and len(body) < len(page) / 2
        # A page is asked again at each visit (an alert shows at once), under the site's policy.
        assert "no-cache" in headers["Cache-Control"]
        assert headers["Content-Security-Policy"] == csp_policy()
        assert headers["Referrer-Policy"] == "no-referrer"

        status, headers, body = fetch(base + f"search/fr/{words.name}")
        assert status == 200 and gzip.decompress(body) == words.read_bytes()
        assert "immutable" in headers["Cache-Control"] and "no-cache" not in headers["Cache-Control"]

        # A browser that does not say it reads gzip gets the file as it is.
        status, headers, body = fetch(base + "fr/", compressed=False)
        assert status == 200 and "Content-Encoding" not in headers
        assert body == (built_site / "fr" / "index.html").read_bytes()


def test_an_address_that_is_not_there_gets_the_sites_own_404_page(built_site):
    with served(built_site) as base:
        # A folder without its index.html is not listed ("search/fr/": its files' names).
        for missing in (
            "fr/organismes/nulle-part/",
            "en/nope",
            "../../etc/passwd",
            "fr/%2e%2e/%2e%2e/etc/passwd",
            "search/fr/",
        ):
            status, _, body = fetch(base + missing)
            assert status == 404, missing
            assert body == (built_site / "404.html").read_bytes(), missing
        # A folder typed without its slash goes to the folder's page, as on a host.
        status, headers, body = fetch(base + "fr")
        assert status == 200 and gzip.decompress(body) == (built_site / "fr" / "index.html").read_bytes()


def test_a_request_refused_before_it_is_read_still_gets_an_answer(built_site):
    import socket

    with served(built_site) as base:
        host, port = base.removeprefix("http://").rstrip("/").split(":")
        for request in (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", b"GET / HTTP/9.1\r\n\r\n"):
            with socket.create_connection((host, int(port)), timeout=10) as connection:
                connection.sendall(request)
                answer = connection.recv(200)
            # Python's server answers these as HTTP/0.9 did, a page without a status line: an answer.
            assert b"414" in answer or b"505" in answer, answer


def test_a_folder_that_is_no_built_site_is_refused_in_a_sentence(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SERVER), str(tmp_path), "--port", "0"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode != 0
    assert "not a built site" in done.stderr and "Traceback" not in done.stderr
