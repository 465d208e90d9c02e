"""Catalogues: released codes are stable, labels bilingual, matching forgiving."""

from __future__ import annotations

from pathlib import Path

import pytest

from commdesk.domain import i18n
from commdesk.domain.catalogues import KINDS, CatalogueError, Item, load_file, released

# Codes once released may never change: this list pins them.
RELEASED_CATEGORY_CODES = [
    "WM01",
    "WM02",
    "WM03",
    "WM04",
    "WM05",
    "WM06",
    "WM07",
    "WM08",
    "WM09",
    "WM10",
    "BM01",
    "BM02",
    "BM03",
    "BM04",
    "AM01",
    "AM02",
    "AM03",
    "ZY01",
    "ZY02",
]


def test_every_kind_loads_with_unique_codes_and_both_labels() -> None:
    cats = released()
    for kind in KINDS:
        items = list(cats[kind])
        assert items, kind
        assert len({i.code for i in items}) == len(items)
        assert all(i.zh and i.en for i in items)


def test_released_category_codes_are_stable() -> None:
    assert released()["service_category"].codes()[: len(RELEASED_CATEGORY_CODES)] == (
        RELEASED_CATEGORY_CODES
    )
    groups = {i.code: i.group for i in released()["service_category"]}
    assert groups["WM01"] == "WM" and groups["BM01"] == "BM" and groups["AM03"] == "AM"
    assert groups["ZY01"] == "ZY"


@pytest.mark.parametrize(
    ("kind", "text", "code"),
    [
        ("service_category", "养老服务", "WM01"),
        ("service_category", " 养老 ", "WM01"),  # synonym, spaces
        ("service_category", "ylfw", "WM01"),  # pinyin initials
        ("service_category", "WM01", "WM01"),
        ("target_group", "老人", "ELD"),
        ("target_group", "lnr", "ELD"),
        ("facility_type", "党群服务中心", "F01"),
        ("facility_type", "综合服务设施／党群服务中心", "F01"),  # full-width slash
        ("education", "大学本科", "BA"),
        ("community_kind", "居委会", "urban"),
        ("channel", "Home visit", "HOME"),
    ],
)
def test_match_by_label_synonym_initials(kind: str, text: str, code: str) -> None:
    assert [i.code for i in released()[kind].match(text)] == [code]


def test_match_unknown_and_empty() -> None:
    cat = released()["service_category"]
    assert cat.match("不存在的类别") == []
    assert cat.match("") == []
    assert cat.match(None) == []


def test_labels_follow_language() -> None:
    cat = released()["target_group"]
    try:
        i18n.install(None, "en")
        assert cat.label("ELD") == "Elderly"
        i18n.install(None, "zh_CN")
        assert cat.label("ELD") == "老年人"
        assert cat.label("NOPE") == "NOPE"
    finally:
        i18n.install(None, "zh_CN")


def test_local_additions_extend_without_touching_released_codes() -> None:
    cats = released()
    extended = cats.with_local([("service_category", Item("X01", "移风易俗", "Customs", "WM"))])
    assert extended["service_category"].codes()[:-1] == cats["service_category"].codes()
    assert extended["service_category"].match("移风易俗")[0].code == "X01"
    with pytest.raises(CatalogueError):
        cats.with_local([("service_category", Item("WM01", "冲突", "Clash", "WM"))])
    with pytest.raises(CatalogueError):
        cats.with_local([("nonsense", Item("X01", "x", "x"))])


def test_bad_catalogue_file_is_reported(tmp_path: Path) -> None:
    from commdesk.paths import resources_dir

    text = (resources_dir() / "catalogues.toml").read_text(encoding="utf-8")
    dup = tmp_path / "dup.toml"
    dup.write_text(text.replace('code = "WM02"', 'code = "WM01"'), encoding="utf-8")
    with pytest.raises(CatalogueError, match="WM01"):
        load_file(dup)
    missing = tmp_path / "missing.toml"
    missing.write_text(text.split("[channel]")[0], encoding="utf-8")
    with pytest.raises(CatalogueError, match="channel"):
        load_file(missing)
