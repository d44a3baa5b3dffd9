"""JSON written into a page's data attributes (data-x='...'), for its scripts to read. Plain
text here (the record model has no Jinja): the templates' helpers mark it safe."""

from __future__ import annotations

from .jsontext import compact_json_text

# The characters a JSON text may hold only inside its strings, where \u escapes say the same.
_ATTRIBUTE_UNSAFE = {"&": "\\u0026", "'": "\\u0027", "<": "\\u003c", ">": "\\u003e"}


def attribute_json(value) -> str:
    """Compact JSON for a data attribute written between single quotes: data-x='{{ v|to_json }}'."""
    return json_attribute_text(compact_json_text(value, sort_keys=True))


def json_attribute_text(text: str) -> str:
    """A JSON text as the value of an attribute between single quotes, as it is: no "&", "'",
    "<" or ">" left to escape (JSON's own \\u escapes instead). Each '"' of a double-quoted
    attribute was six bytes (&#34;): 1 KB of an organization page, 7 % of its size. Never in
    double quotes (tests/test_templates.py checks the templates). One replace() per character,
    each in C, rather than str.translate, which looks up each character of the text: ten
    times slower on an organization page's points and schedules (no replacement holds one of
    the four, so the order does not matter)."""
    for character, escaped in _ATTRIBUTE_UNSAFE.items():
        text = text.replace(character, escaped)
    return text
