"""Audit rules (审核关系): structural ones derived from the definition, plus its own.

Errors refuse export. Warnings need a written explanation (说明) that goes
into the return. Every issue carries a stable rule code, the one the CLI's
``--note RULE=TEXT`` takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from commdesk.returns.compute import ReturnResult, TableResult, expression_names
from commdesk.returns.definition import Row, Rule, compile_expression
from commdesk.returns.expressions import evaluate


@dataclass(frozen=True)
class Issue:
    code: str
    level: str  # "error" | "warning"
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    drill: dict[str, Any] = field(default_factory=dict)  # what records lie behind it

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _tolerance(tr: TableResult, row: Row, key: str, n: int) -> float:
    decimals = tr.decimals(row, tr.table.column(key))
    return 1e-6 + (0.5 * 10**-decimals) * n if decimals else 1e-6


def structural_issues(result: ReturnResult) -> list[Issue]:
    issues: list[Issue] = []
    for tr in result.tables:
        t = tr.table
        numeric = [c for c in t.columns if not c.text]
        by_code = {r.code: r for r in tr.rows}
        # 其中 rows ≤ their parent row, column by column.
        for row in tr.rows:
            if row.parent is None or row.expr is not None:
                continue
            parent = by_code[row.parent]
            for c in numeric:
                part, whole = _num(tr.values[row.code][c.key]), _num(tr.values[parent.code][c.key])
                if part > whole + 1e-6:
                    issues.append(
                        Issue(
                            f"E-{t.code}-{row.code}-LE-{parent.code}",
                            "error",
                            f"{t.number}“{row.label.removeprefix('其中：')}”（{row.code}）"
                            f"不应大于“{parent.label}”（{parent.code}）：{part:g} > {whole:g}。",
                            t.code,
                            row.code,
                            c.key,
                        )
                    )
        # 其中 columns ≤ the column they are part of, row by row.
        for c in numeric:
            if c.part_of is None:
                continue
            whole_col = t.column(c.part_of)
            bad = [
                r
                for r in tr.rows
                if r.expr is None
                and _num(tr.values[r.code][c.key]) > _num(tr.values[r.code][whole_col.key]) + 1e-6
            ]
            if bad:
                names = "、".join(f"{r.label}（{r.code}）" for r in bad[:5])
                issues.append(
                    Issue(
                        f"E-{t.code}-C{c.key}-LE-C{whole_col.key}",
                        "error",
                        f"{t.number}第{c.key}列“{c.label.removeprefix('其中：')}”不应大于第"
                        f"{whole_col.key}列“{whole_col.label}”：{names}。",
                        t.code,
                        bad[0].code,
                        c.key,
                    )
                )
        # Totals equal the sum of their rows.
        subtotals = [r for r in tr.rows if r.subtotal]
        for total in [r for r in tr.rows if r.total or r.subtotal]:
            if total.total:
                parts = subtotals or [r for r in tr.rows if r.group == "TOTAL"]
            else:
                parts = [r for r in tr.rows if r.group == total.code and not r.subtotal]
            if any(p.overlap for p in parts):
                continue  # the definition says one item may be in several rows
            for c in numeric:
                want = _num(tr.values[total.code][c.key])
                got = sum(_num(tr.values[p.code][c.key]) for p in parts)
                if abs(want - got) > _tolerance(tr, total, c.key, len(parts)):
                    issues.append(
                        Issue(
                            f"E-{t.code}-{total.code}-SUM",
                            "error",
                            f"{t.number}“{total.label}”第{c.key}列（{want:g}）不等于各行之和"
                            f"（{got:g}），可能有记录的类别不在目录中。",
                            t.code,
                            total.code,
                            c.key,
                        )
                    )
                    break
    return issues


def rule_issues(
    result: ReturnResult,
    *,
    previous: Mapping[str, Any] | None = None,
    store: Any = None,
) -> list[Issue]:
    """The definition's own rules; ``previous`` is the last exported return's values."""
    issues: list[Issue] = []
    names = expression_names(result)
    for rule in result.definition.rules:
        if rule.kind == "check":
            assert rule.check is not None
            if not evaluate(compile_expression(rule.check), names):
                issues.append(Issue(rule.code, rule.level, rule.message))
        elif rule.kind == "previous_change":
            issues += _previous_change(result, rule, previous)
        elif rule.kind == "records":
            n = result.record_counts.get(rule.code, 0)
            if n:
                ids: list[int] = []
                if store is not None:
                    from commdesk.returns.facts import record_ids

                    ids = record_ids(store, result.period, rule.filter)
                issues.append(
                    Issue(
                        rule.code,
                        rule.level,
                        rule.message.format(count=n),
                        drill={
                            "source": rule.source,
                            "filter": dict(rule.filter),
                            "ids": ids,
                            "period": result.period.code,
                        },
                    )
                )
    return issues


def _previous_change(
    result: ReturnResult, rule: Rule, previous: Mapping[str, Any] | None
) -> list[Issue]:
    if not previous:
        return []
    assert rule.table and rule.row
    tr = result.table(rule.table)
    before = previous.get(rule.table, {}).get(rule.row, {})
    changed = []
    for c in tr.table.columns:
        if c.text:
            continue
        old = before.get(c.key)
        new = tr.values[rule.row][c.key]
        if not isinstance(old, int | float) or not old:
            continue
        ratio = (_num(new) - old) / old
        if abs(ratio) > rule.limit:
            changed.append((c, old, new))
    if not changed:
        return []
    text = (
        "；".join(
            rule.message.format(
                column=c.label, previous=f"{old:g}", current=f"{_num(new):g}"
            ).rstrip("。")
            for c, old, new in changed
        )
        + "。"
    )
    return [Issue(rule.code, rule.level, text, rule.table, rule.row, changed[0][0].key)]


def audit(
    result: ReturnResult, *, previous: Mapping[str, Any] | None = None, store: Any = None
) -> list[Issue]:
    return structural_issues(result) + rule_issues(result, previous=previous, store=store)


def unexplained(issues: list[Issue], notes: Mapping[str, str]) -> list[Issue]:
    """Warnings that still lack a written explanation."""
    return [i for i in issues if not i.is_error and not (notes.get(i.code) or "").strip()]
