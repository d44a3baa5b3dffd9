"""Every UI string of the templates is translated in every language the site publishes."""

from __future__ import annotations

import pytest
from babel.messages.extract import extract_from_dir

import pelicanconf
from conftest import ROOT
from repertoire.catalogs import load_catalog


def template_messages() -> set:
    found = set()
    method_map = [("**.html", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}
    for _, _, message, _, _ in extract_from_dir(str(ROOT / "theme" / "templates"), method_map, options):
        found.add(message[:2] if isinstance(message, tuple) else message)
    for _, _, message, _, _ in extract_from_dir(str(ROOT / "plugins"), [("**.py", "python")]):
        found.add(message[:2] if isinstance(message, tuple) else message)
    for _, _, message, _, _ in extract_from_dir(str(ROOT / "scripts"), [("review.py", "python")]):
        found.add(message[:2] if isinstance(message, tuple) else message)  # its update requests (babel.cfg)
    return found


@pytest.mark.parametrize("lang", [lang for lang in pelicanconf.LANGUAGES if lang != "en"])
def test_every_template_string_is_translated(lang):
    catalog = load_catalog(str(ROOT / "theme" / "translations"), lang)
    missing = sorted(str(m) for m in template_messages() if m not in catalog.messages)
    assert not missing, f"untranslated in {lang}: {missing}"


def test_catalog_plural_forms():
    fr = load_catalog(str(ROOT / "theme" / "translations"), "fr")
    assert fr.ngettext("%(num)d organization", "%(num)d organizations", 1) == "%(num)d organisme"
    assert fr.ngettext("%(num)d organization", "%(num)d organizations", 0) == "%(num)d organisme"
    assert fr.ngettext("%(num)d organization", "%(num)d organizations", 2) == "%(num)d organismes"
