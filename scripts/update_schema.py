"""Write what the code declares into schema/organization.schema.json: the facts of
plugins/repertoire/fields.py and the text languages of records.LANGUAGES (repertoire/schema.py).

    scripts/update_schema

Run it after declaring a field or a language; tests/test_fields.py fails while the schema is behind.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from repertoire.records import SCHEMA_PATH  # noqa: E402
from repertoire.schema import declared_schema  # noqa: E402

WIDTH = 100  # an object or a list that fits on a line of this many characters stays on one


def schema_text(value, depth: int = 0) -> str:
    """JSON as the schema file is laid out: two spaces a level, short values on one line."""
    line = json.dumps(value, ensure_ascii=False)
    pad = "  " * depth
    if not isinstance(value, (dict, list)) or not value or len(pad) + len(line) <= WIDTH:
        return line
    if isinstance(value, dict):
        items = [f"{pad}  {json.dumps(k, ensure_ascii=False)}: {schema_text(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    return "[\n" + ",\n".join(f"{pad}  {schema_text(v, depth + 1)}" for v in value) + f"\n{pad}]"


def main() -> int:
    before = SCHEMA_PATH.read_text(encoding="utf-8")
    after = schema_text(declared_schema(json.loads(before))) + "\n"
    if after != before:
        SCHEMA_PATH.write_text(after, encoding="utf-8")
        print(
            f"updated {SCHEMA_PATH.relative_to(Path.cwd()) if SCHEMA_PATH.is_relative_to(Path.cwd()) else SCHEMA_PATH}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
