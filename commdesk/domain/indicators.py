"""Judging a plan indicator against its target (达标 / 未达标 / 无数据).

The targets are the plan's own words (resources/plans.toml), e.g.
``城市100%／农村≥80%``, ``≥30``, ``城市80%`` or ``18``: one part per kind of
community, each a lower bound. A part without a kind holds for both; a kind the
text does not name has no target (the plan sets none for it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MET = "met"  # 达标
NOT_MET = "not_met"  # 未达标
NO_DATA = "no_data"  # 无数据: what the value needs is not entered
NO_TARGET = "no_target"  # the plan sets no target for this kind of community

# The words a target part may start with, by community kind (profile ``kind``).
KIND_WORDS = {"urban": ("城市", "城镇"), "village": ("农村", "乡村")}
_PART = re.compile(
    r"^\s*(城市|城镇|农村|乡村)?\s*(≥|>=|不低于|达到)?\s*([0-9]+(?:\.[0-9]+)?)\s*(%?)"
)


@dataclass(frozen=True)
class Target:
    """At least ``value`` (in percent when ``percent``)."""

    value: float
    percent: bool


def parse_target(text: str | None, kind: str) -> Target | None:
    """The bound ``text`` sets for a community of ``kind`` (urban / village), if any."""
    if not text:
        return None
    general: Target | None = None
    for part in re.split(r"[／/;；,，]", text):
        m = _PART.match(part)
        if m is None:
            continue
        word, _, number, percent = m.groups()
        target = Target(float(number), bool(percent))
        if word is None:
            general = target
        elif word in KIND_WORDS.get(kind, ()):
            return target
    return general


def judge(value: float | None, target: Target | None, *, flag: bool, share: bool = False) -> str:
    """The state of ``value`` against ``target``.

    A flag (有=1/无=0) of one community meets a share target when it is 1: the
    community counts towards the share. A township's share is already in percent.
    """
    if value is None:
        return NO_DATA
    if target is None:
        return NO_TARGET
    measured = value * 100 if flag and target.percent and not share else value
    return MET if measured >= target.value - 1e-9 else NOT_MET
