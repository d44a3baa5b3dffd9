"""Statistics of needs: charts, tables and downloads from the CSV files of content/stats/."""

from pelican import signals

from . import templating
from .generator import StatsGenerator


def get_generators(pelican):
    """Add the statistics pages to the build."""
    return StatsGenerator


def prepare_environment(generator):
    """Give every generator's templates the number, month and chart helpers."""
    templating.install(generator.env)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
