"""Build into a fresh folder and swap it into place only when the whole build succeeded.

A broken record stops the build before the swap, so the site that was there stays
untouched and nothing half-built is ever published. List this plugin last: the swap runs
on `finalized`, after every other plugin's finalized work.
"""

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)
PREFIX = ".building-"


def redirect_output(pelican):
    """Point the build at a new staging folder beside the real output folder."""
    output = Path(pelican.output_path).resolve()
    parent = output.parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f"{PREFIX}{output.name}-*"):  # left by a failed or an earlier build
        _remove_later(stale)
    staging = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{output.name}-", dir=parent))
    pelican.final_output_path = str(output)
    pelican.output_path = str(staging)
    pelican.settings["OUTPUT_PATH"] = str(staging)


def publish(pelican):
    """Replace the old output with the finished build in two renames."""
    final = getattr(pelican, "final_output_path", None)
    if not final:
        return
    final, staging = Path(final), Path(pelican.output_path)
    old = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{final.name}-old-", dir=final.parent))
    if final.exists():
        final.rename(old / final.name)
    staging.rename(final)
    os.chmod(final, 0o755)
    _remove_later(old)
    pelican.output_path = str(final)
    pelican.settings["OUTPUT_PATH"] = str(final)
    logger.info("Published the build to %s", final)


def _remove_later(folder: Path) -> None:
    """Delete the previous site without making the build wait: tens of thousands of files
    take a minute to delete on a slow disk, and the new site is already in place. Whatever
    is left (the machine stopped) is removed at the start of the next build."""
    if not folder.exists():
        return
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:  # no rm (Windows): delete it now
        shutil.rmtree(folder, ignore_errors=True)


def register():
    signals.initialized.connect(redirect_output)
    signals.finalized.connect(publish)
