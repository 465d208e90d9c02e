"""Plan indicators' targets (表6): which plan's targets a period is measured against.

The targets are data (``resources/plans.toml``), each plan with the years it holds,
so the 15th five-year plan is added to the file, not to the code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Plan:
    id: str
    short: str
    name: str
    document: str
    from_year: int
    to_year: int
    targets: dict[str, str] = field(default_factory=dict)

    def heading(self) -> str:
        """The 表6 column heading: the plan and its years, e.g. “十四五”规划目标（2021—2025年）."""
        return f"{self.short}目标（{self.from_year}—{self.to_year}年）"


class PlanError(ValueError):
    """The plans file is malformed; the message names the problem."""


def load_plans(path: Path) -> tuple[Plan, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        plans = tuple(
            Plan(
                id=str(p["id"]),
                short=str(p["short"]),
                name=str(p["name"]),
                document=str(p.get("document", "")),
                from_year=int(p["from_year"]),
                to_year=int(p["to_year"]),
                targets={str(k): str(v) for k, v in p.get("targets", {}).items()},
            )
            for p in data.get("plans", [])
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise PlanError(f"{path.name}: {exc}") from exc
    for plan in plans:
        if plan.from_year > plan.to_year:
            raise PlanError(f"{path.name}: {plan.id} ends before it starts")
    return tuple(sorted(plans, key=lambda p: p.from_year))


def plan_for(plans: tuple[Plan, ...], year: int) -> Plan | None:
    """The plan in force in ``year``; after the last one has ended, that one (its
    heading names its years, so the return does not claim it is this year's); before
    the first, none."""
    current = [p for p in plans if p.from_year <= year <= p.to_year]
    if current:
        return current[-1]
    ended = [p for p in plans if p.to_year < year]
    return ended[-1] if ended else None


@lru_cache(maxsize=4)
def shipped_plans(path: Path) -> tuple[Plan, ...]:
    return load_plans(path)
