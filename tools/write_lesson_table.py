"""Write the README's lesson table from the lesson manifest (``pannet_edu/data/lessons.yaml``).

    python tools/write_lesson_table.py           # rewrite the table between its markers
    python tools/write_lesson_table.py --check   # exit 1 if the README is out of date

``tests/content/test_manifest.py`` fails when the README table and the manifest disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pannet_edu.content import manifest

README = Path(__file__).resolve().parents[1] / "README.md"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        current = README.read_text(encoding="utf-8")
        if manifest.with_readme_table(current, manifest.readme_table()) != current:
            print("README.md: the lesson table differs from lessons.yaml; run "
                  "python tools/write_lesson_table.py", file=sys.stderr)
            return 1
        return 0
    changed = manifest.write_readme_table(README)
    print("README.md lesson table " + ("rewritten" if changed else "already up to date"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
