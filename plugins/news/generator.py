"""News bulletins per language: the news pages, category pages, Atom feeds and alert banners.

Pelican reads the bulletins (content/news/*.md) and writes each one with article.html;
this generator adds what Pelican's own index and feeds cannot do for a bilingual site:
one list and one feed per language, categories paired across languages, and the alerts
every page shows (context `news_alerts`, theme/templates/partials/alert_banner.html).
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from repertoire import urls
from repertoire.catalogs import load_catalog
from repertoire.problems import HELD_PROBLEMS, FileProblem, ProblemsFound, hold_problems
from repertoire.today import build_today

from .alerts import Window, alert_window

logger = logging.getLogger(__name__)
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


class NewsInvalid(ProblemsFound):
    """Bulletins that cannot be published: every problem as file:line: field: problem."""

    what = "the news bulletins"


def _problem(article, field: str, message: str) -> FileProblem:
    """A problem with a bulletin's metadata field, at the line that field is on."""
    return FileProblem(str(article.source_path), line_of(article.source_path, field.lower()), field, message)


@dataclass
class Alert:
    """One alert (a bulletin and its translations) and the window it is shown in."""

    id: str
    window: Window
    state: str  # at build time: "active" or "upcoming" (expired alerts are left out)
    items: dict  # lang -> article

    @property
    def active(self) -> bool:
        return self.state == "active"

    def item(self, lang: str):
        """The bulletin in a language, else in the first language it exists in."""
        return self.items.get(lang) or next(iter(self.items.values()))

    def items_in(self, first: str, others=()) -> list:
        """The bulletin in language `first` (as item() gives it), then in each of `others` it
        is written in: a page of every language (the root, the 404) says the alert in each."""
        return [self.item(first), *(self.items[lang] for lang in others if lang != first and lang in self.items)]


@dataclass
class NewsCategory:
    slug: str
    name: str
    lang: str
    articles: list = field(default_factory=list)
    alternates: list = field(default_factory=list)  # (lang, url)


def line_of(path: str, field_name: str) -> int:
    """The line of a metadata field in a source file; a missing alert field points at `Alert:`, else line 1."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    for name in (field_name, "alert"):
        for number, line in enumerate(lines, 1):
            if line.lower().startswith(name.lower() + ":"):
                return number
    return 1


def translation_groups(articles) -> list[list]:
    """Each bulletin with its translations, default language first."""
    return [[article, *article.translations] for article in articles]


def rebase_links(html: str, from_dir: str, to_dir: str, site_url: str = "") -> str:
    """Relative links of a page at from_dir rewritten for a document at to_dir (or absolute under site_url)."""

    def fix(match):
        href = match.group(2)
        if not href or re.match(r"[a-z][a-z0-9+.-]*:|/|#", href, re.I):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(from_dir, href))
        if href.endswith("/") and not target.endswith("/"):
            target += "/"
        new = (
            f"{site_url}/{target}"
            if site_url
            else posixpath.relpath(target, to_dir or ".") + ("/" if target.endswith("/") else "")
        )
        return match.group(1) + new + match.group(3)

    return _LINK.sub(fix, html)


def _feed_text(markup: str) -> str:
    """A title or summary, HTML on the pages, as the text a feed reader shows: the feed escapes
    it once more, so its entities are read back here ("&amp;quot;" in a reader otherwise)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


class _Feed(Atom1Feed):
    """An Atom feed whose date, with no entry, is `empty_since` rather than the time it was
    written (feedgenerator's): each build changed the feed of a language with no bulletin,
    and so the offline copy's revision, offering phones an update where nothing changed."""

    empty_since = None

    def latest_post_date(self):
        if self.items or self.empty_since is None:
            return super().latest_post_date()
        return self.empty_since


class NewsGenerator(Generator):
    """Groups the bulletins by language and category, finds the alerts; writes lists and feeds."""

    def generate_context(self):
        settings = self.settings
        languages = settings["LANGUAGES"]
        zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
        today = build_today(settings)
        groups = translation_groups(self.context.get("articles", []))
        errors: list[FileProblem] = []
        by_lang = {lang: [] for lang in languages}
        alerts = []
        pairs: dict = {}
        for group in groups:
            windows = {}
            for article in group:
                if article.lang not in by_lang:
                    if HELD_PROBLEMS not in self.context:  # else the check of every file says it, once
                        errors.append(
                            _problem(
                                article,
                                "Lang",
                                f"{article.lang!r} is not one of the site's languages ({', '.join(languages)})",
                            )
                        )
                    continue
                if getattr(article, "category", None) is None:
                    errors.append(_problem(article, "Category", "missing: Category: and the bulletin's category"))
                    continue
                by_lang[article.lang].append(article)
                window, problems = alert_window(article.metadata, zone)
                errors.extend(_problem(article, name, message) for name, message in problems)
                windows[article.lang] = window
            found = {w for w in windows.values()}
            if len(found) > 1:
                first = group[0]
                errors.append(
                    _problem(first, "Alert", "its translations must have the same Alert, Alert_start and Alert_end")
                )
            elif found and None not in found:
                window = found.pop()
                state = window.state(today, zone)
                if state != "expired":
                    items = {
                        a.lang: a
                        for a in sorted(group, key=lambda a: languages.index(a.lang) if a.lang in languages else 99)
                    }
                    alerts.append(Alert(self._alert_id(group), window, state, items))
            self._pair_categories(group, pairs, errors)
        if errors:
            if not hold_problems(self.context, errors):
                raise NewsInvalid(errors).told()
            by_lang, alerts, pairs = {lang: [] for lang in languages}, [], {}  # the build stops once all is read
        for items in by_lang.values():
            items.sort(key=lambda a: a.date, reverse=True)
        self.by_lang = by_lang
        self.categories = self._categories(by_lang, pairs)
        alerts.sort(key=lambda alert: alert.window.start, reverse=True)
        self.context["news_alerts"] = alerts
        self.context["news"] = (
            {
                "by_lang": by_lang,
                "categories": self.categories,
                "feeds": {lang: urls.url_for(settings, "NEWS_FEED", lang) for lang in languages},
            }
            if any(by_lang.values())
            else None
        )
        logger.info(
            "News: %s bulletins, %d alert(s) on or coming", "+".join(str(len(v)) for v in by_lang.values()), len(alerts)
        )

    @staticmethod
    def _alert_id(group) -> str:
        """Stable per alert and revision: a new `Modified:` date shows a dismissed alert again."""
        first = group[0]
        key = getattr(first, "key", None) or first.slug
        revision = max((getattr(a, "modified", None) or a.date) for a in group)
        return f"{key}-{revision:%Y%m%d%H%M}"

    def _pair_categories(self, group, pairs: dict, errors: list[FileProblem]) -> None:
        """Remember which category of one language is which of another, from translated bulletins
        (one without a category is already an error: "missing: Category")."""
        group = [article for article in group if getattr(article, "category", None) is not None]
        for article in group:
            for other in group:
                if other.lang == article.lang:
                    continue
                known = pairs.setdefault((article.lang, article.category.slug), {})
                if known.setdefault(other.lang, other.category.slug) != other.category.slug:
                    errors.append(
                        _problem(
                            other,
                            "Category",
                            f"{other.category.name!r} translates "
                            f"{article.category.name!r}, which other bulletins "
                            "translate as another category",
                        )
                    )

    def _categories(self, by_lang: dict, pairs: dict) -> dict:
        settings = self.settings
        out = {}
        for lang, articles in by_lang.items():
            found: dict = {}
            for article in articles:
                category = found.setdefault(
                    article.category.slug, NewsCategory(article.category.slug, article.category.name, lang)
                )
                category.articles.append(article)
            for category in found.values():
                for other in settings["LANGUAGES"]:
                    slug = category.slug if other == lang else pairs.get((lang, category.slug), {}).get(other)
                    url = (
                        urls.url_for(settings, "NEWS_CATEGORY", other, slug=slug)
                        if slug
                        else urls.url_for(settings, "NEWS", other)
                    )
                    category.alternates.append((other, url))
            out[lang] = sorted(found.values(), key=lambda c: c.name.lower())
        return out

    def generate_output(self, writer):
        if not self.context.get("news"):
            return
        settings = self.settings
        languages = settings["LANGUAGES"]
        alternates = [(lang, urls.url_for(settings, "NEWS", lang)) for lang in languages]
        for lang in languages:
            common = dict(
                relative_urls=settings["RELATIVE_URLS"],
                override_output=True,
                lang=lang,
                feed_url=urls.url_for(settings, "NEWS_FEED", lang),
            )
            writer.write_file(
                urls.save_as(settings, "NEWS", lang),
                self.get_template("news"),
                self.context,
                alternates=alternates,
                page_kind="news",
                page_url=urls.url_for(settings, "NEWS", lang),
                bulletins=self.by_lang[lang],
                news_category=None,
                **common,
            )
            for category in self.categories[lang]:
                writer.write_file(
                    urls.save_as(settings, "NEWS_CATEGORY", lang, slug=category.slug),
                    self.get_template("news"),
                    self.context,
                    alternates=category.alternates,
                    page_kind="news_category",
                    page_url=urls.url_for(settings, "NEWS_CATEGORY", lang, slug=category.slug),
                    bulletins=category.articles,
                    news_category=category,
                    **common,
                )
            self._write_feed(lang)

    def _write_feed(self, lang: str) -> None:
        """One Atom feed per language: that language's bulletins, newest first."""
        settings = self.settings
        catalog = load_catalog(str(Path(settings["THEME"]) / "translations"), lang)
        feed_url = urls.url_for(settings, "NEWS_FEED", lang)
        feed_dir = posixpath.dirname(feed_url)
        site_url = settings.get("SITEURL", "").rstrip("/")

        def link(url: str) -> str:
            if site_url:
                return f"{site_url}/{url}"
            return posixpath.relpath(url or ".", feed_dir) + ("/" if url.endswith("/") else "")

        authority = settings["FEED_ID_AUTHORITY"]
        news_url = urls.url_for(settings, "NEWS", lang)
        feed = _Feed(
            title=f"{catalog.gettext('Répertoire 211')} · {catalog.gettext('News')}",
            link=link(news_url),
            feed_url=link(feed_url),
            description=catalog.gettext("Bulletins and alerts of the 211 service."),
            language=lang,
            author_name=settings.get("AUTHOR") or settings["SITENAME"],
            feed_guid=f"tag:{authority}:news/{lang}",
        )
        # A language with no bulletin yet: its feed changed last with the site's newest one.
        feed.empty_since = max(
            (getattr(a, "modified", None) or a.date for items in self.by_lang.values() for a in items), default=None
        )
        for article in self.by_lang[lang][: settings.get("FEED_MAX_ITEMS") or None]:
            article_dir = article.url.rstrip("/") if article.url.endswith("/") else posixpath.dirname(article.url)
            root_from_article = posixpath.relpath(".", article_dir)
            content = rebase_links(article.get_content(root_from_article), article_dir, feed_dir, site_url)
            feed.add_item(
                title=_feed_text(article.title),
                link=link(article.url),
                unique_id=f"tag:{authority}:news/{lang}/{article.slug}",
                description=article.metadata.get("summary") and _feed_text(str(article.summary)),
                content=content,
                pubdate=article.date,
                updateddate=getattr(article, "modified", None) or article.date,
                categories=[article.category.name],
            )
        target = Path(self.output_path) / urls.save_as(settings, "NEWS_FEED", lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")
