"""Write the field tables of pannet_edu/data/README.md and the "# Fields" blocks of the YAML files
from the declarations of the content kinds (pannet_edu/content/kinds.py).

    python tools/write_schema_docs.py           # rewrite every generated block
    python tools/write_schema_docs.py --check   # exit 1 if one is out of date

``tests/content/test_schema.py`` fails when a generated block and the declarations disagree.
"""

from __future__ import annotations

import sys

from pannet_edu.content import schema_docs


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = schema_docs.stale_docs()
        for name in stale:
            print(f"{name}: generated fields differ from pannet_edu/content/kinds.py; run "
                  "python tools/write_schema_docs.py", file=sys.stderr)
        return 1 if stale else 0
    changed = schema_docs.write_docs()
    print("rewritten: " + ", ".join(changed) if changed else "field docs already up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
