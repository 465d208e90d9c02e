"""Ctrl+V / Ctrl+C on a ledger page through the real clipboard, keys and store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import make_id

from commdesk.store.services.base import Query
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.paste_rows import DONE_PAGE, PasteWizard
from commdesk.ui.specs import TEAMS_SPEC, VOLUNTEERS_SPEC


@pytest.fixture(autouse=True)
def _clear_clipboard(qapp: Any) -> Iterator[None]:
    """Qt's offscreen platform crashes at exit when the clipboard still holds mime data
    (xcb and Windows do not): every test here leaves it empty."""
    yield
    QGuiApplication.clipboard().clear()


WAIT_MS = 15_000
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
BAD_ID = make_id(5)[:-1] + ("0" if make_id(5)[-1] != "0" else "1")  # wrong check digit
ROWS = [
    ("张三", make_id(1), "13800138000", "2026-03-01"),
    ("李四", make_id(2).translate(FULL), "１３９００１３９０００", "2026/3/1"),
    ("钱七", BAD_ID, "13700137000", "2026-03-01"),  # rejected: the others still go in
    ("王五", make_id(3), "13600136000", "2026年3月1日"),
    ("赵六", make_id(4), "13500135000", "20260301"),
]
HEADER = ("姓名", "身份证号码", "手机号", "加入时间")


def make_page(qtbot: Any, ctx: Any, spec: Any = VOLUNTEERS_SPEC) -> LedgerPage:
    page = LedgerPage(ctx, spec)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def put_on_clipboard(rows: list[tuple[str, ...]], *, html: bool) -> None:
    """What Excel/WPS put there: TSV text and (optionally) an HTML table."""
    mime = QMimeData()
    mime.setText("".join("\t".join(r) + "\r\n" for r in rows))
    if html:
        body = "".join(
            "<tr>" + "".join(f"<td class=xl65 x:str>{c}</td>" for c in r) + "</tr>" for r in rows
        )
        mime.setHtml(
            "<html xmlns:x='urn:schemas-microsoft-com:office:excel'><body><!--StartFragment-->"
            f"<table border=0>{body}</table><!--EndFragment--></body></html>"
        )
    QGuiApplication.clipboard().setMimeData(mime)


def paste_by_key(qtbot: Any, page: LedgerPage) -> PasteWizard:
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wizard = page.findChild(PasteWizard) or page.window().findChild(PasteWizard)
    assert wizard is not None, "Ctrl+V on the table opened no preview"
    qtbot.waitExposed(wizard)
    return wizard


def accept_by_keys(qtbot: Any, wizard: PasteWizard) -> None:
    """Enter presses the default button: 导入 on the preview, 完成 on the result."""
    QTest.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE_PAGE, timeout=WAIT_MS)
    QTest.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)


def stored(ctx: Any) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in volunteers.query(ctx.store, Query(limit=100))}


def test_html_paste_previews_then_stores_every_valid_row_and_undo_removes_it(
    qtbot: Any, ctx: Any
) -> None:
    page = make_page(qtbot, ctx)
    put_on_clipboard([HEADER, *ROWS], html=True)
    wizard = paste_by_key(qtbot, page)
    plan = wizard.state.plan
    assert plan is not None
    assert plan.counts()["added"] == 4 and plan.counts()["rejected"] == 1
    assert [r.row_number for r in plan.rejected] == [4]  # the clerk's row 4 (header is 1)
    preview = wizard.preview_page
    assert preview.rejected_table.rowCount() == 1
    assert "钱七" in [
        preview.rejected_table.item(0, c).text()
        for c in range(preview.rejected_table.columnCount())
    ]
    # Values as they will be stored: every date spelling reads 2026-03-01.
    add = preview.add_table
    texts = {add.item(r, c).text() for r in range(add.rowCount()) for c in range(add.columnCount())}
    assert "2026-03-01" in texts and "2026年3月1日" not in texts
    accept_by_keys(qtbot, wizard)
    rows = stored(ctx)
    assert set(rows) == {"张三", "李四", "王五", "赵六"}
    assert rows["李四"]["id_number"] == make_id(2)  # full-width digits read as digits
    assert rows["李四"]["mobile"] == "13900139000"
    assert {str(r["joined_date"]) for r in rows.values()} == {"2026-03-01"}
    assert page.row_count() == 4
    # One undo removes the whole paste.
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert stored(ctx) == {}
    page.undo_stack.redo()
    assert set(stored(ctx)) == {"张三", "李四", "王五", "赵六"}


def test_text_paste_without_header_reads_the_visible_columns_in_order(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx)
    columns = [f.name for f in page.visible_fields()]
    assert columns[:2] == ["name", "id_number"]
    # Only name and ID: the rest of the visible columns are simply absent.
    put_on_clipboard([(r[0], r[1]) for r in ROWS], html=False)
    wizard = paste_by_key(qtbot, page)
    plan = wizard.state.plan
    assert plan is not None and plan.header_rows == ()
    assert plan.counts()["added"] == 4 and plan.counts()["rejected"] == 1
    accept_by_keys(qtbot, wizard)
    assert set(stored(ctx)) == {"张三", "李四", "王五", "赵六"}


def test_moved_columns_are_read_in_their_on_screen_order(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx)
    header = page.table.horizontalHeader()
    header.moveSection(1, 0)  # 身份证号 first, then 姓名
    put_on_clipboard([(make_id(9), "孙八")], html=False)
    wizard = paste_by_key(qtbot, page)
    accept_by_keys(qtbot, wizard)
    assert stored(ctx)["孙八"]["id_number"] == make_id(9)


def test_empty_clipboard_and_a_ledger_without_paste_explain_themselves(
    qtbot: Any, ctx: Any, monkeypatch: Any
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: seen.append(text))
    page = make_page(qtbot, ctx)
    QGuiApplication.clipboard().setMimeData(QMimeData())
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert seen and "Ctrl+C" in seen[0]
    assert page.window().findChild(PasteWizard) is None
    notices: list[str] = []
    teams = make_page(qtbot, ctx, TEAMS_SPEC)
    teams.notice.connect(notices.append)
    put_on_clipboard([("邻里服务队",)], html=False)
    teams.table.setFocus()
    QTest.keyClick(teams.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert notices and teams.window().findChild(PasteWizard) is None


def test_ctrl_c_copies_selected_rows_as_tsv_and_html_with_masked_ids(qtbot: Any, ctx: Any) -> None:
    for name, seed in (("张三", 1), ("李四", 2), ("王五", 3)):
        volunteers.add(ctx.store, {"name": name, "id_number": make_id(seed)})
    page = make_page(qtbot, ctx)
    page.refresh()
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(2, 0),
        page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows,
    )
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    lines = mime.text().split("\r\n")
    labels = [f.label() for f in page.visible_fields()]
    assert lines[0].split("\t") == labels
    assert len([line for line in lines if line]) == 3  # header + two rows
    names = {line.split("\t")[0] for line in lines[1:] if line}
    assert names == {page.model.data(page.model.index(r, 0)) for r in (0, 2)}
    ids = [line.split("\t")[1] for line in lines[1:] if line]
    assert all("*" in i for i in ids) and not any(make_id(s) in mime.text() for s in (1, 2, 3))
    html = mime.html()
    assert "<table" in html and html.count("<tr>") == 3 and "<th" in html
    assert not any(make_id(s) in html for s in (1, 2, 3))
    # What Ctrl+C put there pastes back through the same reader (round trip of the flavour).
    from commdesk.importing.clipboard import pasted_sheet

    data = pasted_sheet(mime.text(), mime.html())
    assert [c for c in data.rows[0][1]] == labels[: len(data.rows[0][1])]


def live_teams(ctx: Any) -> set[str]:
    return {r["name"] for r in teams.query(ctx.store, Query(limit=100))}


def test_undoing_a_paste_removes_the_teams_it_created_and_redo_brings_them_back(
    qtbot: Any, ctx: Any
) -> None:
    teams.add(ctx.store, {"name": "老队"})
    page = make_page(qtbot, ctx)
    header = (*HEADER, "所属服务队")
    rows = [(*ROWS[0], "新星志愿服务队"), (*ROWS[1], "老队"), (*ROWS[3], "新星志愿服务队")]
    put_on_clipboard([header, *rows], html=True)
    accept_by_keys(qtbot, paste_by_key(qtbot, page))
    assert live_teams(ctx) == {"老队", "新星志愿服务队"}
    page.undo_stack.undo()
    assert stored(ctx) == {}
    assert live_teams(ctx) == {"老队"}  # the created team went with the paste; the old one stays
    page.undo_stack.redo()
    assert set(stored(ctx)) == {"张三", "李四", "王五"}
    assert live_teams(ctx) == {"老队", "新星志愿服务队"}
    new_team = {r["name"]: r["id"] for r in teams.query(ctx.store, Query(limit=100))}
    assert {r["team_id"] for n, r in stored(ctx).items() if n != "李四"} == {
        new_team["新星志愿服务队"]
    }


def test_a_created_team_another_record_names_meanwhile_is_kept_with_a_message(
    qtbot: Any, ctx: Any, monkeypatch: Any
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    page = make_page(qtbot, ctx)
    put_on_clipboard([(*HEADER, "所属服务队"), (*ROWS[0], "新星志愿服务队")], html=False)
    accept_by_keys(qtbot, paste_by_key(qtbot, page))
    (team_id,) = {r["id"] for r in teams.query(ctx.store, Query(limit=100))}
    volunteers.add(ctx.store, {"name": "孙八", "id_number": make_id(8), "team_id": team_id})
    page.undo_stack.undo()
    assert set(stored(ctx)) == {"孙八"}
    assert live_teams(ctx) == {"新星志愿服务队"}
    assert told and "新星志愿服务队" in told[0]
