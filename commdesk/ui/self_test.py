"""``commdesk --self-test``: every page and dialog, one full round per ledger.

Runs on a temporary copy of the data folder, so a clerk's data is never
touched; returns a short summary or raises :class:`SelfTestFailed`.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from commdesk.paths import DB_FILE_NAME
from commdesk.store.engine import open_store
from commdesk.store.services.profile import has_valid_profile
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.main_window import MainWindow
from commdesk.ui.profile import ProfileWizard
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators


class SelfTestFailed(Exception):
    pass


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise SelfTestFailed(reason)


def test_id(seed: int) -> str:
    """A valid resident ID (correct check digit) for sample rows."""
    first17 = f"110105198{seed % 10}0101{(seed * 2 + 1) % 1000:03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


SAMPLE_PROFILE: dict[str, Any] = {
    "name": "自检社区居民委员会",
    "kind": "urban",
    "division_code": "110105001001",
    "township_name": "自检街道",
    "households": 100,
    "resident_population": 260,
}


def _samples() -> dict[str, tuple[dict[str, Any], str, Any]]:
    """Per page: values for a new row, and one (field, new value) edit."""
    yesterday = date.today() - timedelta(days=1)
    return {
        "volunteers": ({"name": "自检志愿者", "id_number": test_id(1)}, "skills", "理发"),
        "teams": ({"name": "自检服务队"}, "leader", "王队长"),
        "services": (
            {"service_date": yesterday, "category_code": "WM01", "people_served": 2, "hours": 1.5},
            "description",
            "自检服务内容",
        ),
        "facilities": ({"name": "自检活动室", "type_code": "F05"}, "address", "自检路1号"),
        "workers": (
            {"name": "自检工作者", "id_number": test_id(2), "position_codes": ("PRO",)},
            "notes",
            "自检备注",
        ),
    }


def _round(
    app: QApplication, page: LedgerPage, data: dict[str, Any], edit: tuple[str, Any]
) -> None:
    """Add, edit, delete through the page, then undo all three."""
    name = page.spec.key
    store, service, undo = page.ctx.store, page.service, page.undo_stack
    before = page.row_count()
    dialog = page.new_record()
    _check(dialog is not None, f"{name}: no entry dialog")
    assert dialog is not None
    dialog.form.set_values(data)
    _check(dialog.form.is_valid, f"{name}: sample row invalid: {dialog.form.validate().errors}")
    _check(dialog.commit(), f"{name}: save failed")
    app.processEvents()
    _check(page.row_count() == before + 1, f"{name}: added row not listed")
    row_id = page.selected_ids()[0] if page.selected_ids() else None
    _check(row_id is not None, f"{name}: new row not selected")
    assert row_id is not None
    field_name, new_value = edit
    editor = page.edit_current()
    _check(editor is not None, f"{name}: no edit dialog")
    assert editor is not None
    editor.form.editors[field_name].set_value(new_value)
    _check(editor.commit(), f"{name}: edit failed")
    row = service.get(store, row_id)
    _check(row is not None and row[field_name] == new_value, f"{name}: edit not stored")
    page.select_id(row_id)
    _check(page.delete_selected(confirm=False) == 1, f"{name}: delete failed")
    _check(page.row_count() == before, f"{name}: deleted row still listed")
    undo.undo()  # delete
    _check(page.row_count() == before + 1, f"{name}: undo delete failed")
    undo.undo()  # edit
    row = service.get(store, row_id)
    _check(row is not None and row[field_name] != new_value, f"{name}: undo edit failed")
    undo.undo()  # add
    _check(page.row_count() == before, f"{name}: undo add failed")
    page.set_show_deleted(True)
    _check(page.row_count() >= 1, f"{name}: recycle view empty")
    page.set_show_deleted(False)


def _dialogs(shell: Shell, window: MainWindow) -> dict[str, Callable[[], QWidget]]:
    """Every dialog the README names, by name: how each is opened (non-blocking)."""
    from commdesk.domain.periods import Period
    from commdesk.returns.audit import Issue
    from commdesk.ui.certificate_register import run_from_window
    from commdesk.ui.lock_screen import LockDialog, SetPasswordDialog
    from commdesk.ui.period_lock import UnlockDialog
    from commdesk.ui.returns_dialogs import ExplainWarningsDialog
    from commdesk.ui.roster_export_dialog import RosterExportOptions

    store, period = shell.ctx.store, Period.parse("2026Q3")
    warning = Issue("W-SELF-TEST", "warning", "self-test warning")
    return {
        "import wizard": lambda: (window.act_import.trigger(), QApplication.activeModalWidget())[1],
        "backups": shell.open_backups,
        "catalogues": window.open_catalogues,
        "start-up password": lambda: SetPasswordDialog(store, window),
        "lock screen": lambda: LockDialog(store, LockDialog.START, window),
        "unlock period": lambda: UnlockDialog([period.label()], window),
        "explain warnings": lambda: ExplainWarningsDialog([warning], {}, period.label(), window),
        "roster export": lambda: RosterExportOptions(1, True, window),
        "certificate": lambda: run_from_window(window, "issue"),
        "certificate register": lambda: run_from_window(window, "register"),
        "about": window.about,
    }


def _open_dialogs(app: QApplication, shell: Shell, window: MainWindow) -> list[str]:
    """Open each dialog, check it shows, close it again."""
    opened = []
    for name, open_ in _dialogs(shell, window).items():
        dialog = open_()
        _check(dialog is not None, f"{name}: not opened")
        if not dialog.isVisible():
            dialog.show()
        app.processEvents()
        _check(dialog.isVisible(), f"{name}: not shown")
        if isinstance(dialog, QDialog):
            dialog.reject()  # as Esc would: a wizard waits for its worker
        dialog.hide()
        dialog.deleteLater()
        app.processEvents()
        opened.append(name)
    return opened


def _copy_data(source: Path, target: Path) -> None:
    """Copy a live database with SQLite's backup API (safe with WAL)."""
    src_path = source / DB_FILE_NAME
    if not src_path.is_file():
        return
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    dst = sqlite3.connect(target / DB_FILE_NAME)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def run_self_test(
    app: QApplication, data_dir: Path | None, translators: Translators,
    log: Callable[[str], None] = print,
) -> str:  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="commdesk-selftest-") as tmp:
        work = Path(tmp)
        if data_dir is not None:
            _copy_data(Path(data_dir), work)
        store = open_store(work)
        try:
            return _run(app, store, translators, log)
        finally:
            store.close()


def _run(
    app: QApplication, store: Any, translators: Translators, log: Callable[[str], None]
) -> str:
    shell = Shell(store, translators)
    wizard = ProfileWizard(shell.ctx)
    wizard.show()
    app.processEvents()
    if not has_valid_profile(store):
        wizard.basics.form.set_values(SAMPLE_PROFILE)
        _check(wizard.basics.isComplete(), "profile wizard: sample profile rejected")
        wizard.accept()
        _check(has_valid_profile(store), "profile wizard: profile not stored")
    wizard.hide()
    wizard.deleteLater()
    window: MainWindow = shell.open_main_window()
    app.processEvents()
    for key in window.page_keys():
        window.show_page(key)
        app.processEvents()
        _check(window.stack.currentWidget() is window.pages[key], f"page {key} not shown")
    log(f"pages: {len(window.page_keys())} opened")
    for key, (data, field_name, value) in _samples().items():
        page = window.show_ledger(key)
        _round(app, page, data, (field_name, value))
        log(f"{key}: add/edit/delete/undo ok")
    settings = shell.open_settings()
    app.processEvents()
    settings.reject()
    opened = _open_dialogs(app, shell, window)
    log(f"dialogs: {', '.join(opened)} opened")
    _check(not app.windowIcon().isNull(), "no application icon")
    page = window.ledger_pages["services"]
    page.column_menu().close()
    window.close()
    shell.dispose()
    return f"self-test passed: {len(window.page_keys())} pages, {len(_samples())} ledgers"
