"""How fast records are read (#14): scripts/validate and the build's load_directory on N
generated records and on the same records made realistic, and scripts/import_hsds on 1,000.

Usage: .venv/bin/python scripts/bench_records.py [N] (default 10,000). Prints, for each set
of records, its size, the wall and CPU seconds of scripts/validate (the whole command, as a
contributor or CI runs it: on the folder, and on its files named one by one) against the
budget of 10 s, and of the build's load_directory
(in this process and its workers); then the seconds of scripts/import_hsds on 1,000 records
(French and English HSDS 3.0 JSON, as the site exports them), against its budget of 10 s.
The CPU seconds say what the wall seconds mean on a machine that other work also loads.

"Realistic" records: scripts/generate_records.py writes one-sentence descriptions; the
records of a real directory describe an organization in a few paragraphs (~1,500
characters a language) and each service in a few sentences. realistic_copy() lengthens
the generated records that way (deterministically), in the canonical layout scripts/format
writes, long texts as `|-` blocks.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "scripts")]

from bench_exports import IMPORT_BUDGET, IMPORT_RECORDS, import_packages  # noqa: E402
from generate_records import GENERIC_SENTENCES, HEADER  # noqa: E402

VALIDATE_BUDGET = 10.0
# What the generated records lack: sentences a real description is made of.
SENTENCES = GENERIC_SENTENCES + [
    (
        "Les services sont offerts en français et en anglais, et d'autres langues sur demande.",
        "Services are offered in French and English, and other languages on request.",
    ),
    (
        "Il n'est pas nécessaire d'être référé par un professionnel pour obtenir de l'aide.",
        "You do not need a referral from a professional to get help.",
    ),
    (
        "Apportez une pièce d'identité et, si possible, une preuve d'adresse récente.",
        "Bring identification and, if possible, a recent proof of address.",
    ),
    (
        "Pendant les vacances de la construction, l'horaire peut être réduit : téléphonez avant de vous déplacer.",
        "During the construction holiday, hours may be shorter: call before you come.",
    ),
    (
        "L'équipe est formée d'intervenantes, de bénévoles et d'une travailleuse sociale.",
        "The team is made up of support workers, volunteers and a social worker.",
    ),
    (
        "Les locaux sont situés près d'un arrêt d'autobus et d'un stationnement gratuit.",
        "The premises are near a bus stop and free parking.",
    ),
    (
        "Une halte-garderie accueille les enfants pendant les ateliers.",
        "A drop-in daycare looks after children during workshops.",
    ),
    (
        "Les renseignements personnels sont protégés et ne sont jamais transmis sans votre accord.",
        "Personal information is protected and never shared without your consent.",
    ),
    (
        "L'organisme est financé par le Programme de soutien aux organismes communautaires (PSOC).",
        "The organization is funded by the Community Organizations Support Program (PSOC).",
    ),
    (
        "En dehors des heures d'ouverture, composez le 211 ou, en cas d'urgence, le 911.",
        "Outside opening hours, dial 211 or, in an emergency, 911.",
    ),
]


def realistic_copy(source: Path, target: Path) -> Path:
    """The records of `source`, lengthened as a real directory's are, written into `target`."""
    from repertoire.records import record_paths
    from repertoire.recordtext import record_text
    from repertoire.yamlfile import loads, read_text

    target.mkdir(parents=True, exist_ok=True)
    header = HEADER.rstrip("\n")
    for path in record_paths(source):
        data, _ = loads(read_text(path, 2**20))
        rng = random.Random(data["id"])
        data["description"] = _longer(data["description"], rng, 1500, paragraphs=3)
        for service in data.get("services", []):
            if "description" in service:
                service["description"] = _longer(service["description"], rng, 450, paragraphs=2)
            if "eligibility" in service:
                service["eligibility"] = _longer(service["eligibility"], rng, 200, paragraphs=1)
        (target / path.name).write_text(record_text(data, header), encoding="utf-8")
    return target


def _longer(text, rng: random.Random, length: int, paragraphs: int) -> dict:
    """A bilingual text grown to about `length` characters a language, in paragraphs."""
    texts = {"fr": text, "en": text} if isinstance(text, str) else dict(text)
    chosen = rng.sample(range(len(SENTENCES)), len(SENTENCES))
    grown = {lang: [value] for lang, value in texts.items()}
    while max(len(" ".join(parts)) for parts in grown.values()) < length and chosen:
        sentence = SENTENCES[chosen.pop()]
        for lang, parts in grown.items():
            parts.append(sentence[0] if lang == "fr" else sentence[1])
    out = {}
    for lang, parts in grown.items():
        size = max(1, -(-len(parts) // paragraphs))
        out[lang] = "\n\n".join(" ".join(parts[i : i + size]) for i in range(0, len(parts), size))
    return out


def run_timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the command and its workers) of a command that must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)  # the child and the workers it waited for
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{output.decode('utf-8', 'replace')[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def load_timed(content: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the build's load_directory (this process and its workers)."""
    from repertoire.records import load_directory, record_paths
    from repertoire.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(content)
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    load_directory(record_paths(content / "organizations"), taxonomy)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before))
    return wall, cpu


def content_folder(work: Path, name: str) -> Path:
    content = work / name
    content.mkdir(parents=True)
    for file in ("categories.yaml", "territories.yaml"):
        shutil.copy(ROOT / "content" / file, content / file)
    return content


def measure(work: Path, n: int, generated: Path | None = None) -> dict:
    """Every figure of this benchmark: {(set, what): (wall, cpu)}, and the sets' sizes.
    `generated`: a content folder with the N generated records already (else they are made)."""
    if generated is None:
        generated = content_folder(work, "generated")
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "generate_records.py"), str(n), str(generated / "organizations")],
            check=True,
            capture_output=True,
        )
    realistic = content_folder(work, "realistic")
    realistic_copy(generated / "organizations", realistic / "organizations")
    figures = {}
    for name, content in (("generated", generated), ("realistic", realistic)):
        files = list((content / "organizations").glob("*.yaml"))
        figures[(name, "size")] = (len(files), sum(f.stat().st_size for f in files))
        figures[(name, "validate")] = run_timed(
            [sys.executable, str(ROOT / "scripts" / "validate.py"), "--content", str(content)]
        )
        # The files named one by one, as CI and `scripts/validate content/organizations/*.yaml` do.
        figures[(name, "validate files")] = run_timed(
            [sys.executable, str(ROOT / "scripts" / "validate.py"), "--content", str(content), *map(str, sorted(files))]
        )
        figures[(name, "load_directory")] = load_timed(content)
    packages = import_packages(work, IMPORT_RECORDS)
    figures[("import", "import")] = run_timed(
        [
            sys.executable,
            str(ROOT / "scripts" / "import_hsds.py"),
            *map(str, packages),
            "--into",
            str(work / "imported"),
        ]
    )
    return figures


def report(figures: dict, n: int) -> None:
    print(
        f"Reading records: {n:,} generated records, this machine ({os.cpu_count()} cores, load "
        f"{os.getloadavg()[0]:.1f})\n"
    )
    print(f"{'':<44}{'wall s':>8}{'CPU s':>8}  budget")
    for name in ("generated", "realistic"):
        count, size = figures[(name, "size")]
        print(f"{name} records ({count:,} files, {size / 2**20:.0f} MiB, {size / count / 1024:.1f} KiB each)")
        for what, label in (("validate", "  scripts/validate"), ("validate files", "  scripts/validate FILES...")):
            wall, cpu = figures[(name, what)]
            print(
                f"{label:<44}{wall:>8.1f}{cpu:>8.1f}  <= {VALIDATE_BUDGET:.0f} s "
                f"{'met' if wall <= VALIDATE_BUDGET else 'MISSED'}"
            )
        wall, cpu = figures[(name, "load_directory")]
        print(f"{'  the build: load_directory':<44}{wall:>8.1f}{cpu:>8.1f}")
    wall, cpu = figures[("import", "import")]
    print(
        f"{f'scripts/import_hsds, {IMPORT_RECORDS:,} records (fr + en JSON)':<44}{wall:>8.1f}{cpu:>8.1f}  "
        f"<= {IMPORT_BUDGET:.0f} s {'met' if wall <= IMPORT_BUDGET else 'MISSED'}"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="bench-records-") as folder:
        report(measure(Path(folder), n), n)


if __name__ == "__main__":
    main()
