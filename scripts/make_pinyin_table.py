"""Write resources/pinyin/table.txt: pypinyin's toneless readings, loaded in milliseconds.

    python scripts/make_pinyin_table.py [OUT]

Importing pypinyin costs about 0.25 s of CPU (its phrase dictionary); search keys
only need each character's reading, the phrase list and each phrase's reading,
which this script asks pypinyin for, one character or phrase at a time, exactly as
``lazy_pinyin(text, style=Style.NORMAL)`` reads it. tests/domain/test_initials.py
checks that the shipped table equals what the installed pypinyin gives.

Lines: a comment with pypinyin's version; the pattern pypinyin splits Han runs
by; the characters; their readings (space-separated); the phrases
(space-separated); their readings (space-separated, syllables joined by ').
"""

from __future__ import annotations

import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "resources" / "pinyin" / "table.txt"


def build() -> str:
    import pypinyin
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    def read(text: str) -> list[str]:
        return lazy_pinyin(text, style=Style.NORMAL, errors="default")

    chars = sorted(c for c in map(chr, PINYIN_DICT) if RE_HANS.match(c))
    char_readings = [read(c) for c in chars]
    assert all(len(r) == 1 and r[0] and " " not in r[0] for r in char_readings)
    phrases = sorted(PHRASES_DICT)
    phrase_readings = [read(p) for p in phrases]
    for phrase, readings in zip(phrases, phrase_readings, strict=True):
        assert RE_HANS.match(phrase) and " " not in phrase, phrase
        assert len(readings) == len(phrase), phrase
        assert all(r and " " not in r and "'" not in r for r in readings), phrase
    assert "\n" not in RE_HANS.pattern
    return "\n".join(
        [
            f"# pypinyin {pypinyin.__version__}: written by scripts/make_pinyin_table.py",
            RE_HANS.pattern,
            "".join(chars),
            " ".join(r[0] for r in char_readings),
            " ".join(phrases),
            " ".join("'".join(r) for r in phrase_readings),
            "",
        ]
    )


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build(), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
