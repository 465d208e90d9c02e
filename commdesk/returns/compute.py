"""Compute every cell of a return from the facts, then its indicator expressions.

Cells are evaluated over pre-aggregated facts (see :mod:`facts`), never with
one query per cell. A row's filter narrows the facts once; its columns then
aggregate that subset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.periods import Period
from commdesk.domain.plans import plan_for, shipped_plans
from commdesk.returns.definition import (
    ANY,
    Column,
    Definition,
    Row,
    Table,
    compile_expression,
    filter_keys,
)
from commdesk.returns.expressions import evaluate

Value = int | float | str | None


@dataclass
class TableResult:
    table: Table
    rows: list[Row]
    values: dict[str, dict[str, Value]] = field(default_factory=dict)

    def decimals(self, row: Row, column: Column) -> int:
        return row.decimals if row.decimals is not None else column.decimals


@dataclass
class ReturnResult:
    definition: Definition
    period: Period
    profile: dict[str, Any]
    tables: list[TableResult]
    record_counts: dict[str, int] = field(default_factory=dict)

    def table(self, code: str) -> TableResult:
        for t in self.tables:
            if t.table.code == code:
                return t
        raise KeyError(code)

    def value(self, table: str, row: str, column: str) -> Value:
        return self.table(table).values[row][column]

    def flat_values(self) -> dict[str, dict[str, dict[str, Value]]]:
        return {t.table.code: t.values for t in self.tables}


def _matches(fact: Mapping[str, Any], flt: Mapping[str, Any], period: Period) -> bool:
    for key, want in flt.items():
        if key == ANY:
            if not any(_matches(fact, alternative, period) for alternative in want):
                return False
            continue
        have = fact.get(key)
        if isinstance(have, tuple):
            # Several values (a worker's posts): matches when any of them does.
            if not any(_matches({key: one}, {key: want}, period) for one in have):
                return False
            continue
        if want == "in_period":
            if not isinstance(have, date) or not period.contains(have):
                return False
        elif isinstance(want, dict):
            if have is None:
                return False
            for op, bound in want.items():
                if op == "lt" and not have < bound:
                    return False
                if op == "le" and not have <= bound:
                    return False
                if op == "gt" and not have > bound:
                    return False
                if op == "ge" and not have >= bound:
                    return False
        elif isinstance(want, list):
            if have not in want:
                return False
        elif isinstance(want, bool):
            if bool(have) != want:
                return False
        elif have != want:
            return False
    return True


def fact_matches(fact: Mapping[str, Any], flt: Mapping[str, Any], period: Period) -> bool:
    """Whether one fact falls under a cell's filter (for the rows behind an indicator)."""
    return _matches(fact, flt, period)


def _aggregate(facts: Iterable[Mapping[str, Any]], agg: str, fld: str | None) -> int | float:
    if agg == "count":
        return int(sum(f["_n"] for f in facts))
    if agg == "sum":
        assert fld is not None
        return float(sum(f.get(fld) or 0 for f in facts))
    if agg == "distinct":
        assert fld is not None
        return len({f.get(fld) for f in facts if f.get(fld) is not None})
    raise ValueError(agg)


def _round(value: Value, decimals: int) -> Value:
    """四舍五入 (half up), as statistical practice expects — not Python's half-to-even."""
    if isinstance(value, float):
        quantum = Decimal(1).scaleb(-decimals)
        rounded = Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)
        return int(rounded) if decimals == 0 else float(rounded)
    return value


def _with_plan_targets(table: Table, period: Period) -> tuple[Table, dict[str, str]]:
    """A table with a plan-targets column, headed by the plan in force in the period's
    year (or the last one, named with its years), and that plan's targets by row."""
    if not any(c.plan_targets for c in table.columns):
        return table, {}
    from commdesk.paths import resources_dir

    plan = plan_for(shipped_plans(resources_dir() / "plans.toml"), period.year)
    heading = plan.heading() if plan else "规划目标（未载入规划）"
    columns = tuple(replace(c, label=heading) if c.plan_targets else c for c in table.columns)
    return replace(table, columns=columns), dict(plan.targets) if plan else {}


def compute_from_facts(
    definition: Definition, period: Period, facts: Any, catalogues: Catalogues
) -> ReturnResult:
    profile = facts.profile
    tables: list[TableResult] = []
    for table in definition.tables:
        rows = table.rows(catalogues)
        table, targets = _with_plan_targets(table, period)
        tr = TableResult(table, rows)
        for row in rows:
            source = row.source or table.source
            base_filter = {**table.filter, **row.filter}
            subset: list[dict[str, Any]] | None = None
            if source and source != "profile":
                subset = [f for f in facts.sources[source] if _matches(f, base_filter, period)]
            values: dict[str, Value] = {}
            for col in table.columns:
                if col.key in row.cells:
                    values[col.key] = row.cells[col.key]
                    continue
                if col.plan_targets:
                    values[col.key] = targets.get(row.code)
                    continue
                if col.text or row.expr is not None:
                    values[col.key] = None
                    continue
                agg = row.agg or col.agg
                fld = row.field if row.agg else col.field
                if agg == "value":
                    raw = profile.get(fld or "")
                    values[col.key] = int(raw) if isinstance(raw, bool) else raw
                    continue
                col_source = col.source or source
                pool = subset
                if col_source != source:
                    pool = [
                        f for f in facts.sources[col_source] if _matches(f, base_filter, period)
                    ]
                pool = [f for f in (pool or []) if _matches(f, col.filter, period)]
                values[col.key] = _round(
                    _aggregate(pool, agg or "count", fld), tr.decimals(row, col)
                )
            tr.values[row.code] = values
        tables.append(tr)
    result = ReturnResult(
        definition, period, profile, tables, dict(getattr(facts, "record_counts", {}))
    )
    _evaluate_expressions(result)
    return result


def expression_names(result: ReturnResult) -> dict[str, Any]:
    """The functions an expression may call to read cells and the profile."""
    from commdesk.domain.validators import check_division_code

    def cell(t: str, r: str, c: str) -> Value:
        return result.value(t, r, c)

    def profile(name: str) -> Any:
        return result.profile.get(name)

    def division_code_ok() -> float:
        code = result.profile.get("division_code")
        return 1.0 if code and check_division_code(code).ok else 0.0

    return {"_cell": cell, "_profile": profile, "division_code_ok": division_code_ok}


def _evaluate_expressions(result: ReturnResult) -> None:
    names = expression_names(result)
    pending = [
        (tr, row, col)
        for tr in result.tables
        for row in tr.rows
        if row.expr is not None
        for col in tr.table.columns
        if not col.text and col.key not in row.cells
    ]
    # Expressions may read other expression cells: evaluate in passes until stable.
    for _ in range(len(pending) + 1):
        for tr, row, col in pending:
            assert row.expr is not None
            value = evaluate(compile_expression(row.expr), names)
            tr.values[row.code][col.key] = _round(value, tr.decimals(row, col))


def compute(
    store: Any,
    definition: Definition,
    period: Period,
    catalogues: Catalogues | None = None,
) -> ReturnResult:
    """The return for ``period`` computed from the live (not deleted) ledgers."""
    from commdesk.returns.facts import load_facts
    from commdesk.store.catalogue_store import load_catalogues

    catalogues = catalogues or load_catalogues(store)
    facts = load_facts(
        store,
        period,
        catalogues,
        dimensions=service_dimensions(definition, catalogues),
        record_filters={r.code: r.filter for r in definition.rules if r.kind == "records"},
    )
    return compute_from_facts(definition, period, facts, catalogues)


def service_dimensions(definition: Definition, catalogues: Catalogues) -> set[str]:
    """The service-record columns any cell of ``definition`` filters on."""
    used: set[str] = set()
    for table in definition.tables:
        for row in table.rows(catalogues):
            if (row.source or table.source) == "service_record":
                used |= filter_keys(table.filter) | filter_keys(row.filter)
            for col in table.columns:
                if (col.source or row.source or table.source) == "service_record":
                    used |= filter_keys(col.filter)
    if "category_group" in used:
        used.add("category_code")
    return used
