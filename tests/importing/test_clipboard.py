"""The clipboard flavours Excel and WPS put there, read into the importer's rows."""

from __future__ import annotations

import pytest

from commdesk.importing import ImportFileError
from commdesk.importing import clipboard as cb


def test_html_table_keeps_merged_cells_in_place_and_line_breaks() -> None:
    markup = (
        "Version:0.9\r\nStartHTML:0000000105\r\n<html><body><!--StartFragment-->"
        "<table><tr><td>姓名</td><td colspan=2>联系</td></tr>"
        "<tr><td rowspan=2>张<br>三</td><td>&nbsp;１３８ 0013 </td><td>\n  x\n  y</td></tr>"
        "<tr><td>4</td><td><font>5</font>6</td></tr></table></body></html>"
    )
    data = cb.pasted_sheet("ignored\tbecause html wins", markup)
    assert data.rows == [
        (1, ("姓名", "联系")),
        (2, ("张\n三", "１３８ 0013", "x y")),
        (3, (None, "4", "56")),
    ]


def test_tsv_with_quoted_cells_and_blank_lines() -> None:
    data = cb.pasted_sheet('a\tb\r\n"c\td"\t"say ""hi"""\r\n\r\n', "")
    assert data.rows == [(1, ("a", "b")), (2, ("c\td", 'say "hi"'))]
    assert data.blank_rows == 1


def test_html_without_a_table_falls_back_to_the_text() -> None:
    data = cb.pasted_sheet("a\tb", "<p>just text</p>")
    assert data.rows == [(1, ("a", "b"))]


def test_hostile_spans_are_bounded_and_empty_clipboard_is_explained() -> None:
    row = '<tr><td colspan="999999999" rowspan="99999999">x</td></tr>'
    data = cb.pasted_sheet("", f"<table>{row}</table>")
    assert data.rows == [(1, ("x",))]  # the span is capped, trailing blanks trimmed
    with pytest.raises(ImportFileError, match="too much"):
        cb.pasted_sheet("", f"<table>{row * 40}</table>")  # spans that widen every row
    with pytest.raises(ImportFileError, match="Ctrl\\+C"):
        cb.pasted_sheet("\r\n\t\r\n", "")
    with pytest.raises(ImportFileError):
        cb.sheet_from_text("x" * (cb.MAX_PASTE_CHARS + 1))


def test_a_table_without_merged_cells_reads_as_the_span_aware_reader_does() -> None:
    """Plain ranges take a quicker path; every kind of cell text reads the same on both."""
    cells = [
        "<th>姓名</th>", "<td> 张三 </td>", "<td>&nbsp;１３８\u3000</td>", "<td>a  b\n c</td>",
        "<td>张<br>三</td>", "<td><font>5</font>6</td>", "<td></td>",
        "<td>x<style>p{}</style></td>", "<td>tab\there</td>", "<td>2026/3/1</td>",
    ]  # fmt: skip
    markup = f"<html><body><table><tr>{''.join(cells)}</tr><tr>{''.join(cells[::-1])}</tr>"
    markup += "<tr><td>only</td></tr></table></body></html>"
    quick = cb.sheet_from_html(markup)
    spans = cb.sheet_from_html(markup.replace("<td>only</td>", "<td colspan=1>only</td>"))
    assert quick is not None and spans is not None
    assert quick.rows == spans.rows
    assert quick.rows[0][1][:6] == ("姓名", "张三", "１３８", "a b c", "张\n三", "56")
