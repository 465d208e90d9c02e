"""The printed form of a return, described once: what every sheet of it says, where.

Built from a computed return and consumed by the xlsx writer
(:mod:`commdesk.returns.xlsx_writer`) and the PDF / print renderer
(:mod:`commdesk.paper.return_pdf`), so the workbook and the paper copy cannot
drift apart: the top-right 表号 block, the title and period, 填报单位 and the
division code, the column headings with their units (a heading without a unit
spans both heading rows), the 甲 乙 丙 / 1 2 3 key row, the rows with indented
其中 rows and fixed decimals, the table's note, the signatories and 报出日期,
the column widths, the orientation and the scale, and the 审核说明 sheet.
No Qt and no openpyxl here.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from commdesk.returns.audit import Issue
from commdesk.returns.compute import ReturnResult, TableResult, Value
from commdesk.returns.definition import HEADER_FIELDS, HEADER_LABELS, Row
from commdesk.returns.form_text import DIVISION_CODE, KEY_LETTERS, MEASURE, UNNAMED

# Header labels padded with full-width spaces so the colons line up, as printed forms do.
HEADER_BLOCK_LABELS = {**HEADER_LABELS, "form_number": "表　　号"}
TOTAL_CODE = "TOTAL"
MAX_INDENT = 6
MAX_DECIMALS = 6
# A4 with 0.5" margins holds about this many column-width units across (Excel's unit,
# one digit of the default font): wider tables print landscape instead of shrinking.
PORTRAIT_UNITS = 96
LANDSCAPE_UNITS = 140  # the same margins across the long side
NOTES_TITLE = "审核说明"
NOTES_HEADINGS = ("序号", "规则代码", "审核提示", "说明")
NOTES_WIDTHS = (6, 28, 50, 50)
NO_WARNINGS = "本期无审核警告，无需说明。"
OTHER_NOTICES = "其他提示"


def text_width(text: str) -> int:
    """Display width in Excel column units: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def plain_value(value: Any) -> Value:
    """Values as they go on the form: no bools, no NaN/∞ (Excel would repair them)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def format_figure(value: Value, decimals: int | None) -> str:
    """A figure as printed: fixed decimals, as the workbook's number format shows it."""
    if value is None:
        return ""
    if isinstance(value, int | float) and decimals is not None:
        return f"{value:.{max(decimals, 0)}f}"
    return str(value)


def header_block_lines(header: Mapping[str, Any]) -> list[str]:
    """表号 … 有效期至, padded to one width: right-aligned, they stand as one block
    against the table's right edge, their colons in a column, as on the paper form."""
    lines = [f"{HEADER_BLOCK_LABELS[key]}：{header.get(key, '')}" for key in HEADER_FIELDS]
    wide = max(text_width(line) for line in lines)
    padded = []
    for line in lines:
        full, half = divmod(wide - text_width(line), 2)
        padded.append(line + "　" * full + " " * half)
    return padded


def printed_code(row: Row) -> str:
    """The 乙 column: a 合计 row's internal key (TOTAL) is not a code of the form."""
    return "—" if row.code == TOTAL_CODE else row.code


def effective_indent(row: Row) -> int:
    """其中 rows are indented even where the definition left indent at 0."""
    return row.indent if row.indent else (1 if row.parent else 0)


@dataclass(frozen=True)
class Figure:
    """One value cell: ``decimals`` is None for text."""

    key: str
    value: Value
    decimals: int | None

    @property
    def text(self) -> str:
        return format_figure(self.value, self.decimals)


@dataclass(frozen=True)
class FormRow:
    code: str  # the definition's row key (TOTAL for 合计)
    label: str
    printed_code: str
    unit: str
    indent: int
    bold: bool
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class FormColumn:
    key: str
    label: str
    unit: str  # shown under the label; "" when the table has one unit (计量单位)
    group: str = ""  # a heading shared with the adjacent columns of the same group (其中)

    @property
    def short_label(self) -> str:
        """The label under its group's heading, without the group's words repeated."""
        return self.label.removeprefix(f"{self.group}：") if self.group else self.label


@dataclass(frozen=True)
class TableForm:
    """One table as printed, and the geometry both renderers share."""

    code: str
    number: str
    header_lines: tuple[str, ...]
    title: str
    period: str
    unit_name: str  # 填报单位：…
    division: str  # 统计用区划代码：…
    measure: str  # 计量单位：…, or ""
    descriptive: tuple[tuple[str, str], ...]  # (label|code|unit, heading) = 甲 乙 丙
    columns: tuple[FormColumn, ...]
    widths: tuple[float, ...]  # Excel column units, descriptive columns first
    rows: tuple[FormRow, ...]
    note: str  # 注：…, or ""
    footer_items: tuple[str, ...]  # signatories, phone, 报出日期

    @property
    def n_desc(self) -> int:
        return len(self.descriptive)

    @property
    def n(self) -> int:
        return self.n_desc + len(self.columns)

    @property
    def total_width(self) -> float:
        return sum(self.widths)

    @property
    def key_row(self) -> tuple[str, ...]:
        return (*KEY_LETTERS[: self.n_desc], *(c.key for c in self.columns))

    @property
    def landscape(self) -> bool:
        """Wide tables print landscape rather than shrinking on a portrait page."""
        return self.total_width > PORTRAIT_UNITS

    @property
    def scale(self) -> float:
        """How much the table shrinks to fit the page's width (1 = not at all)."""
        room = LANDSCAPE_UNITS if self.landscape else PORTRAIT_UNITS
        return min(1.0, room / self.total_width) if self.total_width else 1.0

    def split(self, share: float) -> int:
        """First column index (0-based) of the right part when the left takes ``share``."""
        acc = 0.0
        for i, w in enumerate(self.widths):
            acc += w
            if acc >= share * self.total_width:
                return min(max(i + 1, 1), self.n - 1)
        return self.n - 1

    def right_block_start(self, need: float = 30.0) -> int:
        """First column index of the top-right 表号 block: as narrow as fits ``need`` units."""
        acc = 0.0
        for i in range(self.n - 1, 0, -1):
            acc += self.widths[i]
            if acc >= need:
                return i
        return 1


@dataclass(frozen=True)
class NotesForm:
    """审核说明: every warning with the clerk's explanation; other notices below."""

    info: str
    warnings: tuple[tuple[int, str, str, str], ...]  # 序号, 规则代码, 审核提示, 说明
    others: tuple[tuple[str, str], ...]  # (code, message)
    title: str = NOTES_TITLE
    headings: tuple[str, ...] = NOTES_HEADINGS
    widths: tuple[int, ...] = NOTES_WIDTHS


def _widths(
    tr: TableResult, desc: Sequence[tuple[str, str]], units: Mapping[str, str]
) -> list[float]:
    """Column widths from the labels and values: short columns stay narrow, long labels wrap."""
    label_w = max(
        [text_width("指标名称")] + [text_width(r.label) + 2 * effective_indent(r) for r in tr.rows]
    )
    desc_widths = {
        "label": min(max(label_w + 3, 16), 44),
        "code": min(max([4, *(len(r.code) for r in tr.rows)]) + 4, 12),
        "unit": min(max([8, *(text_width(r.unit) for r in tr.rows)]) + 3, 14),
    }
    widths: list[float] = [desc_widths[kind] for kind, _ in desc]
    for c in tr.table.columns:
        cells = [tr.values[r.code].get(c.key) for r in tr.rows]
        texts = [v for v in cells if isinstance(v, str)]
        nums = [v for v in cells if isinstance(v, int | float) and not isinstance(v, bool)]
        w_label = text_width(c.label.removeprefix(f"{c.group}：") if c.group else c.label)
        w = max(
            # one line when short, else two balanced lines
            w_label + 2 if w_label <= 12 else math.ceil(w_label / 2) + 3,
            text_width(units[c.key]) + 4,
            *(len(f"{v:.2f}") + 3 for v in nums),
            9,
        )
        if texts:
            w = max(w, min(max(text_width(s) for s in texts) + 2, 24))
        widths.append(min(w, 24 if texts else 16))
    return widths


def footer_items(profile: Mapping[str, Any], report_date: date) -> tuple[str, ...]:
    """Signatories and the report date; a blank leaves room for a handwritten entry."""
    blank = "　" * 4
    return (
        f"单位负责人：{profile.get('unit_head') or blank}",
        f"统计负责人：{profile.get('statistics_head') or blank}",
        f"填表人：{profile.get('preparer') or blank}",
        f"联系电话：{profile.get('phone') or blank}",
        f"报出日期：{report_date:%Y年%m月%d日}",
    )


def table_form(result: ReturnResult, tr: TableResult, report_date: date) -> TableForm:
    """The printed form of one table of ``result``."""
    t = tr.table
    profile = result.profile
    desc = tuple((k, h) for k, h in t.descriptive if k != "unit" or t.has_units_column)
    units = {c.key: ("" if t.unit else c.unit) for c in t.columns}
    rows = []
    for row in tr.rows:
        figures = []
        for c in t.columns:
            value = plain_value(tr.values[row.code].get(c.key))
            decimals = min(max(tr.decimals(row, c), 0), MAX_DECIMALS)
            figures.append(Figure(c.key, value, None if isinstance(value, str) else decimals))
        rows.append(
            FormRow(
                code=row.code,
                label=row.label,
                printed_code=printed_code(row),
                unit=row.unit or "",
                indent=min(effective_indent(row), MAX_INDENT),
                bold=bool(row.total or row.subtotal),
                figures=tuple(figures),
            )
        )
    return TableForm(
        code=t.code,
        number=t.number,
        header_lines=tuple(header_block_lines(result.definition.header)),
        title=f"{t.number}　{t.title}" if t.number else t.title,
        period=result.period.label_zh,
        unit_name=f"{t.unit_name_label}：{profile.get('name') or UNNAMED}",
        division=DIVISION_CODE.format(code=profile.get("division_code") or ""),
        measure=MEASURE.format(unit=t.unit) if t.unit else "",
        descriptive=desc,
        columns=tuple(FormColumn(c.key, c.label, units[c.key], c.group) for c in t.columns),
        widths=tuple(_widths(tr, desc, units)),
        rows=tuple(rows),
        note=f"注：{t.note}" if t.note else "",
        footer_items=footer_items(profile, report_date),
    )


def notes_form(
    result: ReturnResult, notes: Mapping[str, str], issues: Sequence[Issue]
) -> NotesForm:
    """The 审核说明 sheet: warnings with their explanations, then the other notices."""
    p = result.profile
    info = (
        f"填报单位：{p.get('name') or UNNAMED}　　统计用区划代码：{p.get('division_code') or ''}"
        f"　　报告期：{result.period.label_zh}"
    )
    warnings = [i for i in issues if i.level == "warning"]
    return NotesForm(
        info=info,
        warnings=tuple(
            (n, i.code, i.message, (notes.get(i.code) or "").strip())
            for n, i in enumerate(warnings, start=1)
        ),
        others=tuple((i.code, i.message) for i in issues if i.level != "warning"),
    )


@dataclass(frozen=True)
class ReturnForm:
    """Everything printed for a return: its tables (and other forms' tables), then 审核说明."""

    tables: tuple[TableForm, ...]
    notes: NotesForm
    title: str


def return_form(
    result: ReturnResult,
    *,
    notes: Mapping[str, str],
    issues: Sequence[Issue],
    report_date: date,
    forms: Sequence[ReturnResult] = (),
) -> ReturnForm:
    """The whole printed return; ``forms`` as for :func:`xlsx_writer.build_workbook`."""
    tables = [table_form(result, tr, report_date) for tr in result.tables]
    tables += [table_form(form, tr, report_date) for form in forms for tr in form.tables]
    name = str(result.profile.get("name") or "")
    title = f"{name}　{result.definition.title}　{result.period.label_zh}".strip("　")
    return ReturnForm(tuple(tables), notes_form(result, notes, issues), title)
