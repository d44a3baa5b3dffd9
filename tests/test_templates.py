"""Templates as compiled for the pages: their own layout trimmed, their compiled code kept
between builds only for what compiled it."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from directory.compiled import CompiledTemplates
from minify.templates import TrimmedText, trimmed


def test_template_layout_is_trimmed_but_not_text():
    # Indentation and blank lines: one line break; runs of spaces: one space.
    assert trimmed("<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    assert trimmed("<a>x</a>   <a>y</a>") == "<a>x</a> <a>y</a>"  # two links stay apart
    assert trimmed("Répertoire\u00a0211 «\u00a0aide\u00a0»") == "Répertoire\u00a0211 «\u00a0aide\u00a0»"
    assert trimmed("a\r\n  b") == "a\nb"
    assert trimmed("    <li>a</li>") == "\n<li>a</li>"  # the line after a block tag: its break kept
    assert trimmed(" <b>a</b>") == " <b>a</b>"


def test_only_the_template_text_is_trimmed_not_its_strings_or_values():
    env = Environment(
        loader=DictLoader({"p.html": '<p>\n    {{ "two  spaces" }}\n    {{ value }}  </p>'}),
        extensions=[TrimmedText],
    )
    assert env.get_template("p.html").render(value="a\n    b") == "<p>\ntwo  spaces\na\n    b\n</p>"


def test_code_compiled_with_other_extensions_is_not_reused(tmp_path):
    """The compiled code of a template is kept between builds by its source: a build whose
    extensions differ (text trimmed or not, words written in) compiles it again."""
    source = {"p.html": "<p>\n    {{ 1 + 1 }}\n</p>"}
    shown = []
    for extensions in ([], [TrimmedText], []):
        env = Environment(
            loader=DictLoader(source), extensions=extensions, bytecode_cache=CompiledTemplates(str(tmp_path))
        )
        shown.append(env.get_template("p.html").render())
    assert shown == ["<p>\n    2\n</p>", "<p>\n2\n</p>", "<p>\n    2\n</p>"]
    assert len(list(tmp_path.iterdir())) == 2  # kept, one for each


def test_json_attributes_are_written_between_single_quotes():
    """JSON for a data attribute (to_json and the like) keeps its '"' as they are: it must sit
    between single quotes, or a record's text would end the attribute."""
    import re

    from conftest import ROOT

    made = re.compile(r"to_json|\w_json\b|schedule_json\(|hours_labels\(\)|tz_offsets\(\)|entry_config\(\)")
    for path in sorted((ROOT / "theme" / "templates").rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for start in re.finditer(r'="', source):
            # The attribute's value: up to its closing quote, Jinja's tags and expressions whole.
            i, value = start.end(), []
            while i < len(source) and source[i] != '"':
                closing = {"{{": "}}", "{%": "%}", "{#": "#}"}.get(source[i : i + 2])
                end = source.index(closing, i) + 2 if closing else i + 1
                value.append(source[i:end])
                i = end
            assert not made.search("".join(value)), f"{path.name}: {''.join(value)[:60]}"


def test_json_for_an_attribute_cannot_leave_it():
    import json

    from directory.templating import to_json

    hostile = {"name": 'l\'été & <script>"x"</script>', "n": [1, 2]}
    written = str(to_json(hostile))
    assert not set("'&<>") & set(written) and json.loads(written) == hostile


def test_a_fragment_is_rendered_once_for_the_same_values(monkeypatch):
    """What a fragment shows comes from its first rendering with the same values; another
    value renders it again; past the limit, it is rendered each time (memory stays bounded)."""
    from directory import fragments

    source = "{% for i in numbers %}{% fragment 'part', i % 2 %}{{ count() }}{% endfragment %}{% endfor %}"

    def render(keep: bool, numbers: list[int]) -> str:
        env = Environment(loader=DictLoader({"page.html": source}), autoescape=True)
        fragments.install(env, keep=keep)
        calls = iter(range(1, 100))
        env.globals["count"] = lambda: next(calls)
        return env.get_template("page.html").render(numbers=numbers)

    assert render(True, [1, 2, 3, 4]) == "1212"
    assert render(False, [1, 2, 3, 4]) == "1234"
    monkeypatch.setattr(fragments, "LIMIT", 1)
    assert render(True, [1, 2, 3, 4]) == "1213"


def test_page_helpers_read_the_page_and_other_helpers_still_see_loop_variables():
    """In the directory's pages (PageContext), a page helper is handed the page's context as
    it is; a pass_context function that is not one still sees the loop's variables, and a
    plain function is called as it is."""
    from jinja2 import pass_context

    from directory.page_context import PageContext
    from repertoire.catalogs import page_helper

    @page_helper
    @pass_context
    def language(context):
        return context["lang"]

    @page_helper
    @pass_context
    def unlooped(context):  # handed the page's context itself: the loop's variables are not in it
        return context.get("seen", "page")

    @pass_context
    def looped(context):
        return context.get("seen", "-")

    class Box:  # bound methods: a plain one is called as it is, a pass_context one by Jinja
        def thrice(self, value):
            return value * 3

        @pass_context
        def seen(self, context):
            return context.get("seen", "-")

    env = Environment(
        loader=DictLoader(
            {
                "p.html": "{% set x = 1 %}{% for item in items %}{% set seen = item %}{{ language() }}{{ unlooped() }}"
                "{{ looped() }}{{ twice(item) }}{{ box.thrice(item) }}{{ box.seen() }} {% endfor %}"
            }
        )
    )
    env.context_class = PageContext
    env.globals.update(language=language, unlooped=unlooped, looped=looped, twice=lambda value: value * 2, box=Box())
    assert env.get_template("p.html").render(lang="fr", items=["a", "b"]) == "frpageaaaaaaa frpagebbbbbbb "


def test_page_templates_escape_and_mark_safe_as_jinja_does():
    """The pages' templates escape what they output and mark safe what their macros and
    blocks make with page_escape and page_markup: the same page as Jinja's own, hostile text
    escaped once, safe text (a macro's output, a translation) never escaped again."""
    from markupsafe import Markup, escape

    from directory.page_context import PageTemplate, page_escape, page_markup

    class Safe:
        def __html__(self):
            return "<b>safe</b>"

    values = ["<script>alert(\"x\")</script> & 'q'", Markup("<i>ok</i> &amp;"), 3, 4.5, None, True, Safe(), "", "é"]
    for value in values:
        assert page_escape(value) == escape(value) and type(page_escape(value)) is Markup
    for text in ["<i>", "", Markup("<b>")]:
        assert page_markup(text) == Markup(text) and type(page_markup(text)) is Markup
    assert page_markup(Safe()) == Markup("<b>safe</b>")
    source = {
        "p.html": "{% macro cell(v) %}<td>{{ v }}</td>{% endmacro %}{% set block %}<p>{{ values[0] }}</p>{% endset %}"
        "{% for v in values %}{{ cell(v) }}{{ v }}{% endfor %}{{ block }}{{ block|e }}{{ '<lit>' }}{{ values[1]|safe }}"
        # Macros called every way (PageMacro takes the plain calls, Jinja's Macro the others).
        "{% macro pair(a, b='<b>') %}[{{ a }}|{{ b }}]{% endmacro %}{{ pair(values[0]) }}{{ pair(1, values[1]) }}"
        "{{ pair(a=2) }}{{ pair(3, b=values[0]) }}{{ pair|attr('name') }}"
        "{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('em') %}{{ values[0] }}{% endcall %}"
        "{% macro rest() %}{{ varargs|length }}{{ kwargs|length }}{% endmacro %}{{ rest(1, 2, x=3) }}"
    }
    pages = []
    for template_class in (None, PageTemplate):
        env = Environment(loader=DictLoader(source), autoescape=True)
        if template_class:
            env.template_class = template_class
        pages.append(env.get_template("p.html").render(values=values))
    assert pages[0] == pages[1]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;" in pages[1]
    assert "<td><i>ok</i> &amp;</td>" in pages[1] and "<b>safe</b>" in pages[1] and "<script>" not in pages[1]


def test_a_record_field_reads_as_jinja_reads_it():
    """`a.b` on a record (directory/templating.py fields_first): a key of a plain dict first, a
    missing one Jinja's undefined (empty, not defined, its default), an attribute otherwise."""
    from jinja2 import StrictUndefined, UndefinedError

    from directory import templating

    source = {
        "p.html": "{{ d.name }}|{{ d.missing }}|{{ d.missing is defined }}|{{ d.missing|default('-') }}"
        "|{{ d.items is defined }}|{{ s.upper() }}|{{ s.nothing is defined }}|{{ n.real }}"
    }
    pages = []
    for install in (False, True):
        env = Environment(loader=DictLoader(source))
        if install:
            templating.install(env)
        pages.append(env.get_template("p.html").render(d={"name": "A"}, s="x", n=3))
    assert pages[0] == pages[1] == "A||False|-|True|X|False|3"
    env = Environment(loader=DictLoader({"p.html": "{{ d.missing }}"}), undefined=StrictUndefined)
    templating.install(env)
    try:
        env.get_template("p.html").render(d={})
    except UndefinedError as error:
        assert "has no attribute 'missing'" in str(error)
    else:
        raise AssertionError("a missing field is undefined, strictly so where asked")
