"""Pinyin search keys for Chinese names.

Clerks find people by typing pinyin initials (zs for 张三). pypinyin reads a
name as an ordinary word, so polyphonic surnames come out wrong (曾 as ceng,
单 as dan); the first character(s) are therefore looked up in a surname
table before falling back to pypinyin.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Surname -> pinyin syllables (one per character). Compound surnames are
# matched before single ones.
SURNAME_PINYIN: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "欧阳": ("ou", "yang"),
    "令狐": ("ling", "hu"),
    "曾": ("zeng",),
    "单": ("shan",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "查": ("zha",),
    "朴": ("piao",),
    "乐": ("yue",),
    "覃": ("qin",),
    "盖": ("ge",),
    "缪": ("miao",),
    "翟": ("zhai",),
    "种": ("chong",),
    "员": ("yun",),
    "黑": ("hei",),
    "秘": ("bi",),
    "燕": ("yan",),
    "繁": ("po",),
    "召": ("shao",),
    "任": ("ren",),
    "华": ("hua",),
    "纪": ("ji",),
    "冼": ("xian",),
    "眭": ("sui",),
    "隗": ("wei",),
    "宿": ("su",),
    "卜": ("bu",),
    "薄": ("bo",),
    "尉": ("yu",),
    "柏": ("bai",),
}


def _is_han(char: str) -> bool:
    return char == "〇" or unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _split_surname(name: str, surname: bool) -> tuple[tuple[str, ...], str]:
    """Surname syllables from the table (if any) and the rest of the name."""
    text = unicodedata.normalize("NFKC", name).strip()
    if surname:
        for length in (2, 1):
            head = text[:length]
            if len(head) == length and head in SURNAME_PINYIN:
                return SURNAME_PINYIN[head], text[length:]
    return (), text


@lru_cache(maxsize=65536)
def _parts(text: str) -> tuple[tuple[bool, str], ...]:
    """One pypinyin pass: (from a Han character, lower-case ASCII reading) per chunk.

    Initials and full pinyin both derive from it, so a name costs one lookup
    (with pypinyin's phrase context intact): a Han syllable's initial is the
    first letter of its reading, while a non-Han run is kept whole in both.
    pypinyin yields one item per Han character and one per non-Han run, which
    is how the items are matched back to the text.
    """
    from pypinyin import Style, lazy_pinyin  # slow import: only when first needed

    out: list[tuple[bool, str]] = []
    pos = 0
    for reading in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        han = pos < len(text) and _is_han(text[pos])
        pos += 1 if han else max(len(reading), 1)
        if reading and _is_han(reading[0]):
            continue  # a rare character pypinyin has no reading for
        kept = "".join(c for c in reading.lower() if c.isascii() and c.isalnum())
        if kept:
            out.append((han, kept))
    return tuple(out)


@lru_cache(maxsize=65536)
def initials(name: str, *, surname: bool = True) -> str:
    """Lower-case pinyin initials, e.g. 张三 -> zs; non-Han letters and digits kept.

    ``surname=False`` skips the surname table, for labels that are not
    personal names (catalogue entries, facility names).
    """
    prefix, rest = _split_surname(name, surname)
    return "".join([s[0] for s in prefix] + [r[0] if han else r for han, r in _parts(rest)])


@lru_cache(maxsize=65536)
def full_pinyin(name: str, *, surname: bool = True) -> str:
    """Lower-case toneless pinyin without separators, e.g. 曾小明 -> zengxiaoming."""
    prefix, rest = _split_surname(name, surname)
    return "".join(list(prefix) + [r for _han, r in _parts(rest)])


def search_key(name: str, *, surname: bool = True) -> str:
    """Initials and full pinyin, stored in one column so either can be searched."""
    return f"{initials(name, surname=surname)} {full_pinyin(name, surname=surname)}"
