"""Downloads: the organizations of every category, every region and the whole directory,
as CSV and Excel, and the whole directory as Open Referral HSDS 3.0 (JSON and CSV tables),
in each language.

Only names and hooks here: the generator (generator.py) and Pelican are imported when a
build asks for them, so that the contributor tools (scripts/import_hsds reads hsds_import)
start without them."""

from repertoire.downloads import FORMATS, HSDS_JSON, HSDS_ZIP, export_name  # noqa: F401 (the plugin's names)


def prepare_environment(generator):
    """Give the templates the addresses of the downloads."""
    from .generator import export_url, hsds_url

    generator.env.globals["export_url"] = export_url
    generator.env.globals["hsds_url"] = hsds_url


def get_generators(pelican):
    """Add the downloads to the build."""
    from .generator import ExportsGenerator

    return ExportsGenerator


def register():
    from pelican import signals

    from repertoire.processes import preload_in_fresh_processes

    preload_in_fresh_processes("exports.generator")  # each language's downloads are made in a new process
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
