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


def test_only_the_template_text_is_trimmed_not_its_strings_or_values():
    env = Environment(
        loader=DictLoader({"p.html": '<p>\n    {{ "two  spaces" }}\n    {{ value }}  </p>'}),
        extensions=[TrimmedText],
    )
    assert env.get_template("p.html").render(value="a\n    b") == "<p>\ntwo  spaces\na\n    b </p>"


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
