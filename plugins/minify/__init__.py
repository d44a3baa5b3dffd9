"""Minify the site: every written HTML page (minify-html: maintained, spec-compliant, fast), and
the theme's own scripts and styles once Pelican has copied them (esbuild, assets.py).

List it before "offline": the offline revisions are hashes of the bytes served, computed on
`finalized` after this plugin's own `finalized` work.
"""

import logging
from pathlib import Path

import minify_html
from pelican import signals

from .assets import minify_files, minify_script, theme_assets

logger = logging.getLogger(__name__)


def minify_page(html: str) -> str:
    """Smaller HTML that parses the same: quoted attributes and closing tags kept for checkers."""
    return minify_html.minify(
        html,
        minify_css=True,
        minify_js=True,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        allow_noncompliant_unquoted_attribute_values=False,
        allow_removing_spaces_between_attributes=False,
        keep_comments=False,
    )


def minify_written(path, context):
    """After Pelican writes a page, rewrite it minified."""
    if not context.get("MINIFY_HTML", True) or not str(path).endswith(".html"):
        return
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(minify_page(html))


def offer_minifier(generator):
    """Parts that other plugins put into written pages (page_cache's alert banner) or scripts
    (offline's service worker) are minified the same way, through the context: plugins do
    not import each other."""
    if generator.settings.get("MINIFY_HTML", True):
        generator.context["minify_html"] = minify_page
    if generator.settings.get("MINIFY_ASSETS", True):
        esbuild = generator.settings.get("ESBUILD")
        generator.context["minify_script"] = lambda source: minify_script(source, esbuild)


def minify_theme(pelican):
    """The theme's scripts and styles, as copied into the output, rewritten minified."""
    if not pelican.settings.get("MINIFY_ASSETS", True):
        return
    output = Path(pelican.output_path)
    files = theme_assets(output)
    if files:
        minify_files(files, output / "theme", pelican.settings.get("ESBUILD"))
        logger.info("Minified %d theme scripts and styles", len(files))


def register():
    signals.generator_init.connect(offer_minifier)
    signals.content_written.connect(minify_written)
    signals.finalized.connect(minify_theme)
