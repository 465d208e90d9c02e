"""Writing a consolidation: the summed return plus 汇总说明 and the per-unit breakdown.

The return itself is rendered by :func:`xlsx_writer.build_workbook` (official
layout, hidden metadata sheet, so the next level can consolidate it); two
sheets are added to that workbook before it is saved once, atomically:

* 汇总说明 — every input file with what happened to it, missing and duplicate
  returns, the audit of the sum and the committees' own explanations;
* 分村（居）委会明细 — one row per included unit with the key figures of each
  table (total rows, or top-level rows where a table has no total), and the
  consolidated figures below, so the township can see who contributed what.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from commdesk import __version__
from commdesk.domain.catalogues import Catalogues, released
from commdesk.returns.audit import Issue
from commdesk.returns.compute import TableResult
from commdesk.returns.consolidate import Consolidation, InputFile
from commdesk.returns.consolidate_names import shown_name
from commdesk.returns.consolidate_structure import UNIT_NOUN, level_definition
from commdesk.returns.definition import Definition
from commdesk.returns.form_layout import ReturnForm, return_form
from commdesk.returns.indicators import INDICATOR_TABLE
from commdesk.returns.township_indicator_sheet import SHEET as INDICATOR_SHEET
from commdesk.returns.township_indicator_sheet import fill_indicator_sheet
from commdesk.returns.township_indicators import township_indicators
from commdesk.returns.xlsx_writer import META_SHEET, build_workbook, number_format, text_width

SUMMARY_SHEET = "汇总说明"
KIND_ZH = {"village": "村", "urban": "居", "township": "乡镇（街道）", "county": "县（市、区）"}
_FONT = "宋体"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")
MAX_DECIMALS = 4
STATUS_FILL = {True: "E6F4EA", False: "FDECEA"}


def breakdown_sheet_name(input_length: int) -> str:
    return f"分{UNIT_NOUN.get(input_length, '单位')}明细"


def _styles() -> list[NamedStyle]:
    """Own style names (cdc-…), so nothing depends on the writer's private ones."""
    specs: list[tuple[str, Font, Alignment, bool, str]] = [
        ("title", Font(name=_FONT, size=16, bold=True), _CENTER, False, "General"),
        ("info", Font(name=_FONT, size=10), _WRAP_LEFT, False, "General"),
        ("section", Font(name=_FONT, size=11, bold=True), _WRAP_LEFT, False, "General"),
        ("head", Font(name=_FONT, size=10, bold=True), _CENTER, True, "General"),
        ("cell", Font(name=_FONT, size=10), _CENTER, True, "General"),
        ("text", Font(name=_FONT, size=10), _CENTER, True, "@"),
        ("left", Font(name=_FONT, size=10), _WRAP_LEFT, True, "General"),
        ("bold", Font(name=_FONT, size=10, bold=True), _WRAP_LEFT, True, "General"),
    ]
    specs += [
        (f"num{d}", Font(name=_FONT, size=10), _RIGHT, True, number_format(d))
        for d in range(MAX_DECIMALS + 1)
    ]
    return [
        NamedStyle(
            f"cdc-{n}",
            font=f,
            alignment=a,
            border=_BOX if boxed else Border(),
            number_format=fmt,
            hidden=True,
        )
        for n, f, a, boxed, fmt in specs
    ]


def _put(ws: Worksheet, row: int, col: int, value: Any, style: str = "left") -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:16_000]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text, never a formula
    cell.style = f"cdc-{style}"


def _line(ws: Worksheet, row: int, text: str, last_col: int, style: str = "info") -> int:
    _put(ws, row, 1, text, style)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    width = sum(ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, last_col))
    lines = sum(max(1, math.ceil(text_width(p) / max(width - 2, 10))) for p in text.split("\n"))
    ws.row_dimensions[row].height = max(18, 14 * lines + 4)
    return row + 1


def _table(
    ws: Worksheet, row: int, head: list[str], rows: list[list[Any]], widths: list[int]
) -> int:
    """A boxed table; a table narrower than the sheet stretches its last column to the
    sheet's edge, so long explanations wrap over the page's width, not a narrow column."""
    spans = [widths[c] for c in range(len(head))]
    spans[-1] = sum(widths[len(head) - 1 :])
    last = len(widths)

    def put(r: int, c: int, value: Any, style: str) -> None:
        _put(ws, r, c, value, style)
        if c == len(head) and c < last:
            for k in range(c + 1, last + 1):
                ws.cell(row=r, column=k).style = f"cdc-{style}"
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=last)

    for c, label in enumerate(head, start=1):
        put(row, c, label, "head")
    row += 1
    for values in rows:
        lines = 1
        for c, value in enumerate(values, start=1):
            put(row, c, value, "cell" if c == 1 else "left")
            if isinstance(value, str):
                lines = max(
                    lines,
                    sum(
                        max(1, math.ceil(text_width(p) / max(spans[c - 1] - 2, 4)))
                        for p in value.split("\n")
                    ),
                )
        ws.row_dimensions[row].height = 14 * lines + 4
        row += 1
    return row + 1


def _page(ws: Worksheet, *, title_rows: str, title_cols: str | None, width_pages: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = width_pages
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.sheet_view.showGridLines = False


# ------------------------------------------------------------------ 汇总说明
def _counts_text(cons: Consolidation) -> str:
    files = cons.files
    included = cons.included
    altered = sum(1 for f in included if f.status == "included-altered")
    dup = sum(1 for f in files if f.status == "duplicate")
    text = (
        f"输入文件{len(files)}个：已汇总{len(included)}个"
        f"（其中经确认按表面数据汇总的已修改报表{altered}个），未汇总{len(files) - len(included)}个"
        f"（其中重复报送{dup}个）。"
    )
    if cons.roster_used and cons.township is not None:
        expected = sum(1 for e in cons.township.entries if e.active)
        text += f"名册应报{expected}个，缺报{len(cons.missing)}个。"
    return text


def _file_rows(cons: Consolidation) -> list[list[Any]]:
    rows = []
    for n, f in enumerate(cons.files, start=1):
        detail = "\n".join(x for x in [f.reason, *f.notes] if x)
        at = f.exported_at
        rows.append(
            [
                n,
                f.path.name,
                f.status_zh,
                f.name,
                f.code,
                KIND_ZH.get(f.kind, f.kind),
                at.strftime("%Y-%m-%d %H:%M:%S") if at else "",
                detail,
                str(f.path.parent),
            ]
        )
    return rows


def _committee_notes(cons: Consolidation) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for f in cons.included:
        assert f.ret is not None
        notes = f.ret.meta.get("notes") or {}
        for issue in f.ret.meta.get("issues") or []:
            if issue.get("level") != "warning":
                continue
            code = str(issue.get("code") or "")
            rows.append(
                [len(rows) + 1, f.name, code, issue.get("message") or "", notes.get(code, "")]
            )
    return rows


def fill_summary(ws: Worksheet, cons: Consolidation, exported_at: datetime) -> None:
    # About 110 column units: landscape A4 at (nearly) full size also where the font
    # behind Excel's width unit is wider than Calibri (LibreOffice without it).
    widths = [5, 15, 10, 15, 14, 5, 11, 24, 11]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    last = len(widths)
    d = cons.definition
    noun = UNIT_NOUN.get(cons.input_length, "单位")
    r = _line(ws, 1, SUMMARY_SHEET, last, "title")
    ws.row_dimensions[1].height = 30
    r = _line(
        ws,
        r,
        f"汇总单位：{shown_name(cons.unit_name)}　　统计用区划代码：{cons.unit_code}"
        f"　　报告期：{cons.period.label_zh}",
        last,
    )
    r = _line(
        ws,
        r,
        f"报表模板：{d.title}（{d.id}，版本 {d.version}）　　"
        f"汇总时间：{exported_at:%Y-%m-%d %H:%M:%S}　　CommDesk {__version__}",
        last,
    )
    r = _line(ws, r, _counts_text(cons), last, "section")
    for note in cons.notes:
        r = _line(ws, r, note, last)
    r += 1
    r = _line(ws, r, "一、输入文件处理情况（每个输入文件一行）", last, "section")
    head = [
        "序号",
        "文件名",
        "处理结果",
        "单位名称",
        "统计用区划代码",
        "类型",
        "导出时间",
        "原因及说明",
        "所在文件夹",
    ]
    r = _table(ws, r, head, _file_rows(cons), widths)

    r = _line(ws, r, f"二、缺报的{noun}", last, "section")
    if not cons.roster_used:
        r = _line(ws, r, "未设置名册（或名册为空），未检查缺报。", last) + 1
    elif not cons.missing:
        r = _line(ws, r, f"无：名册中在用的{noun}均已汇总。", last) + 1
    else:
        rows = [
            [n, m.name, m.code, KIND_ZH.get(m.kind, m.kind), m.reason]
            for n, m in enumerate(cons.missing, start=1)
        ]
        r = _table(ws, r, ["序号", "名称", "统计用区划代码", "类型", "说明"], rows, widths)

    r = _line(ws, r, "三、重复报送", last, "section")
    dups = [f for f in cons.files if f.duplicate_of is not None]
    if not dups:
        r = _line(ws, r, "无。", last) + 1
    else:
        rows = [
            [n, f.name, f.code, f.duplicate_of.name if f.duplicate_of else "", f.path.name]
            for n, f in enumerate(dups, start=1)
        ]
        r = _table(
            ws,
            r,
            ["序号", "单位名称", "统计用区划代码", "采用的文件", "未采用的文件"],
            rows,
            widths,
        )

    r = _line(ws, r, "四、汇总结果审核", last, "section")
    if not cons.issues:
        r = _line(ws, r, "汇总结果通过全部表内、表间审核。", last) + 1
    else:
        rows = [
            [n, i.code, "错误" if i.is_error else "提示", i.message]
            for n, i in enumerate(cons.issues, start=1)
        ]
        r = _table(ws, r, ["序号", "规则代码", "级别", "说明"], rows, widths)

    r = _line(ws, r, f"五、各{noun}报表中的审核说明", last, "section")
    notes = _committee_notes(cons)
    if not notes:
        r = _line(ws, r, "无。", last)
    else:
        _table(ws, r, ["序号", "单位名称", "规则代码", "审核提示", "说明"], notes, widths)
    _page(ws, title_rows="1:1", title_cols=None, width_pages=1)


# ------------------------------------------------------------------ breakdown
def _key_cells(
    definition: Definition, catalogues: Catalogues
) -> list[tuple[TableResult, Any, Any]]:
    """(table, row, column) of every key figure: total rows, else the top-level rows."""
    out: list[tuple[TableResult, Any, Any]] = []
    for t in definition.tables:
        rows = t.rows(catalogues)
        tr = TableResult(t, rows)
        totals = [r for r in rows if r.total]
        chosen = totals or [r for r in rows if r.parent is None]
        for row in chosen:
            for c in t.columns:
                if not c.text and c.key not in row.cells:
                    out.append((tr, row, c))
    return out


def _label(tr: TableResult, row: Any, col: Any, cells: list[tuple[TableResult, Any, Any]]) -> str:
    same_table = [(r, c) for t, r, c in cells if t.table.code == tr.table.code]
    rows = {r.code for r, _c in same_table}
    cols = {c.key for _r, c in same_table}
    unit = row.unit or col.unit
    if len(rows) == 1:
        text = col.label
    elif len(cols) == 1:
        text = row.label
    else:
        text = f"{row.label}·{col.label}"
    return f"{text}（{unit}）" if unit else text


def _show(value: Any, row: Any, level: int) -> Any:
    if row.consolidate == "share" and level == 12 and isinstance(value, int | float):
        return "有" if value > 0 else "无"
    return value


def fill_breakdown(ws: Worksheet, cons: Consolidation, catalogues: Catalogues) -> None:
    level = cons.input_length
    input_def = level_definition(cons.definition, level, catalogues)
    cells = _key_cells(input_def, catalogues)
    fixed = ["序号", "名称", "统计用区划代码", "类型", "处理结果"]
    n_cols = len(fixed) + len(cells)
    for i, w in enumerate([6, 26, 15, 8, 12], start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for j in range(len(fixed) + 1, n_cols + 1):
        ws.column_dimensions[get_column_letter(j)].width = 11
    title = f"{breakdown_sheet_name(level)}（{cons.period.label_zh}）"
    head_cols = min(n_cols, 14)  # the title sits over the first printed page, not all of them
    _line(ws, 1, title, head_cols, "title")
    ws.row_dimensions[1].height = 30
    _line(
        ws,
        2,
        f"汇总单位：{shown_name(cons.unit_name)}　　统计用区划代码：{cons.unit_code}　　"
        f"共{len(cons.included)}个{UNIT_NOUN.get(level, '单位')}",
        head_cols,
    )
    for c, label in enumerate(fixed, start=1):
        _put(ws, 3, c, label, "head")
        ws.merge_cells(start_row=3, start_column=c, end_row=5, end_column=c)
    col = len(fixed) + 1
    groups: list[tuple[str, int, int]] = []
    for tr, row, column in cells:
        name = f"{tr.table.number}　{tr.table.title}"
        if groups and groups[-1][0] == name:
            groups[-1] = (name, groups[-1][1], col)
        else:
            groups.append((name, col, col))
        _put(ws, 4, col, _label(tr, row, column, cells), "head")
        _put(ws, 5, col, f"{tr.table.code}.{row.code}.{column.key}", "cell")
        col += 1
    for name, first, last in groups:
        _put(ws, 3, first, name, "head")
        if last > first:
            ws.merge_cells(start_row=3, start_column=first, end_row=3, end_column=last)
    ws.row_dimensions[4].height = 58
    r = 6
    for n, f in enumerate(sorted(cons.included, key=lambda f: f.code), start=1):
        _unit_row(ws, r, n, f, cells, level)
        r += 1
    _total_row(ws, r, cons, cells)
    ws.freeze_panes = "F6"
    _page(ws, title_rows="3:5", title_cols="A:C", width_pages=max(1, math.ceil(n_cols / 18)))


def _unit_row(ws: Worksheet, r: int, n: int, f: InputFile, cells: list[Any], level: int) -> None:
    for c, value in enumerate([n, f.name, f.code, KIND_ZH.get(f.kind, f.kind)], start=1):
        _put(ws, r, c, value, "text" if c == 3 else ("left" if c == 2 else "cell"))
    _put(ws, r, 5, "已修改" if f.status == "included-altered" else "正常", "cell")
    values = f.values or {}
    for j, (tr, row, col) in enumerate(cells, start=6):
        value = _show(values.get(tr.table.code, {}).get(row.code, {}).get(col.key), row, level)
        if isinstance(value, int | float):
            _put(ws, r, j, value, f"num{min(max(tr.decimals(row, col), 0), MAX_DECIMALS)}")
        else:
            _put(ws, r, j, value, "cell")


def _total_row(ws: Worksheet, r: int, cons: Consolidation, cells: list[Any]) -> None:
    _put(ws, r, 1, "合计", "bold")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    _put(ws, r, 5, "", "cell")
    result = cons.result
    for j, (tr, row, col) in enumerate(cells, start=6):
        value: Any = None
        if result is not None:
            try:
                value = result.value(tr.table.code, row.code, col.key)
            except KeyError:
                value = None
        if row.consolidate == "share" and isinstance(value, int | float):
            _put(ws, r, j, f"{value:.1f}%", "cell")
        elif isinstance(value, int | float):
            _put(ws, r, j, value, f"num{min(max(tr.decimals(row, col), 0), MAX_DECIMALS)}")
        else:
            _put(ws, r, j, value, "cell")
    ws.row_dimensions[r].height = 20


# ------------------------------------------------------------------ writing
def consolidation_notices(cons: Consolidation) -> list[Issue]:
    """What the 审核说明 of a consolidation says: where it came from, what happened."""
    noun = UNIT_NOUN.get(cons.input_length, "单位")
    breakdown = breakdown_sheet_name(cons.input_length)
    return [
        Issue(
            "N-CONSOLIDATED",
            "notice",
            f"本表由{len(cons.included)}份{noun}报表汇总而成；各输入文件的处理情况见“{SUMMARY_SHEET}”"
            f"工作表，分单位数据见“{breakdown}”工作表。",
        ),
        *(Issue(i.code, "notice", i.message) for i in cons.issues),
    ]


def consolidation_form(cons: Consolidation, *, report_date: date) -> ReturnForm:
    """The consolidated return as printed: the same form description as its workbook."""
    if cons.result is None:
        raise ValueError("nothing was consolidated")
    return return_form(
        cons.result,
        notes={},
        issues=consolidation_notices(cons),
        report_date=report_date,
        forms=[cons.form] if cons.form is not None else [],
    )


def build_consolidated_workbook(
    cons: Consolidation,
    *,
    report_date: date,
    exported_at: datetime,
    program_version: str = __version__,
) -> tuple[Workbook, str]:
    """The township's return workbook with 汇总说明 and the breakdown sheet added."""
    if cons.result is None:
        raise ValueError("nothing was consolidated")
    breakdown = breakdown_sheet_name(cons.input_length)
    notices = consolidation_notices(cons)
    wb, sha = build_workbook(
        cons.result,
        notes={},
        issues=notices,
        report_date=report_date,
        exported_at=exported_at,
        program_version=program_version,
        forms=[cons.form] if cons.form is not None else [],
    )
    for style in _styles():
        wb.add_named_style(style)
    at = wb.sheetnames.index(META_SHEET)
    fill_summary(wb.create_sheet(SUMMARY_SHEET, at), cons, exported_at)
    fill_breakdown(wb.create_sheet(breakdown, at + 1), cons, cons.catalogues or released())
    if INDICATOR_TABLE in {t.table.code for t in cons.result.tables}:
        ti = township_indicators(cons)
        fill_indicator_sheet(wb.create_sheet(INDICATOR_SHEET, at + 2), ti)
    return wb, sha


def write_consolidation(
    cons: Consolidation,
    out: Path,
    *,
    report_date: date | None = None,
    exported_at: datetime | None = None,
    program_version: str = __version__,
) -> str:
    """Write atomically (temp file, fsync, rename); returns the metadata SHA-256."""
    out = Path(out)
    exported_at = exported_at or datetime.now().replace(microsecond=0)
    wb, sha = build_consolidated_workbook(
        cons,
        report_date=report_date or date.today(),
        exported_at=exported_at,
        program_version=program_version,
    )
    from commdesk.store.maintenance import save_workbook

    save_workbook(wb, out)  # one plain OSError on a full disk, no "Exception ignored" noise
    cons.output, cons.sha256 = out, sha
    return sha
