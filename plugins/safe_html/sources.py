"""Every Markdown file of the bulletins and pages (content/news, content/pages) is published,
or the build stops and names its file, line and field.

Pelican logs a file it cannot read ("Could not process news/x.fr.md") and publishes the site
without it: an alert with a mistyped date would never show, and the build would say it went
well. It also follows links while it walks the folders (a link to /proc/self never ends) and
copies any file a {static} link names, even outside the content folder. So, before Pelican
walks: no link anywhere in those folders; while it reads: no file read longer than
READ_SECONDS (some Markdown takes minutes: thousands of "["); after: each file it could not
read is explained here, by the rules it broke.
"""

from __future__ import annotations

import fnmatch
import os
import re
import signal
import threading
import time
from collections import Counter
from pathlib import Path

from pelican.utils import get_date

from repertoire import urls
from repertoire.problems import FileProblem, ProblemsFound
from repertoire.records import MARKDOWN_FILES, MARKDOWN_NOT_HERE
from repertoire.untrusted import NOT_IN_RECORDS
from repertoire.yamlfile import YAMLFileError, read_bytes

MAX_BYTES = 512 * 1024  # a bulletin or a page of text; more is a mistake (a pasted file)
READ_SECONDS = 10
# ... and every file's together: 31 files of 20,000 "[" each took 10 s each, over 5 minutes,
# saying nothing until the end (stop 83's hostile probe).
READ_BUDGET = 30
STATUSES = ("published", "hidden", "draft")
# A bulletin's dates, as an alert's: "0001-01-01" gave the feeds an offset no reader parses
# (-05:17:32, the zone's in year 1), "9999-12-31" kept it first in the news for ever.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2999
# Where and how Pelican writes a file: the site decides, not a bulletin (one said
# Save_as: fr/index.html and replaced the home page).
FORBIDDEN = ("save_as", "url", "template", "lang_save_as", "lang_url")
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")  # a folder name of the site: no dot, no slash
# The folder name Pelican makes of a Slug, a title or a category, in bytes (a file name has
# 255 at most: a longer one stopped the build with a traceback; a title in Chinese makes a
# slug many times its length).
MAX_SLUG_BYTES = 200
# A metadata line as Python-Markdown's meta extension reads it: up to three spaces before the
# key (" Save_as:" is metadata too), and lines of four spaces or more continuing the value.
_HEADER_LINE = re.compile(r" {0,3}([A-Za-z0-9_-]+)[ \t]*:(.*)")
_HEADER_MORE = re.compile(r" {4,}(.*)")
# What a bulletin or page may publish from the content folder by a {static} or {attach} link:
# images and documents a browser shows without running anything (no HTML, SVG or script: on
# the site's own address they would run with its rights).
INERT_FILES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf")
# ... each of a size a phone downloads: a 3 GB image was published (the build took 3.2 GB of
# memory to hash it for the offline copy, which would have saved it on every phone).
MAX_FILE_BYTES = 5 * 1024 * 1024
# Elements inside one another: a bulletin needs a handful; tens of thousands (a few hundred KB
# of "<div>") crash the HTML minifier without a word.
MAX_NESTING = 100
# What a bulletin's title and summary may hold: an alert shows them on every page of the site
# (a summary of 480 KB made each page 497 KB and the site 231 MB: stop 83's hostile probe).
SAID_ON_EVERY_PAGE = {"title": 200, "summary": 600}
# An element's tag; not an autolink ("<https://example.org/>": its name is a URL's scheme).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*+)(?!:)[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# An image from another site, in Markdown or in HTML: the pages' security policy (img-src
# 'self') blocks it, and the image never showed, without a word.
# Each attempt stops at the next bracket: "<img" 50,000 times with no ">" took 13 minutes,
# each one read to the end of the file (a helper's probe).
_WEB_IMAGE = re.compile(
    r"""!\[[^\[\]\n]*\]\(\s*<?(?:https?:)?//|<img\b[^<>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE
)
# Its target runs to the first space, quote or bracket; a target between angle brackets
# (Markdown's "(<{static}/a b.png>)") or quotes (an HTML attribute) may have spaces: read
# to the first space, "<{static}/evil.png x.html>" published an HTML page (stop 77's probe).
_INTERNAL_LINK = re.compile(
    r"(?:(?<=<)|(?<=[\"']))[{|](static|attach|filename|category|tag|author)[}|]([^\"'<>\n]*)(?=[\"'>])"
    r"|[{|](static|attach|filename|category|tag|author)[}|]([^\s\"'<>)\]]*)"
)
# Pelican's links to pages the site does not write: published as links to nothing.
_NO_SUCH_PAGES = {"category", "tag", "author"}  # {index} is the home page: the site writes it


class ContentInvalid(ProblemsFound):
    what = "the bulletins and pages"


def links_in(content: Path, folders: list[str]) -> list[FileProblem]:
    """A problem for each link (to a file or a folder) under the given content folders,
    looked for without following any."""
    problems = []
    for name in folders:
        top = Path(content) / name
        if top.is_symlink():
            problems.append(_link(top))
            continue
        for root, dirs, files in os.walk(top, followlinks=False):
            for entry in [*dirs, *files]:
                path = Path(root) / entry
                if path.is_symlink():
                    problems.append(_link(path))
    return problems


# What Pelican's Markdown reader reads; no other reader may (see foreign_files).
def _files_under(content: Path, folders: list[str], ignored: list[str]):
    """Each file under the given content folders that Pelican does not ignore (`ignored`:
    IGNORE_FILES), as Pelican walks them (links not followed: links_in refuses them)."""
    for name in folders:
        for root, dirs, files in os.walk(Path(content) / name, followlinks=False):
            dirs[:] = [entry for entry in dirs if not _ignored(entry, ignored)]
            yield from (Path(root) / entry for entry in files if not _ignored(entry, ignored))


def foreign_files(content: Path, folders: list[str], ignored: list[str]) -> list[FileProblem]:
    """A problem for each file under the given content folders that is neither Markdown nor an
    image or document a bulletin links to (INERT_FILES), unless Pelican ignores its name
    (`ignored`: IGNORE_FILES). Pelican reads reStructuredText and HTML too, with none of the
    checks here: an ".rst" page's `include` directive published a file of the machine
    (/proc/self/environ: the build's secrets), an ".htm" bulletin chose where it was written."""
    return _files_named(
        content,
        folders,
        ignored,
        lambda name: not name.lower().endswith(MARKDOWN_FILES + INERT_FILES),
        "not a Markdown file (.md): bulletins and pages are Markdown, beside the images and documents they show",
    )


def unread_markdown(content: Path, folders: list[str], ignored: list[str]) -> list[FileProblem]:
    """A problem for each Markdown file Pelican would pass over without a word: named ".MD" or
    ".Markdown" under the bulletins' and pages' folders (it reads lowercase names only), or at
    content/'s top or in its other folders. An alert saved as "alerte.fr.MD" was on no page (a
    hostile-input probe's, stop 81). The records' folder is the records' check's
    (repertoire.records.misplaced_records), which scripts/validate runs too."""
    problems = _files_named(
        content,
        folders,
        ignored,
        lambda name: name.lower().endswith(MARKDOWN_FILES) and not name.endswith(MARKDOWN_FILES),
        "not read: Pelican reads a Markdown file's name ending in lowercase: rename it with .md",
    )
    # Elsewhere: content/'s top and its other folders ("News/", "nouvelles/"), but the
    # statistics' (their README), the records' and what Pelican ignores.
    elsewhere = MARKDOWN_NOT_HERE
    markdown = lambda name: name.lower().endswith(MARKDOWN_FILES)  # noqa: E731
    top = sorted(path for path in content.iterdir() if not path.name.startswith("."))
    problems += [
        FileProblem(str(path), 1, "(file)", elsewhere) for path in top if not path.is_dir() and markdown(path.name)
    ]
    others = [
        path.name
        for path in top
        if path.is_dir() and not path.is_symlink() and path.name not in {*folders, "stats", "organizations"}
    ]
    skipped = [pattern for pattern in ignored if pattern != "organizations"] + [".*"]
    problems += _files_named(content, others, skipped, markdown, elsewhere)
    return problems


def _files_named(content: Path, folders: list[str], ignored: list[str], refused, message: str) -> list[FileProblem]:
    """A problem (`message`) for each file under the given content folders whose name is `refused`."""
    return [
        FileProblem(str(path), 1, "(file)", message)
        for path in _files_under(content, folders, ignored)
        if refused(path.name)
    ]


# What HTML escapes in a link: Pelican, not finding a linked file by its escaped name, looks
# for it unescaped and then writes the rest of the link unescaped into the page. A bulletin
# linking "{filename}t&x.fr.md?"><meta http-equiv=refresh ...>" put that element in its page
# and its feed once a file "t&x.fr.md" was there (a helper's probe).
_ESCAPED_IN_LINKS = set("&<>\"'")


def escaped_names(content: Path, folders: list[str], ignored: list[str]) -> list[FileProblem]:
    """A problem for each file under the given content folders whose name HTML escapes, an
    address decodes ("%2e" is "."), or Pelican reads otherwise than it is: an invisible
    character (a right-to-left mark) was left out of the page's link, and the image not copied."""
    return _files_named(
        content,
        folders,
        ignored,
        lambda name: bool(_ESCAPED_IN_LINKS & set(name)) or "%" in name or bool(NOT_IN_RECORDS.search(name)),
        "its name has a character a link escapes, decodes or hides (& < > \" ' %, an invisible one):"
        " rename it with letters, digits and hyphens",
    )


def oversized_files(content: Path, folders: list[str], ignored: list[str]) -> list[FileProblem]:
    """A problem for each bulletin or page over MAX_BYTES, found before Pelican reads it whole
    (a 487 MB bulletin took 2.1 GB of memory before it was refused), and each image or document
    beside them over MAX_FILE_BYTES."""
    problems = []
    for path in _files_under(content, folders, ignored):
        name = path.name.lower()
        text = name.endswith(MARKDOWN_FILES)
        if not text and not name.endswith(INERT_FILES):
            continue  # not published: foreign_files says so
        try:
            size = path.lstat().st_size
        except OSError:
            continue  # gone meanwhile: Pelican will not read it either
        if text and size > MAX_BYTES:
            message = f"the file is {size:,} bytes; at most {MAX_BYTES:,} are read (split it, or shorten its texts)"
            problems.append(FileProblem(str(path), 1, "(file)", message))
        elif not text and size > MAX_FILE_BYTES:
            message = (
                f"the file is {size:,} bytes; an image or document is at most {MAX_FILE_BYTES:,}: people"
                " download it on their phones (make it smaller)"
            )
            problems.append(FileProblem(str(path), 1, "(file)", message))
    return problems


def copying_files(content: Path, folders: list[str], ignored: list[str]) -> list[FileProblem]:
    """The problems of `copied_definitions` in each bulletin or page of MAX_BYTES or less (a
    larger one is refused whole: oversized_files)."""
    problems = []
    for path in _files_under(content, folders, ignored):
        if path.name.lower().endswith(MARKDOWN_FILES):
            try:  # as every file of content/ is read: a pipe never waited on (it hung the build)
                text = as_read(read_bytes(path, MAX_BYTES).decode("utf-8"))
            except (OSError, YAMLFileError, UnicodeDecodeError):
                continue  # too big, not a file, not UTF-8: said by the other checks
            problems += copied_definitions(str(path), text)
    return problems


# What Markdown copies wherever it is used: a link's definition ("[r]: https://...", its
# address and title, on each "[text][r]" or "[r]") and an abbreviation's ("*[Z]: ...", on each
# "Z"). A 180 KB bulletin using a 40,000-character address 20,000 times was an 800 MB page and
# feed, 5.4 GB of memory and 205 s of build (a helper's probe): refused before it is read.
MAX_COPIED = 1 << 20  # characters a file's definitions may add to its page, in all
# As Python-Markdown reads them: the address (and a title) may be on the line after the label.
_LINK_DEFINITION = re.compile(
    r"^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*\n?[ \t]*(\S+)[ \t]*(?:\n[ \t]*)?((?:[\"'(]).*)?$", re.MULTILINE
)
_ABBREVIATION = re.compile(r"^ {0,3}\*\[([^\]\n]{1,999})\] ?:[ \t]*\n?[ \t]*(.*)$", re.MULTILINE)
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,999})\]")
_WORD = re.compile(r"\w+")


def copied_definitions(name: str, text: str) -> list[FileProblem]:
    """A problem when a Markdown text's link and abbreviation definitions would copy into the
    page more than MAX_COPIED characters in all, at the line of the one that copies most."""
    brackets = Counter(" ".join(label.split()).lower() for label in _BRACKETED.findall(text))
    words = None
    copies = []  # (characters copied, kind, label, size, uses, where)
    for found in _ABBREVIATION.finditer(text):
        label, size = found.group(1), len(found.group(2).strip())
        if _WORD.fullmatch(label):
            words = words if words is not None else Counter(_WORD.findall(text))
            uses = words[label] - 1  # less the definition's own
        else:
            uses = text.count(label) - 1
        copies.append((uses * size, "abbreviation", label, size, uses, found.start()))
    for found in _LINK_DEFINITION.finditer(text):
        label, size = found.group(1), len(found.group(2)) + len((found.group(3) or "").strip())
        uses = brackets[" ".join(label.split()).lower()] - 1
        copies.append((uses * size, "link", label, size, uses, found.start()))
    total = sum(copied for copied, *_ in copies)
    if total <= MAX_COPIED:
        return []
    _, kind, label, size, uses, where = max(copies)
    return [
        FileProblem(
            name,
            text.count("\n", 0, where) + 1,
            "(file)",
            f"the {kind} [{label[:40]}] of {size:,} characters is used {uses:,} times: Markdown copies it each time "
            f"(with the file's other definitions, {total:,} characters, at most {MAX_COPIED:,}); shorten them or use "
            "them less",
        )
    ]


def _ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _link(path: Path) -> FileProblem:
    return FileProblem(str(path), 1, "(file)", "a link: bulletins and pages must be plain files of the content folder")


def as_read(text: str) -> str:
    """A file's text with its lines as Pelican reads them (Python's universal newlines): a
    carriage return alone ends a line too. Split on "\\n" only, "Key: x\\rSave_as: ..." hid its
    Save_as from the checks, and Pelican wrote the bulletin where that line said."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _header_lines(text: str):
    """(line, key, value) of the metadata lines at the top of a Markdown file, the key in lower
    case; a line that goes on the one before has the key None."""
    key = None
    for number, line in enumerate(as_read(text).split("\n"), start=1):
        if not line.strip():
            return  # a blank line ends the metadata, spaces or not (as Markdown reads it)
        match = _HEADER_LINE.fullmatch(line)
        more = _HEADER_MORE.fullmatch(line) if key else None
        if match:
            key = match.group(1).lower()
            yield number, key, match.group(2).strip()
        elif more:
            yield number, None, more.group(1).strip()
        else:
            return


def header(text: str) -> dict[str, tuple[int, str]]:
    """The metadata lines at the top of a Markdown file: lower-case key -> (line, value)."""
    found: dict[str, tuple[int, str]] = {}
    last = None
    for number, key, value in _header_lines(text):
        if key is None:
            at, before = found[last]
            found[last] = (at, f"{before} {value}".strip())
        else:
            last = key
            found.setdefault(key, (number, value))
    return found


def repeated_keys(text: str) -> list[tuple[str, int, int]]:
    """(key, first line, line) of each metadata key given again: Markdown makes the two a list,
    and Pelican stopped on it ("unhashable type: 'list'" for Lang twice, nothing said with -q)."""
    first: dict[str, int] = {}
    again = []
    for number, key, _ in _header_lines(text):
        if key is not None:
            if key in first:
                again.append((key, first[key], number))
            first.setdefault(key, number)
    return again


def deepest(text: str) -> tuple[int, int]:
    """How deep the HTML elements of a text go inside one another, and the line where."""
    depth = most = at = 0
    for match in _TAG.finditer(text):
        closing, name, _ = match.groups()
        if closing:
            depth = max(0, depth - 1)
        # "<div/>" opens a div all the same: HTML ignores the slash but on void elements (60,000
        # of them crashed the minifier, counted as none deep).
        elif name.lower() not in _VOID:
            depth += 1
            if depth > most:
                most, at = depth, match.start()
    return most, text.count("\n", 0, at) + 1


def refused_links(text: str, source: Path, content: Path) -> list[tuple[int, str, str]]:
    """(line, link, why) of each {static}, {attach} or {filename} link of a text that Pelican
    would follow to copy a file into the site and must not: a file outside the content folder
    or through a link, or one a browser would run (see INERT_FILES)."""
    root = os.path.realpath(content)
    found = []
    for match in _INTERNAL_LINK.finditer(text):
        kind, target = match.group(1) or match.group(3), (match.group(2) or match.group(4) or "")
        line = text.count("\n", 0, match.start()) + 1
        if kind in _NO_SUCH_PAGES:
            found.append(
                (
                    line,
                    match.group(0),
                    "the site has no category, tag or author pages: link a page or a bulletin ({filename})",
                )
            )
            continue
        target = target.split("#")[0].split("?")[0].replace("%20", " ")
        base = root if target.startswith("/") else os.path.dirname(os.path.abspath(source))
        plain = os.path.normpath(os.path.join(base, target.lstrip("/")))
        why = _refused_target(root, plain, kind)
        if not why and not os.path.isfile(plain):
            # Pelican leaves it as written ("{static}/affiche.png"): a link to nothing, published.
            why = "no such file in the content folder"
        if why:
            found.append((line, match.group(0), why))
    return found


def _refused_target(root: str, plain: str, kind: str) -> str | None:
    """Why Pelican must not follow a link of this kind to this file (an absolute, normalized
    path), if it must not."""
    if os.path.commonpath([root, plain]) != root or os.path.realpath(plain) != plain:
        return "a file outside the content folder or through a link"
    if kind != "filename" and not plain.lower().endswith(INERT_FILES):
        kinds = ", ".join(suffix.lstrip(".").upper() for suffix in INERT_FILES)
        return f"only images and documents may be published ({kinds})"
    if kind == "filename" and not plain.lower().endswith(".md"):
        return "{filename} links to another bulletin or page (.md)"
    return None


def refused_copies(instance, content: Path) -> list[str]:
    """What is wrong with each file Pelican would copy into the site for a bulletin's or page's
    {static} and {attach} links, read as Pelican reads them, from its HTML
    (Content.get_static_links): refused_links reads its Markdown, where a link may be written
    in a way it does not foresee."""
    root = os.path.realpath(content)
    found = []
    for relative in sorted(instance.get_static_links()):
        why = _refused_target(root, os.path.normpath(os.path.join(root, relative)), "static")
        if why:
            found.append(f"a {{static}} link to {relative!r}: {why}")
    return found


def file_problems(path: Path, content: Path, article: bool) -> list[FileProblem]:
    """What keeps Pelican from publishing one bulletin (`article`) or page."""
    name = str(path)
    try:  # as every file of content/ is read: never waiting on a pipe, nor through a link out
        data = read_bytes(path, MAX_BYTES)
    except OSError as exc:
        return [FileProblem(name, 1, "(file)", f"cannot read the file: {exc.strerror}")]
    except YAMLFileError as exc:  # too big, a pipe or a folder, a link out of the folder
        return [FileProblem(name, 1, "(file)", exc.message)]
    try:
        text = as_read(data.decode("utf-8").removeprefix("\ufeff"))  # a byte order mark is no metadata
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [FileProblem(name, line, "(file)", "not UTF-8 text: save the file as UTF-8")]
    fields = header(text)
    problems = [
        FileProblem(name, line, key.capitalize(), f"given twice (lines {first} and {line}): keep one")
        for key, first, line in repeated_keys(text)
    ]

    def problem(key: str, message: str) -> None:
        line = fields.get(key, (1, ""))[0]
        problems.append(FileProblem(name, line, key.capitalize(), message))

    if not fields.get("title", (0, ""))[1]:
        problem("title", "missing: the first line says Title: and the title")
    for key, most in SAID_ON_EVERY_PAGE.items():
        size = len(fields.get(key, (0, ""))[1])
        if size > most:
            problem(key, f"{size:,} characters, at most {most}: an alert shows it on every page (shorten it)")
    for key in ("date", "modified") if article else ("modified",):
        value = fields.get(key, (0, None))[1]
        if value is None:
            if key == "date":
                problem(key, "missing: Date: YYYY-MM-DD (or YYYY-MM-DD HH:MM)")
            continue
        try:
            moment = get_date(value)
            # An offset of a day or more ("+99:00") is read, then stopped the build's sorting
            # with a traceback that named no file (a hostile-input probe's, stop 81).
            moment.utcoffset()
            year = moment.year
        except (ValueError, OverflowError, TypeError):
            problem(key, f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM)")
            continue
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            problem(key, f"{value!r}: a bulletin's date is between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    if "status" in fields and fields["status"][1].lower() not in STATUSES:
        problem("status", f"{fields['status'][1]!r} is not one of {', '.join(STATUSES)}")
    if "slug" in fields and not SLUG.fullmatch(fields["slug"][1]):
        problem("slug", f"{fields['slug'][1][:120]!r}: letters, digits, hyphens and underscores only, 100 at most")
    for key in FORBIDDEN:
        if key in fields:
            problem(key, "the site decides where and how pages are written: remove this line")
    for match in _WEB_IMAGE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        problems.append(
            FileProblem(
                name,
                line,
                "(file)",
                "an image from another site: the site's pages load none (its readers' privacy), so it would"
                " not show; put the image beside the bulletin and link it with {static}",
            )
        )
    for line, link, why in refused_links(text, path, content):
        problems.append(FileProblem(name, line, "(file)", f"{link}: {why}"))
    depth, line = deepest(text)
    if depth > MAX_NESTING:
        problems.append(
            FileProblem(name, line, "(file)", f"HTML elements {depth} deep: at most {MAX_NESTING} inside one another")
        )
    return problems


def unpublishable(
    context: dict, content: Path, folders: dict[str, bool], reasons: dict[str, BaseException]
) -> list[FileProblem]:
    """The problems of the Markdown files Pelican found under `folders` (name -> holds
    bulletins): the rules each breaks (read or not: one may name where it is written), and for
    a file Pelican could not read that breaks none, why (`reasons`, by path relative to the
    content folder: see ReadingWatch)."""
    problems = []
    for relative, made in context.get("generated_content", {}).items():
        folder = relative.split("/", 1)[0]
        if folder not in folders:
            continue
        path = Path(content) / relative
        found = file_problems(path, content, folders[folder])
        if not found and made is None:
            reason = reasons.get(relative)
            said = " ".join(str(reason).split())[:200] if reason else "`pelican --debug` says why"
            found = [FileProblem(str(path), 1, "(file)", f"Pelican could not read it: {said}")]
        problems += found
    return problems


def foreign_languages(items, languages: list[str]) -> list[FileProblem]:
    """A bulletin or page in a language the site does not have ("Lang: de", or no language at
    all): published beside the site in a language it has no pages for, or stopping the build
    with a traceback where its dates are written."""
    problems = []
    for item in items:
        if item.lang not in languages:
            path = Path(item.source_path)
            line = _line_of(path, "lang")
            said = f"{str(item.lang)[:40]!r} is not one of the site's languages ({', '.join(languages)})"
            problems.append(FileProblem(str(path), line, "Lang", said))
    return problems


def _line_of(source, key: str) -> int:
    """The line of a metadata key in a bulletin or page (1 when it cannot be read)."""
    try:
        return header(read_bytes(Path(source), MAX_BYTES).decode("utf-8", "replace")).get(key, (1, ""))[0]
    except (OSError, YAMLFileError):
        return 1


def long_addresses(items) -> list[FileProblem]:
    """A bulletin or page whose folder name (its slug, or its category's) is too long to be a
    file name, or a category's is empty."""
    problems = []
    every = {getattr(item, "source_path", None): item for item in items for item in (item, *item.translations)}
    for source, item in every.items():
        if not source:
            continue
        category = getattr(item, "category", None)
        if category is not None and not str(getattr(category, "slug", "") or "").strip("-_ "):
            # "Category: !!!" published its list at nouvelles/categories//, the links ending "//".
            said = f"{str(category)[:60]!r} has no letter or digit to make its address of: name it with words"
            problems.append(
                FileProblem(str(item.source_path), _line_of(item.source_path, "category"), "Category", said)
            )
        if not str(getattr(item, "slug", "") or "").strip("-_ "):
            # "Title: 🙂" with no Slug: the page was written at fr//index.html, where the home page
            # then replaced it, and a bulletin's links led to the news list (a hostile-input probe's).
            key = "Slug" if "slug" in item.metadata else "Title"
            said = "has no letter or digit to make its address of: " + (
                "name it with words" if key == "Slug" else "add a line Slug: with its address in words"
            )
            problems.append(FileProblem(str(item.source_path), _line_of(item.source_path, key.lower()), key, said))
        for key, slug in (("slug", getattr(item, "slug", "")), ("category", getattr(category, "slug", ""))):
            size = len(str(slug or "").encode("utf-8"))
            if size > MAX_SLUG_BYTES:
                key = key if key == "category" or "slug" in item.metadata else "title"
                said = f"its address would be {size} bytes long, {MAX_SLUG_BYTES} at most: shorten it"
                if key == "title":
                    said += " or add a shorter Slug:"
                problems.append(
                    FileProblem(str(item.source_path), _line_of(item.source_path, key), key.capitalize(), said)
                )
    return problems


def shared_keys(items) -> list[FileProblem]:
    """Two bulletins (or two pages) of one language with the same Key: translations share a
    key, one per language; Pelican published both with a warning, and linked the other
    language to either."""
    seen: dict[tuple, str] = {}
    problems = []
    every = {getattr(item, "source_path", None): item for item in items for item in (item, *item.translations)}
    for source, item in sorted((pair for pair in every.items() if pair[0]), key=lambda pair: str(pair[0])):
        key = item.metadata.get("key")
        if not key or str(key).startswith("(no key)"):
            continue
        # Pelican pairs published, hidden and draft items apart: a draft may share its key.
        found = (type(item).__name__, str(key), item.lang, getattr(item, "status", ""))
        if found in seen:
            line = _line_of(source, "key")
            said = f"{str(key)[:60]!r} is also the Key of {seen[found]} in this language: one file per language"
            problems.append(FileProblem(str(source), line, "Key", said))
        seen.setdefault(found, str(source))
    return problems


def same_addresses(items) -> list[FileProblem]:
    """Two bulletins or pages that would be written at the same address."""
    seen: dict[str, str] = {}
    problems = []
    for item in sorted(
        items, key=lambda item: str(getattr(item, "source_path", None) or "")
    ):  # as the folder lists them
        source = getattr(item, "source_path", None)
        save_as = getattr(item, "save_as", None)
        if not source or not save_as:
            continue
        if save_as in seen and seen[save_as] != source:
            problems.append(FileProblem(source, 1, "Slug", f"the same address as {seen[save_as]}: {save_as}"))
        seen.setdefault(save_as, source)
    return problems


def site_addresses(settings: dict) -> dict[str, str]:
    """The files the site's own pages are written to, and the index of each folder it writes
    pages or files in (in every language): file -> what it is ("search page", "folder of the
    organization pages"). From each X_LANG_SAVE_AS setting without a slug (a page), each with
    one (the folder before it: "fr/organismes/"), and each X_LANG_URL that is a folder
    ("fr/telechargements/", the downloads)."""
    found = {}
    languages = settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]]
    for key, pattern in settings.items():
        for suffix in ("_LANG_SAVE_AS", "_LANG_URL"):
            if not (key.endswith(suffix) and isinstance(pattern, str) and pattern):
                continue
            kind = key.removesuffix(suffix)
            what = kind.lower().replace("_", " ")
            for lang in languages:
                try:
                    if "{slug}" in pattern:  # its pages' folder
                        folder = urls.url_for(settings, kind, lang, slug="\0").split("\0", 1)[0]
                        if folder.endswith("/"):
                            found.setdefault(f"{folder}index.html", f"folder of the {what} pages")
                    elif suffix == "_LANG_SAVE_AS":
                        found[urls.save_as(settings, kind, lang)] = f"{what} page"
                    elif (folder := urls.url_for(settings, kind, lang)).endswith("/"):
                        found.setdefault(f"{folder}index.html", f"{what} folder")
                except (KeyError, IndexError, ValueError, AttributeError):
                    continue  # a pattern that needs more than a language and a slug, or none
    return found


def taken_addresses(items, settings: dict) -> list[FileProblem]:
    """Bulletins or pages written where one of the site's own pages is, or at the index of a
    folder of its own: the site's page would replace it without a word ("Slug: recherche" is
    the French search page), and a page at "fr/organismes/" would read as the directory's own
    list of organizations."""
    ours = site_addresses(settings)
    problems = []
    for item in items:
        source, save_as = getattr(item, "source_path", None), getattr(item, "save_as", None)
        if source and save_as in ours:
            try:
                line = header(Path(source).read_text(encoding="utf-8")).get("slug", (1, ""))[0]
            except (OSError, UnicodeDecodeError):
                line = 1
            problems.append(
                FileProblem(
                    source, line, "Slug", f"the address of the site's own {ours[save_as]} ({save_as}): choose another"
                )
            )
    return problems


class ReadingWatch:
    """Why Pelican could not read a file, and a time limit on reading one.

    `watch` wraps Pelican's reader to keep the exception of each file it could not read (Pelican
    logs only "Could not process", and with -q not even that: the reason was lost). `arm`, before
    a file is read, stops the reading after `seconds` (POSIX, main thread); `disarm`, once its
    text is read."""

    def __init__(self, seconds: float = READ_SECONDS, budget: float = READ_BUDGET):
        self.seconds, self.budget = seconds, budget
        self.reasons: dict[str, BaseException] = {}
        self.armed = False
        self.spent = 0.0  # reading every file so far
        self.since = 0.0
        self.limit = ""

    def watch(self, readers) -> None:
        read = readers.read_file

        def read_file(base_path, path, *args, **kwargs):
            try:
                return read(base_path, path, *args, **kwargs)
            except Exception as exc:
                self.reasons[str(path).replace(os.sep, "/")] = exc
                raise

        readers.read_file = read_file

    def _expired(self, signum, frame):
        if self.armed:
            self.armed = False
            self._count()
            raise TimeoutError(self.limit)

    def _count(self) -> None:
        """Add the time of the file being read to the build's (a file stopped is never disarmed)."""
        if self.since:
            self.spent += time.monotonic() - self.since
            self.since = 0.0

    def arm(self, *args, **kwargs) -> None:
        self._count()
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            left = self.budget - self.spent
            if left < self.seconds:
                self.limit = (
                    f"reading the Markdown of the bulletins and pages took over {self.budget:g} s in all, "
                    "this one not read: make the slowest simpler or shorter"
                )
            else:
                self.limit = f"reading its Markdown took over {self.seconds:g} s: make it simpler or shorter"
            signal.signal(signal.SIGALRM, self._expired)
            self.armed = True
            self.since = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, max(min(self.seconds, left), 0.001))

    def disarm(self, *args, **kwargs) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.armed = False
        self._count()
