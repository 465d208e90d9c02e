"""The plan indicators of one committee as of a period's end — table 6 of the return.

The values are table 6's cells, computed by the return's own engine from the
same facts (never a second formula). What an indicator is missing and which
ledger rows stand behind it are read off its expression: the denominators of
``ratio(…)`` name what must be entered, the cells it reads name the rows counted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.indicators import NO_DATA, Target, judge, parse_target
from commdesk.domain.periods import Period
from commdesk.domain.plans import Plan, plan_for, shipped_plans
from commdesk.returns.compute import ReturnResult, compute_from_facts, fact_matches
from commdesk.returns.definition import Definition

INDICATOR_TABLE = "T6"
VALUE_COLUMN = "1"
# The ledgers whose rows can stand behind an indicator, by the return's source name.
LEDGER_OF_SOURCE = {"facility": "facility", "worker": "worker"}
_REF = re.compile(r"\[([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\]")
_DENOMINATOR = re.compile(r"ratio\(.*,\s*(\[[^\]]+\])\s*\)")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str
    decimals: int
    value: float | None  # None: 无数据
    target_text: str  # the plan's words, e.g. ≥30
    target: Target | None  # the bound for this committee's kind
    state: str  # domain.indicators MET / NOT_MET / NO_DATA / NO_TARGET
    missing: tuple[str, ...] = ()  # what must be entered, e.g. ("户数",)
    records: dict[str, tuple[int, ...]] = field(default_factory=dict)  # ledger → ids

    @property
    def flag(self) -> bool:
        """有=1/无=0 rather than a measure."""
        return self.unit.startswith("有")


@dataclass(frozen=True)
class IndicatorReport:
    period: Period
    as_of: date
    kind: str  # urban / village
    committee: str
    plan: Plan | None
    indicators: tuple[Indicator, ...]


def indicator_definition(definition: Definition) -> Definition:
    """Only table 6 and the tables it reads: no service records are needed."""
    t6 = definition.table(INDICATOR_TABLE)
    used = {m.group(1) for row in t6.row_specs for m in _REF.finditer(str(row.get("expr", "")))}
    tables = tuple(t for t in definition.tables if t.code in used | {INDICATOR_TABLE})
    return replace(definition, tables=tables, rules=())


def _cell_records(
    result: ReturnResult, facts: Any, ref: tuple[str, str, str]
) -> tuple[str, list[int], bool] | None:
    """The ledger and ids of the rows a cell counts, and whether a summed field of
    any of them is empty (then the cell's 0 is not a measurement)."""
    table_code, row_code, col_key = ref
    tr = result.table(table_code)
    row = next((r for r in tr.rows if r.code == row_code), None)
    column = next((c for c in tr.table.columns if c.key == col_key), None)
    if row is None or column is None:
        return None
    source = column.source or row.source or tr.table.source
    ledger = LEDGER_OF_SOURCE.get(source or "")
    if ledger is None:
        return None
    flt = {**tr.table.filter, **row.filter, **column.filter}
    rows = [f for f in facts.sources[source] if fact_matches(f, flt, result.period)]
    summed = column.field if (row.agg or column.agg) == "sum" else None
    unfilled = summed is not None and any(f.get(summed) is None for f in rows)
    return ledger, [int(f["id"]) for f in rows], unfilled


def _cell_label(result: ReturnResult, ref: tuple[str, str, str]) -> str:
    tr = result.table(ref[0])
    row = next(r for r in tr.rows if r.code == ref[1])
    if len(tr.table.columns) == 1 or ref[1] in ("TOTAL",):
        return row.label if ref[1] != "TOTAL" else tr.table.columns[0].label
    column = next(c for c in tr.table.columns if c.key == ref[2])
    return f"{row.label}的{column.label.removeprefix('其中：')}"


def build_indicators(result: ReturnResult, facts: Any) -> tuple[Indicator, ...]:
    """Table 6's rows as indicators, judged against the targets the table shows."""
    kind = str(result.profile.get("kind") or "urban")
    tr = result.table(INDICATOR_TABLE)
    target_key = next((c.key for c in tr.table.columns if c.plan_targets), None)
    out: list[Indicator] = []
    for row in tr.rows:
        values = tr.values[row.code]
        raw = values.get(VALUE_COLUMN)
        expr = row.expr or ""
        missing: list[str] = []
        for m in _DENOMINATOR.finditer(expr):
            ref = _REF.fullmatch(m.group(1))
            if ref is not None and not result.value(*ref.groups()):
                missing.append(_cell_label(result, ref.groups()))  # type: ignore[arg-type]
        records: dict[str, list[int]] = {}
        for ref in _REF.finditer(expr):
            cell = ref.groups()
            found = _cell_records(result, facts, cell)  # type: ignore[arg-type]
            if found is None:
                continue
            ids = records.setdefault(found[0], [])
            ids += [i for i in found[1] if i not in ids]
            label = _cell_label(result, cell)  # type: ignore[arg-type]
            if found[2] and label not in missing:
                missing.append(label)
        value = None if missing or raw is None else float(raw)  # type: ignore[arg-type]
        target_text = str(values.get(target_key) or "") if target_key else ""
        target = parse_target(target_text, kind)
        flag = row.unit.startswith("有")
        state = NO_DATA if value is None else judge(value, target, flag=flag)
        out.append(
            Indicator(
                code=row.code,
                label=row.label,
                unit=row.unit,
                decimals=tr.decimals(row, tr.table.columns[0]),
                value=value,
                target_text=target_text,
                target=target,
                state=state,
                missing=tuple(missing),
                records={k: tuple(v) for k, v in records.items()},
            )
        )
    return tuple(out)


def committee_indicators(
    store: Any,
    period: Period,
    definition: Definition | None = None,
    catalogues: Catalogues | None = None,
) -> IndicatorReport:
    """The committee's plan indicators as of ``period``'s last day (stock ledgers and
    the profile as they held then)."""
    from commdesk.paths import resources_dir
    from commdesk.returns.definition import default_definition_path, load_definition
    from commdesk.returns.facts import load_facts
    from commdesk.store.catalogue_store import load_catalogues

    catalogues = catalogues or load_catalogues(store)
    definition = indicator_definition(definition or load_definition(default_definition_path()))
    # Stock ledgers and the profile as they held on the period's last day.
    month = Period("month", period.year, period.last_month)
    facts = load_facts(store, month, catalogues, dimensions=(), flows=False)
    result = compute_from_facts(definition, month, facts, catalogues)
    plan = plan_for(shipped_plans(resources_dir() / "plans.toml"), period.year)
    profile: Mapping[str, Any] = result.profile
    return IndicatorReport(
        period=period,
        as_of=period.last_day,
        kind=str(profile.get("kind") or "urban"),
        committee=str(profile.get("name") or ""),
        plan=plan,
        indicators=build_indicators(result, facts),
    )
