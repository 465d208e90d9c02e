"""Regenerate the README's user-guide sections from resources/guide/{zh,en}/*.md.

python scripts/guide_readme.py          # rewrite README.md
python scripts/guide_readme.py --check  # exit 1 when README.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from commdesk.guide import update_readme

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = update_readme(text)
    if "--check" in sys.argv[1:]:
        if new != text:
            print("README.md user guide is out of date: run python scripts/guide_readme.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
