"""The consolidating unit's name, and committees whose returns name another township.

The township's name comes from its roster (or ``--unit-name``). Without one, the
name most committees' returns give as 所属乡镇（街道） is used and the run says so; a
division code is never printed as if it were a name: with no name at all the
return reads 填报单位：（名称未设置）. Committees that name another township are
still consolidated (the code decides where a return belongs) but each is flagged,
naming the file and both names, so the clerk can check it was sent to the right place.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from commdesk.returns.form_text import UNNAMED


def shown_name(name: str) -> str:
    """The name as printed: never blank, never a code in disguise."""
    return name or UNNAMED


def reported_township(f: Any) -> str:
    """所属乡镇（街道） as the committee's return gives it ("" for other levels)."""
    return str(f.community.get("township_name") or "").strip()


def majority_township(pool: list[Any]) -> str:
    """The township name most returns give (ties: the first in sort order), or ""."""
    names = Counter(reported_township(f) for f in pool)
    names.pop("", None)
    if not names:
        return ""
    return min(names, key=lambda n: (-names[n], n))


def name_from_returns(pool: list[Any], notes: list[str]) -> str:
    """No name set for the unit: the returns' majority name, said plainly in ``notes``."""
    name = majority_township(pool)
    if name:
        notes.append(f"未设置汇总单位名称：名称“{name}”取自多数报表所填的所属乡镇（街道）。")
    else:
        notes.append(f"未设置汇总单位名称，报表中填报单位写作“{UNNAMED}”；请在名册中填写。")
    return name


def flag_other_townships(pool: list[Any], name: str, notes: list[str]) -> None:
    """Flag each committee return naming a township other than ``name``."""
    if not name:
        return
    others = [(f, reported_township(f)) for f in pool]
    others = [(f, theirs) for f, theirs in others if theirs and theirs != name]
    for f, theirs in others:
        f.notes.append(
            f"警告：报表所填所属乡镇（街道）为“{theirs}”，与汇总单位“{name}”不一致，"
            "请核实该报表是否报错单位。"
        )
    if others:
        listed = "；".join(f"{f.path.name}（{f.name}）填“{theirs}”" for f, theirs in others)
        notes.append(
            f"警告：{len(others)}份报表所填所属乡镇（街道）与汇总单位“{name}”不一致：{listed}。"
        )
