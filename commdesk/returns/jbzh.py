"""The ministry's 社会服务统计季报表 (JBZH0001), 社区服务 section, at township and county level.

The township files this form upward as well as CommDesk's own return, so its
consolidation writes the section as one more sheet of the consolidated workbook.
The rows and their sources are data (``resources/returns/jbzh0001_community.toml``);
every figure is a sum of what the inputs reported — the committees' 表7 (their
facilities by these rows), 表1 108 and their kinds; a county's townships' own
JBZH0001 sheets — never recomputed from ledgers the township does not have.
上年数据 and 同比 come only from the previous year's consolidation when one is given.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from commdesk.domain.catalogues import released
from commdesk.domain.periods import Period
from commdesk.returns.compute import ReturnResult, TableResult, Value, _round
from commdesk.returns.consolidate_structure import RURAL, UNIT_TABLE, UNITS_ROW, URBAN
from commdesk.returns.definition import Column, Definition, Table

QUANTITY, PREVIOUS, CHANGE = "1", "2", "3"
KIND_UNITS = {"village": RURAL, "urban": URBAN}
_SOURCES = ("from", "sum", "units")


class FormError(ValueError):
    """The JBZH0001 definition file cannot be used; the message names the file and row."""


class PreviousError(ValueError):
    """The --previous workbook cannot give 上年数据; the message says why, in Chinese."""


@dataclass(frozen=True)
class FormRow:
    code: str
    label: str
    unit: str
    parent: str | None
    source: str  # one of _SOURCES
    cell: tuple[str, str, str] | None = None  # from: table, row, column of the inputs
    kind: str | None = None  # from: only committees of this kind
    parts: tuple[str, ...] = ()  # sum: rows of this section
    units: str | None = None  # units: committees of this kind


@dataclass(frozen=True)
class Form:
    table: Table
    rows: tuple[FormRow, ...]
    definition: Definition
    code_digits: int

    @property
    def code(self) -> str:
        return self.table.code


def form_path() -> Path:
    from commdesk.paths import resources_dir

    return resources_dir() / "returns" / "jbzh0001_community.toml"


@lru_cache(maxsize=4)
def load_form(path: Path | None = None) -> Form:
    """Read and check the definition file (sources, references, kinds); once per run."""
    path = Path(path or form_path())
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        return _parse(data, path)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, FormError):
            raise
        raise FormError(f"{path.name}: {exc}") from exc


def _parse(data: dict[str, Any], path: Path) -> Form:
    header = {str(k): str(v) for k, v in data["header"].items()}
    columns = tuple(
        Column(
            key=str(c["key"]),
            label=str(c["label"]),
            unit=str(c.get("unit", "")),
            decimals=int(c.get("decimals", 0)),
        )
        for c in data["columns"]
    )
    if [c.key for c in columns] != [QUANTITY, PREVIOUS, CHANGE]:
        raise FormError(f"{path.name}: the columns must be 数量 (1), 上年数据 (2), 同比 (3)")
    rows: list[FormRow] = []
    for spec in data["rows"]:
        code = str(spec["code"])
        given = [key for key in _SOURCES if key in spec]
        if len(given) != 1:
            raise FormError(f"{path.name}, row {code}: give exactly one of from, sum, units")
        kind = spec.get("kind", spec.get("units"))
        if kind is not None and kind not in KIND_UNITS:
            raise FormError(f"{path.name}, row {code}: kind must be village or urban")
        cell = None
        if "from" in spec:
            parts = str(spec["from"]).split(".")
            if len(parts) != 3:
                raise FormError(f"{path.name}, row {code}: from is TABLE.ROW.COLUMN")
            cell = (parts[0], parts[1], parts[2])
        rows.append(
            FormRow(
                code=code,
                label=str(spec["label"]),
                unit=str(spec.get("unit", "")),
                parent=spec.get("parent"),
                source=given[0],
                cell=cell,
                kind=spec.get("kind"),
                parts=tuple(str(p) for p in spec.get("sum", ())),
                units=spec.get("units"),
            )
        )
    codes = [r.code for r in rows]
    if len(set(codes)) != len(codes):
        raise FormError(f"{path.name}: a row code is used twice")
    for r in rows:
        unknown = [p for p in (*r.parts, *([r.parent] if r.parent else [])) if p not in codes]
        if unknown or r.code in r.parts:
            raise FormError(f"{path.name}, row {r.code}: unknown row(s) {', '.join(unknown)}")
    table = Table(
        code=str(header["form_number"]),
        number="",
        title=f"{data['title']}（{data['section']}）",
        columns=columns,
        row_specs=tuple(
            {"code": r.code, "label": r.label, "unit": r.unit, "parent": r.parent}
            | ({"indent": 1} if r.parent else {})
            for r in rows
        ),
        descriptive=(("label", "指标名称"), ("unit", "单位"), ("code", "代码")),
        unit_name_label="编制单位",
    )
    definition = Definition(
        id=str(data["id"]),
        version=str(data["version"]),
        title=str(data["title"]),
        periods=("month", "quarter", "half", "year"),
        header=header,
        tables=(table,),
        rules=(),
        path=path,
    )
    return Form(table, tuple(rows), definition, int(data.get("code_digits", 12)))


def strip_form(values: Mapping[str, Any]) -> dict[str, Any]:
    """An input's figures without a JBZH0001 table: the return's own tables are checked
    against its definition, the form's are summed separately (:func:`figures`)."""
    code = load_form().code
    return {table: cells for table, cells in values.items() if table != code}


def _number(value: Any) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else 0.0


def figures(
    form: Form,
    inputs: Sequence[tuple[Mapping[str, Any], Mapping[str, Any] | None]],
    *,
    committees: bool,
) -> dict[str, int | float]:
    """数量 of every row. ``inputs``: (return figures, their JBZH0001 table or None).

    Committees' returns are summed by each row's source; townships' JBZH0001 tables
    (a county) row by row, as they were reported.
    """
    out: dict[str, float] = {}
    for r in form.rows:
        if r.source == "sum":
            continue
        total = 0.0
        for values, own in inputs:
            if not committees:
                total += _number((own or {}).get(r.code, {}).get(QUANTITY))
                continue
            units = values.get(UNIT_TABLE, {}).get(UNITS_ROW, {})
            if r.source == "units":
                assert r.units is not None
                total += _number(units.get(KIND_UNITS[r.units]))
            elif r.cell is not None:
                if r.kind is not None and not _number(units.get(KIND_UNITS[r.kind])):
                    continue
                table, row, col = r.cell
                total += _number(values.get(table, {}).get(row, {}).get(col))
        out[r.code] = total
    for r in form.rows:
        if r.source == "sum":
            out[r.code] = sum(out.get(p, 0.0) for p in r.parts)
    return {code: _round(v, 2) if v != int(v) else int(v) for code, v in out.items()}


@dataclass(frozen=True)
class Previous:
    """The previous year's consolidation: its unit, period and JBZH0001 数量 by row."""

    path: Path
    unit_code: str
    period_code: str
    quantities: dict[str, Value]


def year_before(period: Period) -> str:
    """The code of the same period one year earlier (2026Q3 → 2025Q3)."""
    return f"{int(period.code[:4]) - 1}{period.code[4:]}"


def read_previous(path: Path, period: Period) -> Previous:
    """The 数量 column of a previous year's consolidated workbook, checked."""
    from commdesk.returns.xlsx_reader import BadFileError, NotAReturnError, read_return

    path = Path(path)
    try:
        ret = read_return(path)
    except (BadFileError, NotAReturnError) as exc:
        raise PreviousError(str(exc)) from exc
    except OSError as exc:
        raise PreviousError(f"{path.name}：无法读取（{exc.strerror or exc}）。") from exc
    form = load_form()
    table = ret.values.get(form.code)
    if not isinstance(table, dict):
        raise PreviousError(
            f"{path.name}：不是含社会服务统计季报表（{form.code}）的汇总表，无法取得上年数据。"
        )
    if ret.altered:
        raise PreviousError(f"{path.name}：报表导出后被修改过，不能作为上年数据。")
    wanted = year_before(period)
    if ret.period_code != wanted:
        raise PreviousError(
            f"{path.name}：报告期为 {ret.period_code or '未知'}，上年同期应为 {wanted}。"
        )
    quantities = {
        str(row): (cells or {}).get(QUANTITY) if isinstance(cells, dict) else None
        for row, cells in table.items()
    }
    return Previous(path, ret.division_code, ret.period_code, quantities)


def change(now: Value, before: Value, decimals: int) -> Value:
    """同比 as a percentage change; blank when there is no previous figure or it is 0."""
    if not isinstance(before, int | float) or isinstance(before, bool) or before == 0:
        return None
    if not isinstance(now, int | float) or isinstance(now, bool):
        return None
    return _round((now - before) * 100.0 / before, decimals)


def form_result(
    form: Form,
    period: Period,
    profile: Mapping[str, Any],
    quantities: Mapping[str, Value],
    previous: Mapping[str, Value] | None,
) -> ReturnResult:
    """The section as a return result the writer lays out (one table)."""
    rows = form.table.rows(released())
    tr = TableResult(form.table, rows)
    decimals = form.table.column(CHANGE).decimals
    for r in rows:
        now = quantities.get(r.code)
        before = previous.get(r.code) if previous is not None else None
        tr.values[r.code] = {
            QUANTITY: now,
            PREVIOUS: before,
            CHANGE: change(now, before, decimals),
        }
    code = str(profile.get("division_code") or "")
    shown = {**profile, "division_code": code.ljust(form.code_digits, "0") if code else ""}
    return ReturnResult(form.definition, period, shown, [tr])


def consolidated_form(cons: Any, previous: Previous | None) -> ReturnResult:
    """The section for a consolidation's included inputs (``cons.result`` is set)."""
    form = load_form()
    committees = cons.input_length == 12
    inputs: list[tuple[Mapping[str, Any], Mapping[str, Any] | None]] = []
    lacking: list[str] = []
    for f in cons.included:
        raw = f.ret.visible_values if f.ret.altered else f.ret.values
        own = raw.get(form.code)
        if not committees and not isinstance(own, dict):
            lacking.append(f.path.name)
        inputs.append((f.values or {}, own if isinstance(own, dict) else None))
    if lacking:
        cons.notes.append(
            f"{'、'.join(lacking)} 没有社会服务统计季报表（{form.code}）工作表（旧版汇总表），"
            f"其数字未计入该表。"
        )
    before = None
    if previous is not None and previous.unit_code != cons.unit_code:
        cons.notes.append(
            f"上年数据文件 {previous.path.name} 的区划代码为 {previous.unit_code}，"
            f"不是本单位（{cons.unit_code}），未填上年数据和同比。"
        )
    elif previous is not None:
        before = previous.quantities
    quantities = figures(form, inputs, committees=committees)
    return form_result(form, cons.period, cons.result.profile, quantities, before)
