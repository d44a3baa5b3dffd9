"""Répertoire's record model, a library: records read and checked, the taxonomy and the
territory's conventions, hours, phones, folding and ids, the whole directory, how its fields
read in lists, HSDS and the browser's compact record, and the build's reuse of earlier work.

No Pelican, Jinja or plugin here (tests/test_layers.py): the plugins (plugins/<name>/) are
thin adapters that turn it into pages and files, and scripts/ use it directly."""
