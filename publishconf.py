"""Publication settings: the development settings with the public address."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

# Relative URLs keep the site working from any folder and offline; set SITEURL for
# absolute hreflang links where the public address is known.
SITEURL = os.environ.get("REPERTOIRE_SITEURL", "")
RELATIVE_URLS = not SITEURL
DELETE_OUTPUT_DIRECTORY = False
