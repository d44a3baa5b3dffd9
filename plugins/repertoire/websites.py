"""A record's website as a link needs it, and the hosts no website of the directory can be."""

from __future__ import annotations

import re
from unicodedata import category, normalize
from unicodedata import name as character_name
from urllib.parse import unquote, urlsplit

_HTTP = re.compile(r"https?://", re.IGNORECASE)
# A host's last label that makes a browser read the whole host as an IPv4 address (the URL
# standard's "ends in a number": 192.168.1.1, but also 0xC0.0xA8.1.1 and 3232235777).
_NUMBER = re.compile(r"[0-9]+|0x[0-9a-f]*", re.IGNORECASE)
# Names that lead to the reader's own computer or network, never to a site on the internet
# (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal), and the endings routers and companies give
# their networks that ICANN will never delegate (.lan, .home, .corp, .localdomain).
_LOCAL_NAMES = ("localhost", "local", "internal", "home.arpa", "lan", "home", "corp", "localdomain")


def web_address(website: str) -> str:
    """A valid record's website as a link needs it: `HTTPS://` in lower case, and https:// before
    one written without (`www.example.org`), which a browser would read as a page of this site."""
    scheme = _HTTP.match(website)
    return scheme.group().lower() + website[scheme.end() :] if scheme else "https://" + website


def host_problem(website: str) -> str | None:
    """Why a valid website's host is none of an organization's, or None. An IP address, or a name
    of the reader's own network, leads each reader to a device of their own: a link to
    http://192.168.1.1/ on a public page reaches people's routers, not an organization."""
    try:
        parts = _as_browsers_split(website)
    except ValueError:  # a malformed [IPv6] host, or one that hides a "/" (U+FF0F)
        if "[" not in website:
            return "is not an address a browser can open: check its host name"
        host = "["
    else:
        host = browser_host(parts)
    labels = [_as_shown(label) for label in host.split(".")]
    if None in labels:
        return "is not an address a browser can open: a name in xn-- that decodes to no name"
    if not host.startswith("[") and ":" not in host and not all(map(_fits_a_label, labels)):
        # "exa%0Ample.org", "example.org%40evil.com", a right-to-left mark or a zero-width
        # joiner inside the name: the page linked them, and no browser opens them.
        return "is not an address a browser can open: its host name holds a character no host name has"
    if host.startswith("[") or ":" in host or _NUMBER.fullmatch(labels[-1]):
        return "is an IP address: give the organization's site by its name (https://organisme.example)"
    if any(host == name or host.endswith("." + name) for name in _LOCAL_NAMES):
        return "names a computer of the reader's own network, not a site on the internet"
    mixed = next((label for label in labels if len(_scripts(label) & _LOOK_ALIKE) > 1), None)
    if mixed is not None:
        return (
            f"mixes letters of {' and '.join(sorted(_scripts(mixed) & _LOOK_ALIKE))} alphabets in {mixed!r}: "
            "a name that looks like another site's (a Cyrillic 'а' for a Latin 'a')"
        )
    try:
        port = parts.port
    except ValueError:  # over 65535: no browser opens the link
        port = 0
    if port == 0:
        return "has a port no browser opens (1 to 65535): most sites need none, remove it"
    return None


def _as_shown(label: str) -> str | None:
    """A host name's label as browsers show it: "xn--exmple-4nf" is "exаmple" (a Cyrillic "а"),
    which the checks below read as written (an imitation in its xn-- spelling passed: a
    hostile-input probe, stop 83); None for an xn-- label that decodes to no such name."""
    if not label[:4].lower() == "xn--":
        return label
    if len(label) > 63:  # DNS's most; Python's decoder takes the square of the length (minutes at 200,000)
        return None
    try:
        shown = label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return None
    return None if shown.isascii() else shown  # an xn-- label of plain ASCII is no IDNA name: browsers refuse it


def _fits_a_host_name(character: str) -> bool:
    """Whether a host name may hold the character: a letter, a mark or a digit of any
    alphabet ("café.ca", "пример.рф"), a hyphen, a dot, an underscore; not a control, a space,
    a format character (invisible) nor a sign ("@", "%")."""
    return character in "-._" or category(character)[0] in "LMN"


def _fits_a_label(label: str) -> bool:
    """Whether each character of a host name's label may be in one (_fits_a_host_name), or is
    a joiner a Persian or an Indic name writes (IDNA allows them there), never in a Latin one."""
    if label.isascii():  # most labels: the same answer without a look-up a character
        return _ASCII_LABEL.fullmatch(label) is not None
    joiners = "" if _scripts(label) & _LOOK_ALIKE else "\u200c\u200d"
    return all(_fits_a_host_name(c) or c in joiners for c in label)


# The ASCII characters _fits_a_host_name allows (the joiners are not ASCII).
_ASCII_LABEL = re.compile(r"[A-Za-z0-9._-]*")
# Alphabets with letters drawn as Latin ones: a name mixing two of them imitates another (a
# Japanese name mixes kanji and kana, and is real).
_LOOK_ALIKE = frozenset(("Latin", "Cyrillic", "Greek", "Armenian", "Cherokee"))


def _scripts(label: str) -> set[str]:
    """The alphabets of a host name's letters, by their Unicode names ("LATIN SMALL LETTER E
    WITH ACUTE": Latin): a name of one alphabet, accented or not, is a real one ("café.ca",
    "пример.рф"); one that mixes them imitates another ("exаmple.org")."""
    if label.isascii():  # most labels: ASCII's letters are Latin, and it has one if its cases differ
        return {"Latin"} if label.lower() != label.upper() else set()
    return {character_name(c, "?").split(" ")[0].title() for c in label if c.isalpha()}


def browser_host(parts) -> str:
    """A website's host as a browser goes to it, from its parts (_as_browsers_split): its
    %-escapes decoded, its characters mapped as the URL standard maps them (NFKC here:
    "192.168.1．1", with a fullwidth dot, is 192.168.1.1; "127.0.0.%31" is 127.0.0.1), without
    the final dot."""
    host = unquote(parts.hostname or "")
    return normalize("NFKC", host).replace("\u3002", ".").lower().rstrip(".")


def _as_browsers_split(website: str):
    """A website's parts as a browser reads them: the URL standard takes a backslash for a slash
    in an http(s) address and drops tabs and line breaks, where urlsplit keeps them in the host
    ("http://192.168.1.1\\.example.org/" is 192.168.1.1 to a browser)."""
    address = web_address(website).replace("\\", "/")
    return urlsplit(address.translate(_DROPPED))


_DROPPED = str.maketrans("", "", "\t\n\r")


def email_problem(email: str) -> str | None:
    """Why a valid email's domain is none of an organization's, as host_problem says of a
    website's host ("admin@printer.local"), or None. (The email pattern refuses IP addresses.)"""
    if not _fits_an_address(email):  # "a\u2028b@example.org" passed the pattern
        return "holds a space, a line break or an invisible character: an e-mail is one address and nothing else"
    return host_problem("https://" + email.rpartition("@")[2])


def _fits_an_address(email: str) -> bool:
    """Whether an e-mail address holds no character that is a space, a control or an invisible
    format character (of Unicode's categories Z and C): those str.isprintable() refuses, but
    for the space (a look-up a character took twice the time of the rest of the check)."""
    return email.isprintable() and " " not in email
