"""Every UI string of the templates is translated in every language the site publishes."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.extract import extract_from_dir

import pelicanconf
from conftest import ROOT, build_site, make_content
from repertoire.catalogs import load_catalog
from repertoire.wording import date_in


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


def test_a_french_colon_stays_on_the_line_of_its_word():
    # Printed in French, hours and headings wrapped before their colon: a line began
    # ": de 12 h à 20 h". The space before a colon is a no-break one in every message.
    fr = load_catalog(str(ROOT / "theme" / "translations"), "fr")
    said = [text for value in fr.messages.values() for text in (value if isinstance(value, tuple) else [value])]
    assert not [text for text in said if text and (" :" in text or text.startswith(":"))]
    assert fr.gettext("%(days)s: %(hours)s") == "%(days)s\u00a0: %(hours)s"
    # Nor a question mark, a semicolon, a guillemet (the print fixes' helper, stop 79: "Retirer
    # tous les organismes de votre liste" then "?" alone).
    marks = (" ?", " !", " ;", "« ", " »")
    assert not [text for text in said if text and any(mark in text for mark in marks)]


@pytest.mark.parametrize("lang", pelicanconf.LANGUAGES)
def test_messages_written_in_at_compile_time_read_as_the_runtime_translation(lang):
    """The directory's pages have each plain `{{ _('message') }}` translated when compiled
    (directory/i18n.py): every message of the catalog must come out as `_()` gives it at
    render time (marked safe, "%%" as "%"), and a message with variables is still a call."""
    from jinja2 import DictLoader, Environment

    from directory.i18n import in_language, install

    messages = sorted(m for m in template_messages() if isinstance(m, str) and "%(" not in m and "'" not in m)
    assert len(messages) > 100 and any("%%" in m for m in messages)
    source = "|".join(f"{{{{ _('{m}') }}}}" for m in messages)
    source += "|{{ _('Directory data as of %(date)s.', date='<b>') }}|{{ _('Yes') if flag else _('No') }}"
    env = Environment(loader=DictLoader({"page.html": source}), autoescape=True, extensions=["jinja2.ext.i18n"])
    install(env, ROOT / "theme" / "translations")
    at_runtime = env.get_template("page.html").render(lang=lang, flag=True)
    compiled = in_language(env, lang)
    assert compiled.get_template("page.html").render(lang=lang, flag=True) == at_runtime
    assert "&lt;b&gt;" in at_runtime  # the variable is escaped, as before
    # Not a runtime call any more: a page in that language no longer needs `_` for them.
    assert "'Home'" not in compiled.compile(source, raw=True)
    assert "'Home'" in env.compile(source, raw=True)


def test_a_catalog_edited_between_builds_is_not_read_from_compiled_code(tmp_path):
    """Compiled templates are kept between builds (the bytecode cache), and those of the
    directory's pages hold their translations: a catalog edited since must show its new words
    even where the template did not change."""
    from jinja2 import DictLoader, Environment, FileSystemBytecodeCache

    from directory.i18n import in_language, install

    before, after = tmp_path / "before", tmp_path / "after"
    shutil.copytree(ROOT / "theme" / "translations", before)
    shutil.copytree(ROOT / "theme" / "translations", after)
    catalog = after / "fr" / "LC_MESSAGES" / "messages.po"
    wording = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Heures d\'ouverture"' in wording
    catalog.write_text(
        wording.replace('msgstr "Heures d\'ouverture"', 'msgstr "Heures d\'accueil"', 1), encoding="utf-8"
    )
    (tmp_path / "compiled").mkdir()
    shown = []
    for translations in (before, after):
        env = Environment(
            loader=DictLoader({"page.html": "<caption>{{ _('Opening hours') }}</caption>"}),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=FileSystemBytecodeCache(str(tmp_path / "compiled")),
        )
        install(env, translations)
        shown.append(in_language(env, "fr").get_template("page.html").render(lang="fr"))
    assert shown == ["<caption>Heures d'ouverture</caption>", "<caption>Heures d'accueil</caption>"]


@pytest.mark.parametrize(
    "date, fr, en",
    [
        ("2026-11-01", "1er novembre 2026", "November 1, 2026"),
        ("2027-01-01", "1er janvier 2027", "January 1, 2027"),
        ("2026-11-11", "11 novembre 2026", "November 11, 2026"),
        ("2026-11-21", "21 novembre 2026", "November 21, 2026"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(date, fr, en):
    # CLDR writes "1 novembre": French writes the first of a month "1er".
    assert date_in(date, "fr_CA") == fr
    assert date_in(date, "en_CA") == en


def test_a_catalog_changed_between_two_builds_of_one_process_is_read_again(tmp_path):
    # The tests (and Pelican's --autoreload) build again in the same process: the catalogs read
    # by the first build were kept in memory, and the second wrote the old words into its pages,
    # which the page cache then kept under the new catalog's name (stop 70, a print notice in
    # English on a French page).
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    content = make_content(tmp_path)
    settings = {"THEME": str(theme), "CACHE_PATH": str(tmp_path / "cache")}
    build_site(content, tmp_path / "first", **settings)
    catalog = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgid "Opening hours"\nmsgstr "Heures d\'ouverture"' in text
    catalog.write_text(
        text.replace('msgstr "Heures d\'ouverture"', 'msgstr "Horaire du comptoir"', 1), encoding="utf-8"
    )
    output = build_site(content, tmp_path / "second", **settings)
    pages = [path.read_text(encoding="utf-8") for path in (output / "fr" / "organismes").glob("*/index.html")]
    assert any("Horaire du comptoir" in page for page in pages)
    assert not any("Heures d'ouverture" in page or "Heures d&#39;ouverture" in page for page in pages)
