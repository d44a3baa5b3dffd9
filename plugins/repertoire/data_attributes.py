"""JSON written into a page's data attributes (data-x='...'), for its scripts to read. Plain
text here (the record model has no Jinja): the templates' helpers mark it safe."""

from __future__ import annotations

from .jsontext import compact_json_text

# The characters a JSON text may hold only inside its strings, where \u escapes say the same.
_ATTRIBUTE_UNSAFE = str.maketrans({"&": "\\u0026", "'": "\\u0027", "<": "\\u003c", ">": "\\u003e"})


def attribute_json(value) -> str:
    """Compact JSON for a data attribute written between single quotes: data-x='{{ v|to_json }}'."""
    return json_attribute_text(compact_json_text(value, sort_keys=True))


def json_attribute_text(text: str) -> str:
    """A JSON text as the value of an attribute between single quotes, as it is: no "&", "'",
    "<" or ">" left to escape (JSON's own \\u escapes instead). Each '"' of a double-quoted
    attribute was six bytes (&#34;): 1 KB of an organization page, 7 % of its size. Never in
    double quotes (tests/test_templates.py checks the templates)."""
    return text.translate(_ATTRIBUTE_UNSAFE)
