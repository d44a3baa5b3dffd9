"""What the offline copy holds, read from the written site: URLs with a hash of their bytes.

Three sets, so that a phone downloads only what it needs:
- the shell: styles, scripts, icons and the few pages every visit needs, in both languages
  (installed with the service worker);
- a language pack: that language's search files and records (every organization's page is
  drawn from them), its category, region and information pages; fetched after the first
  page has loaded, for the visitor's language;
- everything else of a language (every page, maps' data, downloads), for "save for offline".
A URL's revision is the start of the SHA-256 of its bytes (of its key, for a directory page:
offline/__init__.py); content-named files (name-<hash>.json) need none.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

CONTENT_NAMED = re.compile(r"-[0-9a-f]{12}\.json$")
SHELL_FOLDERS = (
    "theme/css/",
    "theme/js/",
    "theme/images/",
    "theme/icons/",
    "theme/vendor/lunr/",
    "theme/vendor/lunr-languages/",
    "theme/vendor/qrcode-generator/",
    "theme/data/",
)  # data: towns for "near me"
# The vendored code's licences are served and saved with everything else, not installed: no
# page reads them, and lunr-languages' alone is 8 KiB of the install.
LICENCE = re.compile(r"(^|/)(LICEN[CS]E|MIT-LICEN[CS]E)[^/]*$", re.IGNORECASE)


@dataclass(slots=True)
class SiteFile:
    url: str  # from the site root, as links write it: "fr/" for fr/index.html
    path: str
    size: int
    digest: bytes | None = None  # its revision's SHA-256 when the build knows it (offline/__init__.py)

    @property
    def revision(self) -> str:
        if CONTENT_NAMED.search(self.url):
            return ""
        if self.digest is None:
            with open(self.path, "rb") as handle:  # in pieces: a file's size is no memory's
                self.digest = hashlib.file_digest(handle, "sha256").digest()
        return self.digest.hex()[:12]


@dataclass
class Precache:
    shell: list[SiteFile] = field(default_factory=list)
    packs: dict[str, list[SiteFile]] = field(default_factory=dict)
    everything: dict[str, list[SiteFile]] = field(default_factory=dict)


def path_order(relative: str) -> str:
    """The sort key of a path that orders as its parts do ("a/b" before "a-b", as Path sorts):
    NUL, which no name holds, sorts before any character."""
    return relative.replace("/", "\0")


def site_files(output: Path, under: str = "", known=None) -> dict[str, SiteFile]:
    """Every file of the built site (or only those under a path) by URL, in path order;
    `known(name, stat)` gives the SHA-256 of a file when known."""
    found = []
    top = output / under
    if under and top.is_file():
        found.append((under, top.stat()))
    else:
        root = os.path.join(str(output), "")
        folders = [str(top)]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir():
                        folders.append(entry.path)
                    elif entry.is_file():
                        found.append((entry.path[len(root) :].replace(os.sep, "/"), entry.stat()))
    files = {}
    base = os.path.join(str(output), "")
    for relative, info in sorted(found, key=lambda item: path_order(item[0])):
        url = (
            relative[: -len("index.html")] if relative == "index.html" or relative.endswith("/index.html") else relative
        )
        files[url] = SiteFile(url, base + relative, info.st_size, known(relative, info) if known else None)
    return files


def split(
    files: dict[str, SiteFile],
    shell_urls: set[str],
    pack_urls: dict[str, set[str]],
    languages: list[str],
    skip: set[str],
) -> Precache:
    """Sort the site's files into the shell, each language's pack and the rest per language."""
    result = Precache()
    result.shell = [
        f
        for url, f in files.items()
        if (url in shell_urls or (url.startswith(SHELL_FOLDERS) and not LICENCE.search(url))) and url not in skip
    ]
    taken = {f.url for f in result.shell} | skip
    for lang in languages:
        result.packs[lang] = [f for url, f in files.items() if url in pack_urls[lang] and url not in taken]
    taken |= {f.url for pack in result.packs.values() for f in pack}
    for lang in languages:
        others = [other for other in languages if other != lang]
        result.everything[lang] = [
            f
            for url, f in files.items()
            if url not in taken
            and not any(url.startswith(f"{other}/") or url.startswith(f"search/{other}/") for other in others)
        ]
    return result
