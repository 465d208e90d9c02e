"""The 汇总 page reads the server: the township types the server and its login, every
committee its role may read is consolidated through the file checks, and 保存 writes it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cons_helpers import PERIOD_CODE, TOWNSHIP, make_committee, visible_figures
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy.engine import make_url


def _server(pg_server: Any, tmp_path: Path) -> tuple[str, dict[bool, list[Any]]]:
    """Three committees pushed to the server, two of them submitted; the township's login."""
    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.store.engine import db_path, open_store
    from commdesk.store.server_admin import add_township_reader, committee_url, init_committee
    from commdesk.store.services import periods
    from commdesk.store.transfer import push

    admin = pg_server.admin_url
    definition, period = library.current(None), Period.parse(PERIOD_CODE)
    (tmp_path / "returns").mkdir()
    open_store(tmp_path / "template").close()
    made: dict[bool, list[Any]] = {True: [], False: []}
    for n, submitted in ((1, True), (2, False), (3, True)):
        code = f"{TOWNSHIP}{n + 800:03d}"
        committee = make_committee(
            tmp_path, db_path(tmp_path / "template"), code, "urban", n, definition, period
        )
        if submitted:
            store = open_store(committee.data_dir)
            periods.mark_submitted(store, periods.history(store, period)[0]["id"])
            store.close()
        c = init_committee(admin, f"{code}s{os.getpid()}")
        assert all(check.ok for check in push(committee.data_dir, committee_url(admin, c)))
        made[submitted].append((c.database, committee))
    add_township_reader(admin, f"pagetown_{os.getpid()}", "pw-town-9")
    return admin, made


def _address(admin_url: str) -> str:
    """The server as the township types it: no login in it (that has its own box)."""
    host = make_url(admin_url).query["host"]
    return f"postgresql+psycopg:///postgres?host={host}"


def test_page_consolidates_what_the_township_login_reads(
    qtbot: Any, pg_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from commdesk.domain.periods import Period
    from commdesk.store.engine import open_store
    from commdesk.ui.consolidation_page import ConsolidationPage

    admin, made = _server(pg_server, tmp_path)
    township_store = open_store(tmp_path / "township")
    ini = tmp_path / "ui.ini"
    page = ConsolidationPage(
        township_store,
        tmp_path / "township",
        settings=QSettings(str(ini), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.set_period(Period.parse(PERIOD_CODE))
    try:
        qtbot.mouseClick(page.server_button, Qt.MouseButton.LeftButton)
        dialog = page.server_dialog
        assert dialog is not None and dialog.isVisible()
        # The server's address without a login: the login and password have their own boxes.
        qtbot.keyClicks(dialog.url_edit, _address(admin))
        qtbot.keyClicks(dialog.user_edit, f"pagetown_{os.getpid()}")
        qtbot.keyClicks(dialog.password_edit, "pw-town-9")
        with qtbot.waitSignal(page.checked, timeout=120_000):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

        for database, _committee in made[True]:
            assert page.status_of(f"{database}.xlsx") == "included"
        (waiting, _committee), = made[False]  # fmt: skip
        row = page.row_of(waiting)
        assert page.status_of(waiting) == "not-submitted"
        assert page.table.item(row, page.STATUS).text() == "Not submitted"
        assert page.table.item(row, page.CODE).text() == f"{TOWNSHIP}802"
        assert page.table.item(row, page.STATUS).background().color().name() == "#fdecea"
        assert "Committees on the server that have not submitted: " in page.summary.text()
        assert "pw-town-9" not in ini.read_text(encoding="utf-8")  # the password is never kept

        assert page.export_button.isEnabled()
        out = tmp_path / "township.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        with qtbot.waitSignal(page.exportFinished, timeout=60_000):
            qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        if page.result_message is not None:
            page.result_message.done(QMessageBox.StandardButton.Close)
        folder = page.state.server_folder
        assert folder is not None
    finally:
        page.wait_idle()
        township_store.close()

    # The township's login reads every committee on the server (other tests' too): the
    # township's 表3 is the sum of the returns written from the server, and each of ours
    # equals the return that committee exported itself.
    written = visible_figures(out)
    table3 = [key for key in written if key[0] == "表3"]
    assert table3
    included = [
        folder / page.table.item(r, page.FILE).text()
        for r in range(page.table.rowCount())
        if page.table.item(r, page.STATUS).data(Qt.ItemDataRole.UserRole + 1) == "included"
    ]
    for database, committee in made[True]:
        assert folder / f"{database}.xlsx" in included
        own, from_server = (
            visible_figures(committee.path),
            visible_figures(folder / f"{database}.xlsx"),
        )
        assert all(own.get(key) == from_server.get(key) for key in table3)
    compared = 0
    for key in table3:
        parts = [visible_figures(path).get(key) for path in included]
        if all(isinstance(v, int | float) for v in parts):
            assert written[key] == sum(parts), key  # type: ignore[arg-type]
            compared += 1
    assert compared > 10
    unsubmitted = visible_figures(made[False][0][1].path)
    assert any(
        isinstance(unsubmitted.get(k), int | float) and unsubmitted[k] for k in table3
    )  # its figures would have shown had it been summed


def test_a_wrong_password_is_one_clear_message(
    qtbot: Any, pg_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from commdesk.store.engine import open_store
    from commdesk.store.server_admin import add_township_reader
    from commdesk.ui.consolidation_page import ConsolidationPage

    add_township_reader(pg_server.admin_url, f"pagetown2_{os.getpid()}", "right-pw-1")
    township_store = open_store(tmp_path / "township")
    page = ConsolidationPage(
        township_store,
        tmp_path / "township",
        settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(page)
    page.show()
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    try:
        qtbot.mouseClick(page.server_button, Qt.MouseButton.LeftButton)
        dialog = page.server_dialog
        qtbot.keyClicks(dialog.url_edit, _address(pg_server.admin_url))
        qtbot.keyClicks(dialog.user_edit, f"pagetown2_{os.getpid()}")
        qtbot.keyClicks(dialog.password_edit, "wrong-pw")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    finally:
        page.wait_idle()
        township_store.close()
    assert "refused the login" in shown[0] and "wrong-pw" not in shown[0]
    assert "Traceback" not in shown[0]
