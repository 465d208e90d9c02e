"""The exported workbook, read back with openpyxl: official layout, print setup, privacy,
tamper detection, atomic writing, and LibreOffice conversion."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree
from openpyxl.worksheet.worksheet import Worksheet

from commdesk.returns import xlsx_writer
from commdesk.returns.xlsx_reader import BadFileError, NotAReturnError, read_return
from commdesk.returns.xlsx_writer import (
    BODY_ROW,
    HEAD_ROW,
    HEAD_UNIT_ROW,
    KEY_ROW,
    META_SHEET,
    NOTES_SHEET,
    PORTRAIT_UNITS,
    TITLE_ROW,
    canonical_json,
    text_width,
)

TABLE_SHEETS = ["表1", "表2", "表3", "表4", "表5", "表6", "表7"]


@pytest.fixture(scope="module")
def wb(xlsx_case: Any) -> openpyxl.Workbook:
    return openpyxl.load_workbook(xlsx_case.path)


def texts(ws: Worksheet) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def find(ws: Worksheet, needle: str) -> Any:
    """The one cell whose text contains ``needle``."""
    hits = [
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and needle in c.value
    ]
    assert len(hits) == 1, (ws.title, needle, [h.coordinate for h in hits])
    return hits[0]


def merged_range(ws: Worksheet, coord: str) -> Any:
    for rng in ws.merged_cells.ranges:
        if coord in rng:
            return rng
    return None


def last_body_row(ws: Worksheet, result: Any, code: str) -> int:
    return BODY_ROW + len(result.table(code).rows) - 1


# ---------------------------------------------------------------- structure


def test_sheets_in_order_first_active_metadata_hidden_and_protected(wb: Any) -> None:
    assert wb.sheetnames == [*TABLE_SHEETS, NOTES_SHEET, META_SHEET]
    assert wb.active.title == "表1"
    meta = wb[META_SHEET]
    # veryHidden: not offered by Excel's/WPS's Unhide; the structure is locked too.
    assert meta.sheet_state == "veryHidden"
    assert wb.security.lockStructure
    assert meta.protection.sheet is True
    assert meta.protection.password  # hashed, but present
    assert meta["A1"].value == "commdesk-return"
    assert meta["B1"].value == "2"
    assert re.fullmatch(r"[0-9a-f]{64}", meta["B2"].value)
    for name in [*TABLE_SHEETS, NOTES_SHEET]:
        assert wb[name].sheet_state == "visible"


def test_header_block_top_right_with_definition_values(
    xlsx_env: Any, xlsx_result: Any, tmp_path: Path
) -> None:
    header = {
        "form_number": "测试表号甲",
        "issuing_body": "测试制定机关",
        "approving_body": "测试批准机关",
        "approval_number": "测试文号〔0000〕0号",
        "valid_until": "2099年12月",
    }
    result = copy.copy(xlsx_result)
    result.definition = dataclasses.replace(xlsx_result.definition, header=header)
    path = tmp_path / "h.xlsx"
    xlsx_env.write(result, path)
    book = openpyxl.load_workbook(path)
    labels = ["表号", "制定机关", "批准机关", "批准文号", "有效期至"]
    for name in TABLE_SHEETS:
        ws = book[name]
        width = ws.max_column
        for row, (label, key) in enumerate(zip(labels, header, strict=True), start=1):
            cells = [c for c in ws[row] if c.value]
            assert len(cells) == 1, (name, row)
            cell = cells[0]
            assert cell.value.replace("　", "").rstrip() == f"{label}：{header[key]}"
            assert cell.column > 1  # right-hand side, not the left margin
            rng = merged_range(ws, cell.coordinate)
            end = rng.max_col if rng else cell.column
            assert end == width, (name, row)  # reaches the table's right edge
            # Right-aligned against the table's edge (not adrift mid-page on a narrow
            # table), every line padded to one width so the colons still line up.
            assert cell.alignment.horizontal == "right"
        widths = {text_width(next(c.value for c in ws[r] if c.value)) for r in range(1, 6)}
        assert len(widths) == 1, (name, widths)


def test_empty_header_placeholders_are_still_printed(wb: Any) -> None:
    ws = wb["表3"]
    assert [c.value.rstrip("　 ") for c in ws[1] if c.value] == ["表　　号："]
    assert [c.value.rstrip("　 ") for c in ws[5] if c.value] == ["有效期至："]


@pytest.mark.parametrize(
    ("sheet", "title"),
    [("表1", "社区基本情况"), ("表3", "社区服务开展情况"), ("表6", "主要指标")],
)
def test_title_centred_merged_large_bold(wb: Any, sheet: str, title: str) -> None:
    ws = wb[sheet]
    cell = ws.cell(row=TITLE_ROW, column=1)
    assert TITLE_ROW == 6
    assert cell.value == f"{sheet}　{title}"
    assert cell.alignment.horizontal == "center"
    assert cell.font.bold and cell.font.sz >= 14
    rng = merged_range(ws, cell.coordinate)
    assert (rng.min_col, rng.max_col) == (1, ws.max_column)


def test_reporting_unit_division_code_period_and_unit(
    xlsx_env: Any, wb: Any, xlsx_result: Any
) -> None:
    for name in TABLE_SHEETS:
        ws = wb[name]
        period = find(ws, "2026年第3季度")
        assert period.row < HEAD_ROW and period.alignment.horizontal == "center"
        rng = merged_range(ws, period.coordinate)
        assert (rng.min_col, rng.max_col) == (1, ws.max_column)
        unit = find(ws, "填报单位：")
        assert unit.value == f"填报单位：{xlsx_env.profile['name']}" and unit.column == 1
        code = find(ws, "统计用区划代码：")
        assert code.value == "统计用区划代码：110105001001" and code.column == 1
        assert TITLE_ROW < unit.row < HEAD_ROW and TITLE_ROW < code.row < HEAD_ROW
    # 计量单位 only where one unit applies to the whole table, on the right.
    t5 = find(wb["表5"], "计量单位：")
    assert t5.value == "计量单位：人" and t5.alignment.horizontal == "right"
    assert merged_range(wb["表5"], t5.coordinate).max_col == wb["表5"].max_column
    assert not [t for t in texts(wb["表3"]) if t.startswith("计量单位：")]


def test_heading_rows_and_key_row(wb: Any, xlsx_result: Any) -> None:
    t1 = wb["表1"]  # has a units column
    assert [t1.cell(row=HEAD_ROW, column=i).value for i in range(1, 5)] == [
        "指标名称",
        "代码",
        "计量单位",
        "数量",
    ]
    assert [t1.cell(row=KEY_ROW, column=i).value for i in range(1, 5)] == ["甲", "乙", "丙", "1"]
    t3 = wb["表3"]  # no units column; eleven numeric columns with their units
    keys = [t3.cell(row=KEY_ROW, column=i).value for i in range(1, t3.max_column + 1)]
    assert keys == ["甲", "乙", *[str(i) for i in range(1, 12)]]
    assert t3.cell(row=HEAD_ROW, column=3).value == "服务次数"
    assert t3.cell(row=HEAD_UNIT_ROW, column=3).value == "（次）"
    assert t3.cell(row=HEAD_ROW, column=5).value == "服务时长"
    assert t3.cell(row=HEAD_UNIT_ROW, column=5).value == "（小时）"
    # Descriptive headings span both heading rows.
    for coord in ("A10", "B10"):
        rng = merged_range(t3, coord)
        assert (rng.min_row, rng.max_row) == (HEAD_ROW, HEAD_UNIT_ROW)


def test_row_codes_labels_units_and_indented_of_which_rows(wb: Any, xlsx_result: Any) -> None:
    for tr in xlsx_result.tables:
        ws = wb[tr.table.number]
        for i, row in enumerate(tr.rows):
            r = BODY_ROW + i
            assert ws.cell(row=r, column=1).value == row.label
            # 乙 column: the form's code; a 合计 row's internal key is not printed.
            assert ws.cell(row=r, column=2).value == ("—" if row.code == "TOTAL" else row.code)
            if tr.table.has_units_column:
                assert ws.cell(row=r, column=3).value == (row.unit or None)
    t1 = wb["表1"]
    indent = {
        t1.cell(row=r, column=2).value: t1.cell(row=r, column=1).alignment.indent
        for r in range(BODY_ROW, last_body_row(t1, xlsx_result, "T1") + 1)
    }
    assert indent["101"] == 0 and indent["104"] == 0
    assert indent["105"] > 0 and indent["107"] > 0 and indent["109"] > 0  # 其中 rows
    t3 = wb["表3"]
    by_code = {t3.cell(row=r, column=2).value: r for r in range(BODY_ROW, t3.max_row + 1)}
    assert "TOTAL" not in by_code
    assert t3.cell(row=by_code["—"], column=1).alignment.indent == 0
    assert t3.cell(row=by_code["WM"], column=1).alignment.indent == 1
    assert t3.cell(row=by_code["WM01"], column=1).alignment.indent == 2


def test_values_number_formats_and_alignment(wb: Any, xlsx_result: Any) -> None:
    for tr in xlsx_result.tables:
        ws = wb[tr.table.number]
        first_value_col = 4 if tr.table.has_units_column else 3
        for i, row in enumerate(tr.rows):
            for j, col in enumerate(tr.table.columns):
                cell = ws.cell(row=BODY_ROW + i, column=first_value_col + j)
                value = tr.values[row.code][col.key]
                if isinstance(value, str):
                    assert cell.value == value and cell.data_type == "s"
                    assert cell.number_format == "@"
                    continue
                assert cell.value == value
                decimals = tr.decimals(row, col)
                assert cell.number_format == {0: "0_ ", 1: "0.0_ ", 2: "0.00_ "}[decimals]
                assert cell.alignment.horizontal == "right"
    t2 = wb["表2"]
    assert t2["D13"].value == pytest.approx(592.5) and t2["D13"].number_format == "0.0_ "
    t4 = wb["表4"]
    per_head = find(t4, "人均服务时长")
    assert t4.cell(row=per_head.row, column=4).number_format == "0.00_ "


def test_footer_signatories_and_report_date(wb: Any, xlsx_result: Any) -> None:
    for tr in xlsx_result.tables:
        ws = wb[tr.table.number]
        last = last_body_row(ws, xlsx_result, tr.table.code)
        footer = " ".join(
            str(c.value) for row in ws.iter_rows(min_row=last + 1) for c in row if c.value
        )
        for text in (
            "单位负责人：王建国",
            "统计负责人：李明",
            "填表人：张丽",
            "联系电话：010-65001234",
            "报出日期：2026年10月12日",
        ):
            assert text in footer, (ws.title, text)
        assert ws.max_row <= last + 3  # directly under the table, a few lines at most


def test_borders_on_every_table_cell_including_merged_ones(
    wb: Any, xlsx_case: Any, xlsx_result: Any, raw_borders: Any
) -> None:
    for tr in xlsx_result.tables:
        ws = wb[tr.table.number]
        stored = raw_borders(xlsx_case.path, ws.title)
        last = last_body_row(ws, xlsx_result, tr.table.code)
        for row in ws.iter_rows(min_row=HEAD_ROW, max_row=last, max_col=ws.max_column):
            for cell in row:
                sides = stored.get(cell.coordinate)
                assert sides == ("thin",) * 4, (ws.title, cell.coordinate, sides)
        # Nothing outside the table block is boxed.
        assert stored["A6"] == (None,) * 4
    # Specifically the lower half of a merged heading.
    t3 = wb["表3"]
    rng = merged_range(t3, "A11")
    assert rng is not None and rng.min_row == HEAD_ROW
    assert raw_borders(xlsx_case.path, "表3")["A11"] == ("thin",) * 4


def test_merges_never_overlap_and_are_never_single_cells(wb: Any) -> None:
    for ws in wb.worksheets:
        seen: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            cells = set(rng.cells)
            assert len(cells) > 1, (ws.title, rng.coord)
            assert not cells & seen, (ws.title, rng.coord)
            seen |= cells


def test_print_setup_a4_fit_width_titles_page_numbers(wb: Any) -> None:
    for name in [*TABLE_SHEETS, NOTES_SHEET]:
        ws = wb[name]
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert int(ws.page_setup.fitToWidth) == 1
        assert int(ws.page_setup.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    for name in TABLE_SHEETS:
        assert wb[name].print_title_rows.replace("$", "") == f"{HEAD_ROW}:{KEY_ROW}"
        assert wb[name].print_area
    assert wb["表3"].page_setup.orientation == "landscape"  # 10 numeric columns
    assert wb["表1"].page_setup.orientation == "portrait"
    # Orientation follows the table's printed width, not its column count: a table wider
    # than portrait A4 turns landscape instead of being shrunk to fit (表2 had 6 columns
    # but wide labels and printed small).
    for name in TABLE_SHEETS:
        ws = wb[name]
        width = sum(d.width or 0 for d in ws.column_dimensions.values())
        wanted = "landscape" if width > PORTRAIT_UNITS else "portrait"
        assert ws.page_setup.orientation == wanted, (name, width)
    assert wb["表2"].page_setup.orientation == "landscape"


def test_frozen_below_key_row_and_right_of_descriptive_columns(wb: Any) -> None:
    assert wb["表1"].freeze_panes == "D13"  # 指标名称 代码 计量单位
    assert wb["表3"].freeze_panes == "C13"  # 指标名称 代码


def test_column_widths_fit_chinese_labels(wb: Any) -> None:
    ws = wb["表6"]
    longest = max(len(c.value) for c in ws["A"][BODY_ROW - 1 :] if c.value)
    assert ws.column_dimensions["A"].width >= min(2 * longest, 40)
    assert ws.column_dimensions["B"].width >= 6


# ---------------------------------------------------------------- 审核说明


def test_notes_sheet_lists_every_warning_with_its_explanation(wb: Any, xlsx_case: Any) -> None:
    ws = wb[NOTES_SHEET]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1)]
    assert rows[0][0] == "审核说明"
    header = rows.index(["序号", "规则代码", "审核提示", "说明"])
    body = rows[header + 1 : header + 3]
    assert body[0] == [
        1,
        "W-PERSONS-PER-HOUSEHOLD",
        "户均常住人口不在1～8人之间。",
        "本社区有大型养老机构，集体户人口多。",
    ]
    assert body[1][1] == "W-SERVICE-HOURS" and body[1][3] == "=24小时陪护，已核实"
    note = ws.cell(row=header + 3, column=4)
    assert note.data_type == "s"  # never a formula
    assert "N-PERIOD-OPEN" in texts(ws)  # the notice, listed separately
    assert not any(t.startswith("本期无审核警告") for t in texts(ws))


def test_notes_sheet_says_so_when_there_are_no_warnings(
    xlsx_env: Any, xlsx_result: Any, tmp_path: Path
) -> None:
    path = tmp_path / "none.xlsx"
    xlsx_env.write(xlsx_result, path)
    ws = openpyxl.load_workbook(path)[NOTES_SHEET]
    assert any(t.startswith("本期无审核警告") for t in texts(ws))


# ---------------------------------------------------------------- metadata and tampering


def test_metadata_content_and_hash(xlsx_env: Any, xlsx_case: Any) -> None:
    rf = read_return(xlsx_case.path)
    assert rf.hash_ok and rf.visible_ok and not rf.altered and rf.problems == []
    assert rf.stored_sha256 == xlsx_case.sha
    meta = rf.meta
    assert meta["format"] == "commdesk-return" and meta["format_version"] == 2
    assert meta["definition"]["id"] == "community-service"
    assert meta["definition"]["version"] == xlsx_case.result.definition.version
    assert meta["period"] == {"code": "2026Q3", "kind": "quarter", "label": "2026年第3季度"}
    assert meta["community"] == {
        "name": xlsx_env.profile["name"],
        "kind": "urban",
        "kind_zh": "居",
        "division_code": "110105001001",
        "township_name": "朝外街道",
    }
    assert meta["program_version"] == xlsx_env.program_version
    assert meta["exported_at"] == "2026-10-12T09:30:05"
    assert meta["report_date"] == "2026-10-12"
    assert meta["notes"] == xlsx_case.notes
    assert [i["code"] for i in meta["issues"]] == [i.code for i in xlsx_case.issues]
    assert rf.values == json.loads(json.dumps(xlsx_case.result.flat_values()))
    assert rf.values["T2"]["TOTAL"]["2"] == pytest.approx(592.5)
    assert rf.visible_values == rf.values
    assert meta["layout"]["T3"]["sheet"] == "表3"
    assert meta["layout"]["T1"]["cells"]["101"]["1"] == "D13"
    # The hash is over the canonical JSON of everything else.
    digest = hashlib.sha256(canonical_json(meta).encode()).hexdigest()
    assert digest == xlsx_case.sha
    assert (rf.definition_id, rf.period_code, rf.division_code) == (
        "community-service",
        "2026Q3",
        "110105001001",
    )


def test_hand_edited_visible_cell_is_reported_as_altered(xlsx_case: Any, tmp_path: Path) -> None:
    coord = read_return(xlsx_case.path).meta["layout"]["T3"]["cells"]["WM01"]["2"]
    book = openpyxl.load_workbook(xlsx_case.path)
    book["表3"][coord] = 40
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    rf = read_return(edited)
    assert rf.hash_ok and not rf.visible_ok and rf.altered
    assert len(rf.problems) == 1
    assert "表3" in rf.problems[0] and "WM01" in rf.problems[0] and "第2列" in rf.problems[0]
    assert coord in rf.problems[0] and "40" in rf.problems[0]
    assert rf.visible_values["T3"]["WM01"]["2"] == 40
    assert rf.values["T3"]["WM01"]["2"] == 4


def _edited(source: Path, target: Path, sheet: str, coord: str, value: Any) -> Path:
    book = openpyxl.load_workbook(source)
    book[sheet][coord] = value
    book.save(target)
    return target


@pytest.mark.parametrize(
    ("what", "sheet", "find"),
    [
        ("period text", "表1", lambda v: v == "2026年第3季度"),
        ("填报单位", "表1", lambda v: str(v).startswith("填报单位：")),
        ("division code", "表3", lambda v: str(v).startswith("统计用区划代码：")),
        ("row label", "表3", lambda v: v == "养老服务"),
        ("乙 column code", "表3", lambda v: v == "WM01"),
        ("报出日期", "表1", lambda v: "报出日期" in str(v)),
        ("top-right block", "表2", lambda v: str(v).startswith("表")),
        ("审核说明", NOTES_SHEET, lambda v: isinstance(v, str) and len(v) > 4),
    ],
)
def test_edited_label_or_header_cell_is_altered_and_named(
    xlsx_case: Any, tmp_path: Path, what: str, sheet: str, find: Any
) -> None:
    """Tamper evidence covers the whole visible form, not only the figures."""
    ws = openpyxl.load_workbook(xlsx_case.path)[sheet]
    coord = next(c.coordinate for row in ws.iter_rows() for c in row if c.value and find(c.value))
    edited = _edited(xlsx_case.path, tmp_path / "edited.xlsx", sheet, coord, "改过的内容")
    rf = read_return(edited)
    assert rf.altered, what
    assert any(f"{sheet}!{coord}" in p and "改过的内容" in p for p in rf.problems), rf.problems


def test_text_added_after_export_is_altered(xlsx_case: Any, tmp_path: Path) -> None:
    edited = _edited(xlsx_case.path, tmp_path / "added.xlsx", "表1", "H40", "另加的说明")
    rf = read_return(edited)
    assert rf.altered
    assert any("表1!H40" in p and "另加的说明" in p for p in rf.problems), rf.problems


def test_resaved_without_edits_is_not_altered(xlsx_case: Any, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(xlsx_case.path)
    book.save(tmp_path / "resaved.xlsx")
    rf = read_return(tmp_path / "resaved.xlsx")
    assert not rf.altered, rf.problems


@pytest.mark.parametrize("coord", ["XFD1048576", "ZZ60000"])
def test_stray_far_cell_is_refused_without_taking_the_process_down(
    xlsx_case: Any, tmp_path: Path, coord: str
) -> None:
    """calamine would allocate the dense rectangle (500 GB at XFD1048576: the process
    aborts). Read in a child process, so a regression fails this test, not the run."""
    hostile = _edited(xlsx_case.path, tmp_path / "hostile.xlsx", "表1", coord, 1)
    code = (
        "import sys\n"
        "from commdesk.returns.xlsx_reader import BadFileError, read_return\n"
        "try:\n"
        "    read_return(sys.argv[1])\n"
        "except BadFileError as exc:\n"
        "    print(exc)\n"
        "else:\n"
        "    print('read')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(hostile)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RUST_BACKTRACE": "0"},
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "hostile.xlsx" in done.stdout and "表1" in done.stdout and "未读取" in done.stdout


def test_inserted_row_shifts_every_figure_and_problems_are_capped(
    xlsx_case: Any, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(xlsx_case.path)
    book["表3"].insert_rows(BODY_ROW + 1)
    book["表3"].cell(row=BODY_ROW + 1, column=3, value=99)
    edited = tmp_path / "shifted.xlsx"
    book.save(edited)
    rf = read_return(edited)
    assert rf.altered and rf.hash_ok and not rf.visible_ok
    assert len(rf.problems) == 21
    assert rf.problems[-1].startswith("另有") and "个单元格与导出时不一致" in rf.problems[-1]


def test_hand_edited_metadata_fails_the_hash(xlsx_case: Any, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(xlsx_case.path)
    meta = book[META_SHEET]
    chunk = meta["A5"].value
    assert '"101":{"1":1000}' in chunk
    meta["A5"] = chunk.replace('"101":{"1":1000}', '"101":{"1":1200}')
    meta["A5"].data_type = "s"
    edited = tmp_path / "meta-edited.xlsx"
    book.save(edited)
    rf = read_return(edited)
    assert not rf.hash_ok and rf.altered
    assert any("SHA-256" in p for p in rf.problems)
    assert rf.values["T1"]["101"]["1"] == 1200  # still readable, but flagged


def test_long_notes_are_split_into_chunks_and_read_back(
    xlsx_env: Any, xlsx_result: Any, tmp_path: Path
) -> None:
    note = "说明" * 20_000  # 40,000 characters: more than one cell can hold
    path = tmp_path / "long.xlsx"
    xlsx_env.write(xlsx_result, path, notes={"W-X": note})
    meta = openpyxl.load_workbook(path)[META_SHEET]
    assert int(meta["B3"].value) >= 3
    assert all(len(meta.cell(row=r, column=1).value) <= 30_000 for r in range(5, meta.max_row + 1))
    rf = read_return(path)
    assert rf.hash_ok and rf.meta["notes"]["W-X"] == note


def test_missing_and_non_finite_values_are_empty_cells(
    xlsx_env: Any, xlsx_result: Any, tmp_path: Path
) -> None:
    result = copy.deepcopy(xlsx_result)
    result.table("T4").values["405"]["1"] = float("nan")
    result.table("T1").values["103"]["1"] = None
    path = tmp_path / "gaps.xlsx"
    xlsx_env.write(result, path)
    rf = read_return(path)
    assert not rf.altered
    assert rf.values["T4"]["405"]["1"] is None and rf.values["T1"]["103"]["1"] is None
    ws = openpyxl.load_workbook(path)["表1"]
    assert ws[rf.meta["layout"]["T1"]["cells"]["103"]["1"]].value is None


def test_plain_workbook_is_not_a_return(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    book.save(path)
    with pytest.raises(NotAReturnError, match="不是 CommDesk"):
        read_return(path)
    book.create_sheet(META_SHEET)["A1"] = "something else"
    book.save(path)
    with pytest.raises(NotAReturnError):
        read_return(path)


@pytest.mark.parametrize("content", [b"", b"not a workbook at all", b"PK\x03\x04broken"])
def test_unreadable_files_are_bad_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(BadFileError):
        read_return(path)


def test_truncated_return_is_a_bad_file(xlsx_case: Any, tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    data = xlsx_case.path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BadFileError):
        read_return(path)


def test_read_is_fast(xlsx_case: Any) -> None:
    read_return(xlsx_case.path)
    start = time.perf_counter()
    for _ in range(20):
        read_return(xlsx_case.path)
    per_file = (time.perf_counter() - start) / 20
    assert per_file < 0.06, per_file  # 500 returns in well under 30 s


# ---------------------------------------------------------------- privacy


def test_no_names_ids_or_phones_of_people_anywhere(xlsx_env: Any, xlsx_case: Any) -> None:
    """Every XML part of the package, parsed (openpyxl writes CJK as character refs)."""
    found: list[str] = []
    with zipfile.ZipFile(xlsx_case.path) as zf:
        for name in zf.namelist():
            raw = zf.read(name)
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(raw)
            words = [t for t in root.itertext()]
            words += [v for el in root.iter() for v in el.attrib.values()]
            # Hashes are hex, not ID numbers: drop them before looking for 18-digit runs.
            blob = re.sub(r"[0-9a-f]{64}", "", "\n".join(words))
            found += [f"{name}: {s}" for s in xlsx_env.secrets if s in blob]
            found += [f"{name}: id-like" for _ in re.finditer(r"\d{17}[\dXx]", blob)]
    assert found == []
    # And cell by cell through openpyxl, hidden sheet included.
    book = openpyxl.load_workbook(xlsx_case.path)
    for ws in book.worksheets:
        for value in texts(ws):
            assert not any(s in value for s in xlsx_env.secrets), (ws.title, value)
    # The signatories (officials) are the only people named.
    assert "王建国" in " ".join(texts(book["表1"]))


# ---------------------------------------------------------------- atomic writing


def test_existing_file_survives_a_failed_replace(
    xlsx_env: Any, xlsx_result: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(b"previous return")

    def refuse(src: Any, dst: Any) -> None:
        raise PermissionError("file is open in Excel")

    monkeypatch.setattr(xlsx_writer.os, "replace", refuse)
    with pytest.raises(OSError, match="open in Excel"):
        xlsx_env.write(xlsx_result, path)
    assert path.read_bytes() == b"previous return"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["return.xlsx"]


def test_directory_at_target_is_refused_and_no_part_file_left(
    xlsx_env: Any, xlsx_result: Any, tmp_path: Path
) -> None:
    target = tmp_path / "return.xlsx"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    with pytest.raises(OSError):
        xlsx_env.write(xlsx_result, target)
    assert (target / "keep.txt").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["return.xlsx"]


def test_successful_write_replaces_old_file_and_leaves_no_temp(
    xlsx_env: Any, xlsx_result: Any, tmp_path: Path
) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(b"old")
    sha = xlsx_env.write(xlsx_result, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["return.xlsx"]
    assert read_return(path).stored_sha256 == sha


# ---------------------------------------------------------------- LibreOffice


def test_libreoffice_converts_to_pdf_with_pages(
    xlsx_case: Any, tmp_path: Path, soffice: Any
) -> None:
    """Skipped only where LibreOffice is not installed (CI installs libreoffice-calc-nogui)."""
    src = tmp_path / "return.xlsx"
    shutil.copy(xlsx_case.path, src)
    pdf = soffice.convert(src, "pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert soffice.pages(pdf) >= len(TABLE_SHEETS) + 1  # every table and 审核说明, not metadata


def test_metadata_survives_a_libreoffice_round_trip(
    xlsx_case: Any, tmp_path: Path, soffice: Any
) -> None:
    src = tmp_path / "return.xlsx"
    shutil.copy(xlsx_case.path, src)
    saved = soffice.convert(src, "xlsx")
    rf = read_return(saved)
    assert rf.hash_ok and rf.visible_ok, rf.problems
    book = openpyxl.load_workbook(saved)
    # LibreOffice keeps it out of sight (it may write veryHidden back as hidden).
    assert book[META_SHEET].sheet_state != "visible" and book[META_SHEET].protection.sheet


def test_table6_targets_headed_by_their_plan_not_a_year(tmp_path: Path) -> None:
    """A 2026 return measured against the 14th plan's targets says so: the heading names
    the plan and its years (it read "2025年目标" on every year's return)."""
    import subprocess as sp
    import sys as _sys

    exe = Path(_sys.executable).with_name("commdesk")
    data, out = tmp_path / "data", tmp_path / "r.xlsx"
    for args in (
        ["demo", "--records", "300"],
        ["export", "--period", "2026-10", "--out", str(out)],
    ):
        done = sp.run([str(exe), "--data-dir", str(data), *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(out)["表6"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "“十四五”规划目标（2021—2025年）" in texts
    assert not any("2025年目标" in t for t in texts)
    assert "≥30" in texts


def test_table3_of_which_heading_merged_over_columns_4_to_7(wb: Any) -> None:
    """returns.md: 表3 columns 4–7 are 其中 老年人 / 残疾人 / 未成年人 / 困难家庭 — one merged
    其中 heading over them, their own labels (with units) below it; the columns around
    keep their label above the unit."""
    t3 = wb["表3"]
    keys = {t3.cell(row=KEY_ROW, column=c).value: c for c in range(1, t3.max_column + 1)}
    first, last = keys["4"], keys["7"]
    heading = t3.cell(row=HEAD_ROW, column=first)
    assert heading.value == "其中"
    rng = merged_range(t3, heading.coordinate)
    assert rng is not None
    assert (rng.min_row, rng.max_row, rng.min_col, rng.max_col) == (
        HEAD_ROW,
        HEAD_ROW,
        first,
        last,
    )
    below = [t3.cell(row=HEAD_UNIT_ROW, column=c).value for c in range(first, last + 1)]
    assert below == [
        "老年人\n（人次）",
        "残疾人\n（人次）",
        "未成年人\n（人次）",
        "困难家庭\n（人次）",
    ]
    for c in (keys["3"], keys["8"]):  # neighbours are not under it
        assert merged_range(t3, t3.cell(row=HEAD_ROW, column=c).coordinate) is None
        assert t3.cell(row=HEAD_ROW, column=c).value not in (None, "其中")
    # Tall enough for a label and its unit on two lines.
    assert t3.row_dimensions[HEAD_UNIT_ROW].height >= 28


def test_table4_breakdowns_name_their_dimension(wb: Any) -> None:
    """406–410 break 401 down: the first row of each group says by what (按年龄 / 按性别),
    indented under it like the form's 其中 rows."""
    t4 = wb["表4"]
    label = {t4.cell(row=r, column=2).value: t4.cell(row=r, column=1) for r in range(13, 30)}
    assert label["406"].value == "在册志愿者按年龄分：35岁以下"
    assert label["409"].value == "按性别分：男"
    assert label["410"].value == "女"
    assert all(label[c].alignment.indent > 0 for c in ("406", "407", "408", "409", "410"))
