"""Pinyin search keys for Chinese names.

Clerks find people by typing pinyin initials (zs for 张三). pypinyin reads a
name as an ordinary word, so polyphonic surnames come out wrong (曾 as ceng,
单 as dan); the first character(s) are therefore looked up in a surname
table before falling back to pypinyin.

pypinyin's readings come from ``resources/pinyin/table.txt``, written from pypinyin
by scripts/make_pinyin_table.py: loading it costs a few hundredths of a second
where importing pypinyin costs a quarter of one. pypinyin itself is imported only
for a character the table lacks.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

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


@lru_cache(maxsize=8192)
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


def _parts(text: str) -> tuple[tuple[bool, str], ...]:
    """One pypinyin reading: (from a Han character, lower-case ASCII reading) per chunk.

    Initials and full pinyin both derive from it, so a name costs one lookup
    (with pypinyin's phrase context intact): a Han syllable's initial is the
    first letter of its reading, while a non-Han run is kept whole in both.
    pypinyin yields one item per Han character and one per non-Han run, which
    is how the items are matched back to the text.
    """
    out: list[tuple[bool, str]] = []
    pos = 0
    for reading in toneless_pinyin(text):
        han = pos < len(text) and _is_han(text[pos])
        pos += 1 if han else max(len(reading), 1)
        if reading and _is_han(reading[0]):
            continue  # a rare character pypinyin has no reading for
        kept = _ascii_alnum(reading)
        if kept:
            out.append((han, kept))
    return tuple(out)


@lru_cache(maxsize=4096)
def _ascii_alnum(reading: str) -> str:
    return "".join(c for c in reading.lower() if c.isascii() and c.isalnum())


def toneless_pinyin(text: str) -> list[str]:
    """Exactly ``pypinyin.lazy_pinyin(text)`` (toneless), from the shipped table.

    pypinyin splits text into runs of Han and other characters, keeps each other
    run as it is, cuts each Han run into words of its phrase dictionary (forward
    maximum matching) and reads every other character on its own. A Han run with
    no phrase of two or more characters in it is therefore read character by
    character; names are mostly phrase-free.
    """
    out: list[str] = []
    for run, han in _runs(text):
        if not han:
            out.append(run)
        elif not _has_phrase(run):
            for char in run:
                out.extend(_char_pinyin(char))
        else:
            phrases = _table().phrases
            for word in _words(run):
                if len(word) > 1:
                    out.extend(phrases[word].split("'"))
                else:
                    out.extend(_char_pinyin(word))
    return out


@dataclass(frozen=True)
class _Table:
    """pypinyin's data as scripts/make_pinyin_table.py wrote it."""

    hans: re.Pattern[str]  # pypinyin's RE_HANS: what it counts as Han
    chars: dict[str, str]  # character → its reading alone
    phrases: dict[str, str]  # phrase → its syllables joined by '
    sorted_phrases: list[str]
    pairs: frozenset[str]  # the phrases' first two characters


@lru_cache(maxsize=1)
def _table() -> _Table:
    from commdesk.paths import resources_dir

    lines = (resources_dir() / "pinyin" / "table.txt").read_text(encoding="utf-8").split("\n")
    phrases = lines[4].split(" ")
    return _Table(
        hans=re.compile(lines[1]),
        chars=dict(zip(lines[2], lines[3].split(" "), strict=True)),
        phrases=dict(zip(phrases, lines[5].split(" "), strict=True)),
        sorted_phrases=phrases,
        pairs=frozenset([phrase[:2] for phrase in phrases]),
    )


def _words(run: str) -> list[str]:
    """A Han run cut as pypinyin cuts it (pypinyin.seg.mmseg, phrases only): the longest
    phrase that starts the rest, as long as the rest's start is the start of some
    phrase, else one character."""
    table = _table()
    words: list[str] = []
    remain = run
    while remain:
        found = ""
        for index in range(len(remain)):
            word = remain[: index + 1]
            if not _starts_a_phrase(table.sorted_phrases, word):
                break
            if word in table.phrases:
                found = word
        else:
            if not found:
                words.extend(remain)
                break
        if found:
            words.append(found)
            remain = remain[len(found) :]
        else:
            words.append(remain[0])
            remain = remain[1:]
    return words


def _starts_a_phrase(phrases: list[str], text: str) -> bool:
    at = bisect_left(phrases, text)
    return at < len(phrases) and phrases[at].startswith(text)


def _pypinyin(text: str) -> list[str]:
    from pypinyin import Style  # slow import (its phrase dictionary): only when needed
    from pypinyin import lazy_pinyin as pypinyin_lazy

    return pypinyin_lazy(text, style=Style.NORMAL, errors="default")


@lru_cache(maxsize=16384)
def _char_pinyin(char: str) -> tuple[str, ...]:
    reading = _table().chars.get(char)
    return (reading,) if reading is not None else tuple(_pypinyin(char))


@lru_cache(maxsize=16384)
def _is_pypinyin_han(char: str) -> bool:
    """Whether pypinyin counts ``char`` as Han (its RE_HANS), which is how it splits runs."""
    return _table().hans.match(char) is not None


def _runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into maximal runs of pypinyin-Han and other characters."""
    runs: list[tuple[str, bool]] = []
    start = 0
    previous = False
    for index, char in enumerate(text):
        han = _is_pypinyin_han(char)
        if index and han != previous:
            runs.append((text[start:index], previous))
            start = index
        previous = han
    if text:
        runs.append((text[start:], previous))
    return runs


def _has_phrase(run: str) -> bool:
    """Whether some two or more consecutive characters of ``run`` are a pypinyin phrase.

    A phrase there starts with one of the phrases' first two characters: runs
    (most names) with none of those pairs are settled without the longer tests.
    """
    size = len(run)
    if size < 2:
        return False
    table = _table()
    pairs, phrases = table.pairs, table.phrases
    for start in range(size - 1):
        if run[start : start + 2] in pairs:
            for end in range(start + 2, size + 1):
                if run[start:end] in phrases:
                    return True
    return False


@lru_cache(maxsize=16384)
def _char_keys(char: str) -> tuple[str, str] | None:
    """What one Han character adds to (initials, full pinyin) when read on its own,
    or None when :func:`_parts` would not read it as one item (not Han by both tests,
    or several readings)."""
    if not (_is_han(char) and _is_pypinyin_han(char)):
        return None
    readings = _char_pinyin(char)
    if len(readings) != 1:
        return None
    parts = _parts(char)
    return "".join(r[0] for _han, r in parts), "".join(r for _han, r in parts)


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


@lru_cache(maxsize=65536)
def _keys(name: str, surname: bool) -> tuple[str, str]:
    """Initials and full pinyin of ``name`` from one reading of it."""
    prefix, rest = _split_surname(name, surname)
    chars = list(map(_char_keys, rest))
    if rest and None not in chars and not _has_phrase(rest):
        # A phrase-free Han name is read character by character (toneless_pinyin),
        # so its keys are its characters' keys joined: most names in a roster.
        first = "".join([s[0] for s in prefix]) if prefix else ""
        return (
            first + "".join(map(_FIRST, chars)),  # type: ignore[arg-type]
            "".join(prefix) + "".join(map(_SECOND, chars)),  # type: ignore[arg-type]
        )
    parts = _parts(rest)
    return (
        "".join([s[0] for s in prefix] + [r[0] if han else r for han, r in parts]),
        "".join([*prefix, *(r for _han, r in parts)]),
    )


def initials(name: str, *, surname: bool = True) -> str:
    """Lower-case pinyin initials, e.g. 张三 -> zs; non-Han letters and digits kept.

    ``surname=False`` skips the surname table, for labels that are not
    personal names (catalogue entries, facility names).
    """
    return _keys(name, surname)[0]


def full_pinyin(name: str, *, surname: bool = True) -> str:
    """Lower-case toneless pinyin without separators, e.g. 曾小明 -> zengxiaoming."""
    return _keys(name, surname)[1]


def search_key(name: str, *, surname: bool = True) -> str:
    """Initials and full pinyin, stored in one column so either can be searched."""
    return " ".join(_keys(name, surname))
