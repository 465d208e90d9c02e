"""Tests for commdesk.domain.initials."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commdesk.domain.initials import SURNAME_PINYIN, full_pinyin, initials, search_key


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
