"""Start a new organization record: scripts/new "Nom de l'organisme" [--en NAME] [--category SLUG]... [--area SLUG]...

The file gets an id made from the French name, today's date as last_verified, the schema
comment that gives editors completion, and commented hints for the optional fields.
What only a person can write is left as an empty value with a "TODO" comment: empty
text is not valid, so `scripts/validate` names each line still to fill in, and the record
cannot be published half-done. An existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from repertoire.ids import MAX_ID, WINDOWS_DEVICES, make_id, unique_id  # noqa: E402
from repertoire.problems import Refused  # noqa: E402
from repertoire.records import HTML_TAG, SCHEMA_PATH  # noqa: E402
from repertoire.taxonomy import TaxonomyError, load_taxonomy  # noqa: E402

MAX_NAME = 200
# Letters that Unicode does not decompose into ASCII ones.
TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Nouvelle fiche : remplissez chaque TODO, puis vérifiez-la avec scripts/validate.
# New record: fill in every TODO, then check it with scripts/validate.
id: {id}
name:
  fr: {name_fr}
  en: {name_en}
# alternate_names: [Sigle]   # autres noms, sigles / other names, acronyms
description:
  fr: ""  # TODO: ce que fait l'organisme et pour qui, en texte simple
  en: ""  # TODO: the same in English (or delete this line to show the French text)
categories: {categories}
# keywords:
#   fr: [mot-clé, autre mot-clé]
#   en: [keyword, another keyword]
# website: https://example.org
# email: info@example.org
# phones:
#   - number: 514 555-0123
#     type: voice   # voice | text | fax | tty | hotline
#     description: {{fr: Accueil, en: Reception}}
# languages: [fr, en]   # codes ISO 639-1 des langues parlées / languages spoken
service_area: {areas}
status: active   # active | inactive | temporarily_closed
last_verified: {today}
# locations:
#   - id: principal
#     name: {{fr: Point de service principal, en: Main site}}
#     address: {{street: "1234, rue Exemple", city: Montréal, postal_code: H2L 1R4}}
#     coordinates: [45.5275, -73.5561]   # [latitude, longitude]
#     hours:   # "HH:MM" entre guillemets / quoted; open_24_7: true à la place / instead
#       - {{days: [mo, tu, we, th, fr], opens: "09:00", closes: "17:00"}}
#     exceptions:
#       - {{date: 2026-12-25, closed: true}}
# services:
#   - name: {{fr: Nom du service, en: Service name}}
#     description: {{fr: Ce que le service offre., en: What the service offers.}}
#     eligibility: {{fr: Pour qui, en: Who can use it}}
#     fees: {{fr: Gratuit, en: Free}}
#     locations: [principal]
"""
NAME_EN_TODO = '""  # TODO: English name (or delete this line if it is the same as in French)'
CATEGORIES_TODO = "[]  # TODO: slugs from content/categories.yaml, the main one first"
AREAS_TODO = "[]  # TODO: slugs from content/territories.yaml (its territory.whole.slug: the whole territory)"


def free_id(base: str, directory: Path) -> str:
    """`base`, or base-2, base-3... the first id without a record file in `directory`; a link
    to nothing is a name taken too (seen as free, writing there failed, and the same id was
    tried again for ever: a hostile-input probe's, stop 81)."""
    # Any case: "x.YAML" is read as the record x too (a reviewer's).
    taken = {name.lower() for name in os.listdir(directory)}
    return unique_id(base, lambda candidate: any(f"{candidate}{ext}".lower() in taken for ext in (".yaml", ".yml")))


def yaml_text(value: str) -> str:
    """A string as a YAML scalar: plain when every YAML reader reads it back unchanged, else quoted."""
    try:
        plain_ok = yaml.safe_load(f"k: {value}") == {"k": value} and not re.search(
            r"""^[-?:,\[\]{}#&*!|>'"%@`]|[\[\]{}]|\s#|:\s|\s$""", value
        )
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def check_name(value: str, option: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise Refused(
            f"{option}: the name is empty; give the organization's name, e.g. "
            'scripts/new "Cuisine collective du quartier"'
        )
    if len(value) > MAX_NAME:
        raise Refused(f"{option}: the name has {len(value)} characters, at most {MAX_NAME}")
    if HTML_TAG.search(value):
        raise Refused(f"{option}: HTML tags are not allowed in a name: write plain text")
    return value


def check_slugs(slugs: list[str], known, kind: str, where: str, extra=()) -> list[str]:
    """Refuse unknown slugs, naming the closest known one."""
    result = []
    for slug in slugs:
        if slug not in known and slug not in extra:
            hint = difflib.get_close_matches(slug, [*known, *extra], n=1)
            raise Refused(f"unknown {kind} '{slug}'" + (f" (did you mean '{hint[0]}'?)" if hint else f"; see {where}"))
        if slug not in result:
            result.append(slug)
    return result


def render(
    record_id: str,
    name_fr: str,
    name_en: str | None,
    categories: list[str],
    areas: list[str],
    today: dt.date,
    path: Path,
) -> str:
    """The text of the new record."""
    schema = Path(os.path.relpath(SCHEMA_PATH, path.parent.resolve())).as_posix()
    return TEMPLATE.format(
        schema=schema,
        id=record_id,
        name_fr=yaml_text(name_fr),
        name_en=yaml_text(name_en) if name_en else NAME_EN_TODO,
        categories=f"[{', '.join(categories)}]" if categories else CATEGORIES_TODO,
        areas=f"[{', '.join(areas)}]" if areas else AREAS_TODO,
        today=today.isoformat(),
    )


def write_new(directory: Path, base: str, make_text) -> Path:
    """Write a new file atomically and never over an existing one (a hard link does not replace)."""
    handle, temp = tempfile.mkstemp(dir=directory, prefix=".new-record.", suffix=".tmp")
    try:
        record_id = free_id(base, directory)
        while True:
            path = directory / f"{record_id}.yaml"
            data = make_text(record_id, path).encode("utf-8")
            with open(handle, "wb", closefd=False) as stream:
                stream.seek(0)
                stream.truncate()
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
            try:
                os.link(temp, path)  # fails if the file appeared meanwhile
                return path
            except FileExistsError:
                record_id = free_id(base, directory)
            except OSError:  # no hard links on this file system
                if os.path.lexists(path):
                    record_id = free_id(base, directory)
                    continue
                os.replace(temp, path)
                return path
    finally:
        os.close(handle)
        Path(temp).unlink(missing_ok=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="the organization's name in French")
    parser.add_argument("--en", metavar="NAME", help="its name in English, if it differs")
    parser.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="SLUG",
        help="a category slug (content/categories.yaml); repeat for several, the main one first",
    )
    parser.add_argument(
        "--area",
        action="append",
        default=[],
        metavar="SLUG",
        help="a territory served (content/territories.yaml, or its whole.slug); repeat for several",
    )
    parser.add_argument("--id", help="the id (file name) to use instead of one made from the name")
    parser.add_argument(
        "--dir",
        type=Path,
        default=ROOT / "content" / "organizations",
        help="folder of the records (default: content/organizations)",
    )
    parser.add_argument(
        "--content",
        type=Path,
        default=ROOT / "content",
        help="content folder with categories.yaml and territories.yaml (default: content/)",
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help="the date written as last_verified (default: today)",
    )
    args = parser.parse_args(argv)
    try:
        name_fr = check_name(args.name, "name")
        name_en = check_name(args.en, "--en") if args.en is not None else None
        if not args.dir.is_dir():
            raise Refused(f"--dir: no folder {args.dir}")
        base = args.id if args.id is not None else make_id(name_fr)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", base) or len(base) > MAX_ID:
            raise Refused(
                f"cannot use '{base}' as an id: lowercase ASCII letters, digits and hyphens, "
                f"at most {MAX_ID} characters" + ("" if args.id else "; give one with --id")
            )
        if args.id is not None and base in WINDOWS_DEVICES:
            raise Refused(
                f"--id: '{base}' is a device name on Windows, where its file could not be opened; choose another id"
            )
        if args.id is not None and free_id(base, args.dir) != base:
            raise Refused(f"--id: {args.dir / (base + '.yaml')} already exists; edit it, or choose another id")
        categories, areas = args.category, args.area
        if categories or areas:
            try:
                taxonomy = load_taxonomy(args.content)
            except TaxonomyError as exc:
                raise Refused(f"cannot check the slugs: {exc}") from None
            categories = check_slugs(categories, taxonomy.categories, "category", "content/categories.yaml")
            areas = check_slugs(
                areas, taxonomy.territories, "territory", "content/territories.yaml", extra=(taxonomy.whole.slug,)
            )
    except Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    path = write_new(
        args.dir, base, lambda record_id, path: render(record_id, name_fr, name_en, categories, areas, args.today, path)
    )
    print(path)
    print(f"Fiche créée / record created: fill in the TODO lines, then run scripts/validate {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
