"""Serve a built site on 127.0.0.1 as its host does: serve_site.py DIR [--port N] (scripts/serve).

What a phone gets from this server is what it gets from the host (deploy/_headers): text sent
gzip-compressed (a search page's first result on slow 3G came after 10 s uncompressed: the
bytes that travel are a quarter), each path's headers (the Content-Security-Policy, what is
kept and for how long), and the site's own 404 page for an address that is not there, in
both languages, with its links home and to the 2-1-1. The browser tests serve with it too.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import re
import sys
import urllib.parse
from pathlib import Path

HEADERS_FILE = Path(__file__).resolve().parents[1] / "deploy" / "_headers"
NOT_FOUND_PAGE = "404.html"
# What hosts and CDNs send gzip-compressed.
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
    "application/xml",
)


def header_rules(text: str) -> list[tuple[re.Pattern, list[tuple[str, str]]]]:
    """The rules of a Netlify / Cloudflare Pages `_headers` file: each path pattern ("*" for
    any characters) with the headers it gives, in the file's order."""
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((re.compile(re.escape(line.strip()).replace(r"\*", ".*"), re.DOTALL), []))
        elif rules and ":" in line:
            name, value = line.split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[tuple[re.Pattern, list[tuple[str, str]]]], path: str) -> dict[str, str]:
    """The headers a host gives a path: every matching rule's, the values of one header given
    by several rules joined by commas, as Netlify does ("public, max-age=3600, no-cache")."""
    given: dict[str, list[str]] = {}
    for pattern, headers in rules:
        if pattern.fullmatch(path):
            for name, value in headers:
                given.setdefault(name, []).append(value)
    return {name: ", ".join(values) for name, values in given.items()}


class HostHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that answers as the site's host: `rules` (header_rules) give each
    path its headers, text goes compressed when `compress`, and `not_found` (a page of the
    site) is sent with each 404."""

    rules: list = []
    compress = False
    not_found: Path | None = None

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):
        """A folder without its index.html is not there, as on a host (no listing of it)."""
        self.send_error(404)

    def end_headers(self):
        # A request refused before it was read (a request line too long) has no path yet.
        path = urllib.parse.unquote(urllib.parse.urlsplit(getattr(self, "path", "/")).path)
        for name, value in headers_for(self.rules, path).items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self):
        body, kind = self.compressed()
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def compressed(self) -> tuple[bytes | None, str]:
        """The file asked for, gzip-compressed, and its type; None when it is sent as it is
        (compression off or not accepted, not a text, a folder's address without its slash,
        which is redirected, or no such file)."""
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None, ""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return None, ""
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if not os.path.isfile(path) or not kind.startswith(COMPRESSED_TYPES):
            return None, ""
        with open(path, "rb") as source:
            return gzip.compress(source.read(), 6), kind


class HostServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection mid-download (a page left, a worker stopped) is
        # not an error of the site.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def host_handler(folder: Path, **attributes) -> type[HostHandler]:
    """A HostHandler class answering as the host of `folder` (deploy/_headers, compressed,
    its 404.html), with `attributes` changed."""
    defaults = {
        "rules": header_rules(HEADERS_FILE.read_text(encoding="utf-8")),
        "compress": True,
        "not_found": folder / NOT_FOUND_PAGE,
    }
    return type("SiteHandler", (HostHandler,), defaults | attributes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the built site (pelican's output folder)")
    parser.add_argument("--port", type=int, default=8000, help="0: any free port")
    arguments = parser.parse_args(argv)
    folder = arguments.folder.resolve()
    if not (folder / "index.html").is_file():
        parser.error(f"{arguments.folder} is not a built site (no index.html): build it first")
    handler = host_handler(folder)

    def make(request, address, server):
        return handler(request, address, server, directory=str(folder))

    try:
        server = HostServer(("127.0.0.1", arguments.port), make)
    except OSError as error:
        parser.error(f"cannot listen on 127.0.0.1:{arguments.port}: {error.strerror} (set PORT to another port)")
    print(f"Serving http://127.0.0.1:{server.server_address[1]}/  (Ctrl-C to stop)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
