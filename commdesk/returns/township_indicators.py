"""Every committee's plan indicators in one table, and the township's own (汇总 page).

A committee's values are table 6 of its return as consolidated (the figures the
township summed); each is judged against the target the plan sets for the
committee's kind. The township's row is table 6 of the consolidated return, with
its urban and rural coverage shares; beside it, how many committees meet each
target, overall and for urban and rural committees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commdesk.domain.indicators import MET, NO_DATA, NO_TARGET, Target, judge, parse_target
from commdesk.domain.periods import Period
from commdesk.domain.plans import Plan, plan_for, shipped_plans
from commdesk.returns.consolidate_model import Consolidation
from commdesk.returns.indicators import INDICATOR_TABLE, VALUE_COLUMN

_REF = re.compile(r"\[([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\]")
_DENOMINATOR = re.compile(r"ratio\(.*,\s*(\[[^\]]+\])\s*\)")
# The township rows judged for one kind of committee only (601U: urban, 601R: rural).
KIND_OF_SUFFIX = {"U": "urban", "R": "village"}


@dataclass(frozen=True)
class IndicatorColumn:
    code: str
    label: str
    unit: str
    decimals: int
    flag: bool  # 有=1/无=0
    target_text: str


@dataclass(frozen=True)
class Cell:
    value: float | None
    state: str
    target: Target | None


@dataclass(frozen=True)
class CommitteeRow:
    name: str
    code: str
    kind: str  # urban / village
    cells: tuple[Cell, ...]  # one per IndicatorColumn


@dataclass(frozen=True)
class TownshipRow:
    """One row of the township's table 6 (shares in % for the coverage rows)."""

    code: str
    label: str
    unit: str
    decimals: int
    value: float | None
    target_text: str
    state: str


@dataclass(frozen=True)
class MetShare:
    """Committees meeting one indicator's target: met / judged, overall, urban, rural."""

    code: str
    met: dict[str, int]  # "all" / "urban" / "village" → committees meeting the target
    judged: dict[str, int]  # … committees with a target and data


@dataclass(frozen=True)
class TownshipIndicators:
    period: Period
    unit_name: str
    plan: Plan | None
    columns: tuple[IndicatorColumn, ...]
    committees: tuple[CommitteeRow, ...]
    township: tuple[TownshipRow, ...]
    shares: tuple[MetShare, ...]

    def share_percent(self, code: str, group: str) -> float | None:
        share = next(s for s in self.shares if s.code == code)
        judged = share.judged[group]
        return round(share.met[group] * 100 / judged, 1) if judged else None


def _denominators(expr: str) -> tuple[tuple[str, str, str], ...]:
    """The cells of the expression's ``ratio(…)`` denominators (read once per indicator,
    not once per committee: 500 committees made this the view's main cost)."""
    out = []
    for m in _DENOMINATOR.finditer(expr):
        ref = _REF.fullmatch(m.group(1))
        if ref is not None:
            out.append((ref.group(1), ref.group(2), ref.group(3)))
    return tuple(out)


def _missing(
    denominators: tuple[tuple[str, str, str], ...], value_of: Callable[[str, str, str], Any]
) -> bool:
    """A denominator of the expression is empty or zero: the indicator has no data."""
    return any(not value_of(*ref) for ref in denominators)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def township_indicators(cons: Consolidation) -> TownshipIndicators:
    from commdesk.paths import resources_dir

    if cons.result is None:
        raise ValueError("nothing was consolidated")
    plan = plan_for(shipped_plans(resources_dir() / "plans.toml"), cons.period.year)
    targets = dict(plan.targets) if plan else {}
    t6 = cons.result.table(INDICATOR_TABLE)
    committee_rows = [r for r in t6.rows if r.code[-1:] not in KIND_OF_SUFFIX]
    # A committee's 有=1/无=0 rows, as its own return defines them (the township's are %).
    flags = {
        str(spec.get("code")): spec.get("consolidate") == "share"
        for spec in cons.definition.table(INDICATOR_TABLE).row_specs
    }
    columns = tuple(
        IndicatorColumn(
            code=r.code,
            label=r.label,
            unit=r.unit,
            decimals=0 if flags.get(r.code) else t6.decimals(r, t6.table.columns[0]),
            flag=bool(flags.get(r.code)),
            target_text=targets.get(r.code, ""),
        )
        for r in committee_rows
    )
    denominators = {r.code: _denominators(r.expr or "") for r in committee_rows}
    committees: list[CommitteeRow] = []
    parsed: dict[tuple[str, str], Target | None] = {}
    for f in cons.included:
        values = f.values or {}

        def value_of(table: str, row: str, column: str, values: Any = values) -> Any:
            return values.get(table, {}).get(row, {}).get(column)

        cells = []
        for col in columns:
            raw = _number(value_of(INDICATOR_TABLE, col.code, VALUE_COLUMN))
            if _missing(denominators[col.code], value_of):
                raw = None
            key = (col.target_text, f.kind)
            if key not in parsed:
                parsed[key] = parse_target(col.target_text, f.kind)
            target = parsed[key]
            state = NO_DATA if raw is None else judge(raw, target, flag=col.flag)
            cells.append(Cell(raw, state, target))
        committees.append(CommitteeRow(f.name, f.code, f.kind, tuple(cells)))
    township = []
    for r in t6.rows:
        raw = _number(t6.values[r.code].get(VALUE_COLUMN))
        kind = KIND_OF_SUFFIX.get(r.code[-1:], "")
        target_text = targets.get(r.code, "")
        target = parse_target(target_text, kind)
        share = r.consolidate == "share" or r.code[-1:] in KIND_OF_SUFFIX
        state = NO_DATA if raw is None else judge(raw, target, flag=False, share=share)
        township.append(
            TownshipRow(
                r.code,
                r.label,
                "%" if share else r.unit,
                1 if share else t6.decimals(r, t6.table.columns[0]),
                raw,
                target_text,
                state,
            )
        )
    shares = []
    for i, col in enumerate(columns):
        met = dict.fromkeys(("all", "urban", "village"), 0)
        judged = dict(met)
        for c in committees:
            cell = c.cells[i]
            if cell.state in (NO_DATA, NO_TARGET):
                continue
            for group in ("all", c.kind):
                if group in judged:
                    judged[group] += 1
                    met[group] += cell.state == MET
        shares.append(MetShare(col.code, met, judged))
    return TownshipIndicators(
        cons.period,
        cons.unit_name,
        plan,
        columns,
        tuple(committees),
        tuple(township),
        tuple(shares),
    )
