"""HTML tables saved as .xls: encodings, merged cells, <br>, bounds, no table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_helpers import FIXTURES, ID_F_1949, ID_M_1980, xlsx
from openpyxl import load_workbook
from zh_catalogue import translated

from commdesk.importing import ImportFileError, guards, html_table, plan_import
from commdesk.importing.readers import open_workbook, read_sheet

ROOT = Path(__file__).resolve().parents[2]
HEAD = "<tr><td>姓名</td><td>性别</td><td>身份证号</td></tr>"
ROWS = f"<tr><td>张三</td><td>男</td><td>{ID_M_1980}</td></tr>"


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def sheets(path: Path) -> tuple[Any, list[Any]]:
    book = open_workbook(path)
    return book, [read_sheet(book, s.name) for s in book.sheets]


def test_sniffed_by_content_not_by_name(tmp_path: Path) -> None:
    html = write(tmp_path, "export.xls", page(f"<table>{HEAD}{ROWS}</table>"))
    assert guards.sniff(html) == guards.HTML
    assert guards.sniff(write(tmp_path, "a.htm", "<!DOCTYPE html><table></table>")) == guards.HTML
    # A real BIFF .xls keeps going to calamine.
    assert guards.sniff(FIXTURES / "roster.xls") == guards.XLS
    assert open_workbook(FIXTURES / "roster.xls").format == guards.XLS


@pytest.mark.parametrize(
    ("head", "encoding", "written_as"),
    [
        ('<meta charset="gbk">', "GBK/GB18030", "gbk"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "GBK/GB18030",
            "gbk",
        ),
        ('<meta charset="utf-8">', "utf-8", "utf-8"),
        ("", "utf-8", "utf-8"),  # undeclared: UTF-8 first
        ("", "GBK/GB18030", "gb18030"),  # undeclared and not UTF-8: GB18030
    ],
)
def test_encodings(tmp_path: Path, head: str, encoding: str, written_as: str) -> None:
    path = write(tmp_path, "e.xls", page(f"<table>{HEAD}{ROWS}</table>", head), written_as)
    book, (data,) = sheets(path)
    assert book.encoding == encoding
    assert data.rows[1][1][:2] == ("张三", "男")
    assert data.notes == []


def test_declared_encoding_that_is_wrong_is_reported(tmp_path: Path) -> None:
    says_gbk = write(
        tmp_path, "a.xls", page(f"<table>{HEAD}{ROWS}</table>", '<meta charset="gbk">')
    )
    book, (data,) = sheets(says_gbk)
    assert book.encoding == "utf-8" and data.rows[1][1][0] == "张三"
    assert data.notes == [
        "The page declares the text encoding GBK/GB18030 but is written in utf-8; "
        "it was read as utf-8."
    ]
    says_utf8 = write(
        tmp_path, "b.xls", page(f"<table>{HEAD}{ROWS}</table>", '<meta charset="utf-8">'), "gbk"
    )
    book, (data,) = sheets(says_utf8)
    assert book.encoding == "GBK/GB18030" and data.rows[1][1][0] == "张三"
    assert "declares the text encoding utf-8 but is written in GBK/GB18030" in data.notes[0]


def test_mixed_encodings_refused(tmp_path: Path) -> None:
    raw = page(f"<table>\n{HEAD}\n", '<meta charset="gbk">').encode("gbk") + (
        f"{ROWS}\n</table>".encode()
    )
    with pytest.raises(ImportFileError, match="mixes two text encodings"):
        open_workbook(write(tmp_path, "mixed.xls", raw))


def test_merged_cells_like_the_xlsx_reader(tmp_path: Path) -> None:
    """Value in the first cell, the others empty, ranges listed as calamine lists them."""
    html = write(
        tmp_path,
        "m.xls",
        page(
            '<table><tr><td colspan="3">花名册</td></tr>'
            '<tr><td rowspan="2">序号</td><td colspan="2">基本信息</td></tr>'
            "<tr><td>姓名</td><td>性别</td></tr>"
            "<tr><td>1</td><td>张三</td><td>男</td></tr></table>"
        ),
    )
    twin = xlsx(
        tmp_path / "m.xlsx",
        [["花名册"], ["序号", "基本信息"], [None, "姓名", "性别"], ["1", "张三", "男"]],
    )
    wb = load_workbook(twin)
    ws = wb.active
    for ref in ("A1:C1", "A2:A3", "B2:C2"):
        ws.merge_cells(ref)
    wb.save(twin)
    _, (from_html,) = sheets(html)
    _, (from_xlsx,) = sheets(twin)
    assert from_html.rows == from_xlsx.rows
    assert sorted(from_html.merged) == sorted(from_xlsx.merged)
    assert from_html.rows[1] == (2, ("序号", "基本信息"))


def test_rowspan_in_the_middle_shifts_later_cells(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.xls",
        page(
            '<table><tr><td>a</td><td rowspan="3">b</td><td>c</td></tr>'
            "<tr><td>d</td><td>e</td></tr><tr><td>f</td></tr></table>"
        ),
    )
    _, (data,) = sheets(path)
    assert data.rows == [(1, ("a", "b", "c")), (2, ("d", None, "e")), (3, ("f",))]
    assert data.merged == [((1, 1), (3, 1))]


def test_br_is_a_line_break_and_whitespace_collapses(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "br.xls",
        page(
            "<table><tr><td>幸福路\n  1号<br>2单元<BR/>  <b>301</b> &nbsp;</td>"
            "<td>&nbsp;</td></tr></table>"
        ),
    )
    _, (data,) = sheets(path)
    assert data.rows == [(1, ("幸福路 1号\n2单元\n301",))]


def test_first_table_with_a_header_row_is_imported(store: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.xls",
        page(
            "<table><tr><td>和平村志愿者花名册</td></tr><tr><td>导出时间：2024-05-01</td></tr></table>"
            f"<table>{HEAD}{ROWS}<tr><td>李四</td><td>女</td><td>{ID_F_1949}</td></tr></table>"
            f"<table>{HEAD}</table>"
        ),
    )
    plan = plan_import(store, "volunteers", path)
    assert plan.sheet == "Table 2"
    assert [r.values["name"] for r in plan.to_add] == ["张三", "李四"]


def test_nesting_bomb_refused_cleanly(store: Any, tmp_path: Path) -> None:
    depth = 50_000
    path = write(tmp_path, "deep.xls", "<html><body>" + "<div>" * depth + "<table>" + HEAD)
    with pytest.raises(ImportFileError, match=f"more than {html_table.MAX_DEPTH} deep"):
        plan_import(store, "volunteers", path)
    nested = "<table><tr><td>" * 200 + "x"
    with pytest.raises(ImportFileError, match="deep"):
        open_workbook(write(tmp_path, "tables.xls", page(nested)))


def test_span_and_size_bombs_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wide = page(
        '<table><tr><td colspan="999999999">x</td>' + "<td>y</td>" * 16_384 + "</tr></table>"
    )
    with pytest.raises(ImportFileError, match="wider than 16384 columns"):
        open_workbook(write(tmp_path, "wide.xls", wide))
    monkeypatch.setattr(guards, "MAX_CELLS", 1_000)
    tall = page(
        '<table><tr><td rowspan="65534" colspan="1000">x</td></tr>' + "<tr></tr>" * 50 + "</table>"
    )
    with pytest.raises(ImportFileError, match="more than 1,000 cells"):
        open_workbook(write(tmp_path, "tall.xls", tall))
    monkeypatch.setattr(html_table, "MAX_ROWS", 10)
    many = page("<table>" + "<tr><td>1</td></tr>" * 11 + "</table>")
    with pytest.raises(ImportFileError, match="more than 10 rows"):
        open_workbook(write(tmp_path, "many.xls", many))
    monkeypatch.setattr(guards, "MAX_CELLS", 100)  # one budget for all the page's tables
    empty_tables = page("<table><tr></tr></table>" * 101)
    with pytest.raises(ImportFileError, match="more than 100 cells"):
        open_workbook(write(tmp_path, "tables.xls", empty_tables))


def test_entities_are_not_expanded_from_a_dtd(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    path = write(
        tmp_path,
        "xxe.xls",
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<html><body><table><tr><td>&x;</td><td>a</td></tr></table></body></html>",
    )
    _, (data,) = sheets(path)
    assert "SECRET" not in repr(data.rows)


def test_no_table_has_a_clear_message(store: Any, tmp_path: Path) -> None:
    path = write(tmp_path, "page.xls", page("<p>导出失败，请联系管理员</p>"))
    with pytest.raises(ImportFileError, match=r"page\.xls is a web page with no table in it"):
        plan_import(store, "volunteers", path)
    assert translated()["{name} is a web page with no table in it; nothing to import."] == (
        "{name} 是网页文件，其中没有表格，没有可导入的内容。"
    )
