"""Minify the site: every template's own text trimmed when it is compiled (templates.py), every
page Pelican writes minified (minify-html: maintained, spec-compliant, fast) but the directory's
pages, written by the ten thousand, and the theme's own scripts and styles once Pelican has
copied them (esbuild, assets.py); the page scripts of BUNDLED_SCRIPTS come with their modules
as one file.

List it before "offline": the offline revisions are hashes of the bytes served, computed on
`finalized` after this plugin's own `finalized` work.
"""

import logging
from pathlib import Path

import minify_html
from pelican import signals

from .assets import bundle_script, minify_files, minify_script, theme_assets
from .templates import TrimmedText

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
        # The directory's pages are rendered from trimmed templates rather than minified (templates.py).
        generator.env.add_extension(TrimmedText)
    if generator.settings.get("MINIFY_ASSETS", True):
        esbuild = generator.settings.get("ESBUILD")
        generator.context["minify_script"] = lambda source: minify_script(source, esbuild)
    # Templates preload a page script's modules unless it comes as one file.
    generator.context["bundled_scripts"] = bundled(generator.settings)


def bundled(settings) -> list[str]:
    """The page scripts served with their modules as one file (none when assets are left as they are)."""
    return list(settings.get("BUNDLED_SCRIPTS", [])) if settings.get("MINIFY_ASSETS", True) else []


def minify_theme(pelican):
    """The theme's scripts and styles, as copied into the output, rewritten minified."""
    if not pelican.settings.get("MINIFY_ASSETS", True):
        return
    output, esbuild = Path(pelican.output_path), pelican.settings.get("ESBUILD")
    entries = bundled(pelican.settings)
    for name in entries:
        bundle_script(Path(pelican.settings["THEME"]) / "static" / "js" / name, output / "theme" / "js" / name, esbuild)
    files = [path for path in theme_assets(output) if not (path.parent.name == "js" and path.name in entries)]
    if files:
        minify_files(files, output / "theme", esbuild)
    logger.info("Minified %d theme scripts and styles, bundled %s", len(files), entries or "none")


def register():
    signals.generator_init.connect(offer_minifier)
    signals.content_written.connect(minify_written)
    signals.finalized.connect(minify_theme)
