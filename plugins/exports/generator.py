"""The downloads' generator: lists (CSV, Excel) and the HSDS package, per language."""

import functools
import io
import itertools
import json
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import pass_context
from pelican.generators import Generator

from repertoire import hsds, urls
from repertoire.catalogs import load_catalog, page_helper, page_lang
from repertoire.collector import collector_paused
from repertoire.derived import Derived
from repertoire.downloads import HSDS_JSON, HSDS_ZIP, export_name, zip_member
from repertoire.jsontext import compact_json
from repertoire.page_cache import PageCache
from repertoire.processes import StartedOnce, start_sharing
from repertoire.records import sorted_by_name
from repertoire.spreadsheets import ListRow, csv_lines, csv_row_lines, list_csv, list_row, to_xlsx
from repertoire.tables import Wording, headers, organization_row
from repertoire.wording import language_name_in, week_in_short
from repertoire.written import Content, Written

logger = logging.getLogger(__name__)
ZIP_CHUNK = 1 << 20  # bytes handed to the compressor at once


@dataclass
class Records:
    """The records every language's downloads are made from (sent once to their processes)."""

    organizations: list  # every record, for the HSDS package
    lists: list[tuple[str, str | None, list]]  # (kind, slug, members) of each CSV and Excel list
    digests: dict[str, str]
    taxonomy: object


@dataclass
class LanguageJob:
    """What else one language's downloads are made from."""

    lang: str
    folder: str  # the downloads' folder in the site
    as_of: object
    data_date: object
    pages: dict[str, str]  # organization id -> its page's address, as a list gives it
    translations: str
    licence: str
    title: str
    cache: PageCache
    written: Written


class ExportsGenerator(Generator):
    """Writes one CSV and one XLSX per category, region and for everything, per language."""

    def generate_context(self):
        self._downloads = StartedOnce(self._start)
        # Started once the directory's pages are written (see its generator), ended here.
        self.context.setdefault("start_early", []).append(self._downloads.start)

    def generate_output(self, writer):
        self._downloads.finish()

    def _start(self):
        """Reuse the stored lists, start making the others in processes of their own; what
        waits for them and notes what they wrote."""
        directory = self.context["directory"]
        languages = self.settings["LANGUAGES"]
        # The lists hold every record: a language's files are reused whole when none changed.
        cache = self.context.get("page_cache") or PageCache(None, "")
        written = self.context["written"]
        keys = {
            lang: cache.key(
                "exports", lang, [directory.digests[org.id] for org in directory.organizations], directory.as_of
            )
            for lang in languages
        }
        folders = {lang: urls.url_for(self.settings, "EXPORTS", lang).rstrip("/") for lang in languages}
        missing = [
            lang
            for lang in languages
            if cache.write_stored(keys[lang], written, lambda name, lang=lang: f"{folders[lang]}/{name}") is None
        ]
        lists = [("all", None, directory.listed)]
        lists += [("category", slug, members) for slug, members in directory.by_category.items()]
        lists += [("region", slug, members) for slug, members in directory.by_region.items()]
        records = Records(directory.organizations, lists, directory.digests, directory.taxonomy)
        jobs = [
            LanguageJob(
                lang,
                folders[lang],
                directory.as_of,
                directory.data_date,
                {org.id: self._page(org.id, lang) for org in directory.organizations},
                str(Path(self.settings["THEME"]) / "translations"),
                self.settings["DATA_LICENSE"],
                f"{self.settings['SITENAME']} — HSDS 3.0 ({lang})",
                cache,
                written,
            )
            for lang in missing
        ]
        # One language's lists are independent of the other's: one process each, which writes
        # them (one file in memory at a time) and says what it wrote.
        making = start_sharing(language_files, jobs, records, self.settings, len(directory.organizations))

        def made() -> None:
            for lang, (index, entries) in zip(missing, making.results()):
                cache.put_index(keys[lang], index)
                written.add(entries)
            logger.info("Exports: %d languages, %d reused", len(languages), len(languages) - len(missing))

        return made

    def _page(self, org_id: str, lang: str) -> str:
        # Absolute when the public address is known: a list travels far from the site.
        site = self.settings.get("PUBLIC_URL") or self.settings.get("SITEURL") or ""
        path = urls.url_for(self.settings, "ORGANIZATION", lang, slug=org_id)
        return f"{site}/{path}" if site else path


def language_files(job: LanguageJob, shared: Records) -> tuple[dict[str, str], dict]:
    """One language's downloads, written under its folder: the lists (CSV, Excel) and the
    HSDS package; their index (name -> SHA-256) and what was written (repertoire/written.py).
    Each list is reused on its own when none of its organizations changed: after one
    correction, only the lists that hold it are written again, from each record's row
    and HSDS parts as earlier builds made them (repertoire/derived.py)."""
    lang, cache, written, taxonomy, digests = job.lang, job.cache, job.written, shared.taxonomy, shared.digests
    written.begin_part()
    locale = taxonomy.conventions.locale(lang)
    wording = Wording(
        week=lambda location: week_in_short(location, lang, job.translations, locale),
        language=lambda code: language_name_in(code, locale),
        gettext=load_catalog(job.translations, lang).gettext,
    )
    rows, parts = Derived(cache, f"export-rows-{lang}"), Derived(cache, f"hsds-{lang}")
    list_rows: dict[str, ListRow] = {}  # an organization's row, written once for all its lists
    names: dict[str, tuple] = {}  # an organization's sort key, its name folded once for all its lists

    def row(org) -> ListRow:
        if org.id not in list_rows:
            values = rows.get(
                digests[org.id],
                lambda: organization_row(org, lang, taxonomy, job.pages[org.id], wording),
            )
            list_rows[org.id] = list_row(values)
        return list_rows[org.id]

    def place(name: str) -> str:
        return f"{job.folder}/{name}"

    # Rows, cells and HSDS objects by the million, in no cycle: the collector would walk them for nothing.
    with collector_paused():
        header = headers(wording.gettext)
        index = {}
        for kind, slug, members in shared.lists:
            name = export_name(kind, slug)
            key = cache.key("list", lang, name, [digests[org.id] for org in members], job.as_of)
            made = cache.write_stored(key, written, place)
            if made is None:
                table = [row(org) for org in sorted_by_name(members, lang, names)]
                files = {
                    f"{name}.csv": list_csv(header, table),
                    f"{name}.xlsx": to_xlsx(name, header, table, job.as_of),
                }
                made = cache.put_written(files, written, place, key)
            index.update(made)
        index.update(_write_hsds(job, shared, parts, place))
    rows.save()
    parts.save()
    return index, written.taken()


def _write_hsds(job: LanguageJob, shared: Records, parts: Derived, place) -> dict[str, str]:
    """The HSDS files written and stored (the language's group in the cache names them);
    their index. Their bytes (~80 MB at 10,000 records) go before the parts are pickled."""
    return job.cache.put_written(hsds_files(job, shared, parts), job.written, place)


def hsds_files(job: LanguageJob, shared: Records, parts: Derived) -> dict[str, Content]:
    """hsds.json (nested organizations) and hsds.zip (datapackage.json and one CSV per table),
    put together from each record's JSON and table lines (`_hsds_parts`). The JSON is its
    pieces, never joined: the records' parts are in memory already."""
    lang = job.lang
    date = job.data_date.isoformat() if job.data_date else ""
    gettext = load_catalog(job.translations, lang).gettext
    term_lines: dict[str, bytes] = {}
    term_objects: dict = {}  # the taxonomy terms' objects, made once for every record
    made = [
        parts.get(
            shared.digests[org.id],
            lambda org=org: _hsds_parts(org, lang, shared.taxonomy, gettext, term_objects, term_lines),
        )
        for org in shared.organizations
    ]
    # A record's rows are its own (their ids are made from its id), but for the taxonomy terms:
    # a term met again under many organizations is written once, where first met.
    lines: dict[str, list[bytes]] = {table: [] for table in hsds.table_columns()}
    terms: dict[str, bytes] = {}
    for _, own, its_terms in made:
        for table, text in own.items():
            lines[table].append(text)
        terms.update((key, line) for key, line in its_terms if key not in terms)
    lines["taxonomy_term"] = list(terms.values())
    lines["taxonomy"] = [_utf8(csv_lines(hsds.table_cells("taxonomy", [hsds.taxonomy_object(lang, gettext)])))]
    # As the whole document would be written: the organizations come last.
    document = {
        "hsds_version": "3.0",
        "title": job.title,
        "language": lang,
        "created": date,
        "license": job.licence,
        "taxonomies": [hsds.taxonomy_object(lang, gettext)],
    }
    whole = [compact_json(document)[:-1], b',"organizations":[']
    for number, (text, _, _) in enumerate(made):
        whole += [b",", text] if number else [text]
    whole.append(b"]}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        descriptor = hsds.descriptor(lang, job.title, job.licence, date)
        archive.writestr(zip_member("datapackage.json"), json.dumps(descriptor, ensure_ascii=False, indent=1))
        for table, rows in lines.items():
            info = zip_member(hsds.table_files()[table])
            # Record by record, a table is never joined; through a buffer, each compressed call
            # takes a megabyte rather than a record's lines (the same bytes, 0.3 s less a language).
            with archive.open(info, "w") as member, io.BufferedWriter(member, ZIP_CHUNK) as buffered:
                buffered.write(_utf8(csv_lines([hsds.table_columns()[table]])))
                for text in rows:
                    buffered.write(text)
    return {HSDS_JSON: whole, HSDS_ZIP: buffer.getvalue()}


def _hsds_parts(
    org, lang: str, taxonomy, gettext, terms: dict, term_lines: dict[str, bytes]
) -> tuple[bytes, dict[str, bytes], list[tuple[str, bytes]]]:
    """One record's share of the HSDS files: its organization as JSON; each table's CSV lines,
    one piece a table, in the order flatten() meets the rows (hsds.own_table_rows); its taxonomy
    terms as (id, CSV line), which other records share. UTF-8 (half the memory of accented
    text); a piece a table rather than a line a row: a tenth of the objects to pickle for the
    next build and to put together (~340,000 rows a language at 10,000 records).
    `terms`: the terms' objects made so far (organization_object); `term_lines`: their lines
    written so far (a term's id says all of its row)."""
    organization = hsds.organization_object(org.data, lang, taxonomy, gettext, terms)
    # Most records have the same few terms (their categories, territories, languages...):
    # each is written once, not 57,000 times a language at 10,000 records.
    tables = hsds.own_table_rows(organization, {"taxonomy_term": term_lines})
    new_terms = tables.pop("taxonomy_term", [])
    # Every table's lines in one call: a call per table was 13 calls a record.
    lines = iter(csv_row_lines([cells for rows in [*tables.values(), new_terms] for _, cells in rows]))
    own = {table: _utf8("".join(itertools.islice(lines, len(rows)))) for table, rows in tables.items()}
    term_lines.update((key, _utf8(line)) for (key, _), line in zip(new_terms, lines))
    # Its terms in the order met, each under the first attribute that names it.
    term_at = _term_column()
    met = dict.fromkeys(cells[term_at] for _, cells in tables.get("attribute", ()))
    return compact_json(organization), own, [(key, term_lines[key]) for key in met]


@functools.cache
def _term_column() -> int:
    """Where an attribute's row names its taxonomy term."""
    return hsds.table_columns()["attribute"].index("taxonomy_term_id")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


@page_helper
@pass_context
def export_url(context, kind: str, slug: str | None = None, fmt: str = "csv") -> str:
    """The address (from the site root) of a list's download in the page's language."""
    return urls.url_for(context, "EXPORTS", page_lang(context)) + f"{export_name(kind, slug)}.{fmt}"


@page_helper
@pass_context
def hsds_url(context, fmt: str) -> str:
    """The address of the HSDS package in the page's language: json or zip."""
    return urls.url_for(context, "EXPORTS", page_lang(context)) + (HSDS_JSON if fmt == "json" else HSDS_ZIP)
