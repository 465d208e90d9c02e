"""Hostile and broken files: a clear message, exit 2, nothing written, bounded time and memory."""

from __future__ import annotations

import struct
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from import_helpers import (
    ID_F_1949,
    ID_M_1980,
    dump,
    inline,
    raw_xlsx,
    roster_header_rows,
    run_main,
    xlsx,
)
from openpyxl import Workbook

from commdesk.importing import ImportFileError, commit_import, plan_import
from commdesk.importing.guards import MAX_UNCOMPRESSED
from commdesk.store.services.base import Query
from commdesk.store.services.volunteers import volunteers

ALL = Query(limit=None)


def _refused(store: Any, path: Path, match: str, kind: str = "volunteers") -> None:
    before = dump(store.path)
    with pytest.raises(ImportFileError, match=match):
        plan_import(store, kind, path)
    assert dump(store.path) == before


def test_not_a_spreadsheet(store: Any, tmp_path: Path) -> None:
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    _refused(store, png, "password-protected or not an xlsx")
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    _refused(store, pdf, "not a spreadsheet")
    binary = tmp_path / "data.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    _refused(store, binary, "not a spreadsheet")
    docx = tmp_path / "note.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    _refused(store, docx, "not a spreadsheet")
    html = tmp_path / "export.xls"  # read as a table, but one header cell is not a header
    html.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>")
    _refused(store, html, "No header row")
    xml = tmp_path / "export2003.xls"  # XML Spreadsheet 2003 stays refused
    xml.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:'
        'spreadsheet"><Worksheet/></Workbook>'
    )
    _refused(store, xml, "web page")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    _refused(store, broken, "damaged")


def test_password_protected(store: Any, tmp_path: Path) -> None:
    """An encrypted xlsx is an OLE compound file holding an EncryptedPackage stream."""
    path = tmp_path / "locked.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024)
    _refused(store, path, "password-protected")


def test_empty_files(store: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    _refused(store, empty, "is empty")
    no_cells = xlsx(tmp_path / "blank.xlsx", [])
    _refused(store, no_cells, "empty")
    no_header = xlsx(tmp_path / "noheader.xlsx", [["甲", "乙"], [1, 2]])
    _refused(store, no_header, "No header row")
    empty_csv = tmp_path / "e.csv"
    empty_csv.write_text("\r\n\r\n", encoding="utf-8")
    _refused(store, empty_csv, "empty")


def test_missing_required_column(store: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "v.xlsx", [["姓名", "手机"], ["张三", "13800138000"]])
    _refused(store, path, "身份证号")


def test_million_formatted_blank_rows(store: Any, tmp_path: Path) -> None:
    """Borders applied down a whole column: a million rows of formatted, empty cells."""
    rows = roster_header_rows(("张三", ID_M_1980), ("李四", ID_F_1949))
    blank = (
        f'<row r="{n}" ht="15" customHeight="1"><c r="A{n}" s="0"/></row>'
        for n in range(4, 1_000_004)
    )
    path = raw_xlsx(tmp_path / "blank.xlsx", [*rows, *blank], level=1)
    start = time.perf_counter()
    plan = plan_import(store, "volunteers", path)
    assert len(plan.to_add) == 2
    assert time.perf_counter() - start < 20


def test_million_empty_text_rows(store: Any, tmp_path: Path) -> None:
    """Cells holding empty text count as cells for calamine: reading stops after a blank run."""
    rows = roster_header_rows(("张三", ID_M_1980))
    blank = (f'<row r="{n}">{inline(f"A{n}", "")}</row>' for n in range(3, 300_003))
    path = raw_xlsx(tmp_path / "blank.xlsx", [*rows, *blank], level=1)
    plan = plan_import(store, "volunteers", path)
    assert len(plan.to_add) == 1
    assert any("Stopped reading at row" in note for note in plan.notes)


def test_only_blank_rows(store: Any, tmp_path: Path) -> None:
    blank = (f'<row r="{n}">{inline(f"A{n}", " ")}</row>' for n in range(1, 200_001))
    _refused(store, raw_xlsx(tmp_path / "b.xlsx", blank), "empty")


def test_stray_far_cell_does_not_abort(store: Any, tmp_path: Path) -> None:
    """One value at XFD1048576 would make calamine allocate ~500 GB and abort the process."""
    rows = [
        *roster_header_rows(("张三", ID_M_1980)),
        f'<row r="1048576">{inline("XFD1048576", "x")}</row>',
    ]
    _refused(store, raw_xlsx(tmp_path / "far.xlsx", rows), "too large to open")


def test_a_nine_digit_row_number_is_refused_not_crashed(store: Any, tmp_path: Path) -> None:
    """A last row numbered 100,000,000 with a two-letter cell once raised re.error (the
    bound's pattern asked for at least ten digits and at most nine)."""
    rows = [
        *roster_header_rows(("张三", ID_M_1980)),
        f'<row r="100000000">{inline("AB100000000", "x")}</row>',
    ]
    _refused(store, raw_xlsx(tmp_path / "far.xlsx", rows), "too large to open")


def test_hundred_thousand_character_cells(store: Any, tmp_path: Path) -> None:
    """Excel stops at 32,767 characters a cell; a hostile file does not."""
    long_text = "长" * 100_000
    rows = [
        f'<row r="1">{inline("A1", long_text)}</row>',  # a title nobody can read
        f'<row r="2">{inline("A2", "姓名")}{inline("B2", "身份证号")}{inline("C2", "备注")}'
        f"{inline('D2', '其他')}</row>",
        # long text in an ignored column: fine
        f'<row r="3">{inline("A3", "张三")}{inline("B3", ID_M_1980)}{inline("C3", "正常")}'
        f"{inline('D3', long_text)}</row>",
        # too long for 备注: rejected, never cut
        f'<row r="4">{inline("A4", "李四")}{inline("B4", ID_F_1949)}'
        f"{inline('C4', long_text)}</row>",
    ]
    path = raw_xlsx(tmp_path / "long.xlsx", rows)
    plan = plan_import(store, "volunteers", path)
    assert [r.values["id_number"] for r in plan.to_add] == [ID_M_1980]
    assert "Too long" in plan.rejected[0].reason
    assert len(plan.rejected[0].cells[2]) == 100_000
    from openpyxl import load_workbook

    from commdesk.importing import write_report

    report = write_report(plan, tmp_path / "r.xlsx")
    assert report is not None
    cell = load_workbook(report).active.cell(row=2, column=4).value
    assert 30_000 < len(cell) <= 32_767 and cell.endswith("已截断）")


def test_formula_without_saved_value(store: Any, tmp_path: Path) -> None:
    """openpyxl writes formulas without results; those cells are rejected, not read as blank."""
    path = xlsx(
        tmp_path / "f.xlsx",
        [
            ["姓名", "身份证号", "备注", "序号"],
            ["张三", ID_M_1980, "=A2&B2", "=ROW()"],
            ["李四", ID_F_1949, "好", "=ROW()"],
        ],
    )
    plan = plan_import(store, "volunteers", path)
    assert [r.values["id_number"] for r in plan.to_add] == [ID_F_1949]  # 序号 is ignored
    assert "formula without a saved result" in plan.rejected[0].reason
    assert "C2" in plan.rejected[0].reason


def _bomb(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return path


def test_zip_bomb_ratio(store: Any, tmp_path: Path) -> None:
    _refused(store, _bomb(tmp_path / "bomb.xlsx", 32 * 1024 * 1024), "compressed")


def test_zip_bomb_declared_size(store: Any, tmp_path: Path) -> None:
    """The central directory says 300 MB: refused before anything is inflated."""
    path = raw_xlsx(tmp_path / "big.xlsx", roster_header_rows(("张三", ID_M_1980)))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = data.rfind(b"PK\x01\x02" + b"", 0, data.rfind(name))
    # Central directory entry: uncompressed size at offset 24 (or in zip64 extra field).
    size_at = at + 24
    if struct.unpack_from("<I", data, size_at)[0] == 0xFFFFFFFF:
        pytest.skip("zip64 entry")
    struct.pack_into("<I", data, size_at, MAX_UNCOMPRESSED + 100 * 1024 * 1024)
    path.write_bytes(bytes(data))
    _refused(store, path, "unpacks to")


def test_hostile_ods_repeated_values(store: Any, tmp_path: Path) -> None:
    path = tmp_path / "rep.ods"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="S"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell>'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell office:value-type="string" table:number-columns-repeated="100">'
        "<text:p>x</text:p></table:table-cell>"
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    _refused(store, path, "too large to open")


def test_merged_chaos(store: Any, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["志愿者名单"])
    ws.append(["姓名", "身份证号", "手机", "备注"])
    ws.append(["张三", ID_M_1980, "13800138000", "甲"])
    ws.append(["李四", ID_F_1949, None, None])
    for ref in ("A1:D1", "C2:D2", "C3:D4", "A5:D9"):
        ws.merge_cells(ref)
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    plan = plan_import(store, "volunteers", path)
    commit_import(store, plan)
    assert {r["id_number"] for r in volunteers.query(store, ALL)} == {ID_M_1980, ID_F_1949}


@pytest.mark.parametrize(
    "content",
    [b"", b"\x89PNG\r\n\x1a\n0000", b"PK\x03\x04garbage"],
    ids=["empty", "png", "broken-zip"],
)
def test_cli_bad_file_exit_2(data_dir: Path, tmp_path: Path, capsys: Any, content: bytes) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    code = run_main(data_dir, "volunteers", str(path))
    out, err = capsys.readouterr()
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "added=" not in out
    from commdesk.store.engine import open_store

    store = open_store(data_dir)
    try:
        assert volunteers.count(store) == 0
    finally:
        store.close()
