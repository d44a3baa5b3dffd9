"""The names of the download files (lists, open data), which pages, the printed directory and
the offline copy link to; how their zip files are written."""

import zipfile

FORMATS = ("csv", "xlsx")
HSDS_JSON = "hsds.json"
HSDS_ZIP = "hsds.zip"
# zlib's level for the zip files (the HSDS package, the Excel lists): level 3 rather than the
# default 6 is 2.4 times faster (1.7 s of a 10,000-record build a language, against 0.7 s) for
# files 8 to 15 % larger, which partners download once and phones never.
ZIP_LEVEL = 3
# A fixed date in the archives: the same data gives the same bytes (offline revisions, caches).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def export_name(kind: str, slug: str | None = None) -> str:
    """The file name (without extension) of a list: category-<slug>, region-<slug> or all."""
    return "all" if kind == "all" else f"{kind}-{slug}"


def zip_member(name: str) -> zipfile.ZipInfo:
    """A deflated member of a download's zip file, dated ZIP_DATE, compressed at ZIP_LEVEL (a
    ZipFile's own level only reaches the members it dates itself, with the time of the build)."""
    member = zipfile.ZipInfo(name, ZIP_DATE)
    member.compress_type = zipfile.ZIP_DEFLATED
    member._compresslevel = ZIP_LEVEL  # no public name before Python 3.13 (compress_level)
    return member
