"""The names of the download files (lists, open data), which pages, the printed directory and
the offline copy link to."""

FORMATS = ("csv", "xlsx")
HSDS_JSON = "hsds.json"
HSDS_ZIP = "hsds.zip"


def export_name(kind: str, slug: str | None = None) -> str:
    """The file name (without extension) of a list: category-<slug>, region-<slug> or all."""
    return "all" if kind == "all" else f"{kind}-{slug}"
