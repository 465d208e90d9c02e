"""Tests for commdesk.domain.initials."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commdesk.domain.initials import (
    SURNAME_PINYIN,
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
