"""The statistics pages (one per language), their CSV downloads and the filters' JSON."""

from __future__ import annotations

import json
import logging
import pickle
from pathlib import Path

from pelican.generators import Generator

from repertoire import urls
from repertoire.page_cache import PageCache, tree_digest
from repertoire.problems import ProblemsFound
from repertoire.spreadsheets import to_csv
from repertoire.taxonomy import load_taxonomy
from repertoire.written import Written

from . import charts, cube
from .tables import AGE_GROUPS, GENDERS, LANGUAGES, StatsData, file_digest, index, load_stats

logger = logging.getLogger(__name__)

# The download of each figure (file names under STATS_DATA_URL).
FILES = {
    "needs": "needs-per-month.csv",
    "referrals": "top-referred-organizations.csv",
    "categories": "demonstration-needs-by-category.csv",
    "territory": "demonstration-needs-by-territory.csv",
    "language": "demonstration-needs-by-language.csv",
    "gender": "demonstration-needs-by-gender.csv",
    "age_group": "demonstration-needs-by-age-group.csv",
    "categories_detail": "demonstration-needs-by-category-detail.csv",
    "profile_detail": "demonstration-caller-profile-detail.csv",
    "data": "data.json",
}
PROFILE_FIGURES = ("territory", "language", "gender", "age_group")


def data_url(settings, name: str) -> str:
    """The address (from the site root) of a data file of the statistics."""
    return settings["STATS_DATA_URL"].format(name=name)


def data_save_as(settings, name: str) -> str:
    return settings["STATS_DATA_SAVE_AS"].format(name=name)


def figures(data: StatsData) -> dict:
    """What the page draws when no filter is chosen: values and geometry of every chart."""
    needs = cube.needs_per_month(data)
    out = {
        "needs": {"rows": needs, "chart": charts.line_chart([m for m, _ in needs], [v for _, v in needs])},
        "referrals": {
            "rows": data.referrals,
            "table": charts.bar_chart([[v] for _, v in data.referrals], box=charts.TABLE_BARS),
        },
    }
    if data.has_demo:
        categories = cube.by_category(data)
        out["categories"] = {
            "rows": categories,
            "chart": charts.bar_chart([[met, unmet] for _, met, unmet in categories]),
        }
        for dimension in PROFILE_FIGURES:
            rows = cube.profile_by(data, cube.Filters(), dimension)
            out[dimension] = {"rows": rows, "chart": charts.bar_chart([[v] for _, v in rows])}
    return out


def browser_data(data: StatsData) -> dict:
    """Everything the filters need in the browser: the series and both cubes, compact."""
    return {
        "months": data.months,
        "needs": data.needs,
        "territories": data.territories,
        "languages": list(LANGUAGES),
        "genders": list(GENDERS),
        "age_groups": list(AGE_GROUPS),
        "categories": data.categories,
        "profile": data.profile,
        "by_category": data.by_category,
    }


def _csv(header: list[str], rows) -> str:
    return to_csv(header, rows, bom=False).decode("utf-8")  # RFC 4180, formula-like text marked


def csv_files(data: StatsData, shown: dict) -> dict[str, str]:
    """The CSV download of every figure (as drawn without filters) and of the full breakdowns."""
    files = {
        FILES["needs"]: _csv(["month", "needs_expressed"], shown["needs"]["rows"]),
        FILES["referrals"]: _csv(
            ["rank", "organization", "referrals"],
            [(i, name, value) for i, (name, value) in enumerate(data.referrals, 1)],
        ),
    }
    if not data.has_demo:
        return files
    files[FILES["categories"]] = _csv(["category", "met", "unmet"], shown["categories"]["rows"])
    for dimension in PROFILE_FIGURES:
        files[FILES[dimension]] = _csv([dimension, "needs"], shown[dimension]["rows"])
    detail = []
    for m, month in enumerate(data.months):
        for t, territory in enumerate(data.territories):
            for c, category in enumerate(data.categories):
                met = data.by_category[index(data.category_shape, (m, t, c, 0))]
                unmet = data.by_category[index(data.category_shape, (m, t, c, 1))]
                detail.append((month, territory, category, met, unmet))
    files[FILES["categories_detail"]] = _csv(["month", "territory", "category", "met", "unmet"], detail)
    detail = [
        (data.months[m], data.territories[t], LANGUAGES[lang], GENDERS[g], AGE_GROUPS[a], value)
        for (m, t, lang, g, a), value in cube.profile_cells(data, cube.Filters())
        if value
    ]
    files[FILES["profile_detail"]] = _csv(["month", "territory", "language", "gender", "age_group", "needs"], detail)
    return files


class StatsGenerator(Generator):
    """Reads content/stats/ in generate_context; writes the pages, CSV and JSON in generate_output."""

    def generate_context(self):
        self.stats = None
        folder = Path(self.path) / "stats"
        if not folder.is_dir():
            logger.info("Statistics: no %s folder, no statistics pages", folder)
            return
        directory = self.context.get("directory")
        taxonomy = directory.taxonomy if directory else load_taxonomy(Path(self.path))
        territories = [
            *(r.slug for r in taxonomy.regions),
            *(slug for slug, t in taxonomy.territories.items() if t.kind != "region"),
        ]
        self.cache = PageCache(
            Path(self.settings["CACHE_PATH"]) / "pages" if self.settings.get("REUSE_OUTPUTS", True) else None,
            tree_digest(Path(__file__).parent),
        )
        self.key = self.cache.key(
            "stats",
            {path.name: file_digest(path) for path in sorted(folder.iterdir()) if not path.is_dir()},
            territories,
            list(taxonomy.categories),
        )
        data, shown = self._figures(folder, territories, list(taxonomy.categories))
        self.stats = {
            "data": data,
            "figures": shown,
            "files": {key: data_url(self.settings, name) for key, name in FILES.items()},
            "taxonomy": taxonomy,
        }
        self.context["stats"] = self.stats
        logger.info(
            "Statistics: %d months, %d organizations referred%s",
            len(data.months),
            len(data.referrals),
            ", demonstration breakdowns" if data.has_demo else "",
        )

    def _figures(self, folder: Path, territories: list[str], categories: list[str]) -> tuple[StatsData, dict]:
        """The statistics and the figures shown, kept by the files' bytes (reading and checking
        them takes a second); files with a problem are never kept, so their errors always show."""
        stored = self.cache.get(self.key)
        if stored is not None:
            try:
                return pickle.loads(stored)  # our own cache, as the record cache's
            except Exception:
                pass
        try:
            data = load_stats(folder, territories, categories)
        except ProblemsFound as invalid:
            raise invalid.told() from None
        shown = figures(data)
        self.cache.put(self.key, pickle.dumps((data, shown), protocol=pickle.HIGHEST_PROTOCOL))
        return data, shown

    def generate_output(self, writer):
        if not self.stats:
            return
        written = self.context.get("written") or Written(self.output_path, None)  # the directory plugin's, if on
        key = self.cache.key("stats-files", self.key)
        if not self.cache.write_stored(key, written, lambda name: data_save_as(self.settings, name)):
            data = self.stats["data"]
            payload = {
                **csv_files(data, self.stats["figures"]),
                FILES["data"]: json.dumps(browser_data(data), separators=(",", ":"), sort_keys=True),
            }
            files = {name: text.encode("utf-8") for name, text in payload.items()}
            self.cache.put_files(key, files)
            for name, content in files.items():
                written.write(data_save_as(self.settings, name), content)
        alternates = [(lang, urls.url_for(self.settings, "STATS", lang)) for lang in self.settings["LANGUAGES"]]
        for lang in self.settings["LANGUAGES"]:
            writer.write_file(
                urls.save_as(self.settings, "STATS", lang),
                self.get_template("stats"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                override_output=True,
                lang=lang,
                alternates=alternates,
                page_kind="stats",
                page_url=urls.url_for(self.settings, "STATS", lang),
            )
