"""Tests for commdesk.domain.initials."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commdesk.domain import initials as initials_module
from commdesk.domain.initials import (
    SURNAME_PINYIN,
    _parts,
    _runs,
    _split_surname,
    _words,
    full_pinyin,
    initials,
    search_key,
    toneless_pinyin,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("张三", "zs"),
        ("欧阳旭", "oyx"),
        ("曾小明", "zxm"),
        ("单田芳", "stf"),
        ("解晓东", "xxd"),
        ("仇英", "qy"),
        ("区家豪", "ojh"),
        ("查良镛", "zly"),
        ("朴槿惠", "pjh"),
        ("乐嘉", "yj"),
        ("尉迟恭", "ycg"),
        ("尉缭", "yl"),
        ("万俟卨", "mqx"),
        ("长孙无忌", "zswj"),
        ("令狐冲", "lhc"),
        ("覃美", "qm"),
        ("隗嚣", "wx"),
        ("召忽", "sh"),
        ("翟天临", "ztl"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("曾小明", "zengxiaoming"),
        ("单田芳", "shantianfang"),
        ("解晓东", "xiexiaodong"),
        ("仇英", "qiuying"),
        ("区家豪", "oujiahao"),
        ("查良镛", "zhaliangyong"),
        ("欧阳旭", "ouyangxu"),
        ("尉迟恭", "yuchigong"),
        ("万俟卨", "moqixie"),
        ("长孙无忌", "zhangsunwuji"),
        ("张三", "zhangsan"),
    ],
)
def test_full_pinyin(name: str, expected: str) -> None:
    assert full_pinyin(name) == expected


def test_surname_override_only_applies_to_first_character() -> None:
    # 曾 in the given name keeps pypinyin's reading; only the surname is overridden.
    assert initials("曾曾") == "zc"
    assert full_pinyin("李单") == "lidan"


def test_surname_table_can_be_skipped_for_non_names() -> None:
    assert initials("区政府", surname=False) == "qzf"
    assert initials("区政府") == "ozf"


def test_non_han_characters() -> None:
    assert initials("李A3明") == "la3m"
    assert initials("王·小二") == "wxe"
    assert initials("  张三  ") == "zs"
    assert initials("ＡＢ张") == "abz"
    assert initials("Tom") == "tom"
    assert initials("买买提·艾力") == "mmtal"
    assert full_pinyin("女娲") == "nvwa"
    assert initials("") == ""
    assert full_pinyin("!!!") == ""


def test_search_key() -> None:
    assert search_key("曾小明") == "zxm zengxiaoming"
    assert search_key("张三") == "zs zhangsan"


def test_surname_table_is_consistent() -> None:
    for surname, syllables in SURNAME_PINYIN.items():
        assert len(surname) == len(syllables)
        assert all(s.isascii() and s.isalpha() and s.islower() for s in syllables)


@given(st.text(max_size=12))
def test_keys_are_ascii_lowercase_alnum(name: str) -> None:
    for key in (initials(name), full_pinyin(name)):
        assert key == key.lower()
        assert all(c.isascii() and c.isalnum() for c in key)
    assert len(initials(name)) <= len(full_pinyin(name))


# --- toneless_pinyin: pypinyin's reading without pypinyin's per-call cost ----------

# Surnames, given-name characters, polyphones whose reading depends on the phrase they
# are in (重庆 chong, 长江 chang, 银行 hang), letters, digits, separators, 〇 and rare
# characters from the extension blocks.
NAME_CHARS = (
    "王李张刘陈杨曾单解区查朴乐尉迟长孙欧阳令狐万俟伟芳秀英建国志红明"
    "重庆江银行大桥长沙都会行长朝阳乐山和平"
    "AbZ09 ·.-_（）〇\u3007\u3400\U00020000\U0002a700ＡＢ１"
)


@given(st.text(alphabet=NAME_CHARS, max_size=8))
def test_toneless_pinyin_is_pypinyins_reading(text: str) -> None:
    from pypinyin import Style, lazy_pinyin

    assert toneless_pinyin(text) == lazy_pinyin(text, style=Style.NORMAL, errors="default")


@given(st.text(max_size=6))
def test_toneless_pinyin_of_any_text(text: str) -> None:
    from pypinyin import Style, lazy_pinyin

    assert toneless_pinyin(text) == lazy_pinyin(text, style=Style.NORMAL, errors="default")


def test_phrases_keep_their_reading_inside_a_name() -> None:
    # Read alone, 重 is zhong and 长 is zhang; in 重庆 and 长江 they are chong and chang.
    assert toneless_pinyin("重") == ["zhong"]
    assert full_pinyin("王重庆") == "wangchongqing"
    assert initials("李长江") == "lcj"
    assert search_key("张行长") == "zhz zhanghangzhang"


# --- the shipped table (resources/pinyin/table.txt) against pypinyin itself -------------


def test_shipped_table_is_what_the_installed_pypinyin_gives() -> None:
    """Regenerate with scripts/make_pinyin_table.py when pypinyin is upgraded."""
    import importlib.util

    from commdesk.paths import resources_dir

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_pinyin_table.py"
    spec = importlib.util.spec_from_file_location("make_pinyin_table", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (resources_dir() / "pinyin" / "table.txt").read_text(encoding="utf-8")
    assert shipped == module.build()


def _phrase_list() -> list[str]:
    from pypinyin.constants import PHRASES_DICT

    return sorted(PHRASES_DICT)


PHRASES = _phrase_list()
# Pieces of pypinyin phrases (whole, cut short, or their tails) run together with name
# characters and polyphonic surnames: runs where phrases overlap, so that the forward
# maximum matching must choose as pypinyin chooses.
pieces = st.one_of(
    st.builds(
        lambda i, a, b: PHRASES[i][a : b or None],
        st.integers(0, len(PHRASES) - 1),
        st.integers(0, 2),
        st.integers(-2, 4),
    ),
    st.text(alphabet=NAME_CHARS + "单曾解仇朴区查和平社区志愿服务队", min_size=1, max_size=3),
)
phrase_runs = st.lists(pieces, min_size=1, max_size=5).map("".join)


@given(phrase_runs)
@settings(max_examples=1500, deadline=None)
def test_phrase_heavy_text_is_read_as_pypinyin_reads_it(text: str) -> None:
    from pypinyin import Style, lazy_pinyin

    assert toneless_pinyin(text) == lazy_pinyin(text, style=Style.NORMAL, errors="default")


@given(
    st.one_of(
        phrase_runs.filter(lambda text: all(han for _run, han in _runs(text))),
        st.text(alphabet="重庆长江银行大桥长沙都会行长朝阳乐山和平中华人民共和国", max_size=12),
    )
)
@settings(max_examples=1000, deadline=None)
def test_han_runs_are_cut_as_pypinyin_cuts_them(run: str) -> None:
    from pypinyin.seg import mmseg

    assert _words(run) == list(mmseg.seg.cut(run))


def _reference_keys(name: str) -> tuple[str, str]:
    """The keys as before the table: the surname table, then pypinyin's own reading
    (the slow path of _keys, with lazy_pinyin in place of toneless_pinyin)."""
    from pypinyin import Style, lazy_pinyin

    prefix, rest = _split_surname(name, True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(
            initials_module,
            "toneless_pinyin",
            lambda text: lazy_pinyin(text, style=Style.NORMAL, errors="default"),
        )
        parts = _parts(rest)
    return (
        "".join([s[0] for s in prefix] + [r[0] if han else r for han, r in parts]),
        "".join([*prefix, *(r for _han, r in parts)]),
    )


SURNAMES = "单曾解仇朴区查乐覃王李张刘欧阳尉迟长孙万俟令狐"
GIVEN = "建国志强红梅海波晓东明华秀英子轩和平长江重庆银行小二·AＢ3"
names = st.builds(
    lambda surname, given: surname + given,
    st.sampled_from([*SURNAMES, "欧阳", "尉迟", "长孙", "万俟", "令狐"]),
    st.text(alphabet=GIVEN, min_size=0, max_size=4),
)


@given(st.one_of(names, phrase_runs))
@settings(max_examples=1500, deadline=None)
def test_search_keys_are_the_same_as_from_pypinyin(name: str) -> None:
    assert (initials(name), full_pinyin(name)) == _reference_keys(name)
    assert search_key(name) == " ".join(_reference_keys(name))
