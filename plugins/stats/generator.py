"""The statistics pages (one per language), their CSV downloads and the filters' JSON."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pelican.generators import Generator

from directory import urls
from directory.spreadsheets import to_csv
from directory.taxonomy import load_taxonomy

from . import charts, cube
from .tables import AGE_GROUPS, GENDERS, LANGUAGES, StatsData, index, load_stats

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
        "referrals": {"rows": data.referrals,
                      "table": charts.bar_chart([[v] for _, v in data.referrals], box=charts.TABLE_BARS)},
    }
    if data.has_demo:
        categories = cube.by_category(data)
        out["categories"] = {"rows": categories, "chart": charts.bar_chart([[met, unmet] for _, met, unmet in categories])}
        for dimension in PROFILE_FIGURES:
            rows = cube.profile_by(data, cube.Filters(), dimension)
            out[dimension] = {"rows": rows, "chart": charts.bar_chart([[v] for _, v in rows])}
    return out


def browser_data(data: StatsData) -> dict:
    """Everything the filters need in the browser: the series and both cubes, compact."""
    return {
        "months": data.months, "needs": data.needs, "territories": data.territories,
        "languages": list(LANGUAGES), "genders": list(GENDERS), "age_groups": list(AGE_GROUPS),
        "categories": data.categories, "profile": data.profile, "by_category": data.by_category,
    }


def _csv(header: list[str], rows) -> str:
    return to_csv(header, rows, bom=False).decode("utf-8")  # RFC 4180, formula-like text marked


def csv_files(data: StatsData, shown: dict) -> dict[str, str]:
    """The CSV download of every figure (as drawn without filters) and of the full breakdowns."""
    files = {
        FILES["needs"]: _csv(["month", "needs_expressed"], shown["needs"]["rows"]),
        FILES["referrals"]: _csv(["rank", "organization", "referrals"],
                                 [(i, name, value) for i, (name, value) in enumerate(data.referrals, 1)]),
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
    detail = [(data.months[m], data.territories[t], LANGUAGES[lang], GENDERS[g], AGE_GROUPS[a], value)
              for (m, t, lang, g, a), value in cube.profile_cells(data, cube.Filters()) if value]
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
        territories = [*(r.slug for r in taxonomy.regions),
                       *(slug for slug, t in taxonomy.territories.items() if t.kind != "region")]
        data = load_stats(folder, territories, list(taxonomy.categories))
        shown = figures(data)
        self.stats = {
            "data": data,
            "figures": shown,
            "files": {key: data_url(self.settings, name) for key, name in FILES.items()},
            "taxonomy": taxonomy,
        }
        self.context["stats"] = self.stats
        logger.info("Statistics: %d months, %d organizations referred%s", len(data.months), len(data.referrals),
                    ", demonstration breakdowns" if data.has_demo else "")

    def generate_output(self, writer):
        if not self.stats:
            return
        data = self.stats["data"]
        out = Path(self.output_path)
        payload = {**csv_files(data, self.stats["figures"]),
                   FILES["data"]: json.dumps(browser_data(data), separators=(",", ":"), sort_keys=True)}
        for name, text in payload.items():
            target = out / data_save_as(self.settings, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
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
