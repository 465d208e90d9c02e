"""Write a computed return as an Excel workbook in the official statistical-form layout.

The township prints these, consolidates them and checks them for tampering, so
the workbook carries two things: the visible tables (one sheet per table, laid
out like the paper form, always in Chinese) and a hidden, protected sheet with
the machine-readable content and a SHA-256 over it (see :mod:`xlsx_reader`).
The file is written to a temp name in the same folder and renamed, so a crash
or a failed save never leaves a half-written return where the old one was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet

from commdesk.returns.audit import Issue
from commdesk.returns.compute import ReturnResult, Value
from commdesk.returns.definition import HEADER_FIELDS
from commdesk.returns.form_layout import (
    MAX_DECIMALS,
    MAX_INDENT,
    NO_WARNINGS,
    OTHER_NOTICES,
    PORTRAIT_UNITS,
    NotesForm,
    TableForm,
    notes_form,
    plain_value,
    table_form,
    text_width,
)
from commdesk.returns.form_text import column_groups

FORMAT_MARKER = "commdesk-return"
# 2: the metadata also holds the text of every visible cell ("visible_text"), so
# a label, code, period, 填报单位 or date edited after export is evident too.
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
META_SHEET = "_commdesk"
NOTES_SHEET = "审核说明"
# Metadata sheet: A1 FORMAT_MARKER, B1 format version, B2 SHA-256 of the canonical
# JSON, B3 number of JSON chunks, the chunks from A5 down (the reader relies on it).
META_FIRST_CHUNK_ROW = 5
# Well under Excel's 32,767-character cell limit even if every character were
# outside the BMP (counted twice there).
CHUNK_CHARS = 16_000
MAX_CELL_CHARS = 16_000  # a visible cell (a long 说明) is cut rather than refused
# Tamper evidence, not security: anyone can unprotect the sheet, but then the
# hash no longer matches unless they also recompute it.
META_PASSWORD = "commdesk-return-v1"

COMMUNITY_KIND_ZH = {"village": "村", "urban": "居"}

# Row layout of a table sheet.
HEADER_BLOCK_ROWS = (1, 2, 3, 4, 5)
TITLE_ROW = 6
PERIOD_ROW = 7
UNIT_NAME_ROW = 8  # 填报单位
CODE_UNIT_ROW = 9  # 统计用区划代码 … 计量单位
HEAD_ROW = 10  # column labels
HEAD_UNIT_ROW = 11  # column units (merged with HEAD_ROW where there is none)
KEY_ROW = 12  # 甲 乙 丙 / 1 2 3 …
BODY_ROW = 13
__all__ = ["PORTRAIT_UNITS", "plain_value", "text_width"]  # kept importable from here

# Shared style objects, registered once per workbook as named styles: assigning a
# style by name is cheap, whereas assigning Font/Border objects makes openpyxl
# hash them again for every cell.
FONT_NAME = "宋体"
FONT = Font(name=FONT_NAME, size=10)
FONT_BOLD = Font(name=FONT_NAME, size=10, bold=True)
FONT_SMALL = Font(name=FONT_NAME, size=9)
FONT_TITLE = Font(name=FONT_NAME, size=16, bold=True)
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
NUMBER = Alignment(horizontal="right", vertical="center")
LINE_PT = 14.0  # height of one wrapped line of 10 pt CJK text, in points


def _label_alignment(indent: int) -> Alignment:
    return Alignment(horizontal="left", vertical="center", wrap_text=True, indent=indent)


def _named_styles() -> list[NamedStyle]:
    """Every style a return uses; names prefixed so they never clash with Excel's own."""
    general = "General"
    specs: list[tuple[str, Font, Alignment, bool, str]] = [
        ("block", FONT_SMALL, Alignment(horizontal="right", vertical="center"), False, general),
        ("title", FONT_TITLE, CENTER, False, general),
        ("center", FONT, CENTER, False, general),
        ("left", FONT, LEFT, False, general),
        ("right", FONT, RIGHT, False, general),
        ("left-bold", FONT_BOLD, LEFT, False, general),
        ("head", FONT_BOLD, CENTER, True, general),
        ("cell", FONT, CENTER, True, general),
        ("cell-left", FONT, LEFT, True, general),
        ("text", FONT, CENTER, True, "@"),
    ]
    for i in range(MAX_INDENT + 1):
        specs.append((f"label{i}", FONT, _label_alignment(i), True, general))
        specs.append((f"label{i}-bold", FONT_BOLD, _label_alignment(i), True, general))
    specs += [(f"num{d}", FONT, NUMBER, True, number_format(d)) for d in range(MAX_DECIMALS + 1)]
    return [
        NamedStyle(
            f"cd-{name}",
            font=f,
            alignment=a,
            border=BORDER if boxed else Border(),
            number_format=fmt,
            hidden=True,  # kept out of the user's style gallery
        )
        for name, f, a, boxed, fmt in specs
    ]


def number_format(decimals: int) -> str:
    """Fixed formats: figures in a column line up and never switch to scientific."""
    return ("0" if decimals <= 0 else "0." + "0" * decimals) + "_ "


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


def canonical_json(content: Mapping[str, Any]) -> str:
    """The one serialisation the hash is computed over (the reader uses it too)."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _put(
    ws: Worksheet,
    row: int,
    col: int,
    value: Any,
    style: str = "cd-left",
    *,
    to: tuple[int, int] | None = None,
    height: float | None = None,
) -> Cell:
    """Set a cell (merged through ``to``); text stays text, never a formula, even '=…'."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    cell.style = style
    if to is not None:
        _merge(ws, row, col, *to)
    if height is not None:
        ws.row_dimensions[row].height = height
    return cell


def _merge(ws: Worksheet, row1: int, col1: int, row2: int, col2: int) -> None:
    """Merge, giving every covered cell the first cell's style (so borders run all round).

    openpyxl would otherwise copy only the outer edges of the first cell's border,
    and slowly; so the first cell is plain while merging and styled afterwards.
    """
    if (row1, col1) == (row2, col2):
        return
    first = ws.cell(row=row1, column=col1)
    style = first.style
    first.style = "Normal"
    ws.merge_cells(start_row=row1, start_column=col1, end_row=row2, end_column=col2)
    for row in range(row1, row2 + 1):
        for col in range(col1, col2 + 1):
            ws.cell(row=row, column=col).style = style


def _table_sheet(ws: Worksheet, form: TableForm) -> dict[str, dict[str, str]]:
    """Lay out one table; returns the coordinate of every value cell by row and column."""
    n = form.n
    ws.sheet_view.showGridLines = False
    for i, w in enumerate(form.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w

    # Top-right block: 表号, 制定机关, 批准机关, 批准文号, 有效期至.
    rb = form.right_block_start()
    for row, text in zip(HEADER_BLOCK_ROWS, form.header_lines, strict=True):
        _put(ws, row, rb + 1, text, "cd-block", to=(row, n), height=13)

    # Title, period.
    _put(ws, TITLE_ROW, 1, form.title, "cd-title", to=(TITLE_ROW, n), height=30)
    _put(ws, PERIOD_ROW, 1, form.period, "cd-center", to=(PERIOD_ROW, n), height=18)

    # 填报单位 / 统计用区划代码 on the left, 计量单位 on the right.
    split = form.split(0.6)
    left_w = sum(form.widths[:split])
    for row, text in ((UNIT_NAME_ROW, form.unit_name), (CODE_UNIT_ROW, form.division)):
        height = max(18, _lines(text, left_w) * LINE_PT + 4)
        _put(ws, row, 1, text, to=(row, split), height=height)
    if form.measure:
        _put(ws, CODE_UNIT_ROW, split + 1, form.measure, "cd-right", to=(CODE_UNIT_ROW, n))

    # Column headings (two rows), then the key row.
    key_row = form.key_row
    for i, (_kind, label) in enumerate(form.descriptive, start=1):
        _put(ws, HEAD_ROW, i, label, "cd-head", to=(HEAD_UNIT_ROW, i))
        _put(ws, KEY_ROW, i, key_row[i - 1], "cd-cell")
    head_lines, sub_lines = 1, 1
    groups = column_groups(form.columns)
    for j, c in enumerate(form.columns, start=form.n_desc + 1):
        span = groups.get(j - form.n_desc - 1)
        if span is not None:  # the group's heading above, this column's label below it
            if span:
                _put(ws, HEAD_ROW, j, c.group, "cd-head", to=(HEAD_ROW, j + span - 1))
            below = f"{c.short_label}\n（{c.unit}）" if c.unit else c.short_label
            _put(ws, HEAD_UNIT_ROW, j, below, "cd-head")
            lines = sum(_lines(part, form.widths[j - 1]) for part in below.split("\n"))
            sub_lines = max(sub_lines, lines)
        elif c.unit:
            _put(ws, HEAD_ROW, j, c.label, "cd-head")
            _put(ws, HEAD_UNIT_ROW, j, f"（{c.unit}）", "cd-cell")
            head_lines = max(head_lines, _lines(c.label, form.widths[j - 1]))
        else:
            _put(ws, HEAD_ROW, j, c.label, "cd-head", to=(HEAD_UNIT_ROW, j))
            head_lines = max(head_lines, _lines(c.label, form.widths[j - 1]) - 1)
        _put(ws, KEY_ROW, j, key_row[j - 1], "cd-cell")
    ws.row_dimensions[HEAD_ROW].height = head_lines * LINE_PT + 6
    ws.row_dimensions[HEAD_UNIT_ROW].height = max(16, sub_lines * LINE_PT + 2)
    ws.row_dimensions[KEY_ROW].height = 16

    # Body.
    coords: dict[str, dict[str, str]] = {}
    r = BODY_ROW
    for row in form.rows:
        bold = "-bold" if row.bold else ""
        described = {
            "label": (row.label, f"cd-label{row.indent}{bold}"),
            "code": (row.printed_code, "cd-cell"),
            "unit": (row.unit or None, "cd-cell"),
        }
        for i, (kind, _heading) in enumerate(form.descriptive, start=1):
            _put(ws, r, i, *described[kind])
        lines = _lines(row.label, form.widths[0] - 2 * row.indent)
        row_coords: dict[str, str] = {}
        for j, fig in enumerate(row.figures, start=form.n_desc + 1):
            if fig.decimals is None:
                cell = _put(ws, r, j, fig.value, "cd-text")
                lines = max(lines, _lines(str(fig.value), form.widths[j - 1]))
            else:
                cell = _put(ws, r, j, fig.value, f"cd-num{fig.decimals}")
            row_coords[fig.key] = cell.coordinate
        coords[row.code] = row_coords
        ws.row_dimensions[r].height = max(16.5, lines * LINE_PT + 3)
        r += 1

    if form.note:  # the definition's own note, e.g. why 表5's rows may exceed 合计
        lines = _lines(form.note, form.total_width - 2)
        _put(ws, r, 1, form.note, to=(r, n), height=max(22, lines * LINE_PT + 6))
        r += 1
    footer_end = _footer(ws, form, r)
    _page_setup(ws, landscape=form.landscape, title_rows=f"{HEAD_ROW}:{KEY_ROW}")
    ws.print_area = f"A1:{get_column_letter(n)}{footer_end}"
    ws.freeze_panes = ws.cell(row=BODY_ROW, column=form.n_desc + 1).coordinate
    return coords


def _footer(ws: Worksheet, form: TableForm, first: int) -> int:
    """Signatories and report date, packed into as few full-width lines as fit."""
    gap = "　　"
    lines: list[list[str]] = [[]]
    for item in form.footer_items:
        candidate = gap.join([*lines[-1], item])
        if lines[-1] and text_width(candidate) > form.total_width - 2:
            lines.append([item])
        else:
            lines[-1].append(item)
    row = first
    for parts in lines:
        _put(ws, row, 1, gap.join(parts), to=(row, form.n), height=22)
        row += 1
    return row - 1


def _page_setup(ws: Worksheet, *, landscape: bool, title_rows: str) -> None:
    """A4, one page wide (any number of pages tall), headings repeated, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.footer = 0.6, 0.7, 0.3
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9


def _notes_sheet(ws: Worksheet, form: NotesForm) -> None:
    """审核说明: every warning with the clerk's explanation; other notices below."""
    widths = form.widths
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.sheet_view.showGridLines = False
    _put(ws, 1, 1, form.title, "cd-title", to=(1, 4), height=30)
    _put(ws, 2, 1, form.info, to=(2, 4), height=20)
    for i, label in enumerate(form.headings, start=1):
        _put(ws, 3, i, label, "cd-head")
    row = 4
    if not form.warnings:
        _put(ws, row, 1, NO_WARNINGS, "cd-cell-left", to=(row, 4), height=20)
        row += 1
    for values in form.warnings:
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value, "cd-cell" if col == 1 else "cd-cell-left")
        _n, _code, message, note = values
        lines = max(_lines(message, widths[2]), _lines(note, widths[3]), 1)
        ws.row_dimensions[row].height = lines * LINE_PT + 6
        row += 1
    if form.others:
        row += 1
        _put(ws, row, 1, OTHER_NOTICES, "cd-left-bold", to=(row, 4))
        row += 1
        for code, message in form.others:
            _put(ws, row, 2, code)
            height = _lines(message, 100) * LINE_PT + 6
            _put(ws, row, 3, message, to=(row, 4), height=height)
            row += 1
    _page_setup(ws, landscape=True, title_rows="3:3")


def metadata_content(
    result: ReturnResult,
    *,
    layout: Mapping[str, Mapping[str, Any]],
    notes: Mapping[str, str],
    issues: Sequence[Issue],
    report_date: date,
    exported_at: datetime,
    program_version: str,
    visible_text: Mapping[str, Mapping[str, Value]] | None = None,
    forms: Sequence[ReturnResult] = (),
) -> dict[str, Any]:
    """The machine-readable return: what the township checks and consolidates.

    Aggregates and officials' roles only — no names or ID numbers of residents,
    volunteers or workers (the signatories are printed on the visible sheets).
    """
    d, p, per = result.definition, result.profile, result.period
    kind = str(p.get("kind") or "")
    return {
        "format": FORMAT_MARKER,
        "format_version": FORMAT_VERSION,
        "definition": {"id": d.id, "version": d.version, "title": d.title},
        "header": {k: d.header.get(k, "") for k in HEADER_FIELDS},
        "period": {"code": per.code, "kind": per.kind, "label": per.label_zh},
        "community": {
            "name": str(p.get("name") or ""),
            "kind": kind,
            "kind_zh": COMMUNITY_KIND_ZH.get(kind, ""),
            "division_code": str(p.get("division_code") or ""),
            "township_name": str(p.get("township_name") or ""),
        },
        "program_version": program_version,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "report_date": report_date.isoformat(),
        "values": {
            tr.table.code: {
                row.code: {
                    c.key: plain_value(tr.values[row.code].get(c.key)) for c in tr.table.columns
                }
                for row in tr.rows
            }
            for tr in [*result.tables, *(tr for form in forms for tr in form.tables)]
        },
        "layout": {code: dict(v) for code, v in layout.items()},
        "visible_text": {name: dict(cells) for name, cells in (visible_text or {}).items()},
        "notes": {k: v for k, v in sorted(notes.items()) if v},
        "issues": [{"code": i.code, "level": i.level, "message": i.message} for i in issues],
    }


def visible_text(ws: Worksheet, value_cells: set[str]) -> dict[str, Value]:
    """Every non-empty cell of a visible sheet that is not a figure: labels, codes,
    the period, 填报单位, the division code, signatories, dates, notes. Hashed with
    the figures, so an edit of any of them after export shows."""
    found: dict[str, Value] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and cell.coordinate not in value_cells:
                found[cell.coordinate] = plain_value(cell.value)
    return found


def _meta_sheet(ws: Worksheet, text: str, sha: str) -> None:
    # veryHidden: not listed under Excel's or WPS's "Unhide…"; with the workbook's
    # structure locked it cannot be unhidden or deleted without unprotecting first.
    ws.sheet_state = "veryHidden"
    chunks = [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)] or [""]
    fixed = [(FORMAT_MARKER, str(FORMAT_VERSION)), ("sha256", sha), ("chunks", str(len(chunks)))]
    for row, (label, value) in enumerate([*fixed, ("json", None)], start=1):
        _put(ws, row, 1, label)
        _put(ws, row, 2, value)
    for i, chunk in enumerate(chunks):
        _put(ws, META_FIRST_CHUNK_ROW + i, 1, chunk)
    ws.protection.sheet = True
    ws.protection.password = META_PASSWORD


def _sheet_name(wanted: str, fallback: str, used: set[str]) -> str:
    """Excel's rules: ≤ 31 characters, none of []:*?/\\, unique ignoring case."""
    for name in (wanted, fallback, f"T{len(used) + 1}"):
        ok = 0 < len(name) <= 31 and not any(ch in name for ch in "[]:*?/\\")
        if ok and name.strip("'") == name and name.lower() not in used:
            used.add(name.lower())
            return name
    raise ValueError(f"no usable sheet name for {wanted!r}")


def build_workbook(
    result: ReturnResult,
    *,
    notes: Mapping[str, str],
    issues: Sequence[Issue],
    report_date: date,
    exported_at: datetime,
    program_version: str,
    forms: Sequence[ReturnResult] = (),
) -> tuple[Workbook, str]:
    """The workbook in memory and the SHA-256 of its metadata content.

    ``forms``: other forms' tables (the consolidation's JBZH0001) laid out after the
    return's own, each under its own header block, their cells hashed like the rest."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for style in _named_styles():
        wb.add_named_style(style)
    used = {NOTES_SHEET.lower(), META_SHEET.lower()}
    layout: dict[str, dict[str, Any]] = {}
    tables = [table_form(result, tr, report_date) for tr in result.tables]
    tables += [table_form(form, tr, report_date) for form in forms for tr in form.tables]
    for table in tables:
        name = _sheet_name(table.number, table.code, used)
        cells = _table_sheet(wb.create_sheet(name), table)
        layout[table.code] = {"sheet": name, "cells": cells}
    _notes_sheet(wb.create_sheet(NOTES_SHEET), notes_form(result, notes, issues))
    figures = {
        spec["sheet"]: {coord for cols in spec["cells"].values() for coord in cols.values()}
        for spec in layout.values()
    }
    texts = {ws.title: visible_text(ws, figures.get(ws.title, set())) for ws in wb.worksheets}
    content = metadata_content(
        result,
        layout=layout,
        notes=notes,
        issues=issues,
        report_date=report_date,
        exported_at=exported_at,
        program_version=program_version,
        visible_text=texts,
        forms=forms,
    )
    text = canonical_json(content)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _meta_sheet(wb.create_sheet(META_SHEET), text, sha)
    wb.active = 0
    wb.worksheets[0].sheet_view.tabSelected = True
    wb.security = WorkbookProtection(workbookPassword=META_PASSWORD, lockStructure=True)
    return wb, sha


def write_return(
    result: ReturnResult,
    path: Path,
    *,
    notes: Mapping[str, str],
    issues: Sequence[Issue],
    report_date: date,
    exported_at: datetime,
    program_version: str,
) -> str:
    """Write the return to ``path`` atomically; returns the SHA-256 of its metadata.

    The workbook goes to ``.<name>.part`` in the same folder, is fsynced and then
    renamed over ``path``: a power cut or a file held open by Excel leaves the
    previous return intact and no partial file behind.
    """
    path = Path(path)
    wb, sha = build_workbook(
        result,
        notes=notes,
        issues=issues,
        report_date=report_date,
        exported_at=exported_at,
        program_version=program_version,
    )
    from commdesk.store.maintenance import save_workbook

    save_workbook(wb, path)  # temp name, fsync, rename; a full disk is one clear OSError
    _fsync_dir(path.parent)
    return sha


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (not on Windows)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
