"""Open every window of CommDesk on one simulated screen; print what does not fit as JSON.

Run by ``test_screen_fit.py`` in a subprocess, because the offscreen platform's
screen (size, device pixel ratio) is chosen once per process:

    QT_QPA_PLATFORM=offscreen:configfile=screens.json python screen_fit_driver.py zh_CN [150]

(the optional second argument is the font-size setting, in per cent).

Each problem is one line of the printed list: the window, then what lies outside
the available screen or which label's text is cut off.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)
from ui_helpers import make_id

ROSTER = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "roster.xlsx"
PROFILE = {
    "name": "幸福社区居民委员会",
    "kind": "urban",
    "division_code": "110105001001",
    "township_name": "朝外街道",
    "households": 1000,
    "resident_population": 2600,
    "unit_head": "王建国",
    "statistics_head": "李明",
    "preparer": "张丽",
    "phone": "010-65001234",
}


def populate(store: Any) -> None:
    """A few rows per ledger, so tables, totals and the masked-ID edit form show."""
    from commdesk.store.services.facilities import facilities
    from commdesk.store.services.profile import save_profile
    from commdesk.store.services.service_records import service_records
    from commdesk.store.services.volunteers import teams, volunteers
    from commdesk.store.services.workers import workers

    save_profile(store, PROFILE)
    team = teams.add(store, {"name": "幸福邻里志愿服务队", "leader": "王芳"})
    vid = volunteers.add(
        store, {"name": "欧阳旭", "id_number": make_id(1), "team_id": team, "mobile": "13912340001"}
    )
    for i in range(12):
        service_records.add(
            store,
            {"service_date": date.today() - timedelta(days=9 * i), "category_code": "WM01",
             "target_group_code": "ELD", "people_served": 2 + i, "hours": 30 if i == 5 else 1.5,
             "provider_kind_code": "VOL", "channel_code": "HOME", "description": "探访独居老人",
             "volunteers": [vid]},
        )  # fmt: skip
    facilities.add(store, {"name": "幸福社区党群服务中心", "type_code": "F01", "floor_area": 650})
    workers.add(store, {"name": "王建国", "id_number": make_id(40), "position_codes": ("SEC",)})


# ------------------------------------------------------------------ checks
def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area the clerk scrolls to it: only the area itself must fit."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text[:40]!r}" if text else name


def problems(window: QWidget, name: str) -> list[str]:
    """What of ``window`` lies outside the available screen, or is cut off."""
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    found: list[str] = []
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if not screen.contains(frame):
        found.append(f"{name}: window {_rect(frame)} outside screen {_rect(screen)}")
    inside = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        texted = isinstance(button, QPushButton | QCheckBox | QRadioButton)
        if texted and button.sizeHint().width() > button.width() + 1:
            found.append(f"{name}: button {_describe(button)} squeezed to {button.width()} px")
        if _in_scroll_area(button, window) or isinstance(button.parentWidget(), QTabBar):
            continue  # reached by scrolling; the tab bar's arrows come and go
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        if not inside.contains(where):
            found.append(f"{name}: button {_describe(button)} at {_rect(where)} outside window")
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + 1:
                found.append(
                    f"{name}: label {_describe(label)} needs {need} px height, has {label.height()}"
                )
        elif label.sizeHint().width() > label.width() + 1:
            found.append(
                f"{name}: label {_describe(label)} cut off "
                f"({label.sizeHint().width()} px text in {label.width()} px)"
            )
        if not _in_scroll_area(label, window):
            where = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
            if not inside.contains(where):
                found.append(f"{name}: label {_describe(label)} at {_rect(where)} outside window")
    if isinstance(window, QMainWindow):
        found.extend(status_message_cut(window, name))
    return found


def status_message_cut(window: QMainWindow, name: str) -> list[str]:
    """The status bar draws a message up to its first permanent widget, in one line."""
    bar = window.statusBar()
    text = bar.currentMessage()
    if not text:
        return []
    beside = [
        w.x()
        for w in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.isVisible() and not w.isWindow()
    ]
    room = min([*beside, bar.width()]) - 8
    need = bar.fontMetrics().horizontalAdvance(text)
    if need > room:
        return [f"{name}: status-bar message cut off ({need} px text in {room} px): {text}"]
    return []


def _rect(r: QRect) -> str:
    return f"{r.x()},{r.y()} {r.width()}x{r.height()}"


# ------------------------------------------------------------------ the tour
class Tour:
    """Opens windows one after another and collects their problems."""

    def __init__(self, app: QApplication, font_scale: int = 100) -> None:
        self.app = app
        self.font_scale = font_scale
        self.found: list[str] = []
        self.checked: list[str] = []

    def check(self, window: QWidget, name: str) -> None:
        self.checked.append(name)
        self.found.extend(problems(window, name))

    @contextmanager
    def opened(self, window: QWidget, name: str) -> Iterator[QWidget]:
        window.show()
        self.check(window, name)
        try:
            yield window
        finally:
            window.hide()
            window.deleteLater()


def tour_main_window(tour: Tour, shell: Any) -> Any:
    window = shell.open_main_window()
    for state in ("default", "maximised"):
        if state == "maximised":
            window.showMaximized()
        for key in window.page_keys():
            page = window.show_page(key)
            if key == "overview":
                page.wait()
                if tour.font_scale == 100:
                    tour.found.extend(indicators_below_fold(window, page, state))
            if key == "reports":
                page.wait_idle()
            tour.check(window, f"main window ({state}) page {key}")
            if key in window.ledger_pages:
                tour.found.extend(totals_shown(window, window.ledger_pages[key], state))
        window.show_page("volunteers")
        window.people_tabs.setCurrentIndex(1)
        tour.check(window, f"main window ({state}) page teams")
        window.people_tabs.setCurrentIndex(0)
    window.showNormal()
    return window


def indicators_below_fold(window: Any, page: Any, state: str) -> list[str]:
    """The overview opens with its first plan indicator in view, not scrolled to."""
    table = page.dashboard.panel.table
    top = table.mapTo(window, QPoint(0, 0)).y()
    first_row = (
        top + table.horizontalHeader().height() + table.verticalHeader().defaultSectionSize()
    )
    view = page.findChild(QAbstractScrollArea, "overviewDashboardScroll").viewport()
    fold = view.mapTo(window, QPoint(0, view.height())).y()
    if table.isVisible() and first_row <= fold:
        return []
    return [f"main window ({state}) page overview: first indicator ends at y={first_row}, "
            f"below the fold at y={fold}"]  # fmt: skip


def totals_shown(window: Any, page: Any, state: str) -> list[str]:
    """The totals line under a ledger's table is the clerk's running check."""
    totals = page.totals
    where = QRect(totals.mapToGlobal(QPoint(0, 0)), totals.size())
    screen = window.screen().availableGeometry()
    if totals.isVisible() and totals.text() and screen.contains(where):
        return []
    return [f"main window ({state}) page {page.spec.key}: totals line {_rect(where)} not in view"]


def tour_forms(tour: Tour, window: Any) -> None:
    for key, page in window.ledger_pages.items():
        window.show_ledger(key)
        dialog = page.new_record()
        tour.check(dialog, f"new {key} form")
        dialog.form.dirty = False
        dialog.close()
        page.table.selectRow(0)
        dialog = page.edit_current()
        if dialog is not None:
            tour.check(dialog, f"edit {key} form")
            dialog.close()


def tour_batch(tour: Tour, window: Any) -> None:
    """The batch sheet, and a cell's completion list opened by typing pinyin initials."""
    from PySide6.QtTest import QTest

    from commdesk.ui.batch_entry import open_batch_entry

    window.show_ledger("services")
    dialog = open_batch_entry(window.ledger_pages["services"])
    assert dialog is not None
    tour.check(dialog, "batch entry")
    sheet = dialog.sheet
    sheet.setCurrentCell(0, [f.name for f in dialog.fields].index("volunteers"))
    sheet.setFocus()
    for char in "oy":  # 欧阳旭
        QTest.keyClick(QApplication.focusWidget() or sheet, char)
    tour.app.processEvents()
    popup = QApplication.activePopupWidget()
    tour.checked.append("batch entry completion list")
    if popup is None or not popup.isVisible():
        tour.found.append("batch entry: typing pinyin initials in a name cell showed no list")
    elif not popup.screen().availableGeometry().contains(popup.frameGeometry()):
        tour.found.append(f"batch entry: completion list at {_rect(popup.frameGeometry())}")
    if popup is not None:
        popup.hide()
    sheet.commit_editor()
    dialog.done(0)


def tour_dialogs(tour: Tour, shell: Any, window: Any, tmp: Path) -> None:
    from commdesk.domain.periods import Period
    from commdesk.returns.audit import Issue
    from commdesk.store import backups, privacy
    from commdesk.ui.accounts_dialog import AccountFormDialog
    from commdesk.ui.backup_dialogs import DamagedDialog
    from commdesk.ui.catalogue_dialog import CatalogueDialog
    from commdesk.ui.certificate_dialog import CertificateDialog
    from commdesk.ui.certificate_register import RegisterDialog
    from commdesk.ui.consolidation_server import ServerDialog
    from commdesk.ui.lock_screen import LockDialog, SetPasswordDialog
    from commdesk.ui.period_lock import UnlockDialog
    from commdesk.ui.returns_dialogs import ExplainWarningsDialog, ExportedMessage
    from commdesk.ui.roster_export_dialog import RosterExportOptions
    from commdesk.ui.server_away import ServerAwayDialog

    store = shell.ctx.store
    settings = shell.open_settings()
    tour.check(settings, "settings (no password)")
    settings.reject()
    privacy.set_password(store, "secret-123")
    settings = shell.open_settings()
    tour.check(settings, "settings (password set)")
    settings.reject()
    window.act_backups.trigger()
    backups_dialog = shell.backups_dialog
    backups_dialog.backup_now()
    tour.check(backups_dialog, "backups")
    backups_dialog.reject()
    about = window.about()
    tour.check(about, "about")
    about.close()
    damaged = tmp / "commdesk.damaged.db"
    offer = backups.list_backups(store.data_dir, None)
    recovery = backups.Recovery(damaged, "file is not a database", offer[0] if offer else None)
    factories: list[tuple[str, Callable[[], QWidget]]] = [
        ("damaged database", lambda: DamagedDialog(recovery, store.data_dir, window)),
        ("roster export options", lambda: RosterExportOptions(120, True, window)),
        ("unlock period", lambda: UnlockDialog(["2026年第3季度", "2026年9月"], window)),
        ("start-up password", lambda: LockDialog(store, LockDialog.START)),
        ("idle lock", lambda: LockDialog(store, LockDialog.IDLE, window)),
        ("set password", lambda: SetPasswordDialog(store, window)),
        ("exported message", lambda: ExportedMessage(tmp / "社区服务统计表.xlsx", window)),
        ("catalogues", lambda: CatalogueDialog(shell.ctx, window)),
        ("certificate", lambda: CertificateDialog(shell.ctx, [1, 2], window)),
        ("certificate register", lambda: RegisterDialog(shell.ctx, window)),
        ("explain warnings",
         lambda: ExplainWarningsDialog(_warnings(Issue), {}, "2026年第3季度", window)),
        ("sign in", lambda: _sign_in(store)),
        ("add account", lambda: AccountFormDialog(lambda *_a: None, window, first=True)),
        ("new password", lambda: AccountFormDialog(lambda *_a: None, window, name="张丽")),
        ("accounts", lambda: _accounts(store, window)),
        ("idle lock (signed in)", lambda: _own_lock(store, window)),
        ("server away", lambda: ServerAwayDialog(_away_message(), _copy(tmp), window)),
        ("read from the server",
         lambda: ServerDialog(shell.ctx.settings, Period.parse("2026Q3"), window)),
    ]  # fmt: skip
    for name, make in factories:
        with tour.opened(make(), name):
            pass
    settings = shell.open_settings()  # accounts now exist (the accounts dialog added them)
    tour.check(settings, "settings (accounts)")
    settings.reject()


def _sign_in(store: Any) -> QWidget:
    """As after a refusal: the longest message the dialog shows."""
    from commdesk.ui.sign_in import SignInDialog

    message = "服务器拒绝了用户名或密码（cd_110105001001_zhangli）。请重试。"
    return SignInDialog(lambda *_a: None, store.label, name="cd_110105001001_zhangli",
                        message=message)  # fmt: skip


def _accounts(store: Any, window: QWidget) -> QWidget:
    """With an administrator and two clerks (the administrator signed in)."""
    from commdesk.store import account_admin
    from commdesk.ui.accounts_dialog import AccountsDialog

    if not account_admin.list_accounts(store):
        account_admin.add(store, "王建国", "admin", "admin-pass")
        account_admin.add(store, "张丽", "entry", "entry-pass")
        account_admin.add(store, "李明", "reviewer", "review-pass")
    return AccountsDialog(store, window)


def _own_lock(store: Any, window: QWidget) -> QWidget:
    """The lock of the administrator signed in by the accounts dialog, after wrong tries."""
    from commdesk.ui.lock_screen import LockDialog

    dialog = LockDialog(store, LockDialog.IDLE, window)
    assert dialog.owner is not None, "the accounts dialog signs its first administrator in"
    dialog.password.setText("wrong")
    for _ in range(3):
        dialog.try_unlock()
    return dialog


def _warnings(issue: Any) -> list[Any]:
    return [
        issue("W-SERVICE-HOURS", "warning", "单次服务时长超过 24 小时的记录有 1 条", "T3"),
        issue("W-PEOPLE", "warning", "服务人次与服务对象人数之比异常，请核对是否重复登记", "T3"),
    ]


def tour_import(tour: Tour, window: Any, tmp: Path) -> None:
    """File → Import with a volunteer roster, page by page up to the report."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QWizard

    from commdesk.ui.import_wizard import DONE_PAGE

    roster = tmp / "in" / "志愿者花名册.xlsx"
    roster.parent.mkdir()
    book = load_workbook(ROSTER)
    sheet = next(ws.title for ws in book.worksheets if ws.sheet_state == "visible")
    book.create_sheet("填表说明", 0).append(["本表每季度更新一次。"])  # so the sheet step shows
    book.save(roster)
    window.show_page("volunteers")
    window.act_import.trigger()
    wizard = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "importWizard")
    wizard.file_page.path_edit.setText(str(roster))
    tour.check(wizard, "import wizard page 0")
    while wizard.currentId() != DONE_PAGE:
        start = wizard.currentId()
        page = wizard.currentPage()
        if page is wizard.sheet_page:
            page.select_sheet(sheet)
        which = (
            QWizard.WizardButton.CommitButton
            if page.isCommitPage()
            else QWizard.WizardButton.NextButton
        )
        if not _wait(lambda b=which: wizard.button(b).isEnabled()):
            tour.found.append(f"import wizard: stuck on page {start}")
            break
        wizard.button(which).click()
        if not _wait(lambda s=start: wizard.currentId() != s):
            tour.found.append(f"import wizard: page {start} did not advance")
            break
        _wait(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled(), 3000)
        tour.check(wizard, f"import wizard page {wizard.currentId()}")
    wizard.close()


def _wait(condition: Callable[[], bool], msecs: int = 20_000) -> bool:
    from PySide6.QtCore import QDeadlineTimer, QThread

    deadline = QDeadlineTimer(msecs)
    while not condition():
        if deadline.hasExpired():
            return False
        QApplication.processEvents()
        QThread.msleep(10)
    return True


def tour_wizard(tour: Tour, translators: Any, tmp: Path) -> None:
    """The first-run wizard, on a data folder with no profile yet."""
    from commdesk.store.engine import open_store
    from commdesk.ui.shell import Shell

    blank = open_store(tmp / "blank")
    shell = Shell(blank, translators)
    shell._open_first_window()
    wizard = shell.wizard
    location = wizard.first_page
    location.choice.server.setChecked(True)  # the server's fields shown and enabled
    tour.check(wizard, "first-run wizard location page")
    location.choice.local.setChecked(True)
    wizard.next()
    tour.check(wizard, "first-run wizard page 1")
    from commdesk.ui.self_test import SAMPLE_PROFILE

    wizard.basics.form.set_values(SAMPLE_PROFILE)
    wizard.next()
    tour.check(wizard, "first-run wizard page 2")
    shell.dispose()
    blank.close()


def _away_message() -> str:
    from commdesk.store.backend import unreachable_message

    url = "postgresql+psycopg://li_na@street-office-server.local:5432/cd_110105001001"
    return unreachable_message(url, OSError("connection timeout expired"))


def _copy(tmp: Path) -> Any:
    from datetime import datetime

    from commdesk.store.server_backups import ServerCopy

    return ServerCopy(tmp / "copy.sqlite", datetime(2026, 12, 3, 17, 45))


def tour_read_only(tour: Tour, shell: Any, window: Any) -> None:
    """The window on a server's local copy: the banner on top, the writing actions gone."""
    from commdesk.ui.server_away import make_read_only

    text = "只读：服务器 street-office-server.local:5432 上的数据库 cd_110105001001 不可用，" \
           "显示 2026-12-03 17:45 的备份"  # fmt: skip
    make_read_only(window, text)
    window.show_page("services")
    tour.check(window, "main window read-only")


def main() -> int:
    language = sys.argv[1] if len(sys.argv) > 1 else "zh_CN"
    font_scale = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    app = QApplication(sys.argv[:1])
    from commdesk.store.engine import open_store
    from commdesk.ui.shell import Shell
    from commdesk.ui.theme import apply_style
    from commdesk.ui.translations import Translators

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    from commdesk.ui import due_returns

    # Three returns late or due within days at start: the longest notice in the status bar.
    due_returns.clock = lambda: date(2027, 1, 12)
    tour = Tour(app, font_scale)
    with tempfile.TemporaryDirectory(prefix="commdesk-fit-") as name:
        tmp = Path(name)
        translators = Translators()
        translators.apply(language)
        apply_style(app, font_scale)
        tour_wizard(tour, translators, tmp)
        store = open_store(tmp / "data")
        populate(store)
        shell = Shell(store, translators)
        window = tour_main_window(tour, shell)
        tour_forms(tour, window)
        tour_batch(tour, window)
        tour_dialogs(tour, shell, window, tmp)
        tour_import(tour, window, tmp)
        tour_read_only(tour, shell, window)
        shell.dispose()
        store.close()
    screen = app.primaryScreen()
    print(
        json.dumps(
            {
                "screen": [screen.size().width(), screen.size().height()],
                "dpr": screen.devicePixelRatio(),
                "checked": tour.checked,
                "problems": tour.found,
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
