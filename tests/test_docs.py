"""The project's documents live in the repository: the record contract is docs/records.md,
and nothing tracked sends a reader to a copy outside it."""

from __future__ import annotations

import json
import re
import subprocess

import yaml

from conftest import ROOT

CONTRACT = ROOT / "docs/records.md"
SCHEMA = ROOT / "schema" / "organization.schema.json"
# A mention of the contract's file name, with the path written before it.
CONTRACT_MENTION = re.compile(r"[\w./-]*records\.md")
# The design folder beside the repository; tests may still read the shared test data.
OUTSIDE = re.compile(r"shared[/\\]design|\.\./shared/(?!data/)|/work[/\\]shared")
# Left out when git is not there to list the tracked files (as .gitignore does).
UNTRACKED = {".git", ".venv", "node_modules", "output", "cache", "__pycache__", ".pytest_cache"}


def tracked_files():
    """The repository's files as git lists them, or its tree when this is not a checkout."""
    try:
        listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        paths = [ROOT / name for name in listing.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        paths = [p for p in ROOT.rglob("*") if not UNTRACKED & set(p.relative_to(ROOT).parts)]
    return [p for p in paths if p.is_file()]


def text_of(path):
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:  # images, fonts: they cite nothing
        return ""


def test_the_record_contract_is_in_the_repository():
    assert CONTRACT.is_file(), "the record contract belongs in docs/records.md"
    assert "docs/records.md" in json.loads(SCHEMA.read_text(encoding="utf-8"))["description"]


def test_nothing_tracked_cites_a_contract_outside_the_repository():
    wrong = []
    for path in tracked_files():
        for number, line in enumerate(text_of(path).splitlines(), 1):
            where = f"{path.relative_to(ROOT)}:{number}"
            wrong += [f"{where}: {m.group()}" for m in OUTSIDE.finditer(line)]
            # A mention is right if it leads to docs/records.md from the root or from its own folder.
            wrong += [
                f"{where}: {m.group()} (write docs/records.md)"
                for m in CONTRACT_MENTION.finditer(line)
                if CONTRACT.resolve() not in {(ROOT / m.group()).resolve(), (path.parent / m.group()).resolve()}
            ]
    assert not wrong, "\n".join(wrong)


def test_the_contract_example_has_the_schema_fields_in_order():
    # scripts/format_records.py orders fields as this example does, and says it is the schema's order.
    example = re.search(r"```yaml\n(.*?)```", CONTRACT.read_text(encoding="utf-8"), re.S).group(1)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert list(yaml.safe_load(example)) == list(schema["properties"])
