"""The languages a record's texts are written in, and the site's (pelicanconf.py reads this
list), the default first: the language a text falls back to. The schema's follow
(scripts/update_schema). No import here: the settings file reads it."""

LANGUAGES = ("fr", "en")
