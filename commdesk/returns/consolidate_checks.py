"""The checks one input goes through, in order, each leaving a status and a reason.

Identity (definition, period), the unit's code (level and prefix), the roster,
duplicates (a genuine return beats an altered one, then the newest export wins),
then the figures: the table structure must match the definition, summable cells
must be numbers and the structural and check rules must hold — recomputed from
the workbook, not trusted.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path
from typing import Any

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.periods import Period
from commdesk.domain.validators import PROVINCE_CODES
from commdesk.returns.audit import Issue, structural_issues
from commdesk.returns.compute import ReturnResult, TableResult, expression_names
from commdesk.returns.consolidate_model import (
    ALTERED,
    AUDIT_ERRORS,
    DUPLICATE,
    FOREIGN,
    INACTIVE,
    PENDING,
    WRONG_DEFINITION,
    WRONG_LEVEL,
    WRONG_PERIOD,
    InputFile,
    Value,
    Values,
    path_key,
)
from commdesk.returns.consolidate_names import majority_township, shown_name
from commdesk.returns.consolidate_structure import (
    ALL,
    KIND_COLUMN,
    UNIT_NOUN,
    UNIT_TABLE,
    UNITS_ROW,
    ShareRow,
    code_level,
)
from commdesk.returns.definition import Definition, Row, compile_expression
from commdesk.returns.expressions import evaluate
from commdesk.returns.xlsx_reader import same_value
from commdesk.store.services.township import (
    CHILD_LENGTH,
    COMMITTEE_KINDS,
    PARENT_LENGTH,
    TownshipInfo,
)

BY_SURFACE = "纳入汇总（按表面数据）"
MAX_LISTED = 5  # problems quoted per file; the rest are counted
# Excel keeps 15 significant digits; a figure beyond that is no committee's count or
# amount, and summing it would overflow the half-up rounding of the output.
MAX_FIGURE = 1e15


def exclude(f: InputFile, status: str, reason: str) -> None:
    f.status, f.reason = status, reason


def pending(files: list[InputFile]) -> list[InputFile]:
    return [f for f in files if f.status == PENDING]


def check_identity(f: InputFile, definition: Definition, period: Period) -> None:
    assert f.ret is not None
    found: list[tuple[str, str]] = []
    version = (f.ret.definition_id, f.ret.definition_version)
    if version != (definition.id, definition.version):
        found.append(
            (
                WRONG_DEFINITION,
                f"报表模板为 {version[0] or '未知'} {version[1]}，"
                f"本次汇总使用 {definition.id} {definition.version}。",
            )
        )
    if f.ret.period_code != period.code:
        label = str(f.ret.meta.get("period", {}).get("label") or f.ret.period_code or "未知")
        found.append((WRONG_PERIOD, f"报告期为{label}，本次汇总{period.label_zh}。"))
    if found:
        exclude(f, found[0][0], "".join(reason for _s, reason in found))


def infer_unit(pool: list[InputFile], notes: list[str]) -> tuple[str, str] | None:
    """Without a roster: the level and prefix most inputs share (others are then foreign)."""
    lengths = Counter(len(f.code) for f in pool if code_level(f.code) in PARENT_LENGTH)
    if not lengths:
        return None
    child = max(lengths, key=lambda n: (lengths[n], n))
    parent = PARENT_LENGTH[child]
    prefixes = Counter(f.code[:parent] for f in pool if len(f.code) == child)
    code = min(prefixes, key=lambda c: (-prefixes[c], c))
    mine = [f for f in pool if child == 12 and f.code.startswith(code)]
    name = majority_township(mine)
    notes.append(
        f"未设置名册：汇总单位代码取自各报表区划代码共同的前{parent}位（{code}），"
        f"名称为“{shown_name(name)}”"
        f"{'（取自多数报表所填的所属乡镇（街道））' if name else ''}；"
        f"未检查缺报的{UNIT_NOUN.get(child, '单位')}。"
    )
    return name, code


def check_code(f: InputFile, unit_name: str, unit_code: str) -> None:
    child = CHILD_LENGTH[len(unit_code)]
    level = code_level(f.code)
    if level is None:
        exclude(f, FOREIGN, f"区划代码“{f.code}”无效。")
    elif level != child:
        what = UNIT_NOUN.get(level, f"{level}位代码单位")
        exclude(
            f,
            WRONG_LEVEL,
            f"这是{what}的报表（区划代码 {f.code}，{level}位），"
            f"本次汇总的是{UNIT_NOUN.get(child, '')}的报表（{child}位）。",
        )
    elif not f.code.startswith(unit_code):
        exclude(f, FOREIGN, f"区划代码 {f.code} 不在{shown_name(unit_name)}（{unit_code}）范围内。")


def check_roster(f: InputFile, township: TownshipInfo) -> None:
    entry = next((e for e in township.entries if e.division_code == f.code), None)
    if entry is None:
        f.notes.append("名册中没有此单位（仍予汇总，请核实并补入名册）。")
    elif not entry.active:
        exclude(f, INACTIVE, f"{entry.name}（{entry.division_code}）在名册中已停用。")
    elif entry.kind in COMMITTEE_KINDS and f.kind in COMMITTEE_KINDS and entry.kind != f.kind:
        zh = {"village": "村", "urban": "居"}
        f.notes.append(f"名册登记为“{zh[entry.kind]}”，报表为“{zh[f.kind]}”，按报表计入城乡分组。")


def _rank(f: InputFile, explicit: Collection[Path]) -> tuple[bool, bool, datetime, float, str]:
    """Unaltered first, then altered ones the clerk chose to include, then the newest export."""
    try:
        mtime = f.path.stat().st_mtime
    except OSError:
        mtime = 0.0
    altered = f.ret is None or f.ret.altered
    return (not altered, path_key(f.path) in explicit, f.exported_at or datetime.min, mtime,
            f.path.name)  # fmt: skip


def _figures(f: InputFile) -> Values:
    """What the file shows: the verified figures, or its visible cells when altered."""
    assert f.ret is not None
    return f.ret.visible_values if f.ret.altered else f.ret.values


def figure_differences(a: InputFile, b: InputFile) -> list[str]:
    """Cells whose figure differs between two returns of the same template, as
    "表1 101 第1列：a 为 X，b 为 Y" (sheet names as the workbooks show them)."""
    fa, fb = _figures(a), _figures(b)
    layout = (a.ret.meta.get("layout") if a.ret is not None else None) or {}
    out = []
    for table in sorted(set(fa) | set(fb)):
        sheet = str((layout.get(table) or {}).get("sheet") or table)
        rows_a, rows_b = fa.get(table) or {}, fb.get(table) or {}
        for row in sorted(set(rows_a) | set(rows_b)):
            cells_a, cells_b = rows_a.get(row) or {}, rows_b.get(row) or {}
            for col in sorted(set(cells_a) | set(cells_b)):
                va, vb = cells_a.get(col), cells_b.get(col)
                if not same_value(va, vb):
                    out.append(
                        f"{sheet} {row} 第{col}列：{a.path.name} 为 {_shown(va)}，"
                        f"{b.path.name} 为 {_shown(vb)}"
                    )
    return out


def _shown(value: Value) -> str:
    return "空白" if value is None or value == "" else str(value)


def _comparison(other: InputFile, keep: InputFile) -> str:
    """How ``other`` compares with the return chosen instead, said truthfully."""
    differences = figure_differences(other, keep)
    if differences:
        return f"数字不同：{listing(differences)}"
    if other.ret is not None and other.ret.altered:
        return "数字相同，但本文件导出后被修改"
    return "内容相同"


def resolve_duplicates(pool: list[InputFile], explicit: Collection[Path] = ()) -> None:
    """One return per committee: an unaltered one always beats an altered one, then the
    newest export; the others are listed with the reason and how their figures compare.

    An altered file that loses keeps the status "altered" (that is what is wrong
    with it); an older genuine one is a "duplicate".
    """
    groups: dict[str, list[InputFile]] = defaultdict(list)
    for f in pool:
        groups[f.code].append(f)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda f: _rank(f, explicit), reverse=True)
        keep = group[0]
        keep_genuine = keep.ret is not None and not keep.ret.altered
        why = "未被修改的" if keep_genuine else "导出时间较新的"
        unit = f"{keep.name or '同一单位'}（{keep.code}）"
        for other in group[1:]:
            other.duplicate_of = keep.path
            compared = _comparison(other, keep)
            used = f"采用{why} {keep.path.name}（导出于{_when(keep)}），本文件导出于{_when(other)}"
            if other.ret is not None and other.ret.altered:
                exclude(
                    other,
                    ALTERED,
                    f"报表导出后被修改：{listing(other.ret.problems)}。与 {keep.path.name} 同为"
                    f"{unit}的报表（{compared}）；{used}。"
                    + ("" if keep_genuine else f"如已核实，可明确选择将本文件{BY_SURFACE}。"),
                )
            else:
                exclude(
                    other,
                    DUPLICATE,
                    f"与 {keep.path.name} 同为{unit}的报表（{compared}）；{used}。",
                )
        names = "、".join(f"{o.path.name}（{o.status_zh}）" for o in group[1:])
        keep.notes.append(f"同一单位另有{len(group) - 1}份报表未采用：{names}。")


def _when(f: InputFile) -> str:
    at = f.exported_at
    return at.strftime("%Y-%m-%d %H:%M:%S") if at else "时间不明"


def listing(items: list[str]) -> str:
    """The first few problems in one sentence (without their own full stops), and a count."""
    text = "；".join(i.rstrip("。") for i in items[:MAX_LISTED])
    return text + (f"；另有{len(items) - MAX_LISTED}项" if len(items) > MAX_LISTED else "")


def table_rows(definition: Definition, catalogues: Catalogues) -> dict[str, list[Row]]:
    """Each table's rows, expanded from the catalogues once per run rather than per file."""
    return {t.code: t.rows(catalogues) for t in definition.tables}


def table_shape(
    definition: Definition, rows: dict[str, list[Row]]
) -> dict[str, dict[str, list[str]]]:
    return {
        t.code: {r.code: [c.key for c in t.columns] for r in rows[t.code]}
        for t in definition.tables
    }


def _structure_problems(values: Values, shape: dict[str, dict[str, list[str]]]) -> list[str]:
    problems = []
    for table, rows in shape.items():
        got = values.get(table)
        if not isinstance(got, dict):
            problems.append(f"缺少{table}")
            continue
        extra = [r for r in got if r not in rows]
        if extra:
            problems.append(f"{table} 有本模板没有的行 {'、'.join(extra[:MAX_LISTED])}")
        for row, cols in rows.items():
            cells = got.get(row)
            if not isinstance(cells, dict) or any(c not in cells for c in cols):
                problems.append(f"{table} 缺少行或列 {row}")
    extra_tables = [t for t in values if t not in shape]
    if extra_tables:
        problems.append(f"有本模板没有的表 {'、'.join(extra_tables)}")
    return problems


def _number_problems(
    values: Values, definition: Definition, rows: dict[str, list[Row]], notes: list[str]
) -> list[str]:
    """Summable cells must be numbers; a blank counts as 0 and is noted."""
    problems, blanks = [], []
    for t in definition.tables:
        for row in rows[t.code]:
            if row.expr is not None:
                continue
            for c in t.columns:
                if c.text or c.key in row.cells:
                    continue
                v = values[t.code][row.code][c.key]
                where = f"{t.number} {row.code} 第{c.key}列"
                if v is None:
                    blanks.append(where)
                elif isinstance(v, (str, bool)):
                    problems.append(f"{where}不是数字（“{v}”）")
                elif not math.isfinite(v) or abs(v) > MAX_FIGURE:
                    problems.append(f"{where}的数值“{v:g}”超出报表的取值范围")
    if blanks:
        notes.append(f"空白单元格按0计：{listing(blanks)}。")
    return problems


def _division_code_ok(code: str, length: int) -> Callable[[], float]:
    ok = code.isascii() and code.isdigit() and len(code) == length and code[:2] in PROVINCE_CODES
    return lambda: 1.0 if ok else 0.0


def _result(
    definition: Definition,
    period: Period,
    profile: dict[str, Any],
    values: Values,
    rows: dict[str, list[Row]],
) -> ReturnResult:
    tables = []
    for t in definition.tables:
        cells = {r.code: dict(values[t.code][r.code]) for r in rows[t.code]}
        tables.append(TableResult(t, rows[t.code], cells))
    result = ReturnResult(definition, period, profile, tables)
    result.profile.update(profile_fields(result))
    return result


def profile_fields(result: ReturnResult) -> dict[str, Any]:
    """Profile figures (户数, 常住人口…) as the return shows them, for rules that read them."""
    fields: dict[str, Any] = {}
    for tr in result.tables:
        for row in tr.rows:
            if (row.source or tr.table.source) == "profile" and row.agg == "value" and row.field:
                numeric = [c for c in tr.table.columns if not c.text]
                if numeric:
                    fields[row.field] = tr.values[row.code].get(numeric[0].key)
    return fields


def audit_values(result: ReturnResult, code_length: int) -> list[Issue]:
    """Structural rules and the definition's check rules, at any level.

    Rules over the ledgers (records, previous period) cannot be rechecked from a
    workbook and were settled by the committee; ``division_code_ok`` is judged
    for the level's code length instead of the committee's 12 digits.
    """
    issues = structural_issues(result)
    names = expression_names(result)
    names["division_code_ok"] = _division_code_ok(
        str(result.profile.get("division_code") or ""), code_length
    )
    for rule in result.definition.rules:
        failed = rule.kind == "check" and rule.check is not None
        if failed and not evaluate(compile_expression(rule.check or ""), names):
            issues.append(Issue(rule.code, rule.level, rule.message))
    return issues


def _committee_kind(f: InputFile, township: TownshipInfo | None) -> str | None:
    if f.kind in COMMITTEE_KINDS:
        return f.kind
    if township is not None:
        for e in township.entries:
            if e.division_code == f.code and e.kind in COMMITTEE_KINDS:
                f.notes.append("报表未注明村（居）类型，按名册计。")
                return e.kind
    return None


def _unit_values(values: Values, kind: str, shares: list[ShareRow]) -> dict[str, dict[str, Value]]:
    """A committee's row of the ``TC`` table: itself, and which coverage it has."""
    own = KIND_COLUMN[kind]

    def counts(n: int) -> dict[str, Value]:
        return {ALL: n, **{col: (n if col == own else 0) for col in KIND_COLUMN.values()}}

    table = {UNITS_ROW: counts(1)}
    for s in shares:
        v = values.get(s.table, {}).get(s.row, {}).get(s.column)
        has = isinstance(v, int | float) and not isinstance(v, bool) and v > 0
        table[s.unit_row] = counts(1 if has else 0)
    return table


def check_contents(
    f: InputFile,
    input_def: Definition,
    rows: dict[str, list[Row]],
    period: Period,
    township: TownshipInfo | None,
    shares: list[ShareRow],
) -> None:
    assert f.values is not None and f.ret is not None
    level = len(f.code)
    problems = _structure_problems(f.values, table_shape(input_def, rows))
    if problems:
        exclude(f, WRONG_DEFINITION, f"表式与本次汇总的模板不一致：{listing(problems)}。")
        return
    problems = _number_problems(f.values, input_def, rows, f.notes)
    kind = _committee_kind(f, township) if level == 12 else None
    if level == 12 and kind is None:
        problems.append("报表未注明是村还是居，名册中也没有")
    if not problems:
        profile = {"name": f.name, "kind": f.kind, "division_code": f.code}
        result = _result(input_def, period, profile, f.values, rows)
        problems = [f"{i.code} {i.message}" for i in audit_values(result, level) if i.is_error]
    if problems:
        prefix = "导出后被修改，且" if f.ret.altered else ""
        exclude(f, AUDIT_ERRORS, f"{prefix}审核有错误：{listing(problems)}。")
        return
    if kind is not None:
        f.values = {**f.values, UNIT_TABLE: _unit_values(f.values, kind, shares)}
